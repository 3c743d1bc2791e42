//! Connections to third-party services, and their credentials.

use crate::query::Query;
use crate::request::{Method, Request};

/// Path of the connections collection.
pub const CONNECTIONS_PATH: &str = "/relay/api/v1/connections";

/// The request for a provider's connection credentials.
pub fn credentials_request(provider: &str) -> Request {
    let mut q = Query::default();
    q.push("provider", provider);
    Request::new(Method::Get, CONNECTIONS_PATH).suffix("/get-credentials").query(q)
}
