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
