//! The scenarios compiled for the async client.

#![allow(dead_code)]

pub use konigle::*;
pub use maybe_async::must_be_async as facade;

/// Collects an `iter_all` stream.
pub async fn collect<S: konigle_core::spec::Spec>(items: konigle::Items<S>) -> Result<Vec<Record<S::Model>>> {
    use futures::TryStreamExt;
    items.try_collect().await
}

#[path = "calls/mod.rs"]
pub mod calls;
