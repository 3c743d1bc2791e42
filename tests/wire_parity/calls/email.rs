//! Email accounts, channels, identities, templates and sending.

use super::*;
use konigle_core::filters::{
    EmailAccountFilters, EmailChannelFilters, EmailChannelOrdering, EmailIdentityFilters, EmailIdentityOrdering,
    EmailTemplateFilters, EmailTemplateOrdering,
};
use konigle_core::models::{
    Email, EmailAccountCreate, EmailAccountSetup, EmailAccountUpdate, EmailChannelCreate, EmailChannelStatus,
    EmailChannelType, EmailChannelUpdate, EmailIdentityCreate, EmailIdentityType, EmailIdentityUpdate,
    EmailTemplateCreate, EmailTemplateUpdate,
};

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    (
        "email_accounts.list.unknown_filter",
        "filters are typed: EmailAccountFilters has no fields, so `q` does not compile",
    ),
    (
        "email_templates.create.missing_subject",
        "the subject is a required member of the EmailTemplateCreate builder: omitting it does not compile",
    ),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[
    (
        "emails.send.attachments.file_object",
        "an open file is passed as FileInput::reader, which is accepted (read whole); the reference rejects it \
         (checked by open_file_attachment_is_sent below)",
    ),
    (
        "emails.send.attachments.with_headers",
        "the reference crashes (TypeError) before sending; the SDK sends multipart with `headers` as one JSON \
         text field (checked by attachments_with_headers_are_sent below)",
    ),
];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[];

const PDF: &[u8] = b"%PDF-1.4 tiny test pdf";
const CSV: &[u8] = b"a,b\n1,2\n";

fn reader(bytes: &'static [u8]) -> FileInput {
    FileInput::reader(std::io::Cursor::new(bytes.to_vec()))
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let accounts = c.email_accounts();
    let channels = c.email_channels();
    let identities = c.email_identities();
    let templates = c.email_templates();
    let emails = c.emails();
    Some(match name {
        // Accounts.
        "email_accounts.check_status" => ok(accounts.check_status().await),
        "email_accounts.create.bad_email" => {
            ok(accounts.create(EmailAccountCreate::builder().name("X").default_from_email("bad").build()).await)
        }
        "email_accounts.create.full" => ok(accounts
            .create(
                EmailAccountCreate::builder()
                    .name("Marketing Account")
                    .default_from_email("noreply@example.com")
                    .default_from_name("Example Team")
                    .default_reply_to_email("support@example.com")
                    .default_reply_to_name("Support")
                    .build(),
            )
            .await),
        "email_accounts.create.minimal" => {
            ok(accounts.create(EmailAccountCreate::builder().name("Bare Account").build()).await)
        }
        "email_accounts.delete" => unit(accounts.delete("acc_1").await),
        "email_accounts.get" => ok(accounts.get("acc_1").await),
        "email_accounts.iter_all" => ok(collect(accounts.iter_all(&ListParams::new())).await),
        "email_accounts.list.filters_object" => {
            ok(accounts.list(&ListParams::new().page(2).page_size(10).filters(EmailAccountFilters::default())).await)
        }
        "email_accounts.list" => ok(accounts.list(&ListParams::new()).await),
        "email_accounts.list.paged" => ok(accounts.list(&ListParams::new().page(3).page_size(5)).await),
        "email_accounts.setup.bad_from_email" => {
            let data = EmailAccountSetup::builder()
                .account_name("Solo")
                .default_from_email("nope")
                .identity_value("example.com");
            ok(accounts.setup(data.build()).await)
        }
        "email_accounts.setup" => ok(accounts
            .setup(
                EmailAccountSetup::builder()
                    .account_name("Marketing Account")
                    .default_from_email("noreply@example.com")
                    .identity_value("example.com")
                    .default_reply_to_email("support@example.com")
                    .build(),
            )
            .await),
        "email_accounts.setup.minimal" => {
            let data = EmailAccountSetup::builder()
                .account_name("Solo")
                .default_from_email("me@example.org")
                .identity_value("me@example.org");
            ok(accounts.setup(data.build()).await)
        }
        "email_accounts.update.dict" => {
            ok(accounts.update("acc_1", EmailAccountUpdate::builder().default_from_name("Dict Name").build()).await)
        }
        "email_accounts.update.model" => ok(accounts
            .update(
                "acc_1",
                EmailAccountUpdate::builder()
                    .name("Renamed")
                    .default_from_email("hello@example.com")
                    .default_from_name("Hello")
                    .default_reply_to_email("reply@example.com")
                    .default_reply_to_name("Reply")
                    .build(),
            )
            .await),

        // Channels.
        "email_channels.create.bad_code" => ok(channels
            .create(EmailChannelCreate::builder().code("bad code!").channel_type(EmailChannelType::Marketing).build())
            .await),
        "email_channels.create.bad_type" => {
            ok(channels.create(EmailChannelCreate::builder().code("ok").channel_type("sms".into()).build()).await)
        }
        "email_channels.create.full" => {
            let data = EmailChannelCreate::builder().code("Promo_Channel-1").channel_type(EmailChannelType::Marketing);
            ok(channels.create(data.build()).await)
        }
        "email_channels.create.minimal" => {
            let data =
                EmailChannelCreate::builder().code("transactional").channel_type(EmailChannelType::Transactional);
            ok(channels.create(data.build()).await)
        }
        "email_channels.delete" => unit(channels.delete("ch_1").await),
        "email_channels.get" => ok(channels.get("ch_1").await),
        "email_channels.get.suspended" => ok(channels.get("ch_9").await),
        "email_channels.iter_all" => ok(collect(channels.iter_all(&ListParams::new())).await),
        "email_channels.list.filters_kwargs" => ok(channels
            .list(&ListParams::with_filters(
                EmailChannelFilters::builder()
                    .q("tx")
                    .channel_type(EmailChannelType::Transactional)
                    .status(EmailChannelStatus::Suspended)
                    .ordering(EmailChannelOrdering::Code)
                    .build(),
            ))
            .await),
        "email_channels.list.filters_object" => ok(channels
            .list(
                &ListParams::new().page(2).page_size(10).filters(
                    EmailChannelFilters::builder()
                        .q("promo")
                        .channel_type(EmailChannelType::Marketing)
                        .status(EmailChannelStatus::Active)
                        .ordering(EmailChannelOrdering::CreatedAtDesc)
                        .build(),
                ),
            )
            .await),
        "email_channels.list" => ok(channels.list(&ListParams::new()).await),
        "email_channels.list.paged" => ok(channels.list(&ListParams::new().page(3).page_size(5)).await),
        "email_channels.set_engagement_tracking.disable" => ok(channels.set_engagement_tracking("ch_1", false).await),
        "email_channels.set_engagement_tracking.enable" => ok(channels.set_engagement_tracking("ch_1", true).await),
        "email_channels.update.dict" => {
            ok(channels.update("ch_1", EmailChannelUpdate::builder().code("dict-code").build()).await)
        }
        "email_channels.update.model" => {
            ok(channels.update("ch_1", EmailChannelUpdate::builder().code("renamed").build()).await)
        }

        // Identities.
        "email_identities.check_verification_status" => ok(identities.check_verification_status("eid_1").await),
        "email_identities.create.full" => {
            ok(identities.create(EmailIdentityCreate::builder().identity_value("example.com").build()).await)
        }
        "email_identities.create.minimal" => {
            ok(identities.create(EmailIdentityCreate::builder().identity_value("sender@example.org").build()).await)
        }
        "email_identities.delete" => unit(identities.delete("eid_1").await),
        "email_identities.get" => ok(identities.get("eid_1").await),
        "email_identities.get.not_found" => ok(identities.get("missing").await),
        "email_identities.iter_all" => ok(collect(identities.iter_all(&ListParams::new())).await),
        "email_identities.list.bad_identity_type" => ok(identities
            .list(&ListParams::with_filters(EmailIdentityFilters::builder().identity_type("phone".into()).build()))
            .await),
        "email_identities.list.filters_kwargs" => ok(identities
            .list(&ListParams::with_filters(
                EmailIdentityFilters::builder()
                    .q("org")
                    .identity_type(EmailIdentityType::Email)
                    .ordering(EmailIdentityOrdering::UpdatedAt)
                    .build(),
            ))
            .await),
        "email_identities.list.filters_object" => ok(identities
            .list(
                &ListParams::new().page(2).page_size(10).filters(
                    EmailIdentityFilters::builder()
                        .q("example")
                        .identity_type(EmailIdentityType::Domain)
                        .ordering(EmailIdentityOrdering::IdentityValueDesc)
                        .build(),
                ),
            )
            .await),
        "email_identities.list" => ok(identities.list(&ListParams::new()).await),
        "email_identities.list.paged" => ok(identities.list(&ListParams::new().page(3).page_size(5)).await),
        "email_identities.setup_custom_mail_from" => {
            ok(identities.setup_custom_mail_from("eid_1", "mail.example.com").await)
        }
        "email_identities.update.dict" => {
            ok(identities.update("eid_1", EmailIdentityUpdate::builder().use_custom_mail_from(false).build()).await)
        }
        "email_identities.update.model" => {
            ok(identities.update("eid_1", EmailIdentityUpdate::builder().use_custom_mail_from(true).build()).await)
        }

        // Templates.
        "email_templates.active_record" => {
            let mut t = match templates.get("tpl_1").await {
                Ok(t) => t,
                Err(e) => return Some(Err(e)),
            };
            t.subject = "Updated subject".into();
            t.is_base = Some(true);
            if let Err(e) = t.save().await {
                return Some(Err(e));
            }
            if let Err(e) = t.reload().await {
                return Some(Err(e));
            }
            Ok(val(&t))
        }
        "email_templates.create.full" => ok(templates
            .create(
                EmailTemplateCreate::builder()
                    .name("Welcome Email")
                    .code("welcome-email")
                    .subject("Welcome to {{company_name}}!")
                    .body_html("<h1>Welcome!</h1><p>{{ unsubscribe_link }}</p>")
                    .body_text("Welcome!")
                    .tags(["welcome", "onboarding"])
                    .is_base(true)
                    .build(),
            )
            .await),
        "email_templates.create.minimal" => {
            let data = EmailTemplateCreate::builder().name("Plain").code("plain").subject("Hi").body_html("<p>Hi</p>");
            ok(templates.create(data.build()).await)
        }
        "email_templates.delete" => unit(templates.delete("tpl_1").await),
        "email_templates.get" => ok(templates.get("tpl_1").await),
        "email_templates.iter_all" => ok(collect(templates.iter_all(&ListParams::new())).await),
        "email_templates.list.filters_kwargs" => ok(templates
            .list(&ListParams::with_filters(
                EmailTemplateFilters::builder()
                    .q("plain")
                    .tags("a,b")
                    .is_base(false)
                    .ordering(EmailTemplateOrdering::CreatedAt)
                    .build(),
            ))
            .await),
        "email_templates.list.filters_object" => ok(templates
            .list(
                &ListParams::new().page(2).page_size(10).filters(
                    EmailTemplateFilters::builder()
                        .q("welcome")
                        .tags("onboarding")
                        .is_base(true)
                        .ordering(EmailTemplateOrdering::NameDesc)
                        .build(),
                ),
            )
            .await),
        "email_templates.list" => ok(templates.list(&ListParams::new()).await),
        "email_templates.list.paged" => ok(templates.list(&ListParams::new().page(3).page_size(5)).await),
        "email_templates.update.dict" => ok(templates
            .update("tpl_1", EmailTemplateUpdate::builder().subject("Dict subject").is_base(true).build())
            .await),
        "email_templates.update.model" => ok(templates
            .update(
                "tpl_1",
                EmailTemplateUpdate::builder()
                    .name("Renamed")
                    .code("renamed")
                    .subject("New subject")
                    .body_html("<p>new</p>")
                    .body_text("new")
                    .tags(["x"])
                    .is_base(false)
                    .build(),
            )
            .await),

        // Sending.
        "emails.send.attachments.bytes" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("Bytes")
                    .body_html("<p>b</p>")
                    .channel("tx")
                    .attachments([FileInput::bytes(*b"raw bytes attachment")])
                    .build(),
            )
            .await),
        "emails.send.attachments.bytesio" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("BytesIO")
                    .body_html("<p>io</p>")
                    .channel("tx")
                    .attachments([reader(b"in-memory data")])
                    .build(),
            )
            .await),
        "emails.send.attachments.dict_input" => {
            let csv = ctx.file("data.csv", CSV);
            let email = Email::builder()
                .to_email(["alice@example.com"])
                .subject("Dict attach")
                .body_html("<p>d</p>")
                .channel("tx")
                .attachments([csv])
                .build();
            ok(emails.send(email).await)
        }
        "emails.send.attachments.file_object" => {
            let path = ctx.file("report.pdf", PDF);
            let file = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(source) => return Some(Err(Error::File { path, source })),
            };
            let input = FileInput::reader(file).with_name("report.pdf");
            let email = Email::builder()
                .to_email(["alice@example.com"])
                .subject("F")
                .body_html("<p>f</p>")
                .channel("tx")
                .attachments([input])
                .build();
            ok(emails.send(email).await)
        }
        "emails.send.attachments.missing_file" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("M")
                    .body_html("<p>m</p>")
                    .channel("tx")
                    .attachments(["/nonexistent/dir/file.pdf"])
                    .build(),
            )
            .await),
        "emails.send.attachments.multiple_all_fields" => {
            let pdf = ctx.file("report.pdf", PDF);
            let csv = ctx.file("data.csv", CSV);
            let email = Email::builder()
                .to_email(["alice@example.com", "bob@example.com"])
                .subject("All fields")
                .body_html("<p>all</p>")
                .channel("tx")
                .from_email("noreply@example.com")
                .body_text("all")
                .reply_to_email("support@example.com")
                .category("reports")
                .save_as_template(true)
                .attachments([
                    FileInput::from(pdf),
                    (b"x,y".to_vec(), "inline.csv").into(),
                    FileInput::bytes(*b"\x00\x01"),
                    reader(b"memo"),
                    csv.into(),
                ])
                .build();
            ok(emails.send(email).await)
        }
        "emails.send.attachments.path" => {
            let pdf = ctx.file("report.pdf", PDF);
            let email = Email::builder()
                .to_email(["alice@example.com"])
                .subject("Report")
                .body_html("<p>see attached</p>")
                .channel("tx")
                .attachments([pdf])
                .build();
            ok(emails.send(email).await)
        }
        "emails.send.attachments.too_many" => {
            let email = Email::builder()
                .to_email(["alice@example.com"])
                .subject("Many")
                .body_html("<p>m</p>")
                .channel("tx")
                .attachments((0..11).map(|_| FileInput::bytes(*b"x")))
                .build();
            ok(emails.send(email).await)
        }
        "emails.send.attachments.tuple" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("Tuple")
                    .body_html("<p>t</p>")
                    .channel("tx")
                    .attachments([(b"col1,col2\n".to_vec(), "export.csv")])
                    .build(),
            )
            .await),
        "emails.send.attachments.tuple_bytesio" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("Tuple BytesIO")
                    .body_html("<p>io</p>")
                    .channel("tx")
                    .attachments([reader(br#"{"k": 1}"#).with_name("data.json")])
                    .build(),
            )
            .await),
        "emails.send.attachments.with_headers" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("H")
                    .body_html("<p>h</p>")
                    .channel("tx")
                    .headers([("X-A", "1")])
                    .attachments([FileInput::bytes(*b"data")])
                    .build(),
            )
            .await),
        "emails.send.bad_header_key" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("H")
                    .body_html("<p>h</p>")
                    .channel("tx")
                    .headers([("Campaign", "x")])
                    .build(),
            )
            .await),
        "emails.send.bad_recipient" => ok(emails
            .send(Email::builder().to_email(["not-an-email"]).subject("H").body_html("<p>h</p>").channel("tx").build())
            .await),
        "emails.send.channel_too_long" => ok(emails
            .send(
                Email::builder()
                    .to_email(["a@example.com"])
                    .subject("H")
                    .body_html("<p>h</p>")
                    .channel("c".repeat(21))
                    .build(),
            )
            .await),
        "emails.send.dict" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("Dict")
                    .body_html("<p>dict</p>")
                    .channel("tx")
                    .body_text("dict")
                    .build(),
            )
            .await),
        "emails.send" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com", "bob@example.com"])
                    .subject("Welcome to Konigle")
                    .body_html("<h1>Welcome!</h1>")
                    .channel("welcome-emails")
                    .from_email("noreply@example.com")
                    .body_text("Welcome!")
                    .reply_to_email("support@example.com")
                    .category("onboarding")
                    .save_as_template(true)
                    .headers([("X-Campaign-Id", "cmp_1"), ("X-Trace", "abc123")])
                    .build(),
            )
            .await),
        "emails.send.minimal" => ok(emails
            .send(
                Email::builder()
                    .to_email(["alice@example.com"])
                    .subject("Hi")
                    .body_html("<p>Hi</p>")
                    .channel("transactional")
                    .build(),
            )
            .await),
        "emails.send.no_recipients" => ok(emails
            .send(
                Email::builder()
                    .to_email(Vec::<String>::new())
                    .subject("H")
                    .body_html("<p>h</p>")
                    .channel("tx")
                    .build(),
            )
            .await),
        "emails.send.server_rejects" => ok(emails
            .send(
                Email::builder()
                    .to_email(["a@example.com"])
                    .subject("H")
                    .body_html("<p>h</p>")
                    .channel("unknown")
                    .build(),
            )
            .await),
        _ => return None,
    })
}

/// Runs one scenario of this facade against a server answering `answer`,
/// and returns the outcome and the one request it sent, in the fixtures' shape.
fn sent_by(name: &str, answer: Value) -> (Outcome, Value) {
    let facade = if std::any::type_name::<Client>().starts_with("konigle_blocking") {
        crate::Facade::Blocking
    } else {
        crate::Facade::Async
    };
    let server = crate::recorder::Recorder::start(vec![crate::recorder::Canned::json(200, &answer)]);
    let ctx = crate::Ctx::new(name, &format!("{facade:?}-direct"));
    let outcome = crate::run_call(facade, name, &server.base_url, &ctx).expect("scenario is mapped");
    let received = server.received();
    assert_eq!(received.len(), 1, "{name}: exactly one request");
    (outcome, crate::compare::shape(&received[0]))
}

/// The reference cannot send attachments with custom headers; the SDK sends
/// one multipart body whose `headers` text field holds the headers as JSON.
#[test]
fn attachments_with_headers_are_sent() {
    let (outcome, req) = sent_by("emails.send.attachments.with_headers", json!({"status": "sent"}));
    assert_eq!(outcome.expect("sent"), json!({"status": "sent", "message_id": null, "template_id": null}));
    assert_eq!((req["method"].as_str(), req["path"].as_str()), (Some("POST"), Some("/reachout/api/v1/send-email")));
    assert_eq!(req["headers"]["content_type"], "multipart/form-data");
    let body = &req["body"];
    assert_eq!(body["kind"], "multipart");
    assert_eq!(
        body["fields"],
        json!([
            ["to_email", "alice@example.com"],
            ["subject", "H"],
            ["body_html", "<p>h</p>"],
            ["channel", "tx"],
            ["save_as_template", "false"],
            ["headers", r#"{"X-A":"1"}"#],
        ])
    );
    assert_eq!(
        body["files"],
        json!([{
            "name": "attachments",
            "filename": "upload.bin",
            "content_type": "application/octet-stream",
            "size": 4,
            "sha256": "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7",
        }])
    );
}

/// An open file is an attachment like any reader (the reference rejects it).
#[test]
fn open_file_attachment_is_sent() {
    let (outcome, req) = sent_by("emails.send.attachments.file_object", json!({"status": "sent"}));
    assert!(outcome.is_ok());
    let files = &req["body"]["files"];
    assert_eq!(files[0]["filename"], "report.pdf");
    assert_eq!(files[0]["content_type"], "application/pdf");
    assert_eq!(files[0]["size"], PDF.len());
    assert_eq!(req["body"]["fields"][1], json!(["subject", "F"]));
}
