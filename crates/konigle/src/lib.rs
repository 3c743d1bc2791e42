//! Async Rust client for the [Konigle](https://konigle.com) API.
//!
//! ```no_run
//! use konigle::{Client, ListParams};
//!
//! # async fn run() -> konigle::Result<()> {
//! let client = Client::from_env()?; // KONIGLE_API_KEY
//! let page = client.images().list(&ListParams::new().page_size(10)).await?;
//! for image in &page.payload {
//!     println!("{} {}", image.id, image.name);
//! }
//! # Ok(()) }
//! ```
//!
//! Every manager here has the same methods, with the same arguments, in the
//! blocking client [`konigle-blocking`](https://docs.rs/konigle-blocking):
//! both are compiled from one source. Futures are `Send`, so calls can be
//! spawned on a multi-threaded runtime.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub(crate) use maybe_async::must_be_async as facade;

mod api;
mod http;
mod iter;

pub use api::*;
pub use iter::Items;
pub use konigle_core::{
    filters, models, pagination, spec, ApiError, Config, ConfigBuilder, Decimal, Error, FileInput, Json, JsonMap,
    ListParams, Page, Resource, Result, RetryConfig, Secret, Timestamp,
};
