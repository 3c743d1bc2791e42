//! Fidelity rules on both facades, against the loopback recorder: multipart
//! file names written with the HTML form encoding for every domain, files
//! named from an open handle, the one `Record::save` rule, field rules on
//! the wire (email normalisation, empty overrides), media `mime_type`
//! filters and explicit empties.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use konigle_core::{Config, RetryConfig};

/// A config pointed at `base`, without retries.
pub fn config(base: &str) -> Config {
    Config::builder("test-key")
        .base_url(base)
        .forms_base_url(base)
        .retry(RetryConfig::disabled())
        .build()
        .expect("config")
}

/// The `index`th canned response body of a recorded fixture.
pub fn recorded(fixture: &str, index: usize) -> serde_json::Value {
    let path = format!("{}/tests/wire/{fixture}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    doc["responses"][index][1].clone()
}

konigle_suite::both_facades!(
    file_names_use_the_html_form_encoding_in_every_domain,
    an_open_file_is_sent_under_its_name_and_type,
    save_refuses_read_only_changes_and_sends_nothing,
    save_names_the_action_for_a_changed_status,
    save_refuses_a_change_the_update_cannot_send,
    save_sends_only_the_update_fields,
    emails_are_normalised_on_the_wire,
    empty_overrides_are_not_sent,
    media_filters_send_the_mime_type_set,
    explicit_empty_attachments_are_sent,
);
