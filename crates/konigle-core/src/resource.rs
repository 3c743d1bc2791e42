//! What the SDK knows about each resource type, and the change tracking
//! behind Active Record (`save`, `is_dirty`, `reset_changes`).

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::request::Service;

/// A resource the API stores: where it lives and how it is identified.
pub trait Resource: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// Path of the collection, e.g. `/admin/api/storefront-assets`.
    const PATH: &'static str;
    /// The service that hosts it.
    const SERVICE: Service = Service::Api;
    /// Whether detail URLs end with `/`.
    const TRAILING_SLASH: bool = false;
    /// Fields present only in detail responses, not in list items.
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &[];
    /// Fields holding related resources, as ids (list) or objects (detail).
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &[];
    /// Name of the type, for messages.
    const NAME: &'static str;

    /// The resource's id, as it appears in its URL.
    fn resource_id(&self) -> &str;

    /// The body `save` sends for these changed fields (the fields as they
    /// serialize, by default).
    fn save_body(changes: serde_json::Map<String, Value>) -> Result<serde_json::Map<String, Value>> {
        Ok(changes)
    }
}

/// A value and the snapshot it is compared with to find unsaved changes.
#[derive(Debug, Clone)]
pub struct Tracked<T> {
    value: T,
    /// The value as loaded; `None` while a lazily tracked value has not been
    /// handed out mutably (so it still equals the loaded state).
    snapshot: Option<Value>,
    partial: bool,
    lazy: bool,
}

impl<T: Serialize + DeserializeOwned> Tracked<T> {
    /// Tracks a value as loaded from the server. `partial` marks list items.
    pub fn new(value: T, partial: bool) -> Self {
        let snapshot = Some(serde_json::to_value(&value).unwrap_or(Value::Null));
        Self { value, snapshot, partial, lazy: false }
    }

    /// Tracks a value whose snapshot is taken only when it is first changed
    /// through [`value_mut`](Self::value_mut): values that are only read
    /// (most list items) cost no snapshot.
    pub fn lazy(value: T, partial: bool) -> Self {
        Self { value, snapshot: None, partial, lazy: true }
    }

    /// The value, mutably; takes the snapshot first if it was not taken yet.
    pub fn value_mut(&mut self) -> &mut T {
        if self.snapshot.is_none() {
            self.snapshot = Some(serde_json::to_value(&self.value).unwrap_or(Value::Null));
        }
        &mut self.value
    }

    /// The current value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The current value, no longer tracked.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Whether the value came from a list and lacks detail-only data.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    fn current(&self) -> Map<String, Value> {
        match serde_json::to_value(&self.value) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        }
    }

    /// Top-level fields that differ from the snapshot, with their new values,
    /// in field order.
    pub fn changes(&self) -> Map<String, Value> {
        let Some(snapshot) = &self.snapshot else {
            // Never handed out mutably: unchanged.
            return Map::new();
        };
        let now = self.current();
        let empty = Map::new();
        let before = snapshot.as_object().unwrap_or(&empty);
        now.into_iter().filter(|(k, v)| before.get(k) != Some(v)).collect()
    }

    /// Names of the changed fields.
    pub fn dirty_fields(&self) -> BTreeSet<String> {
        self.changes().into_iter().map(|(k, _)| k).collect()
    }

    /// Whether any field changed since the last load or save.
    pub fn is_dirty(&self) -> bool {
        !self.changes().is_empty()
    }

    /// Restores the snapshot, dropping unsaved changes.
    pub fn reset(&mut self) -> Result<()> {
        let Some(snapshot) = &self.snapshot else { return Ok(()) };
        self.value = serde_json::from_value(snapshot.clone())
            .map_err(|e| Error::InvalidInput { field: None, message: format!("cannot restore the snapshot: {e}") })?;
        Ok(())
    }

    /// Replaces the value with fresh server data and takes a new snapshot
    /// (lazily, for a lazily tracked value).
    pub fn replace(&mut self, value: T, partial: bool) {
        *self = if self.lazy { Self::lazy(value, partial) } else { Self::new(value, partial) };
    }
}

/// Whether a foreign-key field holds loaded objects (not bare ids).
///
/// `null` counts as loaded; a list is loaded when none of its items is a
/// string; a single value when it is not a string.
pub fn foreign_key_loaded<T: Resource>(value: &T, field: &str) -> Result<bool> {
    if !T::FOREIGN_KEY_FIELDS.contains(&field) {
        return Err(Error::invalid(
            field,
            format!("`{field}` is not a foreign key field of {}; valid: {}", T::NAME, T::FOREIGN_KEY_FIELDS.join(", ")),
        ));
    }
    let json = serde_json::to_value(value).unwrap_or(Value::Null);
    Ok(match json.get(field) {
        None | Some(Value::Null) => true,
        Some(Value::Array(items)) => items.iter().all(|i| !i.is_string()),
        Some(v) => !v.is_string(),
    })
}

/// Decodes a JSON body, turning any mismatch into [`Error::Decode`].
pub fn decode_json<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T> {
    parse_json(body).map_err(|e| Error::decode(status, e, body))
}

/// Parses JSON bytes. A body that is valid UTF-8 (checked once, in one
/// fast pass) is parsed as text, which spares serde_json a check of every
/// string it reads; other bytes are parsed as bytes, for serde_json's own
/// error and position.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// Text and bytes parse alike; bytes that are not UTF-8 fail as
    /// serde_json fails on them, with a typed decode error.
    #[test]
    fn json_parses_the_same_as_text_or_bytes() {
        let body = "{\"name\":\"caf\\u00e9 \u{e9}\",\"n\":[1,2.5,null]}".as_bytes();
        let parsed: Value = parse_json(body).expect("valid");
        assert_eq!(parsed, serde_json::from_slice::<Value>(body).expect("valid"));
        assert_eq!(parsed["name"], "café é");
        let invalid = b"{\"name\":\"\xff\"}";
        let expected = serde_json::from_slice::<Value>(invalid).expect_err("not UTF-8").to_string();
        assert_eq!(parse_json::<Value>(invalid).expect_err("not UTF-8").to_string(), expected);
        assert!(matches!(decode_json::<Value>(200, invalid), Err(Error::Decode { .. })));
    }

    #[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
    struct M {
        id: String,
        name: String,
        tags: Vec<String>,
    }

    #[test]
    fn diff_and_reset() {
        let mut t = Tracked::new(M { id: "1".into(), name: "a".into(), tags: vec![] }, false);
        assert!(!t.is_dirty());
        t.value_mut().name = "b".into();
        t.value_mut().tags.push("x".into());
        assert_eq!(t.dirty_fields().into_iter().collect::<Vec<_>>(), vec!["name", "tags"]);
        assert_eq!(Value::Object(t.changes()), serde_json::json!({"name": "b", "tags": ["x"]}));
        t.reset().unwrap();
        assert_eq!(t.value().name, "a");
        assert!(!t.is_dirty());
    }

    #[test]
    fn lazy_snapshot_on_first_change() {
        let mut t = Tracked::lazy(M { id: "1".into(), name: "a".into(), tags: vec![] }, true);
        assert!(!t.is_dirty() && t.is_partial());
        t.reset().unwrap();
        assert_eq!(t.value().name, "a");
        t.value_mut().name = "b".into();
        t.value_mut().tags.push("x".into());
        assert_eq!(Value::Object(t.changes()), serde_json::json!({"name": "b", "tags": ["x"]}));
        t.reset().unwrap();
        assert_eq!(t.value().name, "a");
        assert!(!t.is_dirty());
        t.value_mut().name = "c".into();
        t.replace(M { id: "1".into(), name: "c".into(), tags: vec![] }, true);
        assert!(!t.is_dirty(), "a replaced value is clean");
        t.value_mut().name = "d".into();
        assert_eq!(t.dirty_fields().into_iter().collect::<Vec<_>>(), vec!["name"]);
    }
}

/// A request to a resource's collection (`PATH`).
pub fn collection_request<T: Resource>(method: crate::request::Method) -> crate::request::Request {
    crate::request::Request::new(method, T::PATH).service(T::SERVICE)
}

/// A request to one resource (`PATH/{id}`, id percent-encoded).
pub fn detail_request<T: Resource>(method: crate::request::Method, id: &str) -> Result<crate::request::Request> {
    if id.is_empty() {
        return Err(Error::invalid("id", format!("the {} id is empty", T::NAME)));
    }
    let req = collection_request::<T>(method).segment(id);
    Ok(if T::TRAILING_SLASH { req.suffix("/") } else { req })
}

/// A response as the transport received it.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    /// The response headers the SDK keeps ([`crate::error::KEPT_HEADERS`]),
    /// lower-case names.
    pub headers: Vec<(String, String)>,
    /// The body (at most `max_response_bytes`).
    pub body: bytes::Bytes,
    /// Whether the body holds credentials: it is never quoted in errors or logs.
    pub sensitive: bool,
}

impl RawResponse {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
    /// The error this response stands for.
    pub fn error(&self) -> Error {
        let mut headers = self.headers.clone();
        if let Some(v) = &self.retry_after {
            if !headers.iter().any(|(k, _)| k == "retry-after") {
                headers.push(("retry-after".into(), v.clone()));
            }
        }
        if self.sensitive {
            // An error body of a credentials endpoint may still hold secrets.
            let mut e = Error::from_parts(self.status, b"", headers);
            if let Some(api) = e.api_mut() {
                api.message = format!("HTTP {} (credentials response, body not shown)", self.status);
            }
            return e;
        }
        Error::from_parts(self.status, &self.body, headers)
    }
    /// Decodes the JSON body; a body that does not fit is never quoted when
    /// it is [`sensitive`](Self::sensitive).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        if self.sensitive {
            return parse_json(&self.body).map_err(|e| Error::decode_secret(self.status, e, &self.body));
        }
        decode_json(self.status, &self.body)
    }
}
