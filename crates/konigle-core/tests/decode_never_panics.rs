//! Arbitrary bytes and arbitrary JSON through the error mapper, the page
//! decoder and every model: a typed result, never a panic.

use konigle_core::models;
use konigle_core::pagination::decode_page;
use konigle_core::resource::decode_json;
use konigle_core::Error;
use proptest::prelude::*;
use serde_json::Value;

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![Just("2024-03-01T10:00:00Z"), Just("19.99"), Just("active"), Just("id_1"), Just("")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..10).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Real field names make the decoders go deep instead of failing early.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id"),
        Just("uid"),
        Just("name"),
        Just("created_at"),
        Just("updated_at"),
        Just("status"),
        Just("payload"),
        Just("results"),
        Just("count"),
        Just("next"),
        Just("detail"),
        Just("message"),
        Just("retry_after"),
        Just("tags"),
        Just("meta"),
        Just("price"),
        Just("variants"),
        Just("options"),
        Just("images"),
        Just("product"),
    ]
    .prop_map(String::from)
}

macro_rules! decode_all {
    ($bytes:expr, $($t:ty),* $(,)?) => {$(
        let _ = decode_json::<$t>(200, $bytes);
        let _ = decode_page::<$t>(200, $bytes, 1, 20);
    )*};
}

fn decode_everything(bytes: &[u8]) {
    decode_all!(
        bytes,
        models::Image,
        models::Video,
        models::Document,
        models::Upload,
        models::Connection,
        models::Credentials,
        models::Form,
        models::FormSubmission,
        models::Computer,
        models::Job,
        models::Space,
        models::WebApp,
        models::Product,
        models::ProductVariant,
        models::ProductImage,
        models::Audience,
        models::Campaign,
        models::Contact,
        models::EmailAccount,
        models::EmailChannel,
        models::EmailIdentity,
        models::EmailTemplate,
        Value,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn error_mapping_never_panics(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..512), header in proptest::option::of(".{0,40}")) {
        let e = Error::from_response(status, &body, header.as_deref());
        let shown = e.to_string();
        prop_assert!(shown.starts_with("HTTP "));
        prop_assert!(e.api().is_some_and(|a| a.message.chars().count() <= 260 || serde_json::from_slice::<Value>(&body).is_ok()));
    }

    #[test]
    fn error_mapping_of_json_never_panics(status in 400u16..600, body in arb_json()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let e = Error::from_response(status, &bytes, None);
        let _ = e.to_string();
        if let Some(a) = e.api() {
            let _ = a.field_errors();
        }
    }

    #[test]
    fn models_decode_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_everything(&bytes);
    }

    #[test]
    fn models_decode_arbitrary_json(value in arb_json()) {
        decode_everything(&serde_json::to_vec(&value).unwrap());
    }
}
