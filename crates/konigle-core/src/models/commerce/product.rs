//! Products: the model, its creation and update payloads.

use crate::models::payload::check_opt_max_len;
use crate::models::payload::save_through;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    check_content, check_len, check_price, compact_seo, normalize_editorjs, null_as_default, ProductImageReference,
    ProductVariantCreate, ProductVariantUpdate, Related, SeoMeta, PRODUCTS_PATH,
};
use crate::error::Result;
use crate::models::payload::Payload;
use crate::request::Body;
use crate::resource::Resource;
use crate::{Decimal, Json, JsonMap, Timestamp};

crate::string_enum! {
    /// Publication status of a product.
    pub enum ProductStatus {
        /// Published.
        Active = "active",
        /// Retired, kept for records.
        Archived = "archived",
        /// Not published yet.
        Draft = "draft",
    }
}

/// An option a product varies by (e.g. Size), with its possible values.
///
/// ```
/// use konigle_core::models::ProductOption;
/// let size = ProductOption::builder().name("Size").values(["S", "M", "L"]).build();
/// assert_eq!(size.values, ["S", "M", "L"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductOption {
    /// Name of the option, e.g. `Size` (required, at most 255 characters).
    pub name: String,
    /// Its possible values, e.g. `["S", "M", "L"]` (required).
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(with = |v: impl IntoIterator<Item = impl Into<String>>| v.into_iter().map(Into::into).collect())]
    pub values: Vec<String>,
}

fn check_options(options: &[ProductOption]) -> Result<()> {
    for (i, o) in options.iter().enumerate() {
        crate::models::payload::check_max_len(&format!("options[{i}].name"), &o.name, 255)?;
    }
    Ok(())
}

/// A product.
///
/// Items of `products().list` lack the detail-only fields `content` and
/// `seo_meta` (empty and `None`) until the record's `load_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Product {
    /// Unique identifier.
    #[serde(rename = "uid")]
    pub id: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
    /// Title.
    pub title: String,
    /// Body, as EditorJS blocks (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub content: JsonMap,
    /// Options the product varies by.
    #[serde(default, deserialize_with = "null_as_default")]
    pub options: Vec<ProductOption>,
    /// URL-friendly identifier.
    pub handle: String,
    /// Publication status.
    pub status: ProductStatus,
    /// Category or type.
    #[serde(default, deserialize_with = "null_as_default")]
    pub product_type: String,
    /// Vendor or manufacturer.
    #[serde(default, deserialize_with = "null_as_default")]
    pub vendor: String,
    /// Comma-separated tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: String,
    /// Price, for single-variant products.
    #[serde(default)]
    pub price: Option<Decimal>,
    /// Price before discount.
    #[serde(default)]
    pub original_price: Option<Decimal>,
    /// Currency code of the prices.
    #[serde(default)]
    pub currency: Option<String>,
    /// SEO metadata (detail only).
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// The tags, parsed into a list.
    #[serde(default, deserialize_with = "null_as_default")]
    pub djcom_tags: Vec<String>,
    /// Whether the product has several variants.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub has_variants: bool,
    /// Publication time.
    #[serde(default)]
    pub published_at: Option<Timestamp>,
    /// Path of the product page.
    #[serde(default)]
    pub pathname: Option<String>,
    /// Preview URL of the product page.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Public URL of the product page (answers 404 until published).
    #[serde(default)]
    pub url: Option<String>,
    /// Main image: its id, or a reference with its URL.
    #[serde(default)]
    pub image: Option<Related<ProductImageReference>>,
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Product(id = {}, title={}, handle={})", self.id, self.title, self.handle)
    }
}

impl Resource for Product {
    const PATH: &'static str = PRODUCTS_PATH;
    const NAME: &'static str = "Product";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["seo_meta", "content"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`ProductUpdate`] (validated, unset
    /// values and read-only fields left out, the image sent as its id).
    fn save_body(changes: Map<String, Value>) -> Result<Map<String, Value>> {
        save_through::<ProductUpdate>(changes, &["image"])
    }
}

/// Payload of `products().create`.
///
/// The builder starts from the API's defaults: a draft with empty content,
/// options, type, vendor, tags and variants, and SEO metadata with an empty
/// description. Assigning `None` to one of these fields after `build()`
/// leaves it out of the request.
///
/// ```
/// use konigle_core::models::{ProductCreate, ProductOption, ProductStatus, ProductVariantCreate};
/// use konigle_core::Decimal;
/// let price: Decimal = "19.99".parse().unwrap();
/// let data = ProductCreate::builder()
///     .title("Classic Tee")
///     .status(ProductStatus::Active)
///     .vendor("Acme")
///     .price(price)
///     .currency("USD")
///     .options([ProductOption::builder().name("Size").values(["S", "M"]).build()])
///     .variants([
///         ProductVariantCreate::builder().price(price).option1("S").build(),
///         ProductVariantCreate::builder().price(price).option1("M").build(),
///     ])
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductCreate {
    /// Title (required, 1 to 255 characters).
    pub title: String,
    /// Body as EditorJS blocks (a JSON object; `{}` by default); `header` blocks are sent as `heading`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Json::Object(JsonMap::new())), with = |v: impl Into<Json>| Some(v.into()))]
    pub content: Option<Json>,
    /// Options the product varies by (none by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: impl IntoIterator<Item = ProductOption>| Some(v.into_iter().collect()))]
    pub options: Option<Vec<ProductOption>>,
    /// URL-friendly identifier (at most 255 characters); derived from the title when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Publication status (draft by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(ProductStatus::Draft), with = |v: ProductStatus| Some(v))]
    pub status: Option<ProductStatus>,
    /// Category or type (at most 255 characters; `""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub product_type: Option<String>,
    /// Vendor or manufacturer (at most 255 characters; `""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub vendor: Option<String>,
    /// Comma-separated tags (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub tags: Option<String>,
    /// Price of a single-variant product (above 0, at most 2 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// Price before discount (above 0, at most 2 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_price: Option<Decimal>,
    /// Currency code of the prices (at most 3 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// SEO metadata (an empty description by default); only its set fields are sent.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    #[builder(required, default = Some(SeoMeta::default()), with = |v: SeoMeta| Some(v))]
    pub seo_meta: Option<SeoMeta>,
    /// Variants to create with the product (none by default); their options must match `options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Vec::new()), with = |v: impl IntoIterator<Item = ProductVariantCreate>| Some(v.into_iter().collect()))]
    pub variants: Option<Vec<ProductVariantCreate>>,
}

impl ProductCreate {
    /// Validates and normalizes the payload as it is sent.
    fn prepared(&self) -> Result<Self> {
        let mut out = self.clone();
        check_len("title", &out.title, 1, 255)?;
        check_opt_max_len("handle", out.handle.as_deref(), 255)?;
        check_opt_max_len("product_type", out.product_type.as_deref(), 255)?;
        check_opt_max_len("vendor", out.vendor.as_deref(), 255)?;
        check_opt_max_len("currency", out.currency.as_deref(), 3)?;
        if let Some(p) = &out.price {
            check_price("price", p)?;
        }
        if let Some(p) = &out.original_price {
            check_price("original_price", p)?;
        }
        if let Some(c) = out.content.as_mut() {
            check_content("content", c)?;
            normalize_editorjs(c);
        }
        if let Some(options) = &out.options {
            check_options(options)?;
        }
        if let Some(variants) = out.variants.as_mut() {
            for (i, v) in variants.iter_mut().enumerate() {
                *v = v.prepared(&format!("variants[{i}]."))?;
            }
        }
        Ok(out)
    }
}

impl Payload for ProductCreate {
    fn into_body(self) -> Result<Body> {
        Body::json(&self.prepared()?)
    }
}

/// A variant in a product update: changes to an existing variant (matched
/// by its options) or a new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ProductVariantChange {
    /// Changes to an existing variant.
    Update(ProductVariantUpdate),
    /// A variant to create.
    Create(ProductVariantCreate),
}

impl From<ProductVariantUpdate> for ProductVariantChange {
    fn from(v: ProductVariantUpdate) -> Self {
        ProductVariantChange::Update(v)
    }
}

impl From<ProductVariantCreate> for ProductVariantChange {
    fn from(v: ProductVariantCreate) -> Self {
        ProductVariantChange::Create(v)
    }
}

/// Payload of `products().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::{ProductStatus, ProductUpdate, ProductVariantCreate};
/// let changes = ProductUpdate::builder()
///     .title("Classic Tee v2")
///     .status(ProductStatus::Archived)
///     .variants([ProductVariantCreate::builder().price("24.00".parse().unwrap()).option1("XL").build()])
///     .build();
/// # let _ = changes;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductUpdate {
    /// New title (1 to 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New handle (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// New EditorJS content (a JSON object), sent as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub content: Option<Json>,
    /// New product type (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<String>,
    /// New status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProductStatus>,
    /// New vendor (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// New comma-separated tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// New currency code (at most 3 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// New options (replacing the old ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |v: impl IntoIterator<Item = ProductOption>| v.into_iter().collect())]
    pub options: Option<Vec<ProductOption>>,
    /// New SEO metadata; only its set fields are sent.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// Id of the product image to make the main image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Variants to change or add, matched by their options: each a
    /// [`ProductVariantUpdate`] or a [`ProductVariantCreate`].
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    #[builder(with = |v: impl IntoIterator<Item = impl Into<ProductVariantChange>>| v.into_iter().map(Into::into).collect())]
    pub variants: Option<Vec<ProductVariantChange>>,
    /// New price of a single-variant product (above 0, at most 2 decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// New price before discount (above 0, at most 2 decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_price: Option<Decimal>,
}

impl ProductUpdate {
    /// The changes as sent: validated, new variants prepared.
    fn prepared(&self) -> Result<Self> {
        check_opt_max_len("handle", self.handle.as_deref(), 255)?;
        if let Some(t) = &self.title {
            check_len("title", t, 1, 255)?;
        }
        check_opt_max_len("product_type", self.product_type.as_deref(), 255)?;
        check_opt_max_len("vendor", self.vendor.as_deref(), 255)?;
        check_opt_max_len("currency", self.currency.as_deref(), 3)?;
        if let Some(c) = &self.content {
            check_content("content", c)?;
        }
        if let Some(options) = &self.options {
            check_options(options)?;
        }
        if let Some(p) = &self.price {
            check_price("price", p)?;
        }
        if let Some(p) = &self.original_price {
            check_price("original_price", p)?;
        }
        let mut out = self.clone();
        if let Some(variants) = out.variants.as_mut() {
            for (i, v) in variants.iter_mut().enumerate() {
                let prefix = format!("variants[{i}].");
                match v {
                    ProductVariantChange::Update(u) => u.validate(&prefix)?,
                    ProductVariantChange::Create(c) => *c = c.prepared(&prefix)?,
                }
            }
        }
        Ok(out)
    }
}

impl Payload for ProductUpdate {
    fn into_body(self) -> Result<Body> {
        Body::json(&self.prepared()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::models::testing::json_body as body;

    #[test]
    fn minimal_create_sends_defaults() {
        assert_eq!(
            body(ProductCreate::builder().title("Mug").build()),
            json!({"title": "Mug", "content": {}, "options": [], "status": "draft", "product_type": "",
                   "vendor": "", "tags": "", "seo_meta": {"description": ""}, "variants": []})
        );
    }

    #[test]
    fn defaults_can_be_left_out() {
        let mut p = ProductCreate::builder().title("Mug").build();
        p.content = None;
        p.options = None;
        p.product_type = None;
        p.vendor = None;
        p.tags = None;
        p.seo_meta = None;
        p.variants = None;
        assert_eq!(body(p.clone()), json!({"title": "Mug", "status": "draft"}));
        p.status = None;
        assert_eq!(body(p), json!({"title": "Mug"}));
    }

    #[test]
    fn builder_sets_every_field() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let p = ProductCreate::builder()
            .title("Tee")
            .content(json!({"blocks": [{"type": "header"}]}))
            .options([ProductOption::builder().name("Size").values(vec![String::from("S")]).build()])
            .handle("tee")
            .status(ProductStatus::Active)
            .product_type("Apparel")
            .vendor("Acme")
            .tags("a,b")
            .price(d("9.50"))
            .original_price(d("12.00"))
            .currency("USD")
            .seo_meta(SeoMeta::builder().title("S").build())
            .variants([ProductVariantCreate::builder().price(d("9.50")).option1("S").build()])
            .build();
        let v = body(p);
        assert_eq!(v["content"], json!({"blocks": [{"type": "heading"}]}));
        assert_eq!(v["options"], json!([{"name": "Size", "values": ["S"]}]));
        assert_eq!(
            (v["handle"].as_str(), v["status"].as_str(), v["tags"].as_str()),
            (Some("tee"), Some("active"), Some("a,b"))
        );
        assert_eq!((v["price"].as_str(), v["original_price"].as_str()), (Some("9.50"), Some("12.00")));
        assert_eq!(v["seo_meta"], json!({"title": "S", "description": ""}));
        assert_eq!(v["variants"][0]["title"], "S");
    }

    #[test]
    fn update_default_is_the_empty_builder() {
        assert_eq!(ProductUpdate::default(), ProductUpdate::builder().build());
        assert_eq!(body(ProductUpdate::builder().build()), json!({}));
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let u = ProductUpdate::builder()
            .title("T")
            .status(ProductStatus::Archived)
            .options([ProductOption::builder().name("Size").values(["M"]).build()])
            .variants([
                ProductVariantChange::from(ProductVariantUpdate::builder().sku("S-1").build()),
                ProductVariantChange::from(ProductVariantCreate::builder().price(d("5")).build()),
            ])
            .build();
        let v = body(u);
        assert_eq!((v["title"].as_str(), v["status"].as_str()), (Some("T"), Some("archived")));
        assert_eq!(v["options"], json!([{"name": "Size", "values": ["M"]}]));
        assert_eq!(v["variants"][0], json!({"sku": "S-1"}));
        assert_eq!(v["variants"][1]["title"], "Default Title");
        let only_updates =
            ProductUpdate::builder().variants([ProductVariantUpdate::builder().price(d("7")).build()]).build();
        assert_eq!(body(only_updates)["variants"], json!([{"price": "7"}]));
    }

    #[test]
    fn invalid_values_are_rejected() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(ProductCreate::builder().title("Mug").price(d("9.999")).build().into_body().is_err());
        assert!(ProductCreate::builder().title("").build().into_body().is_err());
        assert!(ProductCreate::builder().title("Mug").currency("EURO").build().into_body().is_err());
        assert!(ProductCreate::builder().title("Mug").content(json!([1])).build().into_body().is_err());
        assert!(ProductUpdate::builder().price(d("0")).build().into_body().is_err());
        let bad_variant = ProductCreate::builder()
            .title("Mug")
            .variants([ProductVariantCreate::builder().price(d("-1")).build()])
            .build();
        assert!(
            matches!(bad_variant.into_body(), Err(crate::Error::InvalidInput { field: Some(f), .. }) if f == "variants[0].price")
        );
    }

    #[test]
    fn decodes_detail_and_list_forms() {
        let detail = json!({"uid": "prod_01", "title": "Tee", "handle": "tee", "status": "active",
            "product_type": "Apparel", "vendor": "Acme", "tags": "", "has_variants": false, "price": "19.90",
            "created_at": "2024-03-01T10:00:00Z", "image": {"uid": "img_01", "url": "u"},
            "seo_meta": {"title": "S"}, "content": {"blocks": []}});
        let p: Product = serde_json::from_value(detail).unwrap();
        assert_eq!(p.image.as_ref().map(|i| i.id()), Some("img_01"));
        assert_eq!(p.seo_meta.as_ref().and_then(|s| s.description.as_deref()), Some(""));
        let again: Product = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
        assert_eq!(again, p);
        assert_eq!(serde_json::to_value(&p).unwrap()["price"], json!("19.90"));
        let item = json!({"uid": "prod_01", "title": "Tee", "handle": "tee", "status": "paused", "image": "img_01",
            "content": null});
        let p: Product = serde_json::from_value(item).unwrap();
        assert_eq!((p.status.as_str(), p.image.map(|i| i.is_loaded()), p.content.len()), ("paused", Some(false), 0));
    }

    #[test]
    fn save_body_sends_update_fields_and_refuses_others() {
        let changes = json!({"title": "T",
            "seo_meta": {"title": "S", "description": "", "keywords": null},
            "image": {"uid": "img_02", "url": "u"}});
        let Value::Object(changes) = changes else { unreachable!() };
        let out = Product::save_body(changes).unwrap();
        assert_eq!(
            Value::Object(out),
            json!({"title": "T", "seo_meta": {"title": "S", "description": ""}, "image": "img_02"})
        );
        let Value::Object(changes) = json!({"title": "T", "djcom_tags": ["x"]}) else { unreachable!() };
        let err = Product::save_body(changes).unwrap_err();
        assert!(matches!(err, crate::Error::InvalidInput { field: Some(ref f), .. } if f == "djcom_tags"), "{err:?}");
        let Value::Object(changes) = json!({"title": "T", "price": null}) else { unreachable!() };
        let err = Product::save_body(changes).unwrap_err();
        assert!(
            matches!(err, crate::Error::InvalidInput { field: Some(ref f), ref message } if f == "price" && message.contains("null")),
            "{err:?}"
        );
    }
}
