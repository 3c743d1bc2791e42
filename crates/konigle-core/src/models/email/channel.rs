//! Email channels: separate flows (transactional, marketing, broadcast)
//! within an account, each with its own quota and rate limit.

use crate::models::payload::check_opt_max_len;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::Timestamp;

/// Longest channel code.
pub const EMAIL_CHANNEL_CODE_MAX: usize = 50;

crate::string_enum! {
    /// Kind of emails a channel sends.
    pub enum EmailChannelType {
        /// Order confirmations, password resets and other one-to-one emails.
        Transactional = "transactional",
        /// Newsletters and promotions.
        Marketing = "marketing",
        /// Announcements to a whole audience.
        Broadcast = "broadcast",
    }
}

crate::string_enum! {
    /// Status of an email channel.
    pub enum EmailChannelStatus {
        /// The channel can send.
        Active = "active",
        /// The channel was suspended and cannot send.
        Suspended = "suspended",
        /// The channel awaits setup or verification.
        Pending = "pending",
    }
}

/// An email channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailChannel {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// The code that names the channel when sending (`Email::channel`).
    pub code: String,
    /// Kind of emails the channel sends.
    pub channel_type: EmailChannelType,
    /// Id of the account the channel belongs to.
    pub account: String,
    /// Current status.
    #[serde(default = "active", deserialize_with = "null_as_active")]
    pub status: EmailChannelStatus,
    /// Why the channel was suspended, if it was.
    #[serde(default)]
    pub suspension_reason: Option<String>,
    /// When the channel was suspended, if it was.
    #[serde(default)]
    pub suspended_at: Option<Timestamp>,
    /// Emails the channel may send a day.
    #[serde(default = "default_daily_quota", deserialize_with = "null_as_default_daily_quota")]
    pub daily_quota: u64,
    /// Emails the channel may send a second (1 to 20).
    #[serde(default = "default_rate_limit", deserialize_with = "null_as_default_rate_limit")]
    pub rate_limit: u64,
    /// Whether opens and clicks are tracked.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub enable_engagement_tracking: bool,
}

fn active() -> EmailChannelStatus {
    EmailChannelStatus::Active
}
crate::models::null_as!(null_as_active, active, EmailChannelStatus);
fn default_daily_quota() -> u64 {
    1000
}
crate::models::null_as!(null_as_default_daily_quota, default_daily_quota, u64);
fn default_rate_limit() -> u64 {
    10
}
crate::models::null_as!(null_as_default_rate_limit, default_rate_limit, u64);

impl Resource for EmailChannel {
    const PATH: &'static str = "/reachout/api/v1/channels";
    const NAME: &'static str = "EmailChannel";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<EmailChannelUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Payload,
            &[("enable_engagement_tracking", "`email_channels().set_engagement_tracking`")],
        )
    }
}

/// Checks a channel code (at most 50 characters: letters, digits, `-`
/// and `_`, at least one letter or digit) and returns it in lower case.
///
/// ```
/// use konigle_core::models::email_channel_code;
/// assert_eq!(email_channel_code("code", "Promo_Channel-1").unwrap(), "promo_channel-1");
/// assert!(email_channel_code("code", "bad code!").is_err());
/// ```
pub fn email_channel_code(field: &str, code: &str) -> Result<String> {
    check_max_len(field, code, EMAIL_CHANNEL_CODE_MAX)?;
    crate::rules::handle(field, code)
}

/// Payload of `email_channels().create`.
///
/// The code is sent in lower case.
///
/// ```
/// use konigle_core::models::{EmailChannelCreate, EmailChannelType};
/// let data = EmailChannelCreate::builder().code("promotions").channel_type(EmailChannelType::Marketing).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailChannelCreate {
    /// Unique code of the channel (required; at most 50 characters:
    /// letters, digits, `-` and `_`).
    pub code: String,
    /// Kind of emails the channel sends (required).
    pub channel_type: EmailChannelType,
}

impl Payload for EmailChannelCreate {
    fn into_body(self) -> Result<Body> {
        check_max_len("code", &self.code, EMAIL_CHANNEL_CODE_MAX)?;
        self.channel_type.ensure_known("channel_type")?;
        crate::rules::json_body("EmailChannelCreate", &self)
    }
}

/// Changes to an email channel. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::EmailChannelUpdate;
/// let change = EmailChannelUpdate::builder().code("renamed").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailChannelUpdate {
    /// New code (at most 50 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Payload for EmailChannelUpdate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("code", self.code.as_deref(), EMAIL_CHANNEL_CODE_MAX)?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_lower_cases_the_code_and_update_defaults_to_an_empty_builder() {
        let data =
            EmailChannelCreate::builder().code("Promo_Channel-1").channel_type(EmailChannelType::Marketing).build();
        let Ok(Body::Json(v)) = data.into_body() else { panic!("expected JSON") };
        assert_eq!(v, json!({"code": "promo_channel-1", "channel_type": "marketing"}));
        assert_eq!(EmailChannelUpdate::default(), EmailChannelUpdate::builder().build());
        let Ok(Body::Json(v)) = EmailChannelUpdate::builder().code("renamed").build().into_body() else {
            panic!("expected JSON")
        };
        assert_eq!(v, json!({"code": "renamed"}));
    }
}
