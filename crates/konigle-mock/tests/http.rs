//! The mock over real HTTP: shapes against the recorded fixtures, auth,
//! admin endpoints, faults, files, lifecycle.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use konigle_mock::{Fault, MockServer};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

struct Api {
    http: Client,
    base: String,
    key: String,
}

impl Api {
    fn new(server: &MockServer) -> Api {
        Api { http: Client::new(), base: server.base_url().to_owned(), key: server.api_key().to_owned() }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Authorization", format!("Token {}", self.key));
        if let Some(body) = body {
            req = req.header("Content-Type", "application/json").body(body.to_string());
        }
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let (status, value) = self.send(method.clone(), path, body).await;
        assert!(status.is_success(), "{method} {path} -> {status}: {value}");
        value
    }

    async fn get(&self, path: &str) -> Value {
        self.ok(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.ok(Method::POST, path, Some(body)).await
    }

    async fn multipart(&self, path: &str, form: reqwest::multipart::Form) -> Value {
        let resp = self
            .http
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Token {}", self.key))
            .multipart(form)
            .send()
            .await
            .expect("request");
        let status = resp.status();
        let value: Value = serde_json::from_str(&resp.text().await.expect("body")).unwrap_or(Value::Null);
        assert!(status.is_success(), "POST {path} -> {status}: {value}");
        value
    }
}

fn fixture(name: &str, response: usize) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/wire").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let recorded: Value = serde_json::from_str(&text).expect("fixture JSON");
    recorded["responses"][response][1].clone()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// The mock answers with the same keys as the platform did in `name`.
fn same_keys(name: &str, response: usize, pointer: &str, mock: &Value) {
    let recorded = fixture(name, response);
    let expected = recorded.pointer(pointer).unwrap_or_else(|| panic!("{name} has no {pointer}"));
    assert_eq!(keys(mock), keys(expected), "keys of {name}{pointer}: mock {mock}");
}

fn file_part(bytes: &'static [u8], name: &str, mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()).mime_str(mime).expect("mime")
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x08\x08\x02\x00\x00\x00";

#[tokio::test]
async fn answers_have_the_recorded_shapes() {
    let server = MockServer::start().await;
    let api = Api::new(&server);

    // Core: media assets, uploads, connections, forms.
    let form = reqwest::multipart::Form::new()
        .text("name", "Hero")
        .text("alt_text", "")
        .text("tags", "hero,banner")
        .part("image", file_part(PNG, "hero.png", "image/png"));
    let image = api.multipart("/admin/api/storefront-assets", form).await;
    same_keys("core/images.get.json", 0, "", &image);
    let form = reqwest::multipart::Form::new()
        .text("name", "Prices")
        .part("file", file_part(b"%PDF-1", "p.pdf", "application/pdf"));
    let doc = api.multipart("/admin/api/storefront-assets", form).await;
    same_keys("core/documents.get.json", 0, "", &doc);
    let list = api.get("/admin/api/storefront-assets?page=1&page_size=20&mime_type=image").await;
    same_keys("core/images.list.json", 0, "", &list);
    same_keys("core/images.list.json", 0, "/payload/0", &list["payload"][0]);
    let generated = api
        .post("/admin/api/storefront-assets/generate-image", json!({"prompt": "A cat", "aspect_ratio": "16:9"}))
        .await;
    same_keys("core/images.generate.all_fields.json", 0, "", &generated);
    assert_eq!((generated["image_width"].clone(), generated["image_height"].clone()), (json!(1344), json!(768)));

    let form = reqwest::multipart::Form::new()
        .text("name", "Report")
        .text("tags", "")
        .part("file", file_part(b"a,b", "r.csv", "text/csv"));
    let upload = api.multipart("/admin/api/uploads", form).await;
    same_keys("core/uploads.get.json", 0, "", &upload);
    let cloud = api
        .post(
            "/admin/api/uploads/create-cloud-upload",
            json!({"mime_type": "video/mp4", "file_size": 3, "filename": "v.mp4"}),
        )
        .await;
    same_keys("core/uploads.create_cloud_upload.all_fields.json", 0, "", &cloud);

    let connections = api.get("/relay/api/v1/connections?page=1&page_size=20").await;
    same_keys("core/connections.list.json", 0, "/payload/0", &connections["payload"][0]);
    let credentials = api.get("/relay/api/v1/connections/get-credentials?provider=konigle_forms").await;
    assert_eq!(credentials["access_token"], server.forms_token());

    let bearer = format!("Bearer {}", server.forms_token());
    let created: Value = api
        .http
        .post(format!("{}/api/dev/forms/", api.base))
        .header("Authorization", &bearer)
        .json(&json!({"name": "Contact Us"}))
        .send()
        .await
        .expect("form")
        .json()
        .await
        .expect("json");
    same_keys("core/forms.get.json", 1, "", &created);
    let submitted =
        api.http.post(format!("{}/f/contact-us", api.base)).form(&[("email", "a@b.co")]).send().await.expect("submit");
    assert_eq!(submitted.status(), StatusCode::CREATED);
    let subs: Value = api
        .http
        .get(format!("{}/api/dev/forms/contact-us/submissions/?page=1&page_size=20", api.base))
        .header("Authorization", &bearer)
        .send()
        .await
        .expect("submissions")
        .json()
        .await
        .expect("json");
    assert_eq!(keys(&subs), keys(&fixture("core/forms.list_submissions.json", 1)));
    same_keys("core/forms.list_submissions.json", 1, "/results/0", &subs["results"][0]);

    // Cloud.
    let computer =
        api.post("/cloud/api/v1/computers", json!({"display_name": "Worker", "size": "S", "region": "sgp1"})).await;
    same_keys("core/cloud.computers.create.minimal.json", 0, "", &computer);
    same_keys("core/cloud.computers.get.json", 0, "", &computer["computer"]);
    let computer_id = computer["computer"]["id"].as_str().expect("id").to_owned();
    let webapp = api
        .post(
            "/cloud/api/v1/webapps",
            json!({"computer_id": computer_id, "name": "my-app", "runtime": "python3", "web_server": "nginx"}),
        )
        .await;
    same_keys("core/cloud.webapps.create.minimal.json", 0, "", &webapp);
    same_keys("core/cloud.webapps.get.json", 0, "", &webapp["webapp"]);
    let spaces = api.get("/cloud/api/v1/spaces?page=1&page_size=20").await;
    same_keys("core/cloud.spaces.get.json", 0, "", &spaces["payload"][0]);
    let uat = spaces["payload"][0]["id"].as_str().expect("uat").to_owned();
    let form = reqwest::multipart::Form::new()
        .text("display_name", "R1")
        .part("zip_file", file_part(b"PK\x03\x04", "app.zip", "application/zip"));
    let deployment = api.multipart(&format!("/cloud/api/v1/spaces/{uat}/deploy"), form).await;
    same_keys("core/cloud.spaces.deploy.all_params.json", 0, "", &deployment);
    let promoted = api.post(&format!("/cloud/api/v1/spaces/{uat}/promote"), json!({})).await;
    same_keys("core/cloud.spaces.promote.json", 0, "", &promoted);
    let job = api.get(&format!("/cloud/api/v1/jobs/{}", deployment["job_id"].as_str().expect("job"))).await;
    same_keys("core/cloud.jobs.get.json", 0, "", &job);
    let name = api.get("/cloud/api/v1/webapps/check-name-availability?name=brand-new-app").await;
    assert_eq!(name, fixture("core/cloud.webapps.check_name_availability.json", 0));

    // Commerce.
    let product = api.post("/admin/api/products", json!({"title": "Classic Tee", "price": "19.99"})).await;
    same_keys("commerce/products.get.json", 0, "", &product);
    let uid = product["uid"].as_str().expect("uid").to_owned();
    let products = api.get("/admin/api/products?page=1&page_size=20").await;
    same_keys("commerce/products.list.defaults.json", 0, "/payload/0", &products["payload"][0]);
    let variants = api.get(&format!("/admin/api/product-variants?page=1&page_size=20&product_id={uid}")).await;
    same_keys("commerce/product_variants.list.json", 0, "/payload/0", &variants["payload"][0]);
    let variant =
        api.get(&format!("/admin/api/product-variants/{}", variants["payload"][0]["uid"].as_str().expect("v"))).await;
    same_keys("commerce/product_variants.get.json", 0, "", &variant);
    same_keys("commerce/product_variants.get.json", 0, "/product", &variant["product"]);
    let form = reqwest::multipart::Form::new()
        .text("product", uid.clone())
        .text("alt", "")
        .text("position", "1")
        .part("file", file_part(PNG, "front.png", "image/png"));
    let product_image = api.multipart("/admin/api/product-images", form).await;
    same_keys("commerce/product_images.get.json", 0, "", &product_image);
    let with_image = api.get(&format!("/admin/api/products/{uid}")).await;
    same_keys("commerce/products.get.json", 0, "/image", &with_image["image"]);

    // Communication.
    let setup = api
        .post(
            "/reachout/api/v1/accounts/setup",
            json!({"account_name": "Acme", "default_from_email": "hi@acme.io", "identity_value": "acme.io"}),
        )
        .await;
    same_keys("comm/email_accounts.setup.json", 0, "", &setup);
    same_keys("comm/email_accounts.get.json", 0, "", &setup["account"]);
    same_keys("comm/email_channels.get.json", 0, "", &setup["channels"][0]);
    same_keys("comm/email_identities.get.json", 0, "", &setup["identity"]);
    let status = api.post("/reachout/api/v1/accounts/check-status", json!({})).await;
    same_keys("comm/email_accounts.check_status.json", 0, "", &status);
    let template = api
        .post(
            "/reachout/api/v1/email-templates",
            json!({"name": "W", "code": "w", "subject": "Hi", "body_html": "<p/>"}),
        )
        .await;
    same_keys("comm/email_templates.get.json", 0, "", &template);
    let audience = api.post("/reachout/api/v1/audiences", json!({"name": "VIP", "tags": ["vip"]})).await;
    same_keys("comm/audiences.get.json", 0, "", &audience);
    let contact = api.post("/reachout/api/v1/contacts", json!({"email": "ann@example.com", "tags": ["vip"]})).await;
    same_keys("comm/contacts.get.json", 0, "", &contact);
    let campaign = api.post("/reachout/api/v1/campaigns", json!({"name": "Sale", "audience": audience["id"]})).await;
    same_keys("comm/campaigns.get.json", 0, "", &campaign);
    let id = campaign["id"].as_str().expect("id").to_owned();
    api.post(&format!("/reachout/api/v1/campaigns/{id}/start"), json!({})).await;
    let detail = api.get(&format!("/reachout/api/v1/campaigns/{id}")).await;
    same_keys("comm/campaigns.get.detail_with_execution.json", 0, "", &detail);
    same_keys("comm/campaigns.get.detail_with_execution.json", 0, "/execution", &detail["execution"]);
    let test =
        api.post(&format!("/reachout/api/v1/campaigns/{id}/send-test-email"), json!({"email_address": "t@x.io"})).await;
    same_keys("comm/campaigns.send_test_email.json", 0, "", &test);
    let combined = api
        .post(
            "/reachout/api/v1/campaigns/new-email-campaign",
            json!({"campaign_name": "Flash", "email_channel": "marketing", "contact_tags": ["vip"], "subject": "S",
                   "body_html": "<p/>"}),
        )
        .await;
    same_keys("comm/campaigns.new_email_campaign.json", 0, "", &combined);
    let sent = api
        .post(
            "/reachout/api/v1/send-email",
            json!({"to_email": ["a@example.com"], "subject": "Hi", "body_html": "<p/>", "channel": "transactional",
                   "save_as_template": true}),
        )
        .await;
    same_keys("comm/emails.send.json", 0, "", &sent);
    let (status, rejected) = api
        .send(
            Method::POST,
            "/reachout/api/v1/send-email",
            Some(json!({"to_email": ["a@example.com"], "subject": "H", "body_html": "<p>h</p>", "channel": "unknown"})),
        )
        .await;
    assert_eq!((status.as_u16(), rejected), (400, fixture("comm/emails.send.server_rejects.json", 0)));
    let (status, body) = api.send(Method::POST, &format!("/reachout/api/v1/campaigns/{id}/start"), None).await;
    assert_eq!((status.as_u16(), body), (400, fixture("comm/campaigns.start.invalid_status.json", 0)));
    let (status, body) =
        api.send(Method::POST, "/reachout/api/v1/contacts", Some(json!({"email": "ann@example.com"}))).await;
    assert_eq!((status.as_u16(), body), (400, fixture("comm/contacts.create.duplicate.json", 0)));
    let (status, body) = api.send(Method::GET, "/reachout/api/v1/identities/missing", None).await;
    assert_eq!((status.as_u16(), body), (404, fixture("comm/email_identities.get.not_found.json", 0)));
}

#[tokio::test]
async fn authentication_is_checked() {
    let server = MockServer::builder().api_key("sk_test_1").start().await.expect("start");
    let http = Client::new();
    let url = format!("{}/reachout/api/v1/contacts", server.base_url());
    let resp = http.get(&url).send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(resp.headers().get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Token"));
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"detail": "Authentication credentials were not provided."})
    );
    let resp = http.get(&url).header("Authorization", "Token nope").send().await.expect("send");
    assert_eq!(resp.json::<Value>().await.expect("json"), json!({"detail": "Invalid token."}));
    let resp = http.get(&url).header("Authorization", "Bearer sk_test_1").send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "the API wants the Token scheme");
    let resp = http.get(&url).header("Authorization", "Token sk_test_1").send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::OK);
    let forms = format!("{}/api/dev/forms/", server.base_url());
    let resp = http.get(&forms).header("Authorization", "Token sk_test_1").send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "the forms service wants its bearer token");
    let old = format!("Bearer {}", server.forms_token());
    server.rotate_forms_token();
    let resp = http.get(&forms).header("Authorization", &old).send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = http
        .get(&forms)
        .header("Authorization", format!("Bearer {}", server.forms_token()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = http.get(format!("{}/nowhere", server.base_url())).send().await.expect("send");
    assert_eq!(
        (resp.status(), resp.json::<Value>().await.expect("json")),
        (StatusCode::NOT_FOUND, json!({"detail": "Not found."}))
    );
}

#[tokio::test]
async fn crud_pagination_links_and_validation() {
    let server = MockServer::start().await;
    let api = Api::new(&server);
    for i in 0..5 {
        api.post("/reachout/api/v1/audiences", json!({"name": format!("Group {i}"), "tags": ["t"]})).await;
    }
    let page = api.get("/reachout/api/v1/audiences?page=1&page_size=2&tags=t").await;
    assert_eq!((page["count"].clone(), page["num_pages"].clone()), (json!(5), json!(3)));
    let next = page["next"].as_str().expect("next").to_owned();
    assert_eq!(next, format!("{}/reachout/api/v1/audiences?page=2&page_size=2&tags=t", server.base_url()));
    let second = api.get(next.trim_start_matches(server.base_url())).await;
    assert_eq!(second["payload"][0]["code"], "group-2");
    let (status, body) = api.send(Method::GET, "/reachout/api/v1/audiences?page=9", None).await;
    assert_eq!((status.as_u16(), body), (404, json!({"detail": "Invalid page."})));

    let patched = api.ok(Method::PATCH, "/reachout/api/v1/audiences/aud_1", Some(json!({"description": "Best"}))).await;
    assert_eq!((patched["description"].clone(), patched["name"].clone()), (json!("Best"), json!("Group 0")));
    let (status, body) = api.send(Method::PATCH, "/reachout/api/v1/audiences/aud_1", Some(json!({"name": ""}))).await;
    assert_eq!((status.as_u16(), body), (400, json!({"name": ["This field may not be blank."]})));
    let (status, body) = api.send(Method::POST, "/reachout/api/v1/audiences", Some(json!({"description": "x"}))).await;
    assert_eq!((status.as_u16(), body), (400, json!({"name": ["This field is required."]})));
    let (status, body) = api.send(Method::POST, "/reachout/api/v1/audiences", Some(json!([1]))).await;
    assert_eq!(
        (status.as_u16(), body),
        (400, json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}))
    );
    let (status, _) = api.send(Method::DELETE, "/reachout/api/v1/audiences/aud_1", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api.send(Method::GET, "/reachout/api/v1/audiences/aud_1", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api.send(Method::PATCH, "/admin/api/uploads/upl_1", Some(json!({}))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "uploads cannot be updated");
}

#[tokio::test]
async fn files_are_kept_and_served() {
    let server = MockServer::start().await;
    let api = Api::new(&server);
    let cloud = api
        .post(
            "/admin/api/uploads/create-cloud-upload",
            json!({"mime_type": "text/plain", "file_size": 5, "filename": "hi.txt"}),
        )
        .await;
    let put = api.http.put(cloud["upload_url"].as_str().expect("url")).body("hello").send().await.expect("put");
    assert_eq!(put.status(), StatusCode::OK);
    let done =
        api.post(&format!("/admin/api/uploads/{}/mark-completed", cloud["id"].as_str().expect("id")), json!({})).await;
    let body =
        api.http.get(done["url"].as_str().expect("url")).send().await.expect("download").text().await.expect("text");
    assert_eq!(body, "hello");
}

#[tokio::test]
async fn admin_endpoints_drive_faults_log_and_state() {
    let server = MockServer::start().await;
    let api = Api::new(&server);
    let admin = |path: &str| format!("{}/__mock/{path}", server.base_url());
    let resp = api
        .http
        .post(admin("faults"))
        .json(&json!([{"kind": "rate_limit", "retry_after": 7, "path_prefix": "/reachout"}, {"kind": "status", "status": 502}]))
        .send()
        .await
        .expect("faults");
    assert_eq!(resp.status(), StatusCode::CREATED);
    let resp = api.http.get(format!("{}/reachout/api/v1/contacts", server.base_url())).send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("7"));
    let (status, _) = api.send(Method::GET, "/admin/api/products", None).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    let pending: Value = api.http.get(admin("faults")).send().await.expect("get").json().await.expect("json");
    assert_eq!(pending, json!([]));

    api.post("/admin/api/products", json!({"title": "Mug"})).await;
    let created: Value = api
        .http
        .post(admin("collections/contacts"))
        .json(&json!({"email": "seed@example.com"}))
        .send()
        .await
        .expect("seed")
        .json()
        .await
        .expect("json");
    assert_eq!(created["id"], "con_1");
    let log: Value = api.http.get(admin("requests")).send().await.expect("log").json().await.expect("json");
    let seen: Vec<(String, String, Value)> = log
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap_or("").to_owned(),
                r["path"].as_str().unwrap_or("").to_owned(),
                r["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".into(), "/reachout/api/v1/contacts".into(), json!(429)),
            ("GET".into(), "/admin/api/products".into(), json!(502)),
            ("POST".into(), "/admin/api/products".into(), json!(201)),
        ]
    );
    assert_eq!(log[2]["body"], json!({"title": "Mug"}));
    let products: Value =
        api.http.get(admin("collections/products")).send().await.expect("get").json().await.expect("json");
    assert_eq!(products.as_array().map(Vec::len), Some(1));

    api.http.post(admin("reset")).send().await.expect("reset");
    assert_eq!(api.get("/admin/api/products").await["count"], 0);
    assert_eq!(server.documents("contacts").len(), 0);
    assert_eq!(server.documents("connections").len(), 1, "the konigle_forms connection is seeded again");
    assert_eq!(server.requests().len(), 1, "the log was cleared");
}

#[tokio::test]
async fn dropped_connections_truncated_bodies_and_delays() {
    let server = MockServer::start().await;
    let api = Api::new(&server);
    server.inject(Fault::drop_connection());
    let err = api
        .http
        .get(format!("{}/admin/api/products", server.base_url()))
        .header("Authorization", "Token mock-key")
        .send()
        .await;
    assert!(err.is_err(), "no answer at all");

    server.inject(Fault::truncated_body());
    let resp = api
        .http
        .get(format!("{}/admin/api/products", server.base_url()))
        .header("Authorization", "Token mock-key")
        .send()
        .await
        .expect("headers arrive");
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.bytes().await.is_err(), "the body is cut short");

    server.inject(Fault::delay(Duration::from_millis(150)).path_prefix("/admin/api/products").method("get"));
    let started = std::time::Instant::now();
    api.get("/admin/api/products").await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    let log = server.requests();
    assert_eq!(log.iter().map(|r| r.status).collect::<Vec<_>>(), [None, Some(200), Some(200)]);
    assert_eq!(server.request_count("GET", "/admin/api/products"), 3);
    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[test]
fn blocking_server_stops_when_dropped() {
    let server = MockServer::start_blocking();
    let addr = server.addr();
    assert!(std::net::TcpStream::connect(addr).is_ok());
    assert_eq!(server.document("connections", "conn_1").map(|c| c["provider"].clone()), Some(json!("konigle_forms")));
    drop(server);
    assert!(std::net::TcpStream::connect(addr).is_err(), "the port is closed once the handle is dropped");
}
