//! What the async transport has of its own: reqwest's async client, a
//! semaphore bounding requests in flight, and files streamed with tokio.
//! Sending itself is in `api/transport.rs`, shared with the blocking crate.

use std::path::Path;
use std::time::Duration;

use konigle_core::retry::AttemptError;
use konigle_core::{Config, Error, Request, Result};
use reqwest::header::HeaderValue;
pub(crate) use reqwest::multipart;

use crate::api::transport::{describe, Defaults};
use konigle_core::resource::RawResponse;

pub(crate) struct Http {
    pub(crate) client: reqwest::Client,
    pub(crate) defaults: Defaults,
    limit: tokio::sync::Semaphore,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) max_download_bytes: u64,
}

/// Read size of files streamed from disk: 256 KiB chunks (each a blocking
/// read on tokio's pool) instead of the 4 KiB default; measured faster
/// than 64 KiB with memory still flat.
const UPLOAD_CHUNK: usize = 256 * 1024;

pub(crate) async fn sleep(d: Duration) {
    tokio::time::sleep(d).await
}

impl Http {
    /// A reqwest client built from `config`; it applies the config's timeout
    /// itself, so requests without a per-call override set no timer of their own.
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let builder = crate::api::transport::configured!(reqwest::Client::builder(), config);
        let client =
            builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Http::with_client(config, client, Some(config.timeout()))
    }

    /// Around a caller's reqwest client, whose own total timeout (if any) is
    /// unknown: each request then carries the config's timeout.
    pub(crate) fn with_client(config: &Config, client: reqwest::Client, timeout: Option<Duration>) -> Result<Http> {
        Ok(Http {
            client,
            defaults: Defaults::new(config, timeout)?,
            limit: tokio::sync::Semaphore::new(config.max_connections()),
            connect_timeout: config.connect_timeout(),
            max_response_bytes: config.max_response_bytes(),
            max_download_bytes: config.max_download_bytes(),
        })
    }

    /// Waits for a free slot among `max_connections` requests in flight.
    pub(crate) async fn admit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, AttemptError> {
        self.limit.acquire().await.map_err(|_| AttemptError::from(Error::network("client closed")))
    }

    /// Always `None`: the async client streams files on the ordinary request
    /// path (the blocking client sends them on a path of its own).
    pub(crate) async fn send_file_upload(
        &self,
        _req: &Request,
        _base: &str,
        _auth: &HeaderValue,
        _timeout: Duration,
        _extra: &reqwest::header::HeaderMap,
    ) -> Option<Result<RawResponse, AttemptError>> {
        None
    }
}

/// A file on disk as a streamed multipart part, read in [`UPLOAD_CHUNK`] chunks.
pub(crate) async fn file_part(path: &Path, len: u64) -> Result<multipart::Part, AttemptError> {
    let f = tokio::fs::File::open(path)
        .await
        .map_err(|source| AttemptError::from(Error::File { path: path.to_path_buf(), source }))?;
    let stream = tokio_util::io::ReaderStream::with_capacity(f, UPLOAD_CHUNK);
    Ok(multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len))
}

/// Reads a response body under the size limit (see `transport::read_async_body`).
pub(crate) use crate::api::transport::read_async_body as read_body;
