//! When to retry a failed attempt, and how long to wait: pure decisions
//! shared by both facades' transports.

use std::time::Duration;

use crate::config::RetryConfig;
use crate::error::Error;
use crate::request::Method;

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be made: the request never left.
    Connect,
    /// A timeout or a broken connection after the request may have been sent.
    Transport,
    /// The server answered with this status.
    Status(u16),
}

impl Failure {
    /// Classifies an error returned by an attempt.
    pub fn of(error: &Error) -> Option<Failure> {
        match error {
            Error::Timeout { .. } | Error::Network { .. } => Some(Failure::Transport),
            e => e.status().map(Failure::Status),
        }
    }
}

/// Whether attempt `attempt` (1-based) that failed with `failure` is tried again.
///
/// Statuses 408, 429 and 5xx, timeouts and connection errors are retried;
/// a non-idempotent request (POST) only when it never left (`Connect`).
pub fn should_retry(config: &RetryConfig, method: Method, failure: Failure, attempt: u32, replayable: bool) -> bool {
    if !config.enabled || attempt > config.max_retries || !replayable {
        return false;
    }
    match failure {
        Failure::Connect => true,
        Failure::Transport => method.is_idempotent(),
        Failure::Status(s) => {
            (s == 408 || s == 429 || (500..=599).contains(&s)) && (method.is_idempotent() || s == 429)
        }
    }
}

/// The wait before retry number `attempt` (1-based): full jitter over an
/// exponential backoff, or the server's `Retry-After` when it gave one.
///
/// `random` is a number in `[0, 1)`. Returns `None` when the server asks
/// for longer than `max_retry_after`: the caller should give up.
pub fn delay(config: &RetryConfig, attempt: u32, retry_after: Option<Duration>, random: f64) -> Option<Duration> {
    if let Some(wait) = retry_after {
        return (wait <= config.max_retry_after).then_some(wait);
    }
    let exp = config.backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let cap = exp.min(config.max_backoff);
    Some(cap.mul_f64(random.clamp(0.0, 1.0)))
}

/// A cheap random number in `[0, 1)` for jitter (not for cryptography).
pub fn jitter() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_rules() {
        let c = RetryConfig::default();
        assert!(should_retry(&c, Method::Get, Failure::Status(503), 1, true));
        assert!(should_retry(&c, Method::Get, Failure::Status(429), 3, true));
        assert!(!should_retry(&c, Method::Get, Failure::Status(429), 4, true));
        assert!(!should_retry(&c, Method::Get, Failure::Status(404), 1, true));
        assert!(!should_retry(&c, Method::Post, Failure::Status(503), 1, true));
        assert!(!should_retry(&c, Method::Post, Failure::Transport, 1, true));
        assert!(should_retry(&c, Method::Post, Failure::Connect, 1, true));
        assert!(!should_retry(&RetryConfig::disabled(), Method::Get, Failure::Status(503), 1, true));
    }

    #[test]
    fn delays_are_bounded() {
        let c = RetryConfig::default();
        assert!(delay(&c, 1, None, 0.999).unwrap() <= Duration::from_millis(500));
        assert_eq!(delay(&c, 3, None, 0.0).unwrap(), Duration::ZERO);
        assert!(delay(&c, 30, None, 0.99).unwrap() <= c.max_backoff);
        assert_eq!(delay(&c, 1, Some(Duration::from_secs(2)), 0.5), Some(Duration::from_secs(2)));
        assert_eq!(delay(&c, 1, Some(Duration::from_secs(3600)), 0.5), None);
        let j = jitter();
        assert!((0.0..1.0).contains(&j));
    }
}

/// A failed attempt: the error to report and how it failed.
#[derive(Debug)]
pub struct AttemptError {
    /// The error.
    pub error: Error,
    /// Its class for retry decisions.
    pub failure: Failure,
}

impl From<Error> for AttemptError {
    fn from(error: Error) -> Self {
        let failure = Failure::of(&error).unwrap_or(Failure::Transport);
        Self { error, failure }
    }
}
