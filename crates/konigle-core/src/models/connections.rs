//! Connections to third-party services, and their credentials.
//!
//! Connections are set up in the Konigle admin; the SDK lists them and reads
//! their credentials, and never creates, changes or deletes them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::query::Query;
use crate::request::{Method, Request};
use crate::resource::Resource;
use crate::{JsonMap, Secret, Timestamp};

/// Path of the connections collection.
pub const CONNECTIONS_PATH: &str = "/relay/api/v1/connections";

/// The request for a provider's connection credentials.
pub fn credentials_request(provider: &str) -> Request {
    let mut q = Query::default();
    q.push("provider", provider);
    Request::new(Method::Get, CONNECTIONS_PATH).suffix("/get-credentials").query(q).sensitive()
}

crate::string_enum! {
    /// Whether a connection works.
    #[derive(Default)]
    pub enum ConnectionStatus {
        /// Working.
        #[default]
        Active = "active",
        /// Switched off.
        Inactive = "inactive",
        /// Its credentials were rejected.
        Invalid = "invalid",
    }
}

/// A connection to a third-party service (OAuth or API key), for one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Connection {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Code of the third-party service, e.g. `konigle_forms`.
    pub provider: String,
    /// When the access token expires.
    #[serde(default)]
    pub token_expires_at: Option<Timestamp>,
    /// Whether the connection works.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: ConnectionStatus,
    /// Id of the authorized account (an account id, an email…).
    #[serde(default)]
    pub root_resource_id: Option<String>,
    /// Name of the authorized account.
    #[serde(default)]
    pub root_resource_name: Option<String>,
    /// OAuth scopes granted.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub scopes: Vec<String>,
}

impl Resource for Connection {
    const PATH: &'static str = CONNECTIONS_PATH;
    const NAME: &'static str = "Connection";
    fn resource_id(&self) -> &str {
        &self.id
    }
}

/// A connection's credentials: tokens and whatever else the provider needs.
///
/// The values are secrets. `Debug` and `Display` show only the field names;
/// read a value with [`get`](Self::get) or [`access_token`](Self::access_token)
/// (each a [`Secret`]) or the whole map with [`expose`](Self::expose).
/// Serializing writes the values as they are: do it only where the secrets
/// belong.
///
/// ```
/// use konigle_core::models::Credentials;
/// let creds: Credentials = serde_json::from_str(r#"{"access_token": "tok_123", "expires_in": 3600}"#).unwrap();
/// assert_eq!(creds.access_token().unwrap().expose(), "tok_123");
/// assert_eq!(format!("{creds:?}"), "Credentials { access_token: ***, expires_in: *** }");
/// assert_eq!(creds.expose()["expires_in"], 3600);
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credentials(JsonMap);

impl Credentials {
    /// Wraps a credentials map.
    pub fn new(map: JsonMap) -> Self {
        Self(map)
    }

    /// The string value of `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<Secret> {
        self.0.get(key).and_then(|v| v.as_str()).map(Secret::new)
    }

    /// The `access_token`, if there is a non-empty one.
    pub fn access_token(&self) -> Option<Secret> {
        self.get("access_token").filter(|t| !t.is_blank())
    }

    /// Whether `key` is present.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The field names.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every field with its value.
    pub fn expose(&self) -> &JsonMap {
        &self.0
    }

    /// The map itself.
    pub fn into_inner(self) -> JsonMap {
        self.0
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Credentials");
        for key in self.0.keys() {
            s.field(key, &format_args!("***"));
        }
        s.finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "credentials ({})", self.0.keys().map(String::as_str).collect::<Vec<_>>().join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_never_print_values() {
        let creds: Credentials =
            serde_json::from_value(json!({"access_token": "tok_live_123", "refresh_token": "ref_456"})).unwrap();
        for shown in [format!("{creds:?}"), format!("{creds:#?}"), creds.to_string()] {
            assert!(!shown.contains("tok_live_123") && !shown.contains("ref_456"), "{shown}");
        }
        assert_eq!(creds.get("refresh_token").unwrap().expose(), "ref_456");
        assert_eq!(
            serde_json::to_value(&creds).unwrap(),
            json!({"access_token": "tok_live_123", "refresh_token": "ref_456"})
        );
        let empty: Credentials = serde_json::from_value(json!({"access_token": ""})).unwrap();
        assert!(empty.access_token().is_none());
    }

    #[test]
    fn connection_decodes_and_refuses_save() {
        let c: Connection = serde_json::from_value(json!({
            "id": "c1", "provider": "x", "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"
        }))
        .unwrap();
        assert_eq!(c.status, ConnectionStatus::Active);
        assert!(c.token_expires_at.is_none() && c.scopes.is_empty());
        assert_eq!(
            credentials_request("a b").url("http://h"),
            "http://h/relay/api/v1/connections/get-credentials?provider=a+b"
        );
    }
}
