//! Workspace-level examples, benchmark support and cross-facade integration
//! tests of the Konigle Rust SDK. Nothing here is published.
//!
//! The repository README is included below so that its code samples are
//! compiled by `cargo test`.
#![doc = include_str!("../README.md")]

pub mod recorder;
