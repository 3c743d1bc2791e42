//! Filters of products, product variants and product images.

use serde::Serialize;

use crate::models::ProductStatus;

crate::string_enum! {
    /// Sort order of products.
    pub enum ProductOrdering {
        /// By title, A to Z.
        Title = "title",
        /// By title, Z to A.
        TitleDesc = "-title",
        /// By status.
        Status = "status",
        /// By status, reversed.
        StatusDesc = "-status",
        /// By vendor, A to Z.
        Vendor = "vendor",
        /// By vendor, Z to A.
        VendorDesc = "-vendor",
        /// By product type, A to Z.
        ProductType = "product_type",
        /// By product type, Z to A.
        ProductTypeDesc = "-product_type",
    }
}

crate::string_enum! {
    /// Sort order of product variants.
    pub enum ProductVariantOrdering {
        /// By title, A to Z.
        Title = "title",
        /// By title, Z to A.
        TitleDesc = "-title",
        /// By SKU, A to Z.
        Sku = "sku",
        /// By SKU, Z to A.
        SkuDesc = "-sku",
        /// By position, first to last.
        Position = "position",
        /// By position, last to first.
        PositionDesc = "-position",
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
        /// Least recently updated first.
        UpdatedAt = "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc = "-updated_at",
    }
}

crate::string_enum! {
    /// Sort order of product images.
    pub enum ProductImageOrdering {
        /// By position, first to last.
        Position = "position",
        /// By position, last to first.
        PositionDesc = "-position",
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
        /// Least recently updated first.
        UpdatedAt = "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc = "-updated_at",
    }
}

/// Filters of `products().list` and `products().iter_all`.
///
/// ```
/// use konigle_core::filters::{Filters, ProductFilters, ProductOrdering};
/// let f = ProductFilters::builder().vendor("Acme").ordering(ProductOrdering::StatusDesc).build();
/// assert_eq!(f.to_query().unwrap().encode(), "vendor=Acme&ordering=-status");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductFilters {
    /// Matches title, handle and tags.
    pub q: Option<String>,
    /// Publication status.
    pub status: Option<ProductStatus>,
    /// Product type.
    pub product_type: Option<String>,
    /// Vendor name.
    pub vendor: Option<String>,
    /// Handle.
    pub handle: Option<String>,
    /// Sort order.
    pub ordering: Option<ProductOrdering>,
}

crate::serde_filters!(ProductFilters[ordering]);

/// Filters of `product_variants().list` and `product_variants().iter_all`.
///
/// ```
/// use konigle_core::filters::{Filters, ProductVariantFilters};
/// let f = ProductVariantFilters::builder().product_id("prod_01").build();
/// assert_eq!(f.to_query().unwrap().encode(), "product_id=prod_01");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductVariantFilters {
    /// Matches title, SKU and barcode.
    pub q: Option<String>,
    /// Id of the parent product.
    pub product_id: Option<String>,
    /// Variant handle.
    pub handle: Option<String>,
    /// Handle of the parent product.
    pub product_handle: Option<String>,
    /// SKU.
    pub sku: Option<String>,
    /// Sort order.
    pub ordering: Option<ProductVariantOrdering>,
}

crate::serde_filters!(ProductVariantFilters[ordering]);

/// Filters of `product_images().list` and `product_images().iter_all`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductImageFilters {
    /// Id of the parent product.
    pub product_id: Option<String>,
    /// Sort order.
    pub ordering: Option<ProductImageOrdering>,
}

crate::serde_filters!(ProductImageFilters[ordering]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::filters::Filters;

    #[test]
    fn unknown_ordering_is_rejected() {
        let f = ProductVariantFilters { ordering: Some("price".into()), ..Default::default() };
        assert!(matches!(f.to_query(), Err(Error::InvalidInput { field: Some(ref n), .. }) if n == "ordering"));
        let f = ProductFilters { q: Some("tee".into()), status: Some(ProductStatus::Active), ..Default::default() };
        assert_eq!(f.to_query().unwrap().encode(), "q=tee&status=active");
    }
}
