pub use konigle::*;
pub use maybe_async::must_be_async as facade;

#[path = "scenarios.rs"]
pub mod scenarios;
