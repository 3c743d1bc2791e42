//! URL redirects: the model and its create and update payloads.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::{save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, JsonMap};

/// A redirect from a path of the site to another path or URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Redirect {
    /// Unique identifier.
    pub id: String,
    /// Source path, starting with `/`.
    pub path: String,
    /// Target path or `http(s)://` URL.
    pub target: String,
    /// Permanent (HTTP 301) or temporary (HTTP 302).
    #[serde(default)]
    pub permanent: Option<bool>,
}

impl std::fmt::Display for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.permanent.unwrap_or(true) { "permanent" } else { "temporary" };
        write!(f, "Redirect: ID: {} {} -> {} ({kind})", self.id, self.path, self.target)
    }
}

impl Resource for Redirect {
    const PATH: &'static str = "/admin/api/redirects";
    const NAME: &'static str = "Redirect";

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`RedirectUpdate`] (validated).
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<RedirectUpdate>(changes, &[])
    }
}

/// Payload of `redirects().create`. Redirects are permanent unless
/// `permanent(false)` is set; assign `None` to `permanent` after `build()`
/// to leave it out of the request.
///
/// ```
/// use konigle_core::models::RedirectCreate;
/// let sale = RedirectCreate::builder().path("/promo").target("https://shop.example.com/sale").permanent(false).build();
/// # let _ = sale;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct RedirectCreate {
    /// Source path (required, starts with `/`).
    pub path: String,
    /// Target path or `http(s)://` URL (required).
    pub target: String,
    /// Permanent (301, the default) or temporary (302).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(true), with = |v: bool| Some(v))]
    pub permanent: Option<bool>,
}

impl Payload for RedirectCreate {
    fn into_body(self) -> Result<Body> {
        validate::redirect_path("path", &self.path)?;
        validate::redirect_target("target", &self.target)?;
        Body::json(&self)
    }
}

/// Payload of `redirects().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::RedirectUpdate;
/// let change = RedirectUpdate::builder().target("/team").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct RedirectUpdate {
    /// New source path (starts with `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// New target path or `http(s)://` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Permanent (301) or temporary (302).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent: Option<bool>,
}

impl Payload for RedirectUpdate {
    fn into_body(self) -> Result<Body> {
        if let Some(path) = &self.path {
            validate::redirect_path("path", path)?;
        }
        if let Some(target) = &self.target {
            validate::redirect_target("target", target)?;
        }
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn permanent_by_default() {
        let Body::Json(v) = RedirectCreate::builder().path("/old").target("/new").build().into_body().unwrap() else {
            panic!("not json")
        };
        assert_eq!(v, json!({"path": "/old", "target": "/new", "permanent": true}));
    }

    #[test]
    fn paths_and_targets_are_checked() {
        assert!(RedirectCreate::builder().path("old").target("/about").build().into_body().is_err());
        assert!(RedirectCreate::builder().path("/old").target("ftp://x").build().into_body().is_err());
        assert!(RedirectUpdate::builder().target("about").build().into_body().is_err());
        assert!(RedirectUpdate::builder().path("x").build().into_body().is_err());
        assert!(RedirectUpdate::builder().target("http://example.org/a").build().into_body().is_ok());
    }

    #[test]
    fn permanent_can_be_left_out() {
        let mut r = RedirectCreate::builder().path("/old").target("/new").build();
        r.permanent = None;
        let Body::Json(v) = r.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, json!({"path": "/old", "target": "/new"}));
        let Body::Json(v) =
            RedirectCreate::builder().path("/a").target("/b").permanent(false).build().into_body().unwrap()
        else {
            panic!("not json")
        };
        assert_eq!(v["permanent"], false);
    }
}
