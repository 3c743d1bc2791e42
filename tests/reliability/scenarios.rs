//! Written once, compiled for both facades.

use std::time::{Duration, Instant};

use konigle_core::models::{Image, ImageCreate};
use konigle_suite::recorder::{Canned, Fault, Recorder};
use serde_json::{json, Value};

use super::{collect, facade, Client, Error, FileInput, ListParams};

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
    let data = ImageCreate::new("Once", FileInput::bytes(*b"png").with_name("a.png"));
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
    let created = client(&server, 3).images().create(ImageCreate::new("Poster", path.clone())).await;
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
        .retry(konigle_core::RetryConfig {
            enabled: true,
            max_retries: retries,
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(5),
        })
        .timeout(Duration::from_millis(500))
        .build()
        .expect("config");
    Client::new(config).expect("client")
}

fn audience(name: &str) -> konigle_core::models::AudienceCreate {
    konigle_core::models::AudienceCreate::new(name, ["reliability"]).code(name.to_lowercase().replace(' ', "-"))
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
