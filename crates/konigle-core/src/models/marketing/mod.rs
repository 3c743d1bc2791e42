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
    use crate::{Body, Decimal, Error};

    fn body(p: impl Payload) -> Value {
        match p.into_body() {
            Ok(Body::Json(v)) => v,
            other => panic!("expected a JSON body, got {other:?}"),
        }
    }

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
        let v = body(CampaignCreate::new("N", "aud_1"));
        assert_eq!((v["from_email"].clone(), v["reply_to_email"].clone()), (json!(""), json!("")));
        let v = body(CampaignCreate { from_email: Some(String::new()), ..CampaignCreate::new("N", "aud_1") });
        assert!(v.get("from_email").is_none(), "{v}");
        assert_eq!(v["reply_to_email"], json!(""));
        let v =
            body(CampaignCreate { reply_to_email: Some("Team@EXAMPLE.com".into()), ..CampaignCreate::new("N", "a") });
        assert_eq!(v["reply_to_email"], json!("Team@EXAMPLE.com"), "an override is sent as given");
        let mut data = CampaignCreateEmail::new("C", "marketing", ["vip"], "S", "<p/>");
        data.from_email = Some(String::new());
        let v = body(data);
        assert!(v.get("from_email").is_none() && v["reply_to_email"] == json!(""), "{v}");
    }

    #[test]
    fn add_ltv_sends_the_amount_as_a_string() {
        let v = body(CampaignAddLtv::new(Decimal::new(10, 0), "EUR"));
        assert_eq!(v, json!({"value": "10", "currency": "EUR"}));
        let v = body(CampaignAddLtv::new(Decimal::new(9999, 2), "USD").contact_email("customer@example.com"));
        assert_eq!(v, json!({"value": "99.99", "currency": "USD", "contact_email": "customer@example.com"}));
        let v = body(CampaignAddLtv::new(Decimal::new(1, 0), "USD").contact_email(""));
        assert_eq!(v, json!({"value": "1", "currency": "USD"}));
        for bad in [
            CampaignAddLtv::new(Decimal::ZERO, "USD"),
            CampaignAddLtv::new(Decimal::new(1001, 3), "USD"),
            CampaignAddLtv::new(Decimal::ONE, "usd"),
            CampaignAddLtv::new(Decimal::ONE, "USD").contact_email("not-an-email"),
        ] {
            assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        }
        let v = body(ContactUpdateLtv::new("customer@example.com", Decimal::new(14999, 2), "USD"));
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
            body(CampaignCreate::new("Minimal", "aud_1")),
            json!({"channel_type": "email", "audience": "aud_1", "name": "Minimal", "description": "",
                   "from_email": "", "from_name": "", "reply_to_email": "", "reply_to_name": "", "utm_code": ""})
        );
        assert_eq!(
            body(ContactCreate::new("jane@example.com")),
            json!({"email": "jane@example.com", "first_name": "", "last_name": "", "phone": "", "whatsapp": "",
                   "country": "", "source": "unknown", "tags": [],
                   "marketing_consent": {"email": true, "sms": true, "whatsapp": true}})
        );
        assert_eq!(
            body(AudienceCreate::new("VIP", ["vip"])),
            json!({"name": "VIP", "description": "", "tags": ["vip"]})
        );
        assert!(AudienceCreate::new("X", ["x"]).code("Not A Slug").into_body().is_err());
        assert!(CampaignCreate::new("X", "aud_1").execution_duration_minutes(1441).into_body().is_err());
        assert!(CampaignCreate::new("X", "aud_1").from("bad", "n").into_body().is_err());
        assert!(ContactCreate::new("a@b.co").phone("1".repeat(21)).into_body().is_err());
        let mut bad_source = ContactCreate::new("a@b.co");
        bad_source.source = Some(ContactSource::from("partner"));
        assert!(bad_source.into_body().is_err());
        // An empty address in an update means "not set" and is not sent.
        let v = body(CampaignUpdate { from_email: Some(String::new()), name: Some("N".into()), ..Default::default() });
        assert_eq!(v, json!({"name": "N"}));
    }
}
