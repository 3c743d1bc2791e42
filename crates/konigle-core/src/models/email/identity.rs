//! Email identities: domains and addresses verified for sending, with the
//! DNS records (DKIM, custom MAIL FROM) their verification needs.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Longest identity value and MAIL FROM domain.
pub const EMAIL_IDENTITY_VALUE_MAX: usize = 255;

crate::string_enum! {
    /// Kind of sending identity.
    pub enum EmailIdentityType {
        /// A whole domain, e.g. `example.com`.
        Domain = "domain",
        /// One address, e.g. `noreply@example.com`.
        Email = "email",
    }
}

crate::string_enum! {
    /// State of a DNS verification.
    pub enum EmailVerificationStatus {
        /// Not verified yet.
        Pending = "pending",
        /// Verified.
        Success = "success",
        /// Verification failed.
        Failed = "failed",
    }
}

/// A domain or email address for sending, verified through DNS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailIdentity {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Id of the account the identity belongs to.
    pub account: String,
    /// Domain or email address.
    pub identity_type: EmailIdentityType,
    /// The domain or the email address.
    pub identity_value: String,
    /// Whether the identity may be used to send.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub verified: bool,
    /// DKIM verification state.
    #[serde(default = "pending", deserialize_with = "null_as_pending")]
    pub dkim_verification_status: EmailVerificationStatus,
    /// Whether DKIM is verified.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub dkim_verified: bool,
    /// Custom MAIL FROM (envelope sender) domain, if any.
    #[serde(default)]
    pub mail_from_domain: Option<String>,
    /// MAIL FROM (SPF) verification state.
    #[serde(default = "pending", deserialize_with = "null_as_pending")]
    pub mail_from_verification_status: EmailVerificationStatus,
    /// Whether the MAIL FROM domain is verified.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub mail_from_verified: bool,
    /// Whether the custom MAIL FROM domain is used.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub use_custom_mail_from: bool,
    /// DNS records to add for DKIM (`type`, `name`, `value`, …).
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub dkim_records: Vec<JsonMap>,
    /// DNS records to add for the MAIL FROM domain.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub mail_from_records: Vec<JsonMap>,
}

fn pending() -> EmailVerificationStatus {
    EmailVerificationStatus::Pending
}
crate::models::null_as!(null_as_pending, pending, EmailVerificationStatus);

impl Resource for EmailIdentity {
    const PATH: &'static str = "/reachout/api/v1/identities";
    const NAME: &'static str = "EmailIdentity";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<EmailIdentityUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Payload,
            &[("mail_from_domain", "`email_identities().setup_custom_mail_from`")],
        )
    }
}

/// Payload of `email_identities().create`: the domain or address to verify.
///
/// ```
/// use konigle_core::models::EmailIdentityCreate;
/// let data = EmailIdentityCreate::builder().identity_value("example.com").build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailIdentityCreate {
    /// A domain (`example.com`) or an email address (required, at most 255
    /// characters).
    pub identity_value: String,
}

impl Payload for EmailIdentityCreate {
    fn into_body(self) -> Result<Body> {
        check_max_len("identity_value", &self.identity_value, EMAIL_IDENTITY_VALUE_MAX)?;
        Body::json(&self)
    }
}

/// Changes to an email identity. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::EmailIdentityUpdate;
/// let change = EmailIdentityUpdate::builder().use_custom_mail_from(true).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct EmailIdentityUpdate {
    /// Whether to use the custom MAIL FROM domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_custom_mail_from: Option<bool>,
}

crate::json_payload!(EmailIdentityUpdate);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies() {
        let Ok(Body::Json(v)) = EmailIdentityCreate::builder().identity_value("example.com").build().into_body() else {
            panic!("expected JSON")
        };
        assert_eq!(v, json!({"identity_value": "example.com"}));
        assert!(EmailIdentityCreate::builder().identity_value("x".repeat(256)).build().into_body().is_err());
        assert_eq!(EmailIdentityUpdate::default(), EmailIdentityUpdate::builder().build());
        let Ok(Body::Json(v)) = EmailIdentityUpdate::builder().use_custom_mail_from(false).build().into_body() else {
            panic!("expected JSON")
        };
        assert_eq!(v, json!({"use_custom_mail_from": false}));
    }
}
