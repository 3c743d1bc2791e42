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
#[doc = doc_example!("products")]
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductManager = Manager<spec::Products>;
/// Manager of product variants (`client.product_variants()`).
///
#[doc = doc_example!("product_variants")]
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductVariantManager = Manager<spec::ProductVariants>;
/// Manager of product images (`client.product_images()`).
///
#[doc = doc_example!("product_images")]
///
/// See `examples/commerce.rs` for a runnable walk-through.
pub type ProductImageManager = Manager<spec::ProductImages>;
