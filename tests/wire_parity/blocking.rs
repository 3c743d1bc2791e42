//! The scenarios compiled for the blocking client.

#![allow(dead_code)]

pub use konigle_blocking::*;
pub use maybe_async::must_be_sync as facade;

/// Collects an `iter_all` iterator.
pub fn collect<S: konigle_core::spec::Spec>(items: konigle_blocking::Items<S>) -> Result<Vec<Record<S::Model>>> {
    items.collect()
}

#[path = "calls/mod.rs"]
pub mod calls;
