//! Written once, compiled for both facades.

use konigle_core::filters::ImageFilters;
use konigle_core::models::{
    CampaignUpdate, ContactCreate, Email, ImageCreate, ProductImageCreate, SpaceDeploy, UploadCreate,
};
use konigle_suite::recorder::{Canned, Received, Recorder};
use serde_json::{json, Value};

use super::{facade, Client, Error, FileInput, ListParams};

fn client(server: &Recorder) -> Client {
    Client::new(crate::config(&server.base_url)).expect("client")
}

fn ok(fixture: &str) -> Canned {
    Canned::json(200, &crate::recorded(fixture, 0))
}

/// The `Content-Disposition` lines of a multipart body.
fn dispositions(req: &Received) -> Vec<String> {
    String::from_utf8_lossy(&req.body)
        .split("\r\n")
        .filter(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
        .map(|l| l["content-disposition:".len()..].trim().to_string())
        .collect()
}

/// The header block of the part whose disposition contains `filename=`.
fn file_part_head(req: &Received) -> String {
    let body = String::from_utf8_lossy(&req.body).into_owned();
    let start = body.find("filename=").expect("a file part");
    let head_start = body[..start].rfind("\r\n--").map_or(0, |i| i + 2);
    let head_end = body[start..].find("\r\n\r\n").map_or(body.len(), |i| start + i);
    body[head_start..head_end].to_string()
}

fn json_body(req: &Received) -> Value {
    serde_json::from_slice(&req.body).expect("a JSON body")
}

fn invalid_fields(err: &Error) -> String {
    match err {
        Error::InvalidInput { field: Some(f), .. } => f.clone(),
        other => panic!("expected InvalidInput naming fields, got {other:?}"),
    }
}

/// `say "hi"` + CR LF + a backslash: each rule of the encoding at once.
const TRICKY: &str = "say \"hi\"\r\n\\x é.png";
const TRICKY_WIRE: &str = "filename=\"say %22hi%22%0D%0A\\\\x é.png\"";

#[facade]
pub async fn file_names_use_the_html_form_encoding_in_every_domain() {
    let server = Recorder::start(vec![
        ok("core/images.create.minimal"),
        ok("core/uploads.create.from_tuple"),
        ok("commerce/product_images.create.from_tuple"),
        ok("comm/emails.send.attachments.tuple"),
        ok("core/cloud.spaces.deploy.minimal"),
    ]);
    let c = client(&server);
    let named = || FileInput::bytes(*b"\x89PNG-bytes").with_name(TRICKY);
    c.images().create(ImageCreate::builder().name("Tricky").image(named()).build()).await.expect("image");
    c.uploads()
        .create(UploadCreate::builder().file(FileInput::bytes(*b"a,b").with_name("a\"b.csv")).build())
        .await
        .expect("upload");
    c.product_images()
        .create(ProductImageCreate::builder().product("prod_1").file(named()).build())
        .await
        .expect("product image");
    let email = Email::builder()
        .to_email(["to@example.com"])
        .subject("S")
        .body_html("<p/>")
        .channel("tx")
        .attachments([named()])
        .build();
    c.emails().send(email).await.expect("email");
    let deploy = SpaceDeploy::builder().zip_file(FileInput::bytes(*b"PK\x03\x04")).filename("site \"v2\".zip").build();
    c.cloud().spaces().deploy("spc_1", deploy).await.expect("deploy");
    let got = server.received();
    assert_eq!(got.len(), 5);
    for i in [0, 2, 3] {
        let d = dispositions(&got[i]);
        assert!(d.iter().any(|l| l.ends_with(TRICKY_WIRE)), "request {i}: {d:?}");
    }
    assert!(dispositions(&got[1]).iter().any(|l| l == "form-data; name=\"file\"; filename=\"a%22b.csv\""));
    assert!(dispositions(&got[4]).iter().any(|l| l == "form-data; name=\"zip_file\"; filename=\"site %22v2%22.zip\""));
    assert!(dispositions(&got[0]).iter().any(|l| l == "form-data; name=\"name\""), "text parts keep plain names");
}

#[facade]
pub async fn an_open_file_is_sent_under_its_name_and_type() {
    let tag = module_path!().replace("::", "-");
    let dir = std::env::temp_dir().join(format!("konigle-fidelity-open-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("hero.webp");
    std::fs::write(&path, b"RIFF-webp").expect("write");
    let server = Recorder::start(vec![ok("core/images.create.minimal"), ok("core/images.create.minimal")]);
    let c = client(&server);
    let file = std::fs::File::open(&path).expect("open");
    c.images()
        .create(ImageCreate::builder().name("Hero").image(FileInput::from_file(file, &path)).build())
        .await
        .expect("from_file");
    c.images()
        .create(ImageCreate::builder().name("Hero").image(FileInput::open(&path).expect("open")).build())
        .await
        .expect("open");
    let name = path.file_name().and_then(|n| n.to_str()).expect("name").to_string();
    for req in server.received() {
        let head = file_part_head(&req);
        assert!(head.contains(&format!("name=\"image\"; filename=\"{name}\"")), "{head}");
        assert!(head.to_ascii_lowercase().contains("content-type: image/webp"), "{head}");
        assert!(req.body.windows(9).any(|w| w == b"RIFF-webp"), "the file's bytes are sent");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[facade]
pub async fn save_refuses_read_only_changes_and_sends_nothing() {
    let server = Recorder::start(vec![ok("core/images.get"), ok("core/cloud.webapps.get")]);
    let c = client(&server);
    let mut image = c.images().get("img_101").await.expect("get");
    image.alt_text = "New alt".into();
    image.size += 1;
    image.mime_type = "image/gif".into();
    let err = image.save().await.expect_err("read-only fields changed");
    assert_eq!(invalid_fields(&err), "mime_type, size");
    assert!(image.is_dirty(), "the record keeps its changes");
    let mut app = c.cloud().webapps().get("7282828282828282801").await.expect("get");
    app.name = "renamed".into();
    let err = app.save().await.expect_err("a web app's name is not updatable");
    assert_eq!(invalid_fields(&err), "name");
    assert_eq!(server.received().iter().map(|r| r.method.as_str()).collect::<Vec<_>>(), ["GET", "GET"]);
}

#[facade]
pub async fn save_names_the_action_for_a_changed_status() {
    let server = Recorder::start(vec![ok("comm/campaigns.get"), ok("comm/contacts.get")]);
    let c = client(&server);
    let mut campaign = c.campaigns().get("cmp_1").await.expect("get");
    campaign.status = "running".into();
    let err = campaign.save().await.expect_err("status has its own actions");
    let Error::InvalidInput { field: Some(field), message } = &err else { panic!("{err:?}") };
    assert_eq!(field, "status");
    assert!(message.contains("`campaigns().start`") && message.contains("`pause`"), "{message}");
    let mut contact = c.contacts().get("con_1").await.expect("get");
    contact.ltv = Some("99.00".parse().expect("decimal"));
    let err = contact.save().await.expect_err("ltv has its own action");
    assert!(
        matches!(&err, Error::InvalidInput { message, .. } if message.contains("`contacts().update_ltv`")),
        "{err:?}"
    );
    assert_eq!(server.received().len(), 2, "only the two GETs were sent");
}

#[facade]
pub async fn save_refuses_a_change_the_update_cannot_send() {
    let server = Recorder::start(vec![ok("core/images.get")]);
    let c = client(&server);
    let mut image = c.images().get("img_101").await.expect("get");
    image.description = None;
    let err = image.save().await.expect_err("an update cannot send null");
    assert_eq!(invalid_fields(&err), "description");
    image.reset_changes();
    image.save().await.expect("a clean record sends nothing");
    assert_eq!(server.received().len(), 1);
}

#[facade]
pub async fn save_sends_only_the_update_fields() {
    let server = Recorder::start(vec![
        ok("core/images.get"),
        ok("core/images.get"),
        ok("comm/campaigns.get"),
        ok("comm/campaigns.get"),
    ]);
    let c = client(&server);
    let mut image = c.images().get("img_101").await.expect("get");
    image.tags = vec![];
    image.alt_text = String::new();
    image.save().await.expect("save");
    let mut campaign = c.campaigns().get("cmp_1").await.expect("get");
    campaign.name = "Renamed".into();
    campaign.save().await.expect("save");
    let got = server.received();
    assert_eq!(got.iter().map(|r| r.method.as_str()).collect::<Vec<_>>(), ["GET", "PATCH", "GET", "PATCH"]);
    assert_eq!(json_body(&got[1]), json!({"tags": [], "alt_text": ""}), "explicit empties are sent");
    assert_eq!(json_body(&got[3]), json!({"name": "Renamed"}));
}

#[facade]
pub async fn emails_are_normalised_on_the_wire() {
    let server = Recorder::start(vec![ok("comm/contacts.create.minimal"), ok("comm/emails.send")]);
    let c = client(&server);
    c.contacts()
        .create(ContactCreate::builder().email(" Jane Doe <Jane.Doe@EXAMPLE.Com> ").build())
        .await
        .expect("create");
    let email = Email::builder()
        .to_email(["Ops@Sub.Example.ORG", "x@xn--bcher-kva.example"])
        .subject("S")
        .body_html("<p/>")
        .channel("tx")
        .reply_to_email("Help@EXAMPLE.com")
        .build();
    c.emails().send(email).await.expect("send");
    let got = server.received();
    assert_eq!(json_body(&got[0])["email"], "Jane.Doe@example.com");
    let sent = json_body(&got[1]);
    assert_eq!(sent["to_email"], json!(["Ops@sub.example.org", "x@bücher.example"]));
    assert_eq!(sent["reply_to_email"], "Help@example.com");
    let err = c.contacts().create(ContactCreate::builder().email("jane@").build()).await.expect_err("malformed");
    assert_eq!(invalid_fields(&err), "email");
    assert_eq!(server.received().len(), 2, "nothing sent for a malformed address");
}

#[facade]
pub async fn empty_overrides_are_not_sent() {
    let server = Recorder::start(vec![ok("comm/campaigns.get")]);
    let c = client(&server);
    let data = CampaignUpdate::builder().name("N").from_email("").reply_to_email("Reply@EXAMPLE.com").build();
    c.campaigns().update("cmp_1", data).await.expect("update");
    let got = server.received();
    assert_eq!(json_body(&got[0]), json!({"name": "N", "reply_to_email": "Reply@EXAMPLE.com"}));
}

#[facade]
pub async fn media_filters_send_the_mime_type_set() {
    let server = Recorder::start(vec![ok("core/images.list"), ok("core/images.list")]);
    let c = client(&server);
    let f = ImageFilters::builder().mime_type("image/png,image/webp").build();
    c.images().list(&ListParams::with_filters(f)).await.expect("list");
    c.images().list(&ListParams::new()).await.expect("list");
    let bad = ImageFilters::builder().mime_type("video/mp4").build();
    let err = c.images().list(&ListParams::with_filters(bad)).await.expect_err("not an image type");
    assert_eq!(invalid_fields(&err), "mime_type");
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert!(got[0].target.contains("mime_type=image%2Fpng%2Cimage%2Fwebp"), "{}", got[0].target);
    assert!(
        got[1].target.contains("mime_type=image&") || got[1].target.ends_with("mime_type=image"),
        "{}",
        got[1].target
    );
}

#[facade]
pub async fn explicit_empty_attachments_are_sent() {
    let server = Recorder::start(vec![ok("comm/emails.send"), ok("comm/emails.send")]);
    let c = client(&server);
    let email = || Email::builder().to_email(["to@example.com"]).subject("S").body_html("<p/>").channel("tx");
    c.emails().send(email().attachments(Vec::<FileInput>::new()).build()).await.expect("send");
    c.emails().send(email().build()).await.expect("send");
    let got = server.received();
    assert_eq!(json_body(&got[0])["attachments"], json!([]));
    assert!(json_body(&got[1]).get("attachments").is_none());
}
