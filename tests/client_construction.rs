//! Building clients: around a caller's reqwest client, with default headers
//! from the config, the blocking client's upload path, and the blocking
//! client refusing to run inside a tokio runtime.

use std::path::PathBuf;
use std::time::Duration;

use konigle_core::models::UploadCreate;
use konigle_core::{Config, Error, FileInput};
use konigle_suite::recorder::{Canned, Received, Recorder};
use serde_json::json;

fn image() -> serde_json::Value {
    json!({"id": "img_1", "name": "Hero", "mime_type": "image/png", "size": 3,
           "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"})
}

fn upload(size: usize) -> serde_json::Value {
    json!({"id": "upl_1", "url": null, "mime_type": "image/png", "name": "Big", "size": size, "meta": {},
           "description": "", "created_at": "2024-03-01T10:00:00Z", "storage_path": "", "etag": "",
           "status": "completed", "upload_started_at": null, "upload_ended_at": null, "tags": []})
}

fn config(base: &str) -> Config {
    Config::builder("k").base_url(base).timeout(Duration::from_secs(10)).build().expect("config")
}

fn with_headers(base: &str) -> Config {
    Config::builder("k")
        .base_url(base)
        .default_header("X-Tenant", "shop-42")
        .default_header("X-Trace", "abc")
        .build()
        .expect("config")
}

fn assert_sdk_headers(r: &Received) {
    assert_eq!(r.header("authorization"), Some("Token k"), "{r:?}");
    assert_eq!(r.header("accept"), Some("application/json"), "{r:?}");
}

/// A file of `len` bytes in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, len: usize) -> TempFile {
        let path = std::env::temp_dir().join(format!("konigle-construction-{}-{name}.png", std::process::id()));
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, data).expect("write the test file");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn blocking_client_around_a_custom_reqwest_client() {
    let server = Recorder::fixed(Canned::json(200, &image()));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-reqwest", reqwest::header::HeaderValue::from_static("yes"));
    let http = reqwest::blocking::Client::builder().default_headers(headers).build().expect("reqwest client");
    let client = konigle_blocking::Client::with_http_client(with_headers(&server.base_url), http).expect("client");
    assert_eq!(client.images().get("img_1").expect("get").id, "img_1");
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("x-from-reqwest"), Some("yes"));
    assert_eq!(got[0].header("x-tenant"), Some("shop-42"));
    assert_sdk_headers(&got[0]);
}

#[tokio::test]
async fn async_client_around_a_custom_reqwest_client() {
    let server = Recorder::fixed(Canned::json(200, &image()));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-reqwest", reqwest::header::HeaderValue::from_static("yes"));
    let http = reqwest::Client::builder().default_headers(headers).build().expect("reqwest client");
    let client = konigle::Client::with_http_client(with_headers(&server.base_url), http).expect("client");
    assert_eq!(client.images().get("img_1").await.expect("get").id, "img_1");
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("x-from-reqwest"), Some("yes"));
    assert_eq!(got[0].header("x-trace"), Some("abc"));
    assert_sdk_headers(&got[0]);
}

#[test]
fn config_default_headers_arrive_from_both_clients() {
    let server = Recorder::fixed(Canned::json(200, &image()));
    let blocking = konigle_blocking::Client::new(with_headers(&server.base_url)).expect("client");
    blocking.images().get("img_1").expect("blocking get");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let client = konigle::Client::new(with_headers(&server.base_url)).expect("client");
        client.images().get("img_1").await.expect("async get");
    });
    let got = server.received();
    assert_eq!(got.len(), 2);
    for r in &got {
        assert_eq!(r.header("x-tenant"), Some("shop-42"), "{r:?}");
        assert_eq!(r.header("x-trace"), Some("abc"), "{r:?}");
        assert!(r.header("user-agent").is_some_and(|ua| ua.starts_with("konigle-rust/")), "{r:?}");
        assert_sdk_headers(r);
    }
}

#[test]
fn invalid_default_headers_are_a_config_error() {
    for (name, value) in [("Authorization", "Bearer x"), ("bad name", "v"), ("x-ok", "line\nbreak")] {
        let built = Config::builder("k").default_header(name, value).build();
        assert!(matches!(built, Err(Error::Config(_))), "{name:?}: {built:?}");
    }
}

/// The blocking client streams files on its upload path: the whole file
/// arrives with the SDK's and the config's headers, and a retried attempt
/// reads the file from disk again.
#[test]
fn blocking_upload_streams_the_file_and_rereads_it_on_retry() {
    let file = TempFile::new("retry", 300_000);
    let server = Recorder::start(vec![
        Canned::json(429, &json!({"detail": "slow down"})).header("retry-after", "0"),
        Canned::json(201, &upload(300_000)),
    ]);
    let client = konigle_blocking::Client::new(with_headers(&server.base_url)).expect("client");
    let created = client
        .uploads()
        .create(UploadCreate::builder().file(FileInput::path(&file.0)).name("Big").build())
        .expect("upload");
    assert_eq!(created.id, "upl_1");
    let data = std::fs::read(&file.0).expect("read the test file");
    let got = server.received();
    assert_eq!(got.len(), 2, "one retry");
    for r in &got {
        assert_eq!(r.method, "POST");
        assert_sdk_headers(r);
        assert_eq!(r.header("x-tenant"), Some("shop-42"), "{r:?}");
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("multipart/form-data")), "{r:?}");
        let found = r.body.windows(data.len()).any(|w| w == data.as_slice());
        assert!(found, "the request body holds the whole file");
    }
}

/// A file that disappears between attempts is an error of that file, not
/// a hang or a panic.
#[test]
fn blocking_upload_of_a_missing_file_is_a_file_error() {
    let server = Recorder::fixed(Canned::json(201, &upload(1)));
    let client = konigle_blocking::Client::new(config(&server.base_url)).expect("client");
    let missing = std::env::temp_dir().join(format!("konigle-construction-{}-missing.png", std::process::id()));
    let err = client
        .uploads()
        .create(UploadCreate::builder().file(FileInput::path(&missing)).build())
        .expect_err("missing file");
    assert!(matches!(err, Error::File { .. } | Error::InvalidInput { .. }), "{err:?}");
}

fn assert_runtime_error(r: konigle_blocking::Result<impl std::fmt::Debug>) {
    match r {
        Err(Error::Config(m)) => {
            assert!(m.contains("tokio runtime") && m.contains("spawn_blocking") && m.contains("konigle"), "{m}")
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[tokio::test]
async fn blocking_client_inside_a_runtime_is_an_error_not_a_panic() {
    let server = Recorder::fixed(Canned::json(200, &image()));
    assert_runtime_error(konigle_blocking::Client::new(config(&server.base_url)));
    let http = std::thread::spawn(|| reqwest::blocking::Client::builder().build().expect("reqwest client"))
        .join()
        .expect("thread");
    assert_runtime_error(konigle_blocking::Client::with_http_client(config(&server.base_url), http));

    // Built, and used for an upload, outside; then used and dropped inside.
    let uploads = Recorder::fixed(Canned::json(201, &upload(1000)));
    let file = TempFile::new("runtime", 1000);
    let (base, path) = (uploads.base_url.clone(), file.0.clone());
    let client = std::thread::spawn(move || {
        let client = konigle_blocking::Client::new(config(&base)).expect("client");
        client
            .uploads()
            .create(UploadCreate::builder().file(FileInput::path(&path)).build())
            .expect("upload outside the runtime");
        client
    })
    .join()
    .expect("thread");
    assert_runtime_error(client.uploads().create(UploadCreate::builder().file(FileInput::path(&file.0)).build()));
    assert_runtime_error(client.images().get("img_1"));
    drop(client);
    assert_eq!(uploads.received().len(), 1, "nothing sent from inside the runtime");
    assert!(server.received().is_empty(), "nothing sent from inside the runtime");
}

/// Every manager's spec marker is konigle-core's, so both clients' cloud
/// managers are managers of the same types and generic code over
/// `konigle_core::spec` serves both.
#[test]
fn cloud_managers_use_the_core_spec_markers() {
    use std::any::TypeId;
    fn spec_of<S: konigle_core::spec::Spec>(_: &konigle::Manager<S>) -> TypeId {
        TypeId::of::<S>()
    }
    fn blocking_spec_of<S: konigle_core::spec::Spec>(_: &konigle_blocking::Manager<S>) -> TypeId {
        TypeId::of::<S>()
    }
    let config = config("http://127.0.0.1:9");
    let (a, b) = (
        konigle::Client::new(config.clone()).expect("async"),
        konigle_blocking::Client::new(config).expect("blocking"),
    );
    let computers = TypeId::of::<konigle_core::spec::CloudComputers>();
    let webapps = TypeId::of::<konigle_core::spec::CloudWebApps>();
    assert_eq!(spec_of(&a.cloud().computers()), computers);
    assert_eq!(blocking_spec_of(&b.cloud().computers()), computers);
    assert_eq!(spec_of(&a.cloud().webapps()), webapps);
    assert_eq!(blocking_spec_of(&b.cloud().webapps()), webapps);
}
