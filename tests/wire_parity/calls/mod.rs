//! Every fixture's equivalent Rust call, written once and compiled for both
//! facades (see `nonblocking.rs` and `blocking.rs`).

pub use super::{collect, facade, Client, ListParams, Record};
pub use crate::{Ctx, Outcome};
pub use konigle_core::{models, Decimal, Error, FileInput};
pub use serde_json::{json, Value};

mod assets;
mod cloud;
mod commerce;
mod email;
mod marketing;
mod media;
mod website_content;
mod website_site;

/// The JSON of a successful result.
pub fn ok<T: serde::Serialize>(r: konigle_core::Result<T>) -> Outcome {
    r.map(|v| serde_json::to_value(v).unwrap_or(Value::Null))
}

/// `true` for `Ok(())`, as the reference's boolean result.
pub fn unit(r: konigle_core::Result<()>) -> Outcome {
    r.map(|()| Value::Bool(true))
}

/// The JSON of any serializable value.
pub fn val<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    if let Some(o) = media::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = assets::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = cloud::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = commerce::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = marketing::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = email::run(name, c, ctx).await {
        return Some(o);
    }
    if let Some(o) = website_content::run(name, c, ctx).await {
        return Some(o);
    }
    website_site::run(name, c, ctx).await
}

const ALL_UNREPRESENTABLE: &[&[(&str, &str)]] = &[
    media::UNREPRESENTABLE,
    assets::UNREPRESENTABLE,
    cloud::UNREPRESENTABLE,
    commerce::UNREPRESENTABLE,
    marketing::UNREPRESENTABLE,
    email::UNREPRESENTABLE,
    website_content::UNREPRESENTABLE,
    website_site::UNREPRESENTABLE,
];

const ALL_DIFFERS: &[&[(&str, &str)]] = &[
    media::DIFFERS,
    assets::DIFFERS,
    cloud::DIFFERS,
    commerce::DIFFERS,
    marketing::DIFFERS,
    email::DIFFERS,
    website_content::DIFFERS,
    website_site::DIFFERS,
];

/// Why the SDK deliberately differs from the reference on a fixture, if it does.
pub fn differs(name: &str) -> Option<&'static str> {
    ALL_DIFFERS.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, r)| *r)
}

const ALL_SUBSTITUTES: &[&[(&str, &str, &str)]] = &[
    media::SUBSTITUTES,
    assets::SUBSTITUTES,
    cloud::SUBSTITUTES,
    commerce::SUBSTITUTES,
    marketing::SUBSTITUTES,
    email::SUBSTITUTES,
    website_content::SUBSTITUTES,
    website_site::SUBSTITUTES,
];

/// Why a fixture cannot be written in Rust, if it cannot.
pub fn unrepresentable(name: &str) -> Option<&'static str> {
    ALL_UNREPRESENTABLE.iter().flat_map(|t| t.iter()).find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// The fixture whose requests and outcome this one must match instead.
pub fn substitute(name: &str) -> Option<&'static str> {
    ALL_SUBSTITUTES.iter().flat_map(|t| t.iter()).find(|(n, _, _)| *n == name).map(|(_, s, _)| *s)
}
