//! Marketing: contacts, audiences (tag-based segments of contacts) and
//! campaigns sent to an audience.

mod audience;
mod campaign;
mod contact;

pub use audience::*;
pub use campaign::*;
pub use contact::*;

use serde::{Deserialize, Deserializer};

/// Default of optional text fields the server treats as blank: `""`.
fn blank() -> Option<String> {
    Some(String::new())
}

/// Default currency of lifetime values.
fn usd() -> String {
    "USD".to_string()
}

/// An optional email where the server's `""` means "not set".
fn email_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<String>::deserialize(d)?;
    Ok(v.filter(|s| !s.is_empty()))
}

/// Fails when an enum value is not one the API knows.
fn check_known(field: &str, known: bool, allowed: &[&str]) -> crate::Result<()> {
    if known {
        Ok(())
    } else {
        Err(crate::Error::invalid(field, format!("must be one of {}", allowed.join(", "))))
    }
}

/// Builds the body `save` sends: the changed fields that the update payload
/// `U` accepts, validated like an update, without nulls.
fn save_body_via<U>(changes: crate::JsonMap) -> crate::Result<crate::JsonMap>
where
    U: serde::de::DeserializeOwned + crate::models::Payload,
{
    let update: U = serde_json::from_value(serde_json::Value::Object(changes))
        .map_err(|e| crate::Error::InvalidInput { field: None, message: format!("invalid change: {e}") })?;
    match update.into_body()? {
        crate::Body::Json(serde_json::Value::Object(map)) => Ok(map),
        _ => Ok(crate::JsonMap::new()),
    }
}
