//! `iter_all` as an [`Iterator`].

use konigle_core::pagination::{Walk, DEFAULT_ITER_PAGE_SIZE};
use konigle_core::spec::Spec;
use konigle_core::{ListParams, Resource, Result};

use crate::{Manager, Record};

/// The iterator `iter_all` returns: every matching resource, page after page.
pub struct Items<S: Spec> {
    manager: Manager<S>,
    filters: S::Filters,
    walk: Walk,
    buffer: std::vec::IntoIter<S::Model>,
}

impl<S: Spec> Iterator for Items<S> {
    type Item = Result<Record<S::Model>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Some(Ok(self.manager.record(item, true)));
            }
            let (page, size) = self.walk.next_page()?;
            let fetched = self
                .manager
                .list_request(page, size, &self.filters)
                .and_then(|req| self.manager.fetch_models_with(req, page, size));
            match fetched.and_then(|mut p| self.walk.advance(&mut p, Resource::resource_id).map(|()| p)) {
                Ok(p) => self.buffer = p.items.into_iter(),
                Err(e) => {
                    self.walk.stop();
                    return Some(Err(e));
                }
            }
        }
    }
}

impl<S: Spec> std::iter::FusedIterator for Items<S> {}

impl<S: Spec> Manager<S> {
    /// Every resource matching the filters, fetched page by page (100 a page
    /// unless `params` sets a page size; `params`' page is ignored).
    ///
    /// The iterator ends after the last page, or after yielding an error.
    /// Each item is yielded once even when the collection changes during
    /// the walk, and a server whose pages do not add up ends it with
    /// [`konigle_core::Error::Pagination`] (see [`Walk`]).
    ///
    /// ```no_run
    /// # fn run(client: konigle_blocking::Client) -> konigle_blocking::Result<()> {
    /// for image in client.images().iter_all(&Default::default()) {
    ///     println!("{}", image?.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn iter_all(&self, params: &ListParams<S::Filters>) -> Items<S> {
        Items {
            manager: self.clone(),
            filters: params.filter_values().clone(),
            walk: Walk::new(params.page_size_set().unwrap_or(DEFAULT_ITER_PAGE_SIZE)),
            buffer: Vec::new().into_iter(),
        }
    }
}
