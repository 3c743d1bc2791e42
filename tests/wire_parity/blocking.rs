//! The scenarios compiled for the blocking client.

#![allow(dead_code)]

pub use maybe_async::must_be_sync as facade;
pub use konigle_blocking::*;

/// Collects an `iter_all` iterator.
pub fn collect<S: konigle_core::spec::Spec>(items: konigle_blocking::Items<S>) -> Result<Vec<Record<S::Model>>> {
    items.collect()
}

#[path = "calls/mod.rs"]
pub mod calls;
