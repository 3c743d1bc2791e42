//! The async transport: reqwest with tokio.

use std::time::Duration;

use konigle_core::file::FileSource;
use konigle_core::request::{Body, Part};
use konigle_core::resource::RawResponse;
use konigle_core::retry::AttemptError;
use konigle_core::{Config, Error, Request, Result, Secret};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};

use crate::api::transport::{authorization, classify, describe, idle_per_host, json_bytes, method, IDLE_TIMEOUT};

pub(crate) struct Http {
    client: reqwest::Client,
    limit: tokio::sync::Semaphore,
}

/// Read size of files streamed from disk: 64 KiB chunks (each a blocking
/// read on tokio's pool) instead of the 4 KiB default.
const UPLOAD_CHUNK: usize = 64 * 1024;

pub(crate) async fn sleep(d: Duration) {
    tokio::time::sleep(d).await
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let builder = reqwest::Client::builder()
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .pool_max_idle_per_host(idle_per_host(config))
            .pool_idle_timeout(IDLE_TIMEOUT);
        #[cfg(feature = "native-tls")]
        let builder = builder.use_native_tls();
        let client =
            builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Ok(Http { client, limit: tokio::sync::Semaphore::new(config.max_connections()) })
    }

    pub(crate) async fn send(
        &self,
        req: &Request,
        base: &str,
        auth: &Secret,
        timeout: Duration,
    ) -> Result<RawResponse, AttemptError> {
        let _permit = self.limit.acquire().await.map_err(|_| AttemptError::from(Error::network("client closed")))?;
        let auth_value = authorization(auth)?;
        let mut rb = self
            .client
            .request(method(req.method()), req.url(base))
            .timeout(timeout)
            .header(AUTHORIZATION, auth_value)
            .header(ACCEPT, "application/json");
        match req.body_ref() {
            Body::None => {}
            Body::Json(v) => {
                let bytes = json_bytes(v)?;
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
                        let stream = tokio_util::io::ReaderStream::with_capacity(f, UPLOAD_CHUNK);
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
