//! Field rules: the reference SDK's validators and normalisers of payload
//! fields, in one table.
//!
//! [`FIELD_RULES`] says which payload field follows which [`Rule`]; each
//! payload's `into_body` calls [`apply`] on the JSON it is about to send, so
//! a value is transformed (or rejected) the same way the reference does it,
//! before anything is sent. A field that is absent or `null` is not
//! checked (it is not sent).
//!
//! Rules that concern typed values rather than sent text (prices and costs
//! as decimals, EditorJS content of products and variants, file extensions,
//! the number and size of attachments) are checked where the typed value is
//! built: `models::commerce`, [`crate::file::FileRules`] and the email
//! payload.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::request::Body;
use crate::JsonMap;

/// What a field rule does to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// An email address, normalised as pydantic's `EmailStr` does:
    /// surrounding whitespace is trimmed, a `Name <address>` form is reduced
    /// to the address, the address is checked
    /// ([`validate::email`](crate::validate::email)), and its domain is
    /// normalised (UTS #46: lower-cased, NFC, `xn--` labels shown in
    /// Unicode); the local part is kept as it is.
    Email,
    /// Like [`Rule::Email`], but `""` is the field's default and is sent as
    /// it is (a create payload whose unset address is blank).
    EmailOrBlank,
    /// A list of [`Rule::Email`] addresses.
    EmailList,
    /// An optional email override (the reference's
    /// `validate_optional_email`): `""` means "not set" and the field is not
    /// sent; any other value is checked as an address and sent as given.
    EmailOverride,
    /// A handle (the reference's `validate_handle`): letters, digits, `-`
    /// and `_` only, with at least one letter or digit; sent lower-cased.
    Handle,
    /// A code matching `^[a-z0-9]+(?:-[a-z0-9]+)*$` (at most 100
    /// characters): lower-case letters and digits joined by single hyphens.
    Slug,
    /// Custom email headers (an object of strings): every name starts with
    /// `X-`.
    CustomHeaders,
}

/// One row of [`FIELD_RULES`]: a payload, one of its fields, and the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRule {
    /// The payload type's name, e.g. `"ContactCreate"`.
    pub model: &'static str,
    /// The field as it is sent.
    pub field: &'static str,
    /// The rule.
    pub rule: Rule,
}

const fn r(model: &'static str, field: &'static str, rule: Rule) -> FieldRule {
    FieldRule { model, field, rule }
}

/// Longest audience code.
const SLUG_MAX: usize = 100;

/// Every field rule of the reference's models (its website models aside).
pub const FIELD_RULES: &[FieldRule] = &[
    // Contacts (`EmailStr`).
    r("ContactCreate", "email", Rule::Email),
    r("ContactUpdate", "email", Rule::Email),
    r("ContactUpdateLtv", "email", Rule::Email),
    // Email accounts (`EmailStr`; blank is the create default).
    r("EmailAccountCreate", "default_from_email", Rule::EmailOrBlank),
    r("EmailAccountCreate", "default_reply_to_email", Rule::EmailOrBlank),
    r("EmailAccountUpdate", "default_from_email", Rule::Email),
    r("EmailAccountUpdate", "default_reply_to_email", Rule::Email),
    r("EmailAccountSetup", "default_from_email", Rule::Email),
    r("EmailAccountSetup", "default_reply_to_email", Rule::EmailOrBlank),
    // Sent emails (`EmailStr`, `List[EmailStr]`, header names).
    r("Email", "from_email", Rule::Email),
    r("Email", "to_email", Rule::EmailList),
    r("Email", "reply_to_email", Rule::Email),
    r("Email", "headers", Rule::CustomHeaders),
    // Campaign overrides (`validate_optional_email`).
    r("CampaignCreate", "from_email", Rule::EmailOverride),
    r("CampaignCreate", "reply_to_email", Rule::EmailOverride),
    r("CampaignUpdate", "from_email", Rule::EmailOverride),
    r("CampaignUpdate", "reply_to_email", Rule::EmailOverride),
    r("CampaignCreateEmail", "from_email", Rule::EmailOverride),
    r("CampaignCreateEmail", "reply_to_email", Rule::EmailOverride),
    r("CampaignAddLtv", "contact_email", Rule::EmailOverride),
    // Email channels (`validate_handle`).
    r("EmailChannelCreate", "code", Rule::Handle),
    // Audiences (`pattern=`).
    r("AudienceCreate", "code", Rule::Slug),
    r("AudienceUpdate", "code", Rule::Slug),
];

/// Applies every rule of `model` to its body, in place.
///
/// ```
/// use konigle_core::rules;
/// let mut body = serde_json::json!({"email": " Jane <Jane.Doe@EXAMPLE.com> "});
/// let serde_json::Value::Object(map) = &mut body else { unreachable!() };
/// rules::apply("ContactCreate", map).unwrap();
/// assert_eq!(body["email"], "Jane.Doe@example.com");
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] naming the field when a value breaks its rule.
pub fn apply(model: &str, body: &mut JsonMap) -> Result<()> {
    for rule in FIELD_RULES.iter().filter(|r| r.model == model) {
        let Some(value) = body.get_mut(rule.field) else { continue };
        if value.is_null() {
            continue;
        }
        if apply_one(rule.field, rule.rule, value)? == Keep::Drop {
            body.remove(rule.field);
        }
    }
    Ok(())
}

/// Applies `model`'s rules to a JSON body that is an object (anything else
/// is left as it is).
pub(crate) fn apply_value(model: &str, body: &mut Value) -> Result<()> {
    match body {
        Value::Object(map) => apply(model, map),
        _ => Ok(()),
    }
}

/// The JSON of `value` with `model`'s rules applied.
pub(crate) fn json<T: serde::Serialize + ?Sized>(model: &str, value: &T) -> Result<Value> {
    json_with_defaults(model, value, &[])
}

/// Like [`json`], then each `(field, default)` whose field the value did
/// not set is added with the reference's default. A default is not checked
/// (as in the reference), and a field removed by its rule (an empty
/// override given explicitly) is not added back.
pub(crate) fn json_with_defaults<T: serde::Serialize + ?Sized>(
    model: &str,
    value: &T,
    defaults: &[(&str, &str)],
) -> Result<Value> {
    let Body::Json(mut json) = Body::json(value)? else {
        return Err(Error::InvalidInput { field: None, message: "cannot encode the body".into() });
    };
    let unset: Vec<&str> = defaults.iter().map(|(f, _)| *f).filter(|f| json.get(*f).is_none()).collect();
    apply_value(model, &mut json)?;
    if let Value::Object(map) = &mut json {
        for (field, default) in defaults {
            if unset.contains(field) {
                map.insert((*field).to_string(), Value::String((*default).to_string()));
            }
        }
    }
    Ok(json)
}

/// A JSON body of `value` with `model`'s rules applied.
pub(crate) fn json_body<T: serde::Serialize + ?Sized>(model: &str, value: &T) -> Result<Body> {
    json(model, value).map(Body::Json)
}

#[derive(Debug, PartialEq, Eq)]
enum Keep {
    Send,
    Drop,
}

fn text<'a>(field: &str, value: &'a Value) -> Result<&'a str> {
    value.as_str().ok_or_else(|| Error::invalid(field, "must be a string"))
}

fn apply_one(field: &str, rule: Rule, value: &mut Value) -> Result<Keep> {
    match rule {
        Rule::Email => *value = Value::String(normalize_email(field, text(field, value)?)?),
        Rule::EmailOrBlank => {
            let v = text(field, value)?;
            if !v.is_empty() {
                *value = Value::String(normalize_email(field, v)?);
            }
        }
        Rule::EmailList => {
            let Value::Array(items) = value else { return Err(Error::invalid(field, "must be a list of addresses")) };
            for (i, item) in items.iter_mut().enumerate() {
                let name = format!("{field}.{i}");
                *item = Value::String(normalize_email(&name, text(&name, item)?)?);
            }
        }
        Rule::EmailOverride => {
            let v = text(field, value)?;
            if v.is_empty() {
                return Ok(Keep::Drop);
            }
            normalize_email(field, v)?;
        }
        Rule::Handle => *value = Value::String(handle(field, text(field, value)?)?),
        Rule::Slug => crate::validate::slug(field, text(field, value)?, SLUG_MAX)?,
        Rule::CustomHeaders => {
            let Value::Object(headers) = value else { return Err(Error::invalid(field, "must be an object")) };
            for (name, v) in headers.iter() {
                if !name.starts_with(crate::models::EMAIL_HEADER_PREFIX) {
                    return Err(Error::invalid(
                        field,
                        format!("custom header names must start with `X-`, got {name:?}"),
                    ));
                }
                if !v.is_string() {
                    return Err(Error::invalid(field, format!("the value of header {name:?} must be a string")));
                }
            }
        }
    }
    Ok(Keep::Send)
}

/// Checks `value` as an email address and returns it normalised as
/// pydantic's `EmailStr` does (see [`Rule::Email`]).
///
/// ```
/// use konigle_core::rules::normalize_email;
/// assert_eq!(normalize_email("email", "John.Doe@Example.COM").unwrap(), "John.Doe@example.com");
/// assert_eq!(normalize_email("email", "Jo <jo@EXAMPLE.org>").unwrap(), "jo@example.org");
/// assert_eq!(normalize_email("email", "ü@XN--EXMPLE-CUA.DE").unwrap(), "ü@exämple.de");
/// assert!(normalize_email("email", "not-an-email").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` when the address is malformed.
pub fn normalize_email(field: &str, value: &str) -> Result<String> {
    let address = display_address(value.trim()).unwrap_or(value.trim());
    crate::validate::email(field, address)?;
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err(Error::invalid(field, "not a valid email address: it must have an @-sign"));
    };
    let (unicode, outcome) = idna::domain_to_unicode(domain);
    if outcome.is_err() {
        return Err(Error::invalid(field, format!("not a valid email address: the domain {domain:?} is not valid")));
    }
    crate::validate::email(field, &format!("{local}@{unicode}"))?;
    let tld = unicode.rsplit('.').next().unwrap_or("");
    if SPECIAL_USE_DOMAINS.contains(&tld) {
        return Err(Error::invalid(
            field,
            format!("not a valid email address: {unicode:?} is a special-use or reserved name that cannot be used with email"),
        ));
    }
    Ok(format!("{local}@{unicode}"))
}

/// Special-use top-level names the reference's address validation refuses
/// (RFC 6761 and kin; `example` is allowed).
const SPECIAL_USE_DOMAINS: &[&str] = &["arpa", "invalid", "local", "localhost", "onion", "test"];

/// The address of a `Name <address>` or `"Name" <address>` form.
fn display_address(value: &str) -> Option<&str> {
    let inner = value.strip_suffix('>')?;
    let (name, address) = inner.rsplit_once('<')?;
    let name = name.trim();
    let plain = name.chars().all(|c| c.is_alphanumeric() || c.is_whitespace() || "!#$%&'*+-/=?^_`{|}~".contains(c));
    let quoted = name.len() >= 2 && name.starts_with('"') && name.ends_with('"');
    (plain || quoted).then_some(address.trim())
}

/// Checks a handle and returns it lower-cased (see [`Rule::Handle`]).
///
/// # Errors
/// [`Error::InvalidInput`] for `field` when it has other characters.
pub fn handle(field: &str, value: &str) -> Result<String> {
    let has_alnum = value.chars().any(char::is_alphanumeric);
    if !has_alnum || !value.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return Err(Error::invalid(field, "must contain only letters, digits, hyphens and underscores"));
    }
    Ok(value.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(model: &str, body: Value) -> Result<Value> {
        let mut body = body;
        apply_value(model, &mut body)?;
        Ok(body)
    }

    fn invalid_field(r: Result<Value>) -> String {
        match r {
            Err(Error::InvalidInput { field: Some(f), .. }) => f,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn every_rule_names_a_known_model() {
        for rule in FIELD_RULES {
            assert!(!rule.model.is_empty() && !rule.field.is_empty(), "{rule:?}");
            let same = FIELD_RULES.iter().filter(|o| o.model == rule.model && o.field == rule.field).count();
            assert_eq!(same, 1, "one rule per field: {rule:?}");
        }
    }

    #[test]
    fn email_lowercases_the_domain_and_keeps_the_local_part() {
        let out = run("ContactCreate", json!({"email": "Mixed.Case@Sub.EXAMPLE.Com", "first_name": "A"})).unwrap();
        assert_eq!(out, json!({"email": "Mixed.Case@sub.example.com", "first_name": "A"}));
        assert_eq!(normalize_email("e", "  a@b.co\t").unwrap(), "a@b.co", "whitespace is trimmed");
        assert_eq!(normalize_email("e", "\"Team, EU\" <ops@EU.example.com>").unwrap(), "ops@eu.example.com");
        assert_eq!(normalize_email("e", "user@BÜCHER.example").unwrap(), "user@bücher.example");
        assert_eq!(normalize_email("e", "user@xn--bcher-kva.example").unwrap(), "user@bücher.example");
        assert_eq!(invalid_field(run("ContactUpdate", json!({"email": "broken@"}))), "email");
        assert_eq!(invalid_field(run("ContactUpdateLtv", json!({"email": ""}))), "email");
        for special in ["a@host.local", "a@x.TEST", "a@svc.onion", "a@b.invalid"] {
            assert_eq!(invalid_field(run("ContactCreate", json!({"email": special}))), "email", "{special}");
        }
    }

    #[test]
    fn email_lists_are_normalised_item_by_item() {
        let out = run("Email", json!({"to_email": ["A@X.ORG", "b@Y.org"], "from_email": "me@ME.io"})).unwrap();
        assert_eq!(out, json!({"to_email": ["A@x.org", "b@y.org"], "from_email": "me@me.io"}));
        assert_eq!(invalid_field(run("Email", json!({"to_email": ["a@x.org", "nope"]}))), "to_email.1");
    }

    #[test]
    fn blank_defaults_pass_and_addresses_are_normalised() {
        let out =
            run("EmailAccountCreate", json!({"default_from_email": "", "default_reply_to_email": "R@EX.com"})).unwrap();
        assert_eq!(out, json!({"default_from_email": "", "default_reply_to_email": "R@ex.com"}));
        assert_eq!(
            invalid_field(run("EmailAccountUpdate", json!({"default_reply_to_email": ""}))),
            "default_reply_to_email"
        );
    }

    #[test]
    fn empty_overrides_are_not_sent_and_others_are_sent_as_given() {
        let out = run("CampaignUpdate", json!({"from_email": "", "reply_to_email": "Help@EXAMPLE.com", "name": "n"}))
            .unwrap();
        assert_eq!(out, json!({"reply_to_email": "Help@EXAMPLE.com", "name": "n"}));
        assert_eq!(run("CampaignAddLtv", json!({"contact_email": ""})).unwrap(), json!({}));
        assert_eq!(invalid_field(run("CampaignCreate", json!({"reply_to_email": "x"}))), "reply_to_email");
        assert_eq!(run("CampaignCreateEmail", json!({"from_email": null})).unwrap(), json!({"from_email": null}));
    }

    #[test]
    fn handles_are_lowercased_and_checked() {
        assert_eq!(
            run("EmailChannelCreate", json!({"code": "Promo_2024-EU"})).unwrap(),
            json!({"code": "promo_2024-eu"})
        );
        for bad in ["", "a b", "a.b", "--", "ä!"] {
            assert_eq!(invalid_field(run("EmailChannelCreate", json!({"code": bad}))), "code", "{bad:?}");
        }
        assert_eq!(run("EmailChannelUpdate", json!({"code": "Any Thing"})).unwrap(), json!({"code": "Any Thing"}));
    }

    #[test]
    fn slugs_and_custom_headers() {
        assert!(run("AudienceCreate", json!({"code": "vip-2024"})).is_ok());
        assert_eq!(invalid_field(run("AudienceUpdate", json!({"code": "VIP"}))), "code");
        assert!(run("Email", json!({"headers": {"X-Campaign": "a"}})).is_ok());
        assert_eq!(invalid_field(run("Email", json!({"headers": {"Campaign": "a"}}))), "headers");
    }
}
