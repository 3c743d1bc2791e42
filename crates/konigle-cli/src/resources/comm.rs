//! Marketing and email: audiences, campaigns, contacts, email accounts,
//! channels, identities, templates, and sending.

use clap::{Arg, ArgMatches, Command};
use konigle_blocking::filters::{
    AudienceFilters, CampaignFilters, ContactFilters, EmailAccountFilters, EmailChannelFilters, EmailIdentityFilters,
    EmailTemplateFilters,
};
use konigle_blocking::models::{
    AudienceCreate, AudienceUpdate, Campaign, CampaignAddLtv, CampaignCreate, CampaignCreateEmail, CampaignSchedule,
    CampaignTestEmail, CampaignUpdate, Contact, ContactCreate, ContactUpdate, ContactUpdateLtv, Email, EmailAccount,
    EmailAccountCreate, EmailAccountSetup, EmailAccountUpdate, EmailChannel, EmailChannelCreate, EmailChannelUpdate,
    EmailIdentity, EmailIdentityCreate, EmailIdentityUpdate, EmailTemplateCreate, EmailTemplateUpdate,
};
use konigle_blocking::spec::{
    Audiences, Campaigns, Contacts, EmailAccounts, EmailChannels, EmailIdentities, EmailTemplates,
};
use konigle_blocking::{Client, Manager, Timestamp};
use konigle_core::models::Payload;
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::{Body, FileInput, Method, Request};

/// Where `emails().send` posts (for `--dry-run`).
const SEND_EMAIL_PATH: &str = "/reachout/api/v1/send-email";
use serde_json::json;

use super::file_input;
use crate::app::{dry_run, dry_run_arg, to_json, yes_arg, Ctx, Registry};
use crate::crud::{self, CliCreate, CliResource, CliUpdate};
use crate::error::{CliError, CliResult};
use crate::opts::{self, Kind, Opt, Values};

const SEARCH: Opt = Opt::text("search", "q", "Search text").short('q');
const TAGS_FILTER: Opt = Opt::text("tags", "tags", "Comma-separated tags");

// ---- audiences ----

impl CliResource for Audiences {
    const GROUP: &'static [&'static str] = &["comm", "audiences"];
    const NOUN: &'static str = "audience";
    const ID: &'static str = "AUDIENCE_ID";
    const EXAMPLE_ID: &'static str = "aud_1";
    const COLUMNS: &'static [(&'static str, &'static str)] =
        &[("ID", "id"), ("NAME", "name"), ("CODE", "code"), ("TAGS", "tags")];
    const FILTERS: &'static [Opt] = &[SEARCH, TAGS_FILTER];
    fn manager(c: &Client) -> Manager<Self> {
        c.audiences()
    }
    fn filters(v: &Values) -> CliResult<AudienceFilters> {
        let mut f = AudienceFilters::default();
        f.q = v.get("q")?;
        f.tags = v.get("tags")?;
        Ok(f)
    }
}

impl CliCreate for Audiences {
    const CREATE: &'static [Opt] = &[
        Opt::text("name", "name", "Name").short('n').required(),
        Opt::text("code", "code", "Slug code (derived from the name when omitted)").short('c'),
        Opt::text("description", "description", "Description").short('d'),
        Opt::new("tag", "tags", Kind::Many, "A tag selecting contacts (repeatable)").required(),
    ];
    fn create_payload(v: Values) -> CliResult<AudienceCreate> {
        Ok(AudienceCreate::builder()
            .name(v.req::<String>("name")?)
            .tags(v.get::<Vec<String>>("tags")?.unwrap_or_default())
            .maybe_code(v.get::<String>("code")?)
            .maybe_description(v.str("description"))
            .build())
    }
}

impl CliUpdate for Audiences {
    const UPDATE: &'static [Opt] = &[
        Opt::text("name", "name", "New name").short('n'),
        Opt::text("code", "code", "New code").short('c'),
        Opt::text("description", "description", "New description").short('d'),
        Opt::new("tag", "tags", Kind::Many, "Replace the tags (repeatable)"),
    ];
    fn update_payload(v: Values) -> CliResult<AudienceUpdate> {
        v.into_payload()
    }
}

// ---- campaigns ----

impl CliResource for Campaigns {
    const GROUP: &'static [&'static str] = &["comm", "campaigns"];
    const NOUN: &'static str = "campaign";
    const ID: &'static str = "CAMPAIGN_ID";
    const EXAMPLE_ID: &'static str = "camp_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("STATUS", "status"),
        ("AUDIENCE", "audience"),
        ("SCHEDULED", "scheduled_at"),
    ];
    const FILTERS: &'static [Opt] = &[
        SEARCH,
        Opt::text("status", "status", "Status").choices(&[
            "draft",
            "scheduled",
            "running",
            "paused",
            "completed",
            "cancelled",
            "failed",
        ]),
        Opt::text("audience", "audience", "Audience code"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.campaigns()
    }
    fn filters(v: &Values) -> CliResult<CampaignFilters> {
        let mut f = CampaignFilters::default();
        f.q = v.get("q")?;
        f.status = v.get("status")?;
        f.audience = v.get("audience")?;
        Ok(f)
    }
}

/// The sender, reply-to and schedule options campaigns share.
macro_rules! campaign_opts {
    ($($extra:expr),* $(,)?) => {
        &[
            $($extra,)*
            Opt::text("scheduled-at", "scheduled_at", "Start time, ISO 8601 (e.g. 2026-01-31T09:00:00Z)"),
            Opt::new("execution-duration", "execution_duration_minutes", Kind::Int, "Minutes to spread the sending over"),
            Opt::text("from-email", "from_email", "Sender address"),
            Opt::text("from-name", "from_name", "Sender name"),
            Opt::text("reply-to-email", "reply_to_email", "Reply-to address"),
            Opt::text("reply-to-name", "reply_to_name", "Reply-to name"),
            Opt::text("utm-code", "utm_code", "UTM campaign code"),
        ]
    };
}

impl CliCreate for Campaigns {
    const CREATE: &'static [Opt] = campaign_opts![
        Opt::text("name", "name", "Name").short('n').required(),
        Opt::text("audience", "audience", "Id of the audience").short('a').required(),
        Opt::text("email-channel", "email_channel", "Id of the email channel").required(),
        Opt::text("email-template", "email_template", "Id of the email template").required(),
        Opt::text("description", "description", "Description").short('d'),
    ];
    fn create_payload(mut v: Values) -> CliResult<CampaignCreate> {
        v.0.insert("channel_type".into(), json!("email"));
        v.into_payload()
    }
}

impl CliUpdate for Campaigns {
    const UPDATE: &'static [Opt] = campaign_opts![
        Opt::text("name", "name", "New name").short('n'),
        Opt::text("description", "description", "New description").short('d'),
        Opt::text("audience", "audience", "New audience id"),
        Opt::text("email-channel", "email_channel", "New email channel id"),
        Opt::text("email-template", "email_template", "New email template id"),
    ];
    fn update_payload(v: Values) -> CliResult<CampaignUpdate> {
        v.into_payload()
    }
}

fn campaign_id_arg() -> Arg {
    Arg::new("id").value_name("CAMPAIGN_ID").required(true).help("Id of the campaign")
}

/// Prints a campaign after an action, or describes the action's request.
fn campaign_action(
    ctx: &Ctx,
    m: &ArgMatches,
    suffix: &str,
    body: Body,
    send: impl FnOnce(&Manager<Campaigns>, &str) -> konigle_blocking::Result<konigle_blocking::Record<Campaign>>,
) -> CliResult<()> {
    let id = crud::id(m);
    if dry_run(m) {
        return ctx.describe(&detail_request::<Campaign>(Method::Post, &id)?.suffix(suffix).body(body));
    }
    let campaign = send(&ctx.client()?.campaigns(), &id)?;
    ctx.out.say(format!("Campaign {id} is {}", to_json(&campaign.status)?.as_str().unwrap_or("updated")));
    ctx.out.print_one(&to_json(&campaign)?)
}

fn campaigns_special(reg: &mut Registry) {
    type Action = fn(&Manager<Campaigns>, &str) -> konigle_blocking::Result<konigle_blocking::Record<Campaign>>;
    let simple: [(&'static str, &'static str, &'static str, bool, Action); 4] = [
        ("start", "Start sending a campaign", "/start", false, |c, id| c.start(id)),
        ("pause", "Pause a running campaign", "/pause", false, |c, id| c.pause(id)),
        ("resume", "Resume a paused campaign", "/resume", false, |c, id| c.resume(id)),
        ("cancel", "Cancel a campaign", "/cancel", true, |c, id| c.cancel(id)),
    ];
    for (name, about, suffix, destructive, action) in simple {
        let mut cmd = Command::new(name).about(about).arg(campaign_id_arg()).arg(dry_run_arg());
        if destructive {
            cmd = cmd.arg(yes_arg());
        }
        reg.add(&["comm", "campaigns", name], cmd, &format!("konigle comm campaigns {name} camp_1"), move |m, ctx| {
            if destructive
                && !dry_run(m)
                && !ctx.confirm(&format!("Cancel campaign {}?", crud::id(m)), m.get_flag("yes"))?
            {
                ctx.out.say("Not cancelled.");
                return Ok(());
            }
            campaign_action(ctx, m, suffix, Body::None, action)
        });
    }

    const SCHEDULE: &[Opt] = &[Opt::text("scheduled-at", "scheduled_at", "Start time, ISO 8601 (now when omitted)")];
    let cmd = opts::add_all(
        Command::new("schedule").about("Schedule a campaign").arg(campaign_id_arg()).arg(dry_run_arg()),
        SCHEDULE,
    );
    reg.add(
        &["comm", "campaigns", "schedule"],
        cmd,
        "konigle comm campaigns schedule camp_1 --scheduled-at 2026-01-31T09:00:00Z",
        |m, ctx| {
            let at: Option<Timestamp> = opts::collect(SCHEDULE, m)?.get("scheduled_at")?;
            let body = CampaignSchedule::builder().maybe_scheduled_at(at).build().into_body()?;
            campaign_action(ctx, m, "/schedule", body, |c, id| c.schedule(id, at))
        },
    );

    const LTV: &[Opt] = &[
        Opt::text("contact-email", "contact_email", "Email of the contact who bought"),
        Opt::new("value", "value", Kind::Dec, "Amount to add").required(),
        Opt::text("currency", "currency", "Currency code, e.g. USD").required(),
    ];
    let cmd = opts::add_all(
        Command::new("add-ltv")
            .about("Add lifetime value earned by a campaign")
            .arg(campaign_id_arg())
            .arg(dry_run_arg()),
        LTV,
    );
    reg.add(
        &["comm", "campaigns", "add-ltv"],
        cmd,
        "konigle comm campaigns add-ltv camp_1 --value 49.90 --currency USD",
        |m, ctx| {
            let v = opts::collect(LTV, m)?;
            let data = CampaignAddLtv::builder()
                .value(v.req("value")?)
                .currency(v.req::<String>("currency")?)
                .maybe_contact_email(v.str("contact_email"))
                .build();
            let body = data.clone().into_body()?;
            campaign_action(ctx, m, "/add-ltv", body, move |c, id| c.add_ltv(id, data))
        },
    );

    const NEW_EMAIL: &[Opt] = campaign_opts![
        Opt::text("name", "campaign_name", "Campaign name").short('n').required(),
        Opt::text("email-channel", "email_channel", "Id of the email channel").required(),
        Opt::new("tag", "contact_tags", Kind::Many, "A contact tag of the audience (repeatable)").required(),
        Opt::text("subject", "subject", "Subject line").short('s').required(),
        Opt::text("body-html", "body_html", "HTML body").required(),
        Opt::text("body-text", "body_text", "Plain text body"),
        Opt::text("description", "description", "Description").short('d'),
        Opt::text("audience-name", "audience_name", "Name of the new audience (default: the campaign name)"),
        Opt::text("template-name", "template_name", "Name of the new template (default: the campaign name)"),
    ];
    let cmd = opts::add_all(
        Command::new("new-email-campaign")
            .about("Create an email campaign with its audience and template in one call")
            .arg(dry_run_arg()),
        NEW_EMAIL,
    );
    reg.add(
        &["comm", "campaigns", "new-email-campaign"],
        cmd,
        "konigle comm campaigns new-email-campaign -n Launch --email-channel ch_1 --tag vip -s Hello --body-html '<p>Hi</p>'",
        |m, ctx| {
            let v = opts::collect(NEW_EMAIL, m)?;
            let mut data = CampaignCreateEmail::builder()
                .campaign_name(v.req::<String>("campaign_name")?)
                .email_channel(v.req::<String>("email_channel")?)
                .contact_tags(v.get::<Vec<String>>("contact_tags")?.unwrap_or_default())
                .subject(v.req::<String>("subject")?)
                .body_html(v.req::<String>("body_html")?)
                .build();
            macro_rules! set {
                ($($f:ident),*) => {$( if let Some(x) = v.get(stringify!($f))? { data.$f = Some(x); } )*};
            }
            set!(body_text, description, utm_code, from_email, from_name, reply_to_email, reply_to_name, audience_name, template_name);
            data.scheduled_at = v.get("scheduled_at")?;
            data.execution_duration_minutes = v.get("execution_duration_minutes")?;
            if dry_run(m) {
                return ctx.describe(&collection_request::<Campaign>(Method::Post).suffix("/new-email-campaign").body(data.into_body()?));
            }
            let campaign = ctx.client()?.campaigns().new_email_campaign(data)?;
            ctx.out.say(format!("Created campaign {}", campaign.id));
            ctx.out.print_one(&to_json(&campaign)?)
        },
    );

    let cmd = Command::new("send-test-email")
        .about("Send a campaign's email to one address")
        .arg(campaign_id_arg())
        .arg(Arg::new("email").long("email").short('e').required(true).help("Address to send the test to"))
        .arg(dry_run_arg());
    reg.add(
        &["comm", "campaigns", "send-test-email"],
        cmd,
        "konigle comm campaigns send-test-email camp_1 -e me@example.com",
        |m, ctx| {
            let id = crud::id(m);
            let email = m.get_one::<String>("email").cloned().unwrap_or_default();
            if dry_run(m) {
                let body = CampaignTestEmail::builder().email_address(email.clone()).build().into_body()?;
                return ctx
                    .describe(&detail_request::<Campaign>(Method::Post, &id)?.suffix("/send-test-email").body(body));
            }
            let answer = ctx.client()?.campaigns().send_test_email(&id, &email)?;
            ctx.out.say(format!("Sent a test of campaign {id} to {email}"));
            ctx.out.print_one(&to_json(&answer)?)
        },
    );
}

// ---- contacts ----

impl CliResource for Contacts {
    const GROUP: &'static [&'static str] = &["comm", "contacts"];
    const NOUN: &'static str = "contact";
    const ID: &'static str = "CONTACT_ID";
    const EXAMPLE_ID: &'static str = "con_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("EMAIL", "email"),
        ("FIRST NAME", "first_name"),
        ("LAST NAME", "last_name"),
        ("SOURCE", "source"),
        ("TAGS", "tags"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in email").short('q'),
        Opt::text("source", "source", "Source").choices(&["purchase", "lead", "migration", "unknown"]),
        TAGS_FILTER,
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.contacts()
    }
    fn filters(v: &Values) -> CliResult<ContactFilters> {
        let mut f = ContactFilters::default();
        f.q = v.get("q")?;
        f.source = v.get("source")?;
        f.tags = v.get("tags")?;
        Ok(f)
    }
}

/// The contact fields of both create and update.
macro_rules! contact_opts {
    ($email:expr, $source:expr) => {
        &[
            $email,
            Opt::text("first-name", "first_name", "First name"),
            Opt::text("last-name", "last_name", "Last name"),
            Opt::text("phone", "phone", "Phone number"),
            Opt::text("whatsapp", "whatsapp", "WhatsApp number"),
            Opt::text("country", "country", "Country"),
            $source,
            Opt::new("tag", "tags", Kind::Many, "A tag (repeatable)"),
            Opt::new(
                "email-consent",
                "marketing_consent.email",
                Kind::Toggle,
                "Email marketing consent (--no-email-consent: none)",
            ),
            Opt::new(
                "sms-consent",
                "marketing_consent.sms",
                Kind::Toggle,
                "SMS marketing consent (--no-sms-consent: none)",
            ),
            Opt::new(
                "whatsapp-consent",
                "marketing_consent.whatsapp",
                Kind::Toggle,
                "WhatsApp marketing consent (--no-whatsapp-consent: none)",
            ),
        ]
    };
}

const SOURCES: &[&str] = &["purchase", "lead", "migration", "unknown"];

impl CliCreate for Contacts {
    const CREATE: &'static [Opt] = contact_opts!(
        Opt::text("email", "email", "Email address").short('e').required(),
        Opt::text("source", "source", "How the contact was acquired").default("unknown").choices(SOURCES)
    );
    fn create_payload(mut v: Values) -> CliResult<ContactCreate> {
        // Consent defaults to yes on every channel, as the API documents.
        let consent = v.take("marketing_consent").unwrap_or_else(|| json!({}));
        let mut full = json!({"email": true, "sms": true, "whatsapp": true});
        if let (Some(full), Some(given)) = (full.as_object_mut(), consent.as_object()) {
            full.extend(given.clone());
        }
        v.0.insert("marketing_consent".into(), full);
        v.into_payload()
    }
}

impl CliUpdate for Contacts {
    const UPDATE: &'static [Opt] = contact_opts!(
        Opt::text("email", "email", "New email address").short('e'),
        Opt::text("source", "source", "New source").choices(SOURCES)
    );
    fn update_payload(v: Values) -> CliResult<ContactUpdate> {
        v.into_payload()
    }
}

fn contacts_special(reg: &mut Registry) {
    const LTV: &[Opt] = &[
        Opt::text("email", "email", "Email of the contact").short('e').required(),
        Opt::new("value", "value", Kind::Dec, "Amount to add").required(),
        Opt::text("currency", "currency", "Currency code, e.g. USD").required(),
    ];
    let cmd =
        opts::add_all(Command::new("update-ltv").about("Add to a contact's lifetime value").arg(dry_run_arg()), LTV);
    reg.add(
        &["comm", "contacts", "update-ltv"],
        cmd,
        "konigle comm contacts update-ltv -e ana@example.com --value 25 --currency USD",
        |m, ctx| {
            let v = opts::collect(LTV, m)?;
            let data = ContactUpdateLtv::builder()
                .email(v.req::<String>("email")?)
                .value(v.req("value")?)
                .currency(v.req::<String>("currency")?)
                .build();
            if dry_run(m) {
                return ctx.describe(
                    &collection_request::<Contact>(Method::Post).suffix("/update-ltv").body(data.into_body()?),
                );
            }
            ctx.out.print_one(&to_json(&ctx.client()?.contacts().update_ltv(data)?)?)
        },
    );
}

// ---- email accounts ----

impl CliResource for EmailAccounts {
    const GROUP: &'static [&'static str] = &["comm", "email", "accounts"];
    const NOUN: &'static str = "email account";
    const ID: &'static str = "ACCOUNT_ID";
    const EXAMPLE_ID: &'static str = "acc_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("FROM", "default_from_email"),
        ("REPLY TO", "default_reply_to_email"),
        ("ACTIVE", "is_active"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.email_accounts()
    }
    fn filters(_: &Values) -> CliResult<EmailAccountFilters> {
        Ok(EmailAccountFilters::default())
    }
}

macro_rules! account_opts {
    ($name:expr) => {
        &[
            $name,
            Opt::text("from-email", "default_from_email", "Default sender address"),
            Opt::text("from-name", "default_from_name", "Default sender name"),
            Opt::text("reply-to-email", "default_reply_to_email", "Default reply-to address"),
            Opt::text("reply-to-name", "default_reply_to_name", "Default reply-to name"),
        ]
    };
}

impl CliCreate for EmailAccounts {
    const CREATE: &'static [Opt] = account_opts!(Opt::text("name", "name", "Account name").short('n').required());
    fn create_payload(v: Values) -> CliResult<EmailAccountCreate> {
        Ok(EmailAccountCreate::builder()
            .name(v.req::<String>("name")?)
            .maybe_default_from_email(v.str("default_from_email"))
            .maybe_default_from_name(v.str("default_from_name"))
            .maybe_default_reply_to_email(v.str("default_reply_to_email"))
            .maybe_default_reply_to_name(v.str("default_reply_to_name"))
            .build())
    }
}

impl CliUpdate for EmailAccounts {
    const UPDATE: &'static [Opt] = account_opts!(Opt::text("name", "name", "New account name").short('n'));
    fn update_payload(v: Values) -> CliResult<EmailAccountUpdate> {
        v.into_payload()
    }
}

fn accounts_special(reg: &mut Registry) {
    const SETUP: &[Opt] = &[
        Opt::text("name", "account_name", "Account name").required(),
        Opt::text("from-email", "default_from_email", "Default sender address").required(),
        Opt::text("reply-to-email", "default_reply_to_email", "Default reply-to address"),
        Opt::text("identity-value", "identity_value", "Domain or address to verify").required(),
    ];
    let cmd = opts::add_all(
        Command::new("setup").about("Set up an account, its channels and identity in one call").arg(dry_run_arg()),
        SETUP,
    );
    reg.add(
        &["comm", "email", "accounts", "setup"],
        cmd,
        "konigle comm email accounts setup --name Shop --from-email hi@shop.com --identity-value shop.com",
        |m, ctx| {
            let v = opts::collect(SETUP, m)?;
            let data = EmailAccountSetup::builder()
                .account_name(v.req::<String>("account_name")?)
                .default_from_email(v.req::<String>("default_from_email")?)
                .identity_value(v.req::<String>("identity_value")?)
                .maybe_default_reply_to_email(v.str("default_reply_to_email"))
                .build();
            if dry_run(m) {
                return ctx.describe(
                    &collection_request::<EmailAccount>(Method::Post).suffix("/setup").body(data.into_body()?),
                );
            }
            ctx.out.print_one(&to_json(&ctx.client()?.email_accounts().setup(data)?)?)
        },
    );
    let cmd = Command::new("check-status").about("Check the sending account's status").arg(dry_run_arg());
    reg.add(
        &["comm", "email", "accounts", "check-status"],
        cmd,
        "konigle comm email accounts check-status",
        |m, ctx| {
            if dry_run(m) {
                return ctx.describe(&collection_request::<EmailAccount>(Method::Post).suffix("/check-status"));
            }
            ctx.out.print_one(&to_json(&ctx.client()?.email_accounts().check_status()?)?)
        },
    );
}

// ---- email channels ----

impl CliResource for EmailChannels {
    const GROUP: &'static [&'static str] = &["comm", "email", "channels"];
    const NOUN: &'static str = "email channel";
    const ID: &'static str = "CHANNEL_ID";
    const EXAMPLE_ID: &'static str = "ch_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("CODE", "code"),
        ("TYPE", "channel_type"),
        ("STATUS", "status"),
        ("TRACKING", "enable_engagement_tracking"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in code and type").short('q'),
        Opt::text("type", "channel_type", "Channel type: transactional, marketing or broadcast"),
        Opt::text("status", "status", "Status"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.email_channels()
    }
    fn filters(v: &Values) -> CliResult<EmailChannelFilters> {
        let mut f = EmailChannelFilters::default();
        f.q = v.get("q")?;
        f.channel_type = v.get("channel_type")?;
        f.status = v.get("status")?;
        Ok(f)
    }
}

impl CliCreate for EmailChannels {
    const CREATE: &'static [Opt] = &[
        Opt::text("code", "code", "Channel code").short('c').required(),
        Opt::text("type", "channel_type", "Channel type").short('t').required().choices(&[
            "transactional",
            "marketing",
            "broadcast",
        ]),
    ];
    fn create_payload(v: Values) -> CliResult<EmailChannelCreate> {
        Ok(EmailChannelCreate::builder().code(v.req::<String>("code")?).channel_type(v.req("channel_type")?).build())
    }
}

impl CliUpdate for EmailChannels {
    const UPDATE: &'static [Opt] = &[Opt::text("code", "code", "New channel code").short('c')];
    fn update_payload(v: Values) -> CliResult<EmailChannelUpdate> {
        v.into_payload()
    }
}

fn channels_special(reg: &mut Registry) {
    let cmd = Command::new("set-engagement-tracking")
        .about("Turn open and click tracking on or off")
        .arg(Arg::new("id").value_name("CHANNEL_ID").required(true).help("Id of the channel"))
        .arg(dry_run_arg())
        .arg(
            Arg::new("enable")
                .long("enable")
                .action(clap::ArgAction::SetTrue)
                .overrides_with("disable")
                .help("Track opens and clicks (the default)"),
        )
        .arg(
            Arg::new("disable")
                .long("disable")
                .action(clap::ArgAction::SetTrue)
                .overrides_with("enable")
                .help("Stop tracking"),
        );
    reg.add(
        &["comm", "email", "channels", "set-engagement-tracking"],
        cmd,
        "konigle comm email channels set-engagement-tracking ch_1 --disable",
        |m, ctx| {
            let id = crud::id(m);
            let enable = !m.get_flag("disable");
            if dry_run(m) {
                let body = Body::json(&json!({ "enable": enable }))?;
                return ctx.describe(
                    &detail_request::<EmailChannel>(Method::Post, &id)?.suffix("/set-engagement-tracking").body(body),
                );
            }
            ctx.out.print_one(&to_json(&ctx.client()?.email_channels().set_engagement_tracking(&id, enable)?)?)
        },
    );
}

// ---- email identities ----

impl CliResource for EmailIdentities {
    const GROUP: &'static [&'static str] = &["comm", "email", "identities"];
    const NOUN: &'static str = "email identity";
    const ID: &'static str = "IDENTITY_ID";
    const EXAMPLE_ID: &'static str = "id_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("VALUE", "identity_value"),
        ("TYPE", "identity_type"),
        ("VERIFIED", "verified"),
        ("MAIL FROM", "mail_from_domain"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in the identity value").short('q'),
        Opt::text("type", "identity_type", "Identity type: domain or email"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.email_identities()
    }
    fn filters(v: &Values) -> CliResult<EmailIdentityFilters> {
        let mut f = EmailIdentityFilters::default();
        f.q = v.get("q")?;
        f.identity_type = v.get("identity_type")?;
        Ok(f)
    }
}

impl CliCreate for EmailIdentities {
    const CREATE: &'static [Opt] =
        &[Opt::text("value", "identity_value", "Domain or email address").short('v').required()];
    fn create_payload(v: Values) -> CliResult<EmailIdentityCreate> {
        Ok(EmailIdentityCreate::builder().identity_value(v.req::<String>("identity_value")?).build())
    }
}

impl CliUpdate for EmailIdentities {
    const UPDATE: &'static [Opt] = &[Opt::new(
        "use-custom-mail-from",
        "use_custom_mail_from",
        Kind::Toggle,
        "Use the custom MAIL FROM domain (--no-use-custom-mail-from: not)",
    )
    .no_alias("no-custom-mail-from")];
    fn update_payload(v: Values) -> CliResult<EmailIdentityUpdate> {
        v.into_payload()
    }
}

fn identities_special(reg: &mut Registry) {
    let id_arg = || Arg::new("id").value_name("IDENTITY_ID").required(true).help("Id of the identity");
    let cmd = Command::new("check-status").about("Check an identity's verification").arg(id_arg()).arg(dry_run_arg());
    reg.add(
        &["comm", "email", "identities", "check-status"],
        cmd,
        "konigle comm email identities check-status id_1",
        |m, ctx| {
            let id = crud::id(m);
            if dry_run(m) {
                return ctx.describe(&detail_request::<EmailIdentity>(Method::Post, &id)?.suffix("/check-status"));
            }
            ctx.out.print_one(&to_json(&ctx.client()?.email_identities().check_verification_status(&id)?)?)
        },
    );
    let cmd = Command::new("setup-mail-from")
        .about("Set up a custom MAIL FROM domain")
        .arg(id_arg())
        .arg(
            Arg::new("domain")
                .value_name("MAIL_FROM_DOMAIN")
                .required(true)
                .help("The MAIL FROM domain, e.g. mail.shop.com"),
        )
        .arg(dry_run_arg());
    reg.add(
        &["comm", "email", "identities", "setup-mail-from"],
        cmd,
        "konigle comm email identities setup-mail-from id_1 mail.shop.com",
        |m, ctx| {
            let id = crud::id(m);
            let domain = m.get_one::<String>("domain").cloned().unwrap_or_default();
            if dry_run(m) {
                let body = Body::json(&json!({ "mail_from_domain": domain }))?;
                return ctx.describe(
                    &detail_request::<EmailIdentity>(Method::Post, &id)?.suffix("/setup-custom-mail-from").body(body),
                );
            }
            ctx.out.print_one(&to_json(&ctx.client()?.email_identities().setup_custom_mail_from(&id, &domain)?)?)
        },
    );
}

// ---- email templates ----

impl CliResource for EmailTemplates {
    const GROUP: &'static [&'static str] = &["comm", "email", "templates"];
    const NOUN: &'static str = "email template";
    const ID: &'static str = "TEMPLATE_ID";
    const EXAMPLE_ID: &'static str = "tpl_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("CODE", "code"),
        ("SUBJECT", "subject"),
        ("BASE", "is_base"),
        ("TAGS", "tags"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in name, code and tags").short('q'),
        TAGS_FILTER,
        Opt::new("is-base", "is_base", Kind::Bool, "Only base templates (true) or only others (false)"),
        Opt::text("ordering", "ordering", "Ordering field, e.g. -created_at"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.email_templates()
    }
    fn filters(v: &Values) -> CliResult<EmailTemplateFilters> {
        let mut f = EmailTemplateFilters::default();
        f.q = v.get("q")?;
        f.tags = v.get("tags")?;
        f.is_base = v.get("is_base")?;
        f.ordering = v.get("ordering")?;
        Ok(f)
    }
}

impl CliCreate for EmailTemplates {
    const CREATE: &'static [Opt] = &[
        Opt::text("name", "name", "Name").short('n').required(),
        Opt::text("code", "code", "Code").short('c').required(),
        Opt::text("subject", "subject", "Subject template").short('s').required(),
        Opt::text("body-html", "body_html", "HTML body template").required(),
        Opt::text("body-text", "body_text", "Plain text body template"),
        Opt::new("tag", "tags", Kind::Many, "A tag (repeatable)"),
        Opt::new("is-base", "is_base", Kind::Flag, "Make it the account's base template"),
    ];
    fn create_payload(v: Values) -> CliResult<EmailTemplateCreate> {
        Ok(EmailTemplateCreate::builder()
            .name(v.req::<String>("name")?)
            .code(v.req::<String>("code")?)
            .subject(v.req::<String>("subject")?)
            .body_html(v.req::<String>("body_html")?)
            .maybe_body_text(v.str("body_text"))
            .tags(v.get::<Vec<String>>("tags")?.unwrap_or_default())
            .is_base(v.get("is_base")?.unwrap_or(false))
            .build())
    }
}

impl CliUpdate for EmailTemplates {
    const UPDATE: &'static [Opt] = &[
        Opt::text("name", "name", "New name").short('n'),
        Opt::text("code", "code", "New code").short('c'),
        Opt::text("subject", "subject", "New subject template").short('s'),
        Opt::text("body-html", "body_html", "New HTML body template"),
        Opt::text("body-text", "body_text", "New plain text body template"),
        Opt::new("tag", "tags", Kind::Many, "Replace the tags (repeatable)"),
        Opt::new("is-base", "is_base", Kind::Toggle, "Make it the base template (--no-is-base: not)"),
    ];
    fn update_payload(v: Values) -> CliResult<EmailTemplateUpdate> {
        v.into_payload()
    }
}

// ---- sending ----

fn email_send(reg: &mut Registry) {
    const OPTS: &[Opt] = &[
        Opt::new("to", "", Kind::Many, "A recipient (repeatable)").required(),
        Opt::text("subject", "", "Subject").short('s').required(),
        Opt::text("body-html", "", "HTML body").required(),
        Opt::text("body-text", "", "Plain text body"),
        Opt::text("from-email", "", "Sender address (default: the account's)"),
        Opt::text("reply-to-email", "", "Reply-to address"),
        Opt::text("channel", "", "Code of the channel to send through").short('c').required(),
        Opt::text("category", "", "Notification category code"),
        Opt::new("attachment", "", Kind::Many, "A file to attach (repeatable, at most 10)"),
        Opt::new("save-as-template", "", Kind::Flag, "Also save the email as a template"),
        Opt::new("header", "", Kind::Many, "A custom header, `Name: value` (repeatable)"),
    ];
    let cmd = opts::add_all(Command::new("send").about("Send a transactional email").arg(dry_run_arg()), OPTS);
    reg.add(
        &["comm", "email", "send"],
        cmd,
        "konigle comm email send --to ana@example.com -s \"Your order\" --body-html '<p>Thanks!</p>' -c transactional",
        |m, ctx| {
            let s = |id: &str| m.get_one::<String>(id).cloned();
            let many = |id: &str| m.get_many::<String>(id).map(|v| v.cloned().collect::<Vec<_>>()).unwrap_or_default();
            let files: Vec<FileInput> = many("attachment").iter().map(|file| file_input(file)).collect();
            let mut headers = Vec::new();
            for header in many("header") {
                let (name, value) = header
                    .split_once(':')
                    .ok_or_else(|| CliError::usage(format!("--header `{header}`: expected `Name: value`")))?;
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
            let email = Email::builder()
                .to_email(many("to"))
                .subject(s("subject").unwrap_or_default())
                .body_html(s("body-html").unwrap_or_default())
                .channel(s("channel").unwrap_or_default())
                .maybe_body_text(s("body-text"))
                .maybe_from_email(s("from-email"))
                .maybe_reply_to_email(s("reply-to-email"))
                .maybe_category(s("category"))
                .maybe_attachments((!files.is_empty()).then_some(files))
                .save_as_template(m.get_flag("save-as-template"))
                .maybe_headers((!headers.is_empty()).then_some(headers))
                .build();
            if dry_run(m) {
                return ctx.describe(&Request::new(Method::Post, SEND_EMAIL_PATH).body(email.into_body()?));
            }
            let answer = ctx.client()?.emails().send(email)?;
            ctx.out.say("Email sent.");
            ctx.out.print_one(&to_json(&answer)?)
        },
    );
}

/// Registers the `comm` commands.
pub fn register(reg: &mut Registry) {
    reg.group(&["comm"], "Marketing and email: audiences, campaigns, contacts, email");
    reg.group(&["comm", "audiences"], "Audiences: segments of contacts selected by tags");
    crud::create::<Audiences>(reg, "--name Newsletter --tag newsletter --tag engaged");
    crud::read_update_delete::<Audiences>(reg, "--description \"Everyone who subscribed\"");

    reg.group(&["comm", "campaigns"], "Campaigns: create, schedule and run them");
    crud::create::<Campaigns>(reg, "-n Launch -a aud_1 --email-channel ch_1 --email-template tpl_1");
    crud::read_update_delete::<Campaigns>(reg, "--name \"Spring launch\"");
    campaigns_special(reg);

    reg.group(&["comm", "contacts"], "Contacts and their marketing consent");
    crud::create::<Contacts>(reg, "-e ana@example.com --first-name Ana --tag vip --no-sms-consent");
    crud::read_update_delete::<Contacts>(reg, "--tag vip --tag returning");
    contacts_special(reg);

    reg.group(&["comm", "email"], "Email: accounts, channels, identities, templates, sending");
    reg.group(&["comm", "email", "accounts"], "Sending accounts");
    crud::create::<EmailAccounts>(reg, "-n Shop --from-email hi@shop.com");
    crud::read_update_delete::<EmailAccounts>(reg, "--from-name \"Shop team\"");
    accounts_special(reg);

    reg.group(&["comm", "email", "channels"], "Sending channels");
    crud::create::<EmailChannels>(reg, "-c transactional -t transactional");
    crud::read_update_delete::<EmailChannels>(reg, "--code receipts");
    channels_special(reg);

    reg.group(&["comm", "email", "identities"], "Verified domains and addresses");
    crud::create::<EmailIdentities>(reg, "-v shop.com");
    crud::read_update_delete::<EmailIdentities>(reg, "--use-custom-mail-from");
    identities_special(reg);

    reg.group(&["comm", "email", "templates"], "Email templates");
    crud::create::<EmailTemplates>(reg, "-n Welcome -c welcome -s \"Welcome!\" --body-html '<p>Hi</p>'");
    crud::read_update_delete::<EmailTemplates>(reg, "--subject \"Welcome aboard\"");
    email_send(reg);
}
