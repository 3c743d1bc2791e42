//! Email templates: reusable subject and body content of an account.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::Timestamp;

/// Longest template name.
pub const EMAIL_TEMPLATE_NAME_MAX: usize = 255;
/// Longest template code.
pub const EMAIL_TEMPLATE_CODE_MAX: usize = 100;

/// A reusable email: Jinja2 subject and bodies. The only variable the
/// platform fills in is `unsubscribe_link`, for single-recipient sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailTemplate {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Name of the template.
    pub name: String,
    /// Unique code of the template.
    pub code: String,
    /// Subject line template.
    pub subject: String,
    /// HTML body template.
    pub body_html: String,
    /// Plain text body template.
    #[serde(default = "crate::models::payload::blank")]
    pub body_text: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub tags: Vec<String>,
    /// Whether this is the account's base template.
    #[serde(default = "not_base")]
    pub is_base: Option<bool>,
    /// Id of the account the template belongs to.
    pub account: String,
    /// URL of a rendered preview.
    #[serde(default)]
    pub preview_url: Option<String>,
}

fn not_base() -> Option<bool> {
    Some(false)
}

impl Resource for EmailTemplate {
    const PATH: &'static str = "/reachout/api/v1/email-templates";
    const NAME: &'static str = "EmailTemplate";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_through::<EmailTemplateUpdate>(changes, &[])
    }
}

/// Payload of `email_templates().create`.
///
/// The plain text body is sent as `""`, the tags as `[]` and `is_base` as
/// `false` unless they are set; assigning `None` to one of them after
/// `build()` leaves it out of the request.
///
/// ```
/// use konigle_core::models::EmailTemplateCreate;
/// let data = EmailTemplateCreate::builder()
///     .name("Welcome Email")
///     .code("welcome-email")
///     .subject("Welcome to {{company_name}}!")
///     .body_html("<h1>Welcome!</h1>")
///     .body_text("Welcome!")
///     .tags(["welcome", "onboarding"])
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailTemplateCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Unique code (required, at most 100 characters).
    pub code: String,
    /// Subject line template (required).
    pub subject: String,
    /// HTML body template (required).
    pub body_html: String,
    /// Plain text body template (empty by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub body_text: Option<String>,
    /// Tags (none by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(
        required,
        default = Some(Vec::new()),
        with = |tags: impl IntoIterator<Item = impl Into<String>>| Some(tags.into_iter().map(Into::into).collect())
    )]
    pub tags: Option<Vec<String>>,
    /// Whether this is the account's base template (`false` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub is_base: Option<bool>,
}

fn check_name_code(name: Option<&str>, code: Option<&str>) -> Result<()> {
    if let Some(name) = name {
        check_max_len("name", name, EMAIL_TEMPLATE_NAME_MAX)?;
    }
    if let Some(code) = code {
        check_max_len("code", code, EMAIL_TEMPLATE_CODE_MAX)?;
    }
    Ok(())
}

impl Payload for EmailTemplateCreate {
    fn into_body(self) -> Result<Body> {
        check_name_code(Some(&self.name), Some(&self.code))?;
        Body::json(&self)
    }
}

/// Changes to an email template. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::EmailTemplateUpdate;
/// let change = EmailTemplateUpdate::builder().subject("Welcome aboard!").tags(["welcome"]).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailTemplateUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New code (at most 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// New subject line template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// New HTML body template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    /// New plain text body template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// New tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// Whether this is the account's base template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_base: Option<bool>,
}

impl Payload for EmailTemplateUpdate {
    fn into_body(self) -> Result<Body> {
        check_name_code(self.name.as_deref(), self.code.as_deref())?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::models::testing::json_body as body;

    #[test]
    fn create_sends_the_defaults() {
        let plain = EmailTemplateCreate::builder().name("Plain").code("plain").subject("Hi").body_html("<p>Hi</p>");
        assert_eq!(
            body(plain.build()),
            json!({"name": "Plain", "code": "plain", "subject": "Hi", "body_html": "<p>Hi</p>", "body_text": "",
                   "tags": [], "is_base": false})
        );
        let full = EmailTemplateCreate::builder()
            .name("W")
            .code("w")
            .subject("S")
            .body_html("<p/>")
            .body_text("t")
            .tags(["a", "b"])
            .is_base(true)
            .build();
        let v = body(full);
        assert_eq!(
            (v["body_text"].clone(), v["tags"].clone(), v["is_base"].clone()),
            (json!("t"), json!(["a", "b"]), json!(true))
        );
        let long =
            EmailTemplateCreate::builder().name("N").code("c".repeat(101)).subject("S").body_html("<p/>").build();
        assert!(long.into_body().is_err());
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut data =
            EmailTemplateCreate::builder().name("Plain").code("plain").subject("Hi").body_html("<p>Hi</p>").build();
        data.body_text = None;
        data.tags = None;
        data.is_base = None;
        assert_eq!(body(data), json!({"name": "Plain", "code": "plain", "subject": "Hi", "body_html": "<p>Hi</p>"}));
    }

    #[test]
    fn update_defaults_to_an_empty_builder() {
        assert_eq!(EmailTemplateUpdate::default(), EmailTemplateUpdate::builder().build());
        assert_eq!(
            body(EmailTemplateUpdate::builder().subject("S").tags(["x"]).build()),
            json!({"subject": "S", "tags": ["x"]})
        );
    }
}
