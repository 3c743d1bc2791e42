//! Blocking Rust client for the [Konigle](https://konigle.com) API.
//!
//! ```no_run
//! use konigle_blocking::{Client, ListParams};
//!
//! # fn run() -> konigle_blocking::Result<()> {
//! let client = Client::from_env()?; // KONIGLE_API_KEY
//! let page = client.images().list(&ListParams::new().page_size(10))?;
//! for image in &page.payload {
//!     println!("{} {}", image.id, image.name);
//! }
//! # Ok(()) }
//! ```
//!
//! Every manager here has the same methods, with the same arguments, as the
//! async client [`konigle`](https://docs.rs/konigle): both are compiled from
//! one source. Do not call this client from inside an async runtime; use
//! `konigle` there.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub(crate) use maybe_async::must_be_sync as facade;

mod api;
mod http;
mod iter;

pub use api::*;
pub use iter::Items;
pub use konigle_core::{
    filters, models, pagination, spec, ApiError, Config, ConfigBuilder, Decimal, Error, FileInput, Json, JsonMap,
    ListParams, Page, Resource, Result, RetryConfig, Secret, Timestamp,
};
