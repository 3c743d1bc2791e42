//! Website: glossary.
//!
//! Glossary terms: short definitions with rich text content.

use serde::{Deserialize, Serialize};

use super::page::{check_texts, TEXT_MAX};
use super::publish::{normalize_handle, yes, ContentAuthor, PublishableResource};
use crate::error::Result;
use crate::models::commerce::{compact_seo, null_as_default, Related, SeoMeta};
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, Payload};
use crate::models::EditorJs;
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// A glossary term.
///
/// Items of `glossary_terms().list` lack the detail-only `content`,
/// `contributors` and `reviewers` (empty) until the record's `load_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlossaryTerm {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Name, for display and search.
    pub name: String,
    /// Handle, part of the URL.
    #[serde(default)]
    pub handle: Option<String>,
    /// Title shown to readers.
    pub title: String,
    /// Subtitle.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subtitle: String,
    /// Summary, used as the SEO description when none is set.
    #[serde(default, deserialize_with = "null_as_default")]
    pub summary: String,
    /// Rich text content (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub content: EditorJs,
    /// SEO metadata.
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(default, deserialize_with = "null_as_default")]
    pub json_ld: JsonMap,
    /// Whether the term is left out of the sitemap.
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclude_from_sitemap: bool,
    /// Primary author: its id, or the embedded author.
    #[serde(default)]
    pub author: Option<Related<ContentAuthor>>,
    /// Whether contributors and reviewers are shown.
    #[serde(default = "yes")]
    pub show_author: bool,
    /// Ids of the contributors.
    #[serde(default, deserialize_with = "null_as_default")]
    pub contributor_ids: Vec<String>,
    /// Ids of the reviewers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewer_ids: Vec<String>,
    /// Contributors (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub contributors: Vec<Related<ContentAuthor>>,
    /// Reviewers (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewers: Vec<Related<ContentAuthor>>,
    /// Whether the term is published.
    #[serde(default)]
    pub published: bool,
    /// When it was published.
    #[serde(default)]
    pub published_at: Option<Timestamp>,
}

impl Resource for GlossaryTerm {
    const PATH: &'static str = "/admin/api/glossary-terms";
    const NAME: &'static str = "GlossaryTerm";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["content", "contributors", "reviewers"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["author"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`GlossaryTermUpdate`] accepts are saved.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        super::publish::save_publishable::<GlossaryTermUpdate>(changes)
    }
}

impl PublishableResource for GlossaryTerm {}

/// Payload of `glossary_terms().create`.
///
/// The builder sends the API's defaults: empty subtitle, summary, content
/// and JSON-LD, in the sitemap, authors shown, no contributors or reviewers.
/// Assign `None` to one of these fields after `build()` to leave it out of
/// the request. The handle is checked and lower-cased before sending; without one the
/// server derives it from the name.
///
/// ```
/// use konigle_core::models::{EditorJs, GlossaryTermCreate};
/// let term = GlossaryTermCreate::builder()
///     .name("Mulch")
///     .title("What is mulch?")
///     .summary("A protective layer.")
///     .content(EditorJs::new().paragraph("Organic matter spread over soil."))
///     .build();
/// # let _ = term;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GlossaryTermCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Handle (letters, digits, hyphens, underscores; lower-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Title (required, at most 255 characters).
    pub title: String,
    /// Subtitle (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub subtitle: Option<String>,
    /// Summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub summary: Option<String>,
    /// Rich text content (default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(EditorJs::default()), with = |v: EditorJs| Some(v))]
    pub content: Option<EditorJs>,
    /// SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(JsonMap::new()), with = |v: JsonMap| Some(v))]
    pub json_ld: Option<JsonMap>,
    /// Whether to leave the term out of the sitemap (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub exclude_from_sitemap: Option<bool>,
    /// Id of the primary author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether to show contributors and reviewers (default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(true), with = |v: bool| Some(v))]
    pub show_author: Option<bool>,
    /// Ids of the contributors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub contributor_ids: Option<Vec<String>>,
    /// Ids of the reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub reviewer_ids: Option<Vec<String>>,
}

impl Payload for GlossaryTermCreate {
    fn into_body(mut self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_not_empty("title", &self.title)?;
        check_max_len("name", &self.name, TEXT_MAX)?;
        check_max_len("title", &self.title, TEXT_MAX)?;
        check_opt_max_len("subtitle", self.subtitle.as_deref(), TEXT_MAX)?;
        check_opt_max_len("handle", self.handle.as_deref(), TEXT_MAX)?;
        normalize_handle(&mut self.handle)?;
        if let Some(content) = &self.content {
            content.check("content")?;
        }
        Body::json(&self)
    }
}

/// Changes to a glossary term. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::GlossaryTermUpdate;
/// let data = GlossaryTermUpdate::builder().summary("A layer of material").show_author(false).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(default)]
#[non_exhaustive]
pub struct GlossaryTermUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New title (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New subtitle (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// New summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// New rich text content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<EditorJs>,
    /// New SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// New JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<JsonMap>,
    /// Whether to leave the term out of the sitemap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_from_sitemap: Option<bool>,
    /// Whether to show contributors and reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_author: Option<bool>,
    /// New primary author id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// New contributor ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor_ids: Option<Vec<String>>,
    /// New reviewer ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer_ids: Option<Vec<String>>,
}

impl Payload for GlossaryTermUpdate {
    fn into_body(self) -> Result<Body> {
        check_texts(self.name.as_deref(), self.title.as_deref(), self.subtitle.as_deref())?;
        if let Some(content) = &self.content {
            content.check("content")?;
        }
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use serde_json::json;

    use crate::models::testing::json_body as body;

    #[test]
    fn create_sends_the_defaults() {
        assert_eq!(
            body(GlossaryTermCreate::builder().name("Loam").title("What is loam?").build()),
            json!({"name": "Loam", "title": "What is loam?", "subtitle": "", "summary": "", "content": {},
                   "json_ld": {}, "exclude_from_sitemap": false, "show_author": true, "contributor_ids": [],
                   "reviewer_ids": []})
        );
        assert!(matches!(
            GlossaryTermCreate::builder().name("X").title("t".repeat(256)).build().into_body(),
            Err(Error::InvalidInput { field: Some(f), .. }) if f == "title"
        ));
    }

    #[test]
    fn update_keeps_an_explicit_empty_block_list() {
        assert_eq!(
            body(GlossaryTermUpdate::builder().content(EditorJs::from_blocks([])).build()),
            json!({"content": {"blocks": []}})
        );
        assert_eq!(GlossaryTermUpdate::builder().build(), GlossaryTermUpdate::default());
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut term = GlossaryTermCreate::builder().name("Loam").title("What is loam?").show_author(false).build();
        term.subtitle = None;
        term.summary = None;
        term.content = None;
        term.json_ld = None;
        term.exclude_from_sitemap = None;
        term.contributor_ids = None;
        term.reviewer_ids = None;
        assert_eq!(body(term), json!({"name": "Loam", "title": "What is loam?", "show_author": false}));
        let mut term = GlossaryTermCreate::builder().name("L").title("L").build();
        term.show_author = None;
        assert!(body(term).get("show_author").is_none());
    }
}
