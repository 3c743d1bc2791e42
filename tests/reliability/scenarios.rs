//! Written once, compiled for both facades.

use std::time::{Duration, Instant};

use konigle_core::models::{Image, ImageCreate};
use konigle_suite::recorder::{Canned, Fault, Recorder};
use serde_json::{json, Value};

use super::{collect, facade, Client, Error, FileInput, ListParams, Record};

fn image(id: &str) -> Value {
    json!({
        "id": id, "name": id, "mime_type": "image/png", "alt_text": "", "size": 1,
        "asset_url": null, "tags": [], "description": null, "meta": null,
        "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z",
        "image_width": 1, "image_height": 1
    })
}

fn page(ids: &[&str], next: bool) -> Value {
    json!({
        "count": 5, "num_pages": 3, "previous": null,
        "next": if next { json!("http://x/next") } else { Value::Null },
        "payload": ids.iter().map(|i| image(i)).collect::<Vec<_>>()
    })
}

fn client(server: &Recorder, retries: u32) -> Client {
    Client::new(crate::config(&server.base_url, retries)).expect("client")
}

#[facade]
pub async fn retry_after_429_then_success() {
    let server = Recorder::start(vec![
        Canned::json(429, &json!({"detail": "slow down"})).header("Retry-After", "0"),
        Canned::json(200, &image("img_1")),
    ]);
    let img = client(&server, 3).images().get("img_1").await.expect("retried to success");
    assert_eq!(img.id, "img_1");
    assert_eq!(server.received().len(), 2);
}

#[facade]
pub async fn server_errors_twice_then_success() {
    let server = Recorder::start(vec![
        Canned::json(503, &json!({"detail": "busy"})),
        Canned::json(502, &Value::Null),
        Canned::json(200, &image("img_1")),
    ]);
    let img = client(&server, 3).images().get("img_1").await.expect("retried to success");
    assert_eq!(img.name, "img_1");
    assert_eq!(server.received().len(), 3);
}

#[facade]
pub async fn retries_exhausted_reports_attempts() {
    let server = Recorder::start((0..5).map(|_| Canned::json(503, &json!({"detail": "down"}))).collect());
    let err = client(&server, 2).images().get("img_1").await.expect_err("server stays down");
    assert!(matches!(err, Error::Server(ref a) if a.message == "down"), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(server.received().len(), 3);
}

#[facade]
pub async fn disabled_retries_send_once() {
    let server = Recorder::start(vec![Canned::json(503, &json!({})), Canned::json(200, &image("x"))]);
    let config = konigle_core::Config::builder("k").base_url(&server.base_url).enable_retry(false).build().unwrap();
    let err = Client::new(config).unwrap().images().get("x").await.expect_err("no retry");
    assert_eq!((err.status(), err.attempts(), server.received().len()), (Some(503), 1, 1));
}

#[facade]
pub async fn post_not_repeated_after_dropped_connection() {
    let server = Recorder::start(vec![
        Canned::json(201, &image("img_1")).fault(Fault::Drop),
        Canned::json(201, &image("img_2")),
    ]);
    let data = ImageCreate::builder().name("Once").image(FileInput::bytes(*b"png").with_name("a.png")).build();
    let err = client(&server, 3).images().create(data).await.expect_err("the POST may have landed: no retry");
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(server.received().len(), 1, "a POST that may have reached the server is never re-sent");
}

#[facade]
pub async fn get_retried_after_dropped_connection() {
    let server =
        Recorder::start(vec![Canned::json(200, &image("a")).fault(Fault::Drop), Canned::json(200, &image("img_1"))]);
    let img = client(&server, 3).images().get("img_1").await.expect("GET is idempotent");
    assert_eq!(img.id, "img_1");
    assert_eq!(server.received().len(), 2);
}

#[facade]
pub async fn timeout_fires_within_bound() {
    let slow = Canned::json(200, &image("a")).fault(Fault::Delay(Duration::from_secs(3)));
    let server = Recorder::start(vec![slow]);
    let started = Instant::now();
    let err = client(&server, 0).images().get("a").await.expect_err("too slow");
    let took = started.elapsed();
    assert!(matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(400)), "{err:?}");
    assert!(took < Duration::from_millis(2500), "timed out after {took:?}");
}

#[facade]
pub async fn iter_all_across_faults_yields_each_item_once() {
    let server = Recorder::start(vec![
        Canned::json(200, &page(&["a", "b"], true)),
        Canned::json(503, &json!({"detail": "blip"})),
        Canned::json(200, &page(&["c", "d"], true)).fault(Fault::Drop),
        Canned::json(200, &page(&["c", "d"], true)),
        Canned::json(429, &json!({"detail": "slow", "retry_after": 0})),
        Canned::json(200, &page(&["e"], false)),
    ]);
    let items = collect(client(&server, 3).images().iter_all(&ListParams::new().page_size(2))).await;
    let ids: Vec<String> = items.into_iter().map(|r| r.expect("every page recovered").id.clone()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let pages: Vec<String> = server.received().iter().map(|r| r.target.clone()).collect();
    assert!(pages.last().is_some_and(|p| p.contains("page=3")), "{pages:?}");
}

#[facade]
pub async fn malformed_answers_are_typed_errors() {
    let bodies: Vec<(u16, Vec<u8>, Fault)> = vec![
        (200, b"{\"id\": \"x\", \"name\": ".to_vec(), Fault::None),
        (200, b"{\"id\": 5}".to_vec(), Fault::None),
        (200, vec![0xff, 0xfe, 0x00, 0x80], Fault::None),
        (200, Vec::new(), Fault::None),
        (200, serde_json::to_vec(&image("x")).unwrap(), Fault::Truncate),
        (500, b"<html><body>Internal Server Error</body></html>".to_vec(), Fault::None),
        (200, format!("[{}]", "1,".repeat(200_000) + "1").into_bytes(), Fault::None),
    ];
    for (status, body, fault) in bodies {
        let server = Recorder::start(vec![Canned::json(status, &Value::Null).with_body(&body).fault(fault)]);
        let err = client(&server, 0).images().get("x").await.expect_err("malformed");
        match (&err, fault) {
            (Error::Decode { excerpt, .. }, Fault::None) => assert!(excerpt.chars().count() <= 200),
            (Error::Server(a), _) => assert!(a.message.starts_with("HTTP 500: <html>")),
            (Error::Network { .. } | Error::Decode { .. }, Fault::Truncate) => {}
            other => panic!("unexpected {other:?} for status {status}"),
        }
    }
    let _: Option<Image> = None;
}

#[facade]
pub async fn retry_after_too_long_is_not_waited() {
    let server = Recorder::start(vec![
        Canned::json(429, &json!({"detail": "later"})).header("Retry-After", "3600"),
        Canned::json(200, &image("x")),
    ]);
    let started = Instant::now();
    let err = client(&server, 3).images().get("x").await.expect_err("an hour is beyond max_retry_after");
    assert!(matches!(err, Error::RateLimited(ref a) if a.retry_after == Some(Duration::from_secs(3600))));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received().len(), 1);
}

#[facade]
pub async fn per_call_timeout_overrides_the_client() {
    let slow = || Canned::json(200, &image("a")).fault(Fault::Delay(Duration::from_millis(700)));
    let server = Recorder::start(vec![slow(), slow()]);
    let c = client(&server, 0);
    let err = c.images().get("a").await.expect_err("400 ms client timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    let img = c.images().with_timeout(Duration::from_secs(5)).get("a").await.expect("a longer timeout for this call");
    assert_eq!(img.id, "a");
}

#[facade]
pub async fn file_upload_is_resent_whole_after_429() {
    let thread = format!("{:?}", std::thread::current().id()).replace(|c: char| !c.is_ascii_digit(), "");
    let dir = std::env::temp_dir().join(format!("konigle-retry-upload-{}-{thread}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("poster.png");
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).unwrap();
    let server = Recorder::start(vec![
        Canned::json(429, &json!({"detail": "slow", "retry_after": 0})),
        Canned::json(201, &image("img_9")),
    ]);
    let created =
        client(&server, 3).images().create(ImageCreate::builder().name("Poster").image(path.clone()).build()).await;
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(created.expect("second attempt succeeds").id, "img_9");
    let received = server.received();
    assert_eq!(received.len(), 2);
    for r in &received {
        let found = r.body.windows(content.len().min(64)).any(|w| w == &content[..64]);
        assert!(found && r.body.len() > content.len(), "every attempt carries the whole file");
    }
}

// ---- against the stateful stand-in server --------------------------------

fn mock_client(server: &konigle_mock::MockServer, retries: u32) -> Client {
    let config = konigle_core::Config::builder(server.api_key())
        .base_url(server.base_url())
        .forms_base_url(server.base_url())
        .retry(
            konigle_core::RetryConfig::standard()
                .with_max_retries(retries)
                .with_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(50))
                .with_max_retry_after(Duration::from_secs(5)),
        )
        .timeout(Duration::from_millis(500))
        .build()
        .expect("config");
    Client::new(config).expect("client")
}

fn audience(name: &str) -> konigle_core::models::AudienceCreate {
    konigle_core::models::AudienceCreate::builder()
        .name(name)
        .tags(["reliability"])
        .code(name.to_lowercase().replace(' ', "-"))
        .build()
}

#[facade]
pub async fn mock_post_that_landed_is_not_duplicated() {
    use konigle_mock::{collections, Fault, MockServer};
    let server = MockServer::start_blocking();
    // The server stores the audience, then the answer is cut off mid-body.
    server.inject(Fault::truncated_body().method("POST").path_prefix("/reachout/api/v1/audiences"));
    let c = mock_client(&server, 3);
    let err = c.audiences().create(audience("Landed Once")).await.expect_err("the answer was cut off");
    assert!(matches!(err, Error::Network { .. } | Error::Decode { .. }), "{err:?}");
    assert_eq!(server.documents(collections::AUDIENCES).len(), 1, "stored exactly once");
    assert_eq!(server.request_count("POST", "/reachout/api/v1/audiences"), 1, "never re-sent");
    // A refused connection-level failure before processing is also not retried for POST.
    server.inject(Fault::drop_connection().method("POST"));
    let err = c.audiences().create(audience("Dropped")).await.expect_err("dropped");
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert_eq!(server.documents(collections::AUDIENCES).len(), 1);
}

#[facade]
pub async fn mock_rate_limits_and_outages_are_ridden_out() {
    use konigle_mock::{Fault, MockServer};
    let server = MockServer::start_blocking();
    let c = mock_client(&server, 3);
    let created = c.audiences().create(audience("Steady")).await.expect("created");
    server.inject(Fault::rate_limited(Duration::from_secs(0)).times(1));
    server.inject(Fault::status(503).times(2));
    let got = c.audiences().get(&created.id).await.expect("ridden out");
    assert_eq!(got.name, "Steady");
    server.inject(Fault::status(503).times(10));
    let err = c.audiences().get(&created.id).await.expect_err("still down after 3 retries");
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert_eq!(err.attempts(), 4);
    server.clear_faults();
}

#[facade]
pub async fn mock_timeout_fires_within_bound() {
    use konigle_mock::{Fault, MockServer};
    let server = MockServer::start_blocking();
    server.inject(Fault::delay(Duration::from_secs(3)));
    let started = Instant::now();
    let err = mock_client(&server, 0).audiences().list(&ListParams::new()).await.expect_err("slow");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(2500));
}

#[facade]
pub async fn mock_iter_all_across_faults_yields_each_once() {
    use konigle_mock::{collections, Fault, MockServer};
    let server = MockServer::start_blocking();
    for i in 0..230 {
        let email = format!("walker{i}@example.com");
        server.create(collections::CONTACTS, json!({"email": email})).expect("seeded");
    }
    let c = mock_client(&server, 4);
    server.inject(Fault::status(502).times(1).path_prefix("/reachout/api/v1/contacts"));
    server.inject(Fault::drop_connection().times(1).path_prefix("/reachout/api/v1/contacts"));
    server.inject(Fault::truncated_body().times(1).path_prefix("/reachout/api/v1/contacts"));
    let items = collect(c.contacts().iter_all(&ListParams::new().page_size(50))).await;
    let mut emails: Vec<String> = items.into_iter().map(|r| r.expect("recovered").email.clone()).collect();
    assert_eq!(emails.len(), 230);
    emails.sort();
    emails.dedup();
    assert_eq!(emails.len(), 230, "no item twice, none missing");
}

// ---- hostile or broken servers ---------------------------------------------

fn limited_client(server: &Recorder, max_response_bytes: u64) -> Client {
    let config = konigle_core::Config::builder("test-key")
        .base_url(&server.base_url)
        .enable_retry(false)
        .timeout(Duration::from_secs(20))
        .max_response_bytes(max_response_bytes)
        .build()
        .expect("config");
    Client::new(config).expect("client")
}

#[facade]
pub async fn endless_chunked_body_stops_at_the_limit() {
    for status in [200u16, 500] {
        let server = Recorder::fixed(Canned::json(status, &Value::Null).fault(Fault::Endless));
        let started = Instant::now();
        let err = limited_client(&server, 1 << 20).images().get("x").await.expect_err("endless body");
        assert!(
            matches!(err, Error::ResponseTooLarge { limit, status: s } if limit == 1 << 20 && s == status),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        assert_eq!(server.received().len(), 1, "not retried");
    }
}

#[facade]
pub async fn huge_content_length_fails_before_reading() {
    let server = Recorder::fixed(Canned::json(200, &Value::Null).fault(Fault::HugeLength));
    let started = Instant::now();
    let err = limited_client(&server, 1 << 20).images().get("x").await.expect_err("2 GiB announced");
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[facade]
pub async fn redirected_post_is_an_error_not_a_get() {
    let server = Recorder::start(vec![
        Canned::json(302, &Value::Null).header("Location", "/admin/api/storefront-assets/elsewhere"),
        Canned::json(200, &image("img_1")),
    ]);
    let data = ImageCreate::builder().name("Once").image(FileInput::bytes(*b"png").with_name("a.png")).build();
    let err = client(&server, 3).images().create(data).await.expect_err("a redirect is not a success");
    match &err {
        Error::Redirect { status: 302, location: Some(l) } => assert!(l.ends_with("/elsewhere"), "{l}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received().len(), 1, "the redirect was not followed");
}

#[facade]
pub async fn redirect_never_forwards_a_body_to_another_origin() {
    let other = Recorder::start(vec![Canned::json(201, &image("img_1"))]);
    let location = format!("{}/steal", other.base_url);
    let server = Recorder::start(vec![Canned::json(307, &Value::Null).header("Location", &location)]);
    let data = ImageCreate::builder().name("Private").image(FileInput::bytes(*b"png").with_name("a.png")).build();
    let err = client(&server, 3).images().create(data).await.expect_err("307 to another host");
    assert!(matches!(&err, Error::Redirect { status: 307, location: Some(l) } if *l == location), "{err:?}");
    assert!(err.to_string().contains("307") && err.to_string().contains(&location), "{err}");
    assert!(other.received().is_empty(), "nothing reached the other origin");
    // A GET is not followed either.
    let server = Recorder::start(vec![Canned::json(301, &Value::Null).header("Location", &location)]);
    let err = client(&server, 3).images().get("x").await.expect_err("301");
    assert!(matches!(err, Error::Redirect { status: 301, .. }), "{err:?}");
    assert!(other.received().is_empty());
}

#[facade]
pub async fn echoed_key_is_scrubbed_from_errors() {
    for status in [400u16, 401, 500] {
        let server = Recorder::start(vec![Canned::json(status, &Value::Null).fault(Fault::EchoAuthorization)]);
        let err = client(&server, 0).images().get("x").await.expect_err("echo");
        assert!(server.received()[0].header("authorization") == Some("Token test-key"));
        let shown = format!("{err} | {err:?} | {}", err.api().map(|a| a.body.to_string()).unwrap_or_default());
        assert!(shown.contains("Invalid token"), "{shown}");
        assert!(!shown.contains("test-key"), "the key is echoed back: {shown}");
    }
}

#[facade]
pub async fn api_errors_carry_the_request_id_and_headers() {
    let server = Recorder::start(vec![Canned::json(404, &json!({"detail": "Not found."}))
        .header("X-Request-Id", "req-7f3a")
        .header("X-Unrelated", "dropped")]);
    let err = client(&server, 0).images().get("x").await.expect_err("404");
    let api = err.api().expect("an API error");
    assert_eq!((api.status, api.request_id.as_deref()), (404, Some("req-7f3a")));
    assert_eq!(api.header("content-type"), Some("application/json"));
    assert_eq!(api.header("x-unrelated"), None);
    assert!(err.to_string().contains("req-7f3a"), "{err}");
}

#[facade]
pub async fn retry_after_is_honoured_on_503() {
    let server = Recorder::start(vec![
        Canned::json(503, &json!({"detail": "maintenance"})).header("Retry-After", "1"),
        Canned::json(200, &image("img_1")),
    ]);
    let started = Instant::now();
    let img = client(&server, 3).images().get("img_1").await.expect("retried after the wait");
    assert_eq!(img.id, "img_1");
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
}

#[facade]
pub async fn overflowing_retry_after_ends_the_retries() {
    let cases = vec![
        Canned::json(503, &json!({"detail": "later"})).header("Retry-After", "100000000000000000000000"),
        Canned::json(429, &json!({"detail": "later", "retry_after": 1e300})),
        Canned::json(503, &json!({"detail": "later"})).header("Retry-After", "3600"),
    ];
    for canned in cases {
        let status = canned.status;
        let server = Recorder::start(vec![canned, Canned::json(200, &image("x"))]);
        let started = Instant::now();
        let err = client(&server, 3).images().get("x").await.expect_err("beyond max_retry_after");
        assert_eq!((err.status(), err.attempts()), (Some(status), 1), "{err:?}");
        assert!(err.api().and_then(|a| a.retry_after).is_some_and(|w| w > Duration::from_secs(5)));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(server.received().len(), 1);
    }
}

#[facade]
pub async fn operation_timeout_ends_the_call_mid_backoff() {
    let server = Recorder::start(vec![
        Canned::json(503, &json!({"detail": "busy"})).header("Retry-After", "3"),
        Canned::json(200, &image("x")),
    ]);
    let config = konigle_core::Config::builder("k")
        .base_url(&server.base_url)
        .operation_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = Client::new(config).unwrap().images().get("x").await.expect_err("the deadline passes first");
    assert!(matches!(err, Error::Timeout { after, attempts: 1 } if after == Duration::from_millis(500)), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    assert_eq!(server.received().len(), 1);
    // Per call, and cutting a slow attempt short.
    let slow = Canned::json(200, &image("a")).fault(Fault::Delay(Duration::from_secs(3)));
    let server = Recorder::start(vec![slow]);
    let c = Client::new(konigle_core::Config::builder("k").base_url(&server.base_url).build().unwrap()).unwrap();
    let started = Instant::now();
    let err = c.images().with_operation_timeout(Duration::from_millis(300)).get("a").await.expect_err("slow");
    assert!(matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(300)), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1500));
}

#[facade]
pub async fn network_errors_keep_their_cause() {
    let server = Recorder::start(vec![Canned::json(200, &image("a")).fault(Fault::Drop)]);
    let err = client(&server, 0).images().get("a").await.expect_err("dropped");
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(std::error::Error::source(&err).is_some(), "the reqwest error is the source: {err:?}");
}

fn listing(ids: &[&str], count: u64, next: bool) -> Canned {
    Canned::json(
        200,
        &json!({
            "count": count, "num_pages": count.div_ceil(2), "previous": null,
            "next": if next { json!("http://x/next") } else { Value::Null },
            "payload": ids.iter().map(|i| image(i)).collect::<Vec<_>>()
        }),
    )
}

fn walked(items: Vec<konigle_core::Result<Record<Image>>>) -> (Vec<String>, Option<Error>) {
    let mut ids = vec![];
    for item in items {
        match item {
            Ok(r) => ids.push(r.id.clone()),
            Err(e) => return (ids, Some(e)),
        }
    }
    (ids, None)
}

#[facade]
pub async fn iter_all_survives_inserts_and_deletes() {
    // An item inserted at the front after page 1 pushes "b" onto page 2.
    let server =
        Recorder::start(vec![listing(&["a", "b"], 4, true), listing(&["b", "c"], 5, true), listing(&["d"], 5, false)]);
    let (ids, err) = walked(collect(client(&server, 0).images().iter_all(&ListParams::new().page_size(2))).await);
    assert_eq!((ids, err.is_none()), (vec!["a".to_string(), "b".into(), "c".into(), "d".into()], true));
    // "a" is deleted after page 1: "c" moves onto page 1, which is read again.
    let server = Recorder::start(vec![
        listing(&["a", "b"], 5, true),
        listing(&["d", "e"], 4, false),
        listing(&["b", "c"], 4, true),
        listing(&["d", "e"], 4, false),
    ]);
    let (mut ids, err) = walked(collect(client(&server, 0).images().iter_all(&ListParams::new().page_size(2))).await);
    assert!(err.is_none(), "{err:?}");
    ids.sort();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let pages: Vec<String> = server.received().iter().map(|r| r.target.clone()).collect();
    assert!(pages[2].contains("page=1&"), "stepped back: {pages:?}");
    // An empty page that links a next one does not end the walk.
    let server = Recorder::start(vec![listing(&[], 2, true), listing(&["a", "b"], 2, false)]);
    let (ids, err) = walked(collect(client(&server, 0).images().iter_all(&ListParams::new().page_size(2))).await);
    assert_eq!((ids.len(), err.is_none()), (2, true));
}

#[facade]
pub async fn iter_all_against_a_server_ignoring_the_page_ends_with_an_error() {
    let server = Recorder::fixed(listing(&["a", "b"], 10, true));
    let (ids, err) = walked(collect(client(&server, 0).images().iter_all(&ListParams::new().page_size(2))).await);
    assert_eq!(ids, ["a", "b"]);
    assert!(matches!(err, Some(Error::Pagination { .. })), "{err:?}");
    assert_eq!(server.received().len(), 3);
    // Endless next links with fresh items: bounded by the reported page count.
    let server = Recorder::start((0..50).map(|i| listing(&[&format!("x{i}"), &format!("y{i}")], 4, true)).collect());
    let (ids, err) = walked(collect(client(&server, 0).images().iter_all(&ListParams::new().page_size(2))).await);
    assert!(matches!(err, Some(Error::Pagination { .. })), "{err:?}");
    assert!(server.received().len() <= 2 + 3 && ids.len() <= 10, "{}", server.received().len());
}

#[facade]
pub async fn credential_bodies_are_never_quoted() {
    let server = Recorder::start(vec![
        Canned::json(200, &json!(["tok_live_SECRET_value"])),
        Canned::json(400, &json!({"detail": "bad", "access_token": "tok_live_SECRET_value"})),
    ]);
    let c = client(&server, 0);
    let err = c.connections().get_credentials("konigle_forms").await.expect_err("not a map");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("SECRET"), "{err:?}");
    let err = c.connections().get_credentials("konigle_forms").await.expect_err("400");
    assert!(!format!("{err} {err:?}").contains("SECRET"), "{err:?}");
}

#[facade]
pub async fn post_is_retried_after_a_connect_timeout() {
    let Some((_listener, _held, base)) = crate::unreachable_base() else {
        // The platform accepts every connection at once: nothing to time out on.
        return;
    };
    let config = konigle_core::Config::builder("k")
        .base_url(&base)
        .retry(
            konigle_core::RetryConfig::standard()
                .with_max_retries(2)
                .with_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(10))
                .with_max_retry_after(Duration::from_secs(1)),
        )
        .connect_timeout(Duration::from_millis(100))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let data = ImageCreate::builder().name("Never sent").image(FileInput::bytes(*b"png").with_name("a.png")).build();
    let err = Client::new(config).unwrap().images().create(data).await.expect_err("cannot connect");
    assert!(
        matches!(err, Error::Timeout { after, attempts: 3 } if after == Duration::from_millis(100)),
        "the connection was never made, so the POST is retried, and the connect timeout is named: {err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

/// A server that refuses an upload with 413 before reading its body: both
/// clients report the server's answer, not a broken connection.
#[facade]
pub async fn early_413_during_an_upload_is_reported() {
    let base = crate::early_413_server();
    // One folder per test thread: the two facades' tests run in parallel.
    let dir =
        std::env::temp_dir().join(format!("konigle-413-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.png");
    std::fs::write(&path, vec![7u8; 8 * 1024 * 1024]).expect("8 MiB file");
    let client = Client::new(crate::config(&base, 0)).expect("client");
    let err = client
        .images()
        .create(ImageCreate::builder().name("Big").image(path.as_path()).build())
        .await
        .expect_err("413");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(err.status(), Some(413), "{err:?}");
    assert!(err.to_string().contains("File too large"), "{err}");
}
