//! Audiences, campaigns and contacts.

use super::*;
use konigle_core::filters::{AudienceFilters, CampaignFilters, ContactFilters};
use konigle_core::models::{
    AudienceCreate, AudienceUpdate, CampaignAddLtv, CampaignChannelType, CampaignCreate, CampaignCreateEmail,
    CampaignStatus, CampaignUpdate, ContactCreate, ContactSource, ContactUpdate, ContactUpdateLtv, MarketingConsent,
};

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    (
        "campaigns.create.extra_field",
        "payloads are structs: CampaignCreate has no `status` field, so it does not compile",
    ),
    ("campaigns.list.filters_and_kwargs", "filters are one typed struct; there are no separate keyword filters to mix"),
    ("campaigns.list.unknown_filter", "filters are typed: CampaignFilters has no `name` field, so it does not compile"),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[
    (
        "campaigns.add_ltv",
        "campaigns.add_ltv.constructed",
        "the reference crashes (TypeError: Decimal not JSON serializable); the SDK sends the amount as a string",
    ),
    (
        "campaigns.add_ltv.minimal",
        "campaigns.add_ltv.constructed",
        "the reference crashes (TypeError: Decimal not JSON serializable); the body without contact_email is \
         checked by the add_ltv unit tests of konigle-core",
    ),
    (
        "contacts.update_ltv",
        "contacts.update_ltv.constructed",
        "the reference crashes (TypeError: Decimal not JSON serializable); the SDK sends the amount as a string",
    ),
];

fn ts(s: &str) -> konigle_core::Timestamp {
    s.parse().expect("fixture timestamp")
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn ltv_for_campaign() -> CampaignAddLtv {
    CampaignAddLtv::builder().value(Decimal::new(9999, 2)).currency("USD").contact_email("customer@example.com").build()
}

fn ltv_for_contact() -> ContactUpdateLtv {
    ContactUpdateLtv::builder().email("customer@example.com").value(Decimal::new(14999, 2)).currency("USD").build()
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let _ = ctx;
    if name.starts_with("audiences.") {
        return audiences(name, c).await;
    }
    if name.starts_with("campaigns.") {
        return campaigns(name, c).await;
    }
    if name.starts_with("contacts.") {
        return contacts(name, c).await;
    }
    None
}

#[facade]
async fn audiences(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.audiences();
    Some(match name {
        "audiences.create.bad_code" => {
            ok(m.create(AudienceCreate::builder().name("X").tags(["x"]).code("Not A Slug").build()).await)
        }
        "audiences.create.dict" => {
            // A dict carries only the fields it names: no blank description.
            let mut data = AudienceCreate::builder().name("Dict Audience").tags(["x"]).build();
            data.description = None;
            ok(m.create(data).await)
        }
        "audiences.create.full" => {
            let data = AudienceCreate::builder()
                .name("Newsletter Subscribers")
                .tags(["newsletter", "engaged"])
                .code("newsletter-subscribers")
                .description("All contacts who subscribed")
                .build();
            ok(m.create(data).await)
        }
        "audiences.create.minimal" => ok(m.create(AudienceCreate::builder().name("VIP").tags(["vip"]).build()).await),
        "audiences.delete" => unit(m.delete("aud_1").await),
        "audiences.get" => ok(m.get("aud_1").await),
        "audiences.iter_all" => {
            let params = ListParams::with_filters(AudienceFilters::builder().maybe_tags(some("newsletter")).build());
            ok(collect(m.iter_all(&params)).await)
        }
        "audiences.list.filters_kwargs" => {
            let f = AudienceFilters::builder().maybe_q(some("subscribers")).maybe_tags(some("engaged")).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "audiences.list.filters_object" => {
            let f = AudienceFilters::builder().maybe_q(some("news")).maybe_tags(some("newsletter,vip")).build();
            ok(m.list(&ListParams::new().page(2).page_size(10).filters(f)).await)
        }
        "audiences.list" => ok(m.list(&ListParams::new()).await),
        "audiences.list.paged" => ok(m.list(&ListParams::new().page(3).page_size(5)).await),
        "audiences.update.dict" => {
            let data = AudienceUpdate::builder().description("Only description").tags(Vec::<String>::new()).build();
            ok(m.update("aud_1", data).await)
        }
        "audiences.update.model" => {
            let data = AudienceUpdate::builder()
                .name("Renamed")
                .code("renamed-audience")
                .description("New desc")
                .tags(["a", "b"])
                .build();
            ok(m.update("aud_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn campaigns(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.campaigns();
    Some(match name {
        "campaigns.active_record" => {
            let mut cmp = match m.get("cmp_1").await {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            cmp.name = "Renamed via save".into();
            cmp.execution_duration_minutes = Some(30);
            let dirty = cmp.dirty_fields();
            if let Err(e) = cmp.save().await {
                return Some(Err(e));
            }
            if let Err(e) = cmp.reload().await {
                return Some(Err(e));
            }
            let campaign = val(&cmp);
            match cmp.delete().await {
                Ok(()) => Ok(json!({"dirty": val(&dirty), "campaign": campaign, "deleted": true})),
                Err(e) => Err(e),
            }
        }
        "campaigns.active_record.save_datetime" => {
            let mut cmp = match m.get("cmp_1").await {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            cmp.scheduled_at = Some(ts("2024-12-24T08:00:00Z"));
            match cmp.save().await {
                Ok(saved) => Ok(val(&*saved)),
                Err(e) => Err(e),
            }
        }
        "campaigns.add_ltv.bad_email" => {
            let data = CampaignAddLtv::builder()
                .value(Decimal::new(500, 2))
                .currency("USD")
                .contact_email("not-an-email")
                .build();
            ok(m.add_ltv("cmp_1", data).await)
        }
        "campaigns.add_ltv.bad_value" => {
            ok(m.add_ltv("cmp_1", CampaignAddLtv::builder().value(Decimal::ZERO).currency("USD").build()).await)
        }
        "campaigns.add_ltv" | "campaigns.add_ltv.constructed" | "campaigns.add_ltv.minimal" => {
            ok(m.add_ltv("cmp_1", ltv_for_campaign()).await)
        }
        "campaigns.cancel" => ok(m.cancel("cmp_1").await),
        "campaigns.create.bad_duration" => ok(m
            .create(CampaignCreate::builder().name("X").audience("aud_1").execution_duration_minutes(0).build())
            .await),
        "campaigns.create.full" => {
            let data = CampaignCreate::builder()
                .name("Summer Sale 2024")
                .audience("aud_1")
                .email_channel("ch_1")
                .email_template("tpl_1")
                .description("Promotional campaign")
                .scheduled_at(ts("2024-07-01T09:30:00Z"))
                .execution_duration_minutes(60)
                .from_email("marketing@example.com")
                .from_name("Example Marketing")
                .reply_to_email("reply@example.com")
                .reply_to_name("Example Replies")
                .utm_code("summer-sale-2024")
                .build();
            ok(m.create(data).await)
        }
        "campaigns.create.minimal" => {
            ok(m.create(CampaignCreate::builder().name("Minimal").audience("aud_1").build()).await)
        }
        "campaigns.delete" => unit(m.delete("cmp_1").await),
        "campaigns.get" | "campaigns.get.detail_with_execution" => ok(m.get("cmp_1").await),
        "campaigns.iter_all" => {
            let f = CampaignFilters::builder().status(CampaignStatus::Completed).build();
            ok(collect(m.iter_all(&ListParams::new().page_size(50).filters(f))).await)
        }
        "campaigns.list.bad_filter_value" => {
            let f = CampaignFilters::builder().status(CampaignStatus::from("bogus")).build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "campaigns.list.filters_kwargs" => {
            let f = CampaignFilters::builder()
                .maybe_q(some("sale"))
                .status(CampaignStatus::Draft)
                .channel_type(CampaignChannelType::Email)
                .maybe_audience(some("vip"))
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "campaigns.list.filters_object" => {
            let f = CampaignFilters::builder()
                .maybe_q(some("summer"))
                .status(CampaignStatus::Running)
                .channel_type(CampaignChannelType::Email)
                .maybe_audience(some("newsletter-subscribers"))
                .build();
            ok(m.list(&ListParams::new().page(2).page_size(10).filters(f)).await)
        }
        "campaigns.list" => ok(m.list(&ListParams::new()).await),
        "campaigns.list.page_size_too_big" => ok(m.list(&ListParams::new().page_size(201)).await),
        "campaigns.list.page_zero" => ok(m.list(&ListParams::new().page(0)).await),
        "campaigns.list.paged" => ok(m.list(&ListParams::new().page(3).page_size(5)).await),
        "campaigns.load_detail" => {
            let page = match m.list(&ListParams::new()).await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            let Some(mut item) = page.items.into_iter().next() else { return Some(Ok(Value::Null)) };
            let before = item.is_detail_loaded();
            if let Err(e) = item.load_detail().await {
                return Some(Err(e));
            }
            Ok(json!({"before": before, "after": item.is_detail_loaded(), "item": val(&item)}))
        }
        "campaigns.new_email_campaign" => {
            let data = CampaignCreateEmail::builder()
                .campaign_name("Summer Sale 2024")
                .email_channel("marketing")
                .contact_tags(["newsletter", "vip"])
                .subject("Summer Sale - 50% Off!")
                .body_html("<h1>Limited Time Offer!</h1>")
                .body_text("Summer Sale - 50% Off!")
                .description("Hybrid create")
                .utm_code("summer-sale-2024")
                .from_email("deals@example.com")
                .from_name("Deals")
                .reply_to_email("help@example.com")
                .reply_to_name("Help Desk")
                .scheduled_at(ts("2024-07-01T09:00:00Z"))
                .execution_duration_minutes(120)
                .audience_name("Summer Audience")
                .template_name("Summer Template")
                .build();
            ok(m.new_email_campaign(data).await)
        }
        "campaigns.new_email_campaign.minimal" => {
            let data = CampaignCreateEmail::builder()
                .campaign_name("Flash")
                .email_channel("marketing")
                .contact_tags(["vip"])
                .subject("Flash sale")
                .body_html("<p>Now</p>")
                .build();
            ok(m.new_email_campaign(data).await)
        }
        "campaigns.pause" => ok(m.pause("cmp_1").await),
        "campaigns.resume" => ok(m.resume("cmp_1").await),
        "campaigns.schedule.with_time" => ok(m.schedule("cmp_1", Some(ts("2024-07-01T09:30:00Z"))).await),
        "campaigns.schedule.without_time" => ok(m.schedule("cmp_1", None).await),
        "campaigns.send_test_email" => ok(m.send_test_email("cmp_1", "tester@example.com").await),
        "campaigns.start" | "campaigns.start.invalid_status" => ok(m.start("cmp_1").await),
        "campaigns.update.dict" => {
            let data = CampaignUpdate::builder()
                .name("Dict rename")
                .scheduled_at(ts("2024-09-01T10:00:00Z"))
                .execution_duration_minutes(1)
                .build();
            ok(m.update("cmp_1", data).await)
        }
        "campaigns.update.model" => {
            let data = CampaignUpdate::builder()
                .email_channel("ch_2")
                .email_template("tpl_2")
                .audience("aud_2")
                .name("Renamed")
                .description("Desc")
                .scheduled_at(ts("2024-08-15T18:00:00Z"))
                .execution_duration_minutes(1440)
                .from_email("from@example.com")
                .from_name("From")
                .reply_to_email("reply@example.com")
                .reply_to_name("Reply")
                .utm_code("utm-x")
                .build();
            ok(m.update("cmp_1", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn contacts(name: &str, c: &Client) -> Option<Outcome> {
    let m = c.contacts();
    Some(match name {
        "contacts.active_record" => {
            let mut con = match m.get("con_1").await {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            con.tags = vec!["newsletter".into(), "vip".into()];
            con.marketing_consent = MarketingConsent::none();
            con.first_name = some("John");
            let dirty = con.dirty_fields();
            if let Err(e) = con.save().await {
                return Some(Err(e));
            }
            Ok(json!({"dirty": val(&dirty), "contact": val(&con)}))
        }
        "contacts.create.bad_email" => ok(m.create(ContactCreate::builder().email("not-an-email").build()).await),
        "contacts.create.dict" => {
            // A dict carries only the fields it names: none of the defaults.
            let mut data = ContactCreate::builder().email("dict@example.com").tags(["a"]).build();
            data.first_name = None;
            data.last_name = None;
            data.phone = None;
            data.whatsapp = None;
            data.country = None;
            data.source = None;
            data.marketing_consent = None;
            ok(m.create(data).await)
        }
        "contacts.create.duplicate" => ok(m.create(ContactCreate::builder().email("john@example.com").build()).await),
        "contacts.create.full" => {
            let data = ContactCreate::builder()
                .email("john@example.com")
                .first_name("John")
                .last_name("Doe")
                .phone("+1234567890")
                .whatsapp("+1234567891")
                .country("Singapore")
                .source(ContactSource::Lead)
                .tags(["newsletter", "webinar"])
                .marketing_consent(MarketingConsent::builder().email(true).sms(false).whatsapp(true).build())
                .build();
            ok(m.create(data).await)
        }
        "contacts.create.minimal" => ok(m.create(ContactCreate::builder().email("jane@example.com").build()).await),
        "contacts.delete" => unit(m.delete("con_1").await),
        "contacts.get" => ok(m.get("con_1").await),
        "contacts.iter_all" => ok(collect(m.iter_all(&ListParams::new())).await),
        "contacts.list.filters_kwargs" => {
            let f = ContactFilters::builder()
                .maybe_q(some("example.com"))
                .source(ContactSource::Unknown)
                .maybe_tags(some("webinar"))
                .build();
            ok(m.list(&ListParams::with_filters(f)).await)
        }
        "contacts.list.filters_object" => {
            let f = ContactFilters::builder()
                .maybe_q(some("john"))
                .source(ContactSource::Purchase)
                .maybe_tags(some("vip,newsletter"))
                .build();
            ok(m.list(&ListParams::new().page(2).page_size(10).filters(f)).await)
        }
        "contacts.list" => ok(m.list(&ListParams::new()).await),
        "contacts.list.paged" => ok(m.list(&ListParams::new().page(3).page_size(5)).await),
        "contacts.update.dict" => {
            let data = ContactUpdate::builder()
                .first_name("Dict")
                .marketing_consent(MarketingConsent::builder().email(false).build())
                .source(ContactSource::Migration)
                .build();
            ok(m.update("con_1", data).await)
        }
        "contacts.update.dict_bad_email" => {
            ok(m.update("con_1", ContactUpdate::builder().email("broken@").build()).await)
        }
        "contacts.update.model" => {
            let data = ContactUpdate::builder()
                .email("john.doe@example.com")
                .first_name("Johnny")
                .last_name("D")
                .phone("+1999")
                .whatsapp("+1888")
                .country("India")
                .source(ContactSource::Purchase)
                .tags(["vip"])
                .marketing_consent(MarketingConsent::none())
                .build();
            ok(m.update("con_1", data).await)
        }
        "contacts.update_ltv.bad_email" => ok(m
            .update_ltv(ContactUpdateLtv::builder().email("nope").value(Decimal::new(100, 2)).currency("USD").build())
            .await),
        "contacts.update_ltv" | "contacts.update_ltv.constructed" => ok(m.update_ltv(ltv_for_contact()).await),
        _ => return None,
    })
}
