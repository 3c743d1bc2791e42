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
/// ```
/// use konigle_core::models::EmailTemplateCreate;
/// let data = EmailTemplateCreate::new(
///     "Welcome Email",
///     "welcome-email",
///     "Welcome to {{company_name}}!",
///     "<h1>Welcome!</h1>",
/// )
/// .body_text("Welcome!")
/// .tags(["welcome", "onboarding"]);
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmailTemplateCreate {
    /// Name (at most 255 characters).
    pub name: String,
    /// Unique code (at most 100 characters).
    pub code: String,
    /// Subject line template.
    pub subject: String,
    /// HTML body template.
    pub body_html: String,
    /// Plain text body template (empty by default).
    pub body_text: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether this is the account's base template.
    pub is_base: bool,
}

impl EmailTemplateCreate {
    /// A template with a name, code, subject and HTML body.
    pub fn new(
        name: impl Into<String>,
        code: impl Into<String>,
        subject: impl Into<String>,
        body_html: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            code: code.into(),
            subject: subject.into(),
            body_html: body_html.into(),
            body_text: String::new(),
            tags: Vec::new(),
            is_base: false,
        }
    }
    /// Sets the plain text body.
    pub fn body_text(mut self, v: impl Into<String>) -> Self {
        self.body_text = v.into();
        self
    }
    /// Sets the tags.
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }
    /// Marks the template as the account's base template.
    pub fn is_base(mut self, v: bool) -> Self {
        self.is_base = v;
        self
    }
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
