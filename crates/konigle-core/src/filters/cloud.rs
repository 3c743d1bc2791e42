//! Filters of the cloud managers: computers, web apps, spaces and jobs.

use serde::Serialize;

use super::{Filters, QueryFilters};
use crate::error::Result;
use crate::query::Query;

/// Filters of `cloud().computers().list`: the API takes none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ComputerFilters {}

impl Filters for ComputerFilters {
    fn to_query(&self) -> Result<Query> {
        Ok(Query::default())
    }
}

/// Filters of `cloud().webapps().list`.
///
/// ```
/// use konigle_core::filters::{Filters, WebAppFilters};
/// let f = WebAppFilters::builder().computer_id("7181818181818181801").build();
/// assert_eq!(f.to_query().unwrap().encode(), "computer_id=7181818181818181801");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct WebAppFilters {
    /// Only the web apps of this computer.
    pub computer_id: Option<String>,
}

/// Filters of `cloud().spaces().list`.
///
/// ```
/// use konigle_core::filters::{Filters, SpaceFilters};
/// let f = SpaceFilters::builder().webapp_id("7282828282828282801").build();
/// assert_eq!(f.to_query().unwrap().encode(), "webapp_id=7282828282828282801");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SpaceFilters {
    /// Only the spaces of this web app.
    pub webapp_id: Option<String>,
}

crate::serde_filters!(WebAppFilters, SpaceFilters);

/// Filters of `cloud().jobs().list`: free-form query parameters, such as
/// `status` or `task_name`, sent in the order given.
pub type JobFilters = QueryFilters;
