//! Filters of forms: the forms service takes none.

use super::Filters;
use crate::error::Result;
use crate::query::Query;

/// Filters of `forms().list` and `forms().list_submissions`: the forms
/// service takes only the page and page size.
///
/// ```
/// use konigle_core::filters::{Filters, FormFilters};
/// assert!(FormFilters::default().to_query().unwrap().is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormFilters {}

impl Filters for FormFilters {
    fn to_query(&self) -> Result<Query> {
        Ok(Query::default())
    }
}
