//! The API key never shows up in `Debug`/`Display` output of the config,
//! the clients, or any error the SDK produces.

use std::time::Duration;

use konigle_core::{Config, Error, Secret};
use konigle_suite::recorder::{Canned, Fault, Recorder};
use serde_json::json;

const KEY: &str = "sk_live_S3CR3T_value_42";

fn config(base: &str) -> Config {
    Config::builder(KEY).base_url(base).enable_retry(false).timeout(Duration::from_millis(300)).build().unwrap()
}

fn assert_hidden(what: &str, text: &str) {
    assert!(!text.contains(KEY), "{what} leaks the key: {text}");
    assert!(!text.contains("S3CR3T"), "{what} leaks part of the key: {text}");
}

#[test]
fn config_and_clients_hide_the_key() {
    let c = config("http://127.0.0.1:9");
    assert_hidden("Config Debug", &format!("{c:?}"));
    assert_hidden("authorization Debug", &format!("{:?}", c.authorization()));
    assert_hidden("authorization Display", &format!("{}", c.authorization()));
    assert_hidden("blocking client", &format!("{:?}", konigle_blocking::Client::new(c.clone()).unwrap()));
    assert_hidden("async client", &format!("{:?}", konigle::Client::new(c).unwrap()));
    assert_hidden("Secret", &format!("{:?} {}", Secret::new(KEY), Secret::new(KEY)));
    let err = Config::builder(KEY).max_connections(0).build().unwrap_err();
    assert_hidden("config error", &format!("{err} {err:?}"));
}

#[test]
fn errors_from_every_kind_of_failure_hide_the_key() {
    let mut errors: Vec<Error> = vec![];
    for status in [400u16, 401, 403, 404, 409, 418, 429, 500, 503] {
        let server = Recorder::start(vec![Canned::json(status, &json!({"detail": "nope", "name": ["bad"]}))]);
        errors.push(konigle_blocking::Client::new(config(&server.base_url)).unwrap().images().get("x").unwrap_err());
    }
    let server = Recorder::start(vec![Canned::json(200, &json!({"id": 1}))]);
    errors.push(konigle_blocking::Client::new(config(&server.base_url)).unwrap().images().get("x").unwrap_err());
    let server = Recorder::start(vec![Canned::json(200, &json!({})).fault(Fault::Drop)]);
    errors.push(konigle_blocking::Client::new(config(&server.base_url)).unwrap().images().get("x").unwrap_err());
    let server = Recorder::start(vec![Canned::json(200, &json!({})).fault(Fault::Delay(Duration::from_secs(2)))]);
    errors.push(konigle_blocking::Client::new(config(&server.base_url)).unwrap().images().get("x").unwrap_err());
    let closed = konigle_blocking::Client::new(config("http://127.0.0.1:9")).unwrap();
    errors.push(closed.images().get("x").unwrap_err());
    assert!(errors.iter().any(|e| matches!(e, Error::Timeout { .. })));
    assert!(errors.iter().any(|e| matches!(e, Error::Network { .. })));
    assert!(errors.iter().any(|e| matches!(e, Error::Decode { .. })));
    for e in &errors {
        assert_hidden("error", &format!("{e} | {e:?}"));
    }
}

// The tracing test lives in `tests/secrets_tracing.rs`, a binary of its own:
// a subscriber set for one thread raced the other tests here on tracing's
// callsite cache and missed lines about one run in six.
