use std::sync::{Arc, Mutex};

use konigle_core::hooks::{Attempt, Outcome};
use konigle_core::request::Service;
use konigle_core::resource::RawResponse;
use konigle_core::retry::{self, AttemptError};
use konigle_core::{Body, Config, Error, Request, Result, Secret};
use serde::de::DeserializeOwned;

use super::transport;
use crate::http::{self, Http};

/// A Konigle API client: configuration, one connection pool and the managers.
///
/// Cloning is cheap (one `Arc`); clones share the pool. The client is
/// `Send + Sync`, so one instance can serve every task or thread.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    timeout: Option<std::time::Duration>,
    operation_timeout: Option<std::time::Duration>,
}

struct Inner {
    config: Config,
    http: Http,
    forms_token: Mutex<Option<Secret>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("config", &self.inner.config).finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the given configuration.
    ///
    /// # Errors
    /// [`Error::Config`] when the HTTP stack cannot be set up, or when the
    /// blocking client is built (or later used) inside a tokio runtime.
    pub fn new(config: Config) -> Result<Client> {
        let http = Http::new(&config)?;
        Ok(Client::from_http(config, http))
    }

    /// A client around a prepared transport (see `with_http_client`).
    pub(crate) fn from_http(config: Config, http: Http) -> Client {
        Client {
            inner: Arc::new(Inner { config, http, forms_token: Mutex::new(None) }),
            timeout: None,
            operation_timeout: None,
        }
    }

    /// A client for `api_key` with every other setting at its default.
    pub fn with_api_key(api_key: impl Into<Secret>) -> Result<Client> {
        Client::new(Config::builder(api_key).build()?)
    }

    /// A client configured from the environment (see [`Config::from_env`]).
    pub fn from_env() -> Result<Client> {
        Client::new(Config::from_env()?)
    }

    /// A handle on the same client (same pool and credentials) whose
    /// requests may take up to `timeout` each, for calls known to be slow
    /// such as large uploads or image generation.
    ///
    #[doc = doc_example!("with_timeout")]
    pub fn with_timeout(&self, timeout: std::time::Duration) -> Client {
        Client { inner: Arc::clone(&self.inner), timeout: Some(timeout), operation_timeout: self.operation_timeout }
    }

    /// A handle on the same client whose calls end with
    /// [`Error::Timeout`] once `timeout` has passed since they started,
    /// retries and their waits included (see [`Config::operation_timeout`]):
    /// `client.with_operation_timeout(Duration::from_secs(20)).images().get("img_1")`.
    pub fn with_operation_timeout(&self, timeout: std::time::Duration) -> Client {
        Client { inner: Arc::clone(&self.inner), timeout: self.timeout, operation_timeout: Some(timeout) }
    }

    /// Wraps a model as a record of this client, as if it had just been
    /// loaded: unchanged, complete, and saved, reloaded or deleted through
    /// this client. For building records in tests, or from data obtained
    /// elsewhere (a cache, another service).
    ///
    #[doc = doc_example!("client_record")]
    pub fn record<T: konigle_core::Resource>(&self, model: T) -> super::Record<T> {
        super::Record::new(model, false, self.clone())
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    fn base_url(&self, service: Service) -> &str {
        match service {
            Service::Api => self.inner.config.base_url(),
            Service::Forms => self.inner.config.forms_base_url(),
        }
    }

    /// The error with the API key and any token this client holds replaced
    /// by `***`, whatever the server echoed back.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        let token = self.cached_forms_token();
        let token = token.as_ref().map(|t| t.expose().trim_start_matches("Bearer ").to_string());
        let mut secrets = vec![self.inner.config.api_key().expose()];
        if let Some(t) = token.as_deref() {
            secrets.push(t);
        }
        error.scrubbed(&secrets)
    }

    /// A log line's text with the key and tokens replaced by `***`.
    fn scrub_text(&self, mut text: String) -> String {
        let token = self.cached_forms_token();
        let token = token.as_ref().map(|t| t.expose().trim_start_matches("Bearer ").to_string());
        let mut secrets = vec![self.inner.config.api_key().expose()];
        if let Some(t) = token.as_deref() {
            secrets.push(t);
        }
        secrets.retain(|s| s.len() >= 4);
        konigle_core::redact::scrub_in_place(&mut text, &secrets);
        text
    }

    fn cached_forms_token(&self) -> Option<Secret> {
        self.inner.forms_token.lock().map(|t| t.clone()).unwrap_or(None)
    }

    fn store_forms_token(&self, token: Option<Secret>) {
        if let Ok(mut slot) = self.inner.forms_token.lock() {
            *slot = token;
        }
    }
}

#[crate::facade]
impl Client {
    /// Sends a request and returns the successful response, or the error it
    /// maps to. The one path every manager call takes: downloads, auth,
    /// retries, error mapping.
    pub(crate) async fn execute(&self, mut req: Request) -> Result<RawResponse> {
        self.resolve_downloads(&mut req).await?;
        let forms_auth;
        let auth = match req.target() {
            Service::Api => self.inner.config.authorization(),
            Service::Forms => {
                forms_auth = self.forms_authorization().await?;
                &forms_auth
            }
        };
        let res = self.send_with_retries(&req, auth).await;
        if req.target() == Service::Forms {
            if let Err(Error::Authentication(_)) = &res {
                // The token expired or was revoked: fetch a new one next time.
                self.store_forms_token(None);
            }
        }
        res
    }

    /// Sends and decodes a JSON response.
    pub(crate) async fn fetch<T: DeserializeOwned>(&self, req: Request) -> Result<T> {
        let resp = self.execute(req).await?;
        resp.json().map_err(|e| self.scrub(e))
    }

    async fn send_with_retries(&self, req: &Request, auth: &Secret) -> Result<RawResponse> {
        self.send_attempts(req, auth).await.map_err(|e| self.scrub(e))
    }

    /// The retry loop: attempts, waits, the overall deadline and logging.
    async fn send_attempts(&self, req: &Request, auth: &Secret) -> Result<RawResponse> {
        let config = &self.inner.config;
        let base = self.base_url(req.target());
        let timeout = req.timeout_override().or(self.timeout).unwrap_or(config.timeout());
        let replayable = req.body_ref().is_replayable();
        let span = tracing::debug_span!(
            "konigle.request",
            method = req.method().as_str(),
            path = req.template(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let first_started = std::time::Instant::now();
        let operation_timeout = self.operation_timeout.or(config.operation_timeout());
        let deadline = operation_timeout.and_then(|t| first_started.checked_add(t));
        let log_bodies = config.log_bodies() && !req.is_sensitive();
        if log_bodies {
            if let konigle_core::Body::Json(body) = req.body_ref() {
                let shown = self.scrub_text(konigle_core::redact::json(body).to_string());
                tracing::trace!(parent: &span, body = %shown, "request body");
            }
        }
        let finish = |attempt: u32, status: u16| {
            span.record("status", status);
            span.record("attempts", attempt);
            span.record("duration_ms", first_started.elapsed().as_millis() as u64);
        };
        let overdue = |attempt: u32| Error::Timeout { after: operation_timeout.unwrap_or(timeout), attempts: attempt };
        let hooks = config.hooks();
        let mut attempt = 1u32;
        loop {
            let started = std::time::Instant::now();
            // Each attempt gets its timeout, cut to what is left of the call's.
            let attempt_timeout = match deadline {
                Some(at) => match at.checked_duration_since(started).filter(|left| !left.is_zero()) {
                    Some(left) => timeout.min(left),
                    None => {
                        finish(attempt - 1, 0);
                        return Err(overdue(attempt - 1));
                    }
                },
                None => timeout,
            };
            let hooked = Attempt::new(req.method(), req.template(), attempt);
            let extra = transport::hook_headers(&hooks.before_attempt(&hooked));
            let sent = self.inner.http.send(req, base, auth, attempt_timeout, &extra).await;
            if !hooks.is_empty() {
                let elapsed = started.elapsed();
                match &sent {
                    Ok(resp) => {
                        let request_id =
                            resp.headers.iter().find(|(k, _)| k == "x-request-id").map(|(_, v)| v.as_str());
                        hooks.after_response(&hooked, &Outcome::Response { status: resp.status, request_id, elapsed });
                    }
                    Err(failed) => {
                        let message = self.scrub_text(failed.error.to_string());
                        hooks.after_response(&hooked, &Outcome::Failed { message: &message, elapsed });
                    }
                }
            }
            let outcome = match sent {
                Ok(resp) if resp.is_success() => Ok(resp),
                Ok(resp) => Err(AttemptError { error: resp.error(), failure: retry::Failure::Status(resp.status) }),
                Err(e) => Err(e),
            };
            let elapsed = started.elapsed();
            match outcome {
                Ok(resp) => {
                    finish(attempt, resp.status);
                    tracing::debug!(parent: &span, status = resp.status, attempt, ?elapsed, "response");
                    if log_bodies && !resp.sensitive {
                        let shown = self.scrub_text(konigle_core::redact::body(&resp.body));
                        tracing::trace!(parent: &span, body = %shown, "response body");
                    }
                    return Ok(resp);
                }
                Err(failed) => {
                    let past_deadline = deadline.is_some_and(|at| std::time::Instant::now() >= at);
                    if past_deadline && matches!(failed.error, Error::Timeout { .. }) {
                        finish(attempt, 0);
                        return Err(overdue(attempt));
                    }
                    let failed = AttemptError { error: self.scrub(failed.error), failure: failed.failure };
                    let retry_after = failed.error.api().and_then(|a| a.retry_after);
                    let retrying =
                        retry::should_retry(config.retry(), req.method(), failed.failure, attempt, replayable);
                    let wait =
                        retrying.then(|| retry::delay(config.retry(), attempt, retry_after, retry::jitter())).flatten();
                    tracing::debug!(parent: &span, error = %failed.error, attempt, ?elapsed, retry_in = ?wait, "attempt failed");
                    match wait {
                        Some(wait) => {
                            if deadline.is_some_and(|at| std::time::Instant::now() + wait >= at) {
                                // The wait would outlast the call: end it now.
                                finish(attempt, failed.error.status().unwrap_or(0));
                                return Err(overdue(attempt));
                            }
                            http::sleep(wait).await;
                            attempt += 1;
                        }
                        None => {
                            finish(attempt, failed.error.status().unwrap_or(0));
                            return Err(failed.error.with_attempts(attempt));
                        }
                    }
                }
            }
        }
    }

    /// Downloads every URL file part of the body, before anything is sent to the API.
    async fn resolve_downloads(&self, req: &mut Request) -> Result<()> {
        let timeout = self.inner.config.timeout();
        if let Body::Multipart(parts) = req.body_mut() {
            for part in parts.iter_mut() {
                if let konigle_core::request::Part::File(file) = part {
                    if let konigle_core::file::FileSource::Url(url) = &file.source {
                        let url = url.clone();
                        let (data, content_type) = self.inner.http.download(&url, timeout).await?;
                        file.set_downloaded(data, content_type.as_deref());
                    }
                }
            }
        }
        Ok(())
    }

    /// The `Authorization` value for the forms service: a bearer token from
    /// the `konigle_forms` connection, fetched once per client.
    async fn forms_authorization(&self) -> Result<Secret> {
        if let Some(token) = self.cached_forms_token() {
            return Ok(token);
        }
        let req = konigle_core::models::connections::credentials_request("konigle_forms");
        let resp = self.send_with_retries(&req, self.inner.config.authorization()).await?;
        let creds: konigle_core::Json = resp.json()?;
        let token = creds.get("access_token").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).ok_or_else(|| {
            Error::MissingCredentials("no access_token in the konigle_forms connection credentials".into())
        })?;
        let value = Secret::new(format!("Bearer {token}"));
        self.store_forms_token(Some(value.clone()));
        Ok(value)
    }
}
