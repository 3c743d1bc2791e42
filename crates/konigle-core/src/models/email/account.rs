//! Email accounts: the one email configuration of a website.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::blank;
use crate::models::payload::{check_max_len, check_opt_max_len, Payload};
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

/// Payload of `email_accounts().create`. Empty strings mean "not set":
/// the builder sends every field but the name as `""` unless set, and
/// assigning `None` to one of them after `build()` leaves it out.
///
/// ```
/// use konigle_core::models::EmailAccountCreate;
/// let data = EmailAccountCreate::builder()
///     .name("Marketing Account")
///     .default_from_email("noreply@example.com")
///     .default_from_name("Example Team")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailAccountCreate {
    /// Name of the account (required, at most 255 characters).
    pub name: String,
    /// Default sender address: a valid email address, or empty (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub default_from_email: Option<String>,
    /// Default sender name (at most 255 characters; empty by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub default_from_name: Option<String>,
    /// Default reply-to address (empty by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub default_reply_to_email: Option<String>,
    /// Default reply-to name (at most 255 characters; empty by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub default_reply_to_name: Option<String>,
}

impl Payload for EmailAccountCreate {
    fn into_body(self) -> Result<Body> {
        check_max_len("name", &self.name, EMAIL_ACCOUNT_NAME_MAX)?;
        check_opt_max_len("default_from_name", self.default_from_name.as_deref(), EMAIL_ACCOUNT_NAME_MAX)?;
        check_opt_max_len("default_reply_to_name", self.default_reply_to_name.as_deref(), EMAIL_ACCOUNT_NAME_MAX)?;
        crate::rules::json_body("EmailAccountCreate", &self)
    }
}

/// Changes to an email account. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::EmailAccountUpdate;
/// let change = EmailAccountUpdate::builder().default_from_name("Acme").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
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
/// let data = EmailAccountSetup::builder()
///     .account_name("Marketing Account")
///     .default_from_email("noreply@example.com")
///     .identity_value("example.com")
///     .default_reply_to_email("support@example.com")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailAccountSetup {
    /// Name of the account (required, at most 255 characters).
    pub account_name: String,
    /// Default sender address (required, a valid email address).
    pub default_from_email: String,
    /// Default reply-to address (a valid email address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_reply_to_email: Option<String>,
    /// The domain or email address to verify as a sending identity
    /// (required, at most 255 characters).
    pub identity_value: String,
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
#[non_exhaustive]
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::models::testing::json_body as body;

    #[test]
    fn create_sends_empty_defaults() {
        assert_eq!(
            body(EmailAccountCreate::builder().name("Bare Account").build()),
            json!({"name": "Bare Account", "default_from_email": "", "default_from_name": "",
                   "default_reply_to_email": "", "default_reply_to_name": ""})
        );
        let v = body(EmailAccountCreate::builder().name("A").default_reply_to_email("Help@EXAMPLE.com").build());
        assert_eq!(v["default_reply_to_email"], "Help@example.com");
        assert!(EmailAccountCreate::builder().name("X").default_from_email("bad").build().into_body().is_err());
    }

    #[test]
    fn create_defaults_can_be_left_out() {
        let mut data = EmailAccountCreate::builder().name("Bare").default_from_name("Acme").build();
        data.default_from_email = None;
        data.default_reply_to_email = None;
        data.default_reply_to_name = None;
        assert_eq!(body(data.clone()), json!({"name": "Bare", "default_from_name": "Acme"}));
        data.default_from_name = None;
        assert_eq!(body(data), json!({"name": "Bare"}));
        let mut long = EmailAccountCreate::builder().name("L").default_reply_to_name("x".repeat(256)).build();
        assert!(long.clone().into_body().is_err());
        long.default_reply_to_name = None;
        assert!(long.into_body().is_ok());
    }

    #[test]
    fn setup_sends_the_reply_to_only_when_set() {
        let setup = || {
            EmailAccountSetup::builder()
                .account_name("Solo")
                .default_from_email("me@example.org")
                .identity_value("example.org")
        };
        assert_eq!(
            body(setup().build()),
            json!({"account_name": "Solo", "default_from_email": "me@example.org", "identity_value": "example.org"})
        );
        assert_eq!(
            body(setup().default_reply_to_email("help@example.org").build())["default_reply_to_email"],
            "help@example.org"
        );
    }

    #[test]
    fn update_defaults_to_an_empty_builder() {
        assert_eq!(EmailAccountUpdate::default(), EmailAccountUpdate::builder().build());
        assert_eq!(
            body(EmailAccountUpdate::builder().default_from_name("Acme").build()),
            json!({"default_from_name": "Acme"})
        );
    }
}
