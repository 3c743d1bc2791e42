//! The site's design: the design-system stylesheet and theme JS (storefront
//! assets), and the theme's CSS and reference template.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::query::Query;
use crate::request::Body;

/// Path of the storefront assets holding the stylesheet and the theme JS.
pub const STOREFRONT_ASSETS_PATH: &str = "/admin/api/storefront-assets";
/// Path of the site's theme.
pub const SITE_THEMES_PATH: &str = "/themes/api/v1/site-themes";
/// Code of the design-system stylesheet asset.
pub const STYLESHEET_ASSET_CODE: &str = "ds-stylesheet";
/// Code of the theme JS asset.
pub const THEME_JS_ASSET_CODE: &str = "theme-js";

/// What the bootstrap of a storefront asset or a site document answers;
/// only its id is read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Bootstrapped {
    /// Id of the asset or document.
    #[serde(default)]
    pub id: Option<String>,
}

impl Bootstrapped {
    /// The id, or [`Error::Decode`] naming `what` when the answer has none.
    ///
    /// # Errors
    /// [`Error::Decode`] when the id is missing, `null` or empty.
    pub fn into_id(self, status: u16, body: &[u8], what: &str) -> Result<String> {
        match self.id {
            Some(id) if !id.is_empty() => Ok(id),
            _ => Err(Error::decode(status, format!("{what} not found: the answer has no id"), body)),
        }
    }
}

/// A form body with one field.
pub fn form_field(name: &str, value: &str) -> Body {
    let mut q = Query::default();
    q.push(name, value);
    Body::Form(q)
}

/// Body of `themes().set_theme_css` and `set_reference_theme_template`.
///
/// `backup` is sent as `false` unless set; assign `None` to it after
/// `build()` to leave it out of the request.
///
/// ```
/// use konigle_core::models::ThemeContent;
/// let css = ThemeContent::builder().content(":root{--bg:#000}").backup(true).build();
/// # let _ = css;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ThemeContent {
    /// The new content.
    pub content: String,
    /// Whether to back up the current content first (`false` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub backup: Option<bool>,
}

crate::json_payload!(ThemeContent);

/// A text answer (CSS, JS, HTML) as a string.
///
/// # Errors
/// [`Error::Decode`] when the body is not UTF-8.
pub fn text_body(status: u16, body: &[u8]) -> Result<String> {
    String::from_utf8(body.to_vec()).map_err(|e| Error::decode(status, e, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_needs_an_id() {
        let none: Bootstrapped = serde_json::from_str(r#"{"id": null}"#).unwrap();
        assert!(matches!(none.into_id(200, b"{}", "asset"), Err(Error::Decode { .. })));
        let empty = Bootstrapped { id: Some(String::new()) };
        assert!(empty.into_id(200, b"{}", "asset").is_err());
        let ok: Bootstrapped = serde_json::from_str(r#"{"id": "as_1", "code": "x"}"#).unwrap();
        assert_eq!(ok.into_id(200, b"", "asset").unwrap(), "as_1");
    }

    #[test]
    fn text_and_form_bodies() {
        assert_eq!(text_body(200, b"a{}").unwrap(), "a{}");
        assert!(text_body(200, &[0xff, 0xfe]).is_err());
        let Body::Form(q) = form_field("content", "a & b") else { panic!("not a form") };
        assert_eq!(q.encode(), "content=a+%26+b");
    }

    #[test]
    fn theme_content_backup_defaults_to_false_and_can_be_left_out() {
        use crate::models::Payload;
        let Body::Json(v) = ThemeContent::builder().content("a{}").build().into_body().unwrap() else {
            panic!("not json")
        };
        assert_eq!(v, serde_json::json!({"content": "a{}", "backup": false}));
        let mut data = ThemeContent::builder().content("a{}").backup(true).build();
        data.backup = None;
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, serde_json::json!({"content": "a{}"}));
    }
}
