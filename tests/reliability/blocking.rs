pub use konigle_blocking::*;
pub use maybe_async::must_be_sync as facade;

pub fn collect<S: konigle_core::spec::Spec>(items: konigle_blocking::Items<S>) -> Vec<Result<Record<S::Model>>> {
    items.collect()
}

#[path = "scenarios.rs"]
pub mod scenarios;
