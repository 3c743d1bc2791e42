//! Fault injection and the request log.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What an injected fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer 429 with a `Retry-After` header (seconds) and a DRF-style
    /// throttling body; the request is not processed.
    RateLimit {
        /// Seconds in the `Retry-After` header.
        retry_after: u64,
    },
    /// Answer this status (e.g. 500, 502, 503) with a JSON body; the
    /// request is not processed.
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// Wait this long, then process and answer the request normally.
    Delay {
        /// The delay in milliseconds.
        millis: u64,
    },
    /// Close the connection without answering; the request is not processed.
    Drop,
    /// Process the request, then send the headers (with the full
    /// `Content-Length`) and only half of the body before closing the
    /// connection.
    Truncate,
}

/// A fault to inject into the next matching requests.
///
/// ```
/// use std::time::Duration;
/// use konigle_mock::Fault;
/// let fault = Fault::rate_limited(Duration::from_secs(1)).times(2).path_prefix("/admin/api/products");
/// assert_eq!(fault.times, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many matching requests it applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// Only requests whose path starts with this.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// Only requests with this method (case-insensitive).
    #[serde(default)]
    pub method: Option<String>,
}

fn one() -> u32 {
    1
}

impl Fault {
    fn new(kind: FaultKind) -> Fault {
        Fault { kind, times: 1, path_prefix: None, method: None }
    }

    /// 429 with `Retry-After: <secs>` (whole seconds, rounded up).
    pub fn rate_limited(retry_after: Duration) -> Fault {
        let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        Fault::new(FaultKind::RateLimit { retry_after: secs })
    }

    /// An error status, e.g. `Fault::status(503)`.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultKind::Status { status })
    }

    /// A 500 Internal Server Error.
    pub fn server_error() -> Fault {
        Fault::status(500)
    }

    /// A delay before the request is processed.
    pub fn delay(delay: Duration) -> Fault {
        Fault::new(FaultKind::Delay { millis: delay.as_millis().try_into().unwrap_or(u64::MAX) })
    }

    /// The connection is closed without an answer.
    pub fn drop_connection() -> Fault {
        Fault::new(FaultKind::Drop)
    }

    /// The answer's body is cut in half.
    pub fn truncated_body() -> Fault {
        Fault::new(FaultKind::Truncate)
    }

    /// Applies to the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Fault {
        self.times = n;
        self
    }

    /// Applies only to paths starting with `prefix`.
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Fault {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Applies only to requests with this method (`"POST"`...).
    pub fn method(mut self, method: impl Into<String>) -> Fault {
        self.method = Some(method.into());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.times > 0
            && self.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
            && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// Takes the first pending fault that matches the request, using up one
/// of its `times`.
pub(crate) fn take(faults: &mut Vec<Fault>, method: &str, path: &str) -> Option<FaultKind> {
    let index = faults.iter().position(|f| f.matches(method, path))?;
    let fault = &mut faults[index];
    fault.times -= 1;
    let kind = fault.kind.clone();
    if fault.times == 0 {
        faults.remove(index);
    }
    Some(kind)
}

/// One request the server received (admin endpoints under `/__mock/` are
/// not recorded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string (empty when there is none).
    pub query: String,
    /// The JSON body, when the request had one.
    pub body: Option<Value>,
    /// The status answered; `None` when the connection was dropped.
    pub status: Option<u16>,
    /// The fault injected into this request, if any.
    pub fault: Option<FaultKind>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_match_by_prefix_and_method_and_run_out() {
        let mut faults = vec![Fault::status(503).path_prefix("/a").method("post").times(2), Fault::drop_connection()];
        assert_eq!(take(&mut faults, "GET", "/a/1"), Some(FaultKind::Drop));
        assert_eq!(take(&mut faults, "POST", "/a/1"), Some(FaultKind::Status { status: 503 }));
        assert_eq!(take(&mut faults, "POST", "/b"), None);
        assert_eq!(take(&mut faults, "POST", "/a"), Some(FaultKind::Status { status: 503 }));
        assert_eq!(take(&mut faults, "POST", "/a"), None);
        assert!(faults.is_empty());
    }

    #[test]
    fn faults_deserialize_from_admin_json() {
        let f: Fault = serde_json::from_str(r#"{"kind": "rate_limit", "retry_after": 2, "times": 3}"#).unwrap();
        assert_eq!(f, Fault::rate_limited(Duration::from_secs(2)).times(3));
        let f: Fault = serde_json::from_str(r#"{"kind": "delay", "millis": 50, "path_prefix": "/x"}"#).unwrap();
        assert_eq!(f, Fault::delay(Duration::from_millis(50)).path_prefix("/x"));
        assert_eq!(Fault::rate_limited(Duration::from_millis(1500)).kind, FaultKind::RateLimit { retry_after: 2 });
    }
}
