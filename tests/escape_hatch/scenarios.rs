//! Written once, compiled for both facades.

use konigle_suite::recorder::{Canned, Recorder};
use serde_json::{json, Value};

use super::{facade, Client, Error, Method};

fn client(server: &Recorder) -> Client {
    Client::new(crate::config(&server.base_url)).expect("client")
}

#[facade]
pub async fn raw_get_with_query_is_retried_and_decoded() {
    let server = Recorder::start(vec![
        Canned::json(503, &json!({"detail": "busy"})),
        Canned::json(200, &json!({"id": "x/1", "title": "About"})),
    ]);
    let page: Value = client(&server)
        .request(Method::Get, "/admin/api/pages")
        .segment("x/1")
        .query("detail", true)
        .query("tag", "a b")
        .send()
        .await
        .expect("retried to success");
    assert_eq!(page["title"], "About");
    let received = server.received();
    assert_eq!(received.len(), 2, "one retry after the 503");
    for r in &received {
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/admin/api/pages/x%2F1?detail=true&tag=a+b"));
        assert_eq!(r.header("authorization"), Some("Token test-key"));
    }
}

#[facade]
pub async fn raw_post_sends_json_and_maps_errors() {
    let server = Recorder::start(vec![
        Canned::json(201, &json!({"ok": true})),
        Canned::json(404, &json!({"detail": "No such thing"})),
    ]);
    let c = client(&server);
    let answer: Value =
        c.request(Method::Post, "/admin/api/things").json(&json!({"name": "A"})).send().await.expect("created");
    assert_eq!(answer, json!({"ok": true}));
    let err = c.request(Method::Get, "/admin/api/things/9").send::<Value>().await.expect_err("404");
    assert!(matches!(err, Error::NotFound(ref a) if a.message.contains("No such thing")), "{err:?}");
    let received = server.received();
    assert_eq!(received[0].method, "POST");
    assert_eq!(
        received[0].header("content-type").map(|v| v.split(';').next().unwrap_or_default()),
        Some("application/json")
    );
    assert_eq!(serde_json::from_slice::<Value>(&received[0].body).expect("json body"), json!({"name": "A"}));
    assert_eq!(received.len(), 2, "a 404 is not retried");
}

#[facade]
pub async fn raw_send_empty_accepts_no_content() {
    let server = Recorder::start(vec![Canned::json(204, &Value::Null)]);
    client(&server).request(Method::Delete, "/admin/api/things/9").send_empty().await.expect("204 is success");
    assert_eq!(server.received()[0].method, "DELETE");
}

#[facade]
pub async fn raw_bad_paths_send_nothing() {
    let server = Recorder::start(vec![Canned::json(200, &json!({}))]);
    let c = client(&server);
    for path in ["https://elsewhere.example/x", "//elsewhere.example/x", "/x?y=1", "relative", "/a/../b"] {
        let err = c.request(Method::Get, path).send::<Value>().await.expect_err(path);
        assert!(matches!(err, Error::InvalidInput { .. }), "{path}: {err:?}");
    }
    let err = c.request(Method::Get, "/x").segment("").send_empty().await.expect_err("empty segment");
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(server.received().is_empty(), "nothing was sent");
}

#[facade]
pub async fn record_built_from_a_model_saves_its_changes() {
    let audience: konigle_core::models::Audience = serde_json::from_value(json!({
        "id": "aud_1", "name": "VIP", "code": "vip", "tags": ["vip"], "description": "",
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"
    }))
    .expect("an audience");
    let server = Recorder::start(vec![Canned::json(
        200,
        &json!({
            "id": "aud_1", "name": "VIP customers", "code": "vip", "tags": ["vip"], "description": "",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z"
        }),
    )]);
    let c = client(&server);
    let mut vip = c.record(audience.clone());
    assert!(!vip.is_dirty());
    assert_eq!(vip, c.record(audience), "records compare by their models");
    vip.name = "VIP customers".into();
    vip.save().await.expect("saved");
    assert_eq!(vip.updated_at.to_rfc3339(), "2024-01-02T00:00:00+00:00");
    let sent = &server.received()[0];
    assert_eq!((sent.method.as_str(), sent.target.as_str()), ("PATCH", "/reachout/api/v1/audiences/aud_1"));
    assert_eq!(serde_json::from_slice::<Value>(&sent.body).expect("json"), json!({"name": "VIP customers"}));
}

/// Records what a hook sees, and tags every attempt with a header.
#[derive(Default)]
struct Seen {
    attempts: std::sync::Mutex<Vec<(String, u32)>>,
    outcomes: std::sync::Mutex<Vec<Option<u16>>>,
}

impl konigle_core::hooks::Hook for Seen {
    fn before_attempt(
        &self,
        attempt: &konigle_core::hooks::Attempt<'_>,
        headers: &mut konigle_core::hooks::RequestHeaders,
    ) {
        self.attempts.lock().unwrap().push((format!("{} {}", attempt.method, attempt.path), attempt.number));
        headers.insert("X-Job", format!("sync-{}", attempt.number));
    }
    fn after_response(&self, _attempt: &konigle_core::hooks::Attempt<'_>, outcome: &konigle_core::hooks::Outcome<'_>) {
        let status = match outcome {
            konigle_core::hooks::Outcome::Response { status, .. } => Some(*status),
            _ => None,
        };
        self.outcomes.lock().unwrap().push(status);
    }
}

#[facade]
pub async fn hooks_see_every_attempt_and_add_headers() {
    let server =
        Recorder::start(vec![Canned::json(503, &json!({"detail": "busy"})), Canned::json(200, &json!({"id": "p_1"}))]);
    let seen = std::sync::Arc::new(Seen::default());
    let config = crate::config_builder(&server.base_url).hook(seen.clone()).build().expect("config");
    let c = Client::new(config).expect("client");
    let _: Value = c.request(Method::Get, "/admin/api/pages").segment("p_1").send().await.expect("retried");
    assert_eq!(
        *seen.attempts.lock().unwrap(),
        vec![("GET /admin/api/pages/{id}".to_string(), 1), ("GET /admin/api/pages/{id}".to_string(), 2)]
    );
    assert_eq!(*seen.outcomes.lock().unwrap(), vec![Some(503), Some(200)]);
    let tags: Vec<_> = server.received().iter().map(|r| r.header("x-job").map(str::to_owned)).collect();
    assert_eq!(tags, vec![Some("sync-1".to_string()), Some("sync-2".to_string())]);
}

/// Replaces the API key's `Authorization` with a token of its own.
struct BearerAuth;

impl konigle_core::hooks::Hook for BearerAuth {
    fn before_attempt(&self, _: &konigle_core::hooks::Attempt<'_>, headers: &mut konigle_core::hooks::RequestHeaders) {
        headers.insert("Authorization", "Bearer rotated-token");
    }
}

#[facade]
pub async fn a_hook_can_replace_the_authorization() {
    let server = Recorder::start(vec![Canned::json(200, &json!({"ok": true}))]);
    let config = crate::config_builder(&server.base_url).hook(std::sync::Arc::new(BearerAuth)).build().expect("config");
    let _: Value = Client::new(config).expect("client").request(Method::Get, "/x").send().await.expect("ok");
    let received = server.received();
    let auth: Vec<_> = received[0].headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("authorization")).collect();
    assert_eq!(auth.len(), 1, "one Authorization header: {auth:?}");
    assert_eq!(auth[0].1, "Bearer rotated-token");
}
