//! `iter_all` as a [`Stream`](futures::Stream).

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, Stream};
use konigle_core::pagination::{Walk, DEFAULT_ITER_PAGE_SIZE};
use konigle_core::spec::Spec;
use konigle_core::{ListParams, Resource, Result};

use crate::{Manager, Record};

type BoxedItems<M> = Pin<Box<dyn Stream<Item = Result<Record<M>>> + Send>>;

/// The stream `iter_all` returns: every matching resource, page after page.
pub struct Items<S: Spec> {
    inner: BoxedItems<S::Model>,
}

impl<S: Spec> Stream for Items<S> {
    type Item = Result<Record<S::Model>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

struct State<S: Spec> {
    manager: Manager<S>,
    filters: S::Filters,
    walk: Walk,
    buffer: std::vec::IntoIter<S::Model>,
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
        let state = State::<S> {
            manager: self.clone(),
            filters: params.filter_values().clone(),
            walk: Walk::new(params.page_size_set().unwrap_or(DEFAULT_ITER_PAGE_SIZE)),
            buffer: Vec::new().into_iter(),
        };
        let inner = Box::pin(stream::unfold(state, |mut st| async move {
            loop {
                if let Some(item) = st.buffer.next() {
                    let record = st.manager.record(item, true);
                    return Some((Ok(record), st));
                }
                let (page, size) = st.walk.next_page()?;
                let fetched = st.manager.fetch_models(page, size, &st.filters).await;
                match fetched.and_then(|mut p| st.walk.advance(&mut p, Resource::resource_id).map(|()| p)) {
                    Ok(p) => st.buffer = p.items.into_iter(),
                    Err(e) => {
                        st.walk.stop();
                        return Some((Err(e), st));
                    }
                }
            }
        }));
        Items { inner }
    }
}
