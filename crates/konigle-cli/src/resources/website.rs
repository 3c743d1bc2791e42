//! Website content and site: folders, pages, blogs, glossary terms,
//! authors, backups, redirects, components and templates.
//!
//! publish / unpublish / change-handle are written once ([`publishing`]) for
//! every group whose SDK marker is `Publishable`.

use clap::{Arg, ArgAction, Command};
use konigle_blocking::filters::{
    AuthorFilters, BackupFilters, BlogFilters, ComponentFilters, FolderFilters, GlossaryTermFilters, PageFilters,
    RedirectFilters, TemplateFilters,
};
use konigle_blocking::models::{
    AuthorCreate, AuthorUpdate, BackupCreate, BlogCreate, BlogUpdate, ComponentCreate, ComponentUpdate, EditorJs,
    FolderCreate, FolderUpdate, GlossaryTermCreate, GlossaryTermUpdate, HandleChange, PageCreate, PageUpdate,
    RedirectCreate, RedirectUpdate, TemplateCreate, TemplateLayout, TemplateUpdate,
};
use konigle_blocking::spec::{
    Authors, Backups, Blogs, Components, Folders, GlossaryTerms, Pages, Publishable, Redirects, Templates,
};
use konigle_blocking::{Client, Manager};
use konigle_core::models::Payload;
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::{Body, Method};
use serde_json::Value;

use super::file_input;
use crate::app::{dry_run, dry_run_arg, to_json, yes_arg, Registry};
use crate::crud::{self, CliCreate, CliResource, CliUpdate};
use crate::error::{CliError, CliResult};
use crate::opts::{Kind, Opt, Values};

const CONTENT: Opt = Opt::new("content", "content", Kind::Json, "Content as an EditorJS JSON string").short('c');
const CONTENT_FILE: Opt = Opt::text("content-file", "content_file", "Read the EditorJS content from this JSON file");
const JSON_LD: Opt = Opt::new("json-ld", "json_ld", Kind::Json, "JSON-LD structured data as a JSON string").short('j');
const SEO: Opt = Opt::new("seo", "seo_meta", Kind::Json, "SEO meta as a JSON string").short('m');

/// Reads a text file named by an option.
fn read_text(path: &str) -> CliResult<String> {
    std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))
}

/// Moves `--content-file` (a JSON file) into `content`; giving both is an error.
fn content_from_file(mut v: Values) -> CliResult<Values> {
    if let Some(path) = v.take("content_file").and_then(|p| p.as_str().map(str::to_string)) {
        if v.0.contains_key("content") {
            return Err(CliError::usage("give --content or --content-file, not both"));
        }
        let doc: Value = serde_json::from_str(&read_text(&path)?)
            .map_err(|e| CliError::usage(format!("{path} is not JSON: {e}")))?;
        v.0.insert("content".into(), doc);
    }
    Ok(v)
}

/// Moves a file option's text into `key` (`--template-file` → `template_html`).
fn text_from_file(mut v: Values, file_key: &str, key: &str, what: &str) -> CliResult<Values> {
    if let Some(path) = v.take(file_key).and_then(|p| p.as_str().map(str::to_string)) {
        if v.0.contains_key(key) {
            return Err(CliError::usage(format!("give {what} inline or from a file, not both")));
        }
        v.0.insert(key.into(), Value::String(read_text(&path)?));
    }
    Ok(v)
}

/// Moves `--layout-file` (a JSON file) into `layout`.
fn layout_from_file(mut v: Values) -> CliResult<Values> {
    if let Some(path) = v.take("layout_file").and_then(|p| p.as_str().map(str::to_string)) {
        if v.0.contains_key("layout") {
            return Err(CliError::usage("give --layout or --layout-file, not both"));
        }
        let doc: Value = serde_json::from_str(&read_text(&path)?)
            .map_err(|e| CliError::usage(format!("{path} is not JSON: {e}")))?;
        v.0.insert("layout".into(), doc);
    }
    Ok(v)
}

/// The `published` filter of `--published` / `--unpublished`.
fn published(v: &Values) -> CliResult<Option<bool>> {
    let yes = v.get::<bool>("published")?.unwrap_or(false);
    let no = v.get::<bool>("unpublished")?.unwrap_or(false);
    match (yes, no) {
        (true, true) => Err(CliError::usage("give --published or --unpublished, not both")),
        (true, false) => Ok(Some(true)),
        (false, true) => Ok(Some(false)),
        _ => Ok(None),
    }
}

// ---------------------------------------------------------------- folders

impl CliResource for Folders {
    const GROUP: &'static [&'static str] = &["folders"];
    const NOUN: &'static str = "folder";
    const ID: &'static str = "FOLDER_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("HANDLE", "handle"),
        ("TYPE", "folder_type"),
        ("PARENT", "parent"),
        ("PUBLISHED", "published"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("parent-id", "parent", "Only the folders in this folder"),
        Opt::text("folder-type", "folder_type", "Folder type, e.g. blog").short('t'),
        Opt::text("query", "q", "Search text").short('q'),
        Opt::text("ordering", "ordering", "Ordering field, e.g. -created_at").short('o'),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.folders()
    }
    fn filters(v: &Values) -> CliResult<FolderFilters> {
        let mut f = FolderFilters::default();
        f.q = v.get("q")?;
        f.parent = v.get("parent")?;
        f.folder_type = v.get("folder_type")?;
        f.ordering = v.get("ordering")?;
        Ok(f)
    }
}

impl CliCreate for Folders {
    const CREATE: &'static [Opt] = &[
        Opt::text("name", "name", "Folder name").short('n').required(),
        Opt::text("handle", "handle", "URL handle (derived from the name when omitted)").short('h'),
        Opt::text("parent-id", "parent", "Id of the parent folder").short('p'),
        Opt::text("folder-type", "folder_type", "Folder type").short('t').default("custom"),
    ];
    fn create_payload(v: Values) -> CliResult<FolderCreate> {
        Ok(FolderCreate::builder()
            .name(v.req::<String>("name")?)
            .maybe_handle(v.str("handle"))
            .maybe_parent(v.str("parent"))
            .maybe_folder_type(v.get("folder_type")?)
            .build())
    }
}

impl CliUpdate for Folders {
    const UPDATE: &'static [Opt] = &[Opt::text("name", "name", "New name").short('n')];
    fn update_payload(v: Values) -> CliResult<FolderUpdate> {
        v.into_payload()
    }
}

// ------------------------------------------------------------------ pages

impl CliResource for Pages {
    const GROUP: &'static [&'static str] = &["pages"];
    const NOUN: &'static str = "page";
    const ID: &'static str = "PAGE_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("TITLE", "title"),
        ("HANDLE", "handle"),
        ("TYPE", "page_type"),
        ("FOLDER", "folder"),
        ("PUBLISHED", "published"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("folder", "folder", "Only the pages in this folder").short('f'),
        Opt::text("page-type", "page_type", "Page type").short('t'),
        Opt::new("published", "published", Kind::Flag, "Only published pages"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.pages()
    }
    fn filters(v: &Values) -> CliResult<PageFilters> {
        let mut f = PageFilters::default();
        f.folder = v.get("folder")?;
        f.page_type = v.get("page_type")?;
        f.published = published(v)?;
        Ok(f)
    }
}

impl CliCreate for Pages {
    const CREATE: &'static [Opt] = &[
        Opt::text("title", "title", "Page title").short('t').required(),
        Opt::text("name", "name", "Page name (default: the title)").short('n'),
        Opt::text("handle", "handle", "URL handle (derived when omitted)").short('h'),
        CONTENT,
        Opt::text(
            "content-file",
            "content_file",
            "Content file: .txt or .md with --data-source file, else an EditorJS JSON file",
        ),
        Opt::text("data-source", "data_source", "Where the content comes from").short('d').default("self").choices(&[
            "self",
            "file",
            "data_table",
        ]),
        Opt::text("folder", "folder", "Id of the folder to place the page in").short('f').required(),
        Opt::text("author", "author", "Author id").short('a'),
    ];
    fn create_payload(v: Values) -> CliResult<PageCreate> {
        let title: String = v.req("title")?;
        let name = v.str("name").unwrap_or_else(|| title.clone());
        let from_file = v.str("data_source").as_deref() == Some("file");
        let (v, content_file) = match (from_file, v.str("content_file")) {
            (true, Some(path)) => {
                let mut v = v;
                v.take("content_file");
                (v, Some(file_input(&path)))
            }
            _ => (content_from_file(v)?, None),
        };
        Ok(PageCreate::builder()
            .name(name)
            .title(title)
            .maybe_handle(v.str("handle"))
            .folder(v.req::<String>("folder")?)
            .maybe_content(v.get::<EditorJs>("content")?)
            .maybe_data_source(v.get("data_source")?)
            .maybe_author(v.str("author"))
            .maybe_content_file(content_file)
            .build())
    }
}

impl CliUpdate for Pages {
    const UPDATE: &'static [Opt] = &[
        Opt::text("title", "title", "New title").short('t'),
        Opt::text("name", "name", "New name").short('n'),
        CONTENT,
        CONTENT_FILE,
        JSON_LD,
        SEO,
    ];
    fn update_payload(v: Values) -> CliResult<PageUpdate> {
        content_from_file(v)?.into_payload()
    }
}

// ------------------------------------------------------------------ blogs

impl CliResource for Blogs {
    const GROUP: &'static [&'static str] = &["blogs"];
    const NOUN: &'static str = "blog post";
    const ID: &'static str = "BLOG_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("TITLE", "title"), ("HANDLE", "handle"), ("FOLDER", "folder"), ("PUBLISHED", "published")];
    const FILTERS: &'static [Opt] = &[
        Opt::text("folder", "folder", "Only the posts in this folder").short('f'),
        Opt::new("published", "published", Kind::Flag, "Only published posts"),
        Opt::new("unpublished", "unpublished", Kind::Flag, "Only unpublished posts"),
        Opt::text("handle", "handle", "Handle").short('H'),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.blogs()
    }
    fn filters(v: &Values) -> CliResult<BlogFilters> {
        let mut f = BlogFilters::default();
        f.folder = v.get("folder")?;
        f.handle = v.get("handle")?;
        f.published = published(v)?;
        Ok(f)
    }
}

impl CliCreate for Blogs {
    const CREATE: &'static [Opt] = &[
        Opt::text("title", "title", "Post title").short('t').required(),
        Opt::text("name", "name", "Post name (default: the title)").short('n'),
        Opt::text("handle", "handle", "URL handle (derived when omitted)").short('h'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("summary", "summary", "Summary").short('s'),
        Opt::text("folder", "folder", "Id of the blog folder").short('f'),
        Opt::text("author", "author", "Author id").short('a'),
    ];
    fn create_payload(v: Values) -> CliResult<BlogCreate> {
        let v = content_from_file(v)?;
        let title: String = v.req("title")?;
        Ok(BlogCreate::builder()
            .name(v.str("name").unwrap_or_else(|| title.clone()))
            .title(title)
            .maybe_handle(v.str("handle"))
            .maybe_content(v.get::<EditorJs>("content")?)
            .maybe_summary(v.str("summary"))
            .maybe_folder(v.str("folder"))
            .maybe_author(v.str("author"))
            .build())
    }
}

impl CliUpdate for Blogs {
    const UPDATE: &'static [Opt] = &[
        Opt::text("title", "title", "New title").short('t'),
        Opt::text("name", "name", "New name").short('n'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("summary", "summary", "New summary").short('s'),
        JSON_LD,
        SEO,
    ];
    fn update_payload(v: Values) -> CliResult<BlogUpdate> {
        content_from_file(v)?.into_payload()
    }
}

// --------------------------------------------------------------- glossary

impl CliResource for GlossaryTerms {
    const GROUP: &'static [&'static str] = &["glossary"];
    const NOUN: &'static str = "glossary term";
    const ID: &'static str = "TERM_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("TITLE", "title"), ("HANDLE", "handle"), ("PUBLISHED", "published")];
    const FILTERS: &'static [Opt] = &[Opt::new("published", "published", Kind::Flag, "Only published terms")];
    fn manager(c: &Client) -> Manager<Self> {
        c.glossary_terms()
    }
    fn filters(v: &Values) -> CliResult<GlossaryTermFilters> {
        let mut f = GlossaryTermFilters::default();
        f.published = published(v)?;
        Ok(f)
    }
}

impl CliCreate for GlossaryTerms {
    const CREATE: &'static [Opt] = &[
        Opt::text("title", "title", "Term title").short('t').required(),
        Opt::text("name", "name", "Term name (default: the title)").short('n'),
        Opt::text("handle", "handle", "URL handle (derived when omitted)").short('h'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("summary", "summary", "Summary").short('s'),
        Opt::text("author", "author", "Author id").short('a'),
    ];
    fn create_payload(v: Values) -> CliResult<GlossaryTermCreate> {
        let v = content_from_file(v)?;
        let title: String = v.req("title")?;
        Ok(GlossaryTermCreate::builder()
            .name(v.str("name").unwrap_or_else(|| title.clone()))
            .title(title)
            .maybe_handle(v.str("handle"))
            .maybe_content(v.get::<EditorJs>("content")?)
            .maybe_summary(v.str("summary"))
            .maybe_author(v.str("author"))
            .build())
    }
}

impl CliUpdate for GlossaryTerms {
    const UPDATE: &'static [Opt] = &[
        Opt::text("title", "title", "New title").short('t'),
        Opt::text("name", "name", "New name").short('n'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("summary", "summary", "New summary").short('s'),
        JSON_LD,
        SEO,
    ];
    fn update_payload(v: Values) -> CliResult<GlossaryTermUpdate> {
        content_from_file(v)?.into_payload()
    }
}

// ---------------------------------------------------------------- authors

impl CliResource for Authors {
    const GROUP: &'static [&'static str] = &["authors"];
    const NOUN: &'static str = "author";
    const ID: &'static str = "AUTHOR_ID";
    const CONFIRM_FLAG: Option<&'static str> = Some("confirm");
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("NAME", "name"), ("HANDLE", "handle"), ("EMAIL", "email"), ("TAGLINE", "tagline")];
    const FILTERS: &'static [Opt] = &[Opt::text("query", "q", "Search text"), Opt::text("handle", "handle", "Handle")];
    fn manager(c: &Client) -> Manager<Self> {
        c.authors()
    }
    fn filters(v: &Values) -> CliResult<AuthorFilters> {
        let mut f = AuthorFilters::default();
        f.q = v.get("q")?;
        f.handle = v.get("handle")?;
        Ok(f)
    }
}

impl CliCreate for Authors {
    const FILE_FIELD: Option<&'static str> = Some("avatar");
    const CREATE: &'static [Opt] = &[
        Opt::text("name", "name", "Name").required(),
        Opt::text("handle", "handle", "URL handle").required(),
        Opt::text("tagline", "tagline", "Tagline"),
        Opt::text("bio", "bio", "Biography"),
        Opt::text("email", "email", "Email address"),
        Opt::text("avatar", "avatar", "Path or https:// URL of the avatar image"),
    ];
    fn create_payload(v: Values) -> CliResult<AuthorCreate> {
        Ok(AuthorCreate::builder()
            .name(v.req::<String>("name")?)
            .handle(v.req::<String>("handle")?)
            .maybe_tagline(v.str("tagline"))
            .maybe_bio(v.str("bio"))
            .maybe_email(v.str("email"))
            .maybe_avatar(v.str("avatar").map(|a| file_input(&a)))
            .build())
    }
}

impl CliUpdate for Authors {
    const UPDATE: &'static [Opt] = &[
        Opt::text("name", "name", "New name"),
        Opt::text("handle", "handle", "New handle"),
        Opt::text("tagline", "tagline", "New tagline"),
        Opt::text("bio", "bio", "New biography"),
        Opt::text("email", "email", "New email address"),
        Opt::text("avatar", "avatar", "Path or https:// URL of a new avatar image"),
        Opt::new("social-links", "social_links", Kind::Json, "Social links as JSON, e.g. {\"twitter\": \"…\"}"),
    ];
    fn update_payload(mut v: Values) -> CliResult<AuthorUpdate> {
        let avatar = v.take("avatar").and_then(|a| a.as_str().map(file_input));
        let mut data: AuthorUpdate = v.into_payload()?;
        data.avatar = avatar;
        Ok(data)
    }
}

// ---------------------------------------------------------------- backups

impl CliResource for Backups {
    const GROUP: &'static [&'static str] = &["backups"];
    const NOUN: &'static str = "backup";
    const ID: &'static str = "BACKUP_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("TYPE", "backup_type"),
        ("KIND", "kind"),
        ("TARGET", "target_id"),
        ("STATUS", "status"),
        ("CREATED", "created_at"),
        ("DESCRIPTION", "description"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("kind", "kind", "Backup kind").short('k').choices(&["transient", "durable"]),
        Opt::text("backup-type", "backup_type", "Backup type").short('t').choices(BACKUP_TYPES),
        Opt::text("target-id", "target_id", "Id of the backed-up resource"),
        Opt::text("status", "status", "Status").choices(&["in_progress", "completed", "failed"]),
        Opt::text("ordering", "ordering", "Ordering").short('o').choices(&["created_at", "-created_at"]),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.backups()
    }
    fn filters(v: &Values) -> CliResult<BackupFilters> {
        let mut f = BackupFilters::default();
        f.kind = v.get("kind")?;
        f.backup_type = v.get("backup_type")?;
        f.target_id = v.get("target_id")?;
        f.status = v.get("status")?;
        f.ordering = v.get("ordering")?;
        Ok(f)
    }
}

const BACKUP_TYPES: &[&str] = &["page", "folder", "blog", "product", "site_template", "site_foundation"];

impl CliCreate for Backups {
    const CREATE: &'static [Opt] = &[
        Opt::text("backup-type", "backup_type", "What to back up").short('t').required().choices(BACKUP_TYPES),
        Opt::text("target-id", "target_id", "Id of the resource (omit for site-level backups)"),
        Opt::text("description", "description", "Description").short('d').default(""),
        Opt::text("trigger", "trigger", "Why the backup is made").default("manual").choices(&[
            "manual",
            "auto_pre_edit",
            "auto_pre_publish",
            "scheduled",
        ]),
    ];
    fn create_payload(v: Values) -> CliResult<BackupCreate> {
        Ok(BackupCreate::builder()
            .backup_type(v.req("backup_type")?)
            .maybe_target_id(v.str("target_id"))
            .maybe_description(v.str("description"))
            .trigger(v.req("trigger")?)
            .build())
    }
}

fn backups_restore(reg: &mut Registry) {
    let cmd = Command::new("restore")
        .about("Restore a backup")
        .arg(Arg::new("id").value_name("BACKUP_ID").required(true).help("Id of the backup"))
        .arg(yes_arg())
        .arg(dry_run_arg());
    reg.add(&["backups", "restore"], cmd, "konigle backups restore bk_1 --yes", |m, ctx| {
        let id = crud::id(m);
        if dry_run(m) {
            let req = detail_request::<konigle_blocking::models::Backup>(Method::Post, &id)?.suffix("/restore");
            return ctx.describe(&req);
        }
        if !ctx.confirm(&format!("Restore backup {id}? The current content is replaced."), m.get_flag("yes"))? {
            ctx.out.say("Cancelled.");
            return Ok(());
        }
        let restored = ctx.client()?.backups().restore(&id)?;
        ctx.out.say(format!("Restored backup {id}"));
        ctx.out.print_one(&to_json(&restored)?)
    });
}

// -------------------------------------------------------------- redirects

impl CliResource for Redirects {
    const GROUP: &'static [&'static str] = &["redirects"];
    const NOUN: &'static str = "redirect";
    const ID: &'static str = "REDIRECT_ID";
    const PAGE_SIZE: &'static str = "20";
    const CONFIRM_FLAG: Option<&'static str> = None;
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("PATH", "path"), ("TARGET", "target"), ("PERMANENT", "permanent")];
    const FILTERS: &'static [Opt] = &[
        Opt::text("query", "q", "Search text").short('q'),
        Opt::text("order-by", "ordering", "Ordering field, e.g. -path").short('o'),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.redirects()
    }
    fn filters(v: &Values) -> CliResult<RedirectFilters> {
        let mut f = RedirectFilters::default();
        f.q = v.get("q")?;
        f.ordering = v.get("ordering")?;
        Ok(f)
    }
}

impl CliUpdate for Redirects {
    const UPDATE: &'static [Opt] = &[
        Opt::text("path", "path", "New source path"),
        Opt::text("target", "target", "New target"),
        Opt::new("permanent", "permanent", Kind::Toggle, "Permanent (301) or, with --temporary, temporary (302)")
            .no_alias("temporary"),
    ];
    fn update_payload(v: Values) -> CliResult<RedirectUpdate> {
        v.into_payload()
    }
}

/// `redirects create PATH TARGET`: the reference takes both as arguments.
fn redirects_create(reg: &mut Registry) {
    let cmd = Command::new("create")
        .about("Create a redirect")
        .arg(Arg::new("path").value_name("PATH").required(true).help("Path to redirect, e.g. /old"))
        .arg(Arg::new("target").value_name("TARGET").required(true).help("Where it goes, e.g. /new"))
        .arg(Arg::new("permanent").long("permanent").action(ArgAction::SetTrue).help("Permanent, 301 (the default)"))
        .arg(
            Arg::new("temporary")
                .long("temporary")
                .action(ArgAction::SetTrue)
                .overrides_with("permanent")
                .help("Temporary, 302"),
        )
        .arg(dry_run_arg());
    reg.add(&["redirects", "create"], cmd, "konigle redirects create /old /new --permanent", |m, ctx| {
        let arg = |name: &str| m.get_one::<String>(name).cloned().unwrap_or_default();
        let data = RedirectCreate::builder()
            .path(arg("path"))
            .target(arg("target"))
            .permanent(!m.get_flag("temporary"))
            .build();
        if dry_run(m) {
            let req = collection_request::<konigle_blocking::models::Redirect>(Method::Post).body(data.into_body()?);
            return ctx.describe(&req);
        }
        let record = ctx.client()?.redirects().create(data)?;
        ctx.out.say(format!("Created redirect {}", record.id));
        ctx.out.print_one(&to_json(&record)?)
    });
}

// ------------------------------------------------------------- components

impl CliResource for Components {
    const GROUP: &'static [&'static str] = &["components"];
    const NOUN: &'static str = "component";
    const ID: &'static str = "COMPONENT_ID";
    const CONFIRM_FLAG: Option<&'static str> = Some("confirm");
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("NAME", "name"), ("TYPE", "type"), ("VERSION", "version"), ("UPDATED", "updated_at")];
    const FILTERS: &'static [Opt] = &[Opt::text("query", "q", "Search text"), Opt::text("type", "type", "Type")];
    fn manager(c: &Client) -> Manager<Self> {
        c.components()
    }
    fn filters(v: &Values) -> CliResult<ComponentFilters> {
        let mut f = ComponentFilters::default();
        f.q = v.get("q")?;
        f.kind = v.get("type")?;
        Ok(f)
    }
}

impl CliCreate for Components {
    const CREATE: &'static [Opt] = &[
        Opt::text("name", "name", "Name").required(),
        Opt::text("description", "description", "Description"),
        Opt::text("type", "type", "Type: fluid or fixed").default("fluid"),
        Opt::text("version", "version", "Version"),
        Opt::text("template-html", "template_html", "The component's HTML"),
        Opt::text("template-file", "template_file", "Read the component's HTML from this file"),
    ];
    fn create_payload(v: Values) -> CliResult<ComponentCreate> {
        let v = text_from_file(v, "template_file", "template_html", "the HTML")?;
        Ok(ComponentCreate::builder()
            .name(v.req::<String>("name")?)
            .maybe_description(v.str("description"))
            .maybe_kind(v.get("type")?)
            .maybe_version(v.str("version"))
            .maybe_template_html(v.str("template_html"))
            .build())
    }
}

impl CliUpdate for Components {
    const UPDATE: &'static [Opt] = &[
        Opt::text("name", "name", "New name"),
        Opt::text("description", "description", "New description"),
        Opt::text("version", "version", "New version"),
        Opt::text("template-html", "template_html", "New HTML"),
        Opt::text("template-file", "template_file", "Read the new HTML from this file"),
    ];
    fn update_payload(v: Values) -> CliResult<ComponentUpdate> {
        text_from_file(v, "template_file", "template_html", "the HTML")?.into_payload()
    }
}

// -------------------------------------------------------------- templates

impl CliResource for Templates {
    const GROUP: &'static [&'static str] = &["templates"];
    const NOUN: &'static str = "template";
    const ID: &'static str = "TEMPLATE_ID";
    const CONFIRM_FLAG: Option<&'static str> = Some("confirm");
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("NAME", "name"), ("HANDLE", "handle"), ("BASE", "is_base"), ("UPDATED", "updated_at")];
    const FILTERS: &'static [Opt] = &[Opt::text("query", "q", "Search text"), Opt::text("handle", "handle", "Handle")];
    fn manager(c: &Client) -> Manager<Self> {
        c.templates()
    }
    fn filters(v: &Values) -> CliResult<TemplateFilters> {
        let mut f = TemplateFilters::default();
        f.q = v.get("q")?;
        f.handle = v.get("handle")?;
        Ok(f)
    }
}

macro_rules! template_opts {
    ($($first:expr),* $(,)?) => {
        &[
            $($first,)*
            Opt::new("layout", "layout", Kind::Json, "Layout as a JSON string"),
            Opt::text("layout-file", "layout_file", "Read the layout from this JSON file"),
            Opt::new("is-base", "is_base", Kind::Flag, "A base template others extend"),
            Opt::text("base", "base", "Id of the base template"),
        ]
    };
}

impl CliCreate for Templates {
    const CREATE: &'static [Opt] = template_opts![
        Opt::text("name", "name", "Name").required(),
        Opt::text("handle", "handle", "Handle").required(),
    ];
    fn create_payload(v: Values) -> CliResult<TemplateCreate> {
        let v = layout_from_file(v)?;
        Ok(TemplateCreate::builder()
            .name(v.req::<String>("name")?)
            .handle(v.req::<String>("handle")?)
            .maybe_layout(v.get::<TemplateLayout>("layout")?)
            .is_base(v.get("is_base")?.unwrap_or(false))
            .maybe_base(v.str("base"))
            .build())
    }
}

impl CliUpdate for Templates {
    const UPDATE: &'static [Opt] =
        template_opts![Opt::text("name", "name", "New name"), Opt::text("handle", "handle", "New handle")];
    fn update_payload(v: Values) -> CliResult<TemplateUpdate> {
        layout_from_file(v)?.into_payload()
    }
}

// ------------------------------------------------------------- publishing

/// publish, unpublish and change-handle of a publishable group.
fn publishing<R: CliResource + Publishable>(reg: &mut Registry) {
    for (action, about) in [("publish", "Publish"), ("unpublish", "Unpublish")] {
        let cmd = Command::new(action)
            .about(format!("{about} a {}", R::NOUN))
            .arg(Arg::new("id").value_name(R::ID).required(true).help(format!("Id of the {}", R::NOUN)))
            .arg(dry_run_arg());
        let mut path = R::GROUP.to_vec();
        path.push(action);
        let ex = format!("konigle {} {action} {}", R::GROUP.join(" "), R::EXAMPLE_ID);
        reg.add(&path, cmd, &ex, move |m, ctx| {
            let id = crud::id(m);
            if dry_run(m) {
                return ctx.describe(&detail_request::<R::Model>(Method::Post, &id)?.suffix(&format!("/{action}")));
            }
            let manager = R::manager(ctx.client()?);
            let record = if action == "publish" { manager.publish(&id)? } else { manager.unpublish(&id)? };
            ctx.out.say(format!("{about}ed {} {id}", R::NOUN));
            ctx.out.print_one(&to_json(&record)?)
        });
    }
    let cmd = Command::new("change-handle")
        .about(format!("Change the handle of a {}", R::NOUN))
        .arg(Arg::new("id").value_name(R::ID).required(true).help(format!("Id of the {}", R::NOUN)))
        .arg(Arg::new("handle").value_name("NEW_HANDLE").required(true).help("The new handle"))
        .arg(
            Arg::new("redirect")
                .long("redirect")
                .short('r')
                .action(ArgAction::SetTrue)
                .help("Redirect the old handle to the new one"),
        )
        .arg(dry_run_arg());
    let mut path = R::GROUP.to_vec();
    path.push("change-handle");
    let ex = format!("konigle {} change-handle {} new-handle --redirect", R::GROUP.join(" "), R::EXAMPLE_ID);
    reg.add(&path, cmd, &ex, |m, ctx| {
        let id = crud::id(m);
        let handle = m.get_one::<String>("handle").cloned().unwrap_or_default();
        let redirect = m.get_flag("redirect");
        if dry_run(m) {
            let body: Body = HandleChange::builder().handle(handle.as_str()).redirect(redirect).build().into_body()?;
            let req = detail_request::<R::Model>(Method::Post, &id)?.suffix("/change-handle").body(body);
            return ctx.describe(&req);
        }
        let manager = R::manager(ctx.client()?);
        let record = if redirect {
            manager.change_handle_with_redirect(&id, &handle)?
        } else {
            manager.change_handle(&id, &handle)?
        };
        ctx.out.say(format!("Changed the handle of {} {id} to '{handle}'", R::NOUN));
        if redirect {
            ctx.out.say("Redirected the old handle to the new one.");
        }
        ctx.out.print_one(&to_json(&record)?)
    });
}

/// Registers the website content and site groups.
pub fn register(reg: &mut Registry) {
    reg.group(&["folders"], "Website folders");
    crud::create::<Folders>(reg, "--name Blog --folder-type blog");
    crud::read_update_delete::<Folders>(reg, "--name Journal");
    publishing::<Folders>(reg);

    reg.group(&["pages"], "Website pages");
    crud::create::<Pages>(reg, "--title \"About us\" --folder fd_1");
    crud::read_update_delete::<Pages>(reg, "--title \"About the team\"");
    publishing::<Pages>(reg);

    reg.group(&["blogs"], "Blog posts");
    crud::create::<Blogs>(reg, "--title \"Spring planting\" --folder fd_1");
    crud::read_update_delete::<Blogs>(reg, "--summary \"What to sow in March\"");
    publishing::<Blogs>(reg);

    reg.group(&["glossary"], "Glossary terms");
    crud::create::<GlossaryTerms>(reg, "--title \"What is mulch?\" --name Mulch");
    crud::read_update_delete::<GlossaryTerms>(reg, "--summary \"A protective layer\"");
    publishing::<GlossaryTerms>(reg);

    reg.group(&["authors"], "Content authors");
    crud::create::<Authors>(reg, "--name \"Ada Lovelace\" --handle ada");
    crud::read_update_delete::<Authors>(reg, "--tagline \"Writes about gardens\"");

    reg.group(&["backups"], "Backups of pages, folders, posts, products and the site");
    crud::list::<Backups>(reg);
    crud::create::<Backups>(reg, "--backup-type page --target-id pg_1 -d \"Before the redesign\"");
    crud::delete::<Backups>(reg);
    backups_restore(reg);

    reg.group(&["redirects"], "URL redirects");
    redirects_create(reg);
    crud::read_update_delete::<Redirects>(reg, "--target /newer");

    reg.group(&["components"], "Design components");
    crud::create::<Components>(reg, "--name Hero --template-file hero.html");
    crud::read_update_delete::<Components>(reg, "--template-file hero.html");

    reg.group(&["templates"], "Page templates");
    crud::create::<Templates>(reg, "--name Landing --handle landing --layout-file layout.json");
    crud::read_update_delete::<Templates>(reg, "--layout-file layout.json");
}
