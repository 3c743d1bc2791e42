//! The SDK's error type and the one mapping from HTTP responses to errors.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// Result type of every fallible SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest excerpt of a response body kept in an error.
pub const EXCERPT_LIMIT: usize = 200;

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
    /// The request did not complete within its timeout.
    #[error("request timed out after {after:?} (attempts: {attempts})")]
    Timeout {
        /// The timeout of one attempt.
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

impl Error {
    /// Shortcut for [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: Some(field.into()), message: message.into() }
    }

    /// The API error, for errors answered by the server.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
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
    }

    /// A timeout of one attempt.
    pub fn timeout(after: Duration) -> Self {
        Error::Timeout { after, attempts: 1 }
    }

    /// A network failure of one attempt.
    pub fn network(message: impl Into<String>) -> Self {
        Error::Network { message: message.into(), attempts: 1 }
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
            Error::Validation(e)
            | Error::Authentication(e)
            | Error::Authorization(e)
            | Error::NotFound(e)
            | Error::Conflict(e)
            | Error::RateLimited(e)
            | Error::Server(e)
            | Error::Api(e) => e.attempts = n,
            _ => {}
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
    /// with an excerpt of the body. A 429 takes its wait from the body's
    /// `retry_after` or the `Retry-After` header (`retry_after_header`).
    pub fn from_response(status: u16, body: &[u8], retry_after_header: Option<&str>) -> Error {
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
        let body = parsed.unwrap_or(Value::Null);
        let retry_after = if status == 429 {
            body.get("retry_after").and_then(seconds_of).or_else(|| retry_after_header.and_then(parse_retry_after))
        } else {
            None
        };
        let e = Box::new(ApiError { status, message, body, retry_after, attempts: 1 });
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
        Error::Decode { status, message: message.to_string(), excerpt: excerpt(body) }
    }
}

/// An error answered by the API.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// The server's message (`detail` or `message`), or `HTTP <status>`.
    pub message: String,
    /// The parsed JSON body (`Null` when the body was empty or not JSON).
    /// For a 400 this holds the field errors, as an object or a list.
    pub body: Value,
    /// For a 429: how long the server asked to wait.
    pub retry_after: Option<Duration>,
    /// How many attempts were made (more than 1 when retried).
    pub attempts: u32,
}

impl ApiError {
    /// The field errors of a validation error: `field -> messages`.
    ///
    /// A list body yields its items' `message` under the key `""`.
    pub fn field_errors(&self) -> Vec<(String, Vec<String>)> {
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match &self.body {
            Value::Object(map) => map
                .iter()
                .filter(|(k, _)| k.as_str() != "detail" && k.as_str() != "message")
                .map(|(k, v)| {
                    let msgs = match v {
                        Value::Array(items) => items.iter().map(text).collect(),
                        other => vec![text(other)],
                    };
                    (k.clone(), msgs)
                })
                .collect(),
            Value::Array(items) => {
                let msgs: Vec<String> = items.iter().filter_map(|i| i.get("message").map(text)).collect();
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
        write!(f, "HTTP {}: {}", self.status, self.message)?;
        if self.status == 400 {
            let details: Vec<String> = self
                .field_errors()
                .into_iter()
                .map(|(k, v)| if k.is_empty() { v.join("; ") } else { format!("{k}: {}", v.join(", ")) })
                .collect();
            if !details.is_empty() {
                write!(f, " | Field errors: {}", details.join("; "))?;
            }
        }
        if let Some(wait) = self.retry_after {
            write!(f, " (Retry after {} seconds)", wait.as_secs())?;
        }
        Ok(())
    }
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
    Duration::try_from_secs_f64(secs).ok()
}

/// Parses a `Retry-After` header: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
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
        assert_eq!(e.to_string(), "HTTP 400: HTTP 400 | Field errors: name: too long; tags: bad");
        let e = Error::from_response(400, br#"[{"message":"first"},{"message":"second"}]"#, None);
        assert_eq!(e.to_string(), "HTTP 400: first | Field errors: first; second");
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
