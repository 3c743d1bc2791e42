//! Website: folder.
//!
//! Folders organise a site's pages, blog posts and glossary terms into a
//! hierarchy; their handles are part of the URLs below them.

use serde::{Deserialize, Serialize};

use super::publish::{normalize_handle, yes, PublishableResource};
use crate::error::Result;
use crate::models::commerce::{compact_seo, null_as_default, Identified, SeoMeta};
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, JsonMap};

/// Longest folder name and handle.
const NAME_MAX: usize = 255;

crate::string_enum! {
    /// What a folder holds, which decides how the site renders it.
    #[derive(Default)]
    pub enum FolderType {
        /// General pages.
        Pages = "pages",
        /// Blog posts.
        Blog = "blog",
        /// Glossary terms.
        Glossary = "glossary",
        /// A product collection.
        Collection = "collection",
        /// The site's home folder.
        Home = "home",
        /// Anything else.
        Others = "others",
        /// A custom folder (the default).
        #[default]
        Custom = "custom",
    }
}

/// A content folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Folder {
    /// Unique identifier.
    pub id: String,
    /// Name, for display and search.
    pub name: String,
    /// Handle, part of the URLs of the folder and its content.
    pub handle: String,
    /// What the folder holds.
    #[serde(default)]
    pub folder_type: FolderType,
    /// Id of the parent folder (`None` for root folders).
    #[serde(default)]
    pub parent: Option<String>,
    /// SEO metadata of the folder's page.
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(default, deserialize_with = "null_as_default")]
    pub json_ld: JsonMap,
    /// Id of the page design template.
    #[serde(default)]
    pub template: Option<String>,
    /// Whether the folder is left out of the sitemap.
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclude_from_sitemap: bool,
    /// Tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Language code (ISO 639-1).
    #[serde(default)]
    pub language: Option<String>,
    /// Country code (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country_code: Option<String>,
    /// Id of the canonical folder, for SEO.
    #[serde(default)]
    pub canonical_page: Option<String>,
    /// Context builders of dynamic content.
    #[serde(default, deserialize_with = "null_as_default")]
    pub context_builders: JsonMap,
    /// Whether the folder is visible on the site.
    #[serde(default = "yes")]
    pub published: bool,
    /// Whether the platform manages the folder.
    #[serde(default)]
    pub managed: bool,
    /// Version of the folder, for A/B tests.
    pub version: String,
    /// Whether this is the original version (only originals have children).
    #[serde(default = "yes")]
    pub is_original_version: bool,
    /// Whether this is the version shown by default.
    #[serde(default)]
    pub is_default_version: bool,
    /// Full path of the folder.
    #[serde(default)]
    pub pathname: Option<String>,
    /// Preview URL.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Public URL (answers 404 until published).
    #[serde(default)]
    pub url: Option<String>,
}

impl Resource for Folder {
    const PATH: &'static str = "/admin/api/content-folders";
    const NAME: &'static str = "Folder";
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["parent"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`FolderUpdate`] accepts are saved; the handle changes
    /// through `change_handle`, the publication state through `publish`.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        super::publish::save_publishable::<FolderUpdate>(changes)
    }
}

impl PublishableResource for Folder {}

/// A folder as embedded in a blog post or page: id, name and handle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FolderReference {
    /// The folder's id.
    pub id: String,
    /// The folder's name.
    pub name: String,
    /// The folder's handle.
    pub handle: String,
}

impl Identified for FolderReference {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Payload of `folders().create`.
///
/// The builder sends the API's defaults: a custom folder, no tags, an empty
/// JSON-LD and context, in the sitemap, language `en`, country `US`. Assign
/// `None` to one of these fields after `build()` to leave it out of the
/// request. The handle is checked and lower-cased, the language lower-cased and the
/// country upper-cased before sending; without a handle the server derives
/// one from the name.
///
/// ```
/// use konigle_core::models::{FolderCreate, FolderType};
/// let data = FolderCreate::builder()
///     .name("Blog")
///     .handle("Blog")
///     .folder_type(FolderType::Blog)
///     .parent("fd_home")
///     .tags(vec!["news".into()])
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct FolderCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Handle (letters, digits, hyphens, underscores; lower-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// What the folder holds (default custom).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(FolderType::default()), with = |v: FolderType| Some(v))]
    pub folder_type: Option<FolderType>,
    /// Id of the parent folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(JsonMap::new()), with = |v: JsonMap| Some(v))]
    pub json_ld: Option<JsonMap>,
    /// Id of the page design template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Whether to leave the folder out of the sitemap (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub exclude_from_sitemap: Option<bool>,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub tags: Option<Vec<String>>,
    /// Language code (default `en`; lower-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some("en".to_string()), with = |v: impl Into<String>| Some(v.into()))]
    pub language: Option<String>,
    /// Country code (default `US`; upper-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some("US".to_string()), with = |v: impl Into<String>| Some(v.into()))]
    pub country_code: Option<String>,
    /// Id of the canonical folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_page: Option<String>,
    /// Context builders of dynamic content.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(JsonMap::new()), with = |v: JsonMap| Some(v))]
    pub context_builders: Option<JsonMap>,
}

impl Payload for FolderCreate {
    fn into_body(mut self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        check_opt_max_len("handle", self.handle.as_deref(), NAME_MAX)?;
        normalize_handle(&mut self.handle)?;
        if let Some(t) = &self.folder_type {
            t.ensure_known("folder_type")?;
        }
        if let Some(v) = &self.language {
            self.language = Some(validate::language_code("language", v)?);
        }
        if let Some(v) = &self.country_code {
            self.country_code = Some(validate::country_code("country_code", v)?);
        }
        Body::json(&self)
    }
}

/// Changes to a folder. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::FolderUpdate;
/// let data = FolderUpdate::builder().name("News").language("DE").build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(default)]
#[non_exhaustive]
pub struct FolderUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// New JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<JsonMap>,
    /// Whether to leave the folder out of the sitemap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_from_sitemap: Option<bool>,
    /// New tags (replacing the current ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New language code (lower-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// New country code (upper-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// New canonical folder id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_page: Option<String>,
    /// New page design template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// New context builders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_builders: Option<JsonMap>,
}

impl Payload for FolderUpdate {
    fn into_body(mut self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        if let Some(v) = &self.language {
            self.language = Some(validate::language_code("language", v)?);
        }
        if let Some(v) = &self.country_code {
            self.country_code = Some(validate::country_code("country_code", v)?);
        }
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use serde_json::{json, Value};

    use crate::models::testing::json_body as body;

    #[test]
    fn create_sends_the_defaults_and_normalises_codes() {
        assert_eq!(
            body(FolderCreate::builder().name("Guides").build()),
            json!({"name": "Guides", "folder_type": "custom", "json_ld": {}, "exclude_from_sitemap": false,
                   "tags": [], "language": "en", "country_code": "US", "context_builders": {}})
        );
        let v = body(FolderCreate::builder().name("Blog").handle("Blog").language("EN").country_code("sg").build());
        assert_eq!((&v["handle"], &v["language"], &v["country_code"]), (&json!("blog"), &json!("en"), &json!("SG")));
        for bad in [
            FolderCreate::builder().name("X").handle("my folder").build(),
            FolderCreate::builder().name("X").language("e1").build(),
            FolderCreate::builder().name("X").country_code("USA").build(),
            FolderCreate::builder().name("").build(),
            FolderCreate::builder().name("x".repeat(256)).build(),
            FolderCreate::builder().name("X").folder_type(FolderType::from("shop")).build(),
        ] {
            assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        }
    }

    #[test]
    fn update_sends_only_what_is_set() {
        assert_eq!(
            body(FolderUpdate::builder().name("News").language("DE").build()),
            json!({"name": "News", "language": "de"})
        );
        assert_eq!(FolderUpdate::builder().build(), FolderUpdate::default());
        assert!(FolderUpdate::builder().country_code("F").build().into_body().is_err());
        let Value::Object(changes) = json!({"name": "N"}) else { unreachable!() };
        assert_eq!(Value::Object(Folder::save_body(changes).unwrap()), json!({"name": "N"}));
        let Value::Object(changes) = json!({"name": "N", "handle": "h", "published": false}) else { unreachable!() };
        let err = Folder::save_body(changes).expect_err("handle and published have their own actions");
        let Error::InvalidInput { field: Some(field), message } = err else { panic!("{err:?}") };
        assert_eq!(field, "handle, published");
        assert!(message.contains("change_handle") && message.contains("publish"), "{message}");
    }

    #[test]
    fn folders_decode_nulls_as_empty() {
        let f: Folder = serde_json::from_value(json!({
            "id": "fd_1", "name": "Blog", "handle": "blog", "version": "a", "json_ld": null, "tags": null,
            "context_builders": null, "exclude_from_sitemap": null, "folder_type": "landing"
        }))
        .unwrap();
        assert!(f.json_ld.is_empty() && f.tags.is_empty() && !f.exclude_from_sitemap);
        assert!(f.published && f.is_original_version);
        assert_eq!(f.folder_type, FolderType::Other("landing".into()));
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut f = FolderCreate::builder().name("Guides").country_code("sg").build();
        f.folder_type = None;
        f.json_ld = None;
        f.exclude_from_sitemap = None;
        f.tags = None;
        f.language = None;
        f.context_builders = None;
        assert_eq!(body(f), json!({"name": "Guides", "country_code": "SG"}));
        let mut f = FolderCreate::builder().name("Guides").language("DE").build();
        f.country_code = None;
        let v = body(f);
        assert_eq!((&v["language"], v.get("country_code")), (&json!("de"), None));
    }
}
