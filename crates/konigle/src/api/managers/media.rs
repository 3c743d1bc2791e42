//! Actions of images, videos and documents beyond CRUD.

use konigle_core::models::{Document, Image, ImageGenerate, Payload, Video};
use konigle_core::pagination::{self, Page};
use konigle_core::resource::collection_request;
use konigle_core::spec::{Documents, Images, Spec, Videos};
use konigle_core::{Method, Query, Result};

use crate::api::{Manager, Record};

/// Page size of `search` when none is given.
pub const SEARCH_PAGE_SIZE: u32 = 10;

#[crate::facade]
impl<S: Spec> Manager<S> {
    /// Full-text search over one asset kind.
    pub(crate) async fn search_assets(
        &self,
        kind: &str,
        query: &str,
        page: u32,
        page_size: u32,
    ) -> Result<Page<Record<S::Model>>> {
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

    /// Searches images by text; `page_size` defaults to 10 when `None`.
    pub async fn search(&self, query: &str, page: u32, page_size: Option<u32>) -> Result<Page<Record<Image>>> {
        self.search_assets("image", query, page, page_size.unwrap_or(SEARCH_PAGE_SIZE)).await
    }
}

#[crate::facade]
impl Manager<Videos> {
    /// Searches videos by text; `page_size` defaults to 10 when `None`.
    pub async fn search(&self, query: &str, page: u32, page_size: Option<u32>) -> Result<Page<Record<Video>>> {
        self.search_assets("video", query, page, page_size.unwrap_or(SEARCH_PAGE_SIZE)).await
    }
}

#[crate::facade]
impl Manager<Documents> {
    /// Searches documents by text; `page_size` defaults to 10 when `None`.
    pub async fn search(&self, query: &str, page: u32, page_size: Option<u32>) -> Result<Page<Record<Document>>> {
        self.search_assets("document", query, page, page_size.unwrap_or(SEARCH_PAGE_SIZE)).await
    }
}
