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
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, RETRY_AFTER};

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

/// The headers a response keeps and its `Retry-After` value: for an error,
/// every one of [`KEPT_HEADERS`]; for a success only the request id (what
/// hooks are shown), so the common answer copies nothing.
pub(crate) fn response_headers(
    status: u16,
    headers: &reqwest::header::HeaderMap,
) -> (Vec<(String, String)>, Option<String>) {
    if !(200..300).contains(&status) {
        return kept_headers(headers);
    }
    let id = headers.get("x-request-id").and_then(|v| v.to_str().ok());
    (
        id.map(|v| vec![("x-request-id".to_string(), v.chars().take(FIELD_TEXT_LIMIT).collect())]).unwrap_or_default(),
        None,
    )
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
    let mut value = HeaderValue::from_str(auth.expose()).map_err(|_| AttemptError {
        error: Error::Config("the API key is not a valid header value".into()),
        failure: Failure::Status(0),
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// `application/json`, for `Accept` and JSON bodies (a static value: no
/// allocation, no validation).
pub(crate) fn json() -> HeaderValue {
    HeaderValue::from_static("application/json")
}

/// The config's default headers as a header map.
///
/// # Errors
/// [`Error::Config`] for a name or value reqwest does not accept (the
/// config validated them already).
pub(crate) fn default_headers(config: &konigle_core::Config) -> KonigleResult<HeaderMap> {
    let mut map = HeaderMap::with_capacity(config.default_headers().len());
    for (name, value) in config.default_headers() {
        let bad = || Error::Config(format!("default header {name:?} is not a valid header"));
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        let value = HeaderValue::from_str(value).map_err(|_| bad())?;
        map.insert(name, value);
    }
    Ok(map)
}

/// What every request of one client carries, prepared once when the client
/// is built rather than on each request.
pub(crate) struct Defaults {
    /// The API's `Authorization` value (sensitive), cloned into each request.
    api_auth: HeaderValue,
    /// The total timeout the reqwest client applies itself: requests with
    /// this timeout need no per-request timer of their own.
    client_timeout: Option<Duration>,
    /// The config's default headers, added to each API request (not to
    /// downloads of files from other hosts).
    headers: HeaderMap,
    /// The config's base URLs, parsed once.
    bases: Vec<Base>,
}

/// A base URL parsed once: a request's URL is a clone with its path (and
/// query) set, so the scheme and host are not parsed again on each request.
struct Base {
    text: String,
    url: reqwest::Url,
    /// The base's own path without its trailing `/` (empty for the root).
    path: String,
}

impl Base {
    fn parse(text: &str) -> Option<Base> {
        let url = reqwest::Url::parse(text).ok()?;
        if url.cannot_be_a_base() || url.query().is_some() || url.fragment().is_some() {
            return None;
        }
        let path = url.path().trim_end_matches('/').to_string();
        Some(Base { text: text.to_string(), url, path })
    }
}

impl Defaults {
    /// Prepares the values of `config`. `client_timeout` is the total
    /// timeout the reqwest client applies to every request by itself: the
    /// config's timeout for a client the SDK built, none for a caller's.
    pub(crate) fn new(config: &konigle_core::Config, client_timeout: Option<Duration>) -> KonigleResult<Defaults> {
        Ok(Defaults {
            api_auth: authorization(config.authorization()).map_err(|e| e.error)?,
            client_timeout,
            headers: default_headers(config)?,
            bases: [config.base_url(), config.forms_base_url()].into_iter().filter_map(Base::parse).collect(),
        })
    }

    /// The URL of `req` on the service at `base`.
    pub(crate) fn url(&self, req: &Request, base: &str) -> Result<reqwest::Url, AttemptError> {
        let Some(b) = self.bases.iter().find(|b| b.text == base) else {
            return reqwest::Url::parse(&req.url(base)).map_err(|e| AttemptError {
                error: Error::InvalidInput { field: None, message: format!("invalid URL: {e}") },
                failure: Failure::Status(0),
            });
        };
        let mut url = b.url.clone();
        if b.path.is_empty() {
            url.set_path(req.path());
        } else {
            let mut path = String::with_capacity(b.path.len() + req.path().len());
            path.push_str(&b.path);
            path.push_str(req.path());
            url.set_path(&path);
        }
        if !req.query_pairs().is_empty() {
            url.set_query(Some(&req.query_pairs().encode()));
        }
        Ok(url)
    }

    /// The `Authorization` value for `auth`: the prepared one for the API
    /// key (a reference-count increment), else built (forms tokens).
    pub(crate) fn authorization(&self, auth: &Secret) -> Result<HeaderValue, AttemptError> {
        if auth.expose().as_bytes() == self.api_auth.as_bytes() {
            Ok(self.api_auth.clone())
        } else {
            authorization(auth)
        }
    }

    /// The timeout to set on the request, when the client does not already
    /// apply it (a per-call override, or a caller's client).
    pub(crate) fn request_timeout(&self, timeout: Duration) -> Option<Duration> {
        (self.client_timeout != Some(timeout)).then_some(timeout)
    }

    /// Default headers to add to each API request, if any.
    pub(crate) fn headers(&self) -> Option<&HeaderMap> {
        (!self.headers.is_empty()).then_some(&self.headers)
    }
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

/// A reqwest client builder (async or blocking) with the settings every
/// client the SDK builds from a config has: user agent, timeouts, idle
/// pool, no redirects (answered as `Error::Redirect`), and the TLS backend.
macro_rules! configured {
    ($builder:expr, $config:expr) => {{
        let config: &konigle_core::Config = $config;
        let builder = $builder
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .timeout(config.timeout())
            .pool_max_idle_per_host($crate::api::transport::idle_per_host(config))
            .pool_idle_timeout($crate::api::transport::IDLE_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none());
        #[cfg(feature = "native-tls")]
        let builder = builder.use_native_tls();
        builder
    }};
}
pub(crate) use configured;

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
        extra: &HeaderMap,
    ) -> Result<RawResponse, AttemptError> {
        let _admitted = self.admit().await?;
        let auth = self.defaults.authorization(auth)?;
        if let Some(answer) = self.send_file_upload(req, base, &auth, timeout, extra).await {
            return answer;
        }
        let mut rb = self
            .client
            .request(method(req.method()), self.defaults.url(req, base)?)
            .header(AUTHORIZATION, auth)
            .header(ACCEPT, json());
        if let Some(t) = self.defaults.request_timeout(timeout) {
            rb = rb.timeout(t);
        }
        if let Some(headers) = self.defaults.headers() {
            rb = rb.headers(headers.clone());
        }
        if !extra.is_empty() {
            // Hook headers replace the SDK's own of the same name.
            rb = rb.headers(extra.clone());
        }
        match req.body_ref() {
            Body::None => {}
            Body::Json(v) => rb = rb.header(CONTENT_TYPE, json()).body(json_bytes(v)?),
            Body::Multipart(parts) => rb = rb.multipart(form(parts).await?),
            Body::Form(fields) => {
                rb = rb.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(fields.encode())
            }
        }
        let resp = rb.send().await.map_err(|e| classify(e, timeout, self.connect_timeout))?;
        let status = resp.status().as_u16();
        if let Some(redirect) = redirect_error(status, resp.headers()) {
            return Err(redirect);
        }
        let (headers, retry_after) = response_headers(status, resp.headers());
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
/// retry) and streamed. Part names and file names are written as
/// `konigle_core::multipart::disposition_param` encodes them: names are
/// passed encoded with reqwest's own name encoding off, file names through
/// `file_name_for_escaping_writer`, as reqwest escapes backslashes itself.
#[crate::facade]
async fn form(parts: &[Part]) -> Result<multipart::Form, AttemptError> {
    use konigle_core::multipart::{disposition_param, file_name_for_escaping_writer};
    let mut form = multipart::Form::new().percent_encode_noop();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(disposition_param(name), value.clone()),
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
                    .file_name(file_name_for_escaping_writer(&file.file_name))
                    .mime_str(&file.content_type)
                    .map_err(|e| AttemptError::from(Error::invalid(&file.field, e.to_string())))?;
                form.part(disposition_param(&file.field), body)
            }
        };
    }
    Ok(form)
}

/// Reads an async response body, failing with `Error::ResponseTooLarge` as soon as
/// more than `limit` bytes arrived (having kept no more than `limit`).
/// Plain async in both crates: the blocking client's upload path runs it
/// on its own runtime.
pub(crate) async fn read_async_body(
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

/// The headers hooks set for one attempt, as HTTP headers; a name or value
/// that is not valid HTTP is left out, with a warning.
pub(crate) fn hook_headers(set: &konigle_core::hooks::RequestHeaders) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in set.iter() {
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(name == AUTHORIZATION);
                map.insert(name, value);
            }
            _ => tracing::warn!(header = name, "a hook set a header that is not valid HTTP; it was not sent"),
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request URL built from the parsed base is the URL reqwest would
    /// have parsed from the joined string.
    #[test]
    fn urls_from_parsed_bases_match_parsed_strings() {
        let config = konigle_core::Config::builder("k")
            .base_url("http://127.0.0.1:8080/t100/")
            .forms_base_url("https://forms.example.com")
            .build()
            .expect("config");
        let defaults = Defaults::new(&config, None).expect("defaults");
        let mut query = konigle_core::query::Query::default();
        query.push("page", 2);
        query.push("q", "a b&c/é?#");
        let requests = [
            Request::new(Method::Get, "/admin/api/storefront-assets").segment("img 1/..%?#"),
            Request::new(Method::Get, "/admin/api/storefront-assets").query(query),
            Request::new(Method::Post, "/api/dev/forms/").segment("7").suffix("/submit"),
            Request::new(Method::Get, "/x/").segment(".."),
        ];
        for base in [config.base_url(), config.forms_base_url(), "http://other.example:1/p"] {
            for req in &requests {
                let expected = reqwest::Url::parse(&req.url(base)).expect("parse");
                assert_eq!(defaults.url(req, base).expect("url").as_str(), expected.as_str(), "{base}");
            }
        }
    }
}
