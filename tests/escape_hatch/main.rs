//! The raw request API on both facades: any API path through the same send
//! path as the managers (authentication, retries, error mapping), and
//! nothing sent for a request that cannot be built.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use std::time::Duration;

use konigle_core::{Config, RetryConfig};

/// A config with fast retries, pointed at `base`.
pub fn config(base: &str) -> Config {
    Config::builder("test-key")
        .base_url(base)
        .retry(RetryConfig {
            enabled: true,
            max_retries: 2,
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(5),
        })
        .build()
        .expect("config")
}

konigle_suite::both_facades!(
    raw_get_with_query_is_retried_and_decoded,
    raw_post_sends_json_and_maps_errors,
    raw_send_empty_accepts_no_content,
    raw_bad_paths_send_nothing,
);
