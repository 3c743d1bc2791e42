//! Marketing with the async client: audiences, contacts with their
//! marketing consent, a campaign through its lifecycle (created, scheduled,
//! started, paused, resumed), revenue (LTV) on the campaign and a contact,
//! and `iter_all` as a `Stream`.
//!
//! ```text
//! cargo run --example marketing
//! ```
//!
//! Everything runs against `konigle-mock`, a stateful stand-in server
//! started on a loopback port: nothing leaves the machine.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use konigle::filters::{CampaignFilters, ContactFilters};
use konigle::models::{
    AudienceCreate, CampaignAddLtv, CampaignCreate, CampaignStatus, ContactCreate, ContactSource, ContactUpdate,
    ContactUpdateLtv, MarketingConsent,
};
use konigle::{Client, Error, ListParams};
use konigle_core::{Decimal, Timestamp};
use konigle_mock::MockServer;

/// An amount in cents as a `Decimal` with two places (`4999` is `49.99`).
fn usd(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

async fn walk(client: &Client) -> konigle::Result<()> {
    // An audience is a segment of contacts, by tag.
    let vip = client
        .audiences()
        .create(AudienceCreate::builder().name("VIP Customers").tags(["vip"]).description("Repeat buyers").build())
        .await?;
    println!("audience {}: {:?} (code {}), tags {:?}", vip.id, vip.name, vip.code, vip.tags);

    // Contacts, with the channels each agreed to be marketed on.
    let email_only = MarketingConsent::builder().sms(false).whatsapp(false).build();
    let people = [
        ("ada@example.com", "Ada", "Lovelace", vec!["vip"], email_only),
        ("grace@example.com", "Grace", "Hopper", vec!["vip", "newsletter"], MarketingConsent::all()),
        ("alan@example.com", "Alan", "Turing", vec!["newsletter"], MarketingConsent::all()),
    ];
    let mut ids = Vec::new();
    for (email, first, last, tags, consent) in people {
        let contact = client
            .contacts()
            .create(
                ContactCreate::builder()
                    .email(email)
                    .first_name(first)
                    .last_name(last)
                    .country("GB")
                    .source(ContactSource::Purchase)
                    .tags(tags)
                    .marketing_consent(consent)
                    .build(),
            )
            .await?;
        let c = contact.marketing_consent;
        println!(
            "contact {} <{}> tags {:?}, consent email={} sms={} whatsapp={}",
            contact.id, contact.email, contact.tags, c.email, c.sms, c.whatsapp
        );
        ids.push(contact.id.clone());
    }
    // Alan opts out of all marketing.
    let alan = client
        .contacts()
        .update(&ids[2], ContactUpdate::builder().marketing_consent(MarketingConsent::none()).build())
        .await?;
    println!("contact {}: opted out, consent email={}", alan.email, alan.marketing_consent.email);
    // A malformed address is refused before anything is sent.
    match client.contacts().create(ContactCreate::builder().email("not-an-email").build()).await {
        Err(e) if e.is_client_side() => println!("malformed email refused before sending: {e}"),
        other => println!("unexpected answer to a malformed email: {other:?}"),
    }

    // iter_all is a Stream: the next page is fetched when this one runs out.
    let vips = ContactFilters::builder().tags("vip").build();
    let mut stream = client.contacts().iter_all(&ListParams::with_filters(vips).page_size(1));
    let mut vip_emails = Vec::new();
    while let Some(contact) = stream.try_next().await? {
        vip_emails.push(contact.email.clone());
    }
    println!("iter_all tags=vip, one per page: {}", vip_emails.join(", "));
    let everyone: Vec<_> = client.contacts().iter_all(&ListParams::new()).try_collect().await?;
    println!("iter_all collected {} contacts", everyone.len());

    // A campaign to the audience, scheduled for tomorrow...
    let campaign = client
        .campaigns()
        .create(
            CampaignCreate::builder()
                .name("Summer Sale")
                .audience(vip.id.clone())
                .description("20% off for VIPs")
                .execution_duration_minutes(60)
                .utm_code("summer-sale")
                .build(),
        )
        .await?;
    println!("campaign {}: {:?} is {}", campaign.id, campaign.name, campaign.status);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let tomorrow = Timestamp::from(UNIX_EPOCH + Duration::from_secs(now + 24 * 60 * 60));
    let scheduled = client.campaigns().schedule(&campaign.id, Some(tomorrow)).await?;
    let when = scheduled.scheduled_at.map_or_else(|| "-".to_owned(), |t| t.to_rfc3339());
    println!("campaign {}: {} for {when}", scheduled.id, scheduled.status);

    // ...then started right away after all, paused and resumed.
    let running = client.campaigns().start(&campaign.id).await?;
    let reach = running.execution.as_ref().map_or(0, |e| e.total_contacts);
    println!("campaign {}: {}, sending to {reach} contact(s)", running.id, running.status);
    let paused = client.campaigns().pause(&campaign.id).await?;
    println!("campaign {}: {}", paused.id, paused.status);
    match client.campaigns().pause(&campaign.id).await {
        Err(Error::Validation(e)) => println!("pause it again -> rejected (HTTP {}): {}", e.status, e.message),
        other => println!("unexpected answer to a second pause: {other:?}"),
    }
    let resumed = client.campaigns().resume(&campaign.id).await?;
    println!("campaign {}: {}", resumed.id, resumed.status);

    // Revenue: a purchase attributed to the campaign and to Ada...
    let with_ltv = client
        .campaigns()
        .add_ltv(
            &campaign.id,
            CampaignAddLtv::builder().value(usd(4999)).currency("USD").contact_email("ada@example.com").build(),
        )
        .await?;
    println!("campaign {}: LTV {} {}", with_ltv.id, with_ltv.ltv.unwrap_or_default(), with_ltv.ltv_currency);
    // ...and one by Grace, recorded on her contact only (no id needed).
    let grace = client
        .contacts()
        .update_ltv(ContactUpdateLtv::builder().email("grace@example.com").value(usd(1500)).currency("USD").build())
        .await?;
    println!(
        "contact {}: LTV {} {}, last purchase {}",
        grace.email,
        grace.ltv.unwrap_or_default(),
        grace.ltv_currency,
        grace.last_purchased_at.map_or_else(|| "-".to_owned(), |t| t.to_rfc3339())
    );
    let ada = client.contacts().get(&ids[0]).await?;
    println!("contact {}: LTV {} {}", ada.email, ada.ltv.unwrap_or_default(), ada.ltv_currency);

    // Find running campaigns of the audience, then clean up.
    let running_vip = CampaignFilters::builder().audience(vip.code.clone()).status(CampaignStatus::Running).build();
    let listed = client.campaigns().list(&ListParams::with_filters(running_vip)).await?;
    let names: Vec<&str> = listed.items.iter().map(|c| c.name.as_str()).collect();
    println!("running campaigns of {}: {}", vip.code, names.join(", "));
    let cancelled = client.campaigns().cancel(&campaign.id).await?;
    println!("campaign {}: {}", cancelled.id, cancelled.status);
    client.campaigns().delete(&campaign.id).await?;
    for id in &ids {
        client.contacts().delete(id).await?;
    }
    client.audiences().delete(&vip.id).await?;
    println!("deleted: the campaign, {} contacts and the audience", ids.len());
    Ok(())
}

async fn run() -> konigle::Result<()> {
    let server = MockServer::start().await;
    println!("Konigle SDK marketing example, against the mock server at {}", server.base_url());
    let config = server.config();
    let client = Client::new(config)?;
    walk(&client).await?;
    println!("Done: the mock server answered {} requests.", server.requests().len());
    Ok(())
}

#[tokio::main]
pub async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marketing example stopped: {e}");
            ExitCode::FAILURE
        }
    }
}
