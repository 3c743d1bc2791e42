//! Pieces of the reqwest transports that do not depend on the facade:
//! method mapping, error classification and header values. Each crate's
//! `http` module sends the request; these build and classify it the same
//! way in both.

use std::time::Duration;

use konigle_core::retry::{AttemptError, Failure};
use konigle_core::{Error, Method, Secret};
use reqwest::header::HeaderValue;

/// The reqwest method of a request.
pub(crate) fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// Classifies a reqwest failure for the retry decision: a connection that
/// could not be made never reached the server; anything later may have.
pub(crate) fn classify(e: reqwest::Error, timeout: Duration) -> AttemptError {
    if e.is_timeout() {
        AttemptError { error: Error::timeout(timeout), failure: Failure::Transport }
    } else if e.is_connect() {
        AttemptError { error: Error::network(describe(&e)), failure: Failure::Connect }
    } else if e.is_builder() {
        AttemptError { error: Error::InvalidInput { field: None, message: describe(&e) }, failure: Failure::Status(0) }
    } else {
        AttemptError { error: Error::network(describe(&e)), failure: Failure::Transport }
    }
}

/// The error and its causes, on one line.
pub(crate) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// The `Authorization` header value, marked sensitive so reqwest and its
/// logs never show it.
pub(crate) fn authorization(auth: &Secret) -> Result<HeaderValue, AttemptError> {
    let mut value = HeaderValue::from_str(auth.expose())
        .map_err(|_| AttemptError::from(Error::Config("the API key is not a valid header value".into())))?;
    value.set_sensitive(true);
    Ok(value)
}

/// A JSON body's bytes.
pub(crate) fn json_bytes(value: &konigle_core::Json) -> Result<Vec<u8>, AttemptError> {
    serde_json::to_vec(value).map_err(|e| AttemptError::from(Error::invalid("body", e.to_string())))
}

/// Idle connections kept per host.
///
/// reqwest closes a returned connection at once when its idle cap is
/// reached, so with more requests in flight than `keepalive_connections`
/// nearly every other request opened a new connection (measured: 64 in
/// flight with a cap of 20 opened ~5,000 connections per 11,000 requests).
/// The cap is therefore `max_connections`; surplus idle connections close
/// after [`IDLE_TIMEOUT`].
pub(crate) fn idle_per_host(config: &konigle_core::Config) -> usize {
    config.max_connections()
}

/// How long an idle connection is kept.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
