//! Typed list filters, one per manager, sent as query parameters in the
//! order the API documents them.

mod media;

pub use media::*;

use serde::Serialize;

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
#[macro_export]
macro_rules! serde_filters {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::filters::Filters for $t {
            fn to_query(&self) -> $crate::Result<$crate::Query> {
                let mut q = $crate::Query::default();
                q.extend_from(self)?;
                Ok(q)
            }
        }
    )*};
}

/// Serializes `value`'s set fields into a new query.
pub fn query_of<T: Serialize>(value: &T) -> Result<Query> {
    let mut q = Query::default();
    q.extend_from(value)?;
    Ok(q)
}
mod cloud;
pub use cloud::*;
mod email;
pub use email::*;
mod forms;
pub use forms::*;
mod marketing;
pub use marketing::*;
mod commerce;
pub use commerce::*;
