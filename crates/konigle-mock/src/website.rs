//! The website domain: content authors, folders, pages, blogs, glossary
//! terms, components, site templates, redirects and backups; the site
//! itself (shop info, settings, site documents, URL lookups and search);
//! and the design content (the stylesheet and theme-JS assets, the theme's
//! CSS and reference HTML).
//!
//! The resource specs here are entries of the resource table
//! ([`RESOURCES`](crate::resources::RESOURCES)), the action endpoints are
//! [`ACTIONS`], and [`seed`] gives a fresh store what the platform always
//! has: a site with its settings, a home folder, the stylesheet and
//! theme-JS assets and a theme.
//!
//! Pathnames are derived, not stored: a page or blog lives at its folder's
//! path plus its handle, a folder at its parent's path plus its handle (the
//! home folder is `/`). Renaming a folder therefore moves everything in it,
//! and deleting one deletes everything in it.
//! Backups snapshot the raw state of their target (or of the whole site
//! foundation) and `restore` writes that state back.

use bytes::Bytes;
use serde_json::{json, Value};

use crate::actions::{Action, Call, Reply, Verb};
use crate::resources::collections::*;
use crate::resources::{detect_mime, image_size};
use crate::store::{
    now, param, slugify, value_text, ApiError, Auth, Doc, Event, Filter, IdStyle, Input, Ops, ResourceSpec, Store,
    StoredFile, Timestamps, View, BLANK, REQUIRED,
};

/// The uid of the seeded site (the same the seeded forms connection names).
pub const SITE_UID: &str = "site_mock";
/// The domain of the seeded site; page URLs are built on it.
pub const SITE_DOMAIN: &str = "mock-store.example.com";
/// The asset code of the design-system stylesheet.
pub const STYLESHEET_CODE: &str = "ds-stylesheet";
/// The asset code of the theme JavaScript.
pub const THEME_JS_CODE: &str = "theme-js";
/// The kinds of site documents `bootstrap` knows.
pub const SITE_DOCUMENT_TYPES: &[&str] = &["northstar", "biz_info", "website_info", "design_system"];

fn s(doc: &Doc, key: &str) -> String {
    doc.get(key).and_then(value_text).unwrap_or_default()
}

fn obj(v: Value) -> Doc {
    match v {
        Value::Object(m) => m,
        _ => Doc::new(),
    }
}

fn ok(doc: Doc) -> Result<Reply, ApiError> {
    Ok(Reply::Json(200, Value::Object(doc)))
}

fn text_reply(content_type: &str, text: String) -> Result<Reply, ApiError> {
    Ok(Reply::Bytes { content_type: content_type.to_owned(), data: Bytes::from(text) })
}

fn key(call: &Call) -> &str {
    call.key.as_deref().unwrap_or_default()
}

fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(true),
            "false" | "0" | "no" | "off" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// An optional boolean input field (absent means `false`).
fn flag(input: &Input, field: &str) -> Result<bool, ApiError> {
    match input.fields.get(field) {
        None | Some(Value::Null) => Ok(false),
        Some(v) => truthy(v).ok_or_else(|| ApiError::field(field, "Must be a valid boolean.")),
    }
}

/// A required string input field (it may be empty).
fn content_field(input: &Input) -> Result<String, ApiError> {
    match input.fields.get("content") {
        None | Some(Value::Null) => Err(ApiError::field("content", REQUIRED)),
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(ApiError::field("content", "Not a valid string.")),
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

// ---------------------------------------------------------------- paths and references

fn home_folder(store: &Store) -> Option<&Doc> {
    store.docs(FOLDERS).iter().find(|d| s(d, "folder_type") == "home")
}

/// The path of a folder as a prefix of its children (`""` for the home
/// folder or an unknown one).
fn folder_prefix(store: &Store, folder: &str) -> String {
    let mut segments = Vec::new();
    let mut current = folder.to_owned();
    // The depth bound guards against parent cycles.
    for _ in 0..32 {
        let Some(doc) = store.find(FOLDERS, &current) else { break };
        if s(doc, "folder_type") == "home" {
            break;
        }
        segments.push(s(doc, "handle"));
        match doc.get("parent").and_then(value_text) {
            Some(parent) if !parent.is_empty() && parent != current => current = parent,
            _ => break,
        }
    }
    segments.iter().rev().map(|h| format!("/{h}")).collect()
}

/// The pathname of a document of a website collection.
pub fn pathname(store: &Store, collection: &str, doc: &Doc) -> String {
    let handle = s(doc, "handle");
    match collection {
        FOLDERS => match folder_prefix(store, &s(doc, "id")) {
            p if p.is_empty() => "/".to_owned(),
            p => p,
        },
        GLOSSARY_TERMS => format!("/glossary/{handle}"),
        PRODUCTS => match s(doc, "pathname") {
            p if p.is_empty() => format!("/products/{handle}"),
            p => p,
        },
        _ => format!("{}/{handle}", folder_prefix(store, &s(doc, "folder"))),
    }
}

fn set_urls(doc: &mut Doc, path: &str) {
    doc.insert("pathname".into(), json!(path));
    doc.insert("preview_url".into(), json!(format!("https://{SITE_DOMAIN}/preview{path}")));
    doc.insert("url".into(), json!(format!("https://{SITE_DOMAIN}{path}")));
}

/// `{"id", "name"}` of a referenced author (null when unset or gone).
fn author_ref(store: &Store, id: &Value) -> Value {
    let Some(id) = value_text(id).filter(|t| !t.is_empty()) else { return Value::Null };
    match store.find(AUTHORS, &id) {
        Some(author) => json!({"id": id, "name": s(author, "name")}),
        None => Value::Null,
    }
}

fn render_people(store: &Store, doc: &mut Doc, view: View) {
    let author = doc.get("author").map(|a| author_ref(store, a)).unwrap_or(Value::Null);
    doc.insert("author".into(), author);
    if view == View::Detail {
        for (ids, field) in [("contributor_ids", "contributors"), ("reviewer_ids", "reviewers")] {
            let people: Vec<Value> = match doc.get(ids) {
                Some(Value::Array(items)) => {
                    items.iter().map(|i| author_ref(store, i)).filter(|a| !a.is_null()).collect()
                }
                _ => Vec::new(),
            };
            doc.insert(field.into(), Value::Array(people));
        }
    }
}

/// `folder=none` (or `null`) selects top-level documents: no folder, or
/// the home folder; any other value a folder id (or handle).
fn in_folder(store: &Store, doc: &Doc, value: &str) -> bool {
    let folder = s(doc, "folder");
    if value.eq_ignore_ascii_case("none") || value.eq_ignore_ascii_case("null") {
        return folder.is_empty() || store.find(FOLDERS, &folder).is_some_and(|f| s(f, "folder_type") == "home");
    }
    folder == value || store.find(FOLDERS, &folder).is_some_and(|f| s(f, "handle") == value)
}

/// A handle no other document of the collection has within the same scope
/// (folder or parent), based on `text`.
fn free_handle(store: &Store, collection: &str, doc: &Doc, scope: Option<&str>, text: &str, fallback: &str) -> String {
    let base = match slugify(text) {
        b if b.is_empty() => fallback.to_owned(),
        b => b,
    };
    let taken = |candidate: &str| handle_taken(store, collection, doc, scope, candidate);
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken(c)).unwrap_or(base)
}

fn handle_taken(store: &Store, collection: &str, doc: &Doc, scope: Option<&str>, handle: &str) -> bool {
    let id = s(doc, "id");
    store.docs(collection).iter().any(|other| {
        s(other, "id") != id
            && s(other, "handle").eq_ignore_ascii_case(handle)
            && scope.is_none_or(|field| s(other, field) == s(doc, field))
    })
}

/// Fills in a missing handle and refuses one taken in the same scope.
fn check_handle(
    store: &Store,
    collection: &str,
    doc: &mut Doc,
    scope: Option<&str>,
    verbose: &str,
) -> Result<(), ApiError> {
    if s(doc, "handle").is_empty() {
        let name = match s(doc, "name") {
            n if n.is_empty() => s(doc, "title"),
            n => n,
        };
        let handle = free_handle(store, collection, doc, scope, &name, verbose);
        doc.insert("handle".into(), json!(handle));
        return Ok(());
    }
    if handle_taken(store, collection, doc, scope, &s(doc, "handle")) {
        let place = if scope.is_some() { " in this folder" } else { "" };
        return Err(ApiError::field("handle", format!("{verbose} with this handle already exists{place}.")));
    }
    Ok(())
}

fn store_file(store: &mut Store, key: &str, file: &crate::store::UploadedFile) -> (String, String) {
    let mime = detect_mime(file);
    let url = store.put_file(
        key,
        StoredFile { filename: file.filename.clone(), content_type: mime.clone(), data: file.data.clone() },
    );
    (url, mime)
}

fn seo_meta() -> Value {
    json!({"title": null, "description": "", "keywords": null, "og_title": null, "og_description": null,
           "og_image": null})
}

// ---------------------------------------------------------------- authors

fn author_schema() -> Value {
    json!({"name": "", "handle": "", "tagline": "", "bio": "", "email": "",
           "social_links": {"website": null, "twitter": null, "facebook": null, "linkedin": null},
           "avatar": null, "avatar_width": null, "avatar_height": null})
}

fn author_write(store: &mut Store, doc: &mut Doc, input: &Input, _: Event) -> Result<(), ApiError> {
    check_handle(store, AUTHORS, doc, None, "author")?;
    // Social links keep every network, whatever subset was sent.
    let mut links = obj(json!({"website": null, "twitter": null, "facebook": null, "linkedin": null}));
    if let Some(Value::Object(given)) = doc.get("social_links") {
        links.extend(given.clone());
    }
    doc.insert("social_links".into(), Value::Object(links));
    if let Some(file) = input.file(Some("avatar")) {
        let (url, _) = store_file(store, &s(doc, "id"), file);
        let size = image_size(&file.data);
        doc.insert("avatar".into(), json!(url));
        doc.insert("avatar_width".into(), size.map_or(Value::Null, |(w, _)| json!(w)));
        doc.insert("avatar_height".into(), size.map_or(Value::Null, |(_, h)| json!(h)));
    }
    Ok(())
}

/// Content authors (`/admin/api/content-authors`); the avatar arrives as a
/// multipart file.
pub const AUTHOR_SPEC: ResourceSpec = ResourceSpec {
    name: AUTHORS,
    verbose: "author",
    path: "/admin/api/content-authors",
    id_style: IdStyle::Prefixed("au_"),
    required: &["name"],
    read_only: &["avatar", "avatar_width", "avatar_height"],
    emails: &["email"],
    filters: &[
        ("q", Filter::Search(&["name", "handle", "email", "tagline"])),
        ("handle", Filter::Eq("handle")),
        ("ordering", Filter::Ordering),
    ],
    timestamps: Timestamps::None,
    schema: author_schema,
    on_write: Some(author_write),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- folders

fn folder_schema() -> Value {
    json!({"name": "", "handle": "", "folder_type": "pages", "parent": null, "seo_meta": seo_meta(), "json_ld": {},
           "template": null, "exclude_from_sitemap": false, "tags": [], "language": "en", "country_code": "US",
           "canonical_page": null, "context_builders": {}, "published": true, "managed": false, "version": "a",
           "is_original_version": true, "is_default_version": true, "pathname": "", "preview_url": "",
           "url": ""})
}

fn folder_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    let is_home = s(doc, "folder_type") == "home";
    if is_home && home_folder(store).is_some_and(|h| s(h, "id") != s(doc, "id")) {
        return Err(ApiError::field("folder_type", "The site already has a home folder."));
    }
    if event == Event::Create && !is_home && s(doc, "parent").is_empty() {
        if let Some(home) = home_folder(store) {
            doc.insert("parent".into(), json!(s(home, "id")));
        }
    }
    if !s(doc, "parent").is_empty() && s(doc, "parent") == s(doc, "id") {
        return Err(ApiError::field("parent", "A folder cannot be its own parent."));
    }
    check_handle(store, FOLDERS, doc, Some("parent"), "folder")
}

/// Deleting a folder deletes what it holds: its folders (and so on down),
/// pages and blogs.
fn folder_deleted(store: &mut Store, doc: &Doc) {
    let id = s(doc, "id");
    for (collection, field) in [(FOLDERS, "parent"), (PAGES, "folder"), (BLOGS, "folder")] {
        let children: Vec<String> =
            store.docs(collection).iter().filter(|d| s(d, field) == id).map(|d| s(d, "id")).collect();
        for child in children {
            // A child already gone (deleted further down) is fine.
            let _ = store.delete(collection, &child);
        }
    }
}

fn folder_render(store: &Store, doc: &mut Doc, _: View) {
    let path = pathname(store, FOLDERS, doc);
    set_urls(doc, &path);
}

/// Content folders (`/admin/api/content-folders`); `folder_type=home`
/// finds the home folder.
pub const FOLDER_SPEC: ResourceSpec = ResourceSpec {
    name: FOLDERS,
    verbose: "folder",
    path: "/admin/api/content-folders",
    id_style: IdStyle::Prefixed("fd_"),
    required: &["name"],
    read_only: &[
        "published",
        "managed",
        "version",
        "is_original_version",
        "is_default_version",
        "pathname",
        "preview_url",
        "url",
    ],
    choices: &[("folder_type", &["pages", "blog", "glossary", "collection", "home", "others", "custom"])],
    references: &[("parent", FOLDERS), ("template", SITE_TEMPLATES)],
    filters: &[
        ("q", Filter::Search(&["name", "handle"])),
        ("folder_type", Filter::Eq("folder_type")),
        ("parent", Filter::Eq("parent")),
        ("is_original_version", Filter::Eq("is_original_version")),
        ("published", Filter::Eq("published")),
        ("handle", Filter::Eq("handle")),
        ("ordering", Filter::Ordering),
    ],
    timestamps: Timestamps::None,
    schema: folder_schema,
    on_write: Some(folder_write),
    on_delete: Some(folder_deleted),
    render: Some(folder_render),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- pages

fn page_schema() -> Value {
    json!({"name": "", "handle": "", "title": "", "subtitle": "", "page_type": "general", "folder": null,
           "content": {}, "seo_meta": seo_meta(), "json_ld": {}, "exclude_from_sitemap": false, "author": null,
           "contributor_ids": [], "reviewer_ids": [], "show_author": true, "tags": [], "template": null,
           "data_source": "self", "content_file_mime_type": null, "context_builders": {}, "published": false,
           "published_at": null, "pathname": "", "preview_url": "", "url": "", "content_file": null})
}

fn page_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create && s(doc, "folder").is_empty() {
        if let Some(home) = home_folder(store) {
            doc.insert("folder".into(), json!(s(home, "id")));
        }
    }
    check_handle(store, PAGES, doc, Some("folder"), "page")?;
    if let Some(file) = input.file(Some("content_file")) {
        let (url, mime) = store_file(store, &s(doc, "id"), file);
        doc.insert("content_file".into(), json!(url));
        if doc.get("content_file_mime_type").is_none_or(Value::is_null) {
            doc.insert("content_file_mime_type".into(), json!(mime));
        }
    }
    Ok(())
}

fn page_render(store: &Store, doc: &mut Doc, view: View) {
    let path = pathname(store, PAGES, doc);
    set_urls(doc, &path);
    render_people(store, doc, view);
}

/// Pages (`/admin/api/pages`); a content file arrives as multipart.
pub const PAGE_SPEC: ResourceSpec = ResourceSpec {
    name: PAGES,
    verbose: "page",
    path: "/admin/api/pages",
    id_style: IdStyle::Prefixed("pg_"),
    required: &["name", "title"],
    read_only: &["published", "published_at", "pathname", "preview_url", "url", "content_file"],
    choices: &[
        (
            "page_type",
            &[
                "terms",
                "about",
                "privacy",
                "faq",
                "contact",
                "robots",
                "favicon",
                "general",
                "landing",
                "carousel",
                "site_verification",
            ],
        ),
        ("data_source", &["data_table", "self", "file"]),
    ],
    references: &[("folder", FOLDERS), ("author", AUTHORS), ("template", SITE_TEMPLATES)],
    filters: &[
        ("q", Filter::Search(&["name", "title", "handle"])),
        ("page_type", Filter::Eq("page_type")),
        ("folder", Filter::Custom(in_folder)),
        ("published", Filter::Eq("published")),
        ("handle", Filter::Eq("handle")),
        ("tags", Filter::Tags("tags")),
        ("ordering", Filter::Ordering),
    ],
    detail_only: &["content"],
    schema: page_schema,
    on_write: Some(page_write),
    render: Some(page_render),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- blogs

fn blog_schema() -> Value {
    json!({"name": "", "handle": "", "title": "", "subtitle": "", "summary": "", "content": {},
           "seo_meta": seo_meta(), "json_ld": {}, "exclude_from_sitemap": false, "folder": null, "author": null,
           "show_author": true, "contributor_ids": [], "reviewer_ids": [], "tags": [], "template": null,
           "published": false, "published_at": null, "pathname": "", "preview_url": "", "url": ""})
}

fn blog_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create && s(doc, "folder").is_empty() {
        let blog_folder = store.docs(FOLDERS).iter().find(|f| s(f, "folder_type") == "blog").or(home_folder(store));
        if let Some(folder) = blog_folder.map(|f| s(f, "id")) {
            doc.insert("folder".into(), json!(folder));
        }
    }
    check_handle(store, BLOGS, doc, Some("folder"), "blog")
}

fn blog_render(store: &Store, doc: &mut Doc, view: View) {
    let path = pathname(store, BLOGS, doc);
    set_urls(doc, &path);
    let folder = match store.find(FOLDERS, &s(doc, "folder")) {
        Some(f) => json!({"id": s(f, "id"), "name": s(f, "name"), "handle": s(f, "handle")}),
        None => Value::Null,
    };
    doc.insert("folder".into(), folder);
    render_people(store, doc, view);
}

/// Blog posts (`/admin/api/blogs`); the folder is answered as
/// `{"id", "name", "handle"}`.
pub const BLOG_SPEC: ResourceSpec = ResourceSpec {
    name: BLOGS,
    verbose: "blog",
    path: "/admin/api/blogs",
    id_style: IdStyle::Prefixed("bl_"),
    required: &["name", "title"],
    read_only: &["published", "published_at", "pathname", "preview_url", "url"],
    references: &[("folder", FOLDERS), ("author", AUTHORS), ("template", SITE_TEMPLATES)],
    filters: &[
        ("q", Filter::Search(&["name", "title", "handle", "summary"])),
        ("folder", Filter::Custom(in_folder)),
        ("published", Filter::Eq("published")),
        ("handle", Filter::Eq("handle")),
        ("tags", Filter::Tags("tags")),
        ("ordering", Filter::Ordering),
    ],
    detail_only: &["content"],
    schema: blog_schema,
    on_write: Some(blog_write),
    render: Some(blog_render),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- glossary terms

fn glossary_schema() -> Value {
    json!({"name": "", "handle": "", "title": "", "subtitle": "", "summary": "", "content": {},
           "seo_meta": seo_meta(), "json_ld": {}, "exclude_from_sitemap": false, "author": null,
           "show_author": true, "contributor_ids": [], "reviewer_ids": [], "published": false,
           "published_at": null})
}

fn glossary_write(store: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    check_handle(store, GLOSSARY_TERMS, doc, None, "glossary term")
}

fn glossary_render(store: &Store, doc: &mut Doc, view: View) {
    render_people(store, doc, view);
}

/// Glossary terms (`/admin/api/glossary-terms`), served under `/glossary/`.
pub const GLOSSARY_TERM_SPEC: ResourceSpec = ResourceSpec {
    name: GLOSSARY_TERMS,
    verbose: "glossary term",
    path: "/admin/api/glossary-terms",
    id_style: IdStyle::Prefixed("gt_"),
    required: &["name", "title"],
    read_only: &["published", "published_at"],
    references: &[("author", AUTHORS)],
    filters: &[
        ("q", Filter::Search(&["name", "title", "handle"])),
        ("published", Filter::Eq("published")),
        ("handle", Filter::Eq("handle")),
        ("ordering", Filter::Ordering),
    ],
    detail_only: &["content"],
    schema: glossary_schema,
    on_write: Some(glossary_write),
    render: Some(glossary_render),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- components

fn component_schema() -> Value {
    json!({"name": "", "description": "", "version": "1.0.0", "template_html": "", "type": "fluid", "context": {},
           "thumbnail": null, "thumbnail_width": null, "thumbnail_height": null})
}

/// Page components (`/admin/api/components`).
pub const COMPONENT_SPEC: ResourceSpec = ResourceSpec {
    name: COMPONENTS,
    verbose: "component",
    path: "/admin/api/components",
    id_style: IdStyle::Prefixed("cm_"),
    required: &["name"],
    read_only: &["thumbnail", "thumbnail_width", "thumbnail_height"],
    choices: &[("type", &["fluid", "dynamic", "widget"])],
    filters: &[
        ("q", Filter::Search(&["name", "description"])),
        ("type", Filter::Tags("type")),
        ("ordering", Filter::Ordering),
    ],
    detail_only: &["template_html"],
    schema: component_schema,
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- site templates

fn empty_section() -> Value {
    json!({"blocks": {}, "order": []})
}

fn template_schema() -> Value {
    json!({"name": "", "handle": "", "layout": null, "is_base": false, "base": null,
           "head_snippets": {"snippets": []}, "body_end_snippets": {"snippets": []},
           "included_component_ids": []})
}

/// The ids of the components a layout's sections use, in order, once each.
fn included_components(layout: &Value) -> Vec<Value> {
    let mut ids: Vec<Value> = Vec::new();
    for section in ["header", "main", "footer"] {
        if let Some(Value::Object(blocks)) = layout.get(section).and_then(|s| s.get("blocks")) {
            for block in blocks.values() {
                if let Some(id) = block.get("component_id").filter(|v| !v.is_null()) {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
        }
    }
    ids
}

fn template_write(store: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    check_handle(store, SITE_TEMPLATES, doc, None, "template")?;
    let id = s(doc, "id");
    let mut layout = match doc.get("layout") {
        Some(Value::Object(l)) => l.clone(),
        _ => obj(json!({"version": "2", "header": empty_section(), "main": empty_section(),
                        "footer": empty_section(), "css_assets": [], "js_assets": []})),
    };
    layout.insert("template_id".into(), json!(id));
    let layout = Value::Object(layout);
    doc.insert("included_component_ids".into(), Value::Array(included_components(&layout)));
    doc.insert("layout".into(), layout);
    if s(doc, "base") == id && !id.is_empty() {
        return Err(ApiError::field("base", "A template cannot be its own base."));
    }
    Ok(())
}

/// Site templates (`/admin/api/site-templates`).
pub const SITE_TEMPLATE_SPEC: ResourceSpec = ResourceSpec {
    name: SITE_TEMPLATES,
    verbose: "template",
    path: "/admin/api/site-templates",
    id_style: IdStyle::Prefixed("tp_"),
    required: &["name"],
    read_only: &["included_component_ids"],
    references: &[("base", SITE_TEMPLATES)],
    filters: &[
        ("q", Filter::Search(&["name", "handle"])),
        ("handle", Filter::Eq("handle")),
        ("is_base", Filter::Eq("is_base")),
        ("base", Filter::Eq("base")),
        ("ordering", Filter::Ordering),
    ],
    detail_only: &["layout", "included_component_ids"],
    schema: template_schema,
    on_write: Some(template_write),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- redirects

fn redirect_schema() -> Value {
    json!({"path": "", "target": "", "permanent": true})
}

fn redirect_write(_: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    let path = s(doc, "path");
    let target = s(doc, "target");
    if !path.starts_with('/') || path.contains(char::is_whitespace) {
        return Err(ApiError::field("path", "Enter a path starting with /."));
    }
    let absolute = target.starts_with("http://") || target.starts_with("https://");
    if !(target.starts_with('/') || absolute) || target.contains(char::is_whitespace) {
        return Err(ApiError::field("target", "Enter a path starting with / or an http(s) URL."));
    }
    if path == target {
        return Err(ApiError::field("target", "A redirect cannot point at its own path."));
    }
    Ok(())
}

/// URL redirects (`/admin/api/redirects`); `change-handle` with
/// `redirect: true` adds one.
pub const REDIRECT_SPEC: ResourceSpec = ResourceSpec {
    name: REDIRECTS,
    verbose: "redirect",
    path: "/admin/api/redirects",
    id_style: IdStyle::Prefixed("rd_"),
    required: &["path", "target"],
    unique: &["path"],
    filters: &[
        ("q", Filter::Search(&["path", "target"])),
        ("path", Filter::Eq("path")),
        ("target", Filter::Eq("target")),
        ("ordering", Filter::Ordering),
    ],
    timestamps: Timestamps::None,
    schema: redirect_schema,
    on_write: Some(redirect_write),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- backups

/// The collection a backup type snapshots (`None` for `site_foundation`).
fn backup_collection(backup_type: &str) -> Option<&'static str> {
    match backup_type {
        "page" => Some(PAGES),
        "folder" => Some(FOLDERS),
        "blog" => Some(BLOGS),
        "product" => Some(PRODUCTS),
        "site_template" => Some(SITE_TEMPLATES),
        _ => None,
    }
}

/// The collections whose whole state a `site_foundation` backup keeps.
const FOUNDATION: &[&str] = &[SITES, SITE_SETTINGS, SITE_DOCUMENTS, THEMES, DESIGN_ASSETS];

fn backup_schema() -> Value {
    json!({"kind": "durable", "site": "", "backup_type": "page", "target_id": null, "target_description": "",
           "description": "", "file_size_bytes": null, "status": "completed", "trigger": "manual",
           "error_message": "", "metadata": {}})
}

fn backup_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Update {
        // What a backup holds is fixed at creation.
        for field in ["backup_type", "target_id", "trigger"] {
            if let Some(v) = doc.get("_origin").and_then(|o| o.get(field)).cloned() {
                doc.insert(field.into(), v);
            }
        }
        return Ok(());
    }
    let backup_type = s(doc, "backup_type");
    let mut entries = Vec::new();
    match backup_collection(&backup_type) {
        Some(collection) => {
            let target = s(doc, "target_id");
            if target.is_empty() {
                return Err(ApiError::field("target_id", format!("A {backup_type} backup needs a target.")));
            }
            let spec = store.spec(collection)?;
            let found = store.find(collection, &target).ok_or_else(|| {
                ApiError::field("target_id", format!("Invalid pk \"{target}\" - object does not exist."))
            })?;
            let path =
                if collection == SITE_TEMPLATES { s(found, "handle") } else { pathname(store, collection, found) };
            let version = match s(found, "version") {
                v if v.is_empty() => "a".to_owned(),
                v => v,
            };
            doc.insert("target_id".into(), json!(Store::id_of(spec, found).unwrap_or(target)));
            doc.insert("target_description".into(), json!(path));
            doc.insert("metadata".into(), json!({"pathname": path, "version": version}));
            entries.push(json!({"collection": collection, "doc": found}));
        }
        None => {
            doc.insert("target_id".into(), Value::Null);
            doc.insert("target_description".into(), json!("Site foundation"));
            for collection in FOUNDATION {
                entries.extend(store.docs(collection).iter().map(|d| json!({"collection": collection, "doc": d})));
            }
            doc.insert("_whole".into(), json!(FOUNDATION));
        }
    }
    let snapshot = Value::Array(entries);
    let kind = if matches!(s(doc, "trigger").as_str(), "manual" | "scheduled") { "durable" } else { "transient" };
    doc.insert("kind".into(), json!(kind));
    doc.insert("site".into(), json!(SITE_UID));
    doc.insert("file_size_bytes".into(), json!(snapshot.to_string().len()));
    doc.insert("status".into(), json!("completed"));
    let origin = json!({"backup_type": doc.get("backup_type"), "target_id": doc.get("target_id"),
                        "trigger": doc.get("trigger")});
    doc.insert("_origin".into(), origin);
    doc.insert("_snapshot".into(), snapshot);
    Ok(())
}

/// Backups (`/backup/api/v1/backups`): a snapshot of a page, folder, blog,
/// product or site template, or of the site foundation (shop info,
/// settings, site documents, theme and design assets).
pub const BACKUP_SPEC: ResourceSpec = ResourceSpec {
    name: BACKUPS,
    verbose: "backup",
    path: "/backup/api/v1/backups",
    id_style: IdStyle::Prefixed("bk_"),
    required: &["backup_type"],
    read_only: &["kind", "site", "target_description", "file_size_bytes", "status", "error_message", "metadata"],
    choices: &[
        ("backup_type", &["page", "folder", "blog", "product", "site_template", "site_foundation"]),
        ("trigger", &["manual", "auto_pre_edit", "auto_pre_publish", "scheduled", "auto"]),
    ],
    filters: &[
        ("kind", Filter::Eq("kind")),
        ("backup_type", Filter::Eq("backup_type")),
        ("target_id", Filter::Eq("target_id")),
        ("status", Filter::Eq("status")),
        ("ordering", Filter::Ordering),
    ],
    timestamps: Timestamps::CreatedOnly,
    schema: backup_schema,
    on_write: Some(backup_write),
    ..ResourceSpec::BASE
};

// ---------------------------------------------------------------- the site

fn site_schema() -> Value {
    json!({"name": "", "domain": "", "konigle_domain": "", "password_enabled": false, "address1": null,
           "address2": null, "city": null, "country": null, "province": null, "phone": null, "email": null,
           "currency": "USD", "asset_bucket": "", "asset_domain": ""})
}

/// The site (`GET /admin/api/shops/info`, `PATCH /admin/api/shops/<uid>`).
pub const SITE_SPEC: ResourceSpec = ResourceSpec {
    name: SITES,
    verbose: "site",
    path: "/admin/api/shops",
    id_field: "uid",
    lookup_field: "uid",
    id_style: IdStyle::Prefixed("site_"),
    ops: Ops { get: true, update: true, ..Ops::NONE },
    required: &["name"],
    read_only: &["domain", "konigle_domain", "asset_bucket", "asset_domain"],
    timestamps: Timestamps::None,
    schema: site_schema,
    ..ResourceSpec::BASE
};

fn settings_schema() -> Value {
    json!({"settings": {}})
}

/// The settings of each site (`/admin/api/site-settings/<site uid>`, GET
/// and PUT), kept as `{"site", "settings"}`.
pub const SITE_SETTINGS_SPEC: ResourceSpec = ResourceSpec {
    name: SITE_SETTINGS,
    verbose: "site settings",
    id_field: "site",
    lookup_field: "site",
    id_style: IdStyle::Prefixed("site_"),
    ops: Ops::NONE,
    timestamps: Timestamps::None,
    schema: settings_schema,
    ..ResourceSpec::BASE
};

fn site_document_schema() -> Value {
    json!({"type": "", "content": ""})
}

fn site_document_render(_: &Store, doc: &mut Doc, _: View) {
    doc.shift_remove("created_at");
}

/// Site documents (northstar, business info, website info, design
/// system): `bootstrap` finds or creates one by type, then GET/PATCH.
pub const SITE_DOCUMENT_SPEC: ResourceSpec = ResourceSpec {
    name: SITE_DOCUMENTS,
    verbose: "site document",
    path: "/admin/api/site-documents",
    id_style: IdStyle::Prefixed("doc_"),
    ops: Ops { get: true, update: true, ..Ops::NONE },
    read_only: &["type"],
    schema: site_document_schema,
    render: Some(site_document_render),
    ..ResourceSpec::BASE
};

fn design_asset_schema() -> Value {
    json!({"code": "", "name": "", "file": ""})
}

/// The design assets `storefront-assets/bootstrap` looks up by code (the
/// stylesheet and the theme JS); their text is kept in `_content`.
pub const DESIGN_ASSET_SPEC: ResourceSpec = ResourceSpec {
    name: DESIGN_ASSETS,
    verbose: "design asset",
    id_style: IdStyle::Prefixed("as_"),
    ops: Ops::NONE,
    timestamps: Timestamps::None,
    schema: design_asset_schema,
    ..ResourceSpec::BASE
};

fn theme_schema() -> Value {
    json!({"name": "", "css": "", "reference_html": ""})
}

/// The site theme: its CSS and the reference HTML page showing its styles.
pub const THEME_SPEC: ResourceSpec = ResourceSpec {
    name: THEMES,
    verbose: "theme",
    id_style: IdStyle::Prefixed("th_"),
    ops: Ops::NONE,
    schema: theme_schema,
    ..ResourceSpec::BASE
};

/// Seeds what a site always has: the site and its settings, the home
/// folder, the stylesheet and theme-JS assets, and a theme.
pub fn seed(store: &mut Store) {
    let base = store.base_url().to_owned();
    let mut site = obj(site_schema());
    site.extend(obj(json!({"uid": SITE_UID, "name": "Mock Store", "domain": SITE_DOMAIN,
                           "konigle_domain": "mock-store.konigle.net", "email": "hello@mock-store.example.com",
                           "country": "US", "asset_bucket": "mock-store-assets",
                           "asset_domain": "cdn.mock-store.example.com"})));
    let _ = store.insert_raw(SITES, site);
    let settings = json!({"seo": {"title_suffix": " | Mock Store", "noindex": false}, "social": {},
                          "language": "en"});
    let _ = store.insert_raw(SITE_SETTINGS, obj(json!({"site": SITE_UID, "settings": settings})));
    let mut home = Doc::new();
    home.insert("id".into(), json!("fd_home"));
    home.extend(obj(folder_schema()));
    home.extend(obj(json!({"name": "Home", "handle": "home", "folder_type": "home", "managed": true})));
    let _ = store.insert_raw(FOLDERS, home);
    for (id, code, mime, content) in [
        ("as_css", STYLESHEET_CODE, "text/css", ":root {\n  --primary: #0a7;\n}\n"),
        ("as_js", THEME_JS_CODE, "application/javascript", ""),
    ] {
        let file = format!("{base}/admin/api/storefront-assets/{id}/get-file-content");
        let _ = store.insert_raw(
            DESIGN_ASSETS,
            obj(json!({"id": id, "code": code, "name": code, "file": file, "_mime": mime, "_content": content})),
        );
    }
    let reference = "<html><body><h1>Heading</h1><p>Paragraph</p><a class=\"btn\">Button</a></body></html>";
    let _ = store.insert_raw(
        THEMES,
        obj(json!({"name": "Default", "css": ":root {\n  --bg: #fff;\n}\n", "reference_html": reference})),
    );
}

// ---------------------------------------------------------------- actions

const fn action(verb: Verb, path: &'static str, run: crate::actions::Run) -> Action {
    Action { verb, path, auth: Auth::ApiKey, run }
}

/// Defines a handler that runs `$target` on one collection.
macro_rules! bound {
    ($name:ident, $target:ident, $($arg:expr),+) => {
        fn $name(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
            $target(store, call, $($arg),+)
        }
    };
}

bound!(page_publish, set_published, PAGES, true);
bound!(page_unpublish, set_published, PAGES, false);
bound!(page_change_handle, change_handle, PAGES);
bound!(page_crawler_view, crawler_view, PAGES);
bound!(blog_publish, set_published, BLOGS, true);
bound!(blog_unpublish, set_published, BLOGS, false);
bound!(blog_change_handle, change_handle, BLOGS);
bound!(blog_crawler_view, crawler_view, BLOGS);
bound!(folder_publish, set_published, FOLDERS, true);
bound!(folder_unpublish, set_published, FOLDERS, false);
bound!(folder_change_handle, change_handle, FOLDERS);
bound!(folder_crawler_view, crawler_view, FOLDERS);
bound!(glossary_publish, set_published, GLOSSARY_TERMS, true);
bound!(glossary_unpublish, set_published, GLOSSARY_TERMS, false);
bound!(glossary_change_handle, change_handle, GLOSSARY_TERMS);
bound!(glossary_crawler_view, crawler_view, GLOSSARY_TERMS);
bound!(get_css, theme_get, "css");
bound!(get_reference_html, theme_get, "reference_html");
bound!(set_css, theme_set, "css");
bound!(set_reference_html, theme_set, "reference_html");

/// Every website action endpoint.
pub static ACTIONS: &[Action] = &[
    action(Verb::Post, "/admin/api/pages/{id}/publish", page_publish),
    action(Verb::Post, "/admin/api/pages/{id}/unpublish", page_unpublish),
    action(Verb::Post, "/admin/api/pages/{id}/change-handle", page_change_handle),
    action(Verb::Get, "/admin/api/pages/{id}/crawler-view", page_crawler_view),
    action(Verb::Post, "/admin/api/pages/add-url", add_url),
    action(Verb::Get, "/admin/api/pages/get-url", get_url),
    action(Verb::Post, "/admin/api/blogs/{id}/publish", blog_publish),
    action(Verb::Post, "/admin/api/blogs/{id}/unpublish", blog_unpublish),
    action(Verb::Post, "/admin/api/blogs/{id}/change-handle", blog_change_handle),
    action(Verb::Get, "/admin/api/blogs/{id}/crawler-view", blog_crawler_view),
    action(Verb::Post, "/admin/api/content-folders/{id}/publish", folder_publish),
    action(Verb::Post, "/admin/api/content-folders/{id}/unpublish", folder_unpublish),
    action(Verb::Post, "/admin/api/content-folders/{id}/change-handle", folder_change_handle),
    action(Verb::Get, "/admin/api/content-folders/{id}/crawler-view", folder_crawler_view),
    action(Verb::Post, "/admin/api/glossary-terms/{id}/publish", glossary_publish),
    action(Verb::Post, "/admin/api/glossary-terms/{id}/unpublish", glossary_unpublish),
    action(Verb::Post, "/admin/api/glossary-terms/{id}/change-handle", glossary_change_handle),
    action(Verb::Get, "/admin/api/glossary-terms/{id}/crawler-view", glossary_crawler_view),
    action(Verb::Post, "/admin/api/site-templates/{id}/upgrade-to-single-component-template", upgrade_template),
    action(Verb::Post, "/backup/api/v1/backups/{id}/restore", restore_backup),
    action(Verb::Post, "/admin/api/storefront-assets/bootstrap", asset_bootstrap),
    action(Verb::Get, "/admin/api/storefront-assets/{id}/get-file-content", get_file_content),
    action(Verb::Patch, "/admin/api/storefront-assets/{id}/save-file-content", save_file_content),
    action(Verb::Get, "/themes/api/v1/site-themes/get-css", get_css),
    action(Verb::Post, "/themes/api/v1/site-themes/set-css", set_css),
    action(Verb::Get, "/themes/api/v1/site-themes/reference-html", get_reference_html),
    action(Verb::Post, "/themes/api/v1/site-themes/set-reference-html", set_reference_html),
    action(Verb::Get, "/admin/api/shops/info", site_info),
    action(Verb::Get, "/admin/api/site-settings/{id}", get_settings),
    action(Verb::Put, "/admin/api/site-settings/{id}", put_settings),
    action(Verb::Post, "/admin/api/site-documents/bootstrap", document_bootstrap),
    action(Verb::Get, "/services/site-tree/api/v1/site-tree/search", search_urls),
];

// ---------------------------------------------------------------- publishing and handles

fn set_published(store: &mut Store, call: &Call, collection: &str, published: bool) -> Result<Reply, ApiError> {
    let doc = store.find(collection, key(call)).ok_or_else(ApiError::not_found)?;
    let was_published = doc.get("published") == Some(&json!(true));
    let stamp = now();
    ok(store.modify(collection, key(call), |d| {
        d.insert("published".into(), json!(published));
        if d.contains_key("published_at") && published != was_published {
            d.insert("published_at".into(), if published { json!(stamp) } else { Value::Null });
        }
    })?)
}

fn change_handle(store: &mut Store, call: &Call, collection: &str) -> Result<Reply, ApiError> {
    let doc = store.find(collection, key(call)).ok_or_else(ApiError::not_found)?.clone();
    let given = match call.input.fields.get("handle") {
        None | Some(Value::Null) => return Err(ApiError::field("handle", REQUIRED)),
        Some(v) => value_text(v).unwrap_or_default(),
    };
    let handle = slugify(&given);
    if handle.is_empty() {
        return Err(ApiError::field("handle", BLANK));
    }
    if s(&doc, "folder_type") == "home" {
        return Err(ApiError::bad_request("The home folder's handle cannot be changed."));
    }
    let redirect = flag(&call.input, "redirect")?;
    let old = pathname(store, collection, &doc);
    let updated = store.update(collection, key(call), Input::json(obj(json!({"handle": handle}))))?;
    let new = store.find(collection, key(call)).map(|d| pathname(store, collection, d)).unwrap_or_default();
    if redirect && old != new {
        add_redirect(store, &old, &new)?;
    }
    ok(updated)
}

/// Adds (or repoints) the redirect `from` -> `to`; earlier redirects to
/// `from` now go to `to` directly, and a redirect away from `to` (which
/// would loop) is removed.
pub fn add_redirect(store: &mut Store, from: &str, to: &str) -> Result<(), ApiError> {
    store.delete_where(REDIRECTS, |d| s(d, "path") == to);
    let chained: Vec<String> =
        store.docs(REDIRECTS).iter().filter(|d| s(d, "target") == from).map(|d| s(d, "id")).collect();
    for id in chained {
        store.modify(REDIRECTS, &id, |d| {
            d.insert("target".into(), json!(to));
        })?;
    }
    match store.find_by(REDIRECTS, "path", from).map(|d| s(d, "id")) {
        Some(id) => {
            store.modify(REDIRECTS, &id, |d| {
                d.insert("target".into(), json!(to));
                d.insert("permanent".into(), json!(true));
            })?;
        }
        None => {
            store.create(REDIRECTS, Input::json(obj(json!({"path": from, "target": to, "permanent": true}))))?;
        }
    }
    Ok(())
}

fn block_html(block: &Value) -> String {
    let data = block.get("data").cloned().unwrap_or(Value::Null);
    let text = data.get("text").and_then(Value::as_str).unwrap_or_default();
    match block.get("type").and_then(Value::as_str).unwrap_or_default() {
        "header" | "heading" => {
            let level = data.get("level").and_then(Value::as_u64).unwrap_or(2).clamp(1, 6);
            format!("<h{level}>{text}</h{level}>")
        }
        "list" => {
            let tag = if data.get("style").and_then(Value::as_str) == Some("ordered") { "ol" } else { "ul" };
            let items: String = match data.get("items") {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|i| {
                        let t = i
                            .as_str()
                            .map(str::to_owned)
                            .or_else(|| i.get("content").and_then(Value::as_str).map(str::to_owned));
                        format!("<li>{}</li>", t.unwrap_or_default())
                    })
                    .collect(),
                _ => String::new(),
            };
            format!("<{tag}>{items}</{tag}>")
        }
        _ if !text.is_empty() => format!("<p>{text}</p>"),
        _ => String::new(),
    }
}

/// The page a crawler sees: the title, the content blocks as HTML and, for
/// a folder, links to what it holds.
fn crawler_view(store: &mut Store, call: &Call, collection: &str) -> Result<Reply, ApiError> {
    let doc = store.find(collection, key(call)).ok_or_else(ApiError::not_found)?;
    let title =
        [doc.get("seo_meta").and_then(|m| m.get("title")).and_then(value_text), doc.get("title").and_then(value_text)]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .unwrap_or_else(|| s(doc, "name"));
    let title = escape_html(&title);
    let mut body = String::new();
    if let Some(Value::Array(blocks)) = doc.get("content").and_then(|c| c.get("blocks")) {
        body.extend(blocks.iter().map(block_html));
    }
    if collection == FOLDERS {
        let id = s(doc, "id");
        let mut links = String::new();
        for (coll, field) in [(FOLDERS, "parent"), (PAGES, "folder"), (BLOGS, "folder")] {
            for child in store.docs(coll).iter().filter(|d| s(d, field) == id && s(d, "id") != id) {
                let label = match s(child, "title") {
                    t if t.is_empty() => s(child, "name"),
                    t => t,
                };
                let href = pathname(store, coll, child);
                links.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape_html(&href), escape_html(&label)));
            }
        }
        if !links.is_empty() {
            body.push_str(&format!("<ul>{links}</ul>"));
        }
    }
    text_reply(
        "text/html; charset=utf-8",
        format!("<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"),
    )
}

fn upgrade_template(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    store.find(SITE_TEMPLATES, key(call)).ok_or_else(ApiError::not_found)?;
    ok(store.modify(SITE_TEMPLATES, key(call), |d| {
        if let Some(Value::Object(layout)) = d.get_mut("layout") {
            layout.insert("header".into(), Value::Null);
            layout.insert("footer".into(), Value::Null);
        }
        let included = d.get("layout").map(included_components).unwrap_or_default();
        d.insert("included_component_ids".into(), Value::Array(included));
    })?)
}

fn restore_backup(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let backup = store.find(BACKUPS, key(call)).ok_or_else(ApiError::not_found)?.clone();
    if s(&backup, "status") != "completed" {
        return Err(ApiError::bad_request("Only a completed backup can be restored."));
    }
    let entries = match backup.get("_snapshot") {
        Some(Value::Array(entries)) => entries.clone(),
        _ => Vec::new(),
    };
    // Collections kept whole lose what was added since the backup.
    if let Some(Value::Array(whole)) = backup.get("_whole") {
        for collection in whole.iter().filter_map(Value::as_str) {
            let spec = store.spec(collection)?;
            let kept: Vec<String> = entries
                .iter()
                .filter(|e| e.get("collection").and_then(Value::as_str) == Some(collection))
                .filter_map(|e| e.get("doc").and_then(Value::as_object).and_then(|d| Store::id_of(spec, d)))
                .collect();
            store.delete_where(collection, |d| Store::id_of(spec, d).is_none_or(|id| !kept.contains(&id)));
        }
    }
    for entry in entries {
        let collection = entry.get("collection").and_then(Value::as_str).unwrap_or_default();
        let doc = obj(entry.get("doc").cloned().unwrap_or(Value::Null));
        let spec = store.spec(collection)?;
        let Some(id) = Store::id_of(spec, &doc) else { continue };
        if store.find(collection, &id).is_some() {
            store.modify(collection, &id, |d| *d = doc)?;
        } else {
            store.insert_raw(collection, doc)?;
        }
    }
    Ok(Reply::Json(200, json!({"status": "restored", "backup_id": s(&backup, "id")})))
}

// ---------------------------------------------------------------- design content

fn asset_bootstrap(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let code = call.input.fields.get("code").and_then(value_text).unwrap_or_default();
    if code.trim().is_empty() {
        return Err(ApiError::field("code", REQUIRED));
    }
    let asset = store.find_by(DESIGN_ASSETS, "code", &code).ok_or_else(ApiError::not_found)?;
    let key = s(asset, "id");
    ok(store.get(DESIGN_ASSETS, &key)?)
}

fn get_file_content(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let asset = store.find(DESIGN_ASSETS, key(call)).ok_or_else(ApiError::not_found)?;
    let mime = s(asset, "_mime");
    text_reply(&format!("{mime}; charset=utf-8"), s(asset, "_content"))
}

fn save_file_content(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    store.find(DESIGN_ASSETS, key(call)).ok_or_else(ApiError::not_found)?;
    let content = content_field(&call.input)?;
    store.modify(DESIGN_ASSETS, key(call), |d| {
        d.insert("_content".into(), json!(content));
    })?;
    Ok(Reply::Json(200, json!({"status": "ok"})))
}

fn theme_key(store: &Store) -> Result<String, ApiError> {
    store.docs(THEMES).first().map(|t| s(t, "id")).ok_or_else(|| ApiError::detail(404, "No theme set."))
}

fn theme_get(store: &mut Store, _: &Call, field: &str) -> Result<Reply, ApiError> {
    let key = theme_key(store)?;
    let theme = store.find(THEMES, &key).ok_or_else(ApiError::not_found)?;
    let mime = if field == "css" { "text/css; charset=utf-8" } else { "text/html; charset=utf-8" };
    text_reply(mime, s(theme, field))
}

/// Braces balance (and a non-blank stylesheet has at least one rule).
fn valid_css(css: &str) -> bool {
    let mut depth = 0i64;
    for c in css.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0 && (css.trim().is_empty() || css.contains('{'))
}

fn theme_set(store: &mut Store, call: &Call, field: &str) -> Result<Reply, ApiError> {
    let content = content_field(&call.input)?;
    if field == "css" && !valid_css(&content) {
        return Err(ApiError::field("content", "Invalid CSS"));
    }
    let backup = flag(&call.input, "backup")?;
    let key = theme_key(store)?;
    if backup {
        let what = if field == "css" { "theme CSS" } else { "theme reference HTML" };
        let fields = json!({"backup_type": "site_foundation", "trigger": "auto_pre_edit",
                            "description": format!("Before replacing the {what}")});
        store.create(BACKUPS, Input::json(obj(fields)))?;
    }
    store.modify(THEMES, &key, |d| {
        d.insert(field.into(), json!(content));
    })?;
    Ok(Reply::Json(200, json!({"status": "ok"})))
}

// ---------------------------------------------------------------- the site

fn site_info(store: &mut Store, _: &Call) -> Result<Reply, ApiError> {
    let key = store.docs(SITES).first().map(|d| s(d, "uid")).ok_or_else(ApiError::not_found)?;
    ok(store.get(SITES, &key)?)
}

fn get_settings(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let doc = store.find(SITE_SETTINGS, key(call)).ok_or_else(ApiError::not_found)?;
    Ok(Reply::Json(200, doc.get("settings").cloned().unwrap_or_else(|| json!({}))))
}

/// PUT replaces the settings as a whole (the SDK merges before sending).
fn put_settings(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    store.find(SITE_SETTINGS, key(call)).ok_or_else(ApiError::not_found)?;
    let settings = Value::Object(call.input.fields.clone());
    store.modify(SITE_SETTINGS, key(call), |d| {
        d.insert("settings".into(), settings.clone());
    })?;
    Ok(Reply::Json(200, settings))
}

fn document_bootstrap(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let kind = call.input.fields.get("type").and_then(value_text).unwrap_or_default();
    if kind.trim().is_empty() {
        return Err(ApiError::field("type", REQUIRED));
    }
    if !SITE_DOCUMENT_TYPES.contains(&kind.as_str()) {
        return Err(ApiError::field("type", format!("\"{kind}\" is not a valid choice.")));
    }
    let existing = store.find_by(SITE_DOCUMENTS, "type", &kind).map(|d| s(d, "id"));
    let key = match existing {
        Some(key) => key,
        None => {
            let doc = obj(json!({"id": format!("doc_{kind}"), "type": kind, "content": ""}));
            s(&store.insert_raw(SITE_DOCUMENTS, doc)?, "id")
        }
    };
    ok(store.get(SITE_DOCUMENTS, &key)?)
}

/// The collections URLs resolve to, with the type name the site tree uses
/// and the field that titles them.
const URL_SOURCES: &[(&str, &str, &str)] = &[
    ("page", PAGES, "title"),
    ("blog", BLOGS, "title"),
    ("folder", FOLDERS, "name"),
    ("glossary_term", GLOSSARY_TERMS, "title"),
    ("product", PRODUCTS, "title"),
];

fn normalize_path(path: &str) -> String {
    let trimmed = path.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else if trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        format!("/{trimmed}")
    }
}

fn get_url(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let path = param(&call.params, "pathname")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::field("pathname", REQUIRED))?;
    let path = normalize_path(path);
    let version = param(&call.params, "version").filter(|v| !v.is_empty());
    for (kind, collection, _) in URL_SOURCES {
        let spec = store.spec(collection)?;
        let found = store.docs(collection).iter().find(|d| {
            let doc_version = match s(d, "version") {
                v if v.is_empty() => "a".to_owned(),
                v => v,
            };
            pathname(store, collection, d) == path && version.is_none_or(|v| v == doc_version)
        });
        if let Some(doc) = found {
            return Ok(Reply::Json(200, json!({"type": kind, "id": Store::id_of(spec, doc)})));
        }
    }
    Err(ApiError::not_found())
}

fn title_case(segment: &str) -> String {
    let words = segment.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Finds the folder `handle` under `parent`, creating it when missing.
fn ensure_folder(store: &mut Store, parent: &str, handle: &str) -> Result<String, ApiError> {
    let existing = store.docs(FOLDERS).iter().find(|f| s(f, "parent") == parent && s(f, "handle") == handle);
    if let Some(folder) = existing {
        return Ok(s(folder, "id"));
    }
    let fields = json!({"name": title_case(handle), "handle": handle, "folder_type": "pages", "parent": parent});
    Ok(s(&store.create(FOLDERS, Input::json(obj(fields)))?, "id"))
}

/// Creates the folders of a pathname as needed, then its page or folder.
fn add_url(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let path = call.input.fields.get("pathname").and_then(value_text).unwrap_or_default();
    if path.trim().is_empty() {
        return Err(ApiError::field("pathname", REQUIRED));
    }
    let url_type = call.input.fields.get("url_type").and_then(value_text).unwrap_or_else(|| "page".to_owned());
    if !matches!(url_type.as_str(), "page" | "folder") {
        return Err(ApiError::field("url_type", format!("\"{url_type}\" is not a valid choice.")));
    }
    let segments: Vec<String> = path.split('/').filter(|p| !p.is_empty()).map(slugify).collect();
    if !path.starts_with('/') || segments.is_empty() || segments.iter().any(String::is_empty) {
        return Err(ApiError::field("pathname", "Enter a path like /folder/page."));
    }
    let mut parent =
        home_folder(store).map(|h| s(h, "id")).ok_or_else(|| ApiError::bad_request("Home folder not found."))?;
    let (last, folders) = segments.split_last().ok_or_else(|| ApiError::field("pathname", REQUIRED))?;
    for handle in folders {
        parent = ensure_folder(store, &parent, handle)?;
    }
    let id = if url_type == "folder" {
        ensure_folder(store, &parent, last)?
    } else {
        let existing = store.docs(PAGES).iter().find(|p| s(p, "folder") == parent && s(p, "handle") == *last);
        match existing {
            Some(page) => s(page, "id"),
            None => {
                let title = title_case(last);
                let fields = json!({"name": title, "title": title, "handle": last, "folder": parent});
                s(&store.create(PAGES, Input::json(obj(fields)))?, "id")
            }
        }
    };
    Ok(Reply::Json(200, json!({"type": url_type, "id": id})))
}

/// Finds pages, blogs, folders, glossary terms and products whose handle
/// or title holds the query, optionally by type and under a path.
fn search_urls(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let q = param(&call.params, "q").unwrap_or_default().trim().to_lowercase();
    let types: Vec<&str> = param(&call.params, "types")
        .map(|t| t.split(',').map(str::trim).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    let limit = match param(&call.params, "limit") {
        None | Some("") => None,
        Some(l) => {
            Some(l.trim().parse::<usize>().map_err(|_| ApiError::field("limit", "A valid integer is required."))?)
        }
    };
    let base = param(&call.params, "path").filter(|p| !p.is_empty()).map(normalize_path);
    let mut results = Vec::new();
    if !q.is_empty() {
        for (kind, collection, title_field) in URL_SOURCES {
            if !types.is_empty() && !types.contains(kind) {
                continue;
            }
            let spec = store.spec(collection)?;
            for doc in store.docs(collection) {
                let path = pathname(store, collection, doc);
                let under = match &base {
                    None => true,
                    Some(b) if b == "/" => true,
                    Some(b) => path == *b || path.starts_with(&format!("{b}/")),
                };
                let title = s(doc, title_field);
                let hit = s(doc, "handle").to_lowercase().contains(&q) || title.to_lowercase().contains(&q);
                if under && hit {
                    results
                        .push(json!({"type": kind, "id": Store::id_of(spec, doc), "pathname": path, "title": title}));
                }
            }
        }
    }
    if let Some(limit) = limit {
        results.truncate(limit);
    }
    let count = results.len();
    Ok(Reply::Json(200, json!({"results": results, "count": count})))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::RESOURCES;

    fn store() -> Store {
        let mut store = Store::new(RESOURCES, "http://mock", 3);
        seed(&mut store);
        store
    }

    fn input(v: Value) -> Input {
        Input::json(obj(v))
    }

    #[test]
    fn pathnames_follow_folders() {
        let mut st = store();
        let guides = st.create(FOLDERS, input(json!({"name": "Guides"}))).unwrap();
        assert_eq!(guides["parent"], "fd_home");
        assert_eq!(guides["pathname"], "/guides");
        let soil =
            st.create(PAGES, input(json!({"name": "Soil", "title": "Soil", "folder": guides["id"].clone()}))).unwrap();
        assert_eq!(soil["pathname"], "/guides/soil");
        assert_eq!(soil["url"], format!("https://{SITE_DOMAIN}/guides/soil"));
        st.update(FOLDERS, guides["id"].as_str().unwrap(), input(json!({"handle": "howto"}))).unwrap();
        assert_eq!(st.get(PAGES, soil["id"].as_str().unwrap()).unwrap()["pathname"], "/howto/soil");
        let e = st.create(PAGES, input(json!({"name": "x", "title": "x", "handle": "soil", "folder": guides["id"]})));
        assert_eq!(e.unwrap_err().status, 400);
        let same_handle_elsewhere = st.create(PAGES, input(json!({"name": "x", "title": "x", "handle": "soil"})));
        assert_eq!(same_handle_elsewhere.unwrap()["pathname"], "/soil");
        let inner = st.create(FOLDERS, input(json!({"name": "Inner", "parent": guides["id"]}))).unwrap();
        st.create(BLOGS, input(json!({"name": "b", "title": "b", "folder": inner["id"]}))).unwrap();
        st.delete(FOLDERS, guides["id"].as_str().unwrap()).unwrap();
        assert_eq!(st.docs(FOLDERS).len(), 1, "only the home folder is left");
        assert_eq!((st.docs(PAGES).len(), st.docs(BLOGS).len()), (1, 0));
    }

    #[test]
    fn css_validation() {
        assert!(valid_css(":root{}") && valid_css("") && valid_css("a { b: c } d { }"));
        assert!(!valid_css("bad") && !valid_css("a {") && !valid_css("} a {"));
    }

    #[test]
    fn add_url_creates_nested_folders_once() {
        let mut st = store();
        let call = |path: &str, kind: &str| Call {
            input: input(json!({"pathname": path, "url_type": kind})),
            ..Call::default()
        };
        let Reply::Json(200, first) = add_url(&mut st, &call("/guides/soil/loam", "page")).unwrap() else { panic!() };
        let Reply::Json(200, again) = add_url(&mut st, &call("/guides/soil/loam", "page")).unwrap() else { panic!() };
        assert_eq!(first, again);
        assert_eq!(st.docs(FOLDERS).len(), 3, "home, guides, soil");
        let page = st.get(PAGES, first["id"].as_str().unwrap()).unwrap();
        assert_eq!(page["pathname"], "/guides/soil/loam");
        let Reply::Json(200, folder) = add_url(&mut st, &call("/guides", "folder")).unwrap() else { panic!() };
        assert_eq!(folder["type"], "folder");
        assert_eq!(st.docs(FOLDERS).len(), 3);
    }
}
