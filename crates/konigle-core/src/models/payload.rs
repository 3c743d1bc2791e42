//! Turning create and update payloads into request bodies.

use crate::error::{Error, Result};
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

/// The body `Record::save` sends for a model's changed fields, read as the
/// update payload `U`: see [`save_with`]; no field has a dedicated action.
pub(crate) fn save_through<U>(changes: crate::JsonMap, related: &[&str]) -> Result<crate::JsonMap>
where
    U: serde::de::DeserializeOwned + Payload,
{
    save_with::<U>(changes, related, SaveFields::Payload, &[])
}

/// Which changed fields an update payload carries, for [`save_with`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum SaveFields {
    /// The fields `U` declares (read from its `Deserialize` impl).
    Payload,
    /// These fields (for payloads whose other fields are a free-form map).
    Only(&'static [&'static str]),
}

/// The one save rule of every resource.
///
/// The changes are read as the update payload `U`, with each `related`
/// field that holds an embedded object replaced by the object's `uid`, then
/// validated and encoded like an update. Nothing is silently dropped:
///
/// - a changed field that `U` does not carry (read-only data such as ids,
///   timestamps, sizes, or a field with its own action, named in `actions`
///   as `(field, what to use)`) fails with [`Error::InvalidInput`] naming it;
/// - a change `U` carries but would not send (a value set back to `null`,
///   an empty override that means "not set") fails the same way.
///
/// Either way nothing is sent. No changes give an empty body.
pub(crate) fn save_with<U>(
    mut changes: crate::JsonMap,
    related: &[&str],
    fields: SaveFields,
    actions: &[(&str, &str)],
) -> Result<crate::JsonMap>
where
    U: serde::de::DeserializeOwned + Payload,
{
    if changes.is_empty() {
        return Ok(crate::JsonMap::new());
    }
    let carried: &[&str] = match fields {
        SaveFields::Payload => field_names::<U>().unwrap_or(&[]),
        SaveFields::Only(list) => list,
    };
    let refused: Vec<&String> = changes.keys().filter(|k| !carried.contains(&k.as_str())).collect();
    if !refused.is_empty() {
        let names = refused.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let mut message = format!("cannot save: {names} cannot be changed through save or update");
        for (field, action) in actions {
            if refused.iter().any(|k| k.as_str() == *field) {
                message.push_str(&format!("; to change `{field}`, use {action}"));
            }
        }
        message.push_str("; call reset_changes() to drop the change");
        let field = refused.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Error::InvalidInput { field: Some(field), message });
    }
    for field in related {
        if let Some(v) = changes.get_mut(*field) {
            if let Some(uid) = v.get("uid").and_then(serde_json::Value::as_str) {
                *v = serde_json::Value::String(uid.to_string());
            }
        }
    }
    let names: Vec<String> = changes.keys().cloned().collect();
    let update: U = serde_json::from_value(serde_json::Value::Object(changes))
        .map_err(|e| Error::InvalidInput { field: None, message: format!("cannot save the changes: {e}") })?;
    let body = match update.into_body()? {
        Body::Json(serde_json::Value::Object(map)) => map,
        _ => crate::JsonMap::new(),
    };
    let unsent: Vec<&String> = names.iter().filter(|k| !body.contains_key(k.as_str())).collect();
    if !unsent.is_empty() {
        let list = unsent.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        return Err(Error::InvalidInput {
            field: Some(unsent.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")),
            message: format!(
                "cannot save: the new value of {list} cannot be sent as an update (an update cannot set it to null or to an empty value that means \"not set\")"
            ),
        });
    }
    Ok(body)
}

/// The field names a derived `Deserialize` impl declares, read without any
/// data: serde hands them to `deserialize_struct`. `None` for types that
/// are not plain structs (or use `#[serde(flatten)]`).
pub(crate) fn field_names<T: serde::de::DeserializeOwned>() -> Option<&'static [&'static str]> {
    let mut out = None;
    let _ = T::deserialize(FieldProbe(&mut out));
    out
}

/// A deserializer that only records the field list it is asked for.
struct FieldProbe<'a>(&'a mut Option<&'static [&'static str]>);

/// The probe's only error: it never yields data.
#[derive(Debug)]
struct ProbeDone;

impl std::fmt::Display for ProbeDone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for ProbeDone {}

impl serde::de::Error for ProbeDone {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        ProbeDone
    }
}

impl<'de> serde::Deserializer<'de> for FieldProbe<'_> {
    type Error = ProbeDone;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> std::result::Result<V::Value, ProbeDone> {
        Err(ProbeDone)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeDone> {
        *self.0 = Some(fields);
        Err(ProbeDone)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_names_come_from_the_deserialize_impl() {
        assert_eq!(
            field_names::<crate::models::AssetUpdate>(),
            Some(&["name", "alt_text", "tags", "description", "meta"][..])
        );
        assert_eq!(field_names::<String>(), None, "not a struct");
    }

    #[test]
    fn save_with_refuses_uncarried_and_unsent_changes() {
        type U = crate::models::AssetUpdate;
        let map = |v: serde_json::Value| match v {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        assert!(save_with::<U>(crate::JsonMap::new(), &[], SaveFields::Payload, &[]).unwrap().is_empty());
        let body = save_with::<U>(map(json!({"tags": [], "alt_text": ""})), &[], SaveFields::Payload, &[]).unwrap();
        assert_eq!(serde_json::Value::Object(body), json!({"tags": [], "alt_text": ""}));
        let err = save_with::<U>(map(json!({"size": 2, "name": "n"})), &[], SaveFields::Payload, &[("size", "`x`")])
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: Some(f), message } if f == "size" && message.contains("use `x`")),
            "{err:?}"
        );
        let err = save_with::<U>(map(json!({"meta": null})), &[], SaveFields::Payload, &[]).unwrap_err();
        assert!(matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "meta"), "{err:?}");
        let only = SaveFields::Only(&["name"]);
        assert!(save_with::<U>(map(json!({"alt_text": "a"})), &[], only, &[]).is_err());
    }
}
