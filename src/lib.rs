//! Workspace-level examples, benchmarks support and cross-facade integration
//! tests of the Konigle Rust SDK. Nothing here is published.

pub mod recorder;
