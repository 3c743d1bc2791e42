//! The resource table: one [`ResourceSpec`] per collection, with the
//! schemas (fields and defaults, in the platform's answer order) and the
//! hooks that derive computed fields.

use serde_json::{json, Value};

use crate::store::{
    list_items, now, slugify, value_text, ApiError, Auth, Doc, Envelope, Event, Filter, IdStyle, Input, ListStyle, Ops,
    ResourceSpec, Store, StoredFile, Timestamps, UploadedFile, View,
};

/// Names of the collections, for [`MockServer::documents`](crate::MockServer::documents)
/// and [`MockServer::insert`](crate::MockServer::insert).
pub mod collections {
    /// Images, videos and documents (`/admin/api/storefront-assets`).
    pub const ASSETS: &str = "assets";
    /// Direct and cloud uploads (`/admin/api/uploads`).
    pub const UPLOADS: &str = "uploads";
    /// Third-party connections (`/relay/api/v1/connections`).
    pub const CONNECTIONS: &str = "connections";
    /// Forms of the forms service (`/api/dev/forms/`).
    pub const FORMS: &str = "forms";
    /// Submissions of forms (`/api/dev/forms/<slug>/submissions/`).
    pub const FORM_SUBMISSIONS: &str = "form_submissions";
    /// Cloud computers.
    pub const COMPUTERS: &str = "computers";
    /// Cloud background jobs.
    pub const JOBS: &str = "jobs";
    /// Cloud web apps.
    pub const WEBAPPS: &str = "webapps";
    /// Spaces (UAT, production) of web apps.
    pub const SPACES: &str = "spaces";
    /// Deployments made by `deploy` and `promote`.
    pub const DEPLOYMENTS: &str = "deployments";
    /// Products.
    pub const PRODUCTS: &str = "products";
    /// Product variants.
    pub const PRODUCT_VARIANTS: &str = "product_variants";
    /// Product images.
    pub const PRODUCT_IMAGES: &str = "product_images";
    /// Audiences.
    pub const AUDIENCES: &str = "audiences";
    /// Campaigns.
    pub const CAMPAIGNS: &str = "campaigns";
    /// Contacts.
    pub const CONTACTS: &str = "contacts";
    /// Email accounts.
    pub const EMAIL_ACCOUNTS: &str = "email_accounts";
    /// Email channels.
    pub const EMAIL_CHANNELS: &str = "email_channels";
    /// Email sending identities.
    pub const EMAIL_IDENTITIES: &str = "email_identities";
    /// Email templates.
    pub const EMAIL_TEMPLATES: &str = "email_templates";
    /// Every email sent through `send-email` or `send-test-email`.
    pub const SENT_EMAILS: &str = "sent_emails";
    /// Content authors (`/admin/api/content-authors`).
    pub const AUTHORS: &str = "authors";
    /// Content folders (`/admin/api/content-folders`), the home folder included.
    pub const FOLDERS: &str = "folders";
    /// Pages (`/admin/api/pages`).
    pub const PAGES: &str = "pages";
    /// Blog posts (`/admin/api/blogs`).
    pub const BLOGS: &str = "blogs";
    /// Glossary terms (`/admin/api/glossary-terms`).
    pub const GLOSSARY_TERMS: &str = "glossary_terms";
    /// Page components (`/admin/api/components`).
    pub const COMPONENTS: &str = "components";
    /// Site templates (`/admin/api/site-templates`).
    pub const SITE_TEMPLATES: &str = "site_templates";
    /// URL redirects (`/admin/api/redirects`).
    pub const REDIRECTS: &str = "redirects";
    /// Backups (`/backup/api/v1/backups`) with the snapshot they restore.
    pub const BACKUPS: &str = "backups";
    /// The site (`/admin/api/shops`).
    pub const SITES: &str = "sites";
    /// Site settings, one document per site (`/admin/api/site-settings/<uid>`).
    pub const SITE_SETTINGS: &str = "site_settings";
    /// Site documents: northstar, business info, website info, design system.
    pub const SITE_DOCUMENTS: &str = "site_documents";
    /// The stylesheet and theme-JS assets (`storefront-assets/bootstrap`).
    pub const DESIGN_ASSETS: &str = "design_assets";
    /// The site theme (CSS and reference HTML).
    pub const THEMES: &str = "themes";
}

use collections::*;

fn s(doc: &Doc, key: &str) -> String {
    doc.get(key).and_then(value_text).unwrap_or_default()
}

fn id(doc: &Doc) -> String {
    s(doc, "id")
}

fn uid(doc: &Doc) -> String {
    s(doc, "uid")
}

/// The MIME type of an upload: the client's when specific, else guessed
/// from the file name, else from the first bytes.
pub fn detect_mime(file: &UploadedFile) -> String {
    let given = file.content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if !given.is_empty() && given != "application/octet-stream" {
        return given;
    }
    let ext = file.filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let by_ext = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "pdf" => "application/pdf",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "md" | "markdown" => "text/markdown",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "",
    };
    if !by_ext.is_empty() {
        return by_ext.to_owned();
    }
    let d = &file.data[..];
    let sniffed = if d.starts_with(b"\x89PNG") {
        "image/png"
    } else if d.starts_with(b"\xff\xd8") {
        "image/jpeg"
    } else if d.starts_with(b"GIF8") {
        "image/gif"
    } else if d.starts_with(b"RIFF") {
        "image/webp"
    } else if d.starts_with(b"\x1a\x45\xdf\xa3") {
        "video/webm"
    } else if d.len() > 8 && &d[4..8] == b"ftyp" {
        "video/mp4"
    } else if d.starts_with(b"%PDF") {
        "application/pdf"
    } else if d.starts_with(b"PK") {
        "application/zip"
    } else {
        "application/octet-stream"
    };
    sniffed.to_owned()
}

/// Width and height of a PNG or GIF image, from its header.
pub fn image_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() >= 24 && data.starts_with(b"\x89PNG") && &data[12..16] == b"IHDR" {
        let w = u32::from_be_bytes([data[16], data[17], data[18], data[19]]);
        let h = u32::from_be_bytes([data[20], data[21], data[22], data[23]]);
        return Some((w, h));
    }
    if data.len() >= 10 && data.starts_with(b"GIF8") {
        return Some((u16::from_le_bytes([data[6], data[7]]) as u32, u16::from_le_bytes([data[8], data[9]]) as u32));
    }
    None
}

fn etag(data: &[u8]) -> String {
    // FNV-1a, twice with different seeds: a stable 32-hex-digit tag.
    let fnv = |seed: u64| data.iter().fold(seed, |h, b| (h ^ *b as u64).wrapping_mul(0x100_0000_01b3));
    format!("{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
}

fn store_upload(store: &mut Store, key: &str, file: &UploadedFile, mime: &str) -> String {
    store.put_file(
        key,
        StoredFile { filename: file.filename.clone(), content_type: mime.to_owned(), data: file.data.clone() },
    )
}

// ---------------------------------------------------------------- assets

fn asset_schema() -> Value {
    json!({"name": "", "mime_type": "application/octet-stream", "alt_text": "", "size": 0, "asset_url": null,
           "tags": [], "description": null, "meta": null, "image_width": null, "image_height": null})
}

fn asset_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        let file = input.file(None).ok_or_else(|| ApiError::field("file", "No file was submitted."))?;
        let mime = detect_mime(file);
        let url = store_upload(store, &id(doc), file, &mime);
        doc.insert("mime_type".into(), json!(mime));
        doc.insert("size".into(), json!(file.data.len()));
        doc.insert("asset_url".into(), json!(url));
        set_image_size(doc, &mime, image_size(&file.data));
    }
    Ok(())
}

/// Sets `image_width`/`image_height` for images and removes them otherwise.
pub fn set_image_size(doc: &mut Doc, mime: &str, size: Option<(u32, u32)>) {
    if mime.starts_with("image/") {
        doc.insert("image_width".into(), size.map_or(Value::Null, |(w, _)| json!(w)));
        doc.insert("image_height".into(), size.map_or(Value::Null, |(_, h)| json!(h)));
    } else {
        doc.shift_remove("image_width");
        doc.shift_remove("image_height");
    }
}

// ---------------------------------------------------------------- uploads

fn upload_schema() -> Value {
    json!({"url": null, "mime_type": "application/octet-stream", "name": "", "size": 0, "meta": {}, "description": "",
           "storage_path": "", "etag": "", "status": "pending", "upload_started_at": null,
           "upload_ended_at": null, "tags": []})
}

fn upload_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        if let Some(file) = input.file(None) {
            let key = id(doc);
            let mime = detect_mime(file);
            let url = store_upload(store, &key, file, &mime);
            let stamp = now();
            doc.insert("url".into(), json!(url));
            doc.insert("mime_type".into(), json!(mime));
            doc.insert("size".into(), json!(file.data.len()));
            doc.insert("storage_path".into(), json!(format!("mock/uploads/{key}/{}", file.filename)));
            doc.insert("etag".into(), json!(etag(&file.data)));
            doc.insert("status".into(), json!("completed"));
            doc.insert("upload_started_at".into(), json!(stamp));
            doc.insert("upload_ended_at".into(), json!(stamp));
        }
    }
    Ok(())
}

/// The etag the mock gives stored bytes.
pub fn upload_etag(data: &[u8]) -> String {
    etag(data)
}

// ---------------------------------------------------------------- connections, forms

fn connection_schema() -> Value {
    json!({"provider": "", "token_expires_at": null, "status": "active", "root_resource_id": null,
           "root_resource_name": null, "scopes": []})
}

fn form_schema() -> Value {
    json!({"name": "", "slug": "", "is_active": true, "captcha_enabled": false, "captcha_site_key": null,
           "endpoint_url": ""})
}

fn form_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        let slug = store.unique_slug(FORMS, "slug", &s(doc, "name"), "form", None);
        doc.insert("endpoint_url".into(), json!(format!("{}/f/{slug}", store.base_url())));
        doc.insert("slug".into(), json!(slug));
    }
    Ok(())
}

fn submission_schema() -> Value {
    json!({"form_name": null, "form_slug": null, "form_data": {}, "ip_address": "127.0.0.1", "user_agent": null,
           "country": null, "submitted_at": null, "emails_sent": [], "is_spam": false, "spam_confidence": 0.0,
           "spam_reason": null})
}

// ---------------------------------------------------------------- cloud

fn computer_schema() -> Value {
    json!({"name": "", "display_name": "", "size": "S", "region": "", "status": "provisioning", "emoji": "",
           "public_ip": null})
}

fn computer_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        if s(doc, "name").is_empty() {
            let name = store.unique_slug(COMPUTERS, "name", &s(doc, "display_name"), "computer", None);
            doc.insert("name".into(), json!(name));
        }
        let n = store.docs(COMPUTERS).len() % 250 + 2;
        doc.insert("status".into(), json!("ready"));
        doc.insert("public_ip".into(), json!(format!("203.0.113.{n}")));
    }
    Ok(())
}

fn job_schema() -> Value {
    json!({"status": "pending", "task_name": "", "log": [], "completed_at": null})
}

fn job_write(_: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    let terminal = matches!(s(doc, "status").as_str(), "success" | "failed");
    match (terminal, doc.get("completed_at").is_some_and(|v| !v.is_null())) {
        (true, false) => {
            doc.insert("completed_at".into(), json!(now()));
        }
        (false, true) => {
            doc.insert("completed_at".into(), Value::Null);
        }
        _ => {}
    }
    Ok(())
}

fn webapp_schema() -> Value {
    json!({"name": "", "display_name": "", "runtime": "python3", "computer": null, "emoji": ""})
}

fn webapp_write(_: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        let name = s(doc, "name");
        if slugify(&name) != name {
            return Err(ApiError::field("name", "Use lowercase letters, digits and dashes only."));
        }
        if let Some(computer) = input.fields.get("computer_id").and_then(value_text) {
            doc.insert("computer".into(), json!(computer));
        }
    }
    Ok(())
}

/// A new web app comes with its `uat` and `production` spaces.
fn webapp_created(store: &mut Store, doc: &Doc, _: &Input) -> Result<(), ApiError> {
    for space_type in ["uat", "production"] {
        let fields = json!({"webapp": id(doc), "space_type": space_type}).as_object().cloned().unwrap_or_default();
        store.create(SPACES, Input::json(fields))?;
    }
    Ok(())
}

fn webapp_deleted(store: &mut Store, doc: &Doc) {
    let key = id(doc);
    store
        .delete_where(SPACES, |s| value_text(s.get("webapp").unwrap_or(&Value::Null)).as_deref() == Some(key.as_str()));
}

fn space_schema() -> Value {
    json!({"space_type": "uat", "status": "running", "webapp": null, "platform_domain": "", "custom_domain": "",
           "custom_domain_status": "unmapped", "last_deployed_at": null, "last_deployment_status": null})
}

fn space_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    let webapp = s(doc, "webapp");
    let space_type = s(doc, "space_type");
    if event == Event::Create {
        let clash = store.docs(SPACES).iter().any(|d| s(d, "webapp") == webapp && s(d, "space_type") == space_type);
        if clash {
            return Err(ApiError::fields(
                json!({"non_field_errors": ["The fields webapp, space_type must make a unique set."]})
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            ));
        }
        let app_name = store.find(WEBAPPS, &webapp).map(|w| s(w, "name")).unwrap_or_else(|| webapp.clone());
        let domain = if space_type == "production" {
            format!("{app_name}.bento.konigle.net")
        } else {
            format!("{app_name}-{space_type}.bento.konigle.net")
        };
        doc.insert("platform_domain".into(), json!(domain));
    }
    if input.fields.contains_key("custom_domain") {
        let status = if s(doc, "custom_domain").is_empty() { "unmapped" } else { "pending" };
        doc.insert("custom_domain_status".into(), json!(status));
    }
    Ok(())
}

fn deployment_schema() -> Value {
    json!({"display_name": "", "space_id": null, "job_id": null})
}

// ---------------------------------------------------------------- commerce

fn seo_meta() -> Value {
    json!({"title": null, "description": "", "keywords": null, "og_title": null, "og_description": null,
           "og_image": null})
}

fn product_schema() -> Value {
    json!({"title": "", "handle": "", "status": "draft", "product_type": "", "vendor": "", "tags": "",
           "djcom_tags": [], "options": [], "has_variants": false, "price": null, "original_price": null,
           "currency": null, "published_at": null, "pathname": "", "preview_url": "", "url": "", "image": null,
           "content": {}, "seo_meta": seo_meta()})
}

const STOREFRONT: &str = "https://store.example.com";

fn product_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    let key = uid(doc);
    if s(doc, "handle").is_empty() {
        let handle = store.unique_slug(PRODUCTS, "handle", &s(doc, "title"), "product", Some(&key));
        doc.insert("handle".into(), json!(handle));
    }
    let handle = s(doc, "handle");
    let tags = doc.get("tags").map(list_items).unwrap_or_default();
    doc.insert("djcom_tags".into(), json!(tags));
    doc.insert("pathname".into(), json!(format!("/products/{handle}")));
    doc.insert("preview_url".into(), json!(format!("{STOREFRONT}/preview/products/{handle}")));
    doc.insert("url".into(), json!(format!("{STOREFRONT}/products/{handle}")));
    if s(doc, "status") == "active" && doc.get("published_at").is_none_or(Value::is_null) {
        doc.insert("published_at".into(), json!(now()));
    }
    if event == Event::Update {
        if let Some(variants) = input.fields.get("variants") {
            apply_variants(store, &key, variants, false)?;
        }
    }
    Ok(())
}

fn product_created(store: &mut Store, doc: &Doc, input: &Input) -> Result<(), ApiError> {
    let key = uid(doc);
    match input.fields.get("variants") {
        Some(Value::Array(items)) if !items.is_empty() => {
            apply_variants(store, &key, &Value::Array(items.clone()), true)
        }
        _ => {
            let mut fields = Doc::new();
            fields.insert("price".into(), doc.get("price").cloned().unwrap_or(Value::Null));
            fields.insert("compare_at_price".into(), doc.get("original_price").cloned().unwrap_or(Value::Null));
            create_variant(store, &key, fields).map_err(|e| nest("variants", 0, e))
        }
    }
}

fn nest(field: &str, index: usize, e: ApiError) -> ApiError {
    if e.status != 400 {
        return e;
    }
    let mut items = vec![json!({}); index + 1];
    items[index] = e.body;
    ApiError::fields(json!({ field: items }).as_object().cloned().unwrap_or_default())
}

fn create_variant(store: &mut Store, product: &str, mut fields: Doc) -> Result<(), ApiError> {
    fields.insert("product".into(), json!(product));
    store.create(PRODUCT_VARIANTS, Input::json(fields)).map(|_| ())
}

/// Applies the `variants` of a product create or update: an item with the
/// `uid` of a variant, or the same options as one, updates it; any other
/// item creates a variant.
fn apply_variants(store: &mut Store, product: &str, variants: &Value, creating: bool) -> Result<(), ApiError> {
    let Value::Array(items) = variants else {
        return Err(ApiError::field("variants", "Expected a list of items."));
    };
    for (i, item) in items.iter().enumerate() {
        let Value::Object(fields) = item else {
            return Err(nest("variants", i, ApiError::field("non_field_errors", "Expected a dictionary.")));
        };
        let options = |d: &Doc| ["option1", "option2", "option3"].map(|k| d.get(k).and_then(value_text));
        let existing = if creating {
            None
        } else {
            let wanted_uid = fields.get("uid").or_else(|| fields.get("id")).and_then(value_text);
            store
                .docs(PRODUCT_VARIANTS)
                .iter()
                .filter(|v| s(v, "product") == product)
                .find(|v| match &wanted_uid {
                    Some(u) => uid(v) == *u,
                    None => options(v) == options(fields),
                })
                .map(uid)
        };
        let result = match existing {
            Some(key) => store.update(PRODUCT_VARIANTS, &key, Input::json(fields.clone())).map(|_| ()),
            None => create_variant(store, product, fields.clone()),
        };
        result.map_err(|e| nest("variants", i, e))?;
    }
    Ok(())
}

fn image_ref(store: &Store, image: &Value) -> Value {
    match value_text(image) {
        Some(key) => match store.find(PRODUCT_IMAGES, &key) {
            Some(img) => json!({"uid": key, "url": img.get("url").cloned().unwrap_or(Value::Null)}),
            None => image.clone(),
        },
        None => Value::Null,
    }
}

fn product_render(store: &Store, doc: &mut Doc, _: View) {
    let key = uid(doc);
    let variants = store.docs(PRODUCT_VARIANTS).iter().filter(|v| s(v, "product") == key).count();
    doc.insert("has_variants".into(), json!(variants > 1));
    if let Some(image) = doc.get("image").cloned() {
        doc.insert("image".into(), image_ref(store, &image));
    }
}

fn product_deleted(store: &mut Store, doc: &Doc) {
    let key = uid(doc);
    store.delete_where(PRODUCT_VARIANTS, |v| s(v, "product") == key);
    store.delete_where(PRODUCT_IMAGES, |v| s(v, "product") == key);
}

fn variant_schema() -> Value {
    json!({"product": null, "handle": "", "title": "Default Title", "barcode": null, "sku": null, "price": "0.00",
           "compare_at_price": null, "cost": null, "currency": null, "option1": null, "option2": null,
           "option3": null, "position": 1, "weight": null, "weight_unit": "kg", "grams": null, "taxable": true,
           "inventory_policy": "deny", "inventory_quantity": 0, "content": {}, "seo_meta": seo_meta(),
           "image": null, "pathname": "", "preview_url": "", "url": ""})
}

fn variant_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    let key = uid(doc);
    let product = store.find(PRODUCTS, &s(doc, "product")).cloned().unwrap_or_default();
    let product_handle = s(&product, "handle");
    if s(doc, "handle").is_empty() {
        let base = format!("{product_handle}-{}", s(doc, "title"));
        let handle = store.unique_slug(PRODUCT_VARIANTS, "handle", &base, "variant", Some(&key));
        doc.insert("handle".into(), json!(handle));
    }
    if event == Event::Create {
        if doc.get("currency").is_none_or(Value::is_null) {
            doc.insert("currency".into(), product.get("currency").cloned().unwrap_or(Value::Null));
        }
        if !input.fields.contains_key("position") {
            let siblings = store.docs(PRODUCT_VARIANTS).iter().filter(|v| s(v, "product") == s(doc, "product")).count();
            doc.insert("position".into(), json!(siblings + 1));
        }
    }
    doc.insert("pathname".into(), json!(format!("/products/{product_handle}?variant={key}")));
    doc.insert("preview_url".into(), json!(format!("{STOREFRONT}/preview/products/{product_handle}?variant={key}")));
    doc.insert("url".into(), json!(format!("{STOREFRONT}/products/{product_handle}?variant={key}")));
    Ok(())
}

fn variant_render(store: &Store, doc: &mut Doc, view: View) {
    if view == View::Detail {
        let product = s(doc, "product");
        if let Some(p) = store.find(PRODUCTS, &product) {
            doc.insert("product".into(), json!({"uid": product, "title": s(p, "title"), "handle": s(p, "handle")}));
        }
        if let Some(image) = doc.get("image").cloned() {
            doc.insert("image".into(), image_ref(store, &image));
        }
    }
}

fn product_image_schema() -> Value {
    json!({"product": null, "alt": "", "variant_ids": [], "position": 1, "width": null, "height": null, "url": null})
}

fn product_image_write(store: &mut Store, doc: &mut Doc, input: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        let file = input.file(Some("file")).ok_or_else(|| ApiError::field("file", "No file was submitted."))?;
        let mime = detect_mime(file);
        if !mime.starts_with("image/") {
            return Err(ApiError::field(
                "file",
                "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
            ));
        }
        let key = uid(doc);
        let url = store_upload(store, &key, file, &mime);
        doc.insert("url".into(), json!(url));
        if let Some((w, h)) = image_size(&file.data) {
            doc.insert("width".into(), json!(w));
            doc.insert("height".into(), json!(h));
        }
        let product = s(doc, "product");
        if store.find(PRODUCTS, &product).is_some_and(|p| p.get("image").is_none_or(Value::is_null)) {
            store.modify(PRODUCTS, &product, |p| {
                p.insert("image".into(), json!(key));
            })?;
        }
    }
    Ok(())
}

fn product_image_deleted(store: &mut Store, doc: &Doc) {
    let key = uid(doc);
    let product = s(doc, "product");
    if store.find(PRODUCTS, &product).is_some_and(|p| s(p, "image") == key) {
        let _ = store.modify(PRODUCTS, &product, |p| {
            p.insert("image".into(), Value::Null);
        });
    }
}

// ---------------------------------------------------------------- marketing

fn audience_schema() -> Value {
    json!({"name": "", "description": "", "tags": [], "code": ""})
}

fn audience_write(store: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    if s(doc, "code").is_empty() {
        let code = store.unique_slug(AUDIENCES, "code", &s(doc, "name"), "audience", Some(&id(doc)));
        doc.insert("code".into(), json!(code));
    }
    Ok(())
}

fn campaign_schema() -> Value {
    json!({"name": "", "channel_type": "email", "email_channel": null, "email_template": null, "audience": null,
           "description": "", "scheduled_at": null, "execution_duration_minutes": null, "from_email": "",
           "from_name": "", "reply_to_email": "", "reply_to_name": "", "utm_code": "", "status": "draft",
           "ltv": "0.00", "ltv_currency": "USD"})
}

/// Checks an ISO 8601 datetime the way DRF does.
pub fn check_datetime(field: &str, value: &Value) -> Result<(), ApiError> {
    match value {
        Value::Null => Ok(()),
        Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => Ok(()),
        _ => Err(ApiError::field(
            field,
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
        )),
    }
}

fn campaign_write(_: &mut Store, doc: &mut Doc, input: &Input, _: Event) -> Result<(), ApiError> {
    let scheduled = doc.get("scheduled_at").cloned().unwrap_or(Value::Null);
    check_datetime("scheduled_at", &scheduled)?;
    if let Some(minutes) = doc.get("execution_duration_minutes").filter(|v| !v.is_null()) {
        if minutes.as_i64().is_none_or(|m| m < 1) {
            return Err(ApiError::field(
                "execution_duration_minutes",
                "Ensure this value is greater than or equal to 1.",
            ));
        }
    }
    if input.fields.contains_key("scheduled_at") {
        match (s(doc, "status").as_str(), scheduled.is_null()) {
            ("draft", false) => {
                doc.insert("status".into(), json!("scheduled"));
            }
            ("scheduled", true) => {
                doc.insert("status".into(), json!("draft"));
            }
            _ => {}
        }
    }
    Ok(())
}

fn contact_schema() -> Value {
    json!({"email": "", "first_name": "", "last_name": "", "phone": "", "whatsapp": "", "country": "",
           "source": "unknown", "tags": [], "marketing_consent": {"email": true, "sms": true, "whatsapp": true},
           "customer_id": "", "ltv": "0.00", "ltv_currency": "USD", "last_purchased_at": null})
}

fn contact_write(_: &mut Store, doc: &mut Doc, _: &Input, _: Event) -> Result<(), ApiError> {
    let mut consent = json!({"email": true, "sms": true, "whatsapp": true});
    match doc.get("marketing_consent") {
        Some(Value::Object(given)) => {
            for (k, v) in given {
                if let (Some(slot), Value::Bool(b)) = (consent.get_mut(k), v) {
                    *slot = json!(b);
                }
            }
        }
        _ => return Err(ApiError::field("marketing_consent", "Expected a dictionary of items.")),
    }
    doc.insert("marketing_consent".into(), consent);
    Ok(())
}

fn account_schema() -> Value {
    json!({"name": "", "default_from_email": "", "default_from_name": "", "default_reply_to_email": "",
           "default_reply_to_name": "", "is_active": true})
}

fn channel_schema() -> Value {
    json!({"code": "", "channel_type": "transactional", "account": null, "status": "active",
           "suspension_reason": null, "suspended_at": null, "daily_quota": 1000, "rate_limit": 10,
           "enable_engagement_tracking": false})
}

/// The site's first email account, created (named `Default`) when there is
/// none yet: channels, identities and templates always belong to one.
fn first_account(store: &mut Store) -> Value {
    if let Some(account) = store.docs(EMAIL_ACCOUNTS).first() {
        return json!(id(account));
    }
    let fields = json!({"name": "Default"}).as_object().cloned().unwrap_or_default();
    store.create(EMAIL_ACCOUNTS, Input::json(fields)).map(|a| json!(id(&a))).unwrap_or(Value::Null)
}

fn channel_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    let code = s(doc, "code");
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ApiError::field("code", "Enter a valid code of letters, numbers, underscores or hyphens."));
    }
    doc.insert("code".into(), json!(code.to_ascii_lowercase()));
    if event == Event::Create {
        doc.insert("account".into(), first_account(store));
    }
    Ok(())
}

fn identity_schema() -> Value {
    json!({"account": null, "identity_type": "domain", "identity_value": "", "verified": false,
           "dkim_verification_status": "pending", "dkim_verified": false, "mail_from_domain": null,
           "mail_from_verification_status": "pending", "mail_from_verified": false, "use_custom_mail_from": false,
           "dkim_records": [], "mail_from_records": []})
}

fn identity_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        let value = s(doc, "identity_value").trim().to_ascii_lowercase();
        let is_email = value.contains('@');
        if is_email && !crate::store::is_email(&value) || !is_email && !value.contains('.') {
            return Err(ApiError::field("identity_value", "Enter a valid domain or email address."));
        }
        doc.insert("identity_value".into(), json!(value));
        doc.insert("identity_type".into(), json!(if is_email { "email" } else { "domain" }));
        doc.insert("account".into(), first_account(store));
        if !is_email {
            let records: Vec<Value> = (0..3)
                .map(|_| {
                    let token = store.token(32);
                    json!({"type": "CNAME", "name": format!("{token}._domainkey.{value}"),
                           "value": format!("{token}.dkim.amazonses.com")})
                })
                .collect();
            doc.insert("dkim_records".into(), json!(records));
        }
    }
    Ok(())
}

fn template_schema() -> Value {
    json!({"name": "", "code": "", "subject": "", "body_html": "", "body_text": "", "tags": [], "is_base": false,
           "account": null, "preview_url": ""})
}

fn template_write(store: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
    if event == Event::Create {
        doc.insert("account".into(), first_account(store));
        let url = format!("{}/preview/email-templates/{}", store.base_url(), id(doc));
        doc.insert("preview_url".into(), json!(url));
    }
    Ok(())
}

fn sent_email_schema() -> Value {
    json!({"message_id": "", "channel": "", "from_email": null, "to_email": [], "subject": "", "body_html": "",
           "body_text": null, "reply_to_email": null, "category": null, "headers": null, "attachments": [],
           "template_id": null})
}

const SEARCH_ASSETS: &[&str] = &["name", "alt_text", "description", "tags"];

/// Every resource of the mock.
pub static RESOURCES: &[ResourceSpec] = &[
    ResourceSpec {
        name: ASSETS,
        verbose: "asset",
        path: "/admin/api/storefront-assets",
        id_style: IdStyle::Prefixed("ast_"),
        required: &["name"],
        read_only: &["mime_type", "size", "asset_url", "image_width", "image_height"],
        filters: &[
            ("q", Filter::Search(SEARCH_ASSETS)),
            ("mime_type", Filter::MimeCategory("mime_type")),
            ("asset_type", Filter::MimeCategory("mime_type")),
            ("min_size", Filter::Min("size")),
            ("max_size", Filter::Max("size")),
            ("tags", Filter::Tags("tags")),
            ("ordering", Filter::Ordering),
        ],
        schema: asset_schema,
        on_write: Some(asset_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: UPLOADS,
        verbose: "upload",
        path: "/admin/api/uploads",
        id_style: IdStyle::Prefixed("upl_"),
        ops: Ops { update: false, ..Ops::ALL },
        required: &["file"],
        read_only: &[
            "url",
            "mime_type",
            "size",
            "storage_path",
            "etag",
            "status",
            "upload_started_at",
            "upload_ended_at",
        ],
        filters: &[
            ("q", Filter::Search(&["name", "description", "tags"])),
            ("status", Filter::Eq("status")),
            ("mime_type", Filter::MimeCategory("mime_type")),
            ("tags", Filter::Tags("tags")),
            ("ordering", Filter::Ordering),
        ],
        timestamps: Timestamps::CreatedOnly,
        schema: upload_schema,
        on_write: Some(upload_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: CONNECTIONS,
        verbose: "connection",
        path: "/relay/api/v1/connections",
        id_style: IdStyle::Prefixed("conn_"),
        ops: Ops { list: true, get: true, ..Ops::NONE },
        required: &["provider"],
        filters: &[
            ("provider", Filter::Eq("provider")),
            ("status", Filter::Eq("status")),
            ("root_resource_id", Filter::Eq("root_resource_id")),
        ],
        schema: connection_schema,
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: FORMS,
        verbose: "form",
        path: "/api/dev/forms",
        trailing_slash: true,
        lookup_field: "slug",
        ops: Ops { list: true, get: true, create: true, ..Ops::NONE },
        auth: Auth::FormsToken,
        required: &["name"],
        read_only: &["slug", "endpoint_url", "captcha_site_key"],
        list_style: ListStyle::Results,
        schema: form_schema,
        on_write: Some(form_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: FORM_SUBMISSIONS,
        verbose: "submission",
        ops: Ops::NONE,
        filters: &[("form_slug", Filter::Eq("form_slug"))],
        list_style: ListStyle::Results,
        timestamps: Timestamps::None,
        schema: submission_schema,
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: COMPUTERS,
        verbose: "computer",
        path: "/cloud/api/v1/computers",
        id_style: IdStyle::NumericString(7_181_818_181_818_181_800),
        envelope: Some(Envelope { key: "computer", task: "provision_computer" }),
        required: &["display_name", "size", "region"],
        read_only: &["status", "public_ip"],
        choices: &[("size", &["S", "M", "L"])],
        unique: &["name"],
        timestamps: Timestamps::CreatedOnly,
        schema: computer_schema,
        on_write: Some(computer_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: JOBS,
        verbose: "job",
        path: "/cloud/api/v1/jobs",
        id_style: IdStyle::Uuid,
        required: &["task_name"],
        choices: &[("status", &["pending", "running", "success", "failed"])],
        filters: &[("status", Filter::Eq("status")), ("task_name", Filter::Eq("task_name"))],
        timestamps: Timestamps::CreatedOnly,
        schema: job_schema,
        on_write: Some(job_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: WEBAPPS,
        verbose: "webapp",
        path: "/cloud/api/v1/webapps",
        id_style: IdStyle::NumericString(7_282_828_282_828_282_800),
        envelope: Some(Envelope { key: "webapp", task: "provision_webapp" }),
        required: &["computer_id", "name", "runtime", "web_server"],
        read_only: &["computer"],
        choices: &[("runtime", &["python3", "nodejs"])],
        unique: &["name"],
        references: &[("computer_id", COMPUTERS)],
        filters: &[("computer_id", Filter::Eq("computer"))],
        timestamps: Timestamps::CreatedOnly,
        schema: webapp_schema,
        on_write: Some(webapp_write),
        after_create: Some(webapp_created),
        on_delete: Some(webapp_deleted),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: SPACES,
        verbose: "space",
        path: "/cloud/api/v1/spaces",
        id_style: IdStyle::NumericString(7_383_838_383_838_383_800),
        required: &["webapp", "space_type"],
        read_only: &["status", "platform_domain", "custom_domain_status", "last_deployed_at", "last_deployment_status"],
        choices: &[("space_type", &["uat", "production"])],
        references: &[("webapp", WEBAPPS)],
        filters: &[("webapp_id", Filter::Eq("webapp")), ("space_type", Filter::Eq("space_type"))],
        timestamps: Timestamps::CreatedOnly,
        schema: space_schema,
        on_write: Some(space_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: DEPLOYMENTS,
        verbose: "deployment",
        id_style: IdStyle::Uuid,
        ops: Ops::NONE,
        timestamps: Timestamps::CreatedOnly,
        schema: deployment_schema,
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: PRODUCTS,
        verbose: "product",
        path: "/admin/api/products",
        id_field: "uid",
        lookup_field: "uid",
        id_style: IdStyle::Prefixed("prod_"),
        required: &["title"],
        read_only: &["djcom_tags", "has_variants", "published_at", "pathname", "preview_url", "url"],
        choices: &[("status", &["active", "draft", "archived"])],
        unique: &["handle"],
        references: &[("image", PRODUCT_IMAGES)],
        decimals: &["price", "original_price"],
        filters: &[
            ("q", Filter::Search(&["title", "handle", "tags"])),
            ("status", Filter::Eq("status")),
            ("product_type", Filter::Eq("product_type")),
            ("vendor", Filter::Eq("vendor")),
            ("handle", Filter::Eq("handle")),
            ("ordering", Filter::Ordering),
        ],
        detail_only: &["content", "seo_meta"],
        schema: product_schema,
        on_write: Some(product_write),
        after_create: Some(product_created),
        on_delete: Some(product_deleted),
        render: Some(product_render),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: PRODUCT_VARIANTS,
        verbose: "product variant",
        path: "/admin/api/product-variants",
        id_field: "uid",
        lookup_field: "uid",
        id_style: IdStyle::Prefixed("var_"),
        ops: Ops { create: false, ..Ops::ALL },
        read_only: &["pathname", "preview_url", "url"],
        choices: &[("inventory_policy", &["deny", "continue"]), ("weight_unit", &["g", "kg", "lb", "oz"])],
        unique: &["handle"],
        references: &[("image", PRODUCT_IMAGES)],
        decimals: &["price", "compare_at_price", "cost"],
        filters: &[
            ("q", Filter::Search(&["title", "sku", "barcode"])),
            ("product_id", Filter::Eq("product")),
            ("handle", Filter::Eq("handle")),
            ("product_handle", Filter::Join { local: "product", collection: PRODUCTS, remote: "handle" }),
            ("sku", Filter::Eq("sku")),
            ("ordering", Filter::Ordering),
        ],
        detail_only: &["content", "seo_meta"],
        schema: variant_schema,
        on_write: Some(variant_write),
        render: Some(variant_render),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: PRODUCT_IMAGES,
        verbose: "product image",
        path: "/admin/api/product-images",
        id_field: "uid",
        lookup_field: "uid",
        id_style: IdStyle::Prefixed("pimg_"),
        required: &["product", "file"],
        read_only: &["width", "height", "url"],
        references: &[("product", PRODUCTS)],
        filters: &[("product_id", Filter::Eq("product")), ("ordering", Filter::Ordering)],
        schema: product_image_schema,
        on_write: Some(product_image_write),
        on_delete: Some(product_image_deleted),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: AUDIENCES,
        verbose: "audience",
        path: "/reachout/api/v1/audiences",
        id_style: IdStyle::Prefixed("aud_"),
        required: &["name"],
        unique: &["code"],
        filters: &[("q", Filter::Search(&["name", "code", "description"])), ("tags", Filter::Tags("tags"))],
        schema: audience_schema,
        on_write: Some(audience_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: CAMPAIGNS,
        verbose: "campaign",
        path: "/reachout/api/v1/campaigns",
        id_style: IdStyle::Prefixed("cmp_"),
        required: &["name", "audience"],
        read_only: &["status", "ltv", "ltv_currency"],
        choices: &[("channel_type", &["email"])],
        emails: &["from_email", "reply_to_email"],
        references: &[("audience", AUDIENCES), ("email_channel", EMAIL_CHANNELS), ("email_template", EMAIL_TEMPLATES)],
        filters: &[
            ("q", Filter::Search(&["name", "description"])),
            ("status", Filter::Eq("status")),
            ("channel_type", Filter::Eq("channel_type")),
            ("audience", Filter::Join { local: "audience", collection: AUDIENCES, remote: "code" }),
            ("ordering", Filter::Ordering),
        ],
        detail_only: &["execution"],
        schema: campaign_schema,
        on_write: Some(campaign_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: CONTACTS,
        verbose: "contact",
        path: "/reachout/api/v1/contacts",
        id_style: IdStyle::Prefixed("con_"),
        required: &["email"],
        read_only: &["ltv", "ltv_currency", "last_purchased_at"],
        choices: &[("source", &["purchase", "lead", "migration", "unknown"])],
        unique: &["email"],
        emails: &["email"],
        filters: &[
            ("q", Filter::Search(&["email", "first_name", "last_name"])),
            ("source", Filter::Eq("source")),
            ("tags", Filter::Tags("tags")),
            ("ordering", Filter::Ordering),
        ],
        schema: contact_schema,
        on_write: Some(contact_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: EMAIL_ACCOUNTS,
        verbose: "email account",
        path: "/reachout/api/v1/accounts",
        id_style: IdStyle::Prefixed("acc_"),
        required: &["name"],
        read_only: &["is_active"],
        emails: &["default_from_email", "default_reply_to_email"],
        schema: account_schema,
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: EMAIL_CHANNELS,
        verbose: "email channel",
        path: "/reachout/api/v1/channels",
        id_style: IdStyle::Prefixed("ch_"),
        required: &["code", "channel_type"],
        read_only: &["account", "status", "suspension_reason", "suspended_at", "daily_quota", "rate_limit"],
        choices: &[("channel_type", &["transactional", "marketing", "broadcast"])],
        unique: &["code"],
        filters: &[
            ("q", Filter::Search(&["code", "channel_type"])),
            ("channel_type", Filter::Eq("channel_type")),
            ("status", Filter::Eq("status")),
            ("ordering", Filter::Ordering),
        ],
        schema: channel_schema,
        on_write: Some(channel_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: EMAIL_IDENTITIES,
        verbose: "email identity",
        path: "/reachout/api/v1/identities",
        id_style: IdStyle::Prefixed("eid_"),
        required: &["identity_value"],
        read_only: &[
            "account",
            "identity_type",
            "verified",
            "dkim_verification_status",
            "dkim_verified",
            "mail_from_domain",
            "mail_from_verification_status",
            "mail_from_verified",
            "dkim_records",
            "mail_from_records",
        ],
        unique: &["identity_value"],
        filters: &[
            ("q", Filter::Search(&["identity_value"])),
            ("identity_type", Filter::Eq("identity_type")),
            ("ordering", Filter::Ordering),
        ],
        schema: identity_schema,
        on_write: Some(identity_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: EMAIL_TEMPLATES,
        verbose: "email template",
        path: "/reachout/api/v1/email-templates",
        id_style: IdStyle::Prefixed("tpl_"),
        required: &["name", "code", "subject", "body_html"],
        read_only: &["account", "preview_url"],
        unique: &["code"],
        filters: &[
            ("q", Filter::Search(&["name", "code", "tags"])),
            ("tags", Filter::Tags("tags")),
            ("is_base", Filter::Eq("is_base")),
            ("ordering", Filter::Ordering),
        ],
        schema: template_schema,
        on_write: Some(template_write),
        ..ResourceSpec::BASE
    },
    ResourceSpec {
        name: SENT_EMAILS,
        verbose: "email",
        ops: Ops::NONE,
        timestamps: Timestamps::CreatedOnly,
        schema: sent_email_schema,
        ..ResourceSpec::BASE
    },
    crate::website::AUTHOR_SPEC,
    crate::website::FOLDER_SPEC,
    crate::website::PAGE_SPEC,
    crate::website::BLOG_SPEC,
    crate::website::GLOSSARY_TERM_SPEC,
    crate::website::COMPONENT_SPEC,
    crate::website::SITE_TEMPLATE_SPEC,
    crate::website::REDIRECT_SPEC,
    crate::website::BACKUP_SPEC,
    crate::website::SITE_SPEC,
    crate::website::SITE_SETTINGS_SPEC,
    crate::website::SITE_DOCUMENT_SPEC,
    crate::website::DESIGN_ASSET_SPEC,
    crate::website::THEME_SPEC,
];
