//! The SDK's error type and the one mapping from HTTP responses to errors.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// Result type of every fallible SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest excerpt of a response body kept in an error.
pub const EXCERPT_LIMIT: usize = 200;
/// Longest server message kept in an [`ApiError`] (characters).
pub const MESSAGE_LIMIT: usize = 500;
/// Most fields listed by [`ApiError::field_errors`] and `Display`.
pub const FIELD_ERRORS_LIMIT: usize = 20;
/// Most messages listed per field by [`ApiError::field_errors`].
pub const FIELD_MESSAGES_LIMIT: usize = 5;
/// Longest field name or field message listed (characters).
pub const FIELD_TEXT_LIMIT: usize = 200;
/// Response headers kept in an [`ApiError`] (lower-case names).
pub const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "cf-ray",
    "location",
    "www-authenticate",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// The underlying cause of a network failure.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong in an SDK call.
///
/// Errors answered by the API carry an [`ApiError`] with the status, the
/// message the server gave and the parsed body. Client-side errors
/// ([`Error::InvalidInput`], [`Error::File`], [`Error::Config`],
/// [`Error::Unsupported`]) are raised before anything is sent.
///
/// ```
/// # fn handle(result: konigle_core::Result<()>) {
/// use konigle_core::Error;
/// match result {
///     Ok(()) => {}
///     Err(Error::NotFound(e)) => eprintln!("gone: {}", e.message),
///     Err(Error::Validation(e)) => eprintln!("fix these fields: {}", e.body),
///     Err(e) if e.is_retryable() => eprintln!("try again later: {e}"),
///     Err(e) => eprintln!("failed: {e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400: the request failed validation; [`ApiError::body`] holds the field errors.
    #[error("{0}")]
    Validation(Box<ApiError>),
    /// 401: the API key (or forms token) is missing, invalid or expired.
    #[error("{0}")]
    Authentication(Box<ApiError>),
    /// 403: the key is valid but may not do this.
    #[error("{0}")]
    Authorization(Box<ApiError>),
    /// 404: no such resource.
    #[error("{0}")]
    NotFound(Box<ApiError>),
    /// 409: the request conflicts with the resource's current state.
    #[error("{0}")]
    Conflict(Box<ApiError>),
    /// 429: too many requests; see [`ApiError::retry_after`].
    #[error("{0}")]
    RateLimited(Box<ApiError>),
    /// 5xx: the server failed.
    #[error("{0}")]
    Server(Box<ApiError>),
    /// Any other non-success status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request did not complete in time: one attempt exceeded its
    /// `timeout` (or the connection was not made within `connect_timeout`),
    /// or the whole call, retries included, exceeded its `operation_timeout`.
    #[error("request timed out after {after:?} (attempts: {attempts})")]
    Timeout {
        /// The timeout that was exceeded.
        after: Duration,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server could not be reached or the connection broke.
    #[error("network error: {message} (attempts: {attempts})")]
    Network {
        /// What failed.
        message: String,
        /// How many attempts were made.
        attempts: u32,
        /// The underlying I/O or HTTP error, also returned by
        /// [`std::error::Error::source`].
        #[source]
        source: Option<Cause>,
    },
    /// The response body is larger than the configured limit
    /// (`max_response_bytes`, or `max_download_bytes` for file downloads);
    /// no more than the limit was read.
    #[error("the response body (HTTP {status}) exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// HTTP status of the response.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The server answered with a redirect, which the SDK does not follow
    /// for API calls: following it could turn a write into a `GET` or send
    /// the body and credentials to another origin. Nothing was re-sent.
    #[error("the server redirected (HTTP {status}) to {}; redirects are not followed", location.as_deref().unwrap_or("an unspecified location"))]
    Redirect {
        /// The redirect status (301, 302, 303, 307, 308, …).
        status: u16,
        /// The `Location` header, when there was one.
        location: Option<String>,
    },
    /// `iter_all` stopped because the server's pages do not add up: it
    /// repeats pages, ignores the page parameter, or needs more requests
    /// than the page count it reported allows.
    #[error("pagination stopped after {requests} requests: {message}")]
    Pagination {
        /// What went wrong.
        message: String,
        /// How many pages were requested.
        requests: u32,
    },
    /// The server answered with a body that is not what the SDK expects.
    #[error("could not decode the response (HTTP {status}): {message}; body starts with {excerpt:?}")]
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// What did not fit.
        message: String,
        /// The first bytes of the body, lossily decoded.
        excerpt: String,
    },
    /// The call's arguments are invalid; nothing was sent.
    #[error("invalid input{}: {message}", field.as_deref().map(|f| format!(" for `{f}`")).unwrap_or_default())]
    InvalidInput {
        /// The offending field, when there is one.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A local file could not be read; nothing was sent.
    #[error("cannot read file {}: {source}", path.display())]
    File {
        /// The file's path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A connection's credentials lack what the SDK needs (e.g. the forms
    /// service's `access_token`).
    #[error("missing credentials: {0}")]
    MissingCredentials(String),
    /// The client configuration is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The operation is not offered by the API for this resource.
    #[error("not supported: {0}")]
    Unsupported(String),
}

/// The [`ApiError`] of the variants the server answered, by reference or
/// mutably: the one list of those variants.
macro_rules! answered {
    ($error:expr) => {
        match $error {
            Error::Validation(e)
            | Error::Authentication(e)
            | Error::Authorization(e)
            | Error::NotFound(e)
            | Error::Conflict(e)
            | Error::RateLimited(e)
            | Error::Server(e)
            | Error::Api(e) => Some(e),
            _ => None,
        }
    };
}

impl Error {
    /// Shortcut for [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: Some(field.into()), message: message.into() }
    }

    /// The API error, for errors answered by the server.
    pub fn api(&self) -> Option<&ApiError> {
        answered!(self)
    }

    /// A timeout of one attempt.
    pub fn timeout(after: Duration) -> Self {
        Error::Timeout { after, attempts: 1 }
    }

    /// A network failure of one attempt.
    pub fn network(message: impl Into<String>) -> Self {
        Error::Network { message: message.into(), attempts: 1, source: None }
    }

    /// A network failure of one attempt, with its underlying cause.
    pub fn network_from(message: impl Into<String>, source: impl Into<Cause>) -> Self {
        Error::Network { message: message.into(), attempts: 1, source: Some(source.into()) }
    }

    /// The same error with every occurrence of the given secrets (API key,
    /// tokens) in its texts replaced by `***`: servers sometimes echo the
    /// credentials they received in their error messages.
    ///
    /// ```
    /// let e = konigle_core::Error::from_response(401, br#"{"detail":"bad key sk_123"}"#, None);
    /// assert_eq!(e.scrubbed(&["sk_123"]).to_string(), "HTTP 401: bad key ***");
    /// ```
    pub fn scrubbed(mut self, secrets: &[&str]) -> Self {
        let secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= 4).collect();
        if secrets.is_empty() {
            return self;
        }
        let scrub = |text: &mut String| crate::redact::scrub_in_place(text, &secrets);
        match &mut self {
            Error::Network { message, .. } => scrub(message),
            Error::Decode { message, excerpt, .. } => {
                scrub(message);
                scrub(excerpt);
            }
            Error::Redirect { location: Some(l), .. } => scrub(l),
            Error::InvalidInput { message, .. } | Error::Pagination { message, .. } => scrub(message),
            Error::MissingCredentials(m) | Error::Config(m) | Error::Unsupported(m) => scrub(m),
            _ => {}
        }
        if let Some(api) = self.api_mut() {
            scrub(&mut api.message);
            if let Some(id) = &mut api.request_id {
                scrub(id);
            }
            for (_, v) in &mut api.headers {
                scrub(v);
            }
            crate::redact::scrub_json(&mut api.body, &secrets);
        }
        self
    }

    /// The API error, mutably, for errors answered by the server.
    pub fn api_mut(&mut self) -> Option<&mut ApiError> {
        answered!(self)
    }

    /// How many attempts were made before this error (1 when the request
    /// was not retried; 0 for errors raised before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Timeout { attempts, .. } | Error::Network { attempts, .. } => *attempts,
            e => match e.api() {
                Some(a) => a.attempts,
                None => 0,
            },
        }
    }

    /// Records the number of attempts made.
    pub fn with_attempts(mut self, n: u32) -> Self {
        match &mut self {
            Error::Timeout { attempts, .. } | Error::Network { attempts, .. } => *attempts = n,
            e => {
                if let Some(api) = e.api_mut() {
                    api.attempts = n;
                }
            }
        }
        self
    }

    /// HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|e| e.status)
    }

    /// Whether the same request may succeed later (429, 408, 5xx, timeouts, network).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited(_) | Error::Server(_) | Error::Timeout { .. } | Error::Network { .. } => true,
            Error::Api(e) => e.status == 408,
            _ => false,
        }
    }

    /// Whether nothing was sent because the input was rejected locally.
    pub fn is_client_side(&self) -> bool {
        matches!(self, Error::InvalidInput { .. } | Error::File { .. } | Error::Config(_) | Error::Unsupported(_))
    }

    /// Maps a non-success response to its error. This is the SDK's only
    /// status-to-error mapping.
    ///
    /// The message is taken from `detail`, then `message` of an object body,
    /// or the first item's `message` of a list body; otherwise `HTTP <status>`
    /// with an excerpt of the body. The wait the server asks for comes from
    /// the body's `retry_after` or the `Retry-After` header
    /// (`retry_after_header`), for any status.
    pub fn from_response(status: u16, body: &[u8], retry_after_header: Option<&str>) -> Error {
        let headers: Vec<(String, String)> =
            retry_after_header.map(|v| vec![("retry-after".to_string(), v.to_string())]).unwrap_or_default();
        Error::from_parts(status, body, headers)
    }

    /// Like [`Error::from_response`], with the response headers the SDK
    /// keeps ([`KEPT_HEADERS`], lower-case names): the request id and
    /// `Retry-After` are read from them.
    pub fn from_parts(status: u16, body: &[u8], headers: Vec<(String, String)>) -> Error {
        let parsed: Option<Value> = serde_json::from_slice(body).ok();
        let message = match &parsed {
            Some(json) => message_of(json).unwrap_or_else(|| format!("HTTP {status}")),
            None => {
                let excerpt = excerpt(body);
                if excerpt.is_empty() {
                    format!("HTTP {status}")
                } else {
                    format!("HTTP {status}: {excerpt}")
                }
            }
        };
        let message = truncate(message, MESSAGE_LIMIT);
        let body = parsed.unwrap_or(Value::Null);
        let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let retry_after =
            body.get("retry_after").and_then(seconds_of).or_else(|| header("retry-after").and_then(parse_retry_after));
        let request_id = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]
            .iter()
            .find_map(|n| header(n))
            .map(|v| truncate(v.to_string(), FIELD_TEXT_LIMIT));
        let e = Box::new(ApiError { status, message, body, retry_after, attempts: 1, request_id, headers });
        match status {
            400 => Error::Validation(e),
            401 => Error::Authentication(e),
            403 => Error::Authorization(e),
            404 => Error::NotFound(e),
            409 => Error::Conflict(e),
            429 => Error::RateLimited(e),
            500..=599 => Error::Server(e),
            _ => Error::Api(e),
        }
    }

    /// Builds a [`Error::Decode`] for a body that did not fit.
    pub fn decode(status: u16, message: impl fmt::Display, body: &[u8]) -> Error {
        Error::Decode { status, message: truncate(message.to_string(), MESSAGE_LIMIT), excerpt: excerpt(body) }
    }

    /// Builds a [`Error::Decode`] for a body that must not be quoted (it
    /// holds credentials): the excerpt only says how long it was.
    pub fn decode_secret(status: u16, message: impl fmt::Display, body: &[u8]) -> Error {
        // serde's messages can quote the offending value: keep only its position.
        let message = message.to_string();
        let position = message.rfind(" at line ").map(|i| message[i + 1..].to_string()).unwrap_or_default();
        Error::Decode {
            status,
            message: format!("the credentials body does not have the expected shape ({position})"),
            excerpt: format!("<{} bytes, not shown>", body.len()),
        }
    }
}

/// An error answered by the API.
///
/// Its `Display` and `Debug` output are bounded whatever the server sent:
/// the message is cut at [`MESSAGE_LIMIT`] characters and field errors are
/// listed up to [`FIELD_ERRORS_LIMIT`] fields, with "… N more".
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// The server's message (`detail` or `message`), or `HTTP <status>`.
    pub message: String,
    /// The parsed JSON body (`Null` when the body was empty or not JSON).
    /// For a 400 this holds the field errors, as an object or a list.
    pub body: Value,
    /// How long the server asked to wait (`Retry-After` or a body's
    /// `retry_after`); `Duration::MAX` when it asked for more than a
    /// `Duration` holds.
    pub retry_after: Option<Duration>,
    /// How many attempts were made (more than 1 when retried).
    pub attempts: u32,
    /// The request id the server sent (`x-request-id`, `request-id`,
    /// `x-correlation-id`), to quote to support.
    pub request_id: Option<String>,
    /// The response headers the SDK keeps ([`KEPT_HEADERS`]), lower-case
    /// names, in the order received.
    pub headers: Vec<(String, String)>,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.body.to_string();
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("body", &truncate(body, EXCERPT_LIMIT * 2))
            .field("retry_after", &self.retry_after)
            .field("attempts", &self.attempts)
            .field("request_id", &self.request_id)
            .field("headers", &self.headers)
            .finish()
    }
}

impl ApiError {
    /// A response header the SDK kept (see [`ApiError::headers`]).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The field errors of a validation error: `field -> messages`.
    ///
    /// A list body yields its items' `message` under the key `""`. At most
    /// [`FIELD_ERRORS_LIMIT`] fields with [`FIELD_MESSAGES_LIMIT`] messages
    /// each, every text cut at [`FIELD_TEXT_LIMIT`] characters; what is left
    /// out is counted in a last entry (`"…"` / `"… N more"`). The whole body
    /// stays in [`ApiError::body`].
    pub fn field_errors(&self) -> Vec<(String, Vec<String>)> {
        let text = |v: &Value| {
            let s = match v {
                Value::String(s) => s.clone(),
                other => truncate(other.to_string(), FIELD_TEXT_LIMIT),
            };
            truncate(s, FIELD_TEXT_LIMIT)
        };
        let messages = |items: &[Value]| {
            let mut out: Vec<String> = items.iter().take(FIELD_MESSAGES_LIMIT).map(text).collect();
            if items.len() > out.len() {
                out.push(format!("… {} more", items.len() - out.len()));
            }
            out
        };
        match &self.body {
            Value::Object(map) => {
                let fields = map.iter().filter(|(k, _)| k.as_str() != "detail" && k.as_str() != "message");
                let total = fields.clone().count();
                let mut out: Vec<(String, Vec<String>)> = fields
                    .take(FIELD_ERRORS_LIMIT)
                    .map(|(k, v)| {
                        let msgs = match v {
                            Value::Array(items) => messages(items),
                            other => vec![text(other)],
                        };
                        (truncate(k.clone(), FIELD_TEXT_LIMIT), msgs)
                    })
                    .collect();
                if total > out.len() {
                    out.push(("…".into(), vec![format!("… {} more fields", total - out.len())]));
                }
                out
            }
            Value::Array(items) => {
                // A list carries one message per item: as many as fields are listed.
                let with_message = items.iter().filter_map(|i| i.get("message"));
                let total = with_message.clone().count();
                let mut msgs: Vec<String> = with_message.take(FIELD_ERRORS_LIMIT).map(text).collect();
                if total > msgs.len() {
                    msgs.push(format!("… {} more", total - msgs.len()));
                }
                if msgs.is_empty() {
                    vec![]
                } else {
                    vec![(String::new(), msgs)]
                }
            }
            _ => vec![],
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let generic = format!("HTTP {}", self.status);
        if self.message.starts_with(&generic) {
            f.write_str(&self.message)?;
        } else {
            write!(f, "{generic}: {}", self.message)?;
        }
        if self.status == 400 {
            let details: Vec<String> = self
                .field_errors()
                .into_iter()
                .filter_map(|(k, v)| {
                    // The message already shown is not repeated.
                    let v: Vec<String> = v.into_iter().filter(|m| *m != self.message).collect();
                    if v.is_empty() {
                        None
                    } else if k.is_empty() || k == "…" {
                        Some(v.join("; "))
                    } else {
                        Some(format!("{k}: {}", v.join(", ")))
                    }
                })
                .collect();
            if !details.is_empty() {
                write!(f, " | Field errors: {}", details.join("; "))?;
            }
        }
        if let Some(wait) = self.retry_after {
            write!(f, " (Retry after {} seconds)", wait.as_secs())?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// `text` cut at `limit` characters, with `…` when cut.
fn truncate(mut text: String, limit: usize) -> String {
    if let Some((i, _)) = text.char_indices().nth(limit) {
        text.truncate(i);
        text.push('…');
    }
    text
}

fn message_of(body: &Value) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match body {
        Value::Object(map) => map.get("detail").or_else(|| map.get("message")).map(text),
        Value::Array(items) => items.first().and_then(|i| i.get("message")).map(text),
        _ => None,
    }
}

fn seconds_of(v: &Value) -> Option<Duration> {
    let secs = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    secs_to_duration(secs)
}

/// Seconds as a duration: negative or NaN is no wait asked; more than a
/// `Duration` holds (`1e300`, infinity) saturates to `Duration::MAX`, so it
/// counts as too long rather than absent.
fn secs_to_duration(secs: f64) -> Option<Duration> {
    if secs.is_nan() || secs < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX))
}

/// Parses a `Retry-After` header: delay seconds or an HTTP date. A number
/// of seconds too large for a `Duration` (`10^23`) gives `Duration::MAX`.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only, too many for u64.
        return Some(Duration::MAX);
    }
    if let Ok(secs) = value.parse::<f64>() {
        return secs_to_duration(secs);
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// At most [`EXCERPT_LIMIT`] characters of a body, lossily decoded.
pub fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_LIMIT * 4)];
    String::from_utf8_lossy(cut).chars().take(EXCERPT_LIMIT).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_statuses_and_messages() {
        let e = Error::from_response(404, br#"{"detail":"Not found."}"#, None);
        assert!(matches!(&e, Error::NotFound(a) if a.message == "Not found."));
        assert_eq!(e.to_string(), "HTTP 404: Not found.");
        let e = Error::from_response(500, br#"{"message":"boom"}"#, None);
        assert!(matches!(&e, Error::Server(a) if a.message == "boom"));
        let e = Error::from_response(418, b"", None);
        assert!(matches!(&e, Error::Api(a) if a.message == "HTTP 418"));
        let e = Error::from_response(502, b"<html>bad gateway</html>", None);
        assert!(matches!(&e, Error::Server(a) if a.message == "HTTP 502: <html>bad gateway</html>"));
    }

    #[test]
    fn validation_lists_and_dicts() {
        let e = Error::from_response(400, br#"{"name":["too long"],"tags":"bad"}"#, None);
        assert_eq!(e.to_string(), "HTTP 400 | Field errors: name: too long; tags: bad");
        let e = Error::from_response(400, br#"[{"message":"first"},{"message":"second"}]"#, None);
        assert_eq!(e.to_string(), "HTTP 400: first | Field errors: second");
        let e = Error::from_response(502, b"<html>bad gateway</html>", None);
        assert_eq!(e.to_string(), "HTTP 502: <html>bad gateway</html>");
    }

    #[test]
    fn huge_validation_errors_print_small() {
        let mut fields = serde_json::Map::new();
        for i in 0..4_000 {
            let messages: Vec<String> = (0..10).map(|j| format!("{}{j}", "x".repeat(300))).collect();
            fields.insert(format!("field_{i}"), serde_json::json!(messages));
        }
        let body = serde_json::to_vec(&Value::Object(fields)).unwrap();
        assert!(body.len() > 10_000_000, "{}", body.len());
        let e = Error::from_response(400, &body, None);
        let shown = e.to_string();
        let debug = format!("{e:?}");
        assert!(shown.len() < 150_000 && debug.len() < 4_000, "{} / {}", shown.len(), debug.len());
        assert!(shown.contains("… 3980 more fields"), "{}", &shown[shown.len() - 200..]);
        let fields = e.api().unwrap().field_errors();
        assert_eq!(fields.len(), FIELD_ERRORS_LIMIT + 1);
        assert_eq!(fields[0].1.len(), FIELD_MESSAGES_LIMIT + 1);
        assert_eq!(fields[0].1[FIELD_MESSAGES_LIMIT], "… 5 more");
        let list: Vec<Value> = (0..10_000).map(|i| serde_json::json!({"message": format!("m{i}")})).collect();
        let e = Error::from_response(400, &serde_json::to_vec(&list).unwrap(), None);
        assert!(e.to_string().len() < 1_000 && e.to_string().ends_with("… 9980 more"), "{e}");
        let e = Error::from_response(500, format!(r#"{{"detail":"{}"}}"#, "y".repeat(1_000_000)).as_bytes(), None);
        assert!(e.to_string().len() < MESSAGE_LIMIT + 100);
    }

    #[test]
    fn request_id_headers_and_source() {
        let headers = vec![("x-request-id".to_string(), "req-42".to_string())];
        let e = Error::from_parts(404, br#"{"detail":"gone"}"#, headers);
        let api = e.api().unwrap();
        assert_eq!((api.request_id.as_deref(), api.header("X-Request-Id")), (Some("req-42"), Some("req-42")));
        assert_eq!(e.to_string(), "HTTP 404: gone [request id req-42]");
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        let e = Error::network_from("connection broke", io);
        let source = std::error::Error::source(&e).expect("the cause");
        assert_eq!(source.to_string(), "reset by peer");
        fn send_sync<T: Send + Sync + 'static>(_: &T) {}
        send_sync(&e);
    }

    #[test]
    fn echoed_secrets_are_scrubbed() {
        let body = br#"{"detail":"key sk_live_1 is invalid","sk_live_1":["sk_live_1"]}"#;
        let e = Error::from_response(400, body, None).scrubbed(&["sk_live_1"]);
        assert!(!format!("{e} {e:?}").contains("sk_live_1"), "{e:?}");
        let e = Error::decode(200, "x", b"token=tok_abcdef").scrubbed(&["tok_abcdef"]);
        assert!(!format!("{e} {e:?}").contains("tok_abcdef"));
    }

    #[test]
    fn retry_after_from_body_or_header() {
        let e = Error::from_response(429, br#"{"detail":"slow","retry_after":30}"#, Some("5"));
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::from_secs(30)));
        assert_eq!(e.to_string(), "HTTP 429: slow (Retry after 30 seconds)");
        let e = Error::from_response(429, br#"{"detail":"slow"}"#, Some("7"));
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::from_secs(7)));
        let e = Error::from_response(429, b"{}", None);
        assert_eq!(e.api().unwrap().retry_after, None);
        let e = Error::from_response(503, b"", Some("9"));
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::from_secs(9)), "every status");
        let e = Error::from_response(503, b"", Some("100000000000000000000000"));
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::MAX), "overflow is too long, not absent");
        let e = Error::from_response(429, br#"{"retry_after":1e300}"#, None);
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::MAX));
        let e = Error::from_response(503, b"", Some("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(e.api().unwrap().retry_after, Some(Duration::ZERO), "a past date: retry now");
    }

    #[test]
    fn excerpts_are_bounded_and_lossy() {
        let body = vec![0xffu8; 10_000];
        let e = Error::decode(200, "x", &body);
        match e {
            Error::Decode { excerpt, .. } => assert_eq!(excerpt.chars().count(), EXCERPT_LIMIT),
            _ => unreachable!(),
        }
    }
}
