//! Typed list filters, one per manager, sent as query parameters in the
//! order the API documents them.

mod cloud;
mod commerce;
mod email;
mod forms;
mod marketing;
mod media;
mod website_content;
mod website_site;

pub use cloud::*;
pub use commerce::*;
pub use email::*;
pub use forms::*;
pub use marketing::*;
pub use media::*;
pub use website_content::*;
pub use website_site::*;

use crate::error::Result;
use crate::query::Query;

/// Filters of a list request.
pub trait Filters: Clone + Default + Send + Sync {
    /// The query pairs these filters add, after `page` and `page_size`.
    fn to_query(&self) -> Result<Query>;
}

/// Filters of a manager whose API takes free-form query parameters.
///
/// ```
/// use konigle_core::filters::{Filters, QueryFilters};
/// let f = QueryFilters::new().with("status", "running");
/// assert_eq!(f.to_query().unwrap().encode(), "status=running");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryFilters(Query);

impl QueryFilters {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a parameter.
    pub fn with(mut self, name: impl Into<String>, value: impl std::fmt::Display) -> Self {
        self.0.push(name, value);
        self
    }
}

impl Filters for QueryFilters {
    fn to_query(&self) -> Result<Query> {
        Ok(self.0.clone())
    }
}

/// Implements [`Filters`] by serializing the struct's set fields in order.
///
/// Enum-valued fields listed in brackets are checked first: a value outside
/// the known set (written through its `Other` variant) is an
/// [`Error::InvalidInput`](crate::Error::InvalidInput) and nothing is sent.
///
/// ```text
/// serde_filters!(AudienceFilters, CampaignFilters [status, channel_type]);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! serde_filters {
    ($($t:ty $([$($checked:ident),+ $(,)?])?),* $(,)?) => {$(
        impl $crate::filters::Filters for $t {
            fn to_query(&self) -> $crate::Result<$crate::Query> {
                $($(
                    if let Some(value) = &self.$checked {
                        value.ensure_known(stringify!($checked))?;
                    }
                )+)?
                let mut q = $crate::Query::default();
                q.extend_from(self)?;
                Ok(q)
            }
        }
    )*};
}

#[cfg(test)]
mod builder_tests {
    use super::*;

    /// Every filter has a builder, and a builder with nothing set is the
    /// default: both send the same (empty) query.
    #[test]
    fn builders_start_from_the_defaults() {
        macro_rules! same {
            ($($t:ident),* $(,)?) => {$(
                assert_eq!($t::builder().build(), $t::default(), stringify!($t));
            )*};
        }
        same!(
            ImageFilters,
            VideoFilters,
            DocumentFilters,
            ProductFilters,
            ProductVariantFilters,
            ProductImageFilters,
            EmailAccountFilters,
            EmailChannelFilters,
            EmailIdentityFilters,
            EmailTemplateFilters,
            AudienceFilters,
            CampaignFilters,
            ContactFilters,
            WebAppFilters,
            SpaceFilters,
        );
        let set = ImageFilters::builder().q("sunset").min_size(10).build();
        assert_eq!(set.to_query().unwrap().encode(), "q=sunset&mime_type=image&min_size=10");
    }
}
