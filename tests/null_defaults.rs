//! Every model field that has an empty default decodes `null` into it, as
//! the README promises: for each model, every JSON object of the recorded
//! platform traffic (`tests/wire`) that decodes into it is decoded again
//! with each field removed and with each field `null`; a field that may be
//! absent must also accept `null`.

use std::path::Path;

use konigle_core::models::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Every JSON object in the recorded responses, nested ones included.
fn samples() -> Vec<Map<String, Value>> {
    fn walk(v: &Value, out: &mut Vec<Map<String, Value>>) {
        match v {
            Value::Object(m) => {
                out.push(m.clone());
                m.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("tests/wire") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut paths = vec![];
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wire"), &mut paths);
    let mut out = vec![];
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let Ok(fixture) = serde_json::from_str::<Value>(&text) else { continue };
        if let Some(responses) = fixture.get("responses") {
            walk(responses, &mut out);
        }
    }
    out
}

/// The fields of `T` that decode when absent but not when `null`, over
/// every sample that decodes into `T`; and how many samples did.
fn null_rejecting_fields<T: DeserializeOwned>(samples: &[Map<String, Value>]) -> (Vec<String>, usize) {
    let decodes = |m: &Map<String, Value>| serde_json::from_value::<T>(Value::Object(m.clone())).is_ok();
    let mut bad = std::collections::BTreeSet::new();
    let mut matched = 0;
    for sample in samples.iter().filter(|s| decodes(s)) {
        matched += 1;
        for (key, value) in sample {
            if value.is_null() {
                continue;
            }
            let mut absent = sample.clone();
            absent.remove(key);
            if !decodes(&absent) {
                continue; // required
            }
            let mut null = sample.clone();
            null.insert(key.clone(), Value::Null);
            if !decodes(&null) {
                bad.insert(key.clone());
            }
        }
    }
    (bad.into_iter().collect(), matched)
}

macro_rules! check_models {
    ($($t:ty),* $(,)?) => {{
        let samples = samples();
        let mut failures = vec![];
        let mut unmatched = vec![];
        $(
            let (bad, matched) = null_rejecting_fields::<$t>(&samples);
            if matched == 0 {
                unmatched.push(stringify!($t));
            }
            if !bad.is_empty() {
                failures.push(format!("{}: {}", stringify!($t), bad.join(", ")));
            }
        )*
        assert!(failures.is_empty(), "fields rejecting null although they may be absent:\n{}", failures.join("\n"));
        assert!(unmatched.is_empty(), "no recorded sample decodes into: {unmatched:?}");
    }};
}

#[test]
fn absent_means_null_for_every_model_field() {
    check_models!(
        Image,
        Video,
        Document,
        Upload,
        Connection,
        Form,
        FormSubmission,
        Computer,
        WebApp,
        Space,
        Job,
        Product,
        ProductVariant,
        ProductImage,
        Audience,
        Campaign,
        Contact,
        EmailAccount,
        EmailChannel,
        EmailIdentity,
        EmailTemplate,
    );
}

/// The case that was reported: an image whose alt text is `null`.
#[test]
fn image_alt_text_null_is_empty() {
    let image: Image = serde_json::from_value(serde_json::json!({
        "id": "img_1", "name": "a", "mime_type": "image/png", "alt_text": null, "tags": null,
        "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"
    }))
    .expect("null alt text");
    assert_eq!((image.alt_text.as_str(), image.tags.len()), ("", 0));
}
