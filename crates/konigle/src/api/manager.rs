use std::marker::PhantomData;

use konigle_core::filters::Filters;
use konigle_core::models::Payload;
use konigle_core::pagination::{self, decode_page, ListParams, Page};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{self, Spec};
use konigle_core::{Method, Request, Result};

use super::{Client, Record};

/// The manager of one resource collection: `Manager<Images>` is what
/// `client.images()` returns.
///
/// Every manager offers `list` and `iter_all`; `get`, `create`, `update`
/// and `delete` exist where the API offers them (see [`konigle_core::spec`](mod@konigle_core::spec)).
/// Resource-specific actions (`images().generate`, `campaigns().start`, …)
/// are documented on the corresponding `Manager<…>` impl.
pub struct Manager<S: Spec> {
    pub(crate) client: Client,
    _spec: PhantomData<fn() -> S>,
}

impl<S: Spec> Clone for Manager<S> {
    fn clone(&self) -> Self {
        Manager::new(self.client.clone())
    }
}

impl<S: Spec> std::fmt::Debug for Manager<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Manager<{}>", <S::Model as konigle_core::Resource>::NAME)
    }
}

impl<S: Spec> Manager<S> {
    pub(crate) fn new(client: Client) -> Self {
        Manager { client, _spec: PhantomData }
    }

    /// This manager with a different timeout per request (see [`Client::with_timeout`]).
    pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
        Manager::new(self.client.with_timeout(timeout))
    }

    /// This manager with an overall deadline per call, retries included
    /// (see [`Client::with_operation_timeout`]).
    pub fn with_operation_timeout(&self, timeout: std::time::Duration) -> Self {
        Manager::new(self.client.with_operation_timeout(timeout))
    }

    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Wraps server data as a record of this manager's model.
    pub(crate) fn record(&self, value: S::Model, partial: bool) -> Record<S::Model> {
        Record::new(value, partial, self.client.clone())
    }

    /// The list request for `page` with `filters` (validated, nothing sent).
    pub(crate) fn list_request(&self, page: u32, page_size: u32, filters: &S::Filters) -> Result<Request> {
        let query = pagination::list_query(page, page_size, filters.to_query()?)?;
        Ok(collection_request::<S::Model>(Method::Get).query(query))
    }
}

#[crate::facade]
impl<S: Spec> Manager<S> {
    /// One page of resources matching the filters (page 1 of 20 by default).
    ///
    /// Items are partial: fields only the detail endpoint returns are
    /// missing until [`Record::load_detail`].
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for a page below 1 or a page size
    /// outside 1..=200 (nothing is sent), or any API error.
    pub async fn list(&self, params: &ListParams<S::Filters>) -> Result<Page<Record<S::Model>>> {
        let page = params.page_number();
        let size = params.page_size_set().unwrap_or(pagination::DEFAULT_PAGE_SIZE);
        self.fetch_page(page, size, params.filter_values()).await
    }

    /// One page, as `list` and `iter_all` fetch it.
    pub(crate) async fn fetch_page(
        &self,
        page: u32,
        size: u32,
        filters: &S::Filters,
    ) -> Result<Page<Record<S::Model>>> {
        let req = self.list_request(page, size, filters)?;
        self.fetch_page_with(req, page, size).await
    }

    /// Sends a prepared list request and decodes its page.
    pub(crate) async fn fetch_page_with(&self, req: Request, page: u32, size: u32) -> Result<Page<Record<S::Model>>> {
        let page = self.fetch_models_with(req, page, size).await?;
        Ok(page.map(|item| self.record(item, true)))
    }

    /// Sends a prepared list request and decodes its page of plain models,
    /// as `iter_all` walks them (records are made as items are yielded).
    pub(crate) async fn fetch_models_with(&self, req: Request, page: u32, size: u32) -> Result<Page<S::Model>> {
        let resp = self.client.execute(req).await?;
        decode_page(resp.status, &resp.body, page, size).map_err(|e| self.client.scrub(e))
    }
}

#[crate::facade]
impl<S: spec::Get> Manager<S> {
    /// The resource with this id, with every detail field.
    pub async fn get(&self, id: &str) -> Result<Record<S::Model>> {
        let value = self.client.fetch(detail_request::<S::Model>(Method::Get, id)?).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl<S: spec::Create> Manager<S> {
    /// Creates a resource.
    ///
    /// The payload is validated first; an invalid one is an
    /// [`konigle_core::Error::InvalidInput`] (or [`konigle_core::Error::File`]
    /// for an unreadable file) and nothing is sent. Payloads with files are
    /// sent as `multipart/form-data`, files on disk streamed.
    pub async fn create(&self, data: <S as spec::Create>::Payload) -> Result<Record<S::Model>> {
        let req = collection_request::<S::Model>(Method::Post).body(data.into_body()?);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl<S: spec::Update> Manager<S> {
    /// Updates the fields set in `data` (a `PATCH`) and returns the new state.
    pub async fn update(&self, id: &str, data: <S as spec::Update>::Payload) -> Result<Record<S::Model>> {
        let req = detail_request::<S::Model>(Method::Patch, id)?.body(data.into_body()?);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl<S: spec::Delete> Manager<S> {
    /// Deletes the resource. Any 2xx answer is success.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.execute(detail_request::<S::Model>(Method::Delete, id)?).await?;
        Ok(())
    }
}
