//! Website content: folders, pages, blog posts and glossary terms.

use super::*;
use konigle_core::filters::{
    BlogFilters, BlogOrdering, FolderFilters, FolderOrdering, GlossaryTermFilters, GlossaryTermOrdering, PageFilters,
    PageOrdering,
};
use konigle_core::models::{
    BlogCreate, BlogUpdate, DataSource, EditorJs, FolderCreate, FolderType, FolderUpdate, GlossaryTermCreate,
    GlossaryTermUpdate, ListStyle, PageCreate, PageType, PageUpdate, PublishTime, SeoMeta,
};
use konigle_core::JsonMap;

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    ("folders.list.filters_and_kwargs", "filters are one typed struct; there are no separate keyword filters to mix"),
    ("pages.list.unknown_filter", "filters are typed: PageFilters has no `slug` field, so it does not compile"),
    (
        "blogs.list.filters_kwargs",
        "filters are typed after the reference's BlogFilters, which has no `tags` (its blog manager passes any keyword \
         through unchecked), so it does not compile",
    ),
    (
        "glossary_terms.create.missing_title",
        "the title is a required builder field: GlossaryTermCreate::builder() without .title() does not compile",
    ),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[
    (
        "pages.change_handle.unvalidated",
        "every change_handle checks and lower-cases the handle before sending, the manager's as well as the \
         record's: `About Us!` is an InvalidInput and nothing is sent (test: manager_change_handle_checks_the_handle)",
    ),
    (
        "blogs.update.model",
        "content is typed EditorJS, so `header` blocks are sent as `heading` in updates too, not only on create \
         (test: updates_normalise_header_blocks_and_keep_offsets in konigle-core)",
    ),
];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[];

fn map(v: Value) -> JsonMap {
    match v {
        Value::Object(m) => m,
        _ => JsonMap::new(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn seo(
    title: &str,
    description: &str,
    keywords: &str,
    og_title: &str,
    og_description: &str,
    og_image: &str,
) -> SeoMeta {
    SeoMeta::builder()
        .title(title)
        .description(description)
        .keywords(keywords)
        .og_title(og_title)
        .og_description(og_description)
        .og_image(og_image)
        .build()
}

fn at(s: &str) -> PublishTime {
    s.parse().expect("fixture timestamp")
}

/// The content of the full page fixtures: an EditorJS document saved by the editor.
fn page_content() -> EditorJs {
    let mut doc = EditorJs::new().heading(2, "Welcome").paragraph("Hello");
    doc.time = Some(1714557600000);
    doc.version = Some("2.28.0".into());
    doc
}

/// The full page fixtures' payload, with or without its content file.
fn full_page(content_file: Option<FileInput>) -> PageCreate {
    PageCreate::builder()
        .name("About")
        .handle("About-Us")
        .title("About us")
        .subtitle("Our story")
        .page_type(PageType::About)
        .folder("fd_home")
        .content(page_content())
        .seo_meta(seo("About", "Who we are", "about", "About", "Team", "https://cdn.example.com/og.png"))
        .json_ld(map(json!({"@type": "AboutPage"})))
        .exclude_from_sitemap(true)
        .author("au_1")
        .contributor_ids(strings(&["au_2", "au_3"]))
        .reviewer_ids(strings(&["au_3"]))
        .show_author(false)
        .tags(strings(&["company", "team"]))
        .template("tp_1")
        .data_source(DataSource::File)
        .content_file_mime_type("text/markdown")
        .context_builders(map(json!({"faq": {"source": "table", "limit": 5}})))
        .maybe_content_file(content_file)
        .build()
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    if name.starts_with("folders.") {
        return folders(name, c).await;
    }
    if name.starts_with("pages.") {
        return pages(name, c, ctx).await;
    }
    if name.starts_with("blogs.") {
        return blogs(name, c).await;
    }
    if name.starts_with("glossary_terms.") {
        return glossary_terms(name, c).await;
    }
    None
}

#[facade]
async fn folders(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.folders();
    Some(match name {
        "folders.change_handle.default_redirect" => ok(m.change_handle("fd_1", "news").await),
        "folders.change_handle" => ok(m.change_handle_with_redirect("fd_1", "news").await),
        "folders.create.bad_handle" => {
            ok(m.create(FolderCreate::builder().name("X").handle("my folder").build()).await)
        }
        "folders.create.bad_language" => ok(m.create(FolderCreate::builder().name("X").language("e1").build()).await),
        "folders.create.full" => {
            let data = FolderCreate::builder()
                .name("Blog")
                .handle("Blog")
                .folder_type(FolderType::Blog)
                .parent("fd_home")
                .seo_meta(seo(
                    "Blog",
                    "Our blog",
                    "news,updates",
                    "Blog",
                    "Read our blog",
                    "https://cdn.example.com/og.png",
                ))
                .json_ld(map(json!({"@type": "Blog"})))
                .template("tp_1")
                .exclude_from_sitemap(true)
                .tags(strings(&["news", "updates"]))
                .language("EN")
                .country_code("sg")
                .canonical_page("fd_2")
                .context_builders(map(json!({"posts": {"limit": 10}})))
                .build();
            ok(m.create(data).await)
        }
        "folders.create.minimal" => ok(m.create(FolderCreate::builder().name("Guides").build()).await),
        "folders.delete" => unit(m.delete("fd_1").await),
        "folders.get" => ok(m.get("fd_1").await),
        "folders.get_crawler_view" => ok(m.get_crawler_view("fd_1").await),
        "folders.get_home_folder" => ok(m.get_home_folder(false).await),
        "folders.get_home_folder.detail" | "folders.get_home_folder.none" => ok(m.get_home_folder(true).await),
        "folders.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "folders.list.bad_ordering" => {
            let f = FolderFilters::builder().ordering(FolderOrdering::from("created_at")).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "folders.list.filters_kwargs" => {
            let f = FolderFilters::builder()
                .q("g")
                .folder_type(FolderType::Pages)
                .parent("fd_home")
                .is_original_version(true)
                .ordering(FolderOrdering::Name)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "folders.list.filters_object" => {
            let f = FolderFilters::builder()
                .q("blog")
                .folder_type(FolderType::Blog)
                .parent("fd_home")
                .is_original_version(false)
                .ordering(FolderOrdering::PositionDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "folders.list.page" => ok(m.list(&ListParams::new().page(1).page_size(50)).await),
        "folders.model.publish_unpublish_change_handle" => {
            let mut f = match m.get("fd_1").await {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            let mut steps = vec![];
            for step in 0..3 {
                let r = match step {
                    0 => f.publish().await.map(|_| ()),
                    1 => f.unpublish().await.map(|_| ()),
                    _ => f.change_handle_with_redirect("News-2024").await.map(|_| ()),
                };
                if let Err(e) = r {
                    return Some(Err(e));
                }
                steps.push(val(&f));
            }
            Ok(Value::Array(steps))
        }
        "folders.publish" => ok(m.publish("fd_1").await),
        "folders.unpublish" => ok(m.unpublish("fd_1").await),
        "folders.update.dict" => {
            ok(m.update("fd_1", FolderUpdate::builder().name("News").language("DE").build()).await)
        }
        "folders.update.model" => {
            let data = FolderUpdate::builder()
                .name("News")
                .seo_meta(SeoMeta::builder().title("News").build())
                .tags(vec![])
                .language("FR")
                .country_code("fr")
                .exclude_from_sitemap(false)
                .template("tp_3")
                .canonical_page("fd_2")
                .json_ld(map(json!({"@type": "CollectionPage"})))
                .context_builders(JsonMap::new())
                .build();
            ok(m.update("fd_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn pages(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let m = c.pages();
    let sitemap =
        || PageCreate::builder().name("Sitemap").title("Sitemap").folder("fd_home").data_source(DataSource::File);
    Some(match name {
        "pages.active_record" => {
            let mut p = match m.get("pg_1").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            p.title = "About the team".into();
            p.tags = strings(&["company", "people"]);
            if let Err(e) = p.save().await {
                return Some(Err(e));
            }
            if let Err(e) = p.reload().await {
                return Some(Err(e));
            }
            let page = val(&p);
            match p.delete().await {
                Ok(()) => Ok(json!({"page": page, "deleted": true})),
                Err(e) => Err(e),
            }
        }
        "pages.active_record.load_detail" => {
            let items = match m.list(&ListParams::new().page_size(2)).await {
                Ok(p) => p.items,
                Err(e) => return Some(Err(e)),
            };
            let count = items.len();
            let Some(mut first) = items.into_iter().next() else { return Some(Ok(Value::Null)) };
            for _ in 0..2 {
                if let Err(e) = first.load_detail().await {
                    return Some(Err(e));
                }
            }
            Ok(json!({"first": val(&first), "items": count}))
        }
        "pages.change_handle" => ok(m.change_handle_with_redirect("pg_1", "about-us").await),
        "pages.create.bad_handle" => {
            ok(m.create(PageCreate::builder().name("X").title("X").folder("fd_home").handle("a/b").build()).await)
        }
        "pages.create.bad_page_type" => {
            let data =
                PageCreate::builder().name("X").title("X").folder("fd_home").page_type(PageType::from("blog")).build();
            ok(m.create(data).await)
        }
        "pages.create.content_file_bad_extension" => {
            let data = PageCreate::builder()
                .name("X")
                .title("X")
                .folder("fd_home")
                .content_file((b"%PDF-1.4".to_vec(), "doc.pdf"))
                .build();
            ok(m.create(data).await)
        }
        "pages.create.content_file_bytes" => {
            ok(m.create(sitemap().content_file(FileInput::bytes(b"<urlset></urlset>".to_vec())).build()).await)
        }
        "pages.create.content_file_bytesio" => {
            let reader = std::io::Cursor::new(b"plain text notes".to_vec());
            let data = PageCreate::builder()
                .name("Notes")
                .title("Notes")
                .folder("fd_home")
                .data_source(DataSource::File)
                .content_file(FileInput::reader(reader))
                .build();
            ok(m.create(data).await)
        }
        "pages.create.content_file_path" => {
            let path = ctx.file("about.md", b"# About\n\nWe grow things.\n");
            ok(m.create(full_page(Some(path.into()))).await)
        }
        "pages.create.content_file_tuple" => {
            ok(m.create(sitemap().content_file((b"<urlset></urlset>".to_vec(), "sitemap.xml")).build()).await)
        }
        "pages.create.full" => ok(m.create(full_page(None)).await),
        "pages.create.minimal" => {
            ok(m.create(PageCreate::builder().name("Contact").title("Contact").folder("fd_home").build()).await)
        }
        "pages.delete" => unit(m.delete("pg_1").await),
        "pages.get" => ok(m.get("pg_1").await),
        "pages.get_crawler_view" => ok(m.get_crawler_view("pg_1").await),
        "pages.iter_all" => {
            let f = PageFilters::builder().published(true).build();
            ok(collect(m.iter_all(&ListParams::with_filters(f).page_size(2))).await)
        }
        "pages.list.filters_kwargs" => {
            let f = PageFilters::builder()
                .q("faq")
                .page_type(PageType::Faq)
                .folder("none")
                .published(true)
                .handle("faq")
                .ordering(PageOrdering::Title)
                .build();
            ok(m.list(&ListParams::with_filters(f).page(1).page_size(10)).await)
        }
        "pages.list.filters_object" => {
            let f = PageFilters::builder()
                .q("about")
                .page_type(PageType::About)
                .folder("fd_home")
                .published(false)
                .handle("about")
                .ordering(PageOrdering::UpdatedAtDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "pages.list.page" => ok(m.list(&ListParams::new().page(4).page_size(1)).await),
        "pages.list.page_size_too_big" => ok(m.list(&ListParams::new().page_size(500)).await),
        "pages.list.page_zero" => ok(m.list(&ListParams::new().page(0)).await),
        "pages.model.change_handle.invalid" => {
            let mut p = match m.get("pg_1").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            match p.change_handle("about us").await {
                Ok(p) => Ok(val(&*p)),
                Err(e) => Err(e),
            }
        }
        "pages.model.change_handle" => {
            let mut p = match m.get("pg_1").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            match p.change_handle_with_redirect("About-The-Team").await {
                Ok(p) => Ok(val(&*p)),
                Err(e) => Err(e),
            }
        }
        "pages.model.publish_unpublish" => {
            let mut p = match m.get("pg_1").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            if let Err(e) = p.publish().await {
                return Some(Err(e));
            }
            let published = val(&p);
            match p.unpublish().await {
                Ok(p) => Ok(json!([published, val(&*p)])),
                Err(e) => Err(e),
            }
        }
        "pages.publish" => ok(m.publish("pg_1").await),
        "pages.unpublish" => ok(m.unpublish("pg_1").await),
        "pages.update.content_file" => {
            let data = PageUpdate::builder()
                .title("Notes")
                .content_file((b"# Notes".to_vec(), "notes.md"))
                .tags(strings(&["x", "y"]))
                .json_ld(map(json!({"a": 1})))
                .build();
            ok(m.update("pg_1", data).await)
        }
        "pages.update.dict" => {
            ok(m.update("pg_1", PageUpdate::builder().title("About the team").tags(strings(&["a", "b"])).build()).await)
        }
        "pages.update.model" => {
            let data = PageUpdate::builder()
                .name("About")
                .title("About the team")
                .subtitle("")
                .content(EditorJs::new().paragraph("Hi"))
                .seo_meta(SeoMeta::builder().title("Team").build())
                .json_ld(JsonMap::new())
                .exclude_from_sitemap(false)
                .show_author(true)
                .author("au_2")
                .contributor_ids(vec![])
                .reviewer_ids(strings(&["au_1"]))
                .tags(strings(&["team"]))
                .published_at(at("2024-05-03T09:00:00Z"))
                .template("tp_3")
                .context_builders(map(json!({"x": 1})))
                .build();
            ok(m.update("pg_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn blogs(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.blogs();
    Some(match name {
        "blogs.active_record.save_only_dirty" => {
            let items = match m.list(&ListParams::new().page_size(1)).await {
                Ok(p) => p.items,
                Err(e) => return Some(Err(e)),
            };
            let Some(mut b) = items.into_iter().next() else { return Some(Ok(Value::Null)) };
            if let Err(e) = b.load_detail().await {
                return Some(Err(e));
            }
            b.summary = "Updated summary".into();
            match b.save().await {
                Ok(b) => Ok(val(&*b)),
                Err(e) => Err(e),
            }
        }
        "blogs.change_handle.default_redirect" => ok(m.change_handle("bl_1", "spring-2024").await),
        "blogs.change_handle" => ok(m.change_handle_with_redirect("bl_1", "spring-2024").await),
        "blogs.create.bad_handle" => {
            ok(m.create(BlogCreate::builder().name("X").title("X").handle("x y").build()).await)
        }
        "blogs.create.full" => {
            let data = BlogCreate::builder()
                .name("Spring planting")
                .handle("Spring-Planting")
                .title("Spring planting guide")
                .subtitle("What to sow in March")
                .summary("A short guide.")
                .content(EditorJs::new().heading(2, "Sow").list(ListStyle::Ordered, ["Peas", "Beans"]))
                .seo_meta(seo("Spring", "Sow now", "spring,sow", "Spring", "Sow now", "https://cdn.example.com/s.png"))
                .json_ld(map(json!({"@type": "BlogPosting"})))
                .exclude_from_sitemap(true)
                .folder("fd_1")
                .author("au_1")
                .show_author(false)
                .contributor_ids(strings(&["au_2"]))
                .reviewer_ids(strings(&["au_3"]))
                .tags(strings(&["garden"]))
                .template("tp_3")
                .build();
            ok(m.create(data).await)
        }
        "blogs.create.minimal" => ok(m.create(BlogCreate::builder().name("Autumn").title("Autumn tips").build()).await),
        "blogs.delete" => unit(m.delete("bl_1").await),
        "blogs.get" => ok(m.get("bl_1").await),
        "blogs.get_crawler_view" => ok(m.get_crawler_view("bl_1").await),
        "blogs.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "blogs.list.filters_object" => {
            let f = BlogFilters::builder()
                .q("spring")
                .folder("fd_1")
                .published(true)
                .handle("spring-planting")
                .ordering(BlogOrdering::PublishedAtDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "blogs.list.page" => ok(m.list(&ListParams::new().page(2).page_size(2)).await),
        "blogs.model.publish_unpublish_change_handle" => {
            let mut b = match m.get("bl_1").await {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            let mut steps = vec![];
            for step in 0..3 {
                let r = match step {
                    0 => b.publish().await.map(|_| ()),
                    1 => b.unpublish().await.map(|_| ()),
                    _ => b.change_handle("Spring-2024").await.map(|_| ()),
                };
                if let Err(e) = r {
                    return Some(Err(e));
                }
                steps.push(val(&b));
            }
            Ok(Value::Array(steps))
        }
        "blogs.publish" => ok(m.publish("bl_1").await),
        "blogs.unpublish" => ok(m.unpublish("bl_1").await),
        "blogs.update.dict" => {
            let data =
                BlogUpdate::builder().title("Spring guide").published_at(at("2024-03-01T08:30:00+08:00")).build();
            ok(m.update("bl_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn glossary_terms(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.glossary_terms();
    Some(match name {
        "glossary_terms.change_handle.default_redirect" => ok(m.change_handle("gt_1", "mulching").await),
        "glossary_terms.change_handle" => ok(m.change_handle_with_redirect("gt_1", "mulching").await),
        "glossary_terms.create.full" => {
            let data = GlossaryTermCreate::builder()
                .name("Mulch")
                .handle("Mulch")
                .title("What is mulch?")
                .subtitle("Definition")
                .summary("A protective layer.")
                .content(EditorJs::new().heading(1, "Mulch").paragraph("Organic matter."))
                .seo_meta(seo(
                    "Mulch",
                    "Definition of mulch",
                    "mulch",
                    "Mulch",
                    "Definition",
                    "https://cdn.example.com/m.png",
                ))
                .json_ld(map(json!({"@type": "DefinedTerm"})))
                .exclude_from_sitemap(true)
                .author("au_1")
                .show_author(false)
                .contributor_ids(strings(&["au_2"]))
                .reviewer_ids(strings(&["au_3"]))
                .build();
            ok(m.create(data).await)
        }
        "glossary_terms.create.minimal" => {
            ok(m.create(GlossaryTermCreate::builder().name("Loam").title("What is loam?").build()).await)
        }
        "glossary_terms.delete" => unit(m.delete("gt_1").await),
        "glossary_terms.get" => ok(m.get("gt_1").await),
        "glossary_terms.get_crawler_view" => ok(m.get_crawler_view("gt_1").await),
        "glossary_terms.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "glossary_terms.list.filters_kwargs" => {
            let f =
                GlossaryTermFilters::builder().q("mul").published(false).ordering(GlossaryTermOrdering::Title).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "glossary_terms.list.filters_object" => {
            let f = GlossaryTermFilters::builder()
                .q("mul")
                .published(true)
                .ordering(GlossaryTermOrdering::NameDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "glossary_terms.list.page" => ok(m.list(&ListParams::new().page(1).page_size(3)).await),
        "glossary_terms.model.publish_unpublish_change_handle" => {
            let mut g = match m.get("gt_1").await {
                Ok(g) => g,
                Err(e) => return Some(Err(e)),
            };
            let mut steps = vec![];
            for step in 0..3 {
                let r = match step {
                    0 => g.unpublish().await.map(|_| ()),
                    1 => g.publish().await.map(|_| ()),
                    _ => g.change_handle("MULCHING").await.map(|_| ()),
                };
                if let Err(e) = r {
                    return Some(Err(e));
                }
                steps.push(val(&g));
            }
            Ok(Value::Array(steps))
        }
        "glossary_terms.publish" => ok(m.publish("gt_1").await),
        "glossary_terms.unpublish" => ok(m.unpublish("gt_1").await),
        "glossary_terms.update.dict" => {
            let data = GlossaryTermUpdate::builder().summary("A layer of material").show_author(false).build();
            ok(m.update("gt_1", data).await)
        }
        "glossary_terms.update.model" => {
            let data = GlossaryTermUpdate::builder()
                .name("Mulch")
                .title("Mulch?")
                .subtitle("Def")
                .summary("Layer")
                .content(EditorJs::from_blocks([]))
                .seo_meta(SeoMeta::builder().keywords("mulch").build())
                .json_ld(JsonMap::new())
                .exclude_from_sitemap(true)
                .show_author(true)
                .author("au_2")
                .contributor_ids(strings(&["au_1"]))
                .reviewer_ids(vec![])
                .build();
            ok(m.update("gt_1", data).await)
        }
        _ => return None,
    })
}

/// The manager's `change_handle` checks the handle as the record's does,
/// on both clients: nothing is sent.
#[test]
fn manager_change_handle_checks_the_handle() {
    let server = crate::recorder::Recorder::start(vec![]);
    let config = crate::config(&server.base_url);
    let blocking = konigle_blocking::Client::new(config.clone()).expect("client");
    let refused = blocking.pages().change_handle("pg_1", "About Us!");
    assert!(matches!(refused, Err(Error::InvalidInput { field: Some(ref f), .. }) if f == "handle"), "{refused:?}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let client = konigle::Client::new(config).expect("client");
    let refused = rt.block_on(client.pages().change_handle_with_redirect("pg_1", "About Us!"));
    assert!(matches!(refused, Err(Error::InvalidInput { .. })), "{refused:?}");
    assert!(server.received().is_empty());
}
