//! What the blocking transport has of its own: reqwest's blocking client,
//! a gate bounding requests in flight across threads, and files streamed
//! from a reader. Sending itself is in `api/transport.rs`, shared with the
//! async crate.

use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use konigle_core::retry::AttemptError;
use konigle_core::{Config, Error, Result};
pub(crate) use reqwest::blocking::multipart;

use crate::api::transport::{classify, describe, idle_per_host, too_large, IDLE_TIMEOUT};

pub(crate) struct Http {
    pub(crate) client: reqwest::blocking::Client,
    gate: Gate,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) max_download_bytes: u64,
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
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let builder = reqwest::blocking::Client::builder()
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .timeout(None)
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
            gate: Gate { in_flight: Mutex::new(0), freed: Condvar::new(), max: config.max_connections() },
            connect_timeout: config.connect_timeout(),
            max_response_bytes: config.max_response_bytes(),
            max_download_bytes: config.max_download_bytes(),
        })
    }

    /// Waits for a free slot among `max_connections` requests in flight.
    pub(crate) fn admit(&self) -> Result<Pass<'_>, AttemptError> {
        Ok(self.gate.enter())
    }
}

/// A file on disk as a multipart part read as it is sent.
pub(crate) fn file_part(path: &Path, len: u64) -> Result<multipart::Part, AttemptError> {
    let f = std::fs::File::open(path)
        .map_err(|source| AttemptError::from(Error::File { path: path.to_path_buf(), source }))?;
    Ok(multipart::Part::reader_with_length(f, len))
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
