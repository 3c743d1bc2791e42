//! Turning create and update payloads into request bodies.

use crate::error::Result;
use crate::request::Body;

/// A value sent as a request body: validated, then encoded as JSON, or as
/// multipart when it carries files.
pub trait Payload {
    /// Validates the value and builds the body. Errors here are client-side:
    /// nothing is sent.
    fn into_body(self) -> Result<Body>;
}

/// Default of text fields the server may omit and the platform treats as
/// blank: `Some("")`.
pub(crate) fn blank() -> Option<String> {
    Some(String::new())
}

/// The body `Record::save` sends for a model's changed fields: the changes
/// read as the update payload `U` (fields it does not accept are dropped),
/// with each `related` field that holds an embedded object replaced by the
/// object's `uid`, then validated and encoded like an update. Fails, before
/// anything is sent, when a change is not a valid update.
pub(crate) fn save_through<U>(mut changes: crate::JsonMap, related: &[&str]) -> Result<crate::JsonMap>
where
    U: serde::de::DeserializeOwned + Payload,
{
    for field in related {
        if let Some(v) = changes.get_mut(*field) {
            if let Some(uid) = v.get("uid").and_then(serde_json::Value::as_str) {
                *v = serde_json::Value::String(uid.to_string());
            }
        }
    }
    let update: U = serde_json::from_value(serde_json::Value::Object(changes))
        .map_err(|e| crate::Error::InvalidInput { field: None, message: format!("cannot save the changes: {e}") })?;
    match update.into_body()? {
        Body::Json(serde_json::Value::Object(map)) => Ok(map),
        _ => Ok(crate::JsonMap::new()),
    }
}

/// Checks a string's length in characters.
pub fn check_max_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(crate::Error::invalid(field, format!("must be at most {max} characters, got {n}")));
    }
    Ok(())
}

/// Checks an optional string's length in characters, when it is set.
pub fn check_opt_max_len(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| check_max_len(field, v, max))
}

/// Checks that a required string is not empty.
pub fn check_not_empty(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(crate::Error::invalid(field, "must not be empty"));
    }
    Ok(())
}

/// Implements [`Payload`] as a JSON body of the whole value.
#[doc(hidden)]
#[macro_export]
macro_rules! json_payload {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::models::Payload for $t {
            fn into_body(self) -> $crate::Result<$crate::Body> {
                $crate::Body::json(&self)
            }
        }
    )*};
}
