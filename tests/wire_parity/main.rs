//! Wire parity: every recorded fixture in `tests/wire/<domain>/` is replayed
//! against both facades, and the requests each sends must equal the
//! recording field by field; the outcome must match too.
//!
//! A fixture with no Rust call mapped fails the suite, so coverage is visible.
//! Fixtures that cannot be written in Rust are listed per domain with their
//! reason and counted.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod compare;

mod blocking;
mod nonblocking;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use compare::{request_diff, shape, unwrap_typed, value_diff};
pub use konigle_suite::recorder;
use recorder::{Canned, Recorder};

/// What a scenario call produced: its result as JSON, or the SDK error.
pub type Outcome = Result<Value, konigle_core::Error>;

/// Resources a scenario may need: files with fixed bytes, download servers.
pub struct Ctx {
    dir: PathBuf,
    downloads: Mutex<Vec<Recorder>>,
}

impl Ctx {
    fn new(name: &str, facade: &str) -> Ctx {
        let dir = std::env::temp_dir().join(format!("konigle-wire-{}-{facade}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Ctx { dir, downloads: Mutex::new(vec![]) }
    }

    /// Writes `bytes` to a file called `name` and returns its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write fixture file");
        path
    }

    /// A directory for the scenario's files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Serves `bytes` with `content_type` at `path` on a loopback server and
    /// returns its URL.
    pub fn download_url(&self, path: &str, bytes: &[u8], content_type: &str) -> String {
        let server = Recorder::fixed(
            Canned { content_type: content_type.into(), ..Canned::json(200, &Value::Null) }.with_body(bytes),
        );
        let url = format!("{}{}", server.base_url, path);
        self.downloads.lock().expect("downloads").push(server);
        url
    }

    /// URLs fetched from the download servers, in order.
    pub fn downloaded(&self) -> Vec<String> {
        self.downloads
            .lock()
            .expect("downloads")
            .iter()
            .flat_map(|s| s.received().into_iter().map(|r| r.target))
            .collect()
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Fixture {
    name: String,
    data: Value,
}

fn load(domain: &str) -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wire").join(domain);
    let mut out: Vec<Fixture> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("read fixture");
            let data: Value = serde_json::from_str(&text).expect("fixture JSON");
            Fixture { name: data["name"].as_str().unwrap_or_default().to_string(), data }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// A client of each facade pointed at `base`.
fn config(base: &str) -> konigle_core::Config {
    konigle_core::Config::builder("test-key")
        .base_url(base)
        .forms_base_url(base)
        .enable_retry(false)
        .build()
        .expect("config")
}

/// Does the Rust error correspond to the reference's exception class?
fn error_matches(class: &str, sent_any: bool, err: &konigle_core::Error) -> bool {
    use konigle_core::Error as E;
    match class {
        "ValidationError" if sent_any => matches!(err, E::Validation(_)),
        "AuthenticationError" => matches!(err, E::Authentication(_)),
        "AuthorizationError" => matches!(err, E::Authorization(_)),
        "NotFoundError" => matches!(err, E::NotFound(_)),
        "ConflictError" => matches!(err, E::Conflict(_)),
        "RateLimitError" => matches!(err, E::RateLimited(_)),
        "ServerError" => matches!(err, E::Server(_)),
        "APIError" => matches!(err, E::Api(_)),
        "FileNotFoundError" => matches!(err, E::File { .. }),
        "NotImplementedError" => matches!(err, E::Unsupported(_)),
        // A ValueError after requests: bad data from the server, or a local
        // check in a scenario that first fetched something.
        "ValueError" if sent_any => matches!(err, E::MissingCredentials(_) | E::Decode { .. }) || err.is_client_side(),
        _ if !sent_any => err.is_client_side(),
        _ => false,
    }
}

/// Which facade runs the call.
#[derive(Clone, Copy, Debug)]
enum Facade {
    Async,
    Blocking,
}

fn run_call(facade: Facade, name: &str, base: &str, ctx: &Ctx) -> Option<Outcome> {
    match facade {
        Facade::Async => {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            let client = konigle::Client::new(config(base)).expect("client");
            rt.block_on(nonblocking::calls::run(name, &client, ctx))
        }
        Facade::Blocking => {
            let client = konigle_blocking::Client::new(config(base)).expect("client");
            blocking::calls::run(name, &client, ctx)
        }
    }
}

/// Checks one fixture on one facade; returns the problems found.
fn check(fx: &Fixture, reference: &Fixture, facade: Facade) -> Result<Vec<String>, ()> {
    let responses: Vec<Canned> = reference.data["responses"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| Canned::json(r[0].as_u64().unwrap_or(200) as u16, &r[1]))
        .collect();
    let server = Recorder::start(responses);
    let ctx = Ctx::new(&fx.name, &format!("{facade:?}"));
    let Some(outcome) = run_call(facade, &fx.name, &server.base_url, &ctx) else { return Err(()) };
    let mut problems = vec![];
    let sent: Vec<Value> = server.received().iter().map(shape).collect();
    let expected = reference.data["requests"].as_array().cloned().unwrap_or_default();
    if sent.len() != expected.len() {
        problems.push(format!("sent {} requests, expected {}", sent.len(), expected.len()));
    }
    for (i, (e, a)) in expected.iter().zip(&sent).enumerate() {
        for d in request_diff(e, a) {
            problems.push(format!("request {i}: {d}"));
        }
    }
    let out = &reference.data["outcome"];
    match (out.get("ok"), &outcome) {
        (Some(ok), Ok(actual)) => {
            let want = unwrap_typed(ok);
            let mut diffs = vec![];
            value_diff("$", &want, actual, &mut diffs);
            problems.extend(diffs.into_iter().map(|d| format!("outcome {d}")));
        }
        (Some(_), Err(e)) => problems.push(format!("expected success, got error: {e} ({e:?})")),
        (None, Ok(v)) => problems.push(format!("expected error {}, got success: {v}", out["error"])),
        (None, Err(e)) => {
            let class = out["error"].as_str().unwrap_or("");
            if !error_matches(class, !expected.is_empty(), e) {
                problems.push(format!("expected {class}, got {e:?}"));
            }
            if class == "RateLimitError" {
                let want = reference.data["responses"]
                    .as_array()
                    .and_then(|r| r.last())
                    .and_then(|r| r[1].get("retry_after"))
                    .and_then(Value::as_u64);
                let got = e.api().and_then(|a| a.retry_after).map(|d| d.as_secs());
                if want != got {
                    problems.push(format!("retry_after: expected {want:?} got {got:?}"));
                }
            }
            if class == "ValidationError" && !expected.is_empty() {
                let body = reference.data["responses"].as_array().and_then(|r| r.last()).map(|r| r[1].clone());
                if e.api().map(|a| &a.body) != body.as_ref() {
                    problems.push(format!("field errors: expected {body:?} got {:?}", e.api().map(|a| &a.body)));
                }
            }
        }
    }
    Ok(problems)
}

#[test]
fn wire_parity() {
    // WIRE_FILTER=images.list runs only the fixtures whose name contains it.
    let filter = std::env::var("WIRE_FILTER").ok().filter(|f| !f.is_empty());
    let mut failures = vec![];
    let mut passed = 0;
    let mut unrepresentable = vec![];
    let mut differs = vec![];
    let mut all: Vec<Fixture> = vec![];
    // Every domain folder under tests/wire: a newly copied domain without
    // mapped calls fails here until its scenarios are written.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wire");
    let mut domains: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/wire")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    domains.sort();
    for domain in &domains {
        all.extend(load(domain));
    }
    let find = |name: &str| all.iter().find(|f| f.name == name);
    for fx in &all {
        if filter.as_deref().is_some_and(|f| !fx.name.contains(f)) {
            continue;
        }
        if let Some(reason) = nonblocking::calls::differs(&fx.name) {
            differs.push(format!("{}: {reason}", fx.name));
            continue;
        }
        if let Some(reason) = nonblocking::calls::unrepresentable(&fx.name) {
            unrepresentable.push(format!("{}: {reason}", fx.name));
            continue;
        }
        let reference = match nonblocking::calls::substitute(&fx.name) {
            Some(other) => match find(other) {
                Some(r) => r,
                None => {
                    failures.push(format!("{}: substitute fixture {other} not found", fx.name));
                    continue;
                }
            },
            None => fx,
        };
        for facade in [Facade::Async, Facade::Blocking] {
            match check(fx, reference, facade) {
                Err(()) => failures.push(format!("{} [{facade:?}]: no Rust call mapped", fx.name)),
                Ok(p) if p.is_empty() => passed += 1,
                Ok(p) => failures.push(format!("{} [{facade:?}]:\n    {}", fx.name, p.join("\n    "))),
            }
        }
    }
    println!("unrepresentable in Rust ({}):", unrepresentable.len());
    for u in &unrepresentable {
        println!("  - {u}");
    }
    println!("deliberately different from the reference ({}):", differs.len());
    for d in &differs {
        println!("  - {d}");
    }
    println!(
        "wire parity: {passed} fixture runs passed, {} failed, {} unrepresentable, {} deliberately different",
        failures.len(),
        unrepresentable.len(),
        differs.len()
    );
    assert!(failures.is_empty(), "{} fixture runs failed:\n{}", failures.len(), failures.join("\n"));
}
