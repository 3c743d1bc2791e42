//! `iter_all` as a [`Stream`](futures::Stream).

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, Stream};
use konigle_core::pagination::{Walk, DEFAULT_ITER_PAGE_SIZE};
use konigle_core::spec::Spec;
use konigle_core::{ListParams, Result};

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
    buffer: VecDeque<Record<S::Model>>,
}

impl<S: Spec> Manager<S> {
    /// Every resource matching the filters, fetched page by page (100 a page
    /// unless `params` sets a page size; `params`' page is ignored).
    ///
    /// The stream ends after the last page, or after yielding an error.
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
            buffer: VecDeque::new(),
        };
        let inner = Box::pin(stream::unfold(state, |mut st| async move {
            loop {
                if let Some(item) = st.buffer.pop_front() {
                    return Some((Ok(item), st));
                }
                let (page, size) = st.walk.next_page()?;
                match st.manager.fetch_page(page, size, &st.filters).await {
                    Ok(p) => st.buffer.extend(st.walk.advance(p)),
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
