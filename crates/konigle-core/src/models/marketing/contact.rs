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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MarketingConsent {
    /// Email marketing.
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub email: bool,
    /// SMS marketing.
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub sms: bool,
    /// WhatsApp marketing.
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub whatsapp: bool,
}

impl Default for MarketingConsent {
    fn default() -> Self {
        Self { email: true, sms: true, whatsapp: true }
    }
}

impl MarketingConsent {
    /// Consent to every channel.
    pub fn all() -> Self {
        Self::default()
    }
    /// Consent to no channel.
    pub fn none() -> Self {
        Self { email: false, sms: false, whatsapp: false }
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
/// [`ContactCreate::new`] fills the API's defaults (empty names, source
/// `unknown`, no tags, consent to every channel); a field set to `None` is
/// not sent.
///
/// ```
/// use konigle_core::models::{ContactCreate, ContactSource, MarketingConsent};
/// let data = ContactCreate::new("john@example.com")
///     .name("John", "Doe")
///     .phone("+1234567890")
///     .source(ContactSource::Lead)
///     .tags(["newsletter", "webinar"])
///     .marketing_consent(MarketingConsent { email: true, sms: false, whatsapp: true });
/// # let _ = data;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactCreate {
    /// Email address (required).
    pub email: String,
    /// First name (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone number (at most 20 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// WhatsApp number (at most 20 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<String>,
    /// Country name (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// How the contact was acquired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ContactSource>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Marketing consent per channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_consent: Option<MarketingConsent>,
}

impl ContactCreate {
    /// A contact with this email and the API's defaults for everything else.
    pub fn new(email: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            first_name: blank(),
            last_name: blank(),
            phone: blank(),
            whatsapp: blank(),
            country: blank(),
            source: Some(ContactSource::Unknown),
            tags: Some(Vec::new()),
            marketing_consent: Some(MarketingConsent::default()),
        }
    }
    /// Sets first and last name.
    pub fn name(mut self, first: impl Into<String>, last: impl Into<String>) -> Self {
        self.first_name = Some(first.into());
        self.last_name = Some(last.into());
        self
    }
    /// Sets the phone number.
    pub fn phone(mut self, v: impl Into<String>) -> Self {
        self.phone = Some(v.into());
        self
    }
    /// Sets the WhatsApp number.
    pub fn whatsapp(mut self, v: impl Into<String>) -> Self {
        self.whatsapp = Some(v.into());
        self
    }
    /// Sets the country.
    pub fn country(mut self, v: impl Into<String>) -> Self {
        self.country = Some(v.into());
        self
    }
    /// Sets the source.
    pub fn source(mut self, v: ContactSource) -> Self {
        self.source = Some(v);
        self
    }
    /// Sets the tags.
    pub fn tags<T: Into<String>>(mut self, tags: impl IntoIterator<Item = T>) -> Self {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }
    /// Sets the marketing consent.
    pub fn marketing_consent(mut self, v: MarketingConsent) -> Self {
        self.marketing_consent = Some(v);
        self
    }
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
/// let data = ContactUpdateLtv::new("customer@example.com", Decimal::new(14999, 2), "USD");
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactUpdateLtv {
    /// Email of the contact.
    pub email: String,
    /// Amount to add (positive, at most 2 decimal places); sent as a string.
    pub value: Decimal,
    /// Currency of the amount (ISO 4217, e.g. `USD`).
    pub currency: String,
}

impl ContactUpdateLtv {
    /// Adds `value` in `currency` to the contact with `email`.
    pub fn new(email: impl Into<String>, value: Decimal, currency: impl Into<String>) -> Self {
        Self { email: email.into(), value, currency: currency.into() }
    }
}

impl Payload for ContactUpdateLtv {
    fn into_body(self) -> Result<Body> {
        validate::positive_amount("value", self.value, 19, 2)?;
        validate::currency("currency", &self.currency)?;
        crate::rules::json_body("ContactUpdateLtv", &self)
    }
}

crate::models::null_as!(null_as_usd, usd, String);
