//! Filters of images, videos and documents.

use serde::Serialize;

use super::Filters;
use crate::error::Result;
use crate::query::Query;

crate::string_enum! {
    /// Sort order of media assets.
    pub enum AssetOrdering {
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

macro_rules! media_filters {
    ($(#[$m:meta])* $name:ident, $mime:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        pub struct $name {
            /// Matches name and alt text.
            pub q: Option<String>,
            /// Minimum size in bytes.
            pub min_size: Option<u64>,
            /// Maximum size in bytes.
            pub max_size: Option<u64>,
            /// Comma-separated tags (matches any).
            pub tags: Option<String>,
            /// Sort order.
            pub ordering: Option<AssetOrdering>,
        }

        impl Filters for $name {
            /// `q`, then the asset kind, then the other set filters.
            fn to_query(&self) -> Result<Query> {
                if let Some(o) = &self.ordering {
                    o.ensure_known("ordering")?;
                }
                let mut query = Query::default();
                if let Some(v) = &self.q {
                    query.push("q", v);
                }
                query.push("mime_type", $mime);
                if let Some(v) = self.min_size {
                    query.push("min_size", v);
                }
                if let Some(v) = self.max_size {
                    query.push("max_size", v);
                }
                if let Some(v) = &self.tags {
                    query.push("tags", v);
                }
                if let Some(v) = &self.ordering {
                    query.push("ordering", v);
                }
                Ok(query)
            }
        }
    };
}

media_filters!(
    /// Filters of `images().list`; always sends `mime_type=image`.
    ///
    /// ```
    /// use konigle_core::filters::{Filters, ImageFilters, AssetOrdering};
    /// let f = ImageFilters { q: Some("sunset".into()), ordering: Some(AssetOrdering::CreatedAtDesc), ..Default::default() };
    /// assert_eq!(f.to_query().unwrap().encode(), "q=sunset&mime_type=image&ordering=-created_at");
    /// ```
    ImageFilters, "image"
);
media_filters!(
    /// Filters of `videos().list`; always sends `mime_type=video`.
    VideoFilters, "video"
);
media_filters!(
    /// Filters of `documents().list`; always sends `mime_type=document`.
    DocumentFilters, "document"
);
