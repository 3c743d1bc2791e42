pub use konigle_blocking::*;
pub use maybe_async::must_be_sync as facade;

pub fn collect<S: konigle_core::spec::Spec>(items: konigle_blocking::Items<S>) -> Vec<Result<Record<S::Model>>> {
    items.collect()
}

/// The mock on a runtime thread of its own, as blocking code needs.
pub fn server() -> konigle_mock::MockServer {
    konigle_mock::MockServer::start_blocking()
}

#[path = "scenarios.rs"]
pub mod scenarios;
