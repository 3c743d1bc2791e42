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
///     .filters(ImageFilters::builder().q("sunset").build());
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
#[doc(hidden)]
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
#[doc(hidden)]
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
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page (`payload` on the wire).
    #[serde(rename = "payload")]
    pub items: Vec<T>,
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
        self.items.len()
    }
    /// Whether this page has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Maps every item.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
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
            items: self.items.into_iter().map(f).collect::<std::result::Result<_, E>>()?,
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
        self.items.into_iter()
    }
}

/// `for item in &page` walks the items by reference.
impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
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
#[doc(hidden)]
pub fn decode_page<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
    page: u32,
    page_size: u32,
) -> Result<Page<T>> {
    let raw: RawPage<T> = crate::resource::parse_json(body).map_err(|e| Error::decode(status, e, body))?;
    Ok(Page {
        items: raw.payload.or(raw.results).unwrap_or_default(),
        count: raw.count,
        next: raw.next,
        previous: raw.previous,
        page_size,
        current_page: page,
        num_pages: raw.num_pages.unwrap_or(1),
    })
}

/// Requests a walk may make beyond the page count the server reported.
#[doc(hidden)]
pub const WALK_MARGIN: u32 = 3;
/// Pages in a row without a new item after which the walk gives up (the
/// server repeats pages or ignores the page parameter).
#[doc(hidden)]
pub const WALK_STALE_LIMIT: u32 = 2;

/// State of an `iter_all` walk: which page comes next, which items were
/// already yielded, and when to stop.
///
/// Both facades' iterators drive this one loop, so they stop, advance and
/// end on errors the same way: after an error the walk is over.
///
/// The walk copes with a collection that changes under it:
/// - an item inserted before the cursor shifts a yielded item onto the next
///   page: items are deduplicated by id (only ids are kept);
/// - an item deleted before the cursor shifts an unseen item onto a page
///   already read: when `count` shrinks the walk steps back and re-reads,
///   skipping the ids it yielded;
/// - an empty page that still has a `next` link does not end the walk.
///
/// Memory: 8 bytes per yielded id (a digest, see [`Walk::advance`]).
///
/// It is bounded: at most the page count the server reported (the largest
/// seen, plus the pages re-read after shrinking) plus [`WALK_MARGIN`]
/// requests, and [`WALK_STALE_LIMIT`] pages in a row without a new item end
/// it with [`Error::Pagination`].
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct Walk {
    next_page: u32,
    page_size: u32,
    done: bool,
    seen: std::collections::HashSet<u64, std::hash::BuildHasherDefault<IdHasher>>,
    last_count: Option<u64>,
    requests: u32,
    budget: u32,
    stale: u32,
}

impl Walk {
    /// A walk starting at page 1.
    pub fn new(page_size: u32) -> Self {
        Self {
            next_page: 1,
            page_size: page_size.max(1),
            done: false,
            seen: Default::default(),
            last_count: None,
            requests: 0,
            budget: 1 + WALK_MARGIN,
            stale: 0,
        }
    }
    /// The page to fetch next, or `None` when the walk is over.
    pub fn next_page(&self) -> Option<(u32, u32)> {
        (!self.done).then_some((self.next_page, self.page_size))
    }
    /// Records a fetched page, keeping in `page.items` only the items not
    /// yielded before (`id` names an item), in place.
    ///
    /// # Errors
    /// [`Error::Pagination`] when the server's pages do not add up; the walk
    /// is then over.
    pub fn advance<T>(&mut self, page: &mut Page<T>, id: impl Fn(&T) -> &str) -> Result<()> {
        self.requests += 1;
        let size = u64::from(self.page_size);
        let pages_by_count = u32::try_from(page.count.div_ceil(size)).unwrap_or(u32::MAX);
        let reported = page.num_pages.max(pages_by_count);
        self.budget = self.budget.max(reported.saturating_add(WALK_MARGIN));
        let received = page.items.len();
        page.items.retain(|item| self.seen.insert(id_hash(id(item))));
        let fresh = page.items.len();
        let current = self.next_page;
        let shrunk = self.last_count.map_or(0, |before| before.saturating_sub(page.count));
        self.last_count = Some(page.count);
        if received > 0 && fresh == 0 && shrunk == 0 {
            self.stale += 1;
        } else {
            self.stale = 0;
        }
        if shrunk > 0 {
            // Items before the cursor were deleted: unseen ones moved onto
            // pages already read. Step back over as many pages as were lost.
            let back = u32::try_from(shrunk.div_ceil(size)).unwrap_or(u32::MAX);
            self.next_page = current.saturating_sub(back).max(1);
            self.budget = self.budget.saturating_add(back.saturating_add(1));
        } else if page.has_next() {
            self.next_page = current.saturating_add(1);
        } else {
            self.done = true;
            return Ok(());
        }
        if self.stale >= WALK_STALE_LIMIT {
            self.done = true;
            return Err(Error::Pagination {
                message: format!(
                    "{} pages in a row brought no new item (page {current} repeats earlier pages)",
                    self.stale
                ),
                requests: self.requests,
            });
        }
        if self.requests >= self.budget {
            self.done = true;
            return Err(Error::Pagination {
                message: format!(
                    "the server reported {reported} pages of {} items but still links a next page",
                    self.page_size
                ),
                requests: self.requests,
            });
        }
        Ok(())
    }
    /// Ends the walk (after an error).
    pub fn stop(&mut self) {
        self.done = true;
    }
    /// How many pages were requested so far.
    pub fn requests(&self) -> u32 {
        self.requests
    }
}

/// The 64-bit digest a walk keeps of each yielded id (8 bytes an item,
/// whatever the id's length). SipHash with fixed keys: two ids of one walk
/// share a digest with a probability of about n²/2⁶⁵ (1 in 36 million for a
/// million items).
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The set of digests hashes them no further: they are already uniform.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A JSON value for a page, used to compare with recorded output.
#[doc(hidden)]
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
        assert_eq!((p.items.clone(), p.num_pages, p.has_next()), (vec![1, 2], 1, true));
        let p: Page<u8> = decode_page(200, br#"{"count":0,"payload":[]}"#, 1, 2).unwrap();
        assert!(p.is_empty() && p.is_first() && p.is_last());
        assert!(matches!(decode_page::<u8>(200, b"<html>", 1, 2), Err(Error::Decode { .. })));
    }

    fn page(n: u32, ids: &[u32], count: u64, next: bool) -> Page<String> {
        Page {
            items: ids.iter().map(u32::to_string).collect(),
            count,
            next: next.then(|| "x".to_string()),
            previous: None,
            page_size: 2,
            current_page: n,
            num_pages: count.div_ceil(2) as u32,
        }
    }

    /// Runs a walk against `server(page) -> page`, returning the yielded
    /// items and the final result.
    fn run(mut server: impl FnMut(u32) -> Page<String>) -> (Vec<u32>, Result<()>, u32) {
        let mut w = Walk::new(2);
        let mut out = vec![];
        while let Some((n, _)) = w.next_page() {
            let mut p = server(n);
            if let Err(e) = w.advance(&mut p, String::as_str) {
                return (out, Err(e), w.requests());
            }
            out.extend(p.items.iter().map(|i| i.parse::<u32>().expect("numeric id")));
            assert!(w.requests() < 100, "unbounded walk");
        }
        (out, Ok(()), w.requests())
    }

    #[test]
    fn walk_stops_on_the_last_page() {
        let (items, res, n) = run(|n| match n {
            1 => page(1, &[1, 2], 3, true),
            _ => page(2, &[3], 3, false),
        });
        assert_eq!((items, res.is_ok(), n), (vec![1, 2, 3], true, 2));
    }

    #[test]
    fn inserted_before_the_cursor_is_not_yielded_twice() {
        // After page 1, item 0 is inserted at the front: 2 moves to page 2.
        let (items, res, _) = run(|n| match n {
            1 => page(1, &[1, 2], 4, true),
            2 => page(2, &[2, 3], 5, true),
            _ => page(3, &[4], 5, false),
        });
        assert_eq!((items, res.is_ok()), (vec![1, 2, 3, 4], true));
    }

    #[test]
    fn deleted_before_the_cursor_does_not_hide_another() {
        // After page 1, item 1 is deleted: 3 moves to page 1, 4 and 5 to page 2.
        let mut deleted = false;
        let (mut items, res, n) = run(|n| match (n, deleted) {
            (1, false) => {
                deleted = true;
                page(1, &[1, 2], 5, true)
            }
            (1, true) => page(1, &[2, 3], 4, true),
            (2, _) => page(2, &[4, 5], 4, false),
            _ => page(n, &[], 4, false),
        });
        items.sort();
        assert_eq!((items, res.is_ok()), (vec![1, 2, 3, 4, 5], true));
        assert!(n <= 4, "{n} requests");
    }

    #[test]
    fn empty_page_with_next_continues() {
        let (items, res, _) = run(|n| match n {
            1 => page(1, &[], 3, true),
            2 => page(2, &[1, 2], 3, true),
            _ => page(3, &[3], 3, false),
        });
        assert_eq!((items, res.is_ok()), (vec![1, 2, 3], true));
    }

    #[test]
    fn ignored_page_parameter_ends_with_an_error() {
        let (items, res, n) = run(|_| page(1, &[1, 2], 10, true));
        assert_eq!(items, vec![1, 2]);
        assert!(matches!(res, Err(Error::Pagination { .. })), "{res:?}");
        assert_eq!(n, 1 + WALK_STALE_LIMIT);
    }

    #[test]
    fn endless_next_links_are_bounded_by_the_reported_pages() {
        let (_, res, n) = run(|n| page(n, &[n * 2, n * 2 + 1], 4, true));
        assert!(matches!(res, Err(Error::Pagination { .. })), "{res:?}");
        assert_eq!(n, 2 + WALK_MARGIN);
        let (_, res, n) = run(|n| page(n, &[], 4, true));
        assert!(matches!(res, Err(Error::Pagination { .. })), "{res:?}");
        assert_eq!(n, 2 + WALK_MARGIN);
    }
}
