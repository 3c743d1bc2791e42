//! Actions of images, videos and documents beyond CRUD.

use konigle_core::models::{Document, Image, ImageGenerate, Payload, Video};
use konigle_core::pagination::{self, ListParams, Page};
use konigle_core::resource::collection_request;
use konigle_core::spec::{Documents, Images, Spec, Videos};
use konigle_core::{Method, Query, Result};

use crate::api::{Manager, Record};

/// Page size of `search` when the parameters set none.
const SEARCH_PAGE_SIZE: u32 = 10;

#[crate::facade]
impl<S: Spec> Manager<S> {
    /// Full-text search over one asset kind.
    pub(crate) async fn search_assets(
        &self,
        kind: &str,
        query: &str,
        params: &ListParams<()>,
    ) -> Result<Page<Record<S::Model>>> {
        let page = params.page_number();
        let page_size = params.page_size_set().unwrap_or(SEARCH_PAGE_SIZE);
        pagination::check_page(page, page_size)?;
        let mut q = Query::default();
        q.push("q", query);
        q.push("asset_type", kind);
        q.push("page", page);
        q.push("page_size", page_size);
        let req = collection_request::<S::Model>(Method::Get).suffix("/search").query(q);
        self.fetch_page_with(req, page, page_size).await
    }
}

#[crate::facade]
impl Manager<Images> {
    /// Generates an image from a text prompt and stores it as an asset.
    pub async fn generate(&self, data: ImageGenerate) -> Result<Record<Image>> {
        let req = collection_request::<Image>(Method::Post).suffix("/generate-image").body(data.into_body()?);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }

    /// Searches images by text: page 1 of 10 results unless `params` set
    /// another page or page size (`params` carries no filters).
    pub async fn search(&self, query: &str, params: &ListParams<()>) -> Result<Page<Record<Image>>> {
        self.search_assets("image", query, params).await
    }
}

#[crate::facade]
impl Manager<Videos> {
    /// Searches videos by text: page 1 of 10 results unless `params` set
    /// another page or page size (`params` carries no filters).
    pub async fn search(&self, query: &str, params: &ListParams<()>) -> Result<Page<Record<Video>>> {
        self.search_assets("video", query, params).await
    }
}

#[crate::facade]
impl Manager<Documents> {
    /// Searches documents by text: page 1 of 10 results unless `params` set
    /// another page or page size (`params` carries no filters).
    pub async fn search(&self, query: &str, params: &ListParams<()>) -> Result<Page<Record<Document>>> {
        self.search_assets("document", query, params).await
    }
}
