//! The reqwest transport, written once for both facades: building the
//! request, sending one attempt, classifying failures and encoding
//! multipart bodies. Each crate's `http` module holds what differs: the
//! reqwest client type, the in-flight limit, and streaming a file.

use std::time::Duration;

use konigle_core::error::{FIELD_TEXT_LIMIT, KEPT_HEADERS};
use konigle_core::file::FileSource;
use konigle_core::request::{Body, Part};
use konigle_core::resource::RawResponse;
use konigle_core::retry::{AttemptError, Failure};
use konigle_core::{Error, Method, Request, Result as KonigleResult, Secret};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, RETRY_AFTER};

use crate::http::{file_part, multipart, read_body, Http};

/// Redirects a file download follows (no credentials are sent there).
const MAX_DOWNLOAD_REDIRECTS: usize = 5;

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
/// could not be made (refused, or not made within `connect_timeout`) never
/// reached the server; anything later may have. The reqwest error stays
/// the [`source`](std::error::Error::source) of a network error.
pub(crate) fn classify(e: reqwest::Error, timeout: Duration, connect_timeout: Duration) -> AttemptError {
    if e.is_connect() {
        let error = if e.is_timeout() {
            Error::timeout(connect_timeout)
        } else {
            Error::network_from(format!("cannot connect: {}", describe(&e)), e)
        };
        AttemptError { error, failure: Failure::Connect }
    } else if e.is_timeout() {
        AttemptError { error: Error::timeout(timeout), failure: Failure::Transport }
    } else if e.is_builder() {
        AttemptError { error: Error::InvalidInput { field: None, message: describe(&e) }, failure: Failure::Status(0) }
    } else {
        AttemptError { error: Error::network_from(describe(&e), e), failure: Failure::Transport }
    }
}

/// The headers an error keeps ([`KEPT_HEADERS`]) and the `Retry-After` value.
pub(crate) fn kept_headers(headers: &reqwest::header::HeaderMap) -> (Vec<(String, String)>, Option<String>) {
    let mut kept = Vec::new();
    for name in KEPT_HEADERS {
        if let Some(v) = headers.get(*name).and_then(|v| v.to_str().ok()) {
            kept.push(((*name).to_string(), v.chars().take(FIELD_TEXT_LIMIT).collect()));
        }
    }
    let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    (kept, retry_after)
}

/// A redirect answer as the typed error: API calls never follow redirects
/// (a `POST` would become a `GET`, or its body and credentials would go to
/// another origin).
pub(crate) fn redirect_error(status: u16, headers: &reqwest::header::HeaderMap) -> Option<AttemptError> {
    if !(300..400).contains(&status) || status == 304 {
        return None;
    }
    let location =
        headers.get(LOCATION).and_then(|v| v.to_str().ok()).map(|l| l.chars().take(FIELD_TEXT_LIMIT).collect());
    Some(AttemptError { error: Error::Redirect { status, location }, failure: Failure::Status(status) })
}

/// Fails with [`Error::ResponseTooLarge`] when the announced length is over `limit`.
pub(crate) fn check_length(status: u16, announced: Option<u64>, limit: u64) -> Result<(), AttemptError> {
    match announced {
        Some(len) if len > limit => Err(too_large(status, limit)),
        _ => Ok(()),
    }
}

/// The error of a body over its limit (never retried: it would be as long again).
pub(crate) fn too_large(status: u16, limit: u64) -> AttemptError {
    AttemptError { error: Error::ResponseTooLarge { status, limit }, failure: Failure::Status(0) }
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

/// Sending: the same body for both facades; each crate's `http` module
/// supplies the client, the in-flight limit (`admit`), the multipart types
/// and how a file on disk becomes a streamed part (`file_part`).
#[crate::facade]
impl Http {
    /// Sends one attempt of `req` and reads the whole answer.
    pub(crate) async fn send(
        &self,
        req: &Request,
        base: &str,
        auth: &Secret,
        timeout: Duration,
    ) -> Result<RawResponse, AttemptError> {
        let _admitted = self.admit().await?;
        let mut rb = self
            .client
            .request(method(req.method()), req.url(base))
            .timeout(timeout)
            .header(AUTHORIZATION, authorization(auth)?)
            .header(ACCEPT, "application/json");
        match req.body_ref() {
            Body::None => {}
            Body::Json(v) => rb = rb.header(CONTENT_TYPE, "application/json").body(json_bytes(v)?),
            Body::Multipart(parts) => rb = rb.multipart(form(parts).await?),
        }
        let resp = rb.send().await.map_err(|e| classify(e, timeout, self.connect_timeout))?;
        let status = resp.status().as_u16();
        if let Some(redirect) = redirect_error(status, resp.headers()) {
            return Err(redirect);
        }
        let (headers, retry_after) = kept_headers(resp.headers());
        let limit = self.max_response_bytes;
        check_length(status, resp.content_length(), limit)?;
        let body = read_body(resp, status, limit, timeout, self.connect_timeout).await?;
        Ok(RawResponse { status, retry_after, headers, body, sensitive: req.is_sensitive() })
    }

    /// Downloads a file to upload (no API credentials are sent), following
    /// up to five redirects: to `https://`, or within the same origin.
    pub(crate) async fn download(&self, url: &str, timeout: Duration) -> KonigleResult<(Vec<u8>, Option<String>)> {
        let mut url = reqwest::Url::parse(url).map_err(|e| Error::invalid("file", format!("{url}: {e}")))?;
        let limit = self.max_download_bytes;
        let mut hops = 0;
        loop {
            let resp = self
                .client
                .get(url.clone())
                .timeout(timeout)
                .send()
                .await
                .map_err(|e| classify(e, timeout, self.connect_timeout).error)?;
            let status = resp.status().as_u16();
            if let Some(redirect) = redirect_error(status, resp.headers()) {
                let next = match &redirect.error {
                    Error::Redirect { location: Some(l), .. } => url.join(l).ok(),
                    _ => None,
                };
                match next {
                    Some(next)
                        if hops < MAX_DOWNLOAD_REDIRECTS
                            && (next.scheme() == "https" || next.origin() == url.origin()) =>
                    {
                        hops += 1;
                        url = next;
                        continue;
                    }
                    _ => return Err(redirect.error),
                }
            }
            let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let (headers, _) = kept_headers(resp.headers());
            check_length(status, resp.content_length(), limit).map_err(|e| e.error)?;
            let body = read_body(resp, status, limit, timeout, self.connect_timeout).await.map_err(|e| e.error)?;
            if !(200..300).contains(&status) {
                return Err(Error::from_parts(status, &body, headers));
            }
            return Ok((body.to_vec(), content_type));
        }
    }
}

/// The multipart form of a body; files on disk are opened (again, on a
/// retry) and streamed.
#[crate::facade]
async fn form(parts: &[Part]) -> Result<multipart::Form, AttemptError> {
    let mut form = multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File(file) => {
                let body = match &file.source {
                    FileSource::Path { path, len } => file_part(path, *len).await?,
                    FileSource::Bytes(data) => multipart::Part::bytes(data.to_vec()),
                    FileSource::Url(url) => {
                        return Err(AttemptError::from(Error::invalid(
                            &file.field,
                            format!("{url} was not downloaded"),
                        )))
                    }
                };
                let body = body
                    .file_name(file.file_name.clone())
                    .mime_str(&file.content_type)
                    .map_err(|e| AttemptError::from(Error::invalid(&file.field, e.to_string())))?;
                form.part(file.field.clone(), body)
            }
        };
    }
    Ok(form)
}
