//! Campaigns: messages sent to an audience through a channel.

use crate::models::payload::check_opt_max_len;
use serde::{Deserialize, Serialize};

use super::{blank, email_or_none, usd};
use crate::error::Result;
use crate::models::payload::{check_max_len, check_not_empty, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, Decimal, JsonMap, Timestamp};

/// Longest names (campaign, sender, reply-to, audience, template, subject).
const NAME_MAX: usize = 255;
/// Longest UTM code.
const UTM_MAX: usize = 100;
/// Longest email channel code.
const CHANNEL_CODE_MAX: usize = 50;
/// Longest execution spread, in minutes (one day).
pub const MAX_EXECUTION_MINUTES: u32 = 1440;

crate::string_enum! {
    /// Channel a campaign is sent through.
    #[derive(Default)]
    pub enum CampaignChannelType {
        /// Email.
        #[default]
        Email = "email",
    }
}

crate::string_enum! {
    /// Lifecycle status of a campaign.
    #[derive(Default)]
    pub enum CampaignStatus {
        /// Being prepared; can be edited, scheduled or started.
        #[default]
        Draft = "draft",
        /// Waiting for its scheduled time.
        Scheduled = "scheduled",
        /// Sending.
        Running = "running",
        /// Every message was sent.
        Completed = "completed",
        /// Sending is paused.
        Paused = "paused",
        /// Cancelled before completion.
        Cancelled = "cancelled",
        /// Sending failed.
        Failed = "failed",
    }
}

crate::string_enum! {
    /// Status of a campaign's execution (the delivery run).
    #[derive(Default)]
    pub enum CampaignExecutionStatus {
        /// Not started.
        #[default]
        Pending = "pending",
        /// Sending.
        Processing = "processing",
        /// Paused by the user.
        Paused = "paused",
        /// Stopped for now (e.g. rate limit); resumes at `next_run_at`.
        Halted = "halted",
        /// Done.
        Completed = "completed",
        /// Failed; see `error_message`.
        Failed = "failed",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Done, with some messages not sent.
        PartiallyCompleted = "partially_completed",
    }
}

/// Progress and delivery counts of a campaign's execution (detail only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CampaignExecution {
    /// Execution status.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: CampaignExecutionStatus,
    /// When sending started.
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    /// When sending completed.
    #[serde(default)]
    pub completed_at: Option<Timestamp>,
    /// Expected completion, from the execution duration.
    #[serde(default)]
    pub expected_completion_at: Option<Timestamp>,
    /// When it was paused.
    #[serde(default)]
    pub paused_at: Option<Timestamp>,
    /// When it was last resumed.
    #[serde(default)]
    pub resumed_at: Option<Timestamp>,
    /// When it was cancelled.
    #[serde(default)]
    pub cancelled_at: Option<Timestamp>,
    /// When the last run completed.
    #[serde(default)]
    pub last_run_at: Option<Timestamp>,
    /// When the next run is due (halted executions).
    #[serde(default)]
    pub next_run_at: Option<Timestamp>,
    /// Contacts to send to.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_contacts: u64,
    /// Messages sent.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_sent: u64,
    /// Messages that failed to send.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_failed: u64,
    /// Messages delivered.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_delivered: u64,
    /// Messages bounced.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_bounced: u64,
    /// Spam complaints.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub total_complained: u64,
    /// Messages opened (`None` when not tracked).
    #[serde(default)]
    pub total_opened: Option<u64>,
    /// Messages with clicks (`None` when not tracked).
    #[serde(default)]
    pub total_clicked: Option<u64>,
    /// Why the execution failed.
    #[serde(default = "blank")]
    pub error_message: Option<String>,
}

/// A campaign: a message sent to an audience through a channel.
///
/// Status changes go through the actions of `campaigns()` (`start`,
/// `pause`, `resume`, `cancel`, `schedule`), not through `update`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Campaign {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Channel type.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub channel_type: CampaignChannelType,
    /// Email channel id (email campaigns).
    #[serde(default)]
    pub email_channel: Option<String>,
    /// Email template id (email campaigns).
    #[serde(default)]
    pub email_template: Option<String>,
    /// Target audience id.
    pub audience: String,
    /// Name (at most 255 characters).
    pub name: String,
    /// Purpose of the campaign.
    #[serde(default = "blank")]
    pub description: Option<String>,
    /// When to send (`None`: as soon as started).
    #[serde(default)]
    pub scheduled_at: Option<Timestamp>,
    /// Minutes over which sends are spread (`None`: as fast as the channel allows).
    #[serde(default)]
    pub execution_duration_minutes: Option<u32>,
    /// Sender address override (`None`: the channel's default).
    #[serde(default, deserialize_with = "email_or_none")]
    pub from_email: Option<String>,
    /// Sender name override.
    #[serde(default = "blank")]
    pub from_name: Option<String>,
    /// Reply-to address override (`None`: the channel's default).
    #[serde(default, deserialize_with = "email_or_none")]
    pub reply_to_email: Option<String>,
    /// Reply-to name override.
    #[serde(default = "blank")]
    pub reply_to_name: Option<String>,
    /// UTM campaign code for analytics.
    #[serde(default = "blank")]
    pub utm_code: Option<String>,
    /// Lifecycle status.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: CampaignStatus,
    /// Revenue attributed to the campaign.
    #[serde(default)]
    pub ltv: Option<Decimal>,
    /// Currency of `ltv` (ISO 4217).
    #[serde(default = "usd", deserialize_with = "null_as_usd")]
    pub ltv_currency: String,
    /// Execution progress (detail responses only).
    #[serde(default)]
    pub execution: Option<CampaignExecution>,
}

impl Resource for Campaign {
    const PATH: &'static str = "/reachout/api/v1/campaigns";
    const NAME: &'static str = "Campaign";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["execution"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["execution"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`CampaignUpdate`] accepts are saved; status, LTV and
    /// execution are managed by the server.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        crate::models::payload::save_with::<CampaignUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Payload,
            &[
                ("status", "`campaigns().start`, `pause`, `resume`, `cancel` or `schedule`"),
                ("ltv", "`campaigns().add_ltv`"),
                ("ltv_currency", "`campaigns().add_ltv`"),
            ],
        )
    }
}

/// The reference's defaults of the address overrides of creations, sent
/// when they are not set.
const OVERRIDE_DEFAULTS: &[(&str, &str)] = &[("from_email", ""), ("reply_to_email", "")];

/// Checks the sender and reply-to names, UTM code and duration shared by
/// several payloads (the addresses follow their field rules).
fn check_overrides(
    from_name: Option<&str>,
    reply_to_name: Option<&str>,
    utm_code: Option<&str>,
    duration: Option<u32>,
) -> Result<()> {
    if let Some(v) = from_name {
        check_max_len("from_name", v, NAME_MAX)?;
    }
    if let Some(v) = reply_to_name {
        check_max_len("reply_to_name", v, NAME_MAX)?;
    }
    if let Some(v) = utm_code {
        check_max_len("utm_code", v, UTM_MAX)?;
    }
    if let Some(d) = duration {
        validate::range("execution_duration_minutes", i64::from(d), 1, i64::from(MAX_EXECUTION_MINUTES))?;
    }
    Ok(())
}

/// Payload of `campaigns().create`.
///
/// The builder sends the channel type as `email` and the description,
/// sender and reply-to names and UTM code as `""` unless they are set, as
/// the API documents; assign `None` to such a field to leave it out. Unset
/// optional fields are not sent.
///
/// ```
/// use konigle_core::models::CampaignCreate;
/// let data = CampaignCreate::builder()
///     .name("Summer Sale 2024")
///     .audience("aud_1")
///     .email_channel("ch_1")
///     .email_template("tpl_1")
///     .execution_duration_minutes(60)
///     .utm_code("summer-sale-2024")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignCreate {
    /// Channel type (email, the default).
    #[serde(default = "email_type", deserialize_with = "null_as_email_type", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = email_type(), with = |v: CampaignChannelType| Some(v))]
    pub channel_type: Option<CampaignChannelType>,
    /// Email channel id (required by the API for email campaigns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_channel: Option<String>,
    /// Email template id (required by the API for email campaigns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_template: Option<String>,
    /// Target audience id (required).
    pub audience: String,
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Description (`""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// When to send (`None`: as soon as started).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<Timestamp>,
    /// Minutes over which to spread sends, 1..=1440.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_duration_minutes: Option<u32>,
    /// Sender address override. Unset (`None`), the reference's default
    /// `""` (the channel's default) is sent; an explicit `""` means "not
    /// set" and is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    /// Sender name override (at most 255 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub from_name: Option<String>,
    /// Reply-to address override. Unset (`None`), the reference's default
    /// `""` (the channel's default) is sent; an explicit `""` means "not
    /// set" and is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_email: Option<String>,
    /// Reply-to name override (at most 255 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub reply_to_name: Option<String>,
    /// UTM campaign code (at most 100 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub utm_code: Option<String>,
}

/// Default channel type of a created campaign: email.
fn email_type() -> Option<CampaignChannelType> {
    Some(CampaignChannelType::default())
}

/// Reads a channel type, `null` standing for the default (email).
fn null_as_email_type<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<CampaignChannelType>, D::Error> {
    Ok(Some(Option::<CampaignChannelType>::deserialize(d)?.unwrap_or_default()))
}

impl Payload for CampaignCreate {
    fn into_body(self) -> Result<Body> {
        if let Some(t) = &self.channel_type {
            t.ensure_known("channel_type")?;
        }
        check_not_empty("audience", &self.audience)?;
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        check_overrides(
            self.from_name.as_deref(),
            self.reply_to_name.as_deref(),
            self.utm_code.as_deref(),
            self.execution_duration_minutes,
        )?;
        Ok(Body::Json(crate::rules::json_with_defaults("CampaignCreate", &self, OVERRIDE_DEFAULTS)?))
    }
}

/// Changes to a campaign. Unset fields are not sent.
///
/// The API accepts most changes only while the campaign is a draft or
/// scheduled; name and description can change at any time.
///
/// ```
/// use konigle_core::models::CampaignUpdate;
/// let change = CampaignUpdate::builder().name("Summer Sale (extended)").execution_duration_minutes(120).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignUpdate {
    /// New email channel id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_channel: Option<String>,
    /// New email template id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_template: Option<String>,
    /// New audience id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// New name (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New send time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<Timestamp>,
    /// New execution spread, 1..=1440 minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_duration_minutes: Option<u32>,
    /// New sender address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    /// New sender name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// New reply-to address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_email: Option<String>,
    /// New reply-to name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_name: Option<String>,
    /// New UTM code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_code: Option<String>,
}

impl Payload for CampaignUpdate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        check_overrides(
            self.from_name.as_deref(),
            self.reply_to_name.as_deref(),
            self.utm_code.as_deref(),
            self.execution_duration_minutes,
        )?;
        crate::rules::json_body("CampaignUpdate", &self)
    }
}

/// Payload of `campaigns().add_ltv`: revenue from a purchase attributed to
/// a campaign (and to the contact, when given).
///
/// ```
/// use konigle_core::models::CampaignAddLtv;
/// use konigle_core::Decimal;
/// let data = CampaignAddLtv::builder()
///     .value(Decimal::new(9999, 2))
///     .currency("USD")
///     .contact_email("customer@example.com")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignAddLtv {
    /// Amount to add (required; positive, at most 2 decimal places); sent
    /// as a string.
    pub value: Decimal,
    /// Currency of the amount (required; ISO 4217, e.g. `USD`).
    pub currency: String,
    /// Email of the contact who purchased (optional for aggregate revenue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
}

impl Payload for CampaignAddLtv {
    fn into_body(self) -> Result<Body> {
        validate::positive_amount("value", self.value, 19, 2)?;
        validate::currency("currency", &self.currency)?;
        crate::rules::json_body("CampaignAddLtv", &self)
    }
}

/// Payload of `campaigns().new_email_campaign`: creates an email campaign
/// together with its audience (from contact tags) and its template.
///
/// The builder sends the optional text fields (plain-text body,
/// description, UTM code, sender and reply-to names, audience and template
/// names) as `""` unless they are set, as the API documents; assign `None`
/// to such a field to leave it out. The address overrides are left unset
/// and sent as `""` (an explicit `""` is not sent, as in the reference).
///
/// ```
/// use konigle_core::models::CampaignCreateEmail;
/// let data = CampaignCreateEmail::builder()
///     .campaign_name("Summer Sale 2024")
///     .email_channel("marketing")
///     .contact_tags(["newsletter", "vip"])
///     .subject("Summer Sale - 50% Off!")
///     .body_html("<h1>Limited Time Offer!</h1>")
///     .body_text("Summer Sale - 50% Off!")
///     .utm_code("summer-sale-2024")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignCreateEmail {
    /// Campaign name (required, at most 255 characters).
    pub campaign_name: String,
    /// Code of the email channel (required, at most 50 characters).
    pub email_channel: String,
    /// Tags selecting the audience's contacts (required).
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub contact_tags: Vec<String>,
    /// Subject line (required, at most 255 characters).
    pub subject: String,
    /// HTML body (required).
    pub body_html: String,
    /// Plain-text body (`""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub body_text: Option<String>,
    /// Campaign description (`""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// UTM campaign code (at most 100 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub utm_code: Option<String>,
    /// Sender address override. Unset (`None`), `""` is sent; an explicit
    /// `""` means "not set" and is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    /// Sender name override (required by the API when the account has no
    /// default; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub from_name: Option<String>,
    /// Reply-to address override (required by the API when the account has
    /// no default). Unset (`None`), `""` is sent; an explicit `""` means
    /// "not set" and is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_email: Option<String>,
    /// Reply-to name override (required by the API when the account has no
    /// default; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub reply_to_name: Option<String>,
    /// When to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<Timestamp>,
    /// Minutes over which to spread sends, 1..=1440.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_duration_minutes: Option<u32>,
    /// Name of the created audience (`""` by default: the server uses the
    /// campaign name).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub audience_name: Option<String>,
    /// Name of the created template (`""` by default: the server uses the
    /// campaign name).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub template_name: Option<String>,
}

impl Payload for CampaignCreateEmail {
    fn into_body(self) -> Result<Body> {
        check_not_empty("campaign_name", &self.campaign_name)?;
        check_max_len("campaign_name", &self.campaign_name, NAME_MAX)?;
        check_not_empty("email_channel", &self.email_channel)?;
        check_max_len("email_channel", &self.email_channel, CHANNEL_CODE_MAX)?;
        check_not_empty("subject", &self.subject)?;
        check_max_len("subject", &self.subject, NAME_MAX)?;
        check_not_empty("body_html", &self.body_html)?;
        check_overrides(
            self.from_name.as_deref(),
            self.reply_to_name.as_deref(),
            self.utm_code.as_deref(),
            self.execution_duration_minutes,
        )?;
        check_opt_max_len("audience_name", self.audience_name.as_deref(), NAME_MAX)?;
        check_opt_max_len("template_name", self.template_name.as_deref(), NAME_MAX)?;
        Ok(Body::Json(crate::rules::json_with_defaults("CampaignCreateEmail", &self, OVERRIDE_DEFAULTS)?))
    }
}

/// Payload of `campaigns().schedule`: the send time, or none to keep the
/// one already set.
///
/// ```
/// use konigle_core::models::CampaignSchedule;
/// use konigle_core::Timestamp;
/// let at: Timestamp = "2030-01-31T09:00:00Z".parse().unwrap();
/// let data = CampaignSchedule::builder().scheduled_at(at).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct CampaignSchedule {
    /// When to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<Timestamp>,
}

impl Payload for CampaignSchedule {
    fn into_body(self) -> Result<Body> {
        Body::json(&self)
    }
}

/// Payload of `campaigns().send_test_email`.
///
/// ```
/// use konigle_core::models::CampaignTestEmail;
/// let data = CampaignTestEmail::builder().email_address("me@example.com").build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignTestEmail {
    /// Recipient of the test email (required).
    pub email_address: String,
}

impl Payload for CampaignTestEmail {
    fn into_body(self) -> Result<Body> {
        validate::email("email_address", &self.email_address)?;
        Body::json(&self)
    }
}

/// Answer of `campaigns().new_email_campaign`: the campaign under `campaign`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NewEmailCampaignResponse {
    /// The created campaign.
    pub campaign: Campaign,
}

/// The answer of `campaigns().send_test_email`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TestEmailResult {
    /// Outcome, e.g. `sent`.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: String,
    /// A human-readable message.
    #[serde(default)]
    pub message: Option<String>,
    /// Any other field the server returns.
    #[serde(flatten)]
    pub extra: JsonMap,
}

crate::models::null_as!(null_as_usd, usd, String);
