//! Commerce: products, their variants and their images.
//!
//! Commerce resources are identified by `uid` (also readable as
//! [`Product::id`] and friends). Related resources — a variant's product, a
//! product's main image — arrive either as a bare id (list endpoints) or as
//! a small object (detail endpoints); both are a [`Related`] value.
//!
//! Prices are [`Decimal`]s, sent and received as JSON
//! strings so no precision is lost.

mod image;
mod product;
mod variant;

pub use image::*;
pub use product::*;
pub use variant::*;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::Decimal;

/// Path of the products collection.
pub const PRODUCTS_PATH: &str = "/admin/api/products";
/// Path of the product variants collection.
pub const PRODUCT_VARIANTS_PATH: &str = "/admin/api/product-variants";
/// Path of the product images collection.
pub const PRODUCT_IMAGES_PATH: &str = "/admin/api/product-images";

/// SEO and social-sharing metadata of a page (a product, a variant…).
///
/// Every field is optional; `description` is `Some("")` unless set, as the
/// API expects (assign `None` after `build()` to leave it out). In create
/// and update payloads only the fields that are set are sent.
///
/// ```
/// use konigle_core::models::SeoMeta;
/// let seo = SeoMeta::builder().title("Classic Tee | Acme").description("A soft organic cotton tee.").build();
/// assert_eq!(seo.description.as_deref(), Some("A soft organic cotton tee."));
/// assert_eq!(SeoMeta::builder().build().description.as_deref(), Some(""));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SeoMeta {
    /// Title for search engines (ideally at most 70 characters).
    #[serde(default)]
    pub title: Option<String>,
    /// Description for search engines (ideally at most 160 characters; `""` by default).
    #[serde(default = "crate::models::payload::blank")]
    #[builder(required, default = crate::models::payload::blank(), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// Comma-separated keywords.
    #[serde(default)]
    pub keywords: Option<String>,
    /// Title when shared on social media (ideally at most 70 characters).
    #[serde(default)]
    pub og_title: Option<String>,
    /// Description when shared on social media (ideally at most 160 characters).
    #[serde(default)]
    pub og_description: Option<String>,
    /// URL of the image shown when shared on social media.
    #[serde(default)]
    pub og_image: Option<String>,
}

/// The builder's values: everything unset but an empty description.
impl Default for SeoMeta {
    fn default() -> Self {
        SeoMeta::builder().build()
    }
}

/// Serializes SEO metadata of a payload with its unset fields left out.
pub(crate) fn compact_seo<S: Serializer>(v: &Option<SeoMeta>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(meta) => {
            let json = serde_json::to_value(meta).map_err(serde::ser::Error::custom)?;
            strip_nulls(json).serialize(s)
        }
    }
}

/// Drops the `null` members of an object (not recursively).
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

/// A resource with a `uid`.
pub trait Identified {
    /// The resource's unique identifier.
    fn id(&self) -> &str;
}

/// A related resource: its bare id, or the object the detail endpoint
/// embeds.
///
/// ```
/// use konigle_core::models::{ProductReference, Related};
/// let r: Related<ProductReference> = serde_json::from_str(r#""prod_01""#).unwrap();
/// assert_eq!((r.id(), r.is_loaded()), ("prod_01", false));
/// let r: Related<ProductReference> =
///     serde_json::from_str(r#"{"uid": "prod_01", "title": "Tee", "handle": "tee"}"#).unwrap();
/// assert_eq!(r.loaded().map(|p| p.title.as_str()), Some("Tee"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Related<T> {
    /// Only the id (list endpoints).
    Id(String),
    /// The embedded object (detail endpoints).
    Loaded(Box<T>),
}

impl<T: Identified> Related<T> {
    /// The related resource's id, whichever form it has.
    pub fn id(&self) -> &str {
        match self {
            Related::Id(id) => id,
            Related::Loaded(obj) => obj.id(),
        }
    }
}

impl<T> Related<T> {
    /// Whether the object is embedded (not just its id).
    pub fn is_loaded(&self) -> bool {
        matches!(self, Related::Loaded(_))
    }
    /// The embedded object, if loaded.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Related::Loaded(obj) => Some(obj),
            Related::Id(_) => None,
        }
    }
}

impl<T> From<&str> for Related<T> {
    fn from(id: &str) -> Self {
        Related::Id(id.to_string())
    }
}

impl<T> From<String> for Related<T> {
    fn from(id: String) -> Self {
        Related::Id(id)
    }
}

/// A product as embedded in a variant: id, title and handle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductReference {
    /// The product's id.
    #[serde(rename = "uid")]
    pub id: String,
    /// The product's title.
    pub title: String,
    /// The product's handle.
    pub handle: String,
}

impl Identified for ProductReference {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A product image as embedded in a product or variant: id and URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductImageReference {
    /// The image's id.
    #[serde(rename = "uid")]
    pub id: String,
    /// The image's URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl Identified for ProductImageReference {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Deserializes `null` as the type's default (for fields the API may send
/// as `null` although they have a natural empty value).
pub(crate) fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Rewrites EditorJS `header` blocks as `heading` blocks, the name the
/// platform renders.
pub(crate) fn normalize_editorjs(content: &mut Value) {
    if let Some(Value::Array(blocks)) = content.get_mut("blocks") {
        for block in blocks.iter_mut() {
            if let Some(kind) = block.get_mut("type") {
                if kind.as_str() == Some("header") {
                    *kind = Value::String("heading".into());
                }
            }
        }
    }
}

/// Checks that EditorJS content is a JSON object.
pub(crate) fn check_content(field: &str, content: &Value) -> Result<()> {
    if content.is_object() {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be a JSON object (EditorJS content)"))
    }
}

/// Checks an amount that must be above zero (at most 19 digits, 2 decimals).
pub(crate) fn check_price(field: &str, value: &Decimal) -> Result<()> {
    crate::validate::positive_amount(field, *value, 19, 2)
}

/// Checks an amount that may be zero (at most 19 digits, 2 decimals).
pub(crate) fn check_cost(field: &str, value: &Decimal) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::invalid(field, format!("must be 0 or more, got {value}")));
    }
    if value.is_zero() {
        return Ok(());
    }
    crate::validate::positive_amount(field, *value, 19, 2)
}

/// Checks that an integer is at least `min`.
pub(crate) fn check_min(field: &str, value: i64, min: i64) -> Result<()> {
    if value < min {
        return Err(Error::invalid(field, format!("must be {min} or more, got {value}")));
    }
    Ok(())
}

/// Checks that a number is finite and not negative.
pub(crate) fn check_non_negative(field: &str, value: f64) -> Result<()> {
    if !value.is_finite() || value < 0.0 {
        return Err(Error::invalid(field, format!("must be a number, 0 or more, got {value}")));
    }
    Ok(())
}

/// Checks a string's length in characters, between `min` and `max`.
pub(crate) fn check_len(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n < min {
        return Err(Error::invalid(field, format!("must be at least {min} character(s), got {n}")));
    }
    crate::models::payload::check_max_len(field, value, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(check_price("p", &d("9.999")).is_err());
        assert!(check_price("p", &d("0")).is_err());
        assert!(check_price("p", &d("1.500")).is_ok());
        assert!(check_cost("c", &d("0")).is_ok());
        assert!(check_cost("c", &d("-0.01")).is_err());
        assert!(check_cost("c", &d("7.25")).is_ok());
    }

    #[test]
    fn editorjs_headers_become_headings() {
        let mut c: Value =
            serde_json::from_str(r#"{"blocks":[{"type":"header"},{"type":"paragraph"}],"time":1}"#).unwrap();
        normalize_editorjs(&mut c);
        assert_eq!(c, serde_json::json!({"blocks":[{"type":"heading"},{"type":"paragraph"}],"time":1}));
    }

    fn compact(seo: SeoMeta) -> Value {
        #[derive(Serialize)]
        struct Wrap(#[serde(serialize_with = "compact_seo")] Option<SeoMeta>);
        serde_json::to_value(Wrap(Some(seo))).unwrap()
    }

    #[test]
    fn seo_meta_defaults_to_an_empty_description() {
        let built = SeoMeta::builder().build();
        assert_eq!(built, SeoMeta::default());
        assert_eq!(compact(built.clone()), serde_json::json!({"description": ""}));
        let read: SeoMeta = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(read, built, "serde default and builder default agree");
        let mut none = SeoMeta::builder().title("T").build();
        none.description = None;
        assert_eq!(compact(none), serde_json::json!({"title": "T"}));
        let full =
            SeoMeta::builder().title("T").description("D").keywords("k").og_image("https://i.example/x.png").build();
        assert_eq!(
            compact(full),
            serde_json::json!({"title": "T", "description": "D", "keywords": "k", "og_image": "https://i.example/x.png"})
        );
    }
}
