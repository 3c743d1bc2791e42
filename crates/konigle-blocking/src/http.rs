//! What the blocking transport has of its own: reqwest's blocking client,
//! a gate bounding requests in flight across threads, files streamed from
//! a reader, and the path of file uploads. Sending itself is in
//! `api/transport.rs`, shared with the async crate.
//!
//! reqwest's blocking client hands a streamed body to its runtime thread
//! in 8 KiB pieces, two thread wake-ups each (about 11 ms of CPU per MiB,
//! measured). Requests whose body streams a file from disk are therefore
//! sent by an async reqwest client on a small runtime of this crate's own,
//! started on the first such upload, which reads the file in
//! [`UPLOAD_CHUNK`] pieces, as the async crate does. Every other request
//! takes reqwest's blocking client.

use std::path::Path;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use konigle_core::file::FileSource;
use konigle_core::request::{Body, Part};
use konigle_core::resource::RawResponse;
use konigle_core::retry::{AttemptError, Failure};
use konigle_core::{Config, Error, Request, Result};
pub(crate) use reqwest::blocking::multipart;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION};

use crate::api::transport::{
    check_length, classify, describe, json, method, read_async_body, redirect_error, response_headers, too_large,
    Defaults,
};

pub(crate) struct Http {
    pub(crate) client: reqwest::blocking::Client,
    pub(crate) defaults: Defaults,
    gate: Gate,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) max_download_bytes: u64,
    /// The upload path; `None` around a caller's reqwest client, whose
    /// settings (proxies, TLS roots) a client of the SDK's own would not have.
    uploads: Option<Uploads>,
}

/// Read size of files streamed from disk by the upload path.
const UPLOAD_CHUNK: usize = 256 * 1024;

/// The message of the error returned inside an async runtime.
const IN_RUNTIME: &str = "the blocking client cannot be built or used inside a tokio runtime: it would block \
     the runtime's thread (and reqwest's blocking client panics there). Use the async `konigle` crate, or call \
     the blocking client from `tokio::task::spawn_blocking`";

/// Fails when the current thread runs inside a tokio runtime.
pub(crate) fn outside_runtime() -> Result<()> {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => Err(Error::Config(IN_RUNTIME.into())),
        Err(_) => Ok(()),
    }
}

/// A counting gate: at most `max` requests in flight across the threads
/// sharing one client; the others wait their turn.
struct Gate {
    in_flight: Mutex<usize>,
    freed: Condvar,
    max: usize,
}

pub(crate) struct Pass<'a>(&'a Gate);

impl Gate {
    fn new(max: usize) -> Gate {
        Gate { in_flight: Mutex::new(0), freed: Condvar::new(), max }
    }

    fn enter(&self) -> Pass<'_> {
        let mut n = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        while *n >= self.max {
            n = self.freed.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n += 1;
        Pass(self)
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        let mut n = self.0.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        *n = n.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

pub(crate) fn sleep(d: Duration) {
    std::thread::sleep(d)
}

impl Http {
    /// A reqwest blocking client built from `config`; it applies the
    /// config's timeout itself, so requests without a per-call override
    /// set no timer of their own.
    ///
    /// # Errors
    /// [`Error::Config`] inside a tokio runtime, or when the HTTP stack
    /// cannot be set up.
    pub(crate) fn new(config: &Config) -> Result<Http> {
        outside_runtime()?;
        let builder = crate::api::transport::configured!(reqwest::blocking::Client::builder(), config);
        let client = builder.build().map_err(build_error)?;
        let mut http = Http::with_client(config, client, Some(config.timeout()))?;
        http.uploads = Some(Uploads { config: config.clone(), ready: OnceLock::new() });
        Ok(http)
    }

    /// Around a caller's reqwest blocking client, whose own total timeout
    /// (if any) is unknown: each request then carries the config's timeout.
    /// Files are sent through that client too.
    pub(crate) fn with_client(
        config: &Config,
        client: reqwest::blocking::Client,
        timeout: Option<Duration>,
    ) -> Result<Http> {
        outside_runtime()?;
        Ok(Http {
            client,
            defaults: Defaults::new(config, timeout)?,
            gate: Gate::new(config.max_connections()),
            uploads: None,
            connect_timeout: config.connect_timeout(),
            max_response_bytes: config.max_response_bytes(),
            max_download_bytes: config.max_download_bytes(),
        })
    }

    /// Waits for a free slot among `max_connections` requests in flight.
    ///
    /// # Errors
    /// [`Error::Config`] (never retried) inside a tokio runtime.
    pub(crate) fn admit(&self) -> Result<Pass<'_>, AttemptError> {
        outside_runtime().map_err(|error| AttemptError { error, failure: Failure::Status(0) })?;
        Ok(self.gate.enter())
    }

    /// Sends `req` on the upload path when its body streams a file from
    /// disk (and the client is the SDK's own); `None` otherwise, for the
    /// ordinary path. The file is opened again on each attempt.
    pub(crate) fn send_file_upload(
        &self,
        req: &Request,
        base: &str,
        auth: &HeaderValue,
        timeout: Duration,
        extra: &reqwest::header::HeaderMap,
    ) -> Option<Result<RawResponse, AttemptError>> {
        let Body::Multipart(parts) = req.body_ref() else { return None };
        let streams_file =
            parts.iter().any(|p| matches!(p, Part::File(f) if matches!(f.source, FileSource::Path { .. })));
        if !streams_file {
            return None;
        }
        let uploads = self.uploads.as_ref()?;
        // The key's Authorization, unless a hook set its own.
        let mut headers = extra.clone();
        headers.entry(AUTHORIZATION).or_insert_with(|| auth.clone());
        Some(uploads.ready().and_then(|ready| ready.send(req, parts, base, &headers, timeout, &self.defaults)))
    }
}

fn build_error(e: reqwest::Error) -> Error {
    Error::Config(format!("cannot build the HTTP client: {}", describe(&e)))
}

/// A file on disk as a multipart part read as it is sent.
pub(crate) fn file_part(path: &Path, len: u64) -> Result<multipart::Part, AttemptError> {
    let f = std::fs::File::open(path)
        .map_err(|source| AttemptError::from(Error::File { path: path.to_path_buf(), source }))?;
    Ok(multipart::Part::reader_with_length(f, len))
}

/// The upload path, started on first use.
struct Uploads {
    config: Config,
    ready: OnceLock<std::result::Result<Ready, String>>,
}

impl Uploads {
    fn ready(&self) -> Result<&Ready, AttemptError> {
        self.ready
            .get_or_init(|| Ready::start(&self.config))
            .as_ref()
            .map_err(|m| AttemptError { error: Error::Config(m.clone()), failure: Failure::Status(0) })
    }
}

/// An async reqwest client (same settings as the blocking one) and the
/// runtime it runs on: one worker thread, plus tokio's blocking pool for
/// the file reads.
struct Ready {
    runtime: Option<tokio::runtime::Runtime>,
    client: reqwest::Client,
    connect_timeout: Duration,
    max_response_bytes: u64,
}

impl Ready {
    fn start(config: &Config) -> std::result::Result<Ready, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("konigle-upload")
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the upload runtime: {e}"))?;
        let builder = crate::api::transport::configured!(reqwest::Client::builder(), config);
        let client = builder.build().map_err(|e| build_error(e).to_string())?;
        Ok(Ready {
            runtime: Some(runtime),
            client,
            connect_timeout: config.connect_timeout(),
            max_response_bytes: config.max_response_bytes(),
        })
    }

    /// One attempt, as `transport::send` makes it, waiting on this thread.
    fn send(
        &self,
        req: &Request,
        parts: &[Part],
        base: &str,
        headers: &reqwest::header::HeaderMap,
        timeout: Duration,
        defaults: &Defaults,
    ) -> Result<RawResponse, AttemptError> {
        let runtime = self.runtime.as_ref().ok_or_else(|| AttemptError::from(Error::network("client closed")))?;
        let mut rb = self.client.request(method(req.method()), defaults.url(req, base)?).header(ACCEPT, json());
        if let Some(t) = defaults.request_timeout(timeout) {
            rb = rb.timeout(t);
        }
        if let Some(defaults) = defaults.headers() {
            rb = rb.headers(defaults.clone());
        }
        // Authorization and the hooks' headers, which replace the SDK's own.
        rb = rb.headers(headers.clone());
        let rb = rb.multipart(upload_form(parts)?);
        let (connect_timeout, limit, sensitive) = (self.connect_timeout, self.max_response_bytes, req.is_sensitive());
        runtime.block_on(async move {
            let resp = rb.send().await.map_err(|e| classify(e, timeout, connect_timeout))?;
            let status = resp.status().as_u16();
            if let Some(redirect) = redirect_error(status, resp.headers()) {
                return Err(redirect);
            }
            let (headers, retry_after) = response_headers(status, resp.headers());
            check_length(status, resp.content_length(), limit)?;
            let body = read_async_body(resp, status, limit, timeout, connect_timeout).await?;
            Ok(RawResponse { status, retry_after, headers, body, sensitive })
        })
    }
}

impl Drop for Ready {
    fn drop(&mut self) {
        // Never blocks (nor panics when the last clone is dropped inside an
        // async context); uploads in progress are cancelled.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// The multipart form of `transport::form` (same part and file name
/// encoding), with async parts: files on disk stream in [`UPLOAD_CHUNK`]
/// reads on the upload runtime.
fn upload_form(parts: &[Part]) -> Result<reqwest::multipart::Form, AttemptError> {
    use konigle_core::multipart::{disposition_param, file_name_for_escaping_writer};
    use reqwest::multipart::{Form, Part as AsyncPart};
    let mut form = Form::new().percent_encode_noop();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(disposition_param(name), value.clone()),
            Part::File(file) => {
                let body = match &file.source {
                    FileSource::Path { path, len } => {
                        let f = std::fs::File::open(path)
                            .map_err(|source| AttemptError::from(Error::File { path: path.to_path_buf(), source }))?;
                        let stream =
                            tokio_util::io::ReaderStream::with_capacity(tokio::fs::File::from_std(f), UPLOAD_CHUNK);
                        AsyncPart::stream_with_length(reqwest::Body::wrap_stream(stream), *len)
                    }
                    FileSource::Bytes(data) => AsyncPart::bytes(data.to_vec()),
                    FileSource::Url(url) => {
                        return Err(AttemptError::from(Error::invalid(
                            &file.field,
                            format!("{url} was not downloaded"),
                        )))
                    }
                };
                let body = body
                    .file_name(file_name_for_escaping_writer(&file.file_name))
                    .mime_str(&file.content_type)
                    .map_err(|e| AttemptError::from(Error::invalid(&file.field, e.to_string())))?;
                form.part(disposition_param(&file.field), body)
            }
        };
    }
    Ok(form)
}

/// Reads a response body, failing with `Error::ResponseTooLarge` as soon as
/// more than `limit` bytes arrived (having kept no more than `limit`).
pub(crate) fn read_body(
    resp: reqwest::blocking::Response,
    status: u16,
    limit: u64,
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<bytes::Bytes, AttemptError> {
    use std::io::Read;
    if resp.content_length().is_some_and(|len| len <= limit) {
        // The announced length bounds the body (the connection ends a longer
        // one), so it is collected whole, without the zero-filled buffer
        // `Read` needs.
        return resp.bytes().map_err(|e| classify(e, timeout, connect_timeout));
    }
    let mut body = Vec::with_capacity(resp.content_length().unwrap_or(0).min(limit).min(1 << 20) as usize);
    // One byte past the limit tells an over-long body from one of exactly `limit`.
    let mut capped = resp.take(limit.saturating_add(1));
    capped.read_to_end(&mut body).map_err(|e| read_error(e, timeout, connect_timeout))?;
    if body.len() as u64 > limit {
        return Err(too_large(status, limit));
    }
    Ok(bytes::Bytes::from(body))
}

/// A failed body read: reqwest's error inside the I/O error when there is one.
fn read_error(e: std::io::Error, timeout: Duration, connect_timeout: Duration) -> AttemptError {
    if e.get_ref().is_some_and(|inner| inner.is::<reqwest::Error>()) {
        if let Some(Ok(inner)) = e.into_inner().map(|b| b.downcast::<reqwest::Error>()) {
            return classify(*inner, timeout, connect_timeout);
        }
        return AttemptError::from(Error::network("the response body could not be read"));
    }
    if e.kind() == std::io::ErrorKind::TimedOut {
        return AttemptError::from(Error::timeout(timeout));
    }
    AttemptError::from(Error::network_from(format!("the response body could not be read: {e}"), e))
}
