//! Email accounts: the one email configuration of a website.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::blank;
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::Timestamp;

/// Longest account, sender and reply-to name.
pub const EMAIL_ACCOUNT_NAME_MAX: usize = 255;

/// The email account of a website: default sender settings, parent of its
/// channels and identities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailAccount {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Name of the account.
    pub name: String,
    /// Default sender address (empty when unset).
    #[serde(default = "blank")]
    pub default_from_email: Option<String>,
    /// Default sender name (empty when unset).
    #[serde(default = "blank")]
    pub default_from_name: Option<String>,
    /// Default reply-to address (empty when unset).
    #[serde(default = "blank")]
    pub default_reply_to_email: Option<String>,
    /// Default reply-to name (empty when unset).
    #[serde(default = "blank")]
    pub default_reply_to_name: Option<String>,
    /// Whether the account is active and can send.
    #[serde(default = "active", deserialize_with = "null_as_active")]
    pub is_active: bool,
}

fn active() -> bool {
    true
}
crate::models::null_as!(null_as_active, active, bool);

impl Resource for EmailAccount {
    const PATH: &'static str = "/reachout/api/v1/accounts";
    const NAME: &'static str = "EmailAccount";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_through::<EmailAccountUpdate>(changes, &[])
    }
}

/// Payload of `email_accounts().create`. Empty strings mean "not set".
///
/// ```
/// use konigle_core::models::EmailAccountCreate;
/// let data = EmailAccountCreate::new("Marketing Account")
///     .default_from_email("noreply@example.com")
///     .default_from_name("Example Team");
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EmailAccountCreate {
    /// Name of the account (required, at most 255 characters).
    pub name: String,
    /// Default sender address: a valid email address, or empty.
    pub default_from_email: String,
    /// Default sender name (at most 255 characters).
    pub default_from_name: String,
    /// Default reply-to address.
    pub default_reply_to_email: String,
    /// Default reply-to name (at most 255 characters).
    pub default_reply_to_name: String,
}

impl EmailAccountCreate {
    /// An account with a name and empty defaults.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }
    /// Sets the default sender address.
    pub fn default_from_email(mut self, v: impl Into<String>) -> Self {
        self.default_from_email = v.into();
        self
    }
    /// Sets the default sender name.
    pub fn default_from_name(mut self, v: impl Into<String>) -> Self {
        self.default_from_name = v.into();
        self
    }
    /// Sets the default reply-to address.
    pub fn default_reply_to_email(mut self, v: impl Into<String>) -> Self {
        self.default_reply_to_email = v.into();
        self
    }
    /// Sets the default reply-to name.
    pub fn default_reply_to_name(mut self, v: impl Into<String>) -> Self {
        self.default_reply_to_name = v.into();
        self
    }
}

impl Payload for EmailAccountCreate {
    fn into_body(self) -> Result<Body> {
        check_max_len("name", &self.name, EMAIL_ACCOUNT_NAME_MAX)?;
        check_max_len("default_from_name", &self.default_from_name, EMAIL_ACCOUNT_NAME_MAX)?;
        check_max_len("default_reply_to_name", &self.default_reply_to_name, EMAIL_ACCOUNT_NAME_MAX)?;
        crate::rules::json_body("EmailAccountCreate", &self)
    }
}

/// Changes to an email account. Unset fields are not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmailAccountUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New default sender address (a valid email address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from_email: Option<String>,
    /// New default sender name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from_name: Option<String>,
    /// New default reply-to address (a valid email address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_reply_to_email: Option<String>,
    /// New default reply-to name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_reply_to_name: Option<String>,
}

impl Payload for EmailAccountUpdate {
    fn into_body(self) -> Result<Body> {
        for (field, value) in [
            ("name", &self.name),
            ("default_from_name", &self.default_from_name),
            ("default_reply_to_name", &self.default_reply_to_name),
        ] {
            if let Some(v) = value {
                check_max_len(field, v, EMAIL_ACCOUNT_NAME_MAX)?;
            }
        }
        crate::rules::json_body("EmailAccountUpdate", &self)
    }
}

/// Payload of `email_accounts().setup`: creates the account with its
/// default channels and a sending identity in one call.
///
/// ```
/// use konigle_core::models::EmailAccountSetup;
/// let data = EmailAccountSetup::new("Marketing Account", "noreply@example.com", "example.com")
///     .default_reply_to_email("support@example.com");
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmailAccountSetup {
    /// Name of the account (at most 255 characters).
    pub account_name: String,
    /// Default sender address (a valid email address).
    pub default_from_email: String,
    /// Default reply-to address (a valid email address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_reply_to_email: Option<String>,
    /// The domain or email address to verify as a sending identity (at
    /// most 255 characters).
    pub identity_value: String,
}

impl EmailAccountSetup {
    /// A setup with the account name, sender address and identity to verify.
    pub fn new(
        account_name: impl Into<String>,
        default_from_email: impl Into<String>,
        identity_value: impl Into<String>,
    ) -> Self {
        Self {
            account_name: account_name.into(),
            default_from_email: default_from_email.into(),
            default_reply_to_email: None,
            identity_value: identity_value.into(),
        }
    }
    /// Sets the default reply-to address.
    pub fn default_reply_to_email(mut self, v: impl Into<String>) -> Self {
        self.default_reply_to_email = Some(v.into());
        self
    }
}

impl Payload for EmailAccountSetup {
    fn into_body(self) -> Result<Body> {
        check_max_len("account_name", &self.account_name, EMAIL_ACCOUNT_NAME_MAX)?;
        check_max_len("identity_value", &self.identity_value, EMAIL_ACCOUNT_NAME_MAX)?;
        crate::rules::json_body("EmailAccountSetup", &self)
    }
}

/// The answer of `email_accounts().check_status`: whether email sending works.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountStatus {
    /// Overall status, e.g. `active`.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: String,
    /// Whether emails can be sent now.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub can_send: bool,
    /// What stands in the way of sending, as the server describes it.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub issues: Vec<crate::Json>,
    /// Any other field the server returns.
    #[serde(flatten)]
    pub extra: crate::JsonMap,
}
