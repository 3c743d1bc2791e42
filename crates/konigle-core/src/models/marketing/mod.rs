//! Marketing: contacts, audiences (tag-based segments of contacts) and
//! campaigns sent to an audience.

mod audience;
mod campaign;
mod contact;

pub use audience::*;
pub use campaign::*;
pub use contact::*;

use crate::models::payload::blank;
use serde::{Deserialize, Deserializer};

/// Default currency of lifetime values.
fn usd() -> String {
    "USD".to_string()
}

/// An optional email where the server's `""` means "not set".
fn email_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<String>::deserialize(d)?;
    Ok(v.filter(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::models::Payload;
    use crate::resource::Resource;
    use crate::{Decimal, Error};

    use crate::models::testing::json_body as body;

    fn campaign_json() -> Value {
        json!({
            "id": "cmp_1", "name": "Summer Sale", "channel_type": "email", "email_channel": "ch_1",
            "email_template": "tpl_1", "audience": "aud_1", "description": "Summer promo",
            "scheduled_at": null, "execution_duration_minutes": null, "from_email": "", "from_name": "",
            "reply_to_email": "", "reply_to_name": "", "utm_code": "summer-sale", "status": "launching",
            "ltv": "1234.50", "ltv_currency": "USD",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"
        })
    }

    #[test]
    fn unset_overrides_send_the_default_and_explicit_empty_ones_are_not_sent() {
        let v = body(CampaignCreate::builder().name("N").audience("aud_1").build());
        assert_eq!((v["from_email"].clone(), v["reply_to_email"].clone()), (json!(""), json!("")));
        let v = body(CampaignCreate::builder().name("N").audience("aud_1").from_email("").build());
        assert!(v.get("from_email").is_none(), "{v}");
        assert_eq!(v["reply_to_email"], json!(""));
        let v = body(CampaignCreate::builder().name("N").audience("a").reply_to_email("Team@EXAMPLE.com").build());
        assert_eq!(v["reply_to_email"], json!("Team@EXAMPLE.com"), "an override is sent as given");
        let data = CampaignCreateEmail::builder()
            .campaign_name("C")
            .email_channel("marketing")
            .contact_tags(["vip"])
            .subject("S")
            .body_html("<p/>")
            .from_email("")
            .build();
        let v = body(data);
        assert!(v.get("from_email").is_none() && v["reply_to_email"] == json!(""), "{v}");
    }

    #[test]
    fn add_ltv_sends_the_amount_as_a_string() {
        let ltv = |value: Decimal, currency: &str| CampaignAddLtv::builder().value(value).currency(currency);
        let v = body(ltv(Decimal::new(10, 0), "EUR").build());
        assert_eq!(v, json!({"value": "10", "currency": "EUR"}));
        let v = body(ltv(Decimal::new(9999, 2), "USD").contact_email("customer@example.com").build());
        assert_eq!(v, json!({"value": "99.99", "currency": "USD", "contact_email": "customer@example.com"}));
        let v = body(ltv(Decimal::new(1, 0), "USD").contact_email("").build());
        assert_eq!(v, json!({"value": "1", "currency": "USD"}));
        for bad in [
            ltv(Decimal::ZERO, "USD").build(),
            ltv(Decimal::new(1001, 3), "USD").build(),
            ltv(Decimal::ONE, "usd").build(),
            ltv(Decimal::ONE, "USD").contact_email("not-an-email").build(),
        ] {
            assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        }
        let v = body(
            ContactUpdateLtv::builder()
                .email("customer@example.com")
                .value(Decimal::new(14999, 2))
                .currency("USD")
                .build(),
        );
        assert_eq!(v, json!({"email": "customer@example.com", "value": "149.99", "currency": "USD"}));
    }

    #[test]
    fn campaigns_decode_blank_emails_as_none_and_keep_unknown_statuses() {
        let c: Campaign = serde_json::from_value(campaign_json()).unwrap();
        assert_eq!(c.from_email, None);
        assert_eq!(c.reply_to_email, None);
        assert_eq!(c.from_name.as_deref(), Some(""));
        assert_eq!(c.status, CampaignStatus::Other("launching".into()));
        assert_eq!(c.ltv, Some(Decimal::new(123450, 2)));
        let out = serde_json::to_value(&c).unwrap();
        assert_eq!(out["ltv"], json!("1234.50"));
        assert_eq!(out["execution"], Value::Null);
    }

    #[test]
    fn saves_send_only_updatable_fields() {
        let Value::Object(changes) = json!({"name": "New"}) else { unreachable!() };
        let sent = Campaign::save_body(changes).unwrap();
        assert_eq!(Value::Object(sent), json!({"name": "New"}));
        let changes = json!({"name": "New", "status": "running", "ltv": "5.00"});
        let Value::Object(changes) = changes else { unreachable!() };
        let Err(Error::InvalidInput { field: Some(field), message }) = Campaign::save_body(changes) else {
            panic!("a changed status is refused")
        };
        assert_eq!(field, "status, ltv");
        assert!(message.contains("`campaigns().start`") && message.contains("`campaigns().add_ltv`"), "{message}");
        let Value::Object(cleared) = json!({"from_email": null}) else { unreachable!() };
        assert!(
            matches!(Campaign::save_body(cleared), Err(Error::InvalidInput { field: Some(ref f), .. }) if f == "from_email")
        );
        let Value::Object(bad) = json!({"execution_duration_minutes": 0}) else { unreachable!() };
        assert!(Campaign::save_body(bad).is_err());
        let Value::Object(bad) = json!({"email": "broken@"}) else { unreachable!() };
        assert!(Contact::save_body(bad).is_err());
        let Value::Object(ok) = json!({"tags": ["a"]}) else { unreachable!() };
        assert_eq!(Value::Object(Contact::save_body(ok).unwrap()), json!({"tags": ["a"]}));
        let Value::Object(bad) = json!({"tags": ["a"], "ltv": "1.00"}) else { unreachable!() };
        assert!(
            matches!(Contact::save_body(bad), Err(Error::InvalidInput { ref message, .. }) if message.contains("update_ltv"))
        );
    }

    #[test]
    fn payload_defaults_match_the_api() {
        assert_eq!(
            body(CampaignCreate::builder().name("Minimal").audience("aud_1").build()),
            json!({"channel_type": "email", "audience": "aud_1", "name": "Minimal", "description": "",
                   "from_email": "", "from_name": "", "reply_to_email": "", "reply_to_name": "", "utm_code": ""})
        );
        assert_eq!(
            body(ContactCreate::builder().email("jane@example.com").build()),
            json!({"email": "jane@example.com", "first_name": "", "last_name": "", "phone": "", "whatsapp": "",
                   "country": "", "source": "unknown", "tags": [],
                   "marketing_consent": {"email": true, "sms": true, "whatsapp": true}})
        );
        assert_eq!(
            body(AudienceCreate::builder().name("VIP").tags(["vip"]).build()),
            json!({"name": "VIP", "description": "", "tags": ["vip"]})
        );
        assert!(AudienceCreate::builder().name("X").tags(["x"]).code("Not A Slug").build().into_body().is_err());
        let campaign = || CampaignCreate::builder().name("X").audience("aud_1");
        assert!(campaign().execution_duration_minutes(1441).build().into_body().is_err());
        assert!(campaign().from_email("bad").from_name("n").build().into_body().is_err());
        assert!(ContactCreate::builder().email("a@b.co").phone("1".repeat(21)).build().into_body().is_err());
        let bad_source = ContactCreate::builder().email("a@b.co").source(ContactSource::from("partner")).build();
        assert!(bad_source.into_body().is_err());
        // An empty address in an update means "not set" and is not sent.
        let v = body(CampaignUpdate::builder().from_email("").name("N").build());
        assert_eq!(v, json!({"name": "N"}));
    }

    fn new_email_campaign() -> CampaignCreateEmail {
        CampaignCreateEmail::builder()
            .campaign_name("Flash")
            .email_channel("marketing")
            .contact_tags(["vip"])
            .subject("Flash sale")
            .body_html("<p>Now</p>")
            .build()
    }

    #[test]
    fn new_email_campaign_sends_blank_defaults() {
        assert_eq!(
            body(new_email_campaign()),
            json!({"campaign_name": "Flash", "email_channel": "marketing", "contact_tags": ["vip"],
                   "subject": "Flash sale", "body_html": "<p>Now</p>", "body_text": "", "description": "",
                   "utm_code": "", "from_email": "", "from_name": "", "reply_to_email": "", "reply_to_name": "",
                   "audience_name": "", "template_name": ""})
        );
    }

    #[test]
    fn defaulted_fields_set_to_none_are_not_sent() {
        let mut contact = ContactCreate::builder().email("jane@example.com").first_name("Jane").build();
        contact.last_name = None;
        contact.phone = None;
        contact.whatsapp = None;
        contact.country = None;
        contact.source = None;
        contact.tags = None;
        contact.marketing_consent = None;
        assert_eq!(body(contact), json!({"email": "jane@example.com", "first_name": "Jane"}));

        let mut audience = AudienceCreate::builder().name("Dict").tags(["x"]).build();
        audience.description = None;
        assert_eq!(body(audience), json!({"name": "Dict", "tags": ["x"]}));

        let mut campaign = CampaignCreate::builder().name("N").audience("aud_1").build();
        campaign.description = None;
        campaign.from_name = None;
        campaign.reply_to_name = None;
        campaign.utm_code = None;
        assert_eq!(
            body(campaign.clone()),
            json!({"channel_type": "email", "audience": "aud_1", "name": "N", "from_email": "", "reply_to_email": ""})
        );
        campaign.channel_type = None;
        assert_eq!(body(campaign), json!({"audience": "aud_1", "name": "N", "from_email": "", "reply_to_email": ""}));

        let mut email = new_email_campaign();
        email.body_text = None;
        email.description = None;
        email.utm_code = None;
        email.from_name = None;
        email.reply_to_name = None;
        email.audience_name = None;
        email.template_name = None;
        assert_eq!(
            body(email),
            json!({"campaign_name": "Flash", "email_channel": "marketing", "contact_tags": ["vip"],
                   "subject": "Flash sale", "body_html": "<p>Now</p>", "from_email": "", "reply_to_email": ""})
        );
    }

    #[test]
    fn setting_a_defaulted_field_replaces_the_default() {
        let v = body(
            ContactCreate::builder()
                .email("john@example.com")
                .first_name("John")
                .last_name("Doe")
                .country("Peru")
                .source(ContactSource::Lead)
                .tags(["a", "b"])
                .marketing_consent(MarketingConsent::builder().sms(false).build())
                .build(),
        );
        assert_eq!(
            v,
            json!({"email": "john@example.com", "first_name": "John", "last_name": "Doe", "phone": "", "whatsapp": "",
                   "country": "Peru", "source": "lead", "tags": ["a", "b"],
                   "marketing_consent": {"email": true, "sms": false, "whatsapp": true}})
        );
        let v = body(CampaignCreate::builder().name("N").audience("a").description("D").utm_code("u").build());
        assert_eq!(
            (v["description"].clone(), v["utm_code"].clone(), v["from_name"].clone()),
            (json!("D"), json!("u"), json!(""))
        );
    }

    #[test]
    fn create_payloads_read_from_json_take_the_builder_defaults() {
        let read = |v: Value| serde_json::from_value::<ContactCreate>(v).unwrap();
        assert_eq!(
            read(json!({"email": "jane@example.com"})),
            ContactCreate::builder().email("jane@example.com").build()
        );
        let read = |v: Value| serde_json::from_value::<CampaignCreate>(v).unwrap();
        assert_eq!(
            read(json!({"name": "N", "audience": "aud_1"})),
            CampaignCreate::builder().name("N").audience("aud_1").build()
        );
        assert_eq!(
            read(json!({"name": "N", "audience": "aud_1", "channel_type": null})).channel_type,
            Some(CampaignChannelType::Email)
        );
        let read = |v: Value| serde_json::from_value::<AudienceCreate>(v).unwrap();
        assert_eq!(
            read(json!({"name": "VIP", "tags": ["vip"]})),
            AudienceCreate::builder().name("VIP").tags(["vip"]).build()
        );
        let read = |v: Value| serde_json::from_value::<CampaignCreateEmail>(v).unwrap();
        assert_eq!(
            read(json!({"campaign_name": "Flash", "email_channel": "marketing", "contact_tags": ["vip"],
                        "subject": "Flash sale", "body_html": "<p>Now</p>"})),
            new_email_campaign()
        );
        // An explicit `null` leaves the field out, as `None` does.
        let contact = serde_json::from_value::<ContactCreate>(json!({"email": "a@b.co", "tags": null})).unwrap();
        assert_eq!(contact.tags, None);
    }

    #[test]
    fn update_payloads_default_to_an_empty_builder() {
        assert_eq!(AudienceUpdate::default(), AudienceUpdate::builder().build());
        assert_eq!(CampaignUpdate::default(), CampaignUpdate::builder().build());
        assert_eq!(ContactUpdate::default(), ContactUpdate::builder().build());
        assert_eq!(CampaignSchedule::default(), CampaignSchedule::builder().build());
        assert_eq!(body(ContactUpdate::default()), json!({}));
        assert_eq!(body(CampaignSchedule::builder().build()), json!({}));
        assert_eq!(
            body(AudienceUpdate::builder().tags(["a", "b"]).description("d").build()),
            json!({"description": "d", "tags": ["a", "b"]})
        );
    }

    #[test]
    fn marketing_consent_defaults_to_every_channel() {
        assert_eq!(MarketingConsent::default(), MarketingConsent::builder().build());
        let all = MarketingConsent::builder().build();
        assert!(all.email && all.sms && all.whatsapp);
        let none = MarketingConsent::none();
        assert!(!none.email && !none.sms && !none.whatsapp);
        assert_eq!(
            serde_json::to_value(MarketingConsent::builder().email(false).build()).unwrap(),
            json!({"email": false, "sms": true, "whatsapp": true})
        );
    }

    #[test]
    fn schedule_and_test_email_bodies() {
        let at: crate::Timestamp = "2030-01-31T09:00:00Z".parse().unwrap();
        assert_eq!(
            body(CampaignSchedule::builder().scheduled_at(at).build()),
            json!({"scheduled_at": "2030-01-31T09:00:00Z"})
        );
        assert_eq!(
            body(CampaignTestEmail::builder().email_address("me@example.com").build()),
            json!({"email_address": "me@example.com"})
        );
        assert!(CampaignTestEmail::builder().email_address("nope").build().into_body().is_err());
    }
}
