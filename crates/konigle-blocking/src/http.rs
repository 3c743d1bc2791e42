//! The blocking transport: reqwest's blocking client.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use konigle_core::file::FileSource;
use konigle_core::request::{Body, Part};
use konigle_core::resource::RawResponse;
use konigle_core::retry::AttemptError;
use konigle_core::{Config, Error, Request, Result, Secret};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};

use crate::api::transport::{authorization, classify, describe, idle_per_host, json_bytes, method, IDLE_TIMEOUT};

pub(crate) struct Http {
    client: reqwest::blocking::Client,
    gate: Gate,
}

/// A counting gate: at most `max` requests in flight across the threads
/// sharing one client; the others wait their turn.
struct Gate {
    in_flight: Mutex<usize>,
    freed: Condvar,
    max: usize,
}

struct Pass<'a>(&'a Gate);

impl Gate {
    fn enter(&self) -> Pass<'_> {
        let mut n = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        while *n >= self.max {
            n = self.freed.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n += 1;
        Pass(self)
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        let mut n = self.0.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        *n = n.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

pub(crate) fn sleep(d: Duration) {
    std::thread::sleep(d)
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let builder = reqwest::blocking::Client::builder()
            .user_agent(config.user_agent())
            .connect_timeout(config.connect_timeout())
            .timeout(None)
            .pool_max_idle_per_host(idle_per_host(config))
            .pool_idle_timeout(IDLE_TIMEOUT);
        #[cfg(feature = "native-tls")]
        let builder = builder.use_native_tls();
        let client =
            builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", describe(&e))))?;
        Ok(Http {
            client,
            gate: Gate { in_flight: Mutex::new(0), freed: Condvar::new(), max: config.max_connections() },
        })
    }

    pub(crate) fn send(
        &self,
        req: &Request,
        base: &str,
        auth: &Secret,
        timeout: Duration,
    ) -> Result<RawResponse, AttemptError> {
        let _pass = self.gate.enter();
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
            Body::Multipart(parts) => rb = rb.multipart(form(parts)?),
        }
        let resp = rb.send().map_err(|e| classify(e, timeout))?;
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().map_err(|e| classify(e, timeout))?;
        Ok(RawResponse { status, retry_after, body })
    }

    pub(crate) fn download(&self, url: &str, timeout: Duration) -> Result<(Vec<u8>, Option<String>)> {
        let resp = self.client.get(url).timeout(timeout).send().map_err(|e| classify(e, timeout).error)?;
        let status = resp.status().as_u16();
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().map_err(|e| classify(e, timeout).error)?;
        if !(200..300).contains(&status) {
            return Err(Error::from_response(status, &body, None));
        }
        Ok((body.to_vec(), content_type))
    }
}

fn form(parts: &[Part]) -> Result<reqwest::blocking::multipart::Form, AttemptError> {
    use reqwest::blocking::multipart;
    let mut form = multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File(file) => {
                let body = match &file.source {
                    FileSource::Path { path, len } => {
                        let f = std::fs::File::open(path)
                            .map_err(|source| AttemptError::from(Error::File { path: path.clone(), source }))?;
                        multipart::Part::reader_with_length(f, *len)
                    }
                    FileSource::Bytes(data) => multipart::Part::bytes(data.to_vec()),
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
