//! Email: accounts, channels, identities and templates, and sending.

use konigle_core::models::{
    Email, EmailAccount, EmailAccountSetup, EmailChannel, EmailIdentity, EmailResponse, Payload,
};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{EmailAccounts, EmailChannels, EmailIdentities, EmailTemplates};
use konigle_core::{Body, Method, Request, Result};
use serde::{Deserialize, Serialize};

use crate::api::{Client, Manager, Record};

/// Manager of email accounts (`client.email_accounts()`).
///
#[doc = doc_example!("email_accounts")]
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailAccountManager = Manager<EmailAccounts>;
/// Manager of email channels (`client.email_channels()`).
///
#[doc = doc_example!("email_channels")]
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailChannelManager = Manager<EmailChannels>;
/// Manager of email identities (`client.email_identities()`).
///
#[doc = doc_example!("email_identities")]
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailIdentityManager = Manager<EmailIdentities>;
/// Manager of email templates (`client.email_templates()`).
///
#[doc = doc_example!("email_templates")]
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailTemplateManager = Manager<EmailTemplates>;

/// Path of the send action.
const SEND_EMAIL_PATH: &str = "/reachout/api/v1/send-email";

impl Client {
    /// Email accounts (one per website).
    pub fn email_accounts(&self) -> EmailAccountManager {
        Manager::new(self.clone())
    }
    /// Email channels.
    pub fn email_channels(&self) -> EmailChannelManager {
        Manager::new(self.clone())
    }
    /// Email sending identities (domains and addresses).
    pub fn email_identities(&self) -> EmailIdentityManager {
        Manager::new(self.clone())
    }
    /// Email templates.
    pub fn email_templates(&self) -> EmailTemplateManager {
        Manager::new(self.clone())
    }
    /// Sending emails.
    pub fn emails(&self) -> EmailManager {
        EmailManager { client: self.clone() }
    }
}

/// What `email_accounts().setup` creates: the account, its default
/// channels and the identity to verify.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct EmailAccountSetupResult {
    /// The new account.
    pub account: Record<EmailAccount>,
    /// The channels created with it (possibly none).
    pub channels: Vec<Record<EmailChannel>>,
    /// The sending identity, pending verification.
    pub identity: Record<EmailIdentity>,
}

#[derive(Deserialize)]
struct SetupResponse {
    account: EmailAccount,
    #[serde(default)]
    channels: Vec<EmailChannel>,
    identity: EmailIdentity,
}

#[crate::facade]
impl Manager<EmailAccounts> {
    /// Sets up the email account with its default channels and a sending
    /// identity, in one call.
    ///
    #[doc = doc_example!("email_accounts_setup")]
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for an invalid sender or
    /// reply-to address or an over-long name (nothing is sent), or any API error.
    pub async fn setup(&self, data: EmailAccountSetup) -> Result<EmailAccountSetupResult> {
        let req = collection_request::<EmailAccount>(Method::Post).suffix("/setup").body(data.into_body()?);
        let raw: SetupResponse = self.client.fetch(req).await?;
        let client = &self.client;
        Ok(EmailAccountSetupResult {
            account: Record::new(raw.account, false, client.clone()),
            channels: raw.channels.into_iter().map(|c| Record::new(c, false, client.clone())).collect(),
            identity: Record::new(raw.identity, false, client.clone()),
        })
    }

    /// Checks whether the account can send: the server's status report
    /// (e.g. `{"status": "active", "can_send": true, "issues": []}`).
    pub async fn check_status(&self) -> Result<konigle_core::models::AccountStatus> {
        let req = collection_request::<EmailAccount>(Method::Post).suffix("/check-status");
        self.client.fetch(req).await
    }
}

#[crate::facade]
impl Manager<EmailChannels> {
    /// Turns open and click tracking of a channel on or off, and returns
    /// the updated channel.
    pub async fn set_engagement_tracking(&self, channel_id: &str, enable: bool) -> Result<Record<EmailChannel>> {
        let body = Body::json(&serde_json::json!({ "enable": enable }))?;
        let req =
            detail_request::<EmailChannel>(Method::Post, channel_id)?.suffix("/set-engagement-tracking").body(body);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl Manager<EmailIdentities> {
    /// Asks the server to check the identity's DNS records again, and
    /// returns the identity with its current verification state.
    pub async fn check_verification_status(&self, identity_id: &str) -> Result<Record<EmailIdentity>> {
        let req = detail_request::<EmailIdentity>(Method::Post, identity_id)?.suffix("/check-status");
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }

    /// Sets a custom MAIL FROM domain for the identity. The returned
    /// identity lists the DNS records (`mail_from_records`) to add before
    /// the domain can be verified.
    pub async fn setup_custom_mail_from(
        &self,
        identity_id: &str,
        mail_from_domain: &str,
    ) -> Result<Record<EmailIdentity>> {
        let body = Body::json(&serde_json::json!({ "mail_from_domain": mail_from_domain }))?;
        let req =
            detail_request::<EmailIdentity>(Method::Post, identity_id)?.suffix("/setup-custom-mail-from").body(body);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

/// Sends emails (`client.emails()`). Sent emails are not a collection:
/// there is nothing to list or fetch.
///
#[doc = doc_example!("emails")]
///
/// See `examples/email.rs` for a runnable walk-through.
#[derive(Debug, Clone)]
pub struct EmailManager {
    client: Client,
}

impl EmailManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

#[crate::facade]
impl EmailManager {
    /// Sends an email through one of the account's channels.
    ///
    /// Without attachments the email is sent as JSON; with attachments as
    /// `multipart/form-data` (files on disk streamed, `https://` URLs
    /// downloaded first), custom headers then travelling as one JSON text
    /// field named `headers`.
    ///
    #[doc = doc_example!("emails_send")]
    ///
    /// # Errors
    /// Nothing is sent, and [`konigle_core::Error::InvalidInput`] returned,
    /// for no recipient, an invalid address, a header name not starting
    /// with `X-`, a subject over 255, channel over 20 or category over 50
    /// characters, more than 10 attachments, one over 20 MiB or over
    /// 100 MiB in all; [`konigle_core::Error::File`] for an unreadable file.
    /// Otherwise any API error (e.g. a 400 for an unknown channel).
    pub async fn send(&self, email: Email) -> Result<EmailResponse> {
        let req = Request::new(Method::Post, SEND_EMAIL_PATH).body(email.into_body()?);
        self.client.fetch(req).await
    }
}
