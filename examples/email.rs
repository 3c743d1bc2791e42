//! Email with the blocking client: setting up the account in one call,
//! engagement tracking on a channel, the sending identity's verification,
//! a template, and sending an email with an attachment and custom headers.
//!
//! ```text
//! cargo run --example email
//! ```
//!
//! Everything runs against `konigle-mock`, a stateful stand-in server
//! started on a loopback port: nothing leaves the machine.

use std::process::ExitCode;

use konigle_blocking::filters::{EmailChannelFilters, EmailTemplateFilters};
use konigle_blocking::models::{Email, EmailAccountSetup, EmailChannelType, EmailTemplateCreate};
use konigle_blocking::{Client, FileInput, ListParams};
use konigle_mock::MockServer;

/// The CSV report attached to the email.
const REPORT_CSV: &[u8] = b"month,orders,revenue\n2024-05,182,9120.50\n2024-06,204,10388.00\n";

fn walk(client: &Client) -> konigle_blocking::Result<()> {
    // One call creates the account, its default channels and the sending
    // identity (a domain here), which then needs DNS records to verify.
    let setup = client.email_accounts().setup(
        EmailAccountSetup::builder()
            .account_name("Acme Mail")
            .default_from_email("hello@acme.example")
            .identity_value("acme.example")
            .default_reply_to_email("support@acme.example")
            .build(),
    )?;
    let account = &setup.account;
    println!(
        "account {}: {:?}, from {}, active {}",
        account.id,
        account.name,
        account.default_from_email.as_deref().unwrap_or("-"),
        account.is_active
    );
    for channel in &setup.channels {
        println!(
            "  channel {} ({}, {}): {} a day",
            channel.code, channel.channel_type, channel.status, channel.daily_quota
        );
    }
    let identity = &setup.identity;
    println!("identity {} ({}): verified {}", identity.identity_value, identity.identity_type, identity.verified);
    for record in &identity.dkim_records {
        let field = |k: &str| record.get(k).and_then(|v| v.as_str()).unwrap_or("-").to_owned();
        println!("  add DNS record {} {} -> {}", field("type"), field("name"), field("value"));
    }
    let status = client.email_accounts().check_status()?;
    println!("account status before verification: can_send={} issues: {}", status.can_send, status.issues.len());

    // Once the DNS records are in place, ask for a new check.
    let checked = client.email_identities().check_verification_status(&identity.id)?;
    println!(
        "identity {}: verified {}, DKIM {} (verified {})",
        checked.identity_value, checked.verified, checked.dkim_verification_status, checked.dkim_verified
    );
    let status = client.email_accounts().check_status()?;
    println!("account status after verification: can_send={}", status.can_send);

    // Open and click tracking on the marketing channel.
    let marketing = EmailChannelFilters::builder().channel_type(EmailChannelType::Marketing).build();
    let channels = client.email_channels().list(&ListParams::with_filters(marketing))?;
    for channel in &channels.items {
        let tracked = client.email_channels().set_engagement_tracking(&channel.id, true)?;
        println!("channel {}: engagement tracking {}", tracked.code, tracked.enable_engagement_tracking);
    }

    // A template, edited as an Active Record.
    let template = client.email_templates().create(
        EmailTemplateCreate::builder()
            .name("Monthly report")
            .code("monthly-report")
            .subject("Your monthly report")
            .body_html("<h1>Your report</h1>")
            .body_text("Your report")
            .tags(["reports"])
            .build(),
    )?;
    println!("template {}: {:?} (code {})", template.id, template.subject, template.code);
    let mut editable = client.email_templates().get(&template.id)?;
    editable.subject = "Your monthly report is ready".into();
    println!("template {}: changed {:?}", editable.id, editable.dirty_fields());
    editable.save()?;
    let reports = EmailTemplateFilters::builder().tags("reports").build();
    let listed = client.email_templates().list(&ListParams::with_filters(reports))?;
    let subjects: Vec<&str> = listed.items.iter().map(|t| t.subject.as_str()).collect();
    println!("templates tagged reports: {subjects:?}");

    // Send through the transactional channel, with an attachment (sent as
    // multipart/form-data) and custom headers (names must start with X-).
    let sent = client.emails().send(
        Email::builder()
            .to_email(["ada@example.com", "grace@example.com"])
            .subject(editable.subject.clone())
            .body_html(editable.body_html.clone())
            .channel("transactional")
            .body_text("Your report is attached.")
            .reply_to_email("reports@acme.example")
            .headers([("X-Report-Month", "2024-06"), ("X-Campaign-Id", "monthly-report")])
            .attachments([FileInput::bytes(REPORT_CSV.to_vec()).with_name("report-2024-06.csv")])
            .build(),
    )?;
    println!("email: {} (message id {})", sent.status, sent.message_id.as_deref().unwrap_or("-"));
    // A header without the X- prefix is refused before anything is sent.
    let bad_header = Email::builder()
        .to_email(["ada@example.com"])
        .subject("Hi")
        .body_html("<p>Hi</p>")
        .channel("transactional")
        .headers([("Priority", "1")])
        .build();
    match client.emails().send(bad_header) {
        Err(e) if e.is_client_side() => println!("header without X- refused before sending: {e}"),
        other => println!("unexpected answer to a bad header: {other:?}"),
    }

    client.email_templates().delete(&template.id)?;
    println!("deleted template {}", template.id);
    Ok(())
}

pub fn main() -> ExitCode {
    let server = MockServer::start_blocking();
    let config = server.config_builder().build();
    println!("Konigle SDK email example, against the mock server at {}", server.base_url());
    match config.and_then(Client::new).and_then(|client| walk(&client)) {
        Ok(()) => {
            println!("Done: the mock server answered {} requests.", server.requests().len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("email example stopped: {e}");
            ExitCode::FAILURE
        }
    }
}
