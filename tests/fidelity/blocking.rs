pub use konigle_blocking::*;
pub use maybe_async::must_be_sync as facade;

#[path = "scenarios.rs"]
pub mod scenarios;
