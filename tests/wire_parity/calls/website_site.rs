//! Website site and design fixtures: authors, backups, components,
//! templates, redirects, the stylesheet, theme JS, themes and the site.

use super::*;
use konigle_core::filters::{
    AuthorFilters, AuthorOrdering, BackupFilters, BackupOrdering, ComponentFilters, ComponentOrdering, RedirectFilters,
    RedirectOrdering, TemplateFilters, TemplateOrdering, UrlSearch,
};
use konigle_core::models::{
    AuthorCreate, AuthorUpdate, BackupCreate, BackupKind, BackupStatus, BackupTrigger, BackupType, ComponentCreate,
    ComponentType, ComponentUpdate, HtmlSnippet, HtmlSnippets, LayoutBlock, RedirectCreate, RedirectUpdate, Segment,
    SiteContentType, SiteUpdate, SocialLinks, TemplateCreate, TemplateLayout, TemplateUpdate, UrlType,
};

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    (
        "authors.list.filters_kwargs",
        "filters are typed: AuthorFilters has no `anything_goes` field, so it does not compile \
         (the typed filters are checked by authors.list.filters_object)",
    ),
    ("backups.list.unknown_filter", "filters are typed: BackupFilters has no `site` field, so it does not compile"),
    (
        "backups.update.dict",
        "backups are never edited: the backups manager has no update (an untyped dict in the reference), \
         so the call does not compile",
    ),
    (
        "website.create",
        "the site cannot be created through the API: WebsiteManager has no create, so it does not compile",
    ),
    (
        "website.delete",
        "the site cannot be deleted through the API: WebsiteManager has no delete, so it does not compile",
    ),
    ("website.list", "there is one site per API key: WebsiteManager has no list, so it does not compile"),
    ("website.iter_all", "there is one site per API key: WebsiteManager has no iter_all, so it does not compile"),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[(
    "themes.get_reference_theme_template.error_swallowed",
    "a 500 is reported as Error::Server instead of being swallowed into \"\"; only a 404 (no theme) reads as \"\" \
     (tested by theme_errors_other_than_404_are_reported in tests/website_site/scenarios.rs)",
)];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[];

/// The 32-byte PNG the author fixtures upload.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

fn jane() -> AuthorCreate {
    AuthorCreate::builder().name("Jane Doe").handle("jane-doe").build()
}

fn jane_with(avatar: FileInput) -> AuthorCreate {
    AuthorCreate::builder().name("Jane Doe").handle("jane-doe").avatar(avatar).build()
}

fn segment(blocks: Vec<(&str, LayoutBlock)>) -> Segment {
    let order = blocks.iter().map(|(k, _)| k.to_string()).collect();
    Segment::builder().blocks(blocks.into_iter().map(|(k, b)| (k.to_string(), b)).collect()).order(order).build()
}

fn block(component: &str) -> LayoutBlock {
    LayoutBlock::builder().component_id(component).build()
}

fn snippet(name: &str, html: &str) -> HtmlSnippet {
    HtmlSnippet::builder().name(name).html(html).build()
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let prefix = name.split('.').next().unwrap_or("");
    match prefix {
        "authors" => authors(name, c, ctx).await,
        "backups" => backups(name, c).await,
        "components" => components(name, c).await,
        "templates" => templates(name, c).await,
        "redirects" => redirects(name, c).await,
        "stylesheets" | "js" | "themes" => design(name, c).await,
        "website" => website(name, c).await,
        _ => None,
    }
}

#[facade]
async fn authors(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let m = c.authors();
    Some(match name {
        "authors.create.avatar_bad_extension" => {
            ok(m.create(jane_with(FileInput::path(ctx.file("jane.txt", b"not an image")))).await)
        }
        "authors.create.avatar_bytes" => ok(m.create(jane_with(FileInput::bytes(PNG))).await),
        "authors.create.avatar_bytesio" => ok(m.create(jane_with(FileInput::reader(std::io::Cursor::new(PNG)))).await),
        "authors.create.avatar_path" => {
            let data = AuthorCreate::builder()
                .name("Jane Doe")
                .handle("jane-doe")
                .tagline("Editor")
                .bio("Bio")
                .email("jane@example.com")
                .social_links(SocialLinks::builder().website("https://jane.example.com").build())
                .avatar(FileInput::path(ctx.file("jane.png", PNG)))
                .build();
            ok(m.create(data).await)
        }
        "authors.create.avatar_tuple" => ok(m.create(jane_with((PNG, "portrait.png").into())).await),
        "authors.create.full_json" => {
            let links = SocialLinks::builder()
                .website("https://jane.example.com")
                .twitter("https://twitter.com/jane")
                .facebook("https://facebook.com/jane")
                .linkedin("https://linkedin.com/in/jane")
                .build();
            let data = AuthorCreate::builder()
                .name("Jane Doe")
                .handle("jane-doe")
                .tagline("Editor")
                .bio("Writes about gardening.")
                .email("jane@example.com")
                .social_links(links)
                .build();
            ok(m.create(data).await)
        }
        "authors.create.handle_too_long" => {
            ok(m.create(AuthorCreate::builder().name("Jane Doe").handle("h".repeat(51)).build()).await)
        }
        "authors.create.minimal" => ok(m.create(AuthorCreate::builder().name("Raj Kumar").handle("raj").build()).await),
        "authors.delete" => unit(m.delete("au_1").await),
        "authors.get" => ok(m.get("au_1").await),
        "authors.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "authors.list.filters_object" => {
            let f =
                AuthorFilters::builder().q("jane").handle("jane-doe").ordering(AuthorOrdering::CreatedAtDesc).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "authors.list.page" => ok(m.list(&ListParams::new().page(2).page_size(5)).await),
        "authors.update.avatar" => {
            let data = AuthorUpdate::builder().name("Jane").avatar((PNG, "new.png")).build();
            ok(m.update("au_1", data).await)
        }
        "authors.update.dict" => {
            ok(m.update("au_1", AuthorUpdate::builder().name("Jane Q. Doe").bio("").build()).await)
        }
        "authors.update.model" => {
            let data = AuthorUpdate::builder()
                .tagline("Chief Editor")
                .social_links(SocialLinks::builder().twitter("https://twitter.com/jane2").build())
                .build();
            ok(m.update("au_1", data).await)
        }
        _ => {
            let _ = jane();
            return None;
        }
    })
}

#[facade]
async fn backups(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.backups();
    Some(match name {
        "backups.create.bad_type" => {
            let data = BackupCreate::builder().backup_type("theme".into()).trigger(BackupTrigger::Manual).build();
            ok(m.create(data).await)
        }
        "backups.create.full" => {
            let data = BackupCreate::builder()
                .backup_type(BackupType::Page)
                .target_id("pg_1")
                .description("before redesign")
                .trigger(BackupTrigger::Manual)
                .build();
            ok(m.create(data).await)
        }
        "backups.create.minimal" => {
            let data =
                BackupCreate::builder().backup_type(BackupType::SiteFoundation).trigger(BackupTrigger::Auto).build();
            ok(m.create(data).await)
        }
        "backups.delete" => unit(m.delete("bk_1").await),
        "backups.get" => ok(m.get("bk_1").await),
        "backups.iter_all" => {
            let f = BackupFilters::builder().kind(BackupKind::Durable).build();
            ok(collect(m.iter_all(&ListParams::new().page_size(2).filters(f))).await)
        }
        "backups.list.filters_kwargs" => {
            let f = BackupFilters::builder()
                .kind(BackupKind::Transient)
                .backup_type(BackupType::SiteFoundation)
                .status(BackupStatus::InProgress)
                .ordering(BackupOrdering::CreatedAt)
                .maybe_target_id(None::<String>)
                .build();
            ok(m.list(&ListParams::new().page_size(10).filters(f)).await)
        }
        "backups.list.filters_object" => {
            let f = BackupFilters::builder()
                .kind(BackupKind::Durable)
                .backup_type(BackupType::Page)
                .target_id("pg_1")
                .status(BackupStatus::Completed)
                .ordering(BackupOrdering::CreatedAtDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "backups.list.invalid_filter_value" => {
            let f = BackupFilters::builder().kind("forever".into()).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "backups.list.page" => ok(m.list(&ListParams::new().page(3).page_size(200)).await),
        "backups.list.page_size_too_big" => ok(m.list(&ListParams::new().page_size(201)).await),
        "backups.restore" => ok(m.restore("bk_1").await),
        _ => return None,
    })
}

#[facade]
async fn components(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.components();
    Some(match name {
        "components.create.full_widget" => {
            let data = ComponentCreate::builder()
                .name("Site Footer")
                .description("Footer with links")
                .version("2.1.0")
                .template_html("<footer>{{ year }}</footer>")
                .kind(ComponentType::Widget)
                // The reference's random suffix, fixed in the recording.
                .template_code("site-footer-0a1b2c3d")
                .build();
            ok(m.create(data).await)
        }
        "components.create.minimal" => {
            let data = ComponentCreate::builder().name("Hero Banner").template_code("hero-banner-0a1b2c3d").build();
            ok(m.create(data).await)
        }
        "components.create.version_too_long" => {
            ok(m.create(ComponentCreate::builder().name("X").version("10.10.10-rc1").build()).await)
        }
        "components.delete" => unit(m.delete("cm_1").await),
        "components.get" => ok(m.get("cm_1").await),
        "components.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "components.list.filters_kwargs" => {
            let f = ComponentFilters::builder().q("footer").kind("widget").ordering(ComponentOrdering::Name).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "components.list.filters_object" => {
            let f = ComponentFilters::builder()
                .q("hero")
                .kind("fluid,widget")
                .ordering(ComponentOrdering::UpdatedAtDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "components.list.page" => ok(m.list(&ListParams::new().page(1).page_size(20)).await),
        "components.update.dict" => {
            ok(m.update("cm_1", ComponentUpdate::builder().template_html("<div></div>").build()).await)
        }
        "components.update.model" => {
            let data = ComponentUpdate::builder()
                .name("Hero")
                .description("Hero section")
                .version("1.1.0")
                .template_html("<section>{{ title }}</section>")
                .build();
            ok(m.update("cm_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn templates(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.templates();
    Some(match name {
        "templates.create.bad_block_key" => {
            let layout = TemplateLayout::builder().main(segment(vec![("Hero-1", block("cm_1"))])).build();
            ok(m.create(TemplateCreate::builder().name("X").handle("x").layout(layout).build()).await)
        }
        "templates.create.dict_layout" => {
            let layout = TemplateLayout::builder().main(segment(vec![("b1", block("cm_1"))])).build();
            ok(m.create(TemplateCreate::builder().name("Dict").handle("dict").layout(layout).build()).await)
        }
        "templates.create.duplicate_snippet_names" => {
            let twice = HtmlSnippets::from(vec![snippet("a", "1"), snippet("a", "2")]);
            ok(m.create(TemplateCreate::builder().name("X").handle("x").head_snippets(twice).build()).await)
        }
        "templates.create.full" => {
            let nav = LayoutBlock::builder().component_id("cm_2").name("Navigation").build();
            let mut settings = konigle_core::JsonMap::new();
            settings.insert("settings".into(), json!({"dark": true}));
            let hero = LayoutBlock::builder().component_id("cm_1").name("Hero").extra(settings).build();
            let layout = TemplateLayout::builder()
                .header(segment(vec![("nav", nav)]))
                .main(segment(vec![("hero", hero), ("cta_2", block("cm_3"))]))
                .footer(Segment::default())
                .template_id("tp_1")
                .build();
            let font = HtmlSnippet::builder().name("font").html("<link rel=\"preconnect\">").enabled(false).build();
            let data = TemplateCreate::builder()
                .name("Landing")
                .handle("Landing")
                .layout(layout)
                .is_base(false)
                .base("tp_base")
                .head_snippets(vec![snippet("ga", "<script>ga()</script>"), font].into())
                .body_end_snippets(vec![snippet("chat", "<script src=\"/chat.js\"></script>")].into())
                .build();
            ok(m.create(data).await)
        }
        "templates.create.minimal" => {
            ok(m.create(TemplateCreate::builder().name("Article").handle("article").build()).await)
        }
        "templates.delete" => unit(m.delete("tp_1").await),
        "templates.get" => ok(m.get("tp_1").await),
        "templates.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "templates.list.filters_kwargs" => {
            let f = TemplateFilters::builder().is_base(true).ordering(TemplateOrdering::Name).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "templates.list.filters_object" => {
            let f = TemplateFilters::builder()
                .q("land")
                .handle("landing")
                .is_base(false)
                .base("tp_base")
                .ordering(TemplateOrdering::HandleDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "templates.list.page" => ok(m.list(&ListParams::new().page(1).page_size(2)).await),
        "templates.update.dict" => {
            let data = TemplateUpdate::builder()
                .name("Landing v3")
                .is_base(false)
                .head_snippets(vec![snippet("pixel", "<img src=\"/p.gif\">")].into())
                .build();
            ok(m.update("tp_1", data).await)
        }
        "templates.update.model" => {
            let layout = TemplateLayout::builder().main(segment(vec![("hero", block("cm_1"))])).build();
            let data = TemplateUpdate::builder()
                .name("Landing v2")
                .handle("Landing-V2")
                .layout(layout)
                .is_base(true)
                .base("tp_base")
                .head_snippets(HtmlSnippets::default())
                .body_end_snippets(HtmlSnippets::default())
                .build();
            ok(m.update("tp_1", data).await)
        }
        "templates.upgrade_to_single_component_template" => ok(m.upgrade_to_single_component_template("tp_1").await),
        _ => return None,
    })
}

#[facade]
async fn redirects(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.redirects();
    Some(match name {
        "redirects.create.bad_path" => {
            ok(m.create(RedirectCreate::builder().path("old").target("/about").build()).await)
        }
        "redirects.create.bad_target" => {
            ok(m.create(RedirectCreate::builder().path("/old").target("ftp://x").build()).await)
        }
        "redirects.create.full" => {
            let data = RedirectCreate::builder()
                .path("/promo")
                .target("https://shop.example.com/sale")
                .permanent(false)
                .build();
            ok(m.create(data).await)
        }
        "redirects.create.minimal" => {
            ok(m.create(RedirectCreate::builder().path("/old-about").target("/about").build()).await)
        }
        "redirects.delete" => unit(m.delete("rd_1").await),
        "redirects.get" => ok(m.get("rd_1").await),
        "redirects.iter_all" => ok(collect(m.iter_all(&ListParams::new().page_size(2))).await),
        "redirects.list.filters_kwargs" => {
            let f = RedirectFilters::builder()
                .q("promo")
                .target("https://shop.example.com/sale")
                .ordering(RedirectOrdering::Target)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "redirects.list.filters_object" => {
            let f = RedirectFilters::builder()
                .q("about")
                .path("/old-about")
                .target("/about")
                .ordering(RedirectOrdering::PathDesc)
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "redirects.list.page" => ok(m.list(&ListParams::new().page(1).page_size(100)).await),
        "redirects.update.dict" => {
            ok(m.update("rd_1", RedirectUpdate::builder().target("http://example.org/about").build()).await)
        }
        "redirects.update.dict_invalid" => {
            ok(m.update("rd_1", RedirectUpdate::builder().target("about").build()).await)
        }
        "redirects.update.model" => {
            let data = RedirectUpdate::builder().path("/old-about-us").target("/team").permanent(false).build();
            ok(m.update("rd_1", data).await)
        }
        _ => return None,
    })
}

/// `Ok(null)` for a unit result, as the reference's `None`.
fn none(r: konigle_core::Result<()>) -> Outcome {
    r.map(|()| Value::Null)
}

#[facade]
async fn design(name: &str, c: &Client) -> Option<Outcome> {
    Some(match name {
        "stylesheets.get_content" | "stylesheets.get_content.asset_missing" => ok(c.stylesheets().get_content().await),
        "stylesheets.get_then_set.cached_asset_id" => stylesheet_round_trip(c).await,
        "stylesheets.set_content" => {
            none(c.stylesheets().set_content(":root { --primary: #f00; }\nbody { margin: 0 }").await)
        }
        "stylesheets.set_content.bootstrap_404" => none(c.stylesheets().set_content("x").await),
        "js.get_theme_js" => ok(c.js().get_theme_js().await),
        "js.get_then_set.cached_asset_id" => js_round_trip(c).await,
        "js.set_theme_js" => {
            none(c.js().set_theme_js("document.addEventListener(\"DOMContentLoaded\", () => {});").await)
        }
        "js.set_theme_js.asset_missing" => none(c.js().set_theme_js("x").await),
        "themes.get_reference_theme_template" => ok(c.themes().get_reference_theme_template().await),
        "themes.get_theme_css" | "themes.get_theme_css.error_swallowed" => ok(c.themes().get_theme_css().await),
        "themes.set_reference_theme_template" => {
            none(c.themes().set_reference_theme_template("<html><body>ref</body></html>", true).await)
        }
        "themes.set_reference_theme_template.default_backup" => {
            none(c.themes().set_reference_theme_template("<p>x</p>", false).await)
        }
        "themes.set_theme_css" => none(c.themes().set_theme_css(":root{--bg:#000}", true).await),
        "themes.set_theme_css.default_backup" => none(c.themes().set_theme_css(":root{}", false).await),
        "themes.set_theme_css.error" => none(c.themes().set_theme_css("bad", false).await),
        _ => return None,
    })
}

#[facade]
async fn website(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.website();
    let doc = "Updated & improved.";
    Some(match name {
        "website.add_url" => ok(m.add_url("/guides/soil/loam", UrlType::Folder).await),
        "website.add_url.default_type" => ok(m.add_url("/guides/soil/loam-basics", UrlType::Page).await),
        "website.get" => ok(m.get().await),
        "website.get_business_info" => ok(m.get_business_info().await),
        "website.get_design_system" | "website.get_design_system.bootstrap_without_id" => {
            ok(m.get_design_system().await)
        }
        "website.get_northstar" | "website.get_northstar.missing_content" => ok(m.get_northstar().await),
        "website.get_robots_txt" | "website.get_robots_txt.missing" => ok(m.get_robots_txt().await),
        "website.get_settings" => ok(m.get_settings(None).await),
        "website.get_settings.site_id" => ok(m.get_settings(Some("site_42")).await),
        "website.get_then_set_northstar.cached_doc_id" => documents_round_trip(c).await,
        "website.get_url" => ok(m.get_url("/about", None).await),
        "website.get_url.version" => ok(m.get_url("/about", Some("b")).await),
        "website.get_website_info" => ok(m.get_website_info().await),
        "website.search_urls" => {
            let s = UrlSearch::builder()
                .query("soil")
                .types(vec![SiteContentType::Page, SiteContentType::Blog, SiteContentType::GlossaryTerm])
                .limit(5)
                .path("/guides")
                .build();
            ok(m.search_urls(&s).await)
        }
        "website.search_urls.falsy_skipped" => {
            ok(m.search_urls(&UrlSearch::builder().query("x").types(vec![]).limit(0).path("").build()).await)
        }
        "website.search_urls.minimal" => ok(m.search_urls(&UrlSearch::builder().query("about").build()).await),
        "website.set_business_info" => none(m.set_business_info(&format!("# business_info\n\n{doc}")).await),
        "website.set_design_system" => none(m.set_design_system(&format!("# design_system\n\n{doc}")).await),
        "website.set_northstar" => none(m.set_northstar(&format!("# northstar\n\n{doc}")).await),
        "website.set_website_info" => none(m.set_website_info(&format!("# website_info\n\n{doc}")).await),
        "website.set_robots_txt.create_new" => ok(m.set_robots_txt("User-agent: *\nAllow: /").await),
        "website.set_robots_txt.no_home_folder" => ok(m.set_robots_txt("x").await),
        "website.set_robots_txt.update_existing" => ok(m.set_robots_txt("User-agent: *\nDisallow: /private").await),
        "website.set_settings" => {
            let changes = json!({"seo": {"noindex": true}, "social": "none", "analytics": {"ga": "G-1"}});
            ok(m.set_settings(changes.as_object().cloned().unwrap_or_default()).await)
        }
        "website.update.dict" => ok(m.update(SiteUpdate::builder().city("Kuala Lumpur").build()).await),
        "website.update.model" => {
            let data = SiteUpdate::builder()
                .name("Green Thumb Co")
                .address1("2 Leaf Lane")
                .address2("Unit 5")
                .city("Kuala Lumpur")
                .country("MY")
                .province("KL")
                .phone("+60 3 0000 0000")
                .build();
            ok(m.update(data).await)
        }
        _ => return None,
    })
}

/// Get, set, get again through one stylesheet manager (the asset id is looked up once).
#[facade]
async fn stylesheet_round_trip(c: &Client) -> Outcome {
    let m = c.stylesheets();
    let a = m.get_content().await?;
    m.set_content("body{}").await?;
    let b = m.get_content().await?;
    Ok(json!([a, b]))
}

/// Get then set through one theme JS manager.
#[facade]
async fn js_round_trip(c: &Client) -> Outcome {
    let m = c.js();
    let a = m.get_theme_js().await?;
    m.set_theme_js("let x = 1 & 2;").await?;
    Ok(json!(a))
}

/// Two documents through one website manager (each id looked up once).
#[facade]
async fn documents_round_trip(c: &Client) -> Outcome {
    let m = c.website();
    let a = m.get_northstar().await?;
    m.set_northstar("New north").await?;
    let b = m.get_business_info().await?;
    Ok(json!([a, b]))
}
