//! Hooks: code of yours that runs around every attempt of every request, in
//! both clients — for metrics, request ids or custom authentication.
//!
//! ```
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use std::sync::Arc;
//! use konigle_core::hooks::{Attempt, Hook, Outcome, RequestHeaders};
//! use konigle_core::Config;
//!
//! #[derive(Default)]
//! struct Metrics {
//!     attempts: AtomicU32,
//! }
//!
//! impl Hook for Metrics {
//!     fn before_attempt(&self, attempt: &Attempt<'_>, headers: &mut RequestHeaders) {
//!         self.attempts.fetch_add(1, Ordering::Relaxed);
//!         headers.insert("x-request-id", format!("job-7-{}", attempt.number));
//!     }
//!     fn after_response(&self, attempt: &Attempt<'_>, outcome: &Outcome<'_>) {
//!         if let Outcome::Response { status, .. } = outcome {
//!             println!("{} {} -> {status} (attempt {})", attempt.method, attempt.path, attempt.number);
//!         }
//!     }
//! }
//!
//! let metrics = Arc::new(Metrics::default());
//! let config = Config::builder("my-api-key").hook(metrics.clone()).build().unwrap();
//! # let _ = config;
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::request::Method;

/// One attempt of a request, as hooks see it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Attempt<'a> {
    /// The HTTP method.
    pub method: Method,
    /// The path with ids replaced by `{id}` (e.g. `/admin/api/pages/{id}`),
    /// suited to metric labels.
    pub path: &'a str,
    /// The attempt number, from 1.
    pub number: u32,
}

impl<'a> Attempt<'a> {
    /// An attempt as the clients describe it to hooks.
    #[doc(hidden)]
    pub fn new(method: Method, path: &'a str, number: u32) -> Self {
        Attempt { method, path, number }
    }
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The server answered (any status, success or not).
    Response {
        /// The HTTP status.
        status: u16,
        /// The request id the server sent (`x-request-id`), if any.
        request_id: Option<&'a str>,
        /// Time from sending to the complete answer.
        elapsed: Duration,
    },
    /// No answer: a timeout or a connection failure.
    Failed {
        /// The error's message (secrets scrubbed).
        message: &'a str,
        /// Time until the failure.
        elapsed: Duration,
    },
}

/// Headers a hook adds to one attempt. A name set here replaces the SDK's
/// own header of that name, so a hook can also replace `Authorization`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestHeaders(Vec<(String, String)>);

impl RequestHeaders {
    /// Sets `name` (case-insensitive) to `value`, replacing an earlier value.
    /// Names or values that are not valid HTTP are dropped when the request
    /// is sent, with a warning in the log.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into().to_ascii_lowercase();
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value.into()));
    }

    /// The value set for `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The headers, in the order they were first set (names lower-case).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Whether no header was set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Code called around every attempt of every request of a client.
///
/// Both methods have empty defaults; implement the ones you need. They run
/// on the task or thread that sends the request, so keep them quick and
/// never block in the async client. A panic in a hook is not caught.
pub trait Hook: Send + Sync + 'static {
    /// Called before each attempt is sent, retries included; may add headers.
    fn before_attempt(&self, attempt: &Attempt<'_>, headers: &mut RequestHeaders) {
        let _ = (attempt, headers);
    }

    /// Called when an attempt ended, with the server's status or the failure.
    fn after_response(&self, attempt: &Attempt<'_>, outcome: &Outcome<'_>) {
        let _ = (attempt, outcome);
    }
}

/// The hooks of a configuration, called in the order they were added.
#[derive(Clone, Default)]
pub struct Hooks(Vec<Arc<dyn Hook>>);

impl Hooks {
    /// Adds a hook.
    pub fn push(&mut self, hook: Arc<dyn Hook>) {
        self.0.push(hook);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Runs every hook's `before_attempt` and returns the headers they set.
    pub fn before_attempt(&self, attempt: &Attempt<'_>) -> RequestHeaders {
        let mut headers = RequestHeaders::default();
        for hook in &self.0 {
            hook.before_attempt(attempt, &mut headers);
        }
        headers
    }

    /// Runs every hook's `after_response`.
    pub fn after_response(&self, attempt: &Attempt<'_>, outcome: &Outcome<'_>) {
        for hook in &self.0 {
            hook.after_response(attempt, outcome);
        }
    }
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hook(s)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tag(&'static str);
    impl Hook for Tag {
        fn before_attempt(&self, attempt: &Attempt<'_>, headers: &mut RequestHeaders) {
            headers.insert("X-Tag", format!("{}-{}", self.0, attempt.number));
        }
    }

    #[test]
    fn later_hooks_replace_earlier_headers() {
        let mut hooks = Hooks::default();
        hooks.push(Arc::new(Tag("a")));
        hooks.push(Arc::new(Tag("b")));
        let attempt = Attempt { method: Method::Get, path: "/x", number: 2 };
        let headers = hooks.before_attempt(&attempt);
        assert_eq!(headers.iter().collect::<Vec<_>>(), vec![("x-tag", "b-2")]);
        assert_eq!(headers.get("x-TAG"), Some("b-2"));
        assert_eq!(format!("{hooks:?}"), "2 hook(s)");
    }
}
