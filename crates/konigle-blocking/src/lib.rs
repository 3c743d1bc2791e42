#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub(crate) use maybe_async::must_be_sync as facade;

/// The doc example `src/api/docs/<name>.md` as `build.rs` rewrote it for
/// this (blocking) client.
macro_rules! doc_example {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/docs/", $name, ".md"))
    };
}

mod api;
mod http;
mod iter;

pub use api::*;
pub use iter::Items;
pub use konigle_core::{
    filters, models, pagination, spec, ApiError, Config, ConfigBuilder, Decimal, Error, FileInput, Json, JsonMap,
    ListParams, Method, Page, Resource, Result, RetryConfig, Secret, Timestamp,
};
