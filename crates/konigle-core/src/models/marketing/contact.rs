//! Contacts: people marketing messages are sent to.

use serde::{Deserialize, Serialize};

use super::{blank, usd};
use crate::error::Result;
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, Decimal, JsonMap, Timestamp};

crate::string_enum! {
    /// How a contact was acquired.
    #[derive(Default)]
    pub enum ContactSource {
        /// From a purchase.
        Purchase = "purchase",
        /// A lead (sign-up form, webinar...).
        Lead = "lead",
        /// Imported from another system.
        Migration = "migration",
        /// Not known.
        #[default]
        Unknown = "unknown",
    }
}

fn yes() -> bool {
    true
}
crate::models::null_as!(null_as_yes, yes, bool);

/// Which marketing channels a contact agreed to (all `true` by default).
///
/// ```
/// use konigle_core::models::MarketingConsent;
/// let email_only = MarketingConsent::builder().sms(false).whatsapp(false).build();
/// assert!(email_only.email && !email_only.sms);
/// assert_eq!(MarketingConsent::builder().build(), MarketingConsent::all());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct MarketingConsent {
    /// Email marketing (`true` by default).
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    #[builder(default = true)]
    pub email: bool,
    /// SMS marketing (`true` by default).
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    #[builder(default = true)]
    pub sms: bool,
    /// WhatsApp marketing (`true` by default).
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    #[builder(default = true)]
    pub whatsapp: bool,
}

impl Default for MarketingConsent {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl MarketingConsent {
    /// Consent to every channel (the default).
    pub fn all() -> Self {
        Self::default()
    }
    /// Consent to no channel.
    pub fn none() -> Self {
        Self::builder().email(false).sms(false).whatsapp(false).build()
    }
}

/// A person marketing messages are sent to, with consent and purchase data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contact {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Unique identifier.
    pub id: String,
    /// Email address.
    pub email: String,
    /// First name.
    #[serde(default = "blank")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default = "blank")]
    pub last_name: Option<String>,
    /// Phone number.
    #[serde(default = "blank")]
    pub phone: Option<String>,
    /// WhatsApp number.
    #[serde(default = "blank")]
    pub whatsapp: Option<String>,
    /// Country name.
    #[serde(default = "blank")]
    pub country: Option<String>,
    /// How the contact was acquired.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub source: ContactSource,
    /// Tags, used by audiences.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub tags: Vec<String>,
    /// Marketing consent per channel.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub marketing_consent: MarketingConsent,
    /// Customer id in the store.
    #[serde(default = "blank")]
    pub customer_id: Option<String>,
    /// Lifetime value (total revenue); maintained by the server.
    #[serde(default)]
    pub ltv: Option<Decimal>,
    /// Currency of `ltv` (ISO 4217).
    #[serde(default = "usd", deserialize_with = "null_as_usd")]
    pub ltv_currency: String,
    /// Last purchase time; maintained by the server.
    #[serde(default)]
    pub last_purchased_at: Option<Timestamp>,
}

impl Resource for Contact {
    const PATH: &'static str = "/reachout/api/v1/contacts";
    const NAME: &'static str = "Contact";

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// Only fields [`ContactUpdate`] accepts are saved; LTV and purchase
    /// data are managed by the server.
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        crate::models::payload::save_with::<ContactUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Payload,
            &[("ltv", "`contacts().update_ltv`"), ("ltv_currency", "`contacts().update_ltv`")],
        )
    }
}

/// Checks the personal fields shared by creation and update.
fn check_person(
    first_name: Option<&str>,
    last_name: Option<&str>,
    phone: Option<&str>,
    whatsapp: Option<&str>,
    country: Option<&str>,
    source: Option<&ContactSource>,
) -> Result<()> {
    for (field, value, max) in [
        ("first_name", first_name, 100),
        ("last_name", last_name, 100),
        ("phone", phone, 20),
        ("whatsapp", whatsapp, 20),
        ("country", country, 100),
    ] {
        if let Some(v) = value {
            check_max_len(field, v, max)?;
        }
    }
    if let Some(s) = source {
        s.ensure_known("source")?;
    }
    Ok(())
}

/// Payload of `contacts().create`.
///
/// The builder sends the API's defaults: empty names, phone, WhatsApp
/// number and country, source `unknown`, no tags, consent to every channel.
/// Assign `None` to such a field to leave it out of the body.
///
/// ```
/// use konigle_core::models::{ContactCreate, ContactSource, MarketingConsent};
/// let data = ContactCreate::builder()
///     .email("john@example.com")
///     .first_name("John")
///     .last_name("Doe")
///     .phone("+1234567890")
///     .source(ContactSource::Lead)
///     .tags(["newsletter", "webinar"])
///     .marketing_consent(MarketingConsent::builder().sms(false).build())
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ContactCreate {
    /// Email address (required).
    pub email: String,
    /// First name (at most 100 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub first_name: Option<String>,
    /// Last name (at most 100 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub last_name: Option<String>,
    /// Phone number (at most 20 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub phone: Option<String>,
    /// WhatsApp number (at most 20 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub whatsapp: Option<String>,
    /// Country name (at most 100 characters; `""` by default).
    #[serde(default = "blank", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub country: Option<String>,
    /// How the contact was acquired (`unknown` by default).
    #[serde(default = "unknown_source", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = unknown_source(), with = |v: ContactSource| Some(v))]
    pub source: Option<ContactSource>,
    /// Tags (none by default).
    #[serde(default = "no_tags", skip_serializing_if = "Option::is_none")]
    #[builder(
        required,
        default = no_tags(),
        with = |tags: impl IntoIterator<Item = impl Into<String>>| Some(tags.into_iter().map(Into::into).collect())
    )]
    pub tags: Option<Vec<String>>,
    /// Marketing consent per channel (every channel by default).
    #[serde(default = "full_consent", skip_serializing_if = "Option::is_none")]
    #[builder(required, default = full_consent(), with = |v: MarketingConsent| Some(v))]
    pub marketing_consent: Option<MarketingConsent>,
}

/// Default source of a created contact.
fn unknown_source() -> Option<ContactSource> {
    Some(ContactSource::Unknown)
}

/// Default tags of a created contact: none, sent as `[]`.
fn no_tags() -> Option<Vec<String>> {
    Some(Vec::new())
}

/// Default consent of a created contact: every channel.
fn full_consent() -> Option<MarketingConsent> {
    Some(MarketingConsent::all())
}

impl Payload for ContactCreate {
    fn into_body(self) -> Result<Body> {
        check_person(
            self.first_name.as_deref(),
            self.last_name.as_deref(),
            self.phone.as_deref(),
            self.whatsapp.as_deref(),
            self.country.as_deref(),
            self.source.as_ref(),
        )?;
        crate::rules::json_body("ContactCreate", &self)
    }
}

/// Changes to a contact. Unset fields are not sent; LTV and purchase data
/// cannot be changed this way (see `contacts().update_ltv`).
///
/// ```
/// use konigle_core::models::{ContactUpdate, MarketingConsent};
/// let change = ContactUpdate::builder().last_name("Lima").marketing_consent(MarketingConsent::none()).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ContactUpdate {
    /// New email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// New WhatsApp number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<String>,
    /// New country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// New source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ContactSource>,
    /// New tags (replacing the current ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// New marketing consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_consent: Option<MarketingConsent>,
}

impl Payload for ContactUpdate {
    fn into_body(self) -> Result<Body> {
        check_person(
            self.first_name.as_deref(),
            self.last_name.as_deref(),
            self.phone.as_deref(),
            self.whatsapp.as_deref(),
            self.country.as_deref(),
            self.source.as_ref(),
        )?;
        crate::rules::json_body("ContactUpdate", &self)
    }
}

/// Payload of `contacts().update_ltv`: revenue from a purchase added to the
/// lifetime value of the contact with this email.
///
/// ```
/// use konigle_core::models::ContactUpdateLtv;
/// use konigle_core::Decimal;
/// let data = ContactUpdateLtv::builder()
///     .email("customer@example.com")
///     .value(Decimal::new(14999, 2))
///     .currency("USD")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ContactUpdateLtv {
    /// Email of the contact (required).
    pub email: String,
    /// Amount to add (required; positive, at most 2 decimal places); sent
    /// as a string.
    pub value: Decimal,
    /// Currency of the amount (required; ISO 4217, e.g. `USD`).
    pub currency: String,
}

impl Payload for ContactUpdateLtv {
    fn into_body(self) -> Result<Body> {
        validate::positive_amount("value", self.value, 19, 2)?;
        validate::currency("currency", &self.currency)?;
        crate::rules::json_body("ContactUpdateLtv", &self)
    }
}

crate::models::null_as!(null_as_usd, usd, String);
