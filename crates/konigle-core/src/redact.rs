//! Redaction of secrets in bodies before they are logged, and scrubbing of
//! the SDK's own credentials from anything it formats.

use serde_json::Value;

/// Key fragments whose values are replaced by `***` (matched
/// case-insensitively as substrings of the key).
pub const SECRET_KEYS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "api_key",
    "apikey",
    "authorization",
    "credential",
    "cookie",
    "session",
    "dsn",
    "private",
    "signature",
];

/// Whether a JSON key names a secret: it contains one of [`SECRET_KEYS`],
/// or it is `key` or ends with `key` (`private_key`, `accessKey`, `api-key`).
///
/// ```
/// use konigle_core::redact::is_secret_key;
/// assert!(is_secret_key("private_key") && is_secret_key("DSN") && is_secret_key("session"));
/// assert!(!is_secret_key("name") && !is_secret_key("keywords"));
/// ```
pub fn is_secret_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.ends_with("key") || SECRET_KEYS.iter().any(|s| lower.contains(s))
}

/// A copy of `value` with every secret-looking field replaced by `"***"`,
/// at any depth, in objects and in arrays of objects.
///
/// ```
/// use serde_json::json;
/// let shown = konigle_core::redact::json(&json!({"name": "a", "access_token": "t", "nested": {"Password": "p"}}));
/// assert_eq!(shown, json!({"name": "a", "access_token": "***", "nested": {"Password": "***"}}));
/// let shown = konigle_core::redact::json(&json!([{"private_key": "k", "dsn": "postgres://u:p@h"}]));
/// assert_eq!(shown, json!([{"private_key": "***", "dsn": "***"}]));
/// ```
pub fn json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    if is_secret_key(k) && !v.is_null() {
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

/// Longest body rendering [`body`] returns (characters).
pub const BODY_LOG_LIMIT: usize = 2048;

/// A loggable, redacted rendering of a response body (at most
/// [`BODY_LOG_LIMIT`] characters).
pub fn body(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => {
            let mut s = json(&v).to_string();
            s.truncate(s.char_indices().nth(BODY_LOG_LIMIT).map(|(i, _)| i).unwrap_or(s.len()));
            s
        }
        Err(_) => format!("<{} bytes, not JSON>", bytes.len()),
    }
}

/// Replaces every occurrence of each secret in `text` with `***`.
///
/// ```
/// let mut text = String::from("invalid key sk_live_1 (sk_live_1)");
/// konigle_core::redact::scrub_in_place(&mut text, &["sk_live_1"]);
/// assert_eq!(text, "invalid key *** (***)");
/// ```
pub fn scrub_in_place(text: &mut String, secrets: &[&str]) {
    for secret in secrets {
        if !secret.is_empty() && text.contains(secret) {
            *text = text.replace(secret, "***");
        }
    }
}

/// [`scrub_in_place`] on every string (and key) of a JSON value.
pub fn scrub_json(value: &mut Value, secrets: &[&str]) {
    match value {
        Value::String(s) => scrub_in_place(s, secrets),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_json(v, secrets)),
        Value::Object(map) => {
            if map.keys().any(|k| secrets.iter().any(|s| !s.is_empty() && k.contains(s))) {
                let old = std::mem::take(map);
                for (mut k, mut v) in old {
                    scrub_in_place(&mut k, secrets);
                    scrub_json(&mut v, secrets);
                    map.insert(k, v);
                }
            } else {
                map.values_mut().for_each(|v| scrub_json(v, secrets));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_credential_like_key_is_masked() {
        let keys = [
            "access_token",
            "refresh_token",
            "private_key",
            "key",
            "session",
            "sessionid",
            "dsn",
            "secret",
            "client_secret",
            "password",
            "Authorization",
            "cookie",
            "set-cookie",
            "credentials",
            "apiKey",
            "signing_key",
            "webhook_signature",
        ];
        for k in keys {
            let shown = json(&json!([{"outer": {k: "v4lue"}}])).to_string();
            assert!(!shown.contains("v4lue"), "{k}: {shown}");
        }
        let shown = json(&json!({"credentials": {"user": "u", "pw": "p"}, "name": "n"}));
        assert_eq!(shown, json!({"credentials": "***", "name": "n"}));
    }

    #[test]
    fn scrubbing_reaches_keys_and_nested_strings() {
        let mut v = json!({"detail": ["bad sk_1"], "sk_1": {"x": "sk_1 again"}});
        scrub_json(&mut v, &["sk_1"]);
        assert!(!v.to_string().contains("sk_1"), "{v}");
    }
}
