//! Transport-neutral description of one HTTP request: the SDK's one request builder.
//!
//! Managers describe what to send with [`Request`]; each facade's transport
//! turns it into a reqwest request. Building happens here, in plain code
//! shared by both facades, so the two cannot send different bytes.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::file::FilePart;
use crate::query::Query;

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the same effect as once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which Konigle service a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// The main API at the configured base URL, authenticated with the API key.
    Api,
    /// The forms service, authenticated with a bearer token obtained from
    /// the `konigle_forms` connection.
    Forms,
}

/// Characters escaped in a path segment: everything but RFC 3986 unreserved
/// characters and sub-delimiters that are safe in a segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one path segment, so an id such as `a/b?c` stays one segment.
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// One field of a multipart body.
#[derive(Debug)]
pub enum Part {
    /// A text field.
    Text {
        /// Field name.
        name: String,
        /// Field value.
        value: String,
    },
    /// A file.
    File(FilePart),
}

/// Body of a request.
#[derive(Debug, Default)]
pub enum Body {
    /// No body and no `Content-Type`.
    #[default]
    None,
    /// A JSON document.
    Json(Value),
    /// A `multipart/form-data` body.
    Multipart(Vec<Part>),
    /// An `application/x-www-form-urlencoded` body of ordered fields.
    Form(Query),
}

impl Body {
    /// JSON body from any serializable value.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Body> {
        serde_json::to_value(value)
            .map(Body::Json)
            .map_err(|e| Error::InvalidInput { field: None, message: format!("cannot encode the body: {e}") })
    }

    /// A JSON body when `files` is empty, else a multipart body with the
    /// value's fields (see [`crate::multipart::fields`]) followed by the files.
    pub fn with_files<T: Serialize + ?Sized>(value: &T, files: Vec<FilePart>) -> Result<Body> {
        if files.is_empty() {
            return Body::json(value);
        }
        let Body::Json(json) = Body::json(value)? else { unreachable!() };
        let mut parts = crate::multipart::fields(&json)?;
        parts.extend(files.into_iter().map(Part::File));
        Ok(Body::Multipart(parts))
    }

    /// Whether a retry can send this body again as it was.
    pub fn is_replayable(&self) -> bool {
        match self {
            Body::Multipart(parts) => parts.iter().all(|p| match p {
                Part::File(f) => f.is_replayable(),
                Part::Text { .. } => true,
            }),
            _ => true,
        }
    }
}

/// A request to send: method, service, path, query and body.
///
/// ```
/// use konigle_core::request::{Method, Request};
/// let req = Request::new(Method::Get, "/admin/api/storefront-assets").segment("img/1");
/// assert_eq!(req.path(), "/admin/api/storefront-assets/img%2F1");
/// ```
#[derive(Debug)]
pub struct Request {
    method: Method,
    service: Service,
    path: String,
    template: String,
    query: Query,
    body: Body,
    timeout: Option<std::time::Duration>,
    sensitive: bool,
}

impl Request {
    /// A request to `path` (already encoded, starting with `/`) on the main API.
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            service: Service::Api,
            path: path.to_string(),
            template: path.to_string(),
            query: Query::default(),
            body: Body::None,
            timeout: None,
            sensitive: false,
        }
    }

    /// Appends one percent-encoded path segment.
    pub fn segment(mut self, segment: &str) -> Self {
        if !self.path.ends_with('/') {
            self.path.push('/');
            self.template.push('/');
        }
        self.path.push_str(&encode_segment(segment));
        self.template.push_str("{id}");
        self
    }

    /// Appends a literal suffix (a static action path such as `/start`).
    pub fn suffix(mut self, suffix: &str) -> Self {
        let suffix = if self.path.ends_with('/') { suffix.strip_prefix('/').unwrap_or(suffix) } else { suffix };
        self.path.push_str(suffix);
        self.template.push_str(suffix);
        self
    }

    /// Sends the request to another service.
    pub fn service(mut self, service: Service) -> Self {
        self.service = service;
        self
    }

    /// Replaces the query.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Replaces the body.
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// A timeout for this request only, replacing the client's.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }
    /// The target service.
    pub fn target(&self) -> Service {
        self.service
    }
    /// The encoded path.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The path with ids replaced by `{id}`, for logs and metrics.
    pub fn template(&self) -> &str {
        &self.template
    }
    /// The query pairs.
    pub fn query_pairs(&self) -> &Query {
        &self.query
    }
    /// The body.
    pub fn body_ref(&self) -> &Body {
        &self.body
    }
    /// The body, mutably (to resolve URL downloads before sending).
    pub fn body_mut(&mut self) -> &mut Body {
        &mut self.body
    }
    /// Marks the response as holding credentials: its body is never quoted
    /// in errors nor logged.
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Whether the response holds credentials (see [`Request::sensitive`]).
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The per-request timeout, if any.
    pub fn timeout_override(&self) -> Option<std::time::Duration> {
        self.timeout
    }

    /// The full URL of the request given the service's base URL.
    pub fn url(&self, base: &str) -> String {
        let mut url = String::with_capacity(base.len() + self.path.len() + 32);
        url.push_str(base);
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query.encode());
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        let r = Request::new(Method::Get, "/x").segment("a b/c?d#e%");
        assert_eq!(r.path(), "/x/a%20b%2Fc%3Fd%23e%25");
        let r = Request::new(Method::Get, "/x").segment("img_101").suffix("/start");
        assert_eq!(r.path(), "/x/img_101/start");
        assert_eq!(r.template(), "/x/{id}/start");
        let r = Request::new(Method::Get, "/api/dev/forms/").segment("7").suffix("/");
        assert_eq!(r.path(), "/api/dev/forms/7/");
    }

    #[test]
    fn url_joins_query() {
        let mut q = Query::default();
        q.push("page", 1);
        q.push("q", "a b&c");
        let r = Request::new(Method::Get, "/x").query(q);
        assert_eq!(r.url("http://h"), "http://h/x?page=1&q=a+b%26c");
    }
}
