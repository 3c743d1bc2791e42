//! Redaction of secrets in bodies before they are logged.

use serde_json::Value;

/// Keys whose values are replaced by `***` (matched case-insensitively as substrings).
pub const SECRET_KEYS: &[&str] = &["token", "secret", "password", "api_key", "apikey", "authorization", "credential"];

/// A copy of `value` with every secret-looking field replaced by `"***"`.
///
/// ```
/// use serde_json::json;
/// let shown = konigle_core::redact::json(&json!({"name": "a", "access_token": "t", "nested": {"Password": "p"}}));
/// assert_eq!(shown, json!({"name": "a", "access_token": "***", "nested": {"Password": "***"}}));
/// ```
pub fn json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let lower = k.to_ascii_lowercase();
                    if SECRET_KEYS.iter().any(|s| lower.contains(s)) {
                        (k.clone(), Value::String("***".into()))
                    } else {
                        (k.clone(), json(v))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(json).collect()),
        other => other.clone(),
    }
}

/// A loggable, redacted rendering of a response body (at most 2 KiB).
pub fn body(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => {
            let mut s = json(&v).to_string();
            s.truncate(s.char_indices().nth(2048).map(|(i, _)| i).unwrap_or(s.len()));
            s
        }
        Err(_) => format!("<{} bytes, not JSON>", bytes.len()),
    }
}
