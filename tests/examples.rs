//! The per-domain examples as tests: each walk runs against the built-in
//! mock server and must finish with success, exactly as
//! `cargo run --example <name>` does.

use std::process::ExitCode;

#[path = "../examples/commerce.rs"]
mod commerce;

#[path = "../examples/marketing.rs"]
mod marketing;

#[path = "../examples/email.rs"]
mod email;

#[path = "../examples/assets_and_cloud.rs"]
mod assets_and_cloud;

#[path = "../examples/website.rs"]
mod website;

/// `ExitCode` has no `PartialEq`: compare the debug forms.
fn assert_success(code: ExitCode) {
    assert_eq!(format!("{code:?}"), format!("{:?}", ExitCode::SUCCESS));
}

#[test]
fn commerce_example_succeeds() {
    assert_success(commerce::main());
}

#[test]
fn marketing_example_succeeds() {
    assert_success(marketing::main());
}

#[test]
fn email_example_succeeds() {
    assert_success(email::main());
}

#[test]
fn assets_and_cloud_example_succeeds() {
    assert_success(assets_and_cloud::main());
}

#[test]
fn website_example_succeeds() {
    assert_success(website::main());
}
