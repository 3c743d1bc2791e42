#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub(crate) use maybe_async::must_be_async as facade;

/// The doc example `src/api/docs/<name>.md`, written for this (async) client.
macro_rules! doc_example {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/docs/", $name, ".md"))
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
