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
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::EmailAccountSetup;
///
/// let setup = EmailAccountSetup::new("Acme Mail", "hello@acme.example", "acme.example");
/// let setup = client.email_accounts().setup(setup).await?;
/// println!("{} channels, identity {}", setup.channels.len(), setup.identity.identity_value);
/// let status = client.email_accounts().check_status().await?;
/// println!("can send: {} ({} issues)", status.can_send, status.issues.len());
/// ```
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailAccountManager = Manager<EmailAccounts>;
/// Manager of email channels (`client.email_channels()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::{EmailChannelCreate, EmailChannelType};
///
/// let promotions = EmailChannelCreate::new("promotions", EmailChannelType::Marketing);
/// let channel = client.email_channels().create(promotions).await?;
/// let channel = client.email_channels().set_engagement_tracking(&channel.id, true).await?;
/// assert!(channel.enable_engagement_tracking);
/// ```
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailChannelManager = Manager<EmailChannels>;
/// Manager of email identities (`client.email_identities()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// let identity = client.email_identities().check_verification_status("eid_1").await?;
/// println!("verified {}, DKIM {}", identity.verified, identity.dkim_verification_status);
/// let identity = client.email_identities().setup_custom_mail_from("eid_1", "mail.acme.example").await?;
/// println!("add {} DNS record(s) for MAIL FROM", identity.mail_from_records.len());
/// ```
///
/// See `examples/email.rs` for a runnable walk-through.
pub type EmailIdentityManager = Manager<EmailIdentities>;
/// Manager of email templates (`client.email_templates()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::EmailTemplateCreate;
///
/// let welcome = EmailTemplateCreate::new("Welcome", "welcome", "Welcome to Acme", "<h1>Hi!</h1>");
/// let template = client.email_templates().create(welcome.tags(["onboarding"])).await?;
/// let mut template = client.email_templates().get(&template.id).await?;
/// template.subject = "Welcome aboard".into();
/// template.save().await?; // sends only the subject
/// ```
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
    /// ```rust,ignore
    /// use konigle::models::EmailAccountSetup;
    /// let setup = client
    ///     .email_accounts()
    ///     .setup(EmailAccountSetup::new("Marketing Account", "noreply@example.com", "example.com"))
    ///     .await?;
    /// for record in &setup.identity.dkim_records {
    ///     println!("add DNS record {record:?}");
    /// }
    /// ```
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
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::Email;
///
/// let report = Email::new(["ada@example.com"], "Your report", "<p>Attached.</p>", "transactional")
///     .header("X-Report-Month", "2024-06")
///     .attachment("reports/2024-06.csv"); // a path, bytes or an https:// URL
/// let sent = client.emails().send(report).await?;
/// println!("{} {:?}", sent.status, sent.message_id);
/// ```
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
    /// ```rust,ignore
    /// use konigle::models::Email;
    /// let sent = client
    ///     .emails()
    ///     .send(
    ///         Email::new(["alice@example.com"], "Welcome", "<h1>Welcome!</h1>", "transactional")
    ///             .header("X-Campaign-Id", "cmp_1")
    ///             .attachment("docs/guide.pdf"),
    ///     )
    ///     .await?;
    /// println!("{} {:?}", sent.status, sent.message_id);
    /// ```
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
