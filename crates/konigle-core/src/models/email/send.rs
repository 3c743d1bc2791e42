//! Sending an email: the payload and the service's answer.

use crate::models::payload::check_opt_max_len;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;

/// Longest subject line.
pub const EMAIL_SUBJECT_MAX: usize = 255;
/// Longest channel code accepted when sending.
pub const EMAIL_SEND_CHANNEL_MAX: usize = 20;
/// Longest notification category code.
pub const EMAIL_CATEGORY_MAX: usize = 50;
/// Most attachments one email may carry.
pub const EMAIL_MAX_ATTACHMENTS: usize = 10;
/// Largest attachment, in bytes (20 MiB).
pub const EMAIL_MAX_ATTACHMENT_SIZE: u64 = 20 * 1024 * 1024;
/// Largest total size of an email's attachments, in bytes (100 MiB).
pub const EMAIL_MAX_TOTAL_ATTACHMENT_SIZE: u64 = 100 * 1024 * 1024;
/// Prefix every custom header name must start with.
pub const EMAIL_HEADER_PREFIX: &str = "X-";

/// An email to send through a channel (`emails().send`).
///
/// Without attachments it is sent as JSON. With attachments it is sent as
/// `multipart/form-data`: each field as a text part (one `to_email` part
/// per recipient, `save_as_template` as `true`/`false`, `headers` as a JSON
/// object in one text part), then one `attachments` file part per file.
///
/// `save_as_template` is sent as `false` unless set; assigning `None` to it
/// after `build()` leaves it out (of the JSON body and of the parts).
///
/// ```
/// use konigle_core::models::Email;
/// use konigle_core::FileInput;
/// let email = Email::builder()
///     .to_email(["alice@example.com"])
///     .subject("Your report")
///     .body_html("<p>Attached.</p>")
///     .channel("transactional")
///     .body_text("Attached.")
///     .reply_to_email("support@example.com")
///     .headers([("X-Campaign-Id", "cmp_1")])
///     .attachments([FileInput::bytes(b"a,b\n1,2\n".to_vec()).with_name("report.csv")])
///     .build();
/// # let _ = email;
/// ```
#[derive(Debug, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct Email {
    /// Sender address, replacing the account's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    /// Recipients (required, at least one valid address).
    #[builder(with = |to: impl IntoIterator<Item = impl Into<String>>| to.into_iter().map(Into::into).collect())]
    pub to_email: Vec<String>,
    /// Subject line (required, at most 255 characters).
    pub subject: String,
    /// HTML body (required).
    pub body_html: String,
    /// Plain text body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// Reply-to address, replacing the account's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to_email: Option<String>,
    /// Files to attach: at most 10, each at most 20 MiB, 100 MiB in all;
    /// each a path, bytes (`upload.bin` unless named), a reader,
    /// `(bytes, file name)` or an `https://` URL. Unset (`None`) nothing is
    /// sent; an explicit empty list is sent as `"attachments": []` in the
    /// JSON body, as the reference sends it.
    #[serde(skip)]
    #[builder(with = |files: impl IntoIterator<Item = impl Into<FileInput>>| files.into_iter().map(Into::into).collect())]
    pub attachments: Option<Vec<FileInput>>,
    /// Code of the channel to send through (required, at most 20 characters).
    pub channel: String,
    /// Notification category code (at most 50 characters). Recipients
    /// unsubscribed from it are not sent the email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Whether to also save the email as a template (`false` by default;
    /// `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub save_as_template: Option<bool>,
    /// Custom headers, as `(name, value)` pairs; every name must start with
    /// `X-`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |headers: impl IntoIterator<Item = (impl Into<String>, impl Into<String>)>| {
        headers.into_iter().map(|(name, value)| (name.into(), value.into())).collect()
    })]
    pub headers: Option<BTreeMap<String, String>>,
}

impl Email {
    fn validate_fields(&self) -> Result<()> {
        if self.to_email.is_empty() {
            return Err(Error::invalid("to_email", "at least one recipient is required"));
        }
        check_max_len("subject", &self.subject, EMAIL_SUBJECT_MAX)?;
        let count = self.attachments.as_ref().map_or(0, Vec::len);
        if count > EMAIL_MAX_ATTACHMENTS {
            return Err(Error::invalid(
                "attachments",
                format!("at most {EMAIL_MAX_ATTACHMENTS} attachments are allowed, got {count}"),
            ));
        }
        check_max_len("channel", &self.channel, EMAIL_SEND_CHANNEL_MAX)?;
        check_opt_max_len("category", self.category.as_deref(), EMAIL_CATEGORY_MAX)?;
        Ok(())
    }
}

/// Checks the size of each attachment and of all of them together, where
/// known (a URL's size is known only once downloaded).
fn check_sizes(parts: &[FilePart]) -> Result<()> {
    let mut total = 0u64;
    for part in parts {
        let Some(len) = part.len() else { continue };
        if len > EMAIL_MAX_ATTACHMENT_SIZE {
            return Err(Error::invalid(
                "attachments",
                format!("attachment {:?} exceeds the maximum size of 20 MiB", part.file_name),
            ));
        }
        total = total.saturating_add(len);
    }
    if total > EMAIL_MAX_TOTAL_ATTACHMENT_SIZE {
        return Err(Error::invalid("attachments", "the attachments exceed 100 MiB in total"));
    }
    Ok(())
}

impl Payload for Email {
    fn into_body(mut self) -> Result<Body> {
        self.validate_fields()?;
        let explicit_empty = self.attachments.as_ref().is_some_and(Vec::is_empty);
        let files = self
            .attachments
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|file| FilePart::new("attachments", file, FileRules::ANY))
            .collect::<Result<Vec<_>>>()?;
        check_sizes(&files)?;
        let mut json = crate::rules::json("Email", &self)?;
        if let (true, serde_json::Value::Object(map)) = (explicit_empty, &mut json) {
            map.insert("attachments".into(), serde_json::Value::Array(vec![]));
        }
        Body::with_files(&json, files)
    }
}

/// The email service's answer to a send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailResponse {
    /// Outcome, e.g. `sent` or `queued`.
    pub status: String,
    /// Id of the sent message.
    #[serde(default)]
    pub message_id: Option<String>,
    /// Id of the template created when `save_as_template` was set.
    #[serde(default)]
    pub template_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Part;

    fn texts(body: &Body) -> Vec<(String, String)> {
        match body {
            Body::Multipart(parts) => parts
                .iter()
                .filter_map(|p| match p {
                    Part::Text { name, value } => Some((name.clone(), value.clone())),
                    Part::File(_) => None,
                })
                .collect(),
            _ => vec![],
        }
    }

    fn email(to: &[&str], subject: &str, channel: &str) -> Email {
        Email::builder().to_email(to.iter().copied()).subject(subject).body_html("<p/>").channel(channel).build()
    }

    fn base() -> Email {
        email(&["a@example.com"], "S", "tx")
    }

    #[test]
    fn explicit_empty_attachments_are_sent_and_unset_ones_are_not() {
        let mut email = base();
        email.attachments = Some(vec![]);
        let Body::Json(v) = email.into_body().unwrap() else { panic!("expected JSON") };
        assert_eq!(v["attachments"], serde_json::json!([]));
        let built = Email::builder()
            .to_email(["a@example.com"])
            .subject("S")
            .body_html("<p/>")
            .channel("tx")
            .attachments(Vec::<FileInput>::new())
            .build();
        let Body::Json(v) = built.into_body().unwrap() else { panic!("expected JSON") };
        assert_eq!(v["attachments"], serde_json::json!([]));
        let Body::Json(v) = base().into_body().unwrap() else { panic!("expected JSON") };
        assert!(v.get("attachments").is_none(), "{v}");
    }

    #[test]
    fn json_without_attachments() {
        let mut email = base();
        email.headers = Some(BTreeMap::from([("X-A".to_string(), "1".to_string())]));
        let Body::Json(v) = email.into_body().unwrap() else { panic!("expected JSON") };
        assert_eq!(
            v,
            serde_json::json!({
                "to_email": ["a@example.com"], "subject": "S", "body_html": "<p/>", "channel": "tx",
                "save_as_template": false, "headers": {"X-A": "1"}
            })
        );
    }

    #[test]
    fn headers_travel_as_one_json_field_with_attachments() {
        let body = Email::builder()
            .to_email(["a@example.com", "b@example.com"])
            .subject("S")
            .body_html("<p/>")
            .channel("tx")
            .headers([("X-B", "2"), ("X-A", "1")])
            .attachments([(b"x".to_vec(), "a.txt")])
            .build()
            .into_body()
            .unwrap();
        let want = [
            ("to_email", "a@example.com"),
            ("to_email", "b@example.com"),
            ("subject", "S"),
            ("body_html", "<p/>"),
            ("channel", "tx"),
            ("save_as_template", "false"),
            ("headers", r#"{"X-A":"1","X-B":"2"}"#),
        ];
        assert_eq!(texts(&body), want.map(|(k, v)| (k.to_string(), v.to_string())));
        let Body::Multipart(parts) = body else { unreachable!() };
        assert!(
            matches!(parts.last(), Some(Part::File(f)) if f.field == "attachments" && f.content_type == "text/plain")
        );
    }

    #[test]
    fn save_as_template_can_be_left_out() {
        let mut email = base();
        email.save_as_template = None;
        let Body::Json(v) = email.into_body().unwrap() else { panic!("expected JSON") };
        assert_eq!(
            v,
            serde_json::json!({"to_email": ["a@example.com"], "subject": "S", "body_html": "<p/>", "channel": "tx"})
        );
        let mut email = base();
        email.attachments = Some(vec![(b"x".to_vec(), "a.txt").into()]);
        email.save_as_template = None;
        let body = email.into_body().unwrap();
        let want = [("to_email", "a@example.com"), ("subject", "S"), ("body_html", "<p/>"), ("channel", "tx")];
        assert_eq!(texts(&body), want.map(|(k, v)| (k.to_string(), v.to_string())));
    }

    #[test]
    fn rejects_before_sending() {
        let field = |e: Email| match e.into_body() {
            Err(Error::InvalidInput { field, .. }) => field.unwrap_or_default(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        let with = |f: fn(&mut Email)| {
            let mut e = base();
            f(&mut e);
            e
        };
        assert_eq!(field(email(&[], "S", "tx")), "to_email");
        assert_eq!(field(email(&["ok@example.com", "nope"], "S", "tx")), "to_email.1");
        assert_eq!(field(with(|e| e.from_email = Some("x".into()))), "from_email");
        assert_eq!(field(with(|e| e.reply_to_email = Some("x".into()))), "reply_to_email");
        assert_eq!(field(with(|e| e.headers = Some(BTreeMap::from([("Campaign".into(), "x".into())])))), "headers");
        assert_eq!(field(email(&["a@example.com"], "S", &"c".repeat(21))), "channel");
        assert_eq!(field(with(|e| e.category = Some("c".repeat(51)))), "category");
        assert_eq!(field(email(&["a@example.com"], &"s".repeat(256), "tx")), "subject");
        let attach = |files: Vec<FileInput>| {
            Email::builder()
                .to_email(["a@example.com"])
                .subject("S")
                .body_html("<p/>")
                .channel("tx")
                .attachments(files)
                .build()
        };
        let many = attach((0..11).map(|_| FileInput::from(b"x".to_vec())).collect());
        assert_eq!(field(many), "attachments");
        let big = vec![0u8; (EMAIL_MAX_ATTACHMENT_SIZE + 1) as usize];
        assert_eq!(field(attach(vec![big.into()])), "attachments");
        assert!(matches!(attach(vec!["/nonexistent/dir/file.pdf".into()]).into_body(), Err(Error::File { .. })));
    }

    #[test]
    fn builder_sets_every_field() {
        let email = Email::builder()
            .from_email("from@example.com")
            .to_email(vec!["to@example.com".to_string()])
            .subject("S")
            .body_html("<p/>")
            .body_text("t")
            .reply_to_email("reply@example.com")
            .channel("tx")
            .category("news")
            .save_as_template(true)
            .headers([("X-A", "1")])
            .build();
        let Body::Json(v) = email.into_body().unwrap() else { panic!("expected JSON") };
        assert_eq!(
            v,
            serde_json::json!({
                "from_email": "from@example.com", "to_email": ["to@example.com"], "subject": "S", "body_html": "<p/>",
                "body_text": "t", "reply_to_email": "reply@example.com", "channel": "tx", "category": "news",
                "save_as_template": true, "headers": {"X-A": "1"}
            })
        );
    }
}
