//! `iter_all` as a [`Stream`](futures::Stream).

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures::stream::{FusedStream, Stream};
use konigle_core::pagination::{Walk, DEFAULT_ITER_PAGE_SIZE};
use konigle_core::spec::Spec;
use konigle_core::{ListParams, Page, Resource, Result};

use crate::{Manager, Record};

type PageFuture<M> = Pin<Box<dyn Future<Output = Result<Page<M>>> + Send>>;

/// The stream `iter_all` returns: every matching resource, page after page.
///
/// Items of a page already fetched are handed out without any further
/// allocation or await; only the fetch of the next page is a future.
pub struct Items<S: Spec> {
    manager: Manager<S>,
    filters: S::Filters,
    walk: Walk,
    buffer: std::vec::IntoIter<S::Model>,
    fetching: Option<PageFuture<S::Model>>,
}

// No field is pinned in place: the page future is pinned by its box.
impl<S: Spec> Unpin for Items<S> {}

impl<S: Spec> Items<S> {
    /// Ends the walk with `error` as its last item.
    fn fail(&mut self, error: konigle_core::Error) -> Poll<Option<Result<Record<S::Model>>>> {
        self.walk.stop();
        Poll::Ready(Some(Err(error)))
    }
}

impl<S: Spec> Stream for Items<S> {
    type Item = Result<Record<S::Model>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(fetching) = this.fetching.as_mut() {
                let fetched = ready!(fetching.as_mut().poll(cx));
                this.fetching = None;
                match fetched.and_then(|mut p| this.walk.advance(&mut p, Resource::resource_id).map(|()| p)) {
                    Ok(p) => this.buffer = p.items.into_iter(),
                    Err(e) => return this.fail(e),
                }
            }
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(this.manager.record(item, true))));
            }
            let Some((page, size)) = this.walk.next_page() else {
                return Poll::Ready(None);
            };
            match this.manager.list_request(page, size, &this.filters) {
                Ok(req) => {
                    let manager = this.manager.clone();
                    this.fetching = Some(Box::pin(async move { manager.fetch_models_with(req, page, size).await }));
                }
                Err(e) => return this.fail(e),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.buffer.len(), None)
    }
}

impl<S: Spec> FusedStream for Items<S> {
    fn is_terminated(&self) -> bool {
        self.fetching.is_none() && self.buffer.len() == 0 && self.walk.next_page().is_none()
    }
}

impl<S: Spec> Manager<S> {
    /// Every resource matching the filters, fetched page by page (100 a page
    /// unless `params` sets a page size; `params`' page is ignored).
    ///
    /// The stream ends after the last page, or after yielding an error.
    /// Each item is yielded once even when the collection changes during
    /// the walk, and a server whose pages do not add up ends it with
    /// [`konigle_core::Error::Pagination`] (see [`Walk`]).
    ///
    /// ```no_run
    /// # async fn run(client: konigle::Client) -> konigle::Result<()> {
    /// use futures::TryStreamExt;
    /// let all: Vec<_> = client.images().iter_all(&Default::default()).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn iter_all(&self, params: &ListParams<S::Filters>) -> Items<S> {
        Items {
            manager: self.clone(),
            filters: params.filter_values().clone(),
            walk: Walk::new(params.page_size_set().unwrap_or(DEFAULT_ITER_PAGE_SIZE)),
            buffer: Vec::new().into_iter(),
            fetching: None,
        }
    }
}
