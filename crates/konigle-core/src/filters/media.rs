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
    ($(#[$m:meta])* $name:ident, $mime:literal, $example:literal, $allowed:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
        #[non_exhaustive]
        #[builder(on(String, into))]
        pub struct $name {
            /// Matches name and alt text.
            pub q: Option<String>,
            #[doc = concat!("MIME type filter: the kind `", $mime, "`, a single type (`", $example, "`) or a")]
            #[doc = concat!("comma-separated list of types of this kind; `", $mime, "` when unset.")]
            pub mime_type: Option<String>,
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
                query.push("mime_type", mime_type_filter(self.mime_type.as_deref(), $mime, $allowed)?);
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

/// The `mime_type` value sent: the one set, or the asset kind. Each
/// comma-separated item must be non-empty, without spaces, and of the
/// manager's kind (`allowed` says which), so a list of images never asks
/// for videos.
fn mime_type_filter<'a>(set: Option<&'a str>, kind: &'static str, allowed: fn(&str) -> bool) -> Result<&'a str> {
    let Some(value) = set else { return Ok(kind) };
    let bad = value.split(',').find(|t| t.is_empty() || t.chars().any(char::is_whitespace) || !allowed(t));
    if let Some(item) = bad {
        return Err(crate::Error::invalid(
            "mime_type",
            format!(
                "must be `{kind}` or comma-separated MIME types of that kind without spaces (e.g. `image/png,image/webp` for images); {item:?} is not, in {value:?}"
            ),
        ));
    }
    Ok(value)
}

/// An image type: `image` or `image/…`.
fn image_type(t: &str) -> bool {
    t == "image" || t.strip_prefix("image/").is_some_and(|s| !s.is_empty())
}

/// A video type: `video` or `video/…`.
fn video_type(t: &str) -> bool {
    t == "video" || t.strip_prefix("video/").is_some_and(|s| !s.is_empty())
}

/// A document type: `document` or a `type/subtype` that is not an image,
/// video, audio or font type.
fn document_type(t: &str) -> bool {
    t == "document"
        || t.split_once('/').is_some_and(|(top, sub)| {
            !top.is_empty() && !sub.is_empty() && !matches!(top, "image" | "video" | "audio" | "font")
        })
}

media_filters!(
    /// Filters of `images().list`; sends `mime_type=image` unless
    /// `mime_type` is set.
    ///
    /// ```
    /// use konigle_core::filters::{Filters, ImageFilters, AssetOrdering};
    /// let f = ImageFilters::builder().q("sunset").ordering(AssetOrdering::CreatedAtDesc).build();
    /// assert_eq!(f.to_query().unwrap().encode(), "q=sunset&mime_type=image&ordering=-created_at");
    /// let f = ImageFilters::builder().mime_type("image/png,image/webp").build();
    /// assert_eq!(f.to_query().unwrap().encode(), "mime_type=image%2Fpng%2Cimage%2Fwebp");
    /// ```
    ImageFilters, "image", "image/png", image_type
);
media_filters!(
    /// Filters of `videos().list`; sends `mime_type=video` unless
    /// `mime_type` is set.
    VideoFilters, "video", "video/mp4", video_type
);
media_filters!(
    /// Filters of `documents().list`; sends `mime_type=document` unless
    /// `mime_type` is set.
    DocumentFilters, "document", "application/pdf", document_type
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_type_defaults_to_the_kind_and_can_be_set() {
        fn q(f: &impl Filters) -> Result<String> {
            f.to_query().map(|q| q.encode())
        }
        assert_eq!(q(&VideoFilters::default()).unwrap(), "mime_type=video");
        assert_eq!(q(&DocumentFilters::default()).unwrap(), "mime_type=document");
        let f = VideoFilters { mime_type: Some("video/mp4".into()), min_size: Some(1), ..Default::default() };
        assert_eq!(q(&f).unwrap(), "mime_type=video%2Fmp4&min_size=1");
        let f = DocumentFilters { mime_type: Some("application/pdf,text/csv".into()), ..Default::default() };
        assert_eq!(q(&f).unwrap(), "mime_type=application%2Fpdf%2Ctext%2Fcsv");
        assert_eq!(
            q(&ImageFilters { mime_type: Some("image".into()), ..Default::default() }).unwrap(),
            "mime_type=image"
        );
        for bad in ["", "image/png,", "image/png, image/webp", "video", "image/png,video/mp4", "image/"] {
            let f = ImageFilters { mime_type: Some(bad.into()), ..Default::default() };
            assert!(
                matches!(q(&f), Err(crate::Error::InvalidInput { field: Some(ref n), .. }) if n == "mime_type"),
                "{bad:?}"
            );
        }
        assert!(q(&VideoFilters { mime_type: Some("image".into()), ..Default::default() }).is_err());
        assert!(q(&DocumentFilters { mime_type: Some("image/png".into()), ..Default::default() }).is_err());
        assert!(q(&DocumentFilters { mime_type: Some("pdf".into()), ..Default::default() }).is_err());
    }
}
