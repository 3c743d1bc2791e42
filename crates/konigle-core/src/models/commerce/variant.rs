//! Product variants: the model, the payload of a new variant (sent within a
//! product) and the update payload.

use crate::models::payload::check_opt_max_len;
use crate::models::payload::save_through;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    check_content, check_cost, check_min, check_non_negative, check_price, compact_seo, normalize_editorjs,
    null_as_default, ProductImageReference, ProductReference, Related, SeoMeta, PRODUCT_VARIANTS_PATH,
};
use crate::error::Result;
use crate::models::payload::Payload;
use crate::request::Body;
use crate::resource::Resource;
use crate::{Decimal, Json, JsonMap, Timestamp};

crate::string_enum! {
    /// What happens when a variant is out of stock.
    pub enum InventoryPolicy {
        /// Stop selling.
        Deny = "deny",
        /// Keep selling (backorders).
        Continue = "continue",
    }
}

/// A product variant: one purchasable combination of a product's options.
///
/// In list items, `product` and `image` are bare ids and the detail-only
/// fields `content` and `seo_meta` are missing; the detail endpoint embeds
/// the product and image references.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductVariant {
    /// Unique identifier.
    #[serde(rename = "uid")]
    pub id: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
    /// Selling price.
    pub price: Decimal,
    /// Variant-specific content, as EditorJS blocks (detail only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub content: JsonMap,
    /// The parent product: its id, or a reference with title and handle.
    pub product: Related<ProductReference>,
    /// URL-friendly identifier.
    pub handle: String,
    /// Title, e.g. `S / Red`.
    pub title: String,
    /// Barcode (UPC, EAN…).
    #[serde(default)]
    pub barcode: Option<String>,
    /// Stock keeping unit.
    #[serde(default)]
    pub sku: Option<String>,
    /// Price before discount.
    #[serde(default)]
    pub compare_at_price: Option<Decimal>,
    /// Cost of goods.
    #[serde(default)]
    pub cost: Option<Decimal>,
    /// Currency code of the prices.
    #[serde(default)]
    pub currency: Option<String>,
    /// Value of the product's first option.
    #[serde(default)]
    pub option1: Option<String>,
    /// Value of the product's second option.
    #[serde(default)]
    pub option2: Option<String>,
    /// Value of the product's third option.
    #[serde(default)]
    pub option3: Option<String>,
    /// Position in the product's variant list, from 1.
    pub position: u32,
    /// Shipping weight, in `weight_unit`.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Unit of `weight`.
    #[serde(default)]
    pub weight_unit: Option<String>,
    /// Weight in grams.
    #[serde(default)]
    pub grams: Option<i64>,
    /// Whether taxes apply.
    pub taxable: bool,
    /// What happens when out of stock.
    #[serde(default)]
    pub inventory_policy: Option<InventoryPolicy>,
    /// Stock on hand.
    pub inventory_quantity: i64,
    /// SEO metadata (detail only).
    #[serde(default)]
    pub seo_meta: Option<SeoMeta>,
    /// The variant's image: its id, or a reference with its URL.
    #[serde(default)]
    pub image: Option<Related<ProductImageReference>>,
    /// Path of the variant page.
    #[serde(default)]
    pub pathname: Option<String>,
    /// Preview URL of the variant page.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Public URL of the variant page (answers 404 until the product is published).
    #[serde(default)]
    pub url: Option<String>,
}

impl fmt::Display for ProductVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ProductVariant(id = {}, product={} title={}, handle={})",
            self.id,
            self.product.id(),
            self.title,
            self.handle
        )
    }
}

impl Resource for ProductVariant {
    const PATH: &'static str = PRODUCT_VARIANTS_PATH;
    const NAME: &'static str = "ProductVariant";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["content", "seo_meta"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["image", "product"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`ProductVariantUpdate`] (validated,
    /// unset values and read-only fields such as `product` left out, the
    /// image sent as its id).
    fn save_body(changes: Map<String, Value>) -> Result<Map<String, Value>> {
        save_through::<ProductVariantUpdate>(changes, &["image"])
    }
}

/// A variant to create, sent within [`ProductCreate`](super::ProductCreate)
/// or [`ProductUpdate`](super::ProductUpdate) (variants have no creation
/// endpoint of their own).
///
/// The builder starts from the API's defaults: position 1, taxable,
/// inventory policy `deny`, one in stock, empty content and SEO metadata
/// with an empty description; assigning `None` to one of these fields after
/// `build()` leaves it out of the request. Without a title, the title sent is the
/// option values joined by ` / ` (`Default Title` without options).
///
/// ```
/// use konigle_core::models::ProductVariantCreate;
/// let v = ProductVariantCreate::builder()
///     .price("21.50".parse().unwrap())
///     .option1("M")
///     .option2("Blue")
///     .sku("TEE-M-BLUE")
///     .build();
/// assert_eq!(v.effective_title(), "M / Blue");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductVariantCreate {
    /// Selling price (required, above 0, at most 2 decimals).
    pub price: Decimal,
    /// Variant-specific EditorJS content (a JSON object; `{}` by default); `header` blocks are sent as `heading`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(Json::Object(JsonMap::new())), with = |v: impl Into<Json>| Some(v.into()))]
    pub content: Option<Json>,
    /// Title; derived from the option values when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Barcode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// Stock keeping unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Price before discount (above 0, at most 2 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare_at_price: Option<Decimal>,
    /// Cost of goods (0 or more, at most 2 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<Decimal>,
    /// Currency code (at most 3 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Value of the first option (at most 500 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option1: Option<String>,
    /// Value of the second option (at most 500 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option2: Option<String>,
    /// Value of the third option (at most 500 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option3: Option<String>,
    /// Position in the variant list (1 or more; 1 by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(1), with = |v: u32| Some(v))]
    pub position: Option<u32>,
    /// Shipping weight (0 or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Unit of the weight (at most 31 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<String>,
    /// Weight in grams (0 or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grams: Option<i64>,
    /// Whether taxes apply (`true` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(true), with = |v: bool| Some(v))]
    pub taxable: Option<bool>,
    /// What happens when out of stock (`deny` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(InventoryPolicy::Deny), with = |v: InventoryPolicy| Some(v))]
    pub inventory_policy: Option<InventoryPolicy>,
    /// Stock on hand (0 or more; 1 by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(1), with = |v: i64| Some(v))]
    pub inventory_quantity: Option<i64>,
    /// SEO metadata (an empty description by default); only its set fields are sent.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    #[builder(required, default = Some(SeoMeta::default()), with = |v: SeoMeta| Some(v))]
    pub seo_meta: Option<SeoMeta>,
    /// Id of the variant's image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl ProductVariantCreate {
    /// The title sent: the one set, else the non-empty option values joined
    /// by ` / `, else `Default Title`.
    pub fn effective_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let parts: Vec<&str> = [&self.option1, &self.option2, &self.option3]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            "Default Title".to_string()
        } else {
            parts.join(" / ")
        }
    }

    /// Validates the variant (field names prefixed with `prefix`) and returns
    /// it as sent: title filled in, content normalized.
    pub(crate) fn prepared(&self, prefix: &str) -> Result<Self> {
        let f = |name: &str| format!("{prefix}{name}");
        check_price(&f("price"), &self.price)?;
        if let Some(p) = &self.compare_at_price {
            check_price(&f("compare_at_price"), p)?;
        }
        if let Some(c) = &self.cost {
            check_cost(&f("cost"), c)?;
        }
        check_opt_max_len(&f("currency"), self.currency.as_deref(), 3)?;
        check_opt_max_len(&f("option1"), self.option1.as_deref(), 500)?;
        check_opt_max_len(&f("option2"), self.option2.as_deref(), 500)?;
        check_opt_max_len(&f("option3"), self.option3.as_deref(), 500)?;
        if let Some(p) = self.position {
            check_min(&f("position"), p.into(), 1)?;
        }
        if let Some(w) = self.weight {
            check_non_negative(&f("weight"), w)?;
        }
        check_opt_max_len(&f("weight_unit"), self.weight_unit.as_deref(), 31)?;
        if let Some(g) = self.grams {
            check_min(&f("grams"), g, 0)?;
        }
        if let Some(q) = self.inventory_quantity {
            check_min(&f("inventory_quantity"), q, 0)?;
        }
        let mut out = self.clone();
        if let Some(c) = out.content.as_mut() {
            check_content(&f("content"), c)?;
            normalize_editorjs(c);
        }
        out.title = Some(self.effective_title());
        Ok(out)
    }
}

/// Payload of `product_variants().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::ProductVariantUpdate;
/// let changes =
///     ProductVariantUpdate::builder().sku("TEE-S").price("18.00".parse().unwrap()).inventory_quantity(40).build();
/// # let _ = changes;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductVariantUpdate {
    /// New handle (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// New title (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New barcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// New SKU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// New price (above 0, at most 2 decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// New cost of goods (0 or more, at most 2 decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Decimal>,
    /// New currency code (at most 3 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// New price before discount (above 0, at most 2 decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare_at_price: Option<Decimal>,
    /// New position (1 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// New weight (0 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// New weight unit (at most 31 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<String>,
    /// New weight in grams (0 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grams: Option<i64>,
    /// Whether taxes apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxable: Option<bool>,
    /// Tax classification code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// New inventory policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inventory_policy: Option<InventoryPolicy>,
    /// New stock on hand (0 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inventory_quantity: Option<i64>,
    /// New EditorJS content (a JSON object), sent as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub content: Option<Json>,
    /// New SEO metadata; only its set fields are sent.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "compact_seo")]
    pub seo_meta: Option<SeoMeta>,
    /// Id of the new image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl ProductVariantUpdate {
    /// Checks the changes; field names are prefixed with `prefix`.
    pub(crate) fn validate(&self, prefix: &str) -> Result<()> {
        let f = |name: &str| format!("{prefix}{name}");
        check_opt_max_len(&f("handle"), self.handle.as_deref(), 255)?;
        check_opt_max_len(&f("title"), self.title.as_deref(), 255)?;
        if let Some(p) = &self.price {
            check_price(&f("price"), p)?;
        }
        if let Some(c) = &self.cost {
            check_cost(&f("cost"), c)?;
        }
        check_opt_max_len(&f("currency"), self.currency.as_deref(), 3)?;
        if let Some(p) = &self.compare_at_price {
            check_price(&f("compare_at_price"), p)?;
        }
        if let Some(p) = self.position {
            check_min(&f("position"), p.into(), 1)?;
        }
        if let Some(w) = self.weight {
            check_non_negative(&f("weight"), w)?;
        }
        check_opt_max_len(&f("weight_unit"), self.weight_unit.as_deref(), 31)?;
        if let Some(g) = self.grams {
            check_min(&f("grams"), g, 0)?;
        }
        if let Some(p) = &self.inventory_policy {
            crate::models::payload::check_max_len(&f("inventory_policy"), p.as_str(), 255)?;
        }
        if let Some(q) = self.inventory_quantity {
            check_min(&f("inventory_quantity"), q, 0)?;
        }
        if let Some(c) = &self.content {
            check_content(&f("content"), c)?;
        }
        Ok(())
    }
}

impl Payload for ProductVariantUpdate {
    fn into_body(self) -> Result<Body> {
        self.validate("")?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::models::testing::json_body as body;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn titles_from_options() {
        assert_eq!(ProductVariantCreate::builder().price(d("1")).build().effective_title(), "Default Title");
        assert_eq!(
            ProductVariantCreate::builder().price(d("1")).option1("M").option3("").build().effective_title(),
            "M"
        );
        assert_eq!(
            ProductVariantCreate::builder().price(d("1")).title("X").option1("M").build().effective_title(),
            "X"
        );
    }

    #[test]
    fn create_builder_sends_the_defaults() {
        let v = ProductVariantCreate::builder().price(d("9.50")).build();
        let sent = serde_json::to_value(v.prepared("").unwrap()).unwrap();
        assert_eq!(
            sent,
            json!({"price": "9.50", "content": {}, "title": "Default Title", "position": 1, "taxable": true,
                   "inventory_policy": "deny", "inventory_quantity": 1, "seo_meta": {"description": ""}})
        );
        let mut bare = v;
        bare.content = None;
        bare.position = None;
        bare.taxable = None;
        bare.seo_meta = None;
        bare.inventory_quantity = None;
        let sent = serde_json::to_value(bare.clone().prepared("").unwrap()).unwrap();
        assert_eq!(sent, json!({"price": "9.50", "title": "Default Title", "inventory_policy": "deny"}));
        bare.inventory_policy = None;
        let sent = serde_json::to_value(bare.prepared("").unwrap()).unwrap();
        assert_eq!(sent, json!({"price": "9.50", "title": "Default Title"}));
        let set = ProductVariantCreate::builder()
            .price(d("9.50"))
            .position(3)
            .taxable(false)
            .inventory_policy(InventoryPolicy::Continue)
            .inventory_quantity(0)
            .weight(1.5)
            .grams(1500)
            .image("pimg_1")
            .build();
        let sent = serde_json::to_value(set.prepared("").unwrap()).unwrap();
        assert_eq!((sent["position"].as_u64(), sent["taxable"].as_bool()), (Some(3), Some(false)));
        assert_eq!(
            (sent["inventory_policy"].as_str(), sent["inventory_quantity"].as_i64()),
            (Some("continue"), Some(0))
        );
        assert_eq!(
            (sent["weight"].as_f64(), sent["grams"].as_i64(), sent["image"].as_str()),
            (Some(1.5), Some(1500), Some("pimg_1"))
        );
    }

    #[test]
    fn update_default_is_the_empty_builder() {
        assert_eq!(ProductVariantUpdate::default(), ProductVariantUpdate::builder().build());
        assert_eq!(body(ProductVariantUpdate::builder().build()), json!({}));
        let u = ProductVariantUpdate::builder()
            .inventory_policy(InventoryPolicy::Continue)
            .tax_code("P0000000")
            .content(json!({"blocks": []}))
            .build();
        assert_eq!(body(u), json!({"tax_code": "P0000000", "inventory_policy": "continue", "content": {"blocks": []}}));
    }

    #[test]
    fn negative_inventory_is_rejected() {
        assert!(ProductVariantUpdate::builder().inventory_quantity(-1).build().into_body().is_err());
        assert!(ProductVariantUpdate::builder().cost(d("0")).build().into_body().is_ok());
    }

    #[test]
    fn save_body_refuses_a_changed_product() {
        let Value::Object(changes) = json!({"price": "15.00", "inventory_quantity": 0}) else { unreachable!() };
        let out = ProductVariant::save_body(changes).unwrap();
        assert_eq!(Value::Object(out), json!({"price": "15.00", "inventory_quantity": 0}));
        let Value::Object(changes) = json!({"product": "prod_01", "price": "15.00"}) else { unreachable!() };
        let err = ProductVariant::save_body(changes).unwrap_err();
        assert!(matches!(err, crate::Error::InvalidInput { field: Some(ref f), .. } if f == "product"), "{err:?}");
    }
}
