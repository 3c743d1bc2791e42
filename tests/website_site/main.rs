//! Website site and design managers on both facades: what the wire parity
//! suite does not pin (deliberate differences from the reference, caches,
//! Active Record actions, generated component codes).

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use konigle_core::Config;

/// A config without retries, pointed at `base`.
pub fn config(base: &str) -> Config {
    Config::builder("test-key").base_url(base).enable_retry(false).build().expect("config")
}

konigle_suite::both_facades!(
    theme_errors_other_than_404_are_reported,
    asset_and_document_ids_are_looked_up_once_per_manager,
    backup_and_template_records_have_their_actions,
    component_template_codes_are_generated,
);
