//! The raw request API on both facades: any API path through the same send
//! path as the managers (authentication, retries, error mapping), and
//! nothing sent for a request that cannot be built; records built from a
//! model with `Client::record`; hooks around every attempt.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use std::time::Duration;

use konigle_core::{Config, RetryConfig};

/// A config with fast retries, pointed at `base`.
pub fn config(base: &str) -> Config {
    config_builder(base).build().expect("config")
}

/// The builder behind [`config`], for tests that add hooks.
pub fn config_builder(base: &str) -> konigle_core::ConfigBuilder {
    Config::builder("test-key").base_url(base).retry(
        RetryConfig::standard()
            .with_max_retries(2)
            .with_backoff(Duration::from_millis(5))
            .with_max_backoff(Duration::from_millis(20)),
    )
}

konigle_suite::both_facades!(
    raw_get_with_query_is_retried_and_decoded,
    raw_post_sends_json_and_maps_errors,
    raw_send_empty_accepts_no_content,
    raw_bad_paths_send_nothing,
    record_built_from_a_model_saves_its_changes,
    hooks_see_every_attempt_and_add_headers,
    a_hook_can_replace_the_authorization,
);
