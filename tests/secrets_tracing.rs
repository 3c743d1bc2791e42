//! Everything the SDK logs, at the most verbose level with bodies on, shows
//! the requests' shape but never the key, a token or a credential value.
//!
//! This binary holds one test and installs a global subscriber: a
//! per-thread subscriber raced other tests on tracing's callsite cache.

use std::io::Write;
use std::sync::{Arc, Mutex};

use konigle_core::Config;
use konigle_suite::recorder::{Canned, Fault, Recorder};
use serde_json::json;

const KEY: &str = "sk_live_S3CR3T_value_42";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn tracing_output_hides_the_key_tokens_and_credentials() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber of this binary");

    let image = json!({"id": "img_1", "name": "a", "mime_type": "image/png",
        "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"});
    let server = Recorder::start(vec![
        // The credentials endpoint: never logged, valid or not.
        Canned::json(
            200,
            &json!({"access_token": "tok_live_SECRET_token", "refresh_token": "ref_SECRET", "expires_at": "soon"}),
        ),
        Canned::json(200, &json!([{"private_key": "pk_SECRET"}])),
        // An ordinary endpoint whose body holds credential-like keys, nested and in arrays.
        Canned::json(
            200,
            &json!({"id": "img_1", "name": "a", "mime_type": "image/png",
                "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z",
                "meta": {"items": [{"private_key": "pk_SECRET", "key": "k_SECRET", "session": "sess_SECRET",
                    "dsn": "postgres://u:pw_SECRET@h/db", "credentials": {"user": "u_SECRET"}}]}}),
        ),
        // A server echoing the key back in its error.
        Canned::json(401, &serde_json::Value::Null).fault(Fault::EchoAuthorization),
        Canned::json(200, &image),
    ]);
    let config = Config::builder(KEY).base_url(&server.base_url).log_bodies(true).enable_retry(false).build().unwrap();
    let client = konigle_blocking::Client::new(config).unwrap();
    let creds = client.connections().get_credentials("konigle_forms").expect("credentials");
    assert_eq!(creds.access_token().map(|t| t.expose().to_string()).as_deref(), Some("tok_live_SECRET_token"));
    let err = client.connections().get_credentials("konigle_forms").expect_err("not a map");
    assert!(!format!("{err} {err:?}").contains("SECRET"), "{err:?}");
    client.images().get("img_1").expect("image");
    let err = client.images().get("img_1").expect_err("401");
    assert!(!format!("{err} {err:?}").contains("S3CR3T"), "{err:?}");
    client.images().get("img_1").expect("image");

    let logged = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("konigle.request"), "{logged}");
    assert!(logged.contains("/relay/api/v1/connections/get-credentials"), "{logged}");
    assert!(logged.contains("status=200"), "{logged}");
    assert!(logged.contains("response body"), "bodies are logged when asked: {logged}");
    assert!(logged.contains("Invalid token"), "the echoing error is logged: {logged}");
    assert!(!logged.contains(KEY) && !logged.contains("S3CR3T"), "the key leaks: {logged}");
    assert!(!logged.contains("SECRET"), "a token or credential value leaks: {logged}");
}
