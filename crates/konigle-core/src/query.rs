//! Query strings: ordered pairs, encoded as `application/x-www-form-urlencoded`.

use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'*').remove(b'~');

/// Ordered query pairs; a name may repeat (lists are sent as repeated pairs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Appends a pair.
    pub fn push(&mut self, name: impl Into<String>, value: impl Display) {
        self.0.push((name.into(), value.to_string()));
    }

    /// Appends the non-null fields of a serializable value in field order:
    /// strings as they are, booleans as `true`/`false`, lists as repeated pairs.
    pub fn extend_from<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let json = serde_json::to_value(value)
            .map_err(|e| Error::InvalidInput { field: None, message: format!("cannot encode the filters: {e}") })?;
        match json {
            Value::Object(map) => {
                for (name, v) in map {
                    self.push_value(&name, &v);
                }
                Ok(())
            }
            Value::Null => Ok(()),
            other => {
                Err(Error::InvalidInput { field: None, message: format!("filters must be an object, got {other}") })
            }
        }
    }

    fn push_value(&mut self, name: &str, v: &Value) {
        match v {
            Value::Null => {}
            Value::String(s) => self.push(name, s),
            Value::Array(items) => items.iter().for_each(|i| self.push_value(name, i)),
            other => self.push(name, other),
        }
    }

    /// The pairs.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The encoded query string, without the leading `?`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&encode_component(k));
            out.push('=');
            out.push_str(&encode_component(v));
        }
        out
    }
}

fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, FORM).to_string().replace("%20", "+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct F {
        q: Option<String>,
        tags: Vec<String>,
        flag: Option<bool>,
        n: Option<i64>,
    }

    #[test]
    fn fields_in_order_and_lists_repeat() {
        let mut q = Query::default();
        q.extend_from(&F { q: None, tags: vec!["a".into(), "b".into()], flag: Some(true), n: Some(-3) }).unwrap();
        assert_eq!(q.encode(), "tags=a&tags=b&flag=true&n=-3");
    }
}
