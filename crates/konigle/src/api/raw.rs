//! Requests to any endpoint: the escape hatch for API paths the managers do
//! not cover yet, through the same send path as every manager call
//! (authentication, retries, timeouts, redaction and error mapping).

use std::time::Duration;

use konigle_core::query::Query;
use konigle_core::{Body, Error, Method, Request, Result, Service};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Client;

/// A request to an API path of your choice, built by [`Client::request`]
/// and sent with [`send`](Self::send) (a JSON answer decoded into `T`) or
/// [`send_empty`](Self::send_empty) (any 2xx answer, body ignored).
///
/// Mistakes found while building (a path that is not an API path, a body
/// that does not encode) are reported by `send`, before anything is sent.
#[derive(Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest {
    client: Client,
    request: Result<Request>,
}

/// Checks that `path` names a path on the service, not another host or a
/// path with its own query: it starts with `/`, holds no scheme, no `?` or
/// `#`, no `..` segment, no whitespace or control characters.
fn checked_path(path: &str) -> Result<&str> {
    let fail = |why: &str| Err(Error::invalid("path", format!("`{path}` is not an API path: {why}")));
    if !path.starts_with('/') || path.starts_with("//") {
        return fail("it must start with a single `/`");
    }
    if path.contains("://") {
        return fail("give the path only; the base URL comes from the configuration");
    }
    if path.contains(['?', '#']) {
        return fail("add query parameters with `.query(name, value)`");
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return fail("it contains whitespace or control characters");
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return fail("it contains a `.` or `..` segment");
    }
    Ok(path)
}

impl Client {
    /// A request to `path` (e.g. `/admin/api/pages`) on the main API, for
    /// endpoints the managers do not cover. It takes the same path as every
    /// manager call: the configured base URL and authentication, retries
    /// (only where they are safe for `method`), timeouts, logging with
    /// redaction, and the same [`Error`] for each failure.
    ///
    /// `path` is used as given (already percent-encoded); append ids with
    /// [`RawRequest::segment`], which encodes them.
    pub fn request(&self, method: Method, path: &str) -> RawRequest {
        let request = checked_path(path).map(|p| Request::new(method, p));
        RawRequest { client: self.clone(), request }
    }
}

impl RawRequest {
    fn map(mut self, f: impl FnOnce(Request) -> Result<Request>) -> Self {
        self.request = self.request.and_then(f);
        self
    }

    /// Appends one path segment, percent-encoded (an id such as `a/b` stays
    /// one segment).
    pub fn segment(self, segment: &str) -> Self {
        self.map(|r| {
            if segment.is_empty() {
                return Err(Error::invalid("segment", "a path segment must not be empty"));
            }
            Ok(r.segment(segment))
        })
    }

    /// Appends a query parameter; a name may repeat.
    pub fn query(self, name: &str, value: impl std::fmt::Display) -> Self {
        self.map(|r| {
            let mut query: Query = r.query_pairs().clone();
            query.push(name, value);
            Ok(r.query(query))
        })
    }

    /// Sends `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Self {
        let encoded = Body::json(body);
        self.map(|r| Ok(r.body(encoded?)))
    }

    /// Sends the request to the forms service instead of the main API
    /// (authenticated with the forms token, as `client.forms()` is).
    pub fn forms_service(self) -> Self {
        self.map(|r| Ok(r.service(Service::Forms)))
    }

    /// A timeout for each attempt of this request, replacing the client's.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.map(|r| Ok(r.timeout(timeout)))
    }
}

#[crate::facade]
impl RawRequest {
    /// Sends the request and decodes the JSON answer into `T` (use
    /// [`Json`](konigle_core::Json) for any JSON).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a request that could not be built
    /// (nothing is sent); otherwise the errors of any manager call, with
    /// [`Error::Decode`] when the answer is not a `T`.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T> {
        self.client.fetch(self.request?).await
    }

    /// Sends the request and accepts any 2xx answer, ignoring its body
    /// (for `DELETE` and actions that answer `204 No Content`).
    ///
    /// # Errors
    /// As [`send`](Self::send), without decoding.
    pub async fn send_empty(self) -> Result<()> {
        self.client.execute(self.request?).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::checked_path;

    #[test]
    fn only_api_paths_pass() {
        assert!(checked_path("/admin/api/pages").is_ok());
        assert!(checked_path("/admin/api/pages/").is_ok());
        for bad in
            ["admin/api", "//evil.example/x", "https://evil.example/x", "/x?y=1", "/x#f", "/a b", "/a/../b", "/a\n", ""]
        {
            let err = checked_path(bad).expect_err(bad);
            assert!(matches!(err, konigle_core::Error::InvalidInput { .. }), "{bad}: {err:?}");
        }
    }
}
