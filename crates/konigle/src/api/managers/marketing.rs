//! Marketing: audiences, campaigns and contacts, and the campaign actions.

use konigle_core::models::{
    Campaign, CampaignAddLtv, CampaignCreateEmail, CampaignSchedule, CampaignTestEmail, Contact, ContactUpdateLtv,
    NewEmailCampaignResponse, Payload,
};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{Audiences, Campaigns, Contacts};
use konigle_core::{Body, Method, Result, Timestamp};

use crate::api::{Client, Manager, Record};

/// Manager of audiences (`client.audiences()`).
///
#[doc = doc_example!("audiences")]
///
/// See `examples/marketing.rs` for a runnable walk-through.
pub type AudienceManager = Manager<Audiences>;
/// Manager of campaigns (`client.campaigns()`).
///
#[doc = doc_example!("campaigns")]
///
/// See `examples/marketing.rs` for a runnable walk-through.
pub type CampaignManager = Manager<Campaigns>;
/// Manager of contacts (`client.contacts()`).
///
#[doc = doc_example!("contacts")]
///
/// See `examples/marketing.rs` for a runnable walk-through.
pub type ContactManager = Manager<Contacts>;

impl Client {
    /// Audiences: tag-based segments of contacts.
    pub fn audiences(&self) -> AudienceManager {
        Manager::new(self.clone())
    }
    /// Campaigns, with their lifecycle actions.
    pub fn campaigns(&self) -> CampaignManager {
        Manager::new(self.clone())
    }
    /// Contacts.
    pub fn contacts(&self) -> ContactManager {
        Manager::new(self.clone())
    }
}

#[crate::facade]
impl Manager<Campaigns> {
    /// Sends `POST {campaign}/{action}` with `body` and returns the campaign.
    async fn campaign_action(&self, id: &str, action: &str, body: Body) -> Result<Record<Campaign>> {
        let req = detail_request::<Campaign>(Method::Post, id)?.suffix(action).body(body);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }

    /// Starts a draft or scheduled campaign.
    ///
    /// # Errors
    /// [`konigle_core::Error::Validation`] when the campaign's status does
    /// not allow it, or any API error.
    pub async fn start(&self, id: &str) -> Result<Record<Campaign>> {
        self.campaign_action(id, "/start", Body::None).await
    }

    /// Pauses a running campaign.
    pub async fn pause(&self, id: &str) -> Result<Record<Campaign>> {
        self.campaign_action(id, "/pause", Body::None).await
    }

    /// Resumes a paused campaign.
    pub async fn resume(&self, id: &str) -> Result<Record<Campaign>> {
        self.campaign_action(id, "/resume", Body::None).await
    }

    /// Cancels a draft, scheduled, running or paused campaign.
    pub async fn cancel(&self, id: &str) -> Result<Record<Campaign>> {
        self.campaign_action(id, "/cancel", Body::None).await
    }

    /// Schedules a draft campaign for `scheduled_at`, or, with `None`, for
    /// the time already set on it.
    pub async fn schedule(&self, id: &str, scheduled_at: Option<Timestamp>) -> Result<Record<Campaign>> {
        let body = CampaignSchedule::builder().maybe_scheduled_at(scheduled_at).build().into_body()?;
        self.campaign_action(id, "/schedule", body).await
    }

    /// Records revenue from a purchase on the campaign (and on the contact,
    /// when `contact_email` is set). The amount is sent as a decimal string.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for a non-positive amount, more
    /// than two decimal places, a malformed currency or email (nothing is
    /// sent), or any API error.
    pub async fn add_ltv(&self, id: &str, data: CampaignAddLtv) -> Result<Record<Campaign>> {
        let body = data.into_body()?;
        self.campaign_action(id, "/add-ltv", body).await
    }

    /// Creates an email campaign together with its audience (from contact
    /// tags) and its email template, in one call.
    pub async fn new_email_campaign(&self, data: CampaignCreateEmail) -> Result<Record<Campaign>> {
        let req = collection_request::<Campaign>(Method::Post).suffix("/new-email-campaign").body(data.into_body()?);
        let answer: NewEmailCampaignResponse = self.client.fetch(req).await?;
        Ok(self.record(answer.campaign, false))
    }

    /// Sends a test email of an email campaign to `email_address`, and
    /// returns the API's answer.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for a malformed address
    /// (nothing is sent), or any API error.
    pub async fn send_test_email(
        &self,
        id: &str,
        email_address: &str,
    ) -> Result<konigle_core::models::TestEmailResult> {
        let body = CampaignTestEmail::builder().email_address(email_address).build().into_body()?;
        let req = detail_request::<Campaign>(Method::Post, id)?.suffix("/send-test-email").body(body);
        self.client.fetch(req).await
    }
}

#[crate::facade]
impl Manager<Contacts> {
    /// Adds revenue from a purchase to the lifetime value of the contact
    /// with `data.email` (no contact id needed). The amount is sent as a
    /// decimal string.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for a malformed email or
    /// currency, or a non-positive amount (nothing is sent), or any API error.
    pub async fn update_ltv(&self, data: ContactUpdateLtv) -> Result<Record<Contact>> {
        let req = collection_request::<Contact>(Method::Post).suffix("/update-ltv").body(data.into_body()?);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}
