//! Pages of list results, list parameters, and the one pagination loop.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::query::Query;

/// Default page size of `list`.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Default page size of `iter_all`.
pub const DEFAULT_ITER_PAGE_SIZE: u32 = 100;
/// Largest page size the API accepts.
pub const MAX_PAGE_SIZE: u32 = 200;

/// Which page to fetch, and with which filters.
///
/// ```
/// use konigle_core::ListParams;
/// use konigle_core::filters::ImageFilters;
/// let params = ListParams::new()
///     .page(2)
///     .page_size(50)
///     .filters(ImageFilters { q: Some("sunset".into()), ..Default::default() });
/// assert_eq!(params.page_number(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListParams<F> {
    page: Option<u32>,
    page_size: Option<u32>,
    filters: F,
}

impl<F: Default> ListParams<F> {
    /// Page 1 with the default page size and no filters.
    pub fn new() -> Self {
        Self { page: None, page_size: None, filters: F::default() }
    }
}

impl<F> ListParams<F> {
    /// Params with the given filters.
    pub fn with_filters(filters: F) -> Self {
        Self { page: None, page_size: None, filters }
    }
    /// The page number, starting at 1.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }
    /// Items per page, 1..=200.
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }
    /// Replaces the filters.
    pub fn filters(mut self, filters: F) -> Self {
        self.filters = filters;
        self
    }
    /// The page number (1 when unset).
    pub fn page_number(&self) -> u32 {
        self.page.unwrap_or(1)
    }
    /// The page size set, if any.
    pub fn page_size_set(&self) -> Option<u32> {
        self.page_size
    }
    /// The filters.
    pub fn filter_values(&self) -> &F {
        &self.filters
    }
}

/// Checks page and page size before anything is sent.
pub fn check_page(page: u32, page_size: u32) -> Result<()> {
    if page < 1 {
        return Err(Error::invalid("page", "page must be 1 or more"));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(Error::invalid("page_size", format!("page_size must be 1..={MAX_PAGE_SIZE}, got {page_size}")));
    }
    Ok(())
}

/// The query of a list request: `page`, `page_size`, then the filters.
pub fn list_query(page: u32, page_size: u32, filters: Query) -> Result<Query> {
    check_page(page, page_size)?;
    let mut q = Query::default();
    q.push("page", page);
    q.push("page_size", page_size);
    for (k, v) in filters.pairs() {
        q.push(k.clone(), v);
    }
    Ok(q)
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The items of this page.
    pub payload: Vec<T>,
    /// Total number of items across all pages.
    pub count: u64,
    /// URL of the next page, if any.
    pub next: Option<String>,
    /// URL of the previous page, if any.
    pub previous: Option<String>,
    /// Items per page requested.
    pub page_size: u32,
    /// This page's number, starting at 1.
    pub current_page: u32,
    /// Number of pages.
    pub num_pages: u32,
}

impl<T> Page<T> {
    /// Whether a next page exists.
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }
    /// Whether a previous page exists.
    pub fn has_previous(&self) -> bool {
        self.previous.is_some()
    }
    /// Whether this is the first page.
    pub fn is_first(&self) -> bool {
        self.current_page == 1
    }
    /// Whether this is the last page.
    pub fn is_last(&self) -> bool {
        self.current_page == self.num_pages
    }
    /// Number of items on this page.
    pub fn len(&self) -> usize {
        self.payload.len()
    }
    /// Whether this page has no items.
    pub fn is_empty(&self) -> bool {
        self.payload.is_empty()
    }
    /// Maps every item.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            payload: self.payload.into_iter().map(f).collect(),
            count: self.count,
            next: self.next,
            previous: self.previous,
            page_size: self.page_size,
            current_page: self.current_page,
            num_pages: self.num_pages,
        }
    }
    /// Fallibly maps every item.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> std::result::Result<U, E>) -> std::result::Result<Page<U>, E> {
        Ok(Page {
            payload: self.payload.into_iter().map(f).collect::<std::result::Result<_, E>>()?,
            count: self.count,
            next: self.next,
            previous: self.previous,
            page_size: self.page_size,
            current_page: self.current_page,
            num_pages: self.num_pages,
        })
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.payload.into_iter()
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct RawPage<T> {
    count: u64,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    previous: Option<String>,
    #[serde(default)]
    num_pages: Option<u32>,
    #[serde(default)]
    payload: Option<Vec<T>>,
    #[serde(default)]
    results: Option<Vec<T>>,
}

/// Decodes a list body (items under `payload` or `results`).
pub fn decode_page<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
    page: u32,
    page_size: u32,
) -> Result<Page<T>> {
    let raw: RawPage<T> = serde_json::from_slice(body).map_err(|e| Error::decode(status, e, body))?;
    Ok(Page {
        payload: raw.payload.or(raw.results).unwrap_or_default(),
        count: raw.count,
        next: raw.next,
        previous: raw.previous,
        page_size,
        current_page: page,
        num_pages: raw.num_pages.unwrap_or(1),
    })
}

/// State of an `iter_all` walk: which page comes next and when to stop.
///
/// Both facades' iterators drive this one loop, so they stop, advance and
/// end on errors the same way: after an error the walk is over.
#[derive(Debug, Clone)]
pub struct Walk {
    next_page: u32,
    page_size: u32,
    done: bool,
}

impl Walk {
    /// A walk starting at page 1.
    pub fn new(page_size: u32) -> Self {
        Self { next_page: 1, page_size, done: false }
    }
    /// The page to fetch next, or `None` when the walk is over.
    pub fn next_page(&self) -> Option<(u32, u32)> {
        (!self.done).then_some((self.next_page, self.page_size))
    }
    /// Records a fetched page; returns its items.
    pub fn advance<T>(&mut self, page: Page<T>) -> Vec<T> {
        if page.has_next() && !page.payload.is_empty() {
            self.next_page += 1;
        } else {
            self.done = true;
        }
        page.payload
    }
    /// Ends the walk (after an error).
    pub fn stop(&mut self) {
        self.done = true;
    }
}

/// A JSON value for a page, used to compare with recorded output.
pub fn page_to_value<T: Serialize>(page: &Page<T>) -> Value {
    serde_json::to_value(page).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_bounds() {
        assert!(check_page(0, 10).is_err());
        assert!(check_page(1, 0).is_err());
        assert!(check_page(1, 201).is_err());
        assert!(check_page(1, 200).is_ok());
    }

    #[test]
    fn decodes_payload_or_results() {
        let p: Page<u8> = decode_page(200, br#"{"count":2,"results":[1,2],"next":"n"}"#, 1, 2).unwrap();
        assert_eq!((p.payload.clone(), p.num_pages, p.has_next()), (vec![1, 2], 1, true));
        let p: Page<u8> = decode_page(200, br#"{"count":0,"payload":[]}"#, 1, 2).unwrap();
        assert!(p.is_empty() && p.is_first() && p.is_last());
        assert!(matches!(decode_page::<u8>(200, b"<html>", 1, 2), Err(Error::Decode { .. })));
    }

    #[test]
    fn walk_stops_on_last_or_empty_page() {
        let mut w = Walk::new(2);
        let page = |next: Option<&str>, items: Vec<u8>| Page {
            payload: items,
            count: 3,
            next: next.map(String::from),
            previous: None,
            page_size: 2,
            current_page: 1,
            num_pages: 2,
        };
        assert_eq!(w.next_page(), Some((1, 2)));
        assert_eq!(w.advance(page(Some("x"), vec![1, 2])), vec![1, 2]);
        assert_eq!(w.next_page(), Some((2, 2)));
        w.advance(page(None, vec![3]));
        assert_eq!(w.next_page(), None);
        let mut w = Walk::new(2);
        w.advance(page(Some("x"), vec![]));
        assert_eq!(w.next_page(), None, "an empty page with a next link must not loop forever");
    }
}
