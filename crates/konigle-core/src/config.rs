//! Client configuration: credentials, endpoints, timeouts, retries and pool limits.

use std::time::Duration;

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::hooks::{Hook, Hooks};
use crate::secret::Secret;

/// Default API endpoint.
pub const DEFAULT_BASE_URL: &str = "https://tim.konigle.com";
/// Default endpoint of the forms service.
pub const DEFAULT_FORMS_BASE_URL: &str = "https://forms.konigle.com";
/// Version of this SDK, sent in the `User-Agent` header.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Retry behaviour of the transport.
///
/// Requests failing with 408, 429, 5xx, a timeout or a connection error are
/// retried up to [`max_retries`](RetryConfig::max_retries) times with
/// exponential backoff and full jitter. Requests that are not idempotent
/// (POST) are retried only when they provably never reached the server.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Whether retries happen at all (default `true`).
    pub enabled: bool,
    /// How many times a failed request is retried (default 3; 0..=10).
    pub max_retries: u32,
    /// Base delay of the exponential backoff (default 0.5 s).
    pub backoff: Duration,
    /// Upper bound of one backoff delay (default 30 s).
    pub max_backoff: Duration,
    /// Upper bound on a server-requested `Retry-After` wait (default 60 s);
    /// a longer request ends the retries with the rate-limit error.
    pub max_retry_after: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            max_retries: 3,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryConfig {
    /// The default retry behaviour (3 retries, 0.5 s base backoff up to
    /// 30 s, `Retry-After` honoured up to 60 s), to adjust with the `with_*`
    /// methods.
    ///
    /// ```
    /// use std::time::Duration;
    /// use konigle_core::RetryConfig;
    ///
    /// let retry = RetryConfig::standard().with_max_retries(5).with_backoff(Duration::from_millis(200));
    /// assert_eq!((retry.max_retries, retry.backoff), (5, Duration::from_millis(200)));
    /// ```
    pub fn standard() -> Self {
        Self::default()
    }

    /// A configuration that never retries.
    pub fn disabled() -> Self {
        Self { enabled: false, ..Self::default() }
    }

    /// How many times a failed request is retried (0..=10, checked when the
    /// configuration is built).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The base delay of the exponential backoff.
    pub fn with_backoff(mut self, backoff: Duration) -> Self {
        self.backoff = backoff;
        self
    }

    /// The longest single backoff delay.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The longest server-requested `Retry-After` wait the client accepts;
    /// a longer one ends the retries with the rate-limit error.
    pub fn with_max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }
}

/// Validated configuration of a Konigle client.
///
/// Build one with [`Config::builder`] or [`Config::from_env`].
///
/// ```
/// use std::time::Duration;
/// use konigle_core::Config;
///
/// let config = Config::builder("my-api-key")
///     .base_url("https://tim.konigle.com/")
///     .timeout(Duration::from_secs(10))
///     .build()
///     .unwrap();
/// assert_eq!(config.base_url(), "https://tim.konigle.com");
/// assert!(!format!("{config:?}").contains("my-api-key"));
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    api_key: Secret,
    authorization: Secret,
    base_url: String,
    forms_base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryConfig,
    max_connections: usize,
    keepalive_connections: usize,
    user_agent: String,
    auth_prefix: String,
    log_bodies: bool,
    hooks: Hooks,
    default_headers: DefaultHeaders,
    max_response_bytes: u64,
    max_download_bytes: u64,
    operation_timeout: Option<Duration>,
}

/// Default [`Config::max_response_bytes`]: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;
/// Default [`Config::max_download_bytes`]: 1 GiB.
pub const DEFAULT_MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024 * 1024;

impl Config {
    /// Starts a builder with the given API key and every other setting at its default.
    pub fn builder(api_key: impl Into<Secret>) -> ConfigBuilder {
        ConfigBuilder::new(api_key)
    }

    /// Reads the configuration from the environment.
    ///
    /// `KONIGLE_API_KEY` (required) and `KONIGLE_BASE_URL`, `KONIGLE_FORMS_BASE_URL`,
    /// `KONIGLE_TIMEOUT` (seconds), `KONIGLE_RETRY_COUNT`, `KONIGLE_RETRY_BACKOFF`
    /// (seconds), `KONIGLE_ENABLE_RETRY`, `KONIGLE_MAX_CONNECTIONS`,
    /// `KONIGLE_KEEPALIVE_CONNECTIONS`, `KONIGLE_USER_AGENT`, `KONIGLE_AUTH_PREFIX`,
    /// `KONIGLE_MAX_RESPONSE_BYTES`, `KONIGLE_MAX_DOWNLOAD_BYTES`,
    /// `KONIGLE_OPERATION_TIMEOUT` (seconds).
    /// Each name is also read with the `KONIQ_` prefix, which the Python SDK
    /// uses; `KONIGLE_` wins when both are set.
    pub fn from_env() -> Result<Config> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config> {
        let get = |suffix: &str| lookup(&format!("KONIGLE_{suffix}")).or_else(|| lookup(&format!("KONIQ_{suffix}")));
        let key =
            get("API_KEY").ok_or_else(|| Error::Config("KONIGLE_API_KEY (or KONIQ_API_KEY) is not set".into()))?;
        let mut builder = Config::builder(key);
        if let Some(v) = get("BASE_URL") {
            builder = builder.base_url(v);
        }
        if let Some(v) = get("FORMS_BASE_URL") {
            builder = builder.forms_base_url(v);
        }
        if let Some(v) = get("TIMEOUT") {
            builder = builder.timeout(parse_seconds("TIMEOUT", &v)?);
        }
        if let Some(v) = get("RETRY_COUNT") {
            builder = builder.max_retries(parse_num("RETRY_COUNT", &v)?);
        }
        if let Some(v) = get("RETRY_BACKOFF") {
            builder = builder.retry_backoff(parse_seconds("RETRY_BACKOFF", &v)?);
        }
        if let Some(v) = get("ENABLE_RETRY") {
            builder = builder.enable_retry(parse_bool("ENABLE_RETRY", &v)?);
        }
        if let Some(v) = get("MAX_CONNECTIONS") {
            builder = builder.max_connections(parse_num("MAX_CONNECTIONS", &v)?);
        }
        if let Some(v) = get("KEEPALIVE_CONNECTIONS") {
            builder = builder.keepalive_connections(parse_num("KEEPALIVE_CONNECTIONS", &v)?);
        }
        if let Some(v) = get("USER_AGENT") {
            builder = builder.user_agent(v);
        }
        if let Some(v) = get("AUTH_PREFIX") {
            builder = builder.auth_prefix(v);
        }
        if let Some(v) = get("MAX_RESPONSE_BYTES") {
            builder = builder.max_response_bytes(parse_num("MAX_RESPONSE_BYTES", &v)?);
        }
        if let Some(v) = get("MAX_DOWNLOAD_BYTES") {
            builder = builder.max_download_bytes(parse_num("MAX_DOWNLOAD_BYTES", &v)?);
        }
        if let Some(v) = get("OPERATION_TIMEOUT") {
            builder = builder.operation_timeout(parse_seconds("OPERATION_TIMEOUT", &v)?);
        }
        builder.build()
    }

    /// The API key.
    pub fn api_key(&self) -> &Secret {
        &self.api_key
    }
    /// Base URL of the API, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
    /// Base URL of the forms service, without a trailing `/`.
    pub fn forms_base_url(&self) -> &str {
        &self.forms_base_url
    }
    /// Total time allowed for one request attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
    /// Time allowed to establish a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }
    /// Retry behaviour.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }
    /// Upper bound of requests in flight at once through one client (and its
    /// clones); further calls wait their turn. Idle connections are kept for
    /// reuse up to this number and close after 30 s.
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }
    /// The keepalive setting, validated (1..=100, at most `max_connections`)
    /// for compatibility with other Konigle SDKs. The connection pool keeps up
    /// to [`max_connections`](Self::max_connections) idle connections: a
    /// smaller idle cap made the pool close and reopen connections under load.
    pub fn keepalive_connections(&self) -> usize {
        self.keepalive_connections
    }
    /// Value of the `User-Agent` header.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
    /// Scheme word of the `Authorization` header (`Token` by default).
    pub fn auth_prefix(&self) -> &str {
        &self.auth_prefix
    }
    /// Whether request and response bodies are logged (redacted) at `TRACE` level.
    pub fn log_bodies(&self) -> bool {
        self.log_bodies
    }

    /// The hooks called around every attempt.
    pub fn hooks(&self) -> &Hooks {
        &self.hooks
    }
    /// Largest response body read from the API (default 32 MiB); a longer
    /// one fails with [`Error::ResponseTooLarge`] after reading at most this
    /// much, error pages included.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }
    /// Largest file downloaded for an `https://` file input (default 1 GiB).
    pub fn max_download_bytes(&self) -> u64 {
        self.max_download_bytes
    }
    /// Time allowed for a whole call, retries and their waits included
    /// (default none: only the per-attempt [`timeout`](Self::timeout) and the
    /// retry count bound it). When it passes, the call ends with
    /// [`Error::Timeout`], even mid-backoff.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }
    /// The value of the `Authorization` header for the API (built once).
    #[doc(hidden)]
    pub fn authorization(&self) -> &Secret {
        &self.authorization
    }
    /// Extra headers sent on every request, as (lower-case name, value)
    /// pairs in the order they were added (see [`ConfigBuilder::default_header`]).
    pub fn default_headers(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.default_headers.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// Extra headers of every request; `Debug` shows the names only, as values
/// may be credentials (a proxy token, a tenant key).
#[derive(Clone, Default)]
struct DefaultHeaders(Vec<(String, String)>);

impl std::fmt::Debug for DefaultHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(n, _)| n)).finish()
    }
}

/// Headers the SDK or the HTTP stack sets itself; a default header cannot
/// replace them.
const RESERVED_HEADERS: [&str; 10] = [
    "authorization",
    "accept",
    "content-type",
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
    "user-agent",
    "te",
    "upgrade",
];

/// Checks one default header: a token name (RFC 9110) that the SDK does not
/// set itself, and a value of visible ASCII, spaces and tabs.
fn check_header(name: &str, value: &str) -> Result<()> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(Error::Config(format!("default header name {name:?} is not a valid header name")));
    }
    if RESERVED_HEADERS.contains(&name) {
        return Err(Error::Config(format!(
            "default header {name:?} is set by the SDK itself and cannot be replaced (see the Config settings)"
        )));
    }
    if !value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
        // The value is not shown: it may be a credential.
        return Err(Error::Config(format!(
            "the value of default header {name:?} must be visible ASCII characters, spaces or tabs"
        )));
    }
    Ok(())
}

fn parse_num<T: std::str::FromStr>(name: &str, value: &str) -> Result<T> {
    value.trim().parse().map_err(|_| Error::Config(format!("{name} must be a whole number, got {value:?}")))
}

fn parse_seconds(name: &str, value: &str) -> Result<Duration> {
    let secs: f64 = value
        .trim()
        .parse()
        .map_err(|_| Error::Config(format!("{name} must be a number of seconds, got {value:?}")))?;
    Duration::try_from_secs_f64(secs)
        .map_err(|_| Error::Config(format!("{name} must be a non-negative number of seconds")))
}

fn parse_bool(name: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(Error::Config(format!("{name} must be true or false, got {value:?}"))),
    }
}

/// Builder of [`Config`]; [`build`](ConfigBuilder::build) validates every value.
#[derive(Debug, Clone)]
pub struct ConfigBuilder {
    api_key: Secret,
    base_url: String,
    forms_base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryConfig,
    max_connections: usize,
    keepalive_connections: usize,
    user_agent: Option<String>,
    auth_prefix: String,
    log_bodies: bool,
    hooks: Hooks,
    default_headers: DefaultHeaders,
    max_response_bytes: u64,
    max_download_bytes: u64,
    operation_timeout: Option<Duration>,
}

impl ConfigBuilder {
    fn new(api_key: impl Into<Secret>) -> Self {
        Self {
            api_key: api_key.into(),
            base_url: DEFAULT_BASE_URL.into(),
            forms_base_url: DEFAULT_FORMS_BASE_URL.into(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryConfig::default(),
            max_connections: 100,
            keepalive_connections: 20,
            user_agent: None,
            auth_prefix: "Token".into(),
            log_bodies: false,
            hooks: Hooks::default(),
            default_headers: DefaultHeaders::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_download_bytes: DEFAULT_MAX_DOWNLOAD_BYTES,
            operation_timeout: None,
        }
    }

    /// Adds a [`Hook`] called around every attempt of every request (see
    /// [`hooks`](crate::hooks)); hooks run in the order they were added.
    pub fn hook<H: Hook>(mut self, hook: Arc<H>) -> Self {
        self.hooks.push(hook);
        self
    }

    /// Base URL of the API (default [`DEFAULT_BASE_URL`]); a trailing `/` is removed.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }
    /// Base URL of the forms service (default [`DEFAULT_FORMS_BASE_URL`]).
    pub fn forms_base_url(mut self, url: impl Into<String>) -> Self {
        self.forms_base_url = url.into();
        self
    }
    /// Total time allowed for one request attempt (default 30 s; must be > 0).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Time allowed to connect (default 10 s; must be > 0).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
    /// Replaces the whole retry configuration.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }
    /// How many times a failed request is retried (default 3, at most 10).
    pub fn max_retries(mut self, count: u32) -> Self {
        self.retry.max_retries = count;
        self
    }
    /// Base delay of the exponential backoff (default 0.5 s).
    pub fn retry_backoff(mut self, backoff: Duration) -> Self {
        self.retry.backoff = backoff;
        self
    }
    /// Turns retries on or off (default on).
    pub fn enable_retry(mut self, enabled: bool) -> Self {
        self.retry.enabled = enabled;
        self
    }
    /// Upper bound of requests in flight at once (default 100; 1..=1000).
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n;
        self
    }
    /// The keepalive setting (default 20; 1..=100, at most `max_connections`);
    /// see [`Config::keepalive_connections`].
    pub fn keepalive_connections(mut self, n: usize) -> Self {
        self.keepalive_connections = n;
        self
    }
    /// A product name put before `konigle-rust/<version>` in the `User-Agent` header.
    pub fn user_agent(mut self, prefix: impl Into<String>) -> Self {
        self.user_agent = Some(prefix.into());
        self
    }
    /// Scheme word of the `Authorization` header (default `Token`).
    pub fn auth_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.auth_prefix = prefix.into();
        self
    }
    /// Logs request and response bodies (secrets redacted) at `TRACE` level.
    pub fn log_bodies(mut self, on: bool) -> Self {
        self.log_bodies = on;
        self
    }
    /// An extra header sent on every request (a tenant id, a tracing
    /// header, a gateway key). Names are case-insensitive; adding a name
    /// again replaces its value. [`build`](Self::build) rejects invalid
    /// names and values, and the headers the SDK sets itself
    /// (`Authorization`, `Accept`, `Content-Type`, `User-Agent`, …).
    ///
    /// ```
    /// use konigle_core::Config;
    ///
    /// let config = Config::builder("my-api-key").default_header("X-Tenant", "shop-42").build().unwrap();
    /// assert_eq!(config.default_headers().collect::<Vec<_>>(), [("x-tenant", "shop-42")]);
    /// ```
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into().to_ascii_lowercase(), value.into());
        match self.default_headers.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.default_headers.0.push((name, value)),
        }
        self
    }

    /// Largest response body read from the API (default 32 MiB; must be > 0).
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }
    /// Largest file downloaded for an `https://` file input (default 1 GiB; must be > 0).
    pub fn max_download_bytes(mut self, bytes: u64) -> Self {
        self.max_download_bytes = bytes;
        self
    }
    /// Time allowed for a whole call, retries and waits included (default
    /// none; must be > 0). See [`Config::operation_timeout`].
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Validates the settings and returns the configuration.
    ///
    /// # Errors
    /// [`Error::Config`] for an empty key, a zero timeout, keepalive above
    /// max connections, out-of-range counts or a URL that is not http(s).
    pub fn build(self) -> Result<Config> {
        let bad = |m: String| Err(Error::Config(m));
        if self.api_key.is_blank() {
            return bad("the API key is empty".into());
        }
        if self.api_key.expose().chars().any(|c| c.is_control()) {
            return bad("the API key contains control characters".into());
        }
        let base_url = normalize_url("base_url", &self.base_url)?;
        let forms_base_url = normalize_url("forms_base_url", &self.forms_base_url)?;
        if self.timeout.is_zero() {
            return bad("timeout must be greater than zero".into());
        }
        if self.connect_timeout.is_zero() {
            return bad("connect_timeout must be greater than zero".into());
        }
        if self.max_response_bytes == 0 || self.max_download_bytes == 0 {
            return bad("max_response_bytes and max_download_bytes must be greater than zero".into());
        }
        if self.operation_timeout.is_some_and(|t| t.is_zero()) {
            return bad("operation_timeout must be greater than zero".into());
        }
        if self.retry.max_retries > 10 {
            return bad(format!("max_retries must be at most 10, got {}", self.retry.max_retries));
        }
        if !(1..=1000).contains(&self.max_connections) {
            return bad(format!("max_connections must be 1..=1000, got {}", self.max_connections));
        }
        if !(1..=100).contains(&self.keepalive_connections) {
            return bad(format!("keepalive_connections must be 1..=100, got {}", self.keepalive_connections));
        }
        if self.keepalive_connections > self.max_connections {
            return bad(format!(
                "keepalive_connections ({}) cannot exceed max_connections ({})",
                self.keepalive_connections, self.max_connections
            ));
        }
        let auth_prefix = self.auth_prefix.trim().to_string();
        if auth_prefix.is_empty() || auth_prefix.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return bad("auth_prefix must be one word such as Token or Bearer".into());
        }
        let default_agent = format!("konigle-rust/{SDK_VERSION}");
        let user_agent = match self.user_agent {
            Some(prefix) if !prefix.trim().is_empty() => {
                if prefix.chars().any(|c| c.is_control()) {
                    return bad("user_agent contains control characters".into());
                }
                format!("{} {default_agent}", prefix.trim())
            }
            _ => default_agent,
        };
        for (name, value) in &self.default_headers.0 {
            check_header(name, value)?;
        }
        let authorization = Secret::new(format!("{auth_prefix} {}", self.api_key.expose()));
        Ok(Config {
            authorization,
            api_key: self.api_key,
            base_url,
            forms_base_url,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry,
            max_connections: self.max_connections,
            keepalive_connections: self.keepalive_connections,
            user_agent,
            auth_prefix,
            log_bodies: self.log_bodies,
            hooks: self.hooks,
            default_headers: self.default_headers,
            max_response_bytes: self.max_response_bytes,
            max_download_bytes: self.max_download_bytes,
            operation_timeout: self.operation_timeout,
        })
    }
}

fn normalize_url(name: &str, url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let ok_scheme = trimmed.starts_with("https://") || trimmed.starts_with("http://");
    let host = trimmed.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    if !ok_scheme || host.is_empty() || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::Config(format!("{name} must be an http(s) URL, got {url:?}")));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_platform() {
        let c = Config::builder("k").build().unwrap();
        assert_eq!(c.base_url(), DEFAULT_BASE_URL);
        assert_eq!(c.timeout(), Duration::from_secs(30));
        assert_eq!(c.retry().max_retries, 3);
        assert_eq!(c.retry().backoff, Duration::from_millis(500));
        assert!(c.retry().enabled);
        assert_eq!(c.user_agent(), format!("konigle-rust/{SDK_VERSION}"));
        assert_eq!(c.authorization().expose(), "Token k");
    }

    #[test]
    fn trailing_slash_trimmed_and_agent_prefixed() {
        let c = Config::builder("k").base_url("http://x.test///").user_agent("myapp/1").build().unwrap();
        assert_eq!(c.base_url(), "http://x.test");
        assert_eq!(c.user_agent(), format!("myapp/1 konigle-rust/{SDK_VERSION}"));
    }

    #[test]
    fn invalid_values_are_rejected() {
        let cases = [
            Config::builder("").build(),
            Config::builder("k").timeout(Duration::ZERO).build(),
            Config::builder("k").max_connections(5).keepalive_connections(6).build(),
            Config::builder("k").max_retries(11).build(),
            Config::builder("k").base_url("ftp://x").build(),
            Config::builder("k").base_url("").build(),
            Config::builder("k").max_response_bytes(0).build(),
            Config::builder("k").operation_timeout(Duration::ZERO).build(),
        ];
        for case in cases {
            assert!(matches!(case, Err(Error::Config(_))), "{case:?}");
        }
    }

    #[test]
    fn env_reads_both_prefixes_and_prefers_konigle() {
        let vars = [
            ("KONIQ_API_KEY", "old"),
            ("KONIGLE_API_KEY", "new"),
            ("KONIQ_BASE_URL", "http://legacy.test/"),
            ("KONIQ_TIMEOUT", "2.5"),
            ("KONIQ_ENABLE_RETRY", "false"),
            ("KONIGLE_MAX_RESPONSE_BYTES", "1048576"),
            ("KONIGLE_OPERATION_TIMEOUT", "7.5"),
        ];
        let c = Config::from_lookup(|n| vars.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string())).unwrap();
        assert_eq!(c.api_key().expose(), "new");
        assert_eq!(c.base_url(), "http://legacy.test");
        assert_eq!(c.timeout(), Duration::from_millis(2500));
        assert!(!c.retry().enabled);
        assert_eq!(c.max_response_bytes(), 1 << 20);
        assert_eq!(c.operation_timeout(), Some(Duration::from_millis(7500)));
        assert!(matches!(Config::from_lookup(|_| None), Err(Error::Config(_))));
    }

    #[test]
    fn default_headers_are_validated() {
        let c = Config::builder("k").default_header("X-Tenant", "a").default_header("x-tenant", "b").build().unwrap();
        assert_eq!(c.default_headers().collect::<Vec<_>>(), [("x-tenant", "b")]);
        let bad =
            [("", "v"), ("X Tenant", "v"), ("x:y", "v"), ("Authorization", "Token x"), ("x-a", "a\r\nb"), ("x-a", "é")];
        for (name, value) in bad {
            let r = Config::builder("k").default_header(name, value).build();
            assert!(matches!(r, Err(Error::Config(_))), "{name:?}: {r:?}");
        }
        let c = Config::builder("k").default_header("X-Gateway-Key", "hidden-value").build().unwrap();
        assert!(!format!("{c:?}").contains("hidden-value"));
        let e = Config::builder("k").default_header("X-A", "hidden\n").build().unwrap_err();
        assert!(!format!("{e}").contains("hidden"));
    }

    #[test]
    fn key_never_printed() {
        let c = Config::builder("super-secret-key").build().unwrap();
        assert!(!format!("{c:?}").contains("super-secret-key"));
        let e = Config::builder("super-secret-key").timeout(Duration::ZERO).build().unwrap_err();
        assert!(!format!("{e} {e:?}").contains("super-secret-key"));
    }
}
