//! Written once, compiled for both facades.

use konigle_core::models::ComponentCreate;
use konigle_suite::recorder::{Canned, Recorder};
use serde_json::{json, Value};

use super::{facade, Client, Error};

fn client(server: &Recorder) -> Client {
    Client::new(crate::config(&server.base_url)).expect("client")
}

fn requests(server: &Recorder) -> Vec<(String, String)> {
    server.received().into_iter().map(|r| (r.method, r.target)).collect()
}

fn pair(method: &str, target: &str) -> (String, String) {
    (method.to_string(), target.to_string())
}

/// The reference SDK returns `""` for any failure of the theme reads; the
/// SDK does so only for a 404 (the site has no theme) and reports the rest.
#[facade]
pub async fn theme_errors_other_than_404_are_reported() {
    let server = Recorder::start(vec![
        Canned::json(500, &json!({"detail": "boom"})),
        Canned::json(404, &json!({"detail": "No theme set."})),
        Canned::json(401, &json!({"detail": "Invalid token."})),
    ]);
    let themes = client(&server).themes();
    let err = themes.get_reference_theme_template().await.expect_err("a 500 is an error");
    assert!(matches!(err, Error::Server(ref e) if e.status == 500), "{err:?}");
    let css = themes.get_theme_css().await.expect("a 404 reads as no theme");
    assert_eq!(css, "");
    let err = themes.get_theme_css().await.expect_err("a 401 is an error");
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    assert_eq!(
        requests(&server),
        [
            pair("GET", "/themes/api/v1/site-themes/reference-html"),
            pair("GET", "/themes/api/v1/site-themes/get-css"),
            pair("GET", "/themes/api/v1/site-themes/get-css"),
        ]
    );
}

/// A manager and its clones share the looked-up id; a new manager looks it
/// up again.
#[facade]
pub async fn asset_and_document_ids_are_looked_up_once_per_manager() {
    let asset = json!({"id": "as/css", "code": "ds-stylesheet"});
    let server = Recorder::start(vec![
        Canned::json(200, &asset),
        Canned::json(200, &json!("a{}")),
        Canned::json(200, &json!({"status": "ok"})),
        Canned::json(200, &asset),
        Canned::json(200, &json!("b{}")),
        Canned::json(200, &json!({"id": "doc_1"})),
        Canned::json(200, &json!({"id": "doc_1", "content": null})),
    ]);
    let c = client(&server);
    let stylesheets = c.stylesheets();
    let copy = stylesheets.clone();
    let first = stylesheets.get_content().await.expect("content");
    assert_eq!(first, "\"a{}\"");
    copy.set_content("b{}").await.expect("saved with the shared id");
    let second = c.stylesheets().get_content().await.expect("content");
    assert_eq!(second, "\"b{}\"");
    let northstar = c.website().get_northstar().await.expect("null content reads as empty");
    assert_eq!(northstar, "");
    assert_eq!(
        requests(&server),
        [
            pair("POST", "/admin/api/storefront-assets/bootstrap"),
            pair("GET", "/admin/api/storefront-assets/as%2Fcss/get-file-content"),
            pair("PATCH", "/admin/api/storefront-assets/as%2Fcss/save-file-content"),
            pair("POST", "/admin/api/storefront-assets/bootstrap"),
            pair("GET", "/admin/api/storefront-assets/as%2Fcss/get-file-content"),
            pair("POST", "/admin/api/site-documents/bootstrap"),
            pair("GET", "/admin/api/site-documents/doc_1"),
        ]
    );
    let bodies: Vec<String> = server.received().iter().map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
    assert_eq!(
        (bodies[0].as_str(), bodies[2].as_str(), bodies[5].as_str()),
        ("code=ds-stylesheet", "content=b%7B%7D", "type=northstar")
    );
}

fn backup() -> Value {
    json!({"id": "bk_1", "created_at": "2024-05-01T10:00:00Z", "kind": "durable", "site": "site_1",
        "backup_type": "page", "target_id": "pg_1", "status": "completed", "trigger": "manual"})
}

fn template(name: &str) -> Value {
    json!({"id": "tp_1", "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-02T11:30:00Z",
        "name": name, "handle": "landing", "is_base": false})
}

#[facade]
pub async fn backup_and_template_records_have_their_actions() {
    let server = Recorder::start(vec![
        Canned::json(200, &backup()),
        Canned::json(200, &json!({"status": "restored", "backup_id": "bk_1"})),
        Canned::json(200, &template("Landing")),
        Canned::json(200, &template("Landing (single)")),
    ]);
    let c = client(&server);
    let bk = c.backups().get("bk_1").await.expect("backup");
    let restored = bk.restore().await.expect("restored");
    assert_eq!((restored.status.as_str(), restored.backup_id.as_deref()), ("restored", Some("bk_1")));
    let tp = c.templates().get("tp_1").await.expect("template");
    let upgraded = tp.upgrade_to_single_component_template().await.expect("upgraded");
    assert_eq!(upgraded.name, "Landing (single)");
    assert_eq!(
        requests(&server),
        [
            pair("GET", "/backup/api/v1/backups/bk_1"),
            pair("POST", "/backup/api/v1/backups/bk_1/restore"),
            pair("GET", "/admin/api/site-templates/tp_1"),
            pair("POST", "/admin/api/site-templates/tp_1/upgrade-to-single-component-template"),
        ]
    );
    // A backup record has no `save`: backups are never edited (a compile error).
    assert_eq!(server.received().len(), 4);
}

/// Without a chosen code, each component gets its name's slug and eight
/// random hexadecimal digits.
#[facade]
pub async fn component_template_codes_are_generated() {
    let created = json!({"id": "cm_1", "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-01T10:00:00Z",
        "name": "Hero Banner", "type": "fluid"});
    let server = Recorder::start(vec![Canned::json(201, &created), Canned::json(201, &created)]);
    let c = client(&server);
    for _ in 0..2 {
        c.components().create(ComponentCreate::builder().name("Hero Banner").build()).await.expect("created");
    }
    let codes: Vec<String> = server
        .received()
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).expect("json body");
            body["context"]["template_"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    for code in &codes {
        let suffix = code.strip_prefix("hero-banner-").unwrap_or_else(|| panic!("slug prefix in {code}"));
        assert!(suffix.len() == 8 && suffix.bytes().all(|b| b.is_ascii_hexdigit()), "{code}");
    }
}
