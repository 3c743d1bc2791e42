//! Website content: folders, pages, blog posts and glossary terms, and their publishing actions.
//!
//! The publishing actions (`publish`, `unpublish`, `change_handle`,
//! `get_crawler_view`) are written once, for every manager whose marker is
//! [`Publishable`], and once for every record of a [`PublishableResource`].

use konigle_core::filters::FolderFilters;
use konigle_core::models::{Folder, FolderType, HandleChange, Payload, PublishableResource};
use konigle_core::pagination::{ListParams, DEFAULT_PAGE_SIZE};
use konigle_core::resource::detail_request;
use konigle_core::spec::{Blogs, Folders, GlossaryTerms, Pages, Publishable};
use konigle_core::{Body, Method, Result};

use crate::api::{Client, Manager, Record};

/// Manager of content folders (`client.folders()`): CRUD, the publishing
/// actions and [`get_home_folder`](Manager::get_home_folder).
///
#[doc = doc_example!("folders")]
pub type FolderManager = Manager<Folders>;

/// Manager of pages (`client.pages()`): CRUD (with an optional content
/// file) and the publishing actions.
///
#[doc = doc_example!("pages")]
pub type PageManager = Manager<Pages>;

/// Manager of blog posts (`client.blogs()`): CRUD and the publishing actions.
///
#[doc = doc_example!("blogs")]
pub type BlogManager = Manager<Blogs>;

/// Manager of glossary terms (`client.glossary_terms()`): CRUD and the
/// publishing actions.
///
#[doc = doc_example!("glossary_terms")]
pub type GlossaryTermManager = Manager<GlossaryTerms>;

impl Client {
    /// Content folders.
    pub fn folders(&self) -> FolderManager {
        Manager::new(self.clone())
    }
    /// Pages.
    pub fn pages(&self) -> PageManager {
        Manager::new(self.clone())
    }
    /// Blog posts.
    pub fn blogs(&self) -> BlogManager {
        Manager::new(self.clone())
    }
    /// Glossary terms.
    pub fn glossary_terms(&self) -> GlossaryTermManager {
        Manager::new(self.clone())
    }
}

/// Sends `POST {resource}{action}` with `body` and decodes the resource.
#[crate::facade]
async fn content_action<T: PublishableResource>(client: &Client, id: &str, action: &str, body: Body) -> Result<T> {
    let req = detail_request::<T>(Method::Post, id)?.suffix(action).body(body);
    client.fetch(req).await
}

/// The `change-handle` body, checked before anything is sent.
fn handle_change(handle: &str, redirect: bool) -> Result<Body> {
    HandleChange::builder().handle(handle).redirect(redirect).build().into_body()
}

/// `GET {resource}/crawler-view`, as text.
#[crate::facade]
async fn crawler_view<T: PublishableResource>(client: &Client, id: &str) -> Result<String> {
    let resp = client.execute(detail_request::<T>(Method::Get, id)?.suffix("/crawler-view")).await?;
    Ok(String::from_utf8_lossy(&resp.body).into_owned())
}

#[crate::facade]
impl<S: Publishable> Manager<S> {
    /// Publishes the resource and returns its new state.
    pub async fn publish(&self, id: &str) -> Result<Record<S::Model>> {
        let value = content_action::<S::Model>(&self.client, id, "/publish", Body::None).await?;
        Ok(self.record(value, false))
    }

    /// Unpublishes the resource and returns its new state.
    pub async fn unpublish(&self, id: &str) -> Result<Record<S::Model>> {
        let value = content_action::<S::Model>(&self.client, id, "/unpublish", Body::None).await?;
        Ok(self.record(value, false))
    }

    /// Changes the resource's handle (lower-cased), without a redirect from
    /// the old URL.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for a handle with characters
    /// other than letters, digits, hyphens and underscores (nothing is
    /// sent), or any API error.
    pub async fn change_handle(&self, id: &str, new_handle: &str) -> Result<Record<S::Model>> {
        let body = handle_change(new_handle, false)?;
        let value = content_action::<S::Model>(&self.client, id, "/change-handle", body).await?;
        Ok(self.record(value, false))
    }

    /// Changes the resource's handle (lower-cased) and redirects the old URL
    /// to the new one.
    ///
    /// # Errors
    /// As [`change_handle`](Self::change_handle).
    pub async fn change_handle_with_redirect(&self, id: &str, new_handle: &str) -> Result<Record<S::Model>> {
        let body = handle_change(new_handle, true)?;
        let value = content_action::<S::Model>(&self.client, id, "/change-handle", body).await?;
        Ok(self.record(value, false))
    }

    /// The page as served to search engine crawlers (the response body, as text).
    pub async fn get_crawler_view(&self, id: &str) -> Result<String> {
        crawler_view::<S::Model>(&self.client, id).await
    }
}

#[crate::facade]
impl<T: PublishableResource> Record<T> {
    /// Replaces the record with the answer of a publishing action. Unsaved
    /// changes are dropped, as with `reload`.
    async fn apply_action(&mut self, action: &str, body: Body) -> Result<&mut Self> {
        let value: T = content_action::<T>(self.client(), self.resource_id(), action, body).await?;
        *self = Record::new(value, false, self.client().clone());
        Ok(self)
    }

    /// Publishes the resource; the record takes the server's new state.
    pub async fn publish(&mut self) -> Result<&mut Self> {
        self.apply_action("/publish", Body::None).await
    }

    /// Unpublishes the resource; the record takes the server's new state.
    pub async fn unpublish(&mut self) -> Result<&mut Self> {
        self.apply_action("/unpublish", Body::None).await
    }

    /// Changes the handle (lower-cased), without a redirect from the old
    /// URL; the record takes the server's new state.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for an invalid handle (nothing
    /// is sent), or any API error.
    pub async fn change_handle(&mut self, new_handle: &str) -> Result<&mut Self> {
        let body = handle_change(new_handle, false)?;
        self.apply_action("/change-handle", body).await
    }

    /// Changes the handle (lower-cased) and redirects the old URL to the new
    /// one; the record takes the server's new state.
    pub async fn change_handle_with_redirect(&mut self, new_handle: &str) -> Result<&mut Self> {
        let body = handle_change(new_handle, true)?;
        self.apply_action("/change-handle", body).await
    }

    /// The page as served to search engine crawlers (the response body, as text).
    pub async fn get_crawler_view(&self) -> Result<String> {
        crawler_view::<T>(self.client(), self.resource_id()).await
    }
}

#[crate::facade]
impl Manager<Folders> {
    /// The site's home folder (the original version of the folder of type
    /// home), or `None` when there is none. With `detail`, the folder is
    /// fetched in full (a second request).
    pub async fn get_home_folder(&self, detail: bool) -> Result<Option<Record<Folder>>> {
        let filters = FolderFilters::builder().folder_type(FolderType::Home).is_original_version(true).build();
        let params = ListParams::with_filters(filters).page(1).page_size(DEFAULT_PAGE_SIZE);
        let Some(mut folder) = self.list(&params).await?.items.into_iter().next() else {
            return Ok(None);
        };
        if detail {
            folder.load_detail().await?;
        }
        Ok(Some(folder))
    }
}
