//! Workspace-level examples, benchmark support and cross-facade integration
//! tests of the Konigle Rust SDK. Nothing here is published.
//!
//! The repository README is included below so that its code samples are
//! compiled by `cargo test`.
#![doc = include_str!("../README.md")]

pub mod recorder;

/// Declares, for each named scenario, one test per facade: the blocking
/// one calls `crate::blocking::scenarios::<name>()`, the async one runs
/// `crate::nonblocking::scenarios::<name>()` on a current-thread runtime.
/// The scenario files are compiled once per facade by the test crate.
// `crate` here is meant to be the test crate that invokes the macro.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! both_facades {
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
