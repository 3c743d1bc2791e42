//! Checks of common field formats, run before anything is sent.
//!
//! Each check returns [`Error::InvalidInput`] naming the field, so a bad
//! value never reaches the API.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// Longest email address accepted (RFC 5321 path limit).
const EMAIL_MAX: usize = 254;
/// Longest local part (before the `@`).
const LOCAL_MAX: usize = 64;
/// Longest domain name.
const DOMAIN_MAX: usize = 253;
/// Longest domain label.
const LABEL_MAX: usize = 63;

/// Checks that `value` is a plausible email address: one `@`, a dot-atom
/// local part, and a domain of at least two labels (letters, digits and
/// inner hyphens, non-numeric top-level label). Non-ASCII letters are
/// accepted (internationalized addresses); quoted local parts, IP-literal
/// domains and whitespace are not.
///
/// ```
/// use konigle_core::validate;
/// assert!(validate::email("email", "john.doe+news@example.co.uk").is_ok());
/// assert!(validate::email("email", "not-an-email").is_err());
/// assert!(validate::email("email", "broken@").is_err());
/// assert!(validate::email("email", "a@localhost").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` when the address is malformed.
pub fn email(field: &str, value: &str) -> Result<()> {
    email_problem(value).map_or(Ok(()), |why| Err(Error::invalid(field, format!("not a valid email address: {why}"))))
}

/// Checks an optional email where an empty string means "not set".
///
/// # Errors
/// [`Error::InvalidInput`] for `field` when a non-empty value is malformed.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) if !v.is_empty() => email(field, v),
        _ => Ok(()),
    }
}

fn email_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        return Some("it is empty");
    }
    if value.chars().count() > EMAIL_MAX {
        return Some("it is longer than 254 characters");
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it contains whitespace or control characters");
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Some("it must have an @-sign");
    };
    if local.is_empty() {
        return Some("there must be something before the @-sign");
    }
    if domain.is_empty() {
        return Some("there must be something after the @-sign");
    }
    if local.contains('@') {
        return Some("it must have exactly one @-sign");
    }
    if local.chars().count() > LOCAL_MAX {
        return Some("the part before the @-sign is longer than 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("the part before the @-sign has a misplaced period");
    }
    const ATEXT: &str = "!#$%&'*+-/=?^_`{|}~.";
    if !local.chars().all(|c| c.is_alphanumeric() || ATEXT.contains(c) || !c.is_ascii()) {
        return Some("the part before the @-sign contains an invalid character");
    }
    if domain.chars().count() > DOMAIN_MAX {
        return Some("the domain is longer than 253 characters");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the domain must contain a period");
    }
    for label in &labels {
        if label.is_empty() {
            return Some("the domain has a misplaced period");
        }
        if label.chars().count() > LABEL_MAX {
            return Some("a domain label is longer than 63 characters");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("a domain label starts or ends with a hyphen");
        }
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Some("the domain contains an invalid character");
        }
    }
    if labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
        return Some("the top-level domain cannot be numeric");
    }
    None
}

/// Checks an ISO 4217 currency code: exactly three uppercase ASCII letters.
///
/// ```
/// use konigle_core::validate;
/// assert!(validate::currency("currency", "USD").is_ok());
/// assert!(validate::currency("currency", "usd").is_err());
/// assert!(validate::currency("currency", "EURO").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn currency(field: &str, value: &str) -> Result<()> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("must be a three-letter ISO 4217 currency code such as USD, got {value:?}")))
    }
}

/// Checks a slug code: lowercase ASCII letters and digits in groups joined
/// by single hyphens (`newsletter-subscribers`), at most `max` characters.
///
/// ```
/// use konigle_core::validate;
/// assert!(validate::slug("code", "vip-2024", 100).is_ok());
/// assert!(validate::slug("code", "Not A Slug", 100).is_err());
/// assert!(validate::slug("code", "a--b", 100).is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn slug(field: &str, value: &str, max: usize) -> Result<()> {
    crate::models::payload::check_max_len(field, value, max)?;
    let ok = !value.is_empty()
        && value.split('-').all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("must be lowercase letters and digits joined by single hyphens (e.g. `my-code`), got {value:?}"),
        ))
    }
}

/// Checks that an integer lies in `min..=max`.
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("must be between {min} and {max}, got {value}")))
    }
}

/// Checks a positive amount with at most `max_digits` digits in total and
/// at most `places` after the decimal point (trailing zeros do not count),
/// so at most `max_digits - places` before it.
///
/// ```
/// use konigle_core::{validate, Decimal};
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// assert!(validate::positive_amount("value", d("99.99"), 19, 2).is_ok());
/// assert!(validate::positive_amount("value", d("10.500"), 19, 2).is_ok());
/// assert!(validate::positive_amount("value", d("0"), 19, 2).is_err());
/// assert!(validate::positive_amount("value", d("1.001"), 19, 2).is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn positive_amount(field: &str, value: Decimal, max_digits: u32, places: u32) -> Result<()> {
    if value <= Decimal::ZERO {
        return Err(Error::invalid(field, format!("must be greater than 0, got {value}")));
    }
    let normalized = value.normalize();
    let scale = normalized.scale();
    if scale > places {
        return Err(Error::invalid(field, format!("must have at most {places} decimal places, got {value}")));
    }
    let digits = normalized.mantissa().unsigned_abs().to_string().len() as u32;
    let digits = digits.max(scale);
    if digits > max_digits {
        return Err(Error::invalid(field, format!("must have at most {max_digits} digits in total, got {value}")));
    }
    let whole = max_digits.saturating_sub(places);
    if digits - scale > whole {
        return Err(Error::invalid(
            field,
            format!("must have at most {whole} digits before the decimal point, got {value}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "john@example.com", "x.y+z@sub.example.org", "ünï@exämple.de", "o'neil@ex-ample.io"] {
            assert!(email("e", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "nope",
            "broken@",
            "@example.com",
            "a@@b.com",
            "a@b@c.com",
            "a b@c.com",
            "a@b",
            ".a@b.com",
            "a.@b.com",
            "a..b@c.com",
            "a@-b.com",
            "a@b-.com",
            "a@b..com",
            "a@b.com.",
            "a@1.2.3.4",
            "a(b)@c.com",
            "a@b_c.com",
        ] {
            assert!(email("e", bad).is_err(), "{bad}");
        }
        assert!(
            matches!(email("contact_email", "x"), Err(Error::InvalidInput { field: Some(f), .. }) if f == "contact_email")
        );
        assert!(optional_email("e", Some("")).is_ok());
        assert!(optional_email("e", None).is_ok());
        assert!(optional_email("e", Some("x")).is_err());
    }

    #[test]
    fn currencies_and_slugs() {
        assert!(currency("c", "EUR").is_ok());
        for bad in ["", "US", "USDT", "us1", "€UR"] {
            assert!(currency("c", bad).is_err(), "{bad}");
        }
        assert!(slug("code", "newsletter-subscribers", 100).is_ok());
        for bad in ["", "-a", "a-", "A", "a_b", "a b"] {
            assert!(slug("code", bad, 100).is_err(), "{bad}");
        }
        assert!(slug("code", &"a".repeat(101), 100).is_err());
    }

    #[test]
    fn amounts() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(positive_amount("v", d("0.01"), 19, 2).is_ok());
        assert!(positive_amount("v", d("-1"), 19, 2).is_err());
        assert!(positive_amount("v", d("12345678901234567.89"), 19, 2).is_ok());
        assert!(positive_amount("v", d("123456789012345678.9"), 19, 2).is_err());
        assert!(range("n", 0, 1, 1440).is_err());
        assert!(range("n", 1440, 1, 1440).is_ok());
    }
}

/// Checks a URL handle and returns it lower-cased: letters and digits, with
/// hyphens and underscores, and at least one letter or digit.
///
/// ```
/// use konigle_core::validate;
/// assert_eq!(validate::handle("handle", "About-Us_2").unwrap(), "about-us_2");
/// assert!(validate::handle("handle", "about us").is_err());
/// assert!(validate::handle("handle", "a/b").is_err());
/// assert!(validate::handle("handle", "--").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn handle(field: &str, value: &str) -> Result<String> {
    let core: Vec<char> = value.chars().filter(|c| *c != '-' && *c != '_').collect();
    if core.is_empty() || !core.iter().all(|c| c.is_alphanumeric()) {
        return Err(Error::invalid(
            field,
            format!("must contain only letters, digits, hyphens and underscores, got {value:?}"),
        ));
    }
    Ok(value.to_lowercase())
}

/// Checks an ISO 639-1 language code (two letters) and returns it lower-cased.
///
/// ```
/// use konigle_core::validate;
/// assert_eq!(validate::language_code("language", "EN").unwrap(), "en");
/// assert!(validate::language_code("language", "e1").is_err());
/// assert!(validate::language_code("language", "eng").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn language_code(field: &str, value: &str) -> Result<String> {
    two_letters(field, value, "language").map(|v| v.to_lowercase())
}

/// Checks an ISO 3166-1 alpha-2 country code (two letters) and returns it
/// upper-cased.
///
/// ```
/// use konigle_core::validate;
/// assert_eq!(validate::country_code("country_code", "sg").unwrap(), "SG");
/// assert!(validate::country_code("country_code", "S").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn country_code(field: &str, value: &str) -> Result<String> {
    two_letters(field, value, "country").map(|v| v.to_uppercase())
}

fn two_letters<'a>(field: &str, value: &'a str, what: &str) -> Result<&'a str> {
    if value.chars().count() == 2 && value.chars().all(char::is_alphabetic) {
        Ok(value)
    } else {
        Err(Error::invalid(field, format!("{what} code must be 2 letters, got {value:?}")))
    }
}

/// Checks the source path of a redirect: it starts with `/`.
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn redirect_path(field: &str, value: &str) -> Result<()> {
    if value.starts_with('/') {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("a redirect path must start with a slash, got {value:?}")))
    }
}

/// Checks the target of a redirect: a path starting with `/`, or an
/// `http://` or `https://` URL.
///
/// ```
/// use konigle_core::validate;
/// assert!(validate::redirect_target("target", "https://shop.example.com/sale").is_ok());
/// assert!(validate::redirect_target("target", "/about").is_ok());
/// assert!(validate::redirect_target("target", "ftp://x").is_err());
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn redirect_target(field: &str, value: &str) -> Result<()> {
    if value.starts_with('/') || value.starts_with("http://") || value.starts_with("https://") {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("a redirect target must be a path or an http(s) URL, got {value:?}")))
    }
}

/// Checks a layout block key: lowercase ASCII letters, digits and `_`, not empty.
///
/// # Errors
/// [`Error::InvalidInput`] for `field` otherwise.
pub fn block_key(field: &str, value: &str) -> Result<()> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("keys must only contain lowercase letters, digits and _, got {value:?}")))
    }
}

#[cfg(test)]
mod website_tests {
    use super::*;

    #[test]
    fn handles() {
        assert_eq!(handle("h", "News-2024").unwrap(), "news-2024");
        assert_eq!(handle("h", "MULCHING").unwrap(), "mulching");
        assert_eq!(handle("h", "snake_case").unwrap(), "snake_case");
        assert_eq!(handle("h", "Über").unwrap(), "über");
        assert_eq!(handle("h", "jane_doe-2").unwrap(), "jane_doe-2");
        for bad in ["", "-", "_-_", "my folder", "a/b", "About Us!", "x.y", "tab\t"] {
            assert!(
                matches!(handle("handle", bad), Err(Error::InvalidInput { field: Some(f), .. }) if f == "handle"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn language_and_country_codes() {
        assert_eq!(language_code("l", "DE").unwrap(), "de");
        assert_eq!(language_code("l", "fr").unwrap(), "fr");
        assert_eq!(country_code("c", "fr").unwrap(), "FR");
        assert_eq!(country_code("c", "US").unwrap(), "US");
        for bad in ["", "e", "e1", "eng", "1", "e-"] {
            assert!(language_code("language", bad).is_err(), "{bad:?}");
            assert!(country_code("country_code", bad).is_err(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod website_site_tests {
    use super::*;

    #[test]
    fn redirects() {
        assert!(redirect_path("path", "/old").is_ok());
        assert!(redirect_path("path", "old").is_err());
        assert!(redirect_path("path", "").is_err());
        for ok in ["/", "/about", "http://example.org", "https://x.io/a"] {
            assert!(redirect_target("target", ok).is_ok(), "{ok}");
        }
        for bad in ["about", "ftp://x", "", "HTTPS://x"] {
            assert!(redirect_target("target", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn block_keys() {
        assert!(block_key("k", "hero_2").is_ok());
        for bad in ["", "Hero", "hero-1", "a b", "é"] {
            assert!(block_key("k", bad).is_err(), "{bad}");
        }
    }
}
