//! What the async transport has of its own: reqwest's async client, a
//! semaphore bounding requests in flight, and files streamed with tokio.
//! Sending itself is in `api/transport.rs`, shared with the blocking crate.

use std::path::Path;
use std::time::Duration;

use konigle_core::retry::AttemptError;
use konigle_core::{Config, Error, Result};
pub(crate) use reqwest::multipart;

use crate::api::transport::{classify, describe, idle_per_host, too_large, IDLE_TIMEOUT};

pub(crate) struct Http {
    pub(crate) client: reqwest::Client,
    limit: tokio::sync::Semaphore,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) max_download_bytes: u64,
}

/// Read size of files streamed from disk: 64 KiB chunks (each a blocking
/// read on tokio's pool) instead of the 4 KiB default.
const UPLOAD_CHUNK: usize = 64 * 1024;

pub(crate) async fn sleep(d: Duration) {
    tokio::time::sleep(d).await
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let builder = reqwest::Client::builder()
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .pool_max_idle_per_host(idle_per_host(config))
            .pool_idle_timeout(IDLE_TIMEOUT)
            // Redirects are answered as `Error::Redirect`, never followed.
            .redirect(reqwest::redirect::Policy::none());
        #[cfg(feature = "native-tls")]
        let builder = builder.use_native_tls();
        let client =
            builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Ok(Http {
            client,
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
}

/// A file on disk as a streamed multipart part, read in 64 KiB chunks.
pub(crate) async fn file_part(path: &Path, len: u64) -> Result<multipart::Part, AttemptError> {
    let f = tokio::fs::File::open(path)
        .await
        .map_err(|source| AttemptError::from(Error::File { path: path.to_path_buf(), source }))?;
    let stream = tokio_util::io::ReaderStream::with_capacity(f, UPLOAD_CHUNK);
    Ok(multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len))
}

/// Reads a response body, failing with `Error::ResponseTooLarge` as soon as
/// more than `limit` bytes arrived (having kept no more than `limit`).
pub(crate) async fn read_body(
    mut resp: reqwest::Response,
    status: u16,
    limit: u64,
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<bytes::Bytes, AttemptError> {
    let mut first: Option<bytes::Bytes> = None;
    let mut rest: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(e, timeout, connect_timeout))? {
        total += chunk.len() as u64;
        if total > limit {
            return Err(too_large(status, limit));
        }
        match &first {
            // A body in one chunk (the usual case) is kept without copying.
            None if rest.is_empty() => first = Some(chunk),
            _ => {
                if let Some(f) = first.take() {
                    rest.extend_from_slice(&f);
                }
                rest.extend_from_slice(&chunk);
            }
        }
    }
    Ok(first.unwrap_or_else(|| bytes::Bytes::from(rest)))
}
