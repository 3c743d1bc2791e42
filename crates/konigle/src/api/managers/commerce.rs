//! Products, product variants and product images.
//!
//! These managers have no actions beyond the common ones: product variants
//! are created and removed in bulk through a product's `variants` (see
//! [`ProductCreate`](konigle_core::models::ProductCreate) and
//! [`ProductUpdate`](konigle_core::models::ProductUpdate)), so
//! [`ProductVariantManager`] has no `create`.

use konigle_core::spec;

use crate::api::{Client, Manager};

impl Client {
    /// Products.
    pub fn products(&self) -> ProductManager {
        Manager::new(self.clone())
    }
    /// Product variants (list, get, update, delete; created through their product).
    pub fn product_variants(&self) -> ProductVariantManager {
        Manager::new(self.clone())
    }
    /// Product images.
    pub fn product_images(&self) -> ProductImageManager {
        Manager::new(self.clone())
    }
}

/// Manager of products (`client.products()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::filters::ProductFilters;
/// use konigle::models::{ProductCreate, ProductStatus};
/// use konigle::ListParams;
/// use konigle_core::Decimal;
///
/// let tee = client.products().create(ProductCreate::new("Classic Tee").price(Decimal::new(1999, 2))).await?;
/// let active = ProductFilters { status: Some(ProductStatus::Active), ..Default::default() };
/// let page = client.products().list(&ListParams::with_filters(active)).await?;
/// client.products().delete(&tee.uid).await?;
/// ```
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductManager = Manager<spec::Products>;
/// Manager of product variants (`client.product_variants()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::filters::ProductVariantFilters;
/// use konigle::models::ProductVariantUpdate;
/// use konigle::ListParams;
/// use konigle_core::Decimal;
///
/// let of_tee = ProductVariantFilters { product_id: Some("prod_01".into()), ..Default::default() };
/// for variant in client.product_variants().list(&ListParams::with_filters(of_tee)).await?.payload {
///     let restock = ProductVariantUpdate::new().price(Decimal::new(1850, 2)).inventory_quantity(40);
///     client.product_variants().update(&variant.uid, restock).await?;
/// }
/// ```
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductVariantManager = Manager<spec::ProductVariants>;
/// Manager of product images (`client.product_images()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::{ProductImageCreate, ProductImageUpdate};
/// use konigle::FileInput;
///
/// let photo = FileInput::bytes(png_bytes).with_name("front.png"); // or a path, or an https:// URL
/// let image = client.product_images().create(ProductImageCreate::new("prod_01", photo).alt("Front view")).await?;
/// client.product_images().update(&image.uid, ProductImageUpdate::new().position(2)).await?;
/// ```
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductImageManager = Manager<spec::ProductImages>;
