//! What publishable website resources (folders, pages, blog posts, glossary terms) share.
//!
//! All four are published and unpublished through actions, reached by a
//! handle that is part of their URL (changed through an action too, with an
//! optional redirect from the old URL), and rendered for crawlers.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Result;
use crate::models::commerce::Identified;
use crate::models::payload::Payload;
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, JsonMap};

/// A resource with the publishing actions: `publish`, `unpublish`,
/// `change_handle` and `get_crawler_view`.
pub trait PublishableResource: Resource {}

/// An author as embedded in a page, blog post or glossary term: id and
/// name, plus any other field the server sends (kept as it is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentAuthor {
    /// The author's id.
    pub id: String,
    /// The author's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Other fields of the author, kept as they are.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl Identified for ContentAuthor {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Body of the `change-handle` action: the new handle and whether the old
/// URL redirects to the new one.
///
/// The handle is checked and lower-cased before anything is sent. `redirect`
/// is sent as `false` unless set; assign `None` to it after `build()` to
/// leave it out of the request.
///
/// ```
/// use konigle_core::models::{HandleChange, Payload};
/// use konigle_core::Body;
/// let Body::Json(v) = HandleChange::builder().handle("News-2024").redirect(true).build().into_body().unwrap() else {
///     unreachable!()
/// };
/// assert_eq!(v, serde_json::json!({"handle": "news-2024", "redirect": true}));
/// assert!(HandleChange::builder().handle("news 2024").build().into_body().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct HandleChange {
    /// The new handle (letters, digits, hyphens, underscores).
    pub handle: String,
    /// Whether to redirect the old URL to the new one (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub redirect: Option<bool>,
}

impl Payload for HandleChange {
    fn into_body(mut self) -> Result<Body> {
        self.handle = validate::handle("handle", &self.handle)?;
        Body::json(&self)
    }
}

/// `true`, the default of some flags.
pub(crate) fn yes() -> bool {
    true
}

/// Lower-cases and checks an optional handle.
pub(crate) fn normalize_handle(handle: &mut Option<String>) -> Result<()> {
    if let Some(h) = handle {
        *h = validate::handle("handle", h)?;
    }
    Ok(())
}

/// A publication time with its UTC offset, as given.
pub type PublishTime = DateTime<FixedOffset>;

/// Writes an optional publication time in RFC 3339, with `Z` for UTC.
pub(crate) fn publish_time<S: Serializer>(v: &Option<PublishTime>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        None => s.serialize_none(),
    }
}

/// Fields of publishable resources that change through their own action,
/// never through `save` or `update`.
const PUBLISH_ACTIONS: &[(&str, &str)] =
    &[("handle", "`change_handle` or `change_handle_with_redirect`"), ("published", "`publish` or `unpublish`")];

/// The save body of a publishable resource: the one save rule, with the
/// publishing actions named for the fields they change.
pub(crate) fn save_publishable<U>(changes: JsonMap) -> Result<JsonMap>
where
    U: serde::de::DeserializeOwned + crate::models::Payload,
{
    crate::models::payload::save_with::<U>(changes, &[], crate::models::payload::SaveFields::Payload, PUBLISH_ACTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_times_keep_their_offset() {
        #[derive(Serialize)]
        struct T {
            #[serde(serialize_with = "publish_time")]
            at: Option<PublishTime>,
        }
        let at: PublishTime = "2024-03-01T08:30:00+08:00".parse().unwrap();
        assert_eq!(serde_json::to_value(T { at: Some(at) }).unwrap()["at"], "2024-03-01T08:30:00+08:00");
        let utc: PublishTime = chrono::DateTime::<chrono::Utc>::from_timestamp(1_709_281_800, 0).unwrap().into();
        assert_eq!(serde_json::to_value(T { at: Some(utc) }).unwrap()["at"], "2024-03-01T08:30:00Z");
        assert_eq!(serde_json::to_value(T { at: None }).unwrap()["at"], serde_json::Value::Null);
    }

    #[test]
    fn handle_changes_default_to_no_redirect() {
        let Body::Json(v) = HandleChange::builder().handle("Spring-2024").build().into_body().unwrap() else {
            unreachable!()
        };
        assert_eq!(v, serde_json::json!({"handle": "spring-2024", "redirect": false}));
    }

    #[test]
    fn redirect_can_be_left_out() {
        let mut change = HandleChange::builder().handle("Spring-2024").build();
        change.redirect = None;
        let Body::Json(v) = change.into_body().unwrap() else { unreachable!() };
        assert_eq!(v, serde_json::json!({"handle": "spring-2024"}));
    }
}
