//! Core of the Konigle Rust SDK: models, filters, pagination, file inputs,
//! multipart encoding, errors and configuration.
//!
//! This crate does no I/O. Use it through one of the two clients, which share
//! every type defined here:
//!
//! - [`konigle`](https://docs.rs/konigle): async, on tokio;
//! - [`konigle-blocking`](https://docs.rs/konigle-blocking): blocking.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod config;
#[doc(hidden)]
pub mod enums;
pub mod error;
pub mod file;
pub mod filters;
pub mod hooks;
pub mod models;
#[doc(hidden)]
pub mod multipart;
pub mod pagination;
pub mod query;
#[doc(hidden)]
pub mod redact;
#[doc(hidden)]
pub mod request;
#[doc(hidden)]
pub mod resource;
#[doc(hidden)]
pub mod retry;
pub mod rules;
mod secret;
pub mod spec;

pub use config::{Config, ConfigBuilder, RetryConfig};
pub use error::{ApiError, Error, Result};
pub use file::FileInput;
#[doc(hidden)]
pub use file::FilePart;
pub use pagination::{ListParams, Page};
pub use query::Query;
pub use request::Method;
#[doc(hidden)]
pub use request::{Body, Request, Service};
#[doc(hidden)]
pub use resource::RawResponse;
pub use resource::Resource;
pub use secret::Secret;

/// Arbitrary JSON, used for free-form fields such as `meta`.
pub type Json = serde_json::Value;
/// A JSON object.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
/// A timestamp in UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
pub use rust_decimal::Decimal;
#[doc(hidden)]
pub mod validate;
