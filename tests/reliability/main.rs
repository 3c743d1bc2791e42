//! Reliability of the one transport path, on both facades: retries with
//! backoff and `Retry-After`, no duplicate POSTs, timeouts, `iter_all`
//! across faults, and malformed answers that must become typed errors.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use std::time::Duration;

use konigle_core::{Config, RetryConfig};

/// A config with fast retries, pointed at `base`.
pub fn config(base: &str, retries: u32) -> Config {
    Config::builder("test-key")
        .base_url(base)
        .retry(RetryConfig {
            enabled: true,
            max_retries: retries,
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(5),
        })
        .timeout(Duration::from_millis(400))
        .build()
        .expect("config")
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn blocking() {
                crate::blocking::scenarios::$name();
            }
            #[test]
            fn nonblocking() {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(crate::nonblocking::scenarios::$name());
            }
        }
    )*};
}

both!(
    retry_after_429_then_success,
    server_errors_twice_then_success,
    retries_exhausted_reports_attempts,
    disabled_retries_send_once,
    post_not_repeated_after_dropped_connection,
    get_retried_after_dropped_connection,
    timeout_fires_within_bound,
    iter_all_across_faults_yields_each_item_once,
    malformed_answers_are_typed_errors,
    retry_after_too_long_is_not_waited,
    per_call_timeout_overrides_the_client,
    file_upload_is_resent_whole_after_429,
    mock_post_that_landed_is_not_duplicated,
    mock_rate_limits_and_outages_are_ridden_out,
    mock_timeout_fires_within_bound,
    mock_iter_all_across_faults_yields_each_once,
);
