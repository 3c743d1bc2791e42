//! Website: blog.
//!
//! Blog posts, with rich text content, authors and reviewers, in a folder.

use serde::{Deserialize, Serialize};

use super::page::{check_texts, TEXT_MAX};
use super::publish::{normalize_handle, publish_time, yes, ContentAuthor, PublishTime, PublishableResource};
use super::FolderReference;
use crate::error::Result;
use crate::models::commerce::{compact_seo, null_as_default, Related, SeoMeta};
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, Payload};
use crate::models::EditorJs;
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// A blog post.
///
/// Items of `blogs().list` lack the detail-only `content` (`None`),
/// `contributors` and `reviewers` (empty) until the record's `load_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Blog {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Name, for display and search.
    pub name: String,
    /// Handle, part of the URL.
    pub handle: String,
    /// Title shown to readers.
    pub title: String,
    /// Subtitle.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subtitle: String,
    /// Summary, used as the SEO description when none is set.
    #[serde(default, deserialize_with = "null_as_default")]
    pub summary: String,
    /// Rich text content (detail only).
    #[serde(default)]
    pub content: Option<EditorJs>,
    /// SEO metadata.
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(default, deserialize_with = "null_as_default")]
    pub json_ld: JsonMap,
    /// Whether the post is left out of the sitemap.
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclude_from_sitemap: bool,
    /// The folder: its id, or the embedded folder.
    #[serde(default)]
    pub folder: Option<Related<FolderReference>>,
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
    /// Tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Id of the post's design template (when set, the template renders the post).
    #[serde(default)]
    pub template: Option<String>,
    /// Contributors (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub contributors: Vec<Related<ContentAuthor>>,
    /// Reviewers (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewers: Vec<Related<ContentAuthor>>,
    /// Whether the post is published.
    #[serde(default)]
    pub published: bool,
    /// When it was published.
    #[serde(default)]
    pub published_at: Option<Timestamp>,
    /// Full path of the post.
    #[serde(default)]
    pub pathname: Option<String>,
    /// Preview URL.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Public URL (answers 404 until published).
    #[serde(default)]
    pub url: Option<String>,
}

impl Resource for Blog {
    const PATH: &'static str = "/admin/api/blogs";
    const NAME: &'static str = "Blog";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["content", "contributors", "reviewers"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["author", "folder"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`BlogUpdate`] accepts are saved.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        super::publish::save_publishable::<BlogUpdate>(changes)
    }
}

impl PublishableResource for Blog {}

/// Payload of `blogs().create`.
///
/// The builder sends the API's defaults: empty subtitle, summary and
/// JSON-LD, in the sitemap, authors shown, no contributors, reviewers or
/// tags. Assign `None` to one of these fields after `build()` to leave it
/// out of the request. The handle is checked and lower-cased before sending; without one
/// the server derives it from the name.
///
/// ```
/// use konigle_core::models::{BlogCreate, EditorJs, ListStyle};
/// let post = BlogCreate::builder()
///     .name("Spring planting")
///     .title("Spring planting guide")
///     .folder("fd_1")
///     .content(EditorJs::new().heading(2, "Sow").list(ListStyle::Ordered, ["Peas", "Beans"]))
///     .build();
/// # let _ = post;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct BlogCreate {
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
    /// Rich text content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<EditorJs>,
    /// SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(JsonMap::new()), with = |v: JsonMap| Some(v))]
    pub json_ld: Option<JsonMap>,
    /// Whether to leave the post out of the sitemap (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub exclude_from_sitemap: Option<bool>,
    /// Id of the folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
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
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub tags: Option<Vec<String>>,
    /// Id of the post's design template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl Payload for BlogCreate {
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

/// Changes to a blog post. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::BlogUpdate;
/// let publish_at: konigle_core::models::PublishTime = "2024-03-01T08:30:00+08:00".parse().unwrap();
/// let data = BlogUpdate::builder().title("Spring guide").published_at(publish_at).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(default)]
#[non_exhaustive]
pub struct BlogUpdate {
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
    /// New publication time (its UTC offset is kept).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "publish_time")]
    #[builder(into)]
    pub published_at: Option<PublishTime>,
    /// New SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// New JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<JsonMap>,
    /// New primary author id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether to leave the post out of the sitemap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_from_sitemap: Option<bool>,
    /// Whether to show contributors and reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_author: Option<bool>,
    /// New contributor ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor_ids: Option<Vec<String>>,
    /// New reviewer ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer_ids: Option<Vec<String>>,
    /// New tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New design template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl Payload for BlogUpdate {
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
    use serde_json::{json, Value};

    use crate::models::testing::json_body as body;

    #[test]
    fn create_sends_the_defaults_and_checks_the_handle() {
        assert_eq!(
            body(BlogCreate::builder().name("Autumn").title("Autumn tips").build()),
            json!({"name": "Autumn", "title": "Autumn tips", "subtitle": "", "summary": "", "json_ld": {},
                   "exclude_from_sitemap": false, "show_author": true, "contributor_ids": [], "reviewer_ids": [],
                   "tags": []})
        );
        let v = body(BlogCreate::builder().name("S").title("S").handle("Spring-Planting").build());
        assert_eq!(v["handle"], "spring-planting");
        assert!(matches!(
            BlogCreate::builder().name("X").title("X").handle("x y").build().into_body(),
            Err(Error::InvalidInput { field: Some(f), .. }) if f == "handle"
        ));
    }

    #[test]
    fn updates_normalise_header_blocks_and_keep_offsets() {
        let content: EditorJs =
            serde_json::from_value(json!({"blocks": [{"type": "header", "data": {"text": "H"}}]})).unwrap();
        let at: PublishTime = "2024-03-01T08:30:00+08:00".parse().unwrap();
        assert_eq!(
            body(BlogUpdate::builder().content(content).published_at(at).build()),
            json!({"content": {"blocks": [{"type": "heading", "data": {"text": "H"}}]},
                   "published_at": "2024-03-01T08:30:00+08:00"})
        );
        let Value::Object(changes) = json!({"summary": "S"}) else { unreachable!() };
        assert_eq!(Value::Object(Blog::save_body(changes).unwrap()), json!({"summary": "S"}));
        let Value::Object(changes) = json!({"summary": "S", "folder": "fd_2", "url": "x"}) else { unreachable!() };
        let err = Blog::save_body(changes).expect_err("folder and url are not updatable");
        assert!(matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "folder, url"), "{err:?}");
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut post = BlogCreate::builder().name("Autumn").title("Autumn tips").tags(vec!["garden".into()]).build();
        post.subtitle = None;
        post.summary = None;
        post.json_ld = None;
        post.exclude_from_sitemap = None;
        post.show_author = None;
        post.contributor_ids = None;
        post.reviewer_ids = None;
        assert_eq!(body(post), json!({"name": "Autumn", "title": "Autumn tips", "tags": ["garden"]}));
        let mut post = BlogCreate::builder().name("A").title("A").subtitle("s".repeat(256)).build();
        assert!(post.clone().into_body().is_err());
        post.tags = None;
        post.subtitle = Some("Short".into());
        let v = body(post);
        assert_eq!((&v["subtitle"], v.get("tags")), (&json!("Short"), None));
    }
}
