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
/// The reqwest version this crate is built on, for [`Client::with_http_client`].
pub use reqwest;

impl Client {
    /// A client sending through `http`, a reqwest client configured by the
    /// caller (a proxy, custom TLS roots, a local address, default headers).
    ///
    /// The SDK still applies from `config`: the credentials and base URLs,
    /// [`Config::timeout`] on each request (it replaces a total timeout set
    /// on `http`), retries, [`Config::max_connections`] as the bound on
    /// requests in flight, and the default headers. The settings of the
    /// connection itself come from `http` instead and are ignored in
    /// `config`: `connect_timeout`, the user agent (set
    /// `.user_agent(config.user_agent())` on the builder to keep it), the
    /// TLS backend, and the idle pool (`keepalive_connections`; reqwest's
    /// own default keeps idle connections for 90 s).
    ///
    /// ```rust,no_run
    /// use konigle::{reqwest, Client, Config};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let config = Config::builder("my-api-key").build()?;
    /// let http = reqwest::Client::builder()
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
    /// [`Error::Config`] when a default header of `config` is not a valid header.
    pub fn with_http_client(config: Config, http: reqwest::Client) -> Result<Client> {
        let http = http::Http::with_client(&config, http, None)?;
        Ok(Client::from_http(config, http))
    }
}
