pub use konigle::*;
pub use maybe_async::must_be_async as facade;

pub async fn collect<S: konigle_core::spec::Spec>(items: konigle::Items<S>) -> Vec<Result<Record<S::Model>>> {
    use futures::StreamExt;
    items.collect().await
}

/// The mock on the test's own runtime.
pub async fn server() -> konigle_mock::MockServer {
    konigle_mock::MockServer::start().await
}

#[path = "scenarios.rs"]
pub mod scenarios;
