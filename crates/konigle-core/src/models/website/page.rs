//! Website: page.
//!
//! General pages (about, terms, FAQ, landing pages…) whose content is rich
//! text, or a text file (`.txt`, `.md`, `.xml`, e.g. `robots.txt` or a
//! sitemap) when the data source is a file.

use serde::{Deserialize, Serialize};

use super::publish::{normalize_handle, publish_time, yes, ContentAuthor, PublishTime, PublishableResource};
use super::FolderReference;
use crate::error::Result;
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::commerce::{compact_seo, null_as_default, Related, SeoMeta};
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, Payload};
use crate::models::EditorJs;
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Longest name, handle, title and subtitle.
pub(crate) const TEXT_MAX: usize = 255;

/// Files a page's content can come from: text, Markdown or XML.
pub const PAGE_CONTENT_FILES: FileRules = FileRules { kind: "a content file", extensions: &[".txt", ".md", ".xml"] };

crate::string_enum! {
    /// Kind of page.
    #[derive(Default)]
    pub enum PageType {
        /// Terms of service.
        Terms = "terms",
        /// About.
        About = "about",
        /// Privacy policy.
        Privacy = "privacy",
        /// Frequently asked questions.
        Faq = "faq",
        /// Contact.
        Contact = "contact",
        /// `robots.txt`.
        Robots = "robots",
        /// Favicon.
        Favicon = "favicon",
        /// A general page (the default).
        #[default]
        General = "general",
        /// A landing page.
        Landing = "landing",
        /// A carousel.
        Carousel = "carousel",
        /// A site verification file.
        SiteVerification = "site_verification",
    }
}

crate::string_enum! {
    /// Where a page's content comes from.
    #[derive(Default)]
    pub enum DataSource {
        /// A data table.
        DataTable = "data_table",
        /// The page's own rich text (the default).
        #[default]
        Own = "self",
        /// An uploaded content file.
        File = "file",
    }
}

fn own_source() -> Option<DataSource> {
    Some(DataSource::Own)
}

/// A page.
///
/// Items of `pages().list` lack the detail-only `content`, `contributors`
/// and `reviewers` (empty) until the record's `load_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page {
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
    /// Title shown to visitors.
    pub title: String,
    /// Subtitle.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subtitle: String,
    /// Kind of page.
    #[serde(default)]
    pub page_type: PageType,
    /// The folder: its id, or the embedded folder.
    pub folder: Related<FolderReference>,
    /// Rich text content (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub content: EditorJs,
    /// SEO metadata.
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// Manual JSON-LD override.
    #[serde(default, deserialize_with = "null_as_default")]
    pub json_ld: JsonMap,
    /// Whether the page is left out of the sitemap.
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclude_from_sitemap: bool,
    /// Primary author: its id, or the embedded author.
    #[serde(default)]
    pub author: Option<Related<ContentAuthor>>,
    /// Ids of the contributors.
    #[serde(default, deserialize_with = "null_as_default")]
    pub contributor_ids: Vec<String>,
    /// Ids of the reviewers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewer_ids: Vec<String>,
    /// Whether contributors and reviewers are shown.
    #[serde(default = "yes")]
    pub show_author: bool,
    /// Tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Id of the page design template.
    #[serde(default)]
    pub template: Option<String>,
    /// Where the content comes from.
    #[serde(default = "own_source")]
    pub data_source: Option<DataSource>,
    /// MIME type of the content file, when the data source is a file.
    #[serde(default)]
    pub content_file_mime_type: Option<String>,
    /// Context builders of dynamic content.
    #[serde(default, deserialize_with = "null_as_default")]
    pub context_builders: JsonMap,
    /// Contributors (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub contributors: Vec<Related<ContentAuthor>>,
    /// Reviewers (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewers: Vec<Related<ContentAuthor>>,
    /// Whether the page is published.
    #[serde(default)]
    pub published: bool,
    /// When it was published.
    #[serde(default)]
    pub published_at: Option<Timestamp>,
    /// Full path of the page.
    #[serde(default)]
    pub pathname: Option<String>,
    /// Preview URL.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Public URL (answers 404 until published).
    #[serde(default)]
    pub url: Option<String>,
    /// URL of the content file, when the data source is a file.
    #[serde(default)]
    pub content_file: Option<String>,
}

impl Resource for Page {
    const PATH: &'static str = "/admin/api/pages";
    const NAME: &'static str = "Page";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["content", "contributors", "reviewers"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["author"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`PageUpdate`] accepts are saved.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        super::publish::save_publishable::<PageUpdate>(changes)
    }
}

impl PublishableResource for Page {}

/// Checks the text fields shared by pages, blog posts and glossary terms.
pub(crate) fn check_texts(name: Option<&str>, title: Option<&str>, subtitle: Option<&str>) -> Result<()> {
    check_opt_max_len("name", name, TEXT_MAX)?;
    check_opt_max_len("title", title, TEXT_MAX)?;
    check_opt_max_len("subtitle", subtitle, TEXT_MAX)
}

/// The body of a page payload: JSON, or multipart with the content file.
fn page_body<T: Serialize>(value: &T, content_file: Option<FileInput>) -> Result<Body> {
    let files = match content_file {
        Some(file) => vec![FilePart::new("content_file", file, PAGE_CONTENT_FILES)?],
        None => vec![],
    };
    Body::with_files(value, files)
}

/// Payload of `pages().create`.
///
/// The builder sends the API's defaults: an empty subtitle, a general page,
/// empty content, JSON-LD and context, no contributors, reviewers or tags,
/// authors shown, content from the page itself. Assign `None` to one of
/// these fields after `build()` to leave it out of the request (a multipart
/// body never sends empty lists). The handle is checked and
/// lower-cased before sending; without one the server derives it from the
/// name. With a content file the page is sent as `multipart/form-data`, the
/// file streamed from disk.
///
/// ```
/// use konigle_core::models::{DataSource, EditorJs, PageCreate, PageType};
/// let about = PageCreate::builder()
///     .name("About")
///     .title("About us")
///     .folder("fd_home")
///     .page_type(PageType::About)
///     .content(EditorJs::new().heading(2, "Welcome").paragraph("We grow things."))
///     .build();
/// let robots = PageCreate::builder()
///     .name("Robots")
///     .title("robots.txt")
///     .folder("fd_home")
///     .page_type(PageType::Robots)
///     .data_source(DataSource::File)
///     .content_file(("User-agent: *\n", "robots.txt"))
///     .build();
/// # let _ = (about, robots);
/// ```
#[derive(Debug, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PageCreate {
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
    /// Kind of page (default general).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(PageType::default()), with = |v: PageType| Some(v))]
    pub page_type: Option<PageType>,
    /// Id of the folder (required).
    pub folder: String,
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
    /// Whether to leave the page out of the sitemap (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub exclude_from_sitemap: Option<bool>,
    /// Id of the primary author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Ids of the contributors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub contributor_ids: Option<Vec<String>>,
    /// Ids of the reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub reviewer_ids: Option<Vec<String>>,
    /// Whether to show contributors and reviewers (default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(true), with = |v: bool| Some(v))]
    pub show_author: Option<bool>,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: Vec<String>| Some(v))]
    pub tags: Option<Vec<String>>,
    /// Id of the page design template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Where the content comes from (default the page itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(DataSource::default()), with = |v: DataSource| Some(v))]
    pub data_source: Option<DataSource>,
    /// MIME type of the content file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_file_mime_type: Option<String>,
    /// Context builders of dynamic content.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(JsonMap::new()), with = |v: JsonMap| Some(v))]
    pub context_builders: Option<JsonMap>,
    /// Content file to upload (`.txt`, `.md` or `.xml`): a path, bytes,
    /// `(bytes, file name)`, a reader or an `https://` URL.
    #[serde(skip)]
    #[builder(into)]
    pub content_file: Option<FileInput>,
}

impl Payload for PageCreate {
    fn into_body(mut self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_not_empty("title", &self.title)?;
        check_max_len("name", &self.name, TEXT_MAX)?;
        check_max_len("title", &self.title, TEXT_MAX)?;
        check_opt_max_len("subtitle", self.subtitle.as_deref(), TEXT_MAX)?;
        check_opt_max_len("handle", self.handle.as_deref(), TEXT_MAX)?;
        check_not_empty("folder", &self.folder)?;
        normalize_handle(&mut self.handle)?;
        if let Some(t) = &self.page_type {
            t.ensure_known("page_type")?;
        }
        if let Some(s) = &self.data_source {
            s.ensure_known("data_source")?;
        }
        if let Some(content) = &self.content {
            content.check("content")?;
        }
        let file = self.content_file.take();
        page_body(&self, file)
    }
}

/// Changes to a page. Unset fields are not sent; with a content file the
/// changes are sent as `multipart/form-data`.
///
/// ```
/// use konigle_core::models::PageUpdate;
/// let data = PageUpdate::builder().title("Notes").content_file(("# Notes", "notes.md")).build();
/// # let _ = data;
/// ```
#[derive(Debug, Default, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(default)]
#[non_exhaustive]
pub struct PageUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New title (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New subtitle (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// New rich text content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<EditorJs>,
    /// New SEO metadata (unset fields are not sent).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// New JSON-LD override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<JsonMap>,
    /// Whether to leave the page out of the sitemap.
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
    /// New tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New publication time (its UTC offset is kept).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "publish_time")]
    #[builder(into)]
    pub published_at: Option<PublishTime>,
    /// New page design template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// New context builders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_builders: Option<JsonMap>,
    /// New content file (`.txt`, `.md` or `.xml`).
    #[serde(skip)]
    #[builder(into)]
    pub content_file: Option<FileInput>,
}

impl Payload for PageUpdate {
    fn into_body(mut self) -> Result<Body> {
        check_texts(self.name.as_deref(), self.title.as_deref(), self.subtitle.as_deref())?;
        if let Some(content) = &self.content {
            content.check("content")?;
        }
        let file = self.content_file.take();
        page_body(&self, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Part;
    use crate::Error;
    use serde_json::{json, Value};

    use crate::models::testing::json_body as body;

    fn minimal() -> PageCreate {
        PageCreate::builder().name("Contact").title("Contact").folder("fd_home").build()
    }

    #[test]
    fn create_sends_the_defaults() {
        assert_eq!(
            body(minimal()),
            json!({"name": "Contact", "title": "Contact", "subtitle": "", "page_type": "general", "folder": "fd_home",
                   "content": {}, "json_ld": {}, "exclude_from_sitemap": false, "contributor_ids": [],
                   "reviewer_ids": [], "show_author": true, "tags": [], "data_source": "self", "context_builders": {}})
        );
    }

    #[test]
    fn create_checks_handles_types_and_files() {
        let v = body(PageCreate::builder().name("A").title("A").folder("f").handle("About-Us").build());
        assert_eq!(v["handle"], "about-us");
        let bad = [
            PageCreate::builder().name("X").title("X").folder("f").handle("a/b").build(),
            PageCreate::builder().name("X").title("X").folder("f").page_type(PageType::from("blog")).build(),
            PageCreate::builder().name("X").title("X").folder("f").content_file((b"%PDF".to_vec(), "doc.pdf")).build(),
            PageCreate::builder().name("X").title("X").folder("f").subtitle("s".repeat(256)).build(),
            PageCreate::builder().name("X").title("X").folder("f").content(EditorJs::new().heading(9, "h")).build(),
        ];
        for p in bad {
            assert!(matches!(p.into_body(), Err(Error::InvalidInput { .. })));
        }
        let missing = PageCreate::builder().name("X").title("X").folder("f").content_file("/nonexistent/x.md").build();
        assert!(matches!(missing.into_body(), Err(Error::File { .. })));
    }

    #[test]
    fn content_files_make_a_multipart_body() {
        let p = PageCreate::builder()
            .name("Sitemap")
            .title("Sitemap")
            .folder("fd_home")
            .data_source(DataSource::File)
            .content_file((b"<urlset></urlset>".to_vec(), "sitemap.xml"))
            .build();
        let Ok(Body::Multipart(parts)) = p.into_body() else { panic!("expected multipart") };
        let file = parts.iter().find_map(|p| match p {
            Part::File(f) => Some(f),
            Part::Text { .. } => None,
        });
        let file = file.expect("a file part");
        assert_eq!((file.file_name.as_str(), file.content_type.as_str()), ("sitemap.xml", "application/xml"));
        assert!(parts.iter().any(|p| matches!(p, Part::Text { name, value } if name == "content" && value == "{}")));
        assert!(!parts.iter().any(|p| matches!(p, Part::Text { name, .. } if name == "tags")));
        // Bytes without a name are not checked (sent as upload.bin).
        let p = PageUpdate::builder().content_file(b"notes".to_vec()).build();
        assert!(matches!(p.into_body(), Ok(Body::Multipart(_))));
    }

    #[test]
    fn update_and_save_send_only_changes() {
        let at: PublishTime = "2024-05-03T09:00:00Z".parse().unwrap();
        assert_eq!(
            body(PageUpdate::builder().title("T").published_at(at).build()),
            json!({"title": "T", "published_at": "2024-05-03T09:00:00Z"})
        );
        let Value::Object(changes) = json!({"title": "New", "tags": ["a"]}) else { unreachable!() };
        assert_eq!(Value::Object(Page::save_body(changes).unwrap()), json!({"title": "New", "tags": ["a"]}));
        let Value::Object(changes) = json!({"title": "New", "published": true, "contributors": []}) else {
            unreachable!()
        };
        let err = Page::save_body(changes).expect_err("published has its own action, contributors are read-only");
        assert!(
            matches!(err, Error::InvalidInput { field: Some(ref f), ref message } if f == "published, contributors" && message.contains("`publish`")),
            "{err:?}"
        );
    }

    #[test]
    fn list_items_decode_with_empty_detail_fields() {
        let p: Page = serde_json::from_value(json!({
            "id": "pg_2", "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-02T11:30:00Z",
            "name": "Contact", "title": "Contact", "folder": {"id": "fd_home", "name": "Home", "handle": "home"},
            "author": "au_1", "page_type": "portfolio"
        }))
        .unwrap();
        assert!(p.content.is_empty() && p.contributors.is_empty());
        assert_eq!(p.folder.id(), "fd_home");
        assert_eq!(p.author.as_ref().map(|a| a.id()), Some("au_1"));
        assert_eq!(p.page_type, PageType::Other("portfolio".into()));
        assert_eq!(p.data_source, Some(DataSource::Own));
        let out = serde_json::to_value(&p).unwrap();
        assert_eq!(out["content"], json!({}));
        assert_eq!(out["folder"], json!({"id": "fd_home", "name": "Home", "handle": "home"}));
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut p = minimal();
        p.subtitle = None;
        p.page_type = None;
        p.content = None;
        p.json_ld = None;
        p.exclude_from_sitemap = None;
        p.contributor_ids = None;
        p.reviewer_ids = None;
        p.show_author = None;
        p.data_source = None;
        p.context_builders = None;
        assert_eq!(body(p), json!({"name": "Contact", "title": "Contact", "folder": "fd_home", "tags": []}));
        let mut p = minimal();
        p.tags = None;
        assert_eq!(body(p).get("tags"), None);
    }

    #[test]
    fn multipart_create_leaves_out_what_is_none() {
        use crate::models::testing::multipart_parts as parts;
        let robots = || {
            PageCreate::builder()
                .name("Robots")
                .title("robots.txt")
                .folder("fd_home")
                .page_type(PageType::Robots)
                .data_source(DataSource::File)
                .content_file((b"User-agent: *\n".to_vec(), "robots.txt"))
                .build()
        };
        assert_eq!(
            parts(robots().into_body().unwrap()),
            [
                "name=Robots",
                "title=robots.txt",
                "subtitle=",
                "page_type=robots",
                "folder=fd_home",
                "content={}",
                "json_ld={}",
                "exclude_from_sitemap=false",
                "show_author=true",
                "data_source=file",
                "context_builders={}",
                "content_file:robots.txt:text/plain",
            ]
        );
        let mut p = robots();
        p.subtitle = None;
        p.content = None;
        p.json_ld = None;
        p.show_author = None;
        p.context_builders = None;
        assert_eq!(
            parts(p.into_body().unwrap()),
            [
                "name=Robots",
                "title=robots.txt",
                "page_type=robots",
                "folder=fd_home",
                "exclude_from_sitemap=false",
                "data_source=file",
                "content_file:robots.txt:text/plain",
            ]
        );
    }
}
