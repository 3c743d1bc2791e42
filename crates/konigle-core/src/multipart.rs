//! How a model's fields become multipart text fields.
//!
//! The rules the platform expects: strings as they are, numbers and booleans
//! in their JSON spelling, lists as one field per item, objects as a JSON
//! string, nulls left out.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::request::Part;

/// The text parts of a JSON object, in field order.
pub fn fields(value: &Value) -> Result<Vec<Part>> {
    let Value::Object(map) = value else {
        return Err(Error::InvalidInput { field: None, message: "a multipart body must be an object".into() });
    };
    let mut parts = Vec::with_capacity(map.len());
    for (name, v) in map {
        push(&mut parts, name, v);
    }
    Ok(parts)
}

fn push(parts: &mut Vec<Part>, name: &str, v: &Value) {
    let text = match v {
        Value::Null => return,
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            for item in items {
                push(parts, name, item);
            }
            return;
        }
        Value::Object(_) => v.to_string(),
        Value::Bool(_) | Value::Number(_) => v.to_string(),
    };
    parts.push(Part::Text { name: name.to_string(), value: text });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodes_like_the_platform_expects() {
        let parts = fields(&json!({"a": "x", "b": 2, "c": true, "d": ["p", "q"], "e": {"k": 1}, "f": null})).unwrap();
        let got: Vec<(String, String)> = parts
            .into_iter()
            .map(|p| match p {
                Part::Text { name, value } => (name, value),
                Part::File(_) => unreachable!(),
            })
            .collect();
        let want = [("a", "x"), ("b", "2"), ("c", "true"), ("d", "p"), ("d", "q"), ("e", r#"{"k":1}"#)];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }
}
