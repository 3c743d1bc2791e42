//! Action endpoints: everything beyond the generic CRUD of the resource
//! table (state transitions, searches, credentials, deploys, sending).

use bytes::Bytes;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::resources::collections::*;
use crate::resources::{check_datetime, detect_mime, set_image_size, upload_etag};
use crate::store::{
    is_email, list_items, money, now, param, parse_decimal, value_text, ApiError, Auth, Doc, Input, Store, StoredFile,
    UploadedFile, BLANK, REQUIRED,
};

/// HTTP methods of action endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// PATCH.
    Patch,
}

/// What an action endpoint received.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// The `{id}` path parameter.
    pub key: Option<String>,
    /// The `{filename}` path parameter.
    pub filename: Option<String>,
    /// Query parameters, in order.
    pub params: Vec<(String, String)>,
    /// The parsed body.
    pub input: Input,
    /// The body, when it was neither JSON nor a form.
    pub raw: Bytes,
    /// URL of this endpoint without the query, for list links.
    pub link_base: String,
    /// The client's `User-Agent`.
    pub user_agent: Option<String>,
}

impl Call {
    fn key(&self) -> &str {
        self.key.as_deref().unwrap_or_default()
    }
}

/// What an action endpoint answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A JSON body with a status.
    Json(u16, Value),
    /// A status with no body.
    Empty(u16),
    /// Raw bytes (file downloads).
    Bytes {
        /// Content type.
        content_type: String,
        /// The bytes.
        data: Bytes,
    },
}

fn ok(doc: Doc) -> Result<Reply, ApiError> {
    Ok(Reply::Json(200, Value::Object(doc)))
}

/// The handler of an action endpoint.
pub type Run = fn(&mut Store, &Call) -> Result<Reply, ApiError>;

/// One action endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    /// Method.
    pub verb: Verb,
    /// Path, with `{id}` (and `{filename}`) parameters.
    pub path: &'static str,
    /// Who may call it.
    pub auth: Auth,
    /// The handler.
    pub run: Run,
}

const fn action(verb: Verb, path: &'static str, run: Run) -> Action {
    Action { verb, path, auth: Auth::ApiKey, run }
}

/// Every action endpoint of the mock.
pub static ACTIONS: &[Action] = &[
    action(Verb::Get, "/admin/api/storefront-assets/search", asset_search),
    action(Verb::Post, "/admin/api/storefront-assets/generate-image", generate_image),
    action(Verb::Post, "/admin/api/uploads/create-cloud-upload", create_cloud_upload),
    action(Verb::Post, "/admin/api/uploads/{id}/mark-started", mark_started),
    action(Verb::Post, "/admin/api/uploads/{id}/mark-completed", mark_completed),
    action(Verb::Post, "/admin/api/uploads/{id}/mark-failed", mark_failed),
    action(Verb::Get, "/relay/api/v1/connections/get-credentials", get_credentials),
    Action { verb: Verb::Get, path: "/api/dev/forms/{id}/submissions/", auth: Auth::FormsToken, run: list_submissions },
    Action { verb: Verb::Post, path: "/f/{id}", auth: Auth::Public, run: submit_form },
    action(Verb::Get, "/cloud/api/v1/webapps/check-name-availability", check_name_availability),
    action(Verb::Post, "/cloud/api/v1/spaces/{id}/deploy", deploy),
    action(Verb::Post, "/cloud/api/v1/spaces/{id}/promote", promote),
    action(Verb::Post, "/reachout/api/v1/campaigns/new-email-campaign", new_email_campaign),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/start", campaign_start),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/pause", campaign_pause),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/resume", campaign_resume),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/cancel", campaign_cancel),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/schedule", campaign_schedule),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/add-ltv", campaign_add_ltv),
    action(Verb::Post, "/reachout/api/v1/campaigns/{id}/send-test-email", campaign_send_test_email),
    action(Verb::Post, "/reachout/api/v1/contacts/update-ltv", contact_update_ltv),
    action(Verb::Post, "/reachout/api/v1/accounts/setup", account_setup),
    action(Verb::Post, "/reachout/api/v1/accounts/check-status", account_check_status),
    action(Verb::Post, "/reachout/api/v1/channels/{id}/set-engagement-tracking", set_engagement_tracking),
    action(Verb::Post, "/reachout/api/v1/identities/{id}/check-status", identity_check_status),
    action(Verb::Post, "/reachout/api/v1/identities/{id}/setup-custom-mail-from", setup_custom_mail_from),
    action(Verb::Post, "/reachout/api/v1/send-email", send_email),
    Action { verb: Verb::Get, path: "/media/{id}/{filename}", auth: Auth::Public, run: download },
    Action { verb: Verb::Put, path: "/__mock/upload-target/{id}", auth: Auth::Public, run: upload_target },
];

fn s(doc: &Doc, key: &str) -> String {
    doc.get(key).and_then(value_text).unwrap_or_default()
}

fn obj(v: Value) -> Doc {
    match v {
        Value::Object(m) => m,
        _ => Doc::new(),
    }
}

/// The non-blank text of a required input field.
fn required(input: &Input, field: &str) -> Result<String, ApiError> {
    match input.fields.get(field) {
        None | Some(Value::Null) => Err(ApiError::field(field, REQUIRED)),
        Some(v) => match value_text(v) {
            Some(t) if !t.trim().is_empty() => Ok(t),
            _ => Err(ApiError::field(field, BLANK)),
        },
    }
}

/// A required positive amount.
fn amount(input: &Input, field: &str) -> Result<Decimal, ApiError> {
    let raw = input.fields.get(field).filter(|v| !v.is_null()).ok_or_else(|| ApiError::field(field, REQUIRED))?;
    let value = parse_decimal(raw).ok_or_else(|| ApiError::field(field, "A valid number is required."))?;
    if value <= Decimal::ZERO {
        return Err(ApiError::field(field, "Ensure this value is greater than 0."));
    }
    Ok(value)
}

fn optional_email(input: &Input, field: &str) -> Result<Option<String>, ApiError> {
    match input.fields.get(field).and_then(value_text).filter(|t| !t.is_empty()) {
        Some(e) if !is_email(&e) => Err(ApiError::field(field, "Enter a valid email address.")),
        other => Ok(other),
    }
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

// ---------------------------------------------------------------- assets

fn asset_search(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let q = param(&call.params, "q").unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::field("q", REQUIRED));
    }
    let mut params = call.params.clone();
    if !params.iter().any(|(k, _)| k == "page_size") {
        params.push(("page_size".into(), "10".into()));
    }
    Ok(Reply::Json(200, store.list(ASSETS, &params, &[], &call.link_base)?))
}

const ASPECT_RATIOS: &[(&str, u32, u32)] = &[
    ("1:1", 1024, 1024),
    ("16:9", 1344, 768),
    ("9:16", 768, 1344),
    ("4:3", 1152, 896),
    ("3:4", 896, 1152),
    ("3:2", 1216, 832),
    ("2:3", 832, 1216),
    ("21:9", 1536, 640),
    ("9:21", 640, 1536),
];

/// A 1x1 transparent PNG, the placeholder content of generated images.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn generate_image(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let prompt = required(&call.input, "prompt")?;
    let ratio = call.input.str("aspect_ratio").unwrap_or("1:1");
    let (_, width, height) = ASPECT_RATIOS
        .iter()
        .find(|(r, _, _)| *r == ratio)
        .ok_or_else(|| ApiError::field("aspect_ratio", format!("\"{ratio}\" is not a valid choice.")))?;
    let format = call.input.str("output_format").unwrap_or("webp");
    let mime = match format {
        "webp" => "image/webp",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        other => return Err(ApiError::field("output_format", format!("\"{other}\" is not a valid choice."))),
    };
    let name: String = prompt.chars().take(255).collect();
    let file = UploadedFile {
        field: "image".into(),
        filename: format!("generated.{format}"),
        content_type: mime.into(),
        data: Bytes::from_static(PIXEL_PNG),
    };
    let input = Input { fields: obj(json!({"name": name, "description": prompt})), files: vec![file] };
    let doc = store.create(ASSETS, input)?;
    let key = s(&doc, "id");
    let doc = store.modify(ASSETS, &key, |d| set_image_size(d, mime, Some((*width, *height))))?;
    Ok(Reply::Json(201, Value::Object(doc)))
}

// ---------------------------------------------------------------- uploads

fn create_cloud_upload(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let mime = required(&call.input, "mime_type")?;
    let filename = required(&call.input, "filename")?;
    let size = match call.input.fields.get("file_size") {
        None | Some(Value::Null) => return Err(ApiError::field("file_size", REQUIRED)),
        Some(v) => value_text(v)
            .and_then(|t| t.trim().parse::<u64>().ok())
            .ok_or_else(|| ApiError::field("file_size", "A valid integer is required."))?,
    };
    let name = call.input.str("name").unwrap_or_default().to_owned();
    let doc = obj(json!({"id": null, "url": null, "mime_type": mime, "name": name, "size": size, "meta": {},
                         "description": "", "storage_path": "", "etag": "", "status": "pending",
                         "upload_started_at": null, "upload_ended_at": null, "tags": [], "_filename": filename}));
    let doc = store.insert_raw(UPLOADS, doc)?;
    let key = s(&doc, "id");
    store.modify(UPLOADS, &key, |d| {
        d.insert("storage_path".into(), json!(format!("mock/uploads/{key}/{filename}")));
    })?;
    Ok(Reply::Json(
        201,
        json!({"id": key, "upload_url": format!("{}/__mock/upload-target/{key}", store.base_url()), "method": "PUT",
               "headers": {"Content-Type": mime}, "expires_in": 3600}),
    ))
}

fn upload_transition(store: &mut Store, call: &Call, from: &[&str], to: &str) -> Result<Reply, ApiError> {
    let key = call.key().to_owned();
    let upload = store.find(UPLOADS, &key).ok_or_else(ApiError::not_found)?.clone();
    let status = s(&upload, "status");
    if !from.contains(&status.as_str()) {
        return Err(ApiError::bad_request(format!("Upload cannot be marked {to} from status {status}.")));
    }
    let stamp = now();
    let filename = upload.get("_filename").and_then(Value::as_str).unwrap_or("upload.bin").to_owned();
    let file = store.file(&key).cloned();
    let base = store.base_url().to_owned();
    ok(store.modify(UPLOADS, &key, |d| {
        d.insert("status".into(), json!(to));
        if to == "uploading" || d.get("upload_started_at").is_none_or(Value::is_null) {
            d.insert("upload_started_at".into(), json!(stamp));
        }
        if to != "uploading" {
            d.insert("upload_ended_at".into(), json!(stamp));
        }
        if to == "completed" {
            let url = format!("{base}/media/{key}/{}", crate::store::encode_component(&filename));
            d.insert("url".into(), json!(url));
            if let Some(f) = &file {
                d.insert("etag".into(), json!(upload_etag(&f.data)));
                d.insert("size".into(), json!(f.data.len()));
            }
        }
    })?)
}

fn mark_started(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    upload_transition(store, call, &["pending"], "uploading")
}

fn mark_completed(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    upload_transition(store, call, &["pending", "uploading"], "completed")
}

fn mark_failed(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    upload_transition(store, call, &["pending", "uploading"], "failed")
}

fn upload_target(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let key = call.key().to_owned();
    let upload = store.find(UPLOADS, &key).ok_or_else(ApiError::not_found)?.clone();
    if !matches!(s(&upload, "status").as_str(), "pending" | "uploading") {
        return Err(ApiError::bad_request("This upload URL has expired."));
    }
    let filename = upload.get("_filename").and_then(Value::as_str).unwrap_or("upload.bin").to_owned();
    store.put_file(&key, StoredFile { filename, content_type: s(&upload, "mime_type"), data: call.raw.clone() });
    Ok(Reply::Empty(200))
}

fn download(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let file = store.file(call.key()).ok_or_else(ApiError::not_found)?;
    Ok(Reply::Bytes { content_type: file.content_type.clone(), data: file.data.clone() })
}

// ---------------------------------------------------------------- connections, forms

fn get_credentials(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let provider = param(&call.params, "provider")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::field("provider", REQUIRED))?;
    let connection = store
        .find_by(CONNECTIONS, "provider", provider)
        .ok_or_else(|| ApiError::detail(404, "Connection not found."))?;
    if s(connection, "status") != "active" {
        return Err(ApiError::bad_request("Connection is not active."));
    }
    Ok(Reply::Json(200, store.credentials(provider).cloned().unwrap_or_else(|| json!({}))))
}

fn list_submissions(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let slug = call.key().to_owned();
    store.find(FORMS, &slug).ok_or_else(ApiError::not_found)?;
    let fixed = vec![("form_slug".to_owned(), slug)];
    Ok(Reply::Json(200, store.list(FORM_SUBMISSIONS, &call.params, &fixed, &call.link_base)?))
}

fn submit_form(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let form = store.find(FORMS, call.key()).filter(|f| f.get("is_active") == Some(&json!(true)));
    let form = form.ok_or_else(|| ApiError::detail(404, "Form not found."))?.clone();
    let spam = call.input.fields.get("_gotcha").and_then(value_text).is_some_and(|t| !t.is_empty());
    let mut data = call.input.fields.clone();
    data.shift_remove("_gotcha");
    let doc = obj(json!({"id": null, "form_name": s(&form, "name"), "form_slug": s(&form, "slug"), "form_data": data,
                         "ip_address": "127.0.0.1", "user_agent": call.user_agent, "country": null,
                         "submitted_at": now(), "emails_sent": [], "is_spam": spam,
                         "spam_confidence": if spam { 0.99 } else { 0.01 },
                         "spam_reason": if spam { json!("honeypot") } else { Value::Null }}));
    Ok(Reply::Json(201, Value::Object(store.insert_raw(FORM_SUBMISSIONS, doc)?)))
}

// ---------------------------------------------------------------- cloud

fn check_name_availability(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let name =
        param(&call.params, "name").filter(|n| !n.is_empty()).ok_or_else(|| ApiError::field("name", REQUIRED))?;
    let valid = crate::store::slugify(name) == name;
    let taken = store.find_by(WEBAPPS, "name", name).is_some();
    Ok(Reply::Json(200, json!({"available": valid && !taken, "name": name})))
}

/// Records a finished job; returns its id.
fn finished_job(store: &mut Store, task: &str, message: String) -> Result<String, ApiError> {
    let job = store.create(JOBS, Input::json(obj(json!({"task_name": task, "status": "success"}))))?;
    let key = s(&job, "id");
    store.modify(JOBS, &key, |d| {
        d.insert("log".into(), json!([{"ts": now(), "msg": message}]));
    })?;
    Ok(key)
}

/// Creates the job of a create answered with 202 (`{"computer": ..., "job_id": ...}`).
pub fn provisioning_job(store: &mut Store, task: &str, what: &str) -> Result<String, ApiError> {
    finished_job(store, task, format!("{what} is ready"))
}

fn record_deployment(store: &mut Store, space: &str, display_name: String, job: String) -> Result<Reply, ApiError> {
    let stamp = now();
    store.modify(SPACES, space, |d| {
        d.insert("status".into(), json!("running"));
        d.insert("last_deployed_at".into(), json!(stamp));
        d.insert("last_deployment_status".into(), json!("success"));
    })?;
    let doc = obj(json!({"id": null, "display_name": display_name, "space_id": space, "job_id": job}));
    Ok(Reply::Json(201, Value::Object(store.insert_raw(DEPLOYMENTS, doc)?)))
}

fn deploy(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let space = call.key().to_owned();
    store.find(SPACES, &space).ok_or_else(ApiError::not_found)?;
    let file =
        call.input.file(Some("zip_file")).ok_or_else(|| ApiError::field("zip_file", "No file was submitted."))?;
    let count = store.docs(DEPLOYMENTS).iter().filter(|d| s(d, "space_id") == space).count();
    let display_name = match call.input.str("display_name") {
        Some(n) if !n.trim().is_empty() => n.to_owned(),
        _ => format!("auto-{}", count + 1),
    };
    let job = finished_job(store, "deploy_space", format!("deployed {} ({} bytes)", file.filename, file.data.len()))?;
    record_deployment(store, &space, display_name, job)
}

fn promote(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let uat = store.find(SPACES, call.key()).ok_or_else(ApiError::not_found)?.clone();
    if s(&uat, "space_type") != "uat" {
        return Err(ApiError::bad_request("Only a UAT space can be promoted."));
    }
    if uat.get("last_deployed_at").is_none_or(Value::is_null) {
        return Err(ApiError::bad_request("Deploy to the UAT space before promoting it."));
    }
    let webapp = s(&uat, "webapp");
    let existing = store.docs(SPACES).iter().find(|d| s(d, "webapp") == webapp && s(d, "space_type") == "production");
    let production = match existing {
        Some(d) => s(d, "id"),
        None => {
            let input = Input::json(obj(json!({"webapp": webapp, "space_type": "production"})));
            s(&store.create(SPACES, input)?, "id")
        }
    };
    let job = finished_job(store, "promote_space", format!("promoted {} to production", s(&uat, "id")))?;
    record_deployment(store, &production, "Promote from uat".into(), job)
}

// ---------------------------------------------------------------- campaigns

fn campaign(store: &Store, key: &str) -> Result<Doc, ApiError> {
    store.find(CAMPAIGNS, key).cloned().ok_or_else(ApiError::not_found)
}

fn audience_size(store: &Store, audience: &str) -> usize {
    let tags = store.find(AUDIENCES, audience).and_then(|a| a.get("tags")).map(list_items).unwrap_or_default();
    store
        .docs(CONTACTS)
        .iter()
        .filter(|c| {
            let have = c.get("tags").map(list_items).unwrap_or_default();
            tags.is_empty() || tags.iter().any(|t| have.contains(t))
        })
        .count()
}

fn transition(
    store: &mut Store,
    call: &Call,
    from: &[&str],
    refusal: &str,
    to: &str,
    change: impl FnOnce(&mut Doc, &str),
) -> Result<Reply, ApiError> {
    let current = campaign(store, call.key())?;
    if !from.contains(&s(&current, "status").as_str()) {
        return Err(ApiError::bad_request(refusal));
    }
    let stamp = now();
    ok(store.modify(CAMPAIGNS, call.key(), |d| {
        d.insert("status".into(), json!(to));
        change(d, &stamp);
    })?)
}

fn set_execution(doc: &mut Doc, status: &str, stamp_field: &str, stamp: &str) {
    if let Some(Value::Object(execution)) = doc.get_mut("execution") {
        execution.insert("status".into(), json!(status));
        execution.insert(stamp_field.into(), json!(stamp));
    }
}

fn campaign_start(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let current = campaign(store, call.key())?;
    let contacts = audience_size(store, &s(&current, "audience"));
    let minutes = current.get("execution_duration_minutes").and_then(Value::as_i64);
    transition(
        store,
        call,
        &["draft", "scheduled"],
        "Campaign can only be started from draft or scheduled status.",
        "running",
        |d, stamp| {
            let expected = match (minutes, stamp.parse::<DateTime<Utc>>()) {
                (Some(m), Ok(t)) => {
                    json!((t + ChronoDuration::minutes(m)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
                }
                _ => Value::Null,
            };
            d.insert(
                "execution".into(),
                json!({"status": "processing", "started_at": stamp, "completed_at": null,
                       "expected_completion_at": expected, "paused_at": null, "resumed_at": null,
                       "cancelled_at": null, "last_run_at": stamp, "next_run_at": null,
                       "total_contacts": contacts, "total_sent": 0, "total_failed": 0, "total_delivered": 0,
                       "total_bounced": 0, "total_complained": 0, "total_opened": 0, "total_clicked": 0,
                       "error_message": ""}),
            );
        },
    )
}

fn campaign_pause(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    transition(store, call, &["running"], "Campaign can only be paused when running.", "paused", |d, stamp| {
        set_execution(d, "paused", "paused_at", stamp)
    })
}

fn campaign_resume(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    transition(store, call, &["paused"], "Campaign can only be resumed when paused.", "running", |d, stamp| {
        set_execution(d, "processing", "resumed_at", stamp)
    })
}

fn campaign_cancel(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    transition(
        store,
        call,
        &["draft", "scheduled", "running", "paused"],
        "Campaign can only be cancelled when draft, scheduled, running or paused.",
        "cancelled",
        |d, stamp| set_execution(d, "cancelled", "cancelled_at", stamp),
    )
}

fn campaign_schedule(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let current = campaign(store, call.key())?;
    let given = call.input.fields.get("scheduled_at").cloned().filter(|v| !v.is_null());
    if let Some(v) = &given {
        check_datetime("scheduled_at", v)?;
    }
    let when = given.or_else(|| current.get("scheduled_at").cloned().filter(|v| !v.is_null()));
    let when = when.ok_or_else(|| ApiError::field("scheduled_at", REQUIRED))?;
    transition(
        store,
        call,
        &["draft", "scheduled"],
        "Campaign can only be scheduled from draft or scheduled status.",
        "scheduled",
        |d, _| {
            d.insert("scheduled_at".into(), when);
        },
    )
}

fn add_to_ltv(doc: &mut Doc, value: Decimal) {
    let current = doc.get("ltv").and_then(parse_decimal).unwrap_or(Decimal::ZERO);
    doc.insert("ltv".into(), money(current + value));
}

fn campaign_add_ltv(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    campaign(store, call.key())?;
    let value = amount(&call.input, "value")?;
    required(&call.input, "currency")?;
    let email = optional_email(&call.input, "contact_email")?;
    if let Some(contact) = email.and_then(|e| store.find_by(CONTACTS, "email", &e).map(|c| s(c, "id"))) {
        let stamp = now();
        store.modify(CONTACTS, &contact, |d| {
            add_to_ltv(d, value);
            d.insert("last_purchased_at".into(), json!(stamp));
        })?;
    }
    ok(store.modify(CAMPAIGNS, call.key(), |d| add_to_ltv(d, value))?)
}

fn record_email(store: &mut Store, mut fields: Doc) -> Result<String, ApiError> {
    let message_id = format!("{}@mock.konigle", store.uuid());
    fields.insert("id".into(), Value::Null);
    fields.insert("message_id".into(), json!(message_id));
    store.insert_raw(SENT_EMAILS, fields)?;
    Ok(message_id)
}

fn campaign_send_test_email(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let current = campaign(store, call.key())?;
    let to = required(&call.input, "email_address")?;
    if !is_email(&to) {
        return Err(ApiError::field("email_address", "Enter a valid email address."));
    }
    let template = store.find(EMAIL_TEMPLATES, &s(&current, "email_template")).cloned().unwrap_or_default();
    record_email(
        store,
        obj(json!({"channel": s(&current, "email_channel"), "to_email": [to],
                   "subject": format!("[TEST] {}", s(&template, "subject")), "body_html": s(&template, "body_html"),
                   "category": "test", "campaign": s(&current, "id")})),
    )?;
    Ok(Reply::Json(200, json!({"status": "sent", "message": format!("Test email sent to {to}")})))
}

fn new_email_campaign(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let input = &call.input;
    let name = required(input, "campaign_name")?;
    let channel_code = required(input, "email_channel")?;
    let subject = required(input, "subject")?;
    let body_html = required(input, "body_html")?;
    let tags = input.fields.get("contact_tags").map(list_items).unwrap_or_default();
    if tags.is_empty() {
        return Err(ApiError::field("contact_tags", REQUIRED));
    }
    let channel = store.find_by(EMAIL_CHANNELS, "code", &channel_code).map(|c| s(c, "id")).ok_or_else(|| {
        ApiError::field("email_channel", format!("Channel with code '{channel_code}' does not exist."))
    })?;
    let text = |k: &str| input.str(k).unwrap_or_default().to_owned();
    let or_name = |k: &str| Some(text(k)).filter(|t| !t.trim().is_empty()).unwrap_or_else(|| name.clone());
    for f in ["from_email", "reply_to_email"] {
        optional_email(input, f)?;
    }
    if let Some(v) = input.fields.get("scheduled_at") {
        check_datetime("scheduled_at", v)?;
    }
    let audience =
        store.create(AUDIENCES, Input::json(obj(json!({"name": or_name("audience_name"), "tags": tags}))))?;
    let template_name = or_name("template_name");
    let code = store.unique_slug(EMAIL_TEMPLATES, "code", &template_name, "template", None);
    let template = store.create(
        EMAIL_TEMPLATES,
        Input::json(obj(json!({"name": template_name, "code": code, "subject": subject, "body_html": body_html,
                                "body_text": text("body_text")}))),
    )?;
    let mut fields = obj(json!({"name": name, "email_channel": channel, "email_template": s(&template, "id"),
                                "audience": s(&audience, "id")}));
    for k in [
        "description",
        "utm_code",
        "from_email",
        "from_name",
        "reply_to_email",
        "reply_to_name",
        "scheduled_at",
        "execution_duration_minutes",
    ] {
        if let Some(v) = input.fields.get(k) {
            fields.insert(k.into(), v.clone());
        }
    }
    let created = store.create(CAMPAIGNS, Input::json(fields.clone()));
    let campaign = match created {
        Ok(c) => c,
        Err(e) => {
            let _ = store.delete(AUDIENCES, &s(&audience, "id"));
            let _ = store.delete(EMAIL_TEMPLATES, &s(&template, "id"));
            return Err(e);
        }
    };
    let campaign = if fields.get("scheduled_at").is_some_and(|v| !v.is_null()) {
        store.modify(CAMPAIGNS, &s(&campaign, "id"), |d| {
            d.insert("status".into(), json!("scheduled"));
        })?
    } else {
        campaign
    };
    Ok(Reply::Json(201, json!({"campaign": campaign, "audience": audience, "template": template})))
}

// ---------------------------------------------------------------- contacts, accounts, channels, identities

fn contact_update_ltv(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let email = required(&call.input, "email")?;
    if !is_email(&email) {
        return Err(ApiError::field("email", "Enter a valid email address."));
    }
    let value = amount(&call.input, "value")?;
    required(&call.input, "currency")?;
    let key = store.find_by(CONTACTS, "email", &email).map(|c| s(c, "id"));
    let key = key.ok_or_else(|| ApiError::detail(404, "Contact not found."))?;
    let stamp = now();
    ok(store.modify(CONTACTS, &key, |d| {
        add_to_ltv(d, value);
        d.insert("last_purchased_at".into(), json!(stamp));
    })?)
}

fn account_setup(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let input = &call.input;
    let name = required(input, "account_name")?;
    let from = required(input, "default_from_email")?;
    let identity_value = required(input, "identity_value")?;
    if !is_email(&from) {
        return Err(ApiError::field("default_from_email", "Enter a valid email address."));
    }
    optional_email(input, "default_reply_to_email")?;
    let mut fields = obj(json!({"name": name, "default_from_email": from}));
    for k in ["default_from_name", "default_reply_to_email", "default_reply_to_name"] {
        if let Some(v) = input.fields.get(k) {
            fields.insert(k.into(), v.clone());
        }
    }
    let account = store.create(EMAIL_ACCOUNTS, Input::json(fields))?;
    let account_id = s(&account, "id");
    let identity = match store.find_by(EMAIL_IDENTITIES, "identity_value", &identity_value.to_ascii_lowercase()) {
        Some(existing) => s(existing, "id"),
        None => match store.create(EMAIL_IDENTITIES, Input::json(obj(json!({"identity_value": identity_value})))) {
            Ok(d) => s(&d, "id"),
            Err(e) => {
                let _ = store.delete(EMAIL_ACCOUNTS, &account_id);
                return Err(e);
            }
        },
    };
    let identity = store.modify(EMAIL_IDENTITIES, &identity, |d| {
        d.insert("account".into(), json!(account_id));
    })?;
    let mut channels = Vec::new();
    for code in ["transactional", "marketing"] {
        let key = match store.find_by(EMAIL_CHANNELS, "code", code) {
            Some(existing) => s(existing, "id"),
            None => {
                let input = Input::json(obj(json!({"code": code, "channel_type": code})));
                s(&store.create(EMAIL_CHANNELS, input)?, "id")
            }
        };
        channels.push(store.modify(EMAIL_CHANNELS, &key, |d| {
            d.insert("account".into(), json!(account_id));
        })?);
    }
    Ok(Reply::Json(201, json!({"account": account, "channels": channels, "identity": identity})))
}

fn account_check_status(store: &mut Store, _: &Call) -> Result<Reply, ApiError> {
    let mut issues = Vec::new();
    if store.docs(EMAIL_ACCOUNTS).is_empty() {
        issues.push("No email account is set up.");
    }
    if !store.docs(EMAIL_IDENTITIES).iter().any(|i| i.get("verified") == Some(&json!(true))) {
        issues.push("No verified sending identity.");
    }
    if !store.docs(EMAIL_CHANNELS).iter().any(|c| s(c, "status") == "active") {
        issues.push("No active email channel.");
    }
    let can_send = issues.is_empty();
    let status = if store.docs(EMAIL_ACCOUNTS).is_empty() {
        "not_configured"
    } else if can_send {
        "active"
    } else {
        "action_required"
    };
    Ok(Reply::Json(200, json!({"status": status, "can_send": can_send, "issues": issues})))
}

fn set_engagement_tracking(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    store.find(EMAIL_CHANNELS, call.key()).ok_or_else(ApiError::not_found)?;
    let enable = match call.input.fields.get("enable") {
        None | Some(Value::Null) => return Err(ApiError::field("enable", REQUIRED)),
        Some(v) => truthy(v).ok_or_else(|| ApiError::field("enable", "Must be a valid boolean."))?,
    };
    ok(store.modify(EMAIL_CHANNELS, call.key(), |d| {
        d.insert("enable_engagement_tracking".into(), json!(enable));
    })?)
}

fn identity_check_status(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    store.find(EMAIL_IDENTITIES, call.key()).ok_or_else(ApiError::not_found)?;
    ok(store.modify(EMAIL_IDENTITIES, call.key(), |d| {
        d.insert("verified".into(), json!(true));
        if d.get("identity_type") == Some(&json!("domain")) {
            d.insert("dkim_verification_status".into(), json!("success"));
            d.insert("dkim_verified".into(), json!(true));
        }
        if d.get("mail_from_domain").is_some_and(|v| !v.is_null()) {
            d.insert("mail_from_verification_status".into(), json!("success"));
            d.insert("mail_from_verified".into(), json!(true));
        }
    })?)
}

fn setup_custom_mail_from(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let identity = store.find(EMAIL_IDENTITIES, call.key()).ok_or_else(ApiError::not_found)?.clone();
    let domain = required(&call.input, "mail_from_domain")?.to_ascii_lowercase();
    if s(&identity, "identity_type") != "domain" {
        return Err(ApiError::bad_request("A custom MAIL FROM domain needs a domain identity."));
    }
    let parent = s(&identity, "identity_value");
    if !domain.ends_with(&format!(".{parent}")) {
        return Err(ApiError::field("mail_from_domain", format!("Must be a subdomain of {parent}.")));
    }
    ok(store.modify(EMAIL_IDENTITIES, call.key(), |d| {
        d.insert("mail_from_domain".into(), json!(domain));
        d.insert("use_custom_mail_from".into(), json!(true));
        d.insert("mail_from_verification_status".into(), json!("pending"));
        d.insert("mail_from_verified".into(), json!(false));
        d.insert(
            "mail_from_records".into(),
            json!([{"type": "MX", "name": domain, "value": "10 feedback-smtp.us-east-1.amazonses.com"},
                   {"type": "TXT", "name": domain, "value": "v=spf1 include:amazonses.com ~all"}]),
        );
    })?)
}

// ---------------------------------------------------------------- send-email

fn send_email(store: &mut Store, call: &Call) -> Result<Reply, ApiError> {
    let input = &call.input;
    let to: Vec<String> = match input.fields.get("to_email") {
        Some(Value::Array(items)) => items.iter().filter_map(value_text).collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    if to.is_empty() {
        return Err(ApiError::field("to_email", REQUIRED));
    }
    if let Some(i) = to.iter().position(|e| !is_email(e)) {
        let mut errors = Doc::new();
        errors.insert("to_email".into(), json!({ i.to_string(): ["Enter a valid email address."] }));
        return Err(ApiError::fields(errors));
    }
    let subject = required(input, "subject")?;
    let body_html = required(input, "body_html")?;
    let code = required(input, "channel")?;
    for f in ["from_email", "reply_to_email"] {
        optional_email(input, f)?;
    }
    let channel = store
        .find_by(EMAIL_CHANNELS, "code", &code)
        .cloned()
        .ok_or_else(|| ApiError::field("channel", format!("Channel with code '{code}' does not exist.")))?;
    if s(&channel, "status") != "active" {
        return Err(ApiError::field("channel", format!("Channel '{code}' is not active.")));
    }
    let attachments: Vec<Value> = input
        .files
        .iter()
        .filter(|f| f.field == "attachments")
        .map(|f| json!({"filename": f.filename, "content_type": detect_mime(f), "size": f.data.len()}))
        .collect();
    if attachments.len() > 10 {
        return Err(ApiError::field("attachments", "Ensure this field has no more than 10 elements."));
    }
    let headers = match input.fields.get("headers") {
        Some(Value::String(text)) => serde_json::from_str(text).unwrap_or(Value::String(text.clone())),
        Some(v) => v.clone(),
        None => Value::Null,
    };
    let save = input.fields.get("save_as_template").and_then(truthy).unwrap_or(false);
    let template_id = if save {
        let code = store.unique_slug(EMAIL_TEMPLATES, "code", &subject, "template", None);
        let mut fields = obj(json!({"name": subject, "code": code, "subject": subject, "body_html": body_html}));
        if let Some(t) = input.fields.get("body_text") {
            fields.insert("body_text".into(), t.clone());
        }
        Some(s(&store.create(EMAIL_TEMPLATES, Input::json(fields))?, "id"))
    } else {
        None
    };
    let opt = |k: &str| input.fields.get(k).cloned().unwrap_or(Value::Null);
    let message_id = record_email(
        store,
        obj(json!({"channel": code, "from_email": opt("from_email"), "to_email": to, "subject": subject,
                   "body_html": body_html, "body_text": opt("body_text"), "reply_to_email": opt("reply_to_email"),
                   "category": opt("category"), "headers": headers, "attachments": attachments,
                   "template_id": template_id})),
    )?;
    let mut body = json!({"status": "sent", "message_id": message_id});
    if let (Some(t), Value::Object(m)) = (template_id, &mut body) {
        m.insert("template_id".into(), json!(t));
    }
    Ok(Reply::Json(200, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::RESOURCES;

    fn store() -> Store {
        Store::new(RESOURCES, "http://mock", 7)
    }

    fn call(key: &str, body: Value) -> Call {
        Call { key: Some(key.into()), input: Input::json(obj(body)), ..Call::default() }
    }

    #[test]
    fn campaign_transitions() {
        let mut st = store();
        let aud = st.create(AUDIENCES, Input::json(obj(json!({"name": "VIP", "tags": ["vip"]})))).unwrap();
        st.create(CONTACTS, Input::json(obj(json!({"email": "a@example.com", "tags": ["vip"]})))).unwrap();
        st.create(CONTACTS, Input::json(obj(json!({"email": "b@example.com"})))).unwrap();
        let c = st.create(CAMPAIGNS, Input::json(obj(json!({"name": "Sale", "audience": aud["id"]})))).unwrap();
        let key = s(&c, "id");
        let status = |r: Result<Reply, ApiError>| match r {
            Ok(Reply::Json(_, v)) => v["status"].as_str().unwrap_or_default().to_owned(),
            Ok(other) => format!("{other:?}"),
            Err(e) => format!("{} {}", e.status, e.body),
        };
        assert!(status(campaign_pause(&mut st, &call(&key, json!({})))).starts_with("400"));
        assert_eq!(status(campaign_start(&mut st, &call(&key, json!({})))), "running");
        assert_eq!(st.get(CAMPAIGNS, &key).unwrap()["execution"]["total_contacts"], 1);
        assert!(status(campaign_start(&mut st, &call(&key, json!({})))).starts_with("400"));
        assert_eq!(status(campaign_pause(&mut st, &call(&key, json!({})))), "paused");
        assert_eq!(status(campaign_resume(&mut st, &call(&key, json!({})))), "running");
        assert_eq!(status(campaign_cancel(&mut st, &call(&key, json!({})))), "cancelled");
        assert!(status(campaign_schedule(&mut st, &call(&key, json!({"scheduled_at": "2030-01-01T00:00:00Z"}))))
            .starts_with("400"));
        assert_eq!(st.get(CAMPAIGNS, &key).unwrap()["execution"]["status"], "cancelled");
    }

    #[test]
    fn ltv_adds_up() {
        let mut st = store();
        let aud = st.create(AUDIENCES, Input::json(obj(json!({"name": "All"})))).unwrap();
        st.create(CONTACTS, Input::json(obj(json!({"email": "buyer@example.com"})))).unwrap();
        let c = st.create(CAMPAIGNS, Input::json(obj(json!({"name": "Sale", "audience": aud["id"]})))).unwrap();
        let key = s(&c, "id");
        for v in ["10.25", "0.75"] {
            campaign_add_ltv(
                &mut st,
                &call(
                    &key,
                    json!({"value": v, "currency": "USD",
                                                           "contact_email": "buyer@example.com"}),
                ),
            )
            .unwrap();
        }
        assert_eq!(st.get(CAMPAIGNS, &key).unwrap()["ltv"], "11.00");
        let contact = st.find_by(CONTACTS, "email", "buyer@example.com").unwrap().clone();
        assert_eq!(contact["ltv"], "11.00");
        assert!(!contact["last_purchased_at"].is_null());
        let e = campaign_add_ltv(&mut st, &call(&key, json!({"value": "0", "currency": "USD"}))).unwrap_err();
        assert_eq!(e.body, json!({"value": ["Ensure this value is greater than 0."]}));
        contact_update_ltv(&mut st, &call("", json!({"email": "buyer@example.com", "value": 4, "currency": "USD"})))
            .unwrap();
        assert_eq!(st.find_by(CONTACTS, "email", "buyer@example.com").unwrap()["ltv"], "15.00");
    }

    #[test]
    fn email_setup_verification_and_sending() {
        let mut st = store();
        let bad = send_email(
            &mut st,
            &call(
                "",
                json!({"to_email": ["a@example.com"], "subject": "Hi",
                                                        "body_html": "<p/>", "channel": "transactional"}),
            ),
        );
        assert_eq!(bad.unwrap_err().body, json!({"channel": ["Channel with code 'transactional' does not exist."]}));
        let Reply::Json(201, setup) = account_setup(
            &mut st,
            &call("", json!({"account_name": "Acme", "default_from_email": "hi@acme.io", "identity_value": "acme.io"})),
        )
        .unwrap() else {
            panic!("setup failed")
        };
        assert_eq!(setup["channels"].as_array().map(Vec::len), Some(2));
        assert_eq!(setup["identity"]["dkim_records"].as_array().map(Vec::len), Some(3));
        let Reply::Json(_, status) = account_check_status(&mut st, &Call::default()).unwrap() else { panic!() };
        assert_eq!(status["can_send"], false);
        let eid = setup["identity"]["id"].as_str().unwrap().to_owned();
        identity_check_status(&mut st, &call(&eid, json!({}))).unwrap();
        let Reply::Json(_, status) = account_check_status(&mut st, &Call::default()).unwrap() else { panic!() };
        assert_eq!(status, json!({"status": "active", "can_send": true, "issues": []}));
        let sent = send_email(
            &mut st,
            &call(
                "",
                json!({"to_email": ["a@example.com"], "subject": "Hi",
                                                         "body_html": "<p/>", "channel": "transactional",
                                                         "save_as_template": true}),
            ),
        )
        .unwrap();
        let Reply::Json(200, sent) = sent else { panic!() };
        assert!(sent["template_id"].is_string());
        assert_eq!(st.docs(SENT_EMAILS).len(), 1);
        let e = setup_custom_mail_from(&mut st, &call(&eid, json!({"mail_from_domain": "mail.other.io"})));
        assert_eq!(e.unwrap_err().status, 400);
        setup_custom_mail_from(&mut st, &call(&eid, json!({"mail_from_domain": "mail.acme.io"}))).unwrap();
        assert_eq!(st.get(EMAIL_IDENTITIES, &eid).unwrap()["use_custom_mail_from"], true);
    }
}
