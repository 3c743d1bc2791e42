//! How a model's fields become multipart text fields, and how each part's
//! `name` and `filename` are written in its `Content-Disposition` header.
//!
//! The rules the platform expects: strings as they are, numbers and booleans
//! in their JSON spelling, lists as one field per item, objects as a JSON
//! string, nulls left out.
//!
//! Part names and file names follow the HTML standard's multipart/form-data
//! encoding, as the reference SDK's HTTP client writes them: `"` becomes
//! `%22`, each C0 control character except ESC (U+0000..=U+001F but
//! U+001B) becomes `%XX` (CR `%0D`, LF `%0A`), `\` becomes `\\`; every
//! other character, non-ASCII included, is written as UTF-8.

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

/// A `name` or `filename` parameter value as written between the quotes of
/// a part's `Content-Disposition` header.
///
/// ```
/// use konigle_core::multipart::disposition_param;
/// assert_eq!(disposition_param("a\"b.png"), "a%22b.png");
/// assert_eq!(disposition_param("line\r\nbreak.txt"), "line%0D%0Abreak.txt");
/// assert_eq!(disposition_param("back\\slash.txt"), "back\\\\slash.txt");
/// assert_eq!(disposition_param("résumé.pdf"), "résumé.pdf");
/// ```
pub fn disposition_param(value: &str) -> String {
    encode_param(value, true)
}

/// The whole `Content-Disposition` value of a part:
/// `form-data; name="…"` and, for a file, `; filename="…"`, each parameter
/// encoded by [`disposition_param`].
///
/// ```
/// use konigle_core::multipart::content_disposition;
/// assert_eq!(
///     content_disposition("image", Some("say \"hi\".png")),
///     r#"form-data; name="image"; filename="say %22hi%22.png""#
/// );
/// assert_eq!(content_disposition("alt_text", None), r#"form-data; name="alt_text""#);
/// ```
pub fn content_disposition(name: &str, file_name: Option<&str>) -> String {
    let mut out = format!("form-data; name=\"{}\"", disposition_param(name));
    if let Some(file_name) = file_name {
        out.push_str("; filename=\"");
        out.push_str(&disposition_param(file_name));
        out.push('"');
    }
    out
}

/// The file name to hand a multipart writer that itself writes `\` as
/// `\\` in the `filename` parameter (and backslash-escapes `"`, CR and LF,
/// which this value no longer contains), so that what it writes is exactly
/// [`disposition_param`] of `value`. reqwest's `Part::file_name` is such a
/// writer; both clients hand it this value.
///
/// ```
/// use konigle_core::multipart::{disposition_param, file_name_for_escaping_writer};
/// let name = "a\\b\"c\n.png";
/// let written = file_name_for_escaping_writer(name).replace('\\', "\\\\");
/// assert_eq!(written, disposition_param(name));
/// ```
pub fn file_name_for_escaping_writer(value: &str) -> String {
    encode_param(value, false)
}

/// The one encoder behind [`disposition_param`] and
/// [`file_name_for_escaping_writer`].
fn encode_param(value: &str, escape_backslash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\\' if escape_backslash => out.push_str("\\\\"),
            '\u{1b}' => out.push(c),
            c if (c as u32) < 0x20 => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
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

    #[test]
    fn disposition_params_use_the_html_form_encoding() {
        assert_eq!(disposition_param("plain.png"), "plain.png");
        assert_eq!(disposition_param("q\"uote\".png"), "q%22uote%22.png");
        assert_eq!(disposition_param("cr\rlf\n.png"), "cr%0Dlf%0A.png");
        assert_eq!(disposition_param("tab\tnul\0.png"), "tab%09nul%00.png");
        assert_eq!(disposition_param("esc\u{1b}.png"), "esc\u{1b}.png", "ESC is left as it is");
        assert_eq!(disposition_param("del\u{7f}.png"), "del\u{7f}.png", "only C0 controls are encoded");
        assert_eq!(disposition_param("a\\b.png"), "a\\\\b.png");
        assert_eq!(disposition_param("日本 語.png"), "日本 語.png");
        assert_eq!(disposition_param("100%.png"), "100%.png", "a percent sign is not encoded");
        assert_eq!(file_name_for_escaping_writer("a\\\"b\r.png"), "a\\%22b%0D.png");
        assert_eq!(
            content_disposition("attachments", Some("r\"1\".pdf")),
            "form-data; name=\"attachments\"; filename=\"r%221%22.pdf\""
        );
    }
}
