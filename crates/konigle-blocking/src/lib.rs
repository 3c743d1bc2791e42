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
/// The reqwest version this crate is built on, for [`Client::with_http_client`].
pub use reqwest;

impl Client {
    /// A client sending through `http`, a reqwest blocking client configured
    /// by the caller (a proxy, custom TLS roots, a local address, default
    /// headers).
    ///
    /// The SDK still applies from `config`: the credentials and base URLs,
    /// [`Config::timeout`] on each request (it replaces a total timeout set
    /// on `http`), retries, [`Config::max_connections`] as the bound on
    /// requests in flight, and the default headers. The settings of the
    /// connection itself come from `http` instead and are ignored in
    /// `config`: `connect_timeout`, the user agent (set
    /// `.user_agent(config.user_agent())` on the builder to keep it), the
    /// TLS backend, and the idle pool (`keepalive_connections`; reqwest's
    /// own default keeps idle connections for 90 s). Files are uploaded
    /// through `http` as well, at the speed of reqwest's blocking bodies
    /// (a client built by [`Client::new`] streams them faster, on an async
    /// path of its own).
    ///
    /// ```rust,no_run
    /// use konigle_blocking::{reqwest, Client, Config};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let config = Config::builder("my-api-key").build()?;
    /// let http = reqwest::blocking::Client::builder()
    ///     .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
    ///     .user_agent(config.user_agent())
    ///     .build()?;
    /// let client = Client::with_http_client(config, http)?;
    /// # drop(client);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`] inside a tokio runtime (see [`Client::new`]), or
    /// when a default header of `config` is not a valid header.
    pub fn with_http_client(config: Config, http: reqwest::blocking::Client) -> Result<Client> {
        let http = http::Http::with_client(&config, http, None)?;
        Ok(Client::from_http(config, http))
    }
}
