//! Workspace-level examples and cross-facade integration tests of the
//! Konigle Rust SDK. Nothing here is published.
