//! The site: its details and update payload, its documents (northstar,
//! business and website information, design system), its settings and its
//! URLs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use crate::models::payload::{save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::JsonMap;

/// Removes `null` members from every object in `value`, recursively: a
/// payload never sends unset fields, at any depth.
pub(crate) fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// A JSON body of `value` without its `null` members.
pub(crate) fn json_without_nulls<T: Serialize>(value: &T) -> Result<Body> {
    let mut json = serde_json::to_value(value)
        .map_err(|e| crate::Error::InvalidInput { field: None, message: format!("cannot encode the body: {e}") })?;
    drop_nulls(&mut json);
    Ok(Body::Json(json))
}

/// The site (website) the API key belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Site {
    /// Unique identifier (`uid` on the wire).
    #[serde(rename = "uid")]
    pub id: String,
    /// Name of the website.
    pub name: String,
    /// Primary domain.
    pub domain: String,
    /// The `konigle.net` domain.
    #[serde(default)]
    pub konigle_domain: Option<String>,
    /// Whether the site is password-protected.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub password_enabled: bool,
    /// First address line.
    #[serde(default)]
    pub address1: Option<String>,
    /// Second address line.
    #[serde(default)]
    pub address2: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// Country.
    #[serde(default)]
    pub country: Option<String>,
    /// Province or state.
    #[serde(default)]
    pub province: Option<String>,
    /// Contact phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Contact email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Default currency code.
    #[serde(default)]
    pub currency: Option<String>,
    /// Storage bucket of the site's assets.
    #[serde(default)]
    pub asset_bucket: Option<String>,
    /// CDN domain serving the site's assets.
    #[serde(default)]
    pub asset_domain: Option<String>,
}

/// A site record saves its changes; it is read with `website().get()` and
/// cannot be deleted, so it has no `reload` or `delete`.
impl crate::spec::Save for Site {}

impl Resource for Site {
    const PATH: &'static str = "/admin/api/shops";
    const NAME: &'static str = "Site";

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`SiteUpdate`] (read-only fields such
    /// as the domain left out).
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<SiteUpdate>(changes, &[])
    }
}

/// Payload of `website().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::SiteUpdate;
/// let change = SiteUpdate::builder().city("Kuala Lumpur").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SiteUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New first address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    /// New second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// New city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// New country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// New province or state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// New phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Payload for SiteUpdate {
    fn into_body(self) -> Result<Body> {
        Body::json(&self)
    }
}

crate::string_enum! {
    /// The site documents: markdown texts describing the business and the
    /// website, kept by the platform one per type.
    pub enum SiteDocumentType {
        /// The business northstar: information, branding, tone, goals, audience.
        Northstar = "northstar",
        /// Business information.
        BusinessInfo = "biz_info",
        /// Website information.
        WebsiteInfo = "website_info",
        /// The design system.
        DesignSystem = "design_system",
    }
}

/// A site document as the API answers it; only what the SDK reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SiteDocument {
    /// Id of the document (missing when the platform has none of the type).
    #[serde(default)]
    pub id: Option<String>,
    /// The markdown content (`""` when absent).
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub content: String,
}

/// Merges `changes` into `current` the way `website().set_settings` does:
/// a top-level key whose old and new values are both objects gets the new
/// object's keys merged into the old one (one level deep); any other key is
/// replaced or added.
///
/// ```
/// use konigle_core::models::merge_settings;
/// use serde_json::json;
/// let current = json!({"seo": {"title_suffix": " | Shop", "noindex": false}, "social": {"x": "@s"}});
/// let changes = json!({"seo": {"noindex": true}, "social": "none"});
/// let merged = merge_settings(current.as_object().unwrap(), changes.as_object().unwrap());
/// assert_eq!(serde_json::Value::Object(merged),
///     json!({"seo": {"title_suffix": " | Shop", "noindex": true}, "social": "none"}));
/// ```
pub fn merge_settings(current: &JsonMap, changes: &JsonMap) -> JsonMap {
    let mut merged = current.clone();
    for (key, value) in changes {
        match (merged.get_mut(key), value) {
            (Some(Value::Object(old)), Value::Object(new)) => {
                for (k, v) in new {
                    old.insert(k.clone(), v.clone());
                }
            }
            _ => {
                merged.insert(key.clone(), value.clone());
            }
        }
    }
    merged
}

crate::string_enum! {
    /// What `website().add_url` creates at a path.
    pub enum UrlType {
        /// A page.
        Page = "page",
        /// A folder.
        Folder = "folder",
    }
}

crate::string_enum! {
    /// Kinds of content the site's URLs lead to.
    pub enum SiteContentType {
        /// A page.
        Page = "page",
        /// A folder.
        Folder = "folder",
        /// A blog post.
        Blog = "blog",
        /// A product.
        Product = "product",
        /// A glossary term.
        GlossaryTerm = "glossary_term",
    }
}

/// What lives at a URL of the site (`website().add_url` and `get_url`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SiteUrl {
    /// Kind of the content (`page`, `folder`, …).
    #[serde(rename = "type")]
    pub kind: SiteContentType,
    /// Id of the content.
    pub id: String,
    /// Any other detail the API returns.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// One hit of `website().search_urls`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlSearchHit {
    /// Kind of the content.
    #[serde(rename = "type")]
    pub kind: SiteContentType,
    /// Id of the content.
    pub id: String,
    /// Path of the URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathname: Option<String>,
    /// Title of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Any other detail the API returns.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// The answer of `website().search_urls`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlSearchResults {
    /// The matching URLs.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub results: Vec<UrlSearchHit>,
    /// How many URLs matched.
    #[serde(default)]
    pub count: u64,
    /// Any other detail the API returns.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// Body of `website().add_url`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct AddUrl<'a> {
    pub(crate) pathname: &'a str,
    pub(crate) url_type: &'a UrlType,
}

/// The request body of `website().add_url` for `pathname`.
///
/// # Errors
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for an empty path or
/// an unknown URL type.
pub fn add_url_body(pathname: &str, url_type: &UrlType) -> Result<Body> {
    crate::models::payload::check_not_empty("pathname", pathname)?;
    url_type.ensure_known("url_type")?;
    Body::json(&AddUrl { pathname, url_type })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn site_id_is_the_uid() {
        let site: Site = serde_json::from_value(json!({
            "uid": "site_1", "name": "Shop", "domain": "shop.example", "konigle_domain": null,
            "password_enabled": null
        }))
        .unwrap();
        assert_eq!(site.id, "site_1");
        assert!(!site.password_enabled);
        assert_eq!(serde_json::to_value(&site).unwrap()["uid"], "site_1");
    }

    #[test]
    fn merge_is_one_level_deep() {
        let current = json!({"a": {"b": {"c": 1, "d": 2}}, "k": 1});
        let changes = json!({"a": {"b": {"c": 3}}, "n": {"x": 1}});
        let merged = merge_settings(current.as_object().unwrap(), changes.as_object().unwrap());
        assert_eq!(Value::Object(merged), json!({"a": {"b": {"c": 3}}, "k": 1, "n": {"x": 1}}));
    }

    #[test]
    fn nulls_are_dropped_at_every_depth() {
        let mut v = json!({"a": null, "b": {"c": null, "d": [{"e": null, "f": 1}]}});
        drop_nulls(&mut v);
        assert_eq!(v, json!({"b": {"d": [{"f": 1}]}}));
    }

    #[test]
    fn add_url_checks() {
        assert!(add_url_body("", &UrlType::Page).is_err());
        assert!(add_url_body("/a", &UrlType::Other("x".into())).is_err());
        let Body::Json(v) = add_url_body("/a/b", &UrlType::Folder).unwrap() else { panic!() };
        assert_eq!(v, json!({"pathname": "/a/b", "url_type": "folder"}));
    }
}
