//! The async transport: reqwest with tokio.

use std::time::Duration;

use konigle_core::file::FileSource;
use konigle_core::request::{Body, Part};
use konigle_core::resource::RawResponse;
use konigle_core::retry::{AttemptError, Failure};
use konigle_core::{Config, Error, Method, Request, Result, Secret};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};

pub(crate) struct Http {
    client: reqwest::Client,
    limit: tokio::sync::Semaphore,
}

pub(crate) async fn sleep(d: Duration) {
    tokio::time::sleep(d).await
}

fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

fn classify(e: reqwest::Error, timeout: Duration) -> AttemptError {
    if e.is_timeout() {
        AttemptError { error: Error::timeout(timeout), failure: Failure::Transport }
    } else if e.is_connect() {
        AttemptError { error: Error::network(describe(&e)), failure: Failure::Connect }
    } else if e.is_builder() {
        AttemptError { error: Error::InvalidInput { field: None, message: describe(&e) }, failure: Failure::Status(0) }
    } else {
        AttemptError { error: Error::network(describe(&e)), failure: Failure::Transport }
    }
}

/// The error and its causes, without the URL (which may carry query secrets).
pub(crate) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .pool_max_idle_per_host(config.keepalive_connections())
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Ok(Http { client, limit: tokio::sync::Semaphore::new(config.max_connections()) })
    }

    pub(crate) async fn send(
        &self,
        req: &Request,
        base: &str,
        auth: &Secret,
        timeout: Duration,
    ) -> Result<RawResponse, AttemptError> {
        let _permit =
            self.limit.acquire().await.map_err(|_| AttemptError::from(Error::network("client closed")))?;
        let mut auth_value = HeaderValue::from_str(auth.expose())
            .map_err(|_| AttemptError::from(Error::Config("the API key is not a valid header value".into())))?;
        auth_value.set_sensitive(true);
        let mut rb = self
            .client
            .request(method(req.method()), req.url(base))
            .timeout(timeout)
            .header(AUTHORIZATION, auth_value)
            .header(ACCEPT, "application/json");
        match req.body_ref() {
            Body::None => {}
            Body::Json(v) => {
                let bytes =
                    serde_json::to_vec(v).map_err(|e| AttemptError::from(Error::invalid("body", e.to_string())))?;
                rb = rb.header(CONTENT_TYPE, "application/json").body(bytes);
            }
            Body::Multipart(parts) => rb = rb.multipart(form(parts).await?),
        }
        let resp = rb.send().await.map_err(|e| classify(e, timeout))?;
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().await.map_err(|e| classify(e, timeout))?;
        Ok(RawResponse { status, retry_after, body })
    }

    pub(crate) async fn download(&self, url: &str, timeout: Duration) -> Result<(Vec<u8>, Option<String>)> {
        let resp = self.client.get(url).timeout(timeout).send().await.map_err(|e| classify(e, timeout).error)?;
        let status = resp.status().as_u16();
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().await.map_err(|e| classify(e, timeout).error)?;
        if !(200..300).contains(&status) {
            return Err(Error::from_response(status, &body, None));
        }
        Ok((body.to_vec(), content_type))
    }
}

async fn form(parts: &[Part]) -> Result<reqwest::multipart::Form, AttemptError> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File(file) => {
                let body = match &file.source {
                    FileSource::Path { path, len } => {
                        let f = tokio::fs::File::open(path)
                            .await
                            .map_err(|source| AttemptError::from(Error::File { path: path.clone(), source }))?;
                        let stream = tokio_util::io::ReaderStream::new(f);
                        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), *len)
                    }
                    FileSource::Bytes(data) => reqwest::multipart::Part::bytes(data.to_vec()),
                    FileSource::Url(url) => {
                        return Err(AttemptError::from(Error::invalid(
                            &file.field,
                            format!("{url} was not downloaded"),
                        )))
                    }
                };
                let body = body
                    .file_name(file.file_name.clone())
                    .mime_str(&file.content_type)
                    .map_err(|e| AttemptError::from(Error::invalid(&file.field, e.to_string())))?;
                form.part(file.field.clone(), body)
            }
        };
    }
    Ok(form)
}
