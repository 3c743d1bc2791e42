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

use crate::api::transport::{describe, idle_per_host, IDLE_TIMEOUT};

pub(crate) struct Http {
    pub(crate) client: reqwest::blocking::Client,
    gate: Gate,
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
            .pool_idle_timeout(IDLE_TIMEOUT);
        #[cfg(feature = "native-tls")]
        let builder = builder.use_native_tls();
        let client =
            builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Ok(Http {
            client,
            gate: Gate { in_flight: Mutex::new(0), freed: Condvar::new(), max: config.max_connections() },
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
