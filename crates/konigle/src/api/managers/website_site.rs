//! Website site and design: authors, backups, redirects, components,
//! templates, the design-system stylesheet, theme JS and CSS, and the site.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use konigle_core::filters::{PageFilters, UrlSearch};
use konigle_core::models::{
    add_url_body, form_field, merge_settings, text_body, Backup, BackupRestored, Bootstrapped, EditorJs, Page,
    PageCreate, PageType, PageUpdate, Payload, Site, SiteDocument, SiteDocumentType, SiteUpdate, SiteUrl, Template,
    ThemeContent, UrlSearchResults, UrlType, SITE_THEMES_PATH, STOREFRONT_ASSETS_PATH, STYLESHEET_ASSET_CODE,
    THEME_JS_ASSET_CODE,
};
use konigle_core::pagination::ListParams;
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{Authors, Backups, Components, Redirects, Templates};
use konigle_core::{Body, Error, Json, JsonMap, Method, Query, Request, Result};

use crate::api::{Client, Manager, Record};

/// Manager of content authors (`client.authors()`).
///
#[doc = doc_example!("authors")]
pub type AuthorManager = Manager<Authors>;
/// Manager of backups (`client.backups()`): list, get, create, delete,
/// iter_all and [`restore`](Manager::<Backups>::restore). Backups cannot be
/// edited.
///
#[doc = doc_example!("backups")]
pub type BackupManager = Manager<Backups>;
/// Manager of redirects (`client.redirects()`).
///
#[doc = doc_example!("redirects")]
pub type RedirectManager = Manager<Redirects>;
/// Manager of components (`client.components()`).
///
#[doc = doc_example!("components")]
pub type ComponentManager = Manager<Components>;
/// Manager of site templates (`client.templates()`).
///
#[doc = doc_example!("templates")]
pub type TemplateManager = Manager<Templates>;

impl Client {
    /// Content authors.
    pub fn authors(&self) -> AuthorManager {
        Manager::new(self.clone())
    }
    /// Backups of pages, folders, blog posts, products, templates and the
    /// site's foundation.
    pub fn backups(&self) -> BackupManager {
        Manager::new(self.clone())
    }
    /// URL redirects.
    pub fn redirects(&self) -> RedirectManager {
        Manager::new(self.clone())
    }
    /// Reusable components of pages and templates.
    pub fn components(&self) -> ComponentManager {
        Manager::new(self.clone())
    }
    /// Site templates.
    pub fn templates(&self) -> TemplateManager {
        Manager::new(self.clone())
    }
    /// The design-system stylesheet.
    pub fn stylesheets(&self) -> StylesheetManager {
        StylesheetManager { asset: StorefrontAsset::new(self, STYLESHEET_ASSET_CODE, "stylesheet asset") }
    }
    /// The theme's JavaScript.
    pub fn js(&self) -> ThemeJsManager {
        ThemeJsManager { asset: StorefrontAsset::new(self, THEME_JS_ASSET_CODE, "theme JS asset") }
    }
    /// The theme's CSS and reference template.
    pub fn themes(&self) -> ThemeManager {
        ThemeManager { client: self.clone() }
    }
    /// The site: its details, documents, settings, robots.txt and URLs.
    pub fn website(&self) -> WebsiteManager {
        WebsiteManager { client: self.clone(), documents: Arc::default() }
    }
}

#[crate::facade]
impl Manager<Backups> {
    /// Restores a backup and returns the API's answer.
    pub async fn restore(&self, id: &str) -> Result<BackupRestored> {
        let req = detail_request::<Backup>(Method::Post, id)?.suffix("/restore");
        self.client.fetch(req).await
    }
}

#[crate::facade]
impl Record<Backup> {
    /// Restores this backup (see [`Manager::<Backups>::restore`]).
    pub async fn restore(&self) -> Result<BackupRestored> {
        self.client().backups().restore(&self.id).await
    }
}

#[crate::facade]
impl Manager<Templates> {
    /// Converts a template into a single-component template and returns it.
    pub async fn upgrade_to_single_component_template(&self, id: &str) -> Result<Record<Template>> {
        let req = detail_request::<Template>(Method::Post, id)?.suffix("/upgrade-to-single-component-template");
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl Record<Template> {
    /// Converts this template into a single-component template and returns
    /// the new state (see [`Manager::<Templates>::upgrade_to_single_component_template`]).
    pub async fn upgrade_to_single_component_template(&self) -> Result<Record<Template>> {
        self.client().templates().upgrade_to_single_component_template(&self.id).await
    }
}

/// A storefront asset file (the stylesheet or the theme JS), found by its
/// code; its id is looked up once per manager.
#[derive(Debug, Clone)]
struct StorefrontAsset {
    client: Client,
    code: &'static str,
    what: &'static str,
    id: Arc<Mutex<Option<String>>>,
}

impl StorefrontAsset {
    fn new(client: &Client, code: &'static str, what: &'static str) -> Self {
        StorefrontAsset { client: client.clone(), code, what, id: Arc::default() }
    }

    fn cached(&self) -> Option<String> {
        self.id.lock().map(|id| id.clone()).unwrap_or(None)
    }

    fn file_request(id: &str, method: Method, action: &str) -> Request {
        Request::new(method, STOREFRONT_ASSETS_PATH).segment(id).suffix(action)
    }
}

#[crate::facade]
impl StorefrontAsset {
    /// The asset's id: from the cache, else from the bootstrap call.
    async fn asset_id(&self) -> Result<String> {
        if let Some(id) = self.cached() {
            return Ok(id);
        }
        let req =
            Request::new(Method::Post, STOREFRONT_ASSETS_PATH).suffix("/bootstrap").body(form_field("code", self.code));
        let resp = self.client.execute(req).await?;
        let found: Bootstrapped = resp.json()?;
        let id = found.into_id(resp.status, &resp.body, self.what)?;
        if let Ok(mut slot) = self.id.lock() {
            *slot = Some(id.clone());
        }
        Ok(id)
    }

    async fn content(&self) -> Result<String> {
        let id = self.asset_id().await?;
        let resp = self.client.execute(Self::file_request(&id, Method::Get, "/get-file-content")).await?;
        text_body(resp.status, &resp.body)
    }

    async fn set_content(&self, content: &str) -> Result<()> {
        let id = self.asset_id().await?;
        let req = Self::file_request(&id, Method::Patch, "/save-file-content").body(form_field("content", content));
        self.client.execute(req).await?;
        Ok(())
    }
}

/// The design-system stylesheet of the site (`client.stylesheets()`).
///
/// The first call looks up the stylesheet asset; the manager (and its
/// clones) remember its id, so keep the manager to save that call.
///
#[doc = doc_example!("stylesheets")]
#[derive(Debug, Clone)]
pub struct StylesheetManager {
    asset: StorefrontAsset,
}

#[crate::facade]
impl StylesheetManager {
    /// The stylesheet's CSS, as the API sends it.
    ///
    /// # Errors
    /// [`Error::Decode`] when the site has no stylesheet asset, or any API error.
    pub async fn get_content(&self) -> Result<String> {
        self.asset.content().await
    }

    /// Replaces the stylesheet's CSS.
    ///
    /// # Errors
    /// [`Error::Decode`] when the site has no stylesheet asset, or any API error.
    pub async fn set_content(&self, content: &str) -> Result<()> {
        self.asset.set_content(content).await
    }
}

impl StylesheetManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.asset.client
    }
}

/// The theme's JavaScript (`client.js()`).
///
/// The first call looks up the theme JS asset; the manager (and its clones)
/// remember its id.
///
#[doc = doc_example!("theme_js")]
#[derive(Debug, Clone)]
pub struct ThemeJsManager {
    asset: StorefrontAsset,
}

#[crate::facade]
impl ThemeJsManager {
    /// The theme's JavaScript, as the API sends it.
    ///
    /// # Errors
    /// [`Error::Decode`] when the site has no theme JS asset, or any API error.
    pub async fn get_theme_js(&self) -> Result<String> {
        self.asset.content().await
    }

    /// Replaces the theme's JavaScript.
    ///
    /// # Errors
    /// [`Error::Decode`] when the site has no theme JS asset, or any API error.
    pub async fn set_theme_js(&self, content: &str) -> Result<()> {
        self.asset.set_content(content).await
    }
}

impl ThemeJsManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.asset.client
    }
}

/// The site's theme (`client.themes()`): its CSS and its reference
/// template, the HTML page showing the theme's styles.
///
#[doc = doc_example!("themes")]
#[derive(Debug, Clone)]
pub struct ThemeManager {
    client: Client,
}

impl ThemeManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

#[crate::facade]
impl ThemeManager {
    /// A theme text; `""` when the site has no theme (a 404).
    async fn theme_text(&self, action: &str) -> Result<String> {
        match self.client.execute(Request::new(Method::Get, SITE_THEMES_PATH).suffix(action)).await {
            Ok(resp) => text_body(resp.status, &resp.body),
            Err(Error::NotFound(_)) => Ok(String::new()),
            Err(e) => Err(e),
        }
    }

    async fn set_theme_text(&self, action: &str, content: &str, backup: bool) -> Result<()> {
        let body = ThemeContent::builder().content(content).backup(backup).build().into_body()?;
        self.client.execute(Request::new(Method::Post, SITE_THEMES_PATH).suffix(action).body(body)).await?;
        Ok(())
    }

    /// The theme's CSS; `""` when the site has no theme.
    ///
    /// # Errors
    /// Any API error other than 404 (the reference SDK returns `""` for
    /// every error; here a failure is reported).
    pub async fn get_theme_css(&self) -> Result<String> {
        self.theme_text("/get-css").await
    }

    /// Replaces the theme's CSS, first backing up the current CSS when
    /// `backup` is set.
    pub async fn set_theme_css(&self, content: &str, backup: bool) -> Result<()> {
        self.set_theme_text("/set-css", content, backup).await
    }

    /// The theme's reference template (HTML); `""` when the site has no theme.
    ///
    /// # Errors
    /// Any API error other than 404.
    pub async fn get_reference_theme_template(&self) -> Result<String> {
        self.theme_text("/reference-html").await
    }

    /// Replaces the theme's reference template, first backing up the
    /// current one when `backup` is set.
    pub async fn set_reference_theme_template(&self, content: &str, backup: bool) -> Result<()> {
        self.set_theme_text("/set-reference-html", content, backup).await
    }
}

/// Path of the site details.
const SITE_INFO_PATH: &str = "/admin/api/shops/info";
/// Path of the site documents.
const SITE_DOCUMENTS_PATH: &str = "/admin/api/site-documents";
/// Path of the site settings.
const SITE_SETTINGS_PATH: &str = "/admin/api/site-settings";
/// Path of the site tree search.
const SITE_TREE_SEARCH_PATH: &str = "/services/site-tree/api/v1/site-tree/search";

/// The site (`client.website()`): its details, its documents (northstar,
/// business and website information, design system), its settings, its
/// robots.txt and its URLs.
///
/// There is one site per API key, so there is no list, create or delete.
/// Document ids are looked up once per manager (and its clones).
///
#[doc = doc_example!("website")]
#[derive(Debug, Clone)]
pub struct WebsiteManager {
    client: Client,
    documents: Arc<Mutex<BTreeMap<String, String>>>,
}

impl WebsiteManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn cached_document(&self, kind: &SiteDocumentType) -> Option<String> {
        self.documents.lock().ok().and_then(|d| d.get(kind.as_str()).cloned())
    }
}

#[crate::facade]
impl WebsiteManager {
    /// The site.
    pub async fn get(&self) -> Result<Record<Site>> {
        let site: Site = self.client.fetch(Request::new(Method::Get, SITE_INFO_PATH)).await?;
        Ok(Record::new(site, false, self.client.clone()))
    }

    /// Updates the site's details (looking up the site's id first) and
    /// returns the new state.
    pub async fn update(&self, data: SiteUpdate) -> Result<Record<Site>> {
        let body = data.into_body()?;
        let site = self.get().await?;
        let fresh: Site = self.client.fetch(detail_request::<Site>(Method::Patch, &site.id)?.body(body)).await?;
        Ok(Record::new(fresh, false, self.client.clone()))
    }

    /// The id of the site document of `kind`, looked up once.
    async fn document_id(&self, kind: &SiteDocumentType) -> Result<String> {
        kind.ensure_known("type")?;
        if let Some(id) = self.cached_document(kind) {
            return Ok(id);
        }
        let req = Request::new(Method::Post, SITE_DOCUMENTS_PATH)
            .suffix("/bootstrap")
            .body(form_field("type", kind.as_str()));
        let resp = self.client.execute(req).await?;
        let found: Bootstrapped = resp.json()?;
        let id = found.into_id(resp.status, &resp.body, &format!("site document of type {kind}"))?;
        if let Ok(mut docs) = self.documents.lock() {
            docs.insert(kind.as_str().to_string(), id.clone());
        }
        Ok(id)
    }

    /// The markdown content of the site document of `kind` (`""` when it
    /// has none).
    ///
    /// # Errors
    /// [`Error::Decode`] when the platform has no document of the kind, or
    /// any API error.
    pub async fn get_document(&self, kind: SiteDocumentType) -> Result<String> {
        let id = self.document_id(&kind).await?;
        let doc: SiteDocument = self.client.fetch(Request::new(Method::Get, SITE_DOCUMENTS_PATH).segment(&id)).await?;
        Ok(doc.content)
    }

    /// Replaces the markdown content of the site document of `kind`.
    pub async fn set_document(&self, kind: SiteDocumentType, content: &str) -> Result<()> {
        let id = self.document_id(&kind).await?;
        let req = Request::new(Method::Patch, SITE_DOCUMENTS_PATH).segment(&id).body(form_field("content", content));
        self.client.execute(req).await?;
        Ok(())
    }

    /// The business northstar (information, branding, tone, goals, target
    /// audience) as markdown.
    pub async fn get_northstar(&self) -> Result<String> {
        self.get_document(SiteDocumentType::Northstar).await
    }

    /// Replaces the business northstar.
    pub async fn set_northstar(&self, content: &str) -> Result<()> {
        self.set_document(SiteDocumentType::Northstar, content).await
    }

    /// The business information as markdown.
    pub async fn get_business_info(&self) -> Result<String> {
        self.get_document(SiteDocumentType::BusinessInfo).await
    }

    /// Replaces the business information.
    pub async fn set_business_info(&self, content: &str) -> Result<()> {
        self.set_document(SiteDocumentType::BusinessInfo, content).await
    }

    /// The website information as markdown.
    pub async fn get_website_info(&self) -> Result<String> {
        self.get_document(SiteDocumentType::WebsiteInfo).await
    }

    /// Replaces the website information.
    pub async fn set_website_info(&self, content: &str) -> Result<()> {
        self.set_document(SiteDocumentType::WebsiteInfo, content).await
    }

    /// The design system as markdown.
    pub async fn get_design_system(&self) -> Result<String> {
        self.get_document(SiteDocumentType::DesignSystem).await
    }

    /// Replaces the design system.
    pub async fn set_design_system(&self, content: &str) -> Result<()> {
        self.set_document(SiteDocumentType::DesignSystem, content).await
    }

    /// The site's settings, of the site `site_id` or, with `None` (or an
    /// empty id), of this site (looked up first).
    pub async fn get_settings(&self, site_id: Option<&str>) -> Result<JsonMap> {
        let id = match site_id.filter(|id| !id.is_empty()) {
            Some(id) => id.to_string(),
            None => self.get().await?.id.clone(),
        };
        self.client.fetch(Request::new(Method::Get, SITE_SETTINGS_PATH).segment(&id)).await
    }

    /// Changes the site's settings: the current settings are read, `changes`
    /// merged into them (see [`merge_settings`]: nested objects one level
    /// deep, other values replaced) and the whole result written back.
    /// Returns the settings as stored.
    pub async fn set_settings(&self, changes: JsonMap) -> Result<JsonMap> {
        let id = self.get().await?.id.clone();
        let current = self.get_settings(Some(&id)).await?;
        let merged = merge_settings(&current, &changes);
        let req = Request::new(Method::Put, SITE_SETTINGS_PATH).segment(&id).body(Body::Json(merged.into()));
        self.client.fetch(req).await
    }

    /// The robots.txt page with its detail, if the site has one.
    async fn robots_txt_page(&self) -> Result<Option<Record<Page>>> {
        let robots = PageFilters::builder().page_type(PageType::Robots).folder("none").handle("robots").build();
        let listed = self.client.pages().list(&ListParams::with_filters(robots).page(1).page_size(1)).await?;
        match listed.items.into_iter().next() {
            Some(page) if !page.id.is_empty() => Ok(Some(self.client.pages().get(&page.id).await?)),
            _ => Ok(None),
        }
    }

    /// The content of the site's robots.txt; `""` when it has none.
    pub async fn get_robots_txt(&self) -> Result<String> {
        let page = self.robots_txt_page().await?;
        Ok(page
            .as_ref()
            .and_then(|p| p.content.extra.get("text"))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string())
    }

    /// Sets the content of the site's robots.txt: updates the robots page,
    /// or creates it in the home folder (out of the sitemap) and publishes
    /// it. Returns the page as the API answered the update or the creation.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the page must be created and the site
    /// has no home folder, or any API error.
    pub async fn set_robots_txt(&self, content: &str) -> Result<Record<Page>> {
        // robots.txt is stored as a text document, not as EditorJS blocks.
        let text: EditorJs = serde_json::from_value(serde_json::json!({ "text": content }))
            .map_err(|e| Error::invalid("content", e.to_string()))?;
        if let Some(page) = self.robots_txt_page().await? {
            return self.client.pages().update(&page.id, PageUpdate::builder().content(text).build()).await;
        }
        let home = self
            .client
            .folders()
            .get_home_folder(false)
            .await?
            .ok_or_else(|| Error::InvalidInput { field: None, message: "the site has no home folder".into() })?;
        let robots = PageCreate::builder()
            .name("robots.txt")
            .handle("robots")
            .title("robots.txt")
            .page_type(PageType::Robots)
            .folder(home.id.clone())
            .content(text)
            .exclude_from_sitemap(true)
            .build();
        let created = self.client.pages().create(robots).await?;
        self.client.pages().publish(&created.id).await?;
        Ok(created)
    }

    /// Adds a page or folder at `pathname`, creating the folders above it
    /// as needed. Returns what was created.
    pub async fn add_url(&self, pathname: &str, url_type: UrlType) -> Result<SiteUrl> {
        let body = add_url_body(pathname, &url_type)?;
        self.client.fetch(collection_request::<Page>(Method::Post).suffix("/add-url").body(body)).await
    }

    /// What lives at `pathname`, in page version `version` when set.
    pub async fn get_url(&self, pathname: &str, version: Option<&str>) -> Result<SiteUrl> {
        let mut q = Query::default();
        q.push("pathname", pathname);
        if let Some(v) = version.filter(|v| !v.is_empty()) {
            q.push("version", v);
        }
        self.client.fetch(collection_request::<Page>(Method::Get).suffix("/get-url").query(q)).await
    }

    /// Searches the site's URLs.
    pub async fn search_urls(&self, search: &UrlSearch) -> Result<UrlSearchResults> {
        let q = search.to_query()?;
        self.client.fetch(Request::new(Method::Get, SITE_TREE_SEARCH_PATH).query(q)).await
    }
}
