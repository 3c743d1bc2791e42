//! Audiences: segments of contacts selected by tags.

use crate::models::payload::check_opt_max_len;
use serde::{Deserialize, Serialize};

use super::blank;
use crate::error::Result;
use crate::models::payload::{check_max_len, check_not_empty, save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Longest audience name.
const NAME_MAX: usize = 255;

/// A segment of contacts, selected by tags, that campaigns target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Audience {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Name of the segment (at most 255 characters).
    pub name: String,
    /// Description of the segment.
    #[serde(default = "blank")]
    pub description: Option<String>,
    /// Contacts carrying these tags belong to the audience.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub tags: Vec<String>,
    /// Unique slug code, e.g. `newsletter-subscribers`.
    pub code: String,
}

impl Resource for Audience {
    const PATH: &'static str = "/reachout/api/v1/audiences";
    const NAME: &'static str = "Audience";

    fn resource_id(&self) -> &str {
        &self.id
    }

    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<AudienceUpdate>(changes, &[])
    }
}

/// Payload of `audiences().create`.
///
/// The builder sends the description as `""` unless it is set, as the API
/// documents; assign `None` to the field to leave it out. Unset optional
/// fields are not sent. Without a code the server derives one from the name.
///
/// ```
/// use konigle_core::models::AudienceCreate;
/// let data = AudienceCreate::builder()
///     .name("Newsletter Subscribers")
///     .tags(["newsletter", "engaged"])
///     .code("newsletter-subscribers")
///     .description("Everyone who subscribed")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AudienceCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Description (`""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// Tags selecting the contacts (required).
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Vec<String>,
    /// Slug code (lowercase letters and digits joined by hyphens, at most
    /// 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Payload for AudienceCreate {
    fn into_body(self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        crate::rules::json_body("AudienceCreate", &self)
    }
}

/// Changes to an audience. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::AudienceUpdate;
/// let change = AudienceUpdate::builder().description("Repeat buyers").tags(["vip", "repeat"]).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AudienceUpdate {
    /// New name (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New slug code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New tags (replacing the current ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
}

impl Payload for AudienceUpdate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        crate::rules::json_body("AudienceUpdate", &self)
    }
}
