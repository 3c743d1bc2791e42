//! Uploads, connections and forms.

use konigle_core::filters::FormFilters;
use konigle_core::models::form::{self, FormCreated};
use konigle_core::models::{
    CloudUpload, CloudUploadCreate, Credentials, Form, FormCreate, FormSubmission, Payload, Upload,
};
use konigle_core::pagination::{self, decode_page, ListParams, Page};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{self, Connections, Forms, Uploads};
use konigle_core::{Method, Result};

use crate::api::{Client, Manager, Record};

impl Client {
    /// Uploads: private files stored for the site.
    pub fn uploads(&self) -> UploadManager {
        Manager::new(self.clone())
    }
    /// Connections to third-party services (read-only) and their credentials.
    pub fn connections(&self) -> ConnectionManager {
        Manager::new(self.clone())
    }
    /// Forms and their submissions, on the forms service.
    pub fn forms(&self) -> FormManager {
        FormManager { inner: Manager::new(self.clone()) }
    }
}

/// Manager of uploads (`client.uploads()`): list, get, create, delete, and
/// the steps of a direct-to-cloud upload. Uploads cannot be updated.
///
#[doc = doc_example!("uploads")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type UploadManager = Manager<spec::Uploads>;

/// Manager of connections (`client.connections()`): list, get, iter_all and
/// [`get_credentials`](Manager::get_credentials). Connections are created,
/// changed and deleted in the Konigle admin only.
///
#[doc = doc_example!("connections")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type ConnectionManager = Manager<spec::Connections>;

#[crate::facade]
impl Manager<Uploads> {
    /// Asks for a presigned URL to send a file directly to cloud storage.
    ///
    /// Send the bytes to [`CloudUpload::upload_url`], then report with
    /// [`mark_started`](Self::mark_started),
    /// [`mark_completed`](Self::mark_completed) or
    /// [`mark_failed`](Self::mark_failed).
    pub async fn create_cloud_upload(&self, data: CloudUploadCreate) -> Result<CloudUpload> {
        let req = collection_request::<Upload>(Method::Post).suffix("/create-cloud-upload").body(data.into_body()?);
        self.client.fetch(req).await
    }

    /// Records that sending a direct-to-cloud upload's bytes started.
    pub async fn mark_started(&self, id: &str) -> Result<Record<Upload>> {
        self.upload_action(id, "/mark-started").await
    }

    /// Records that a direct-to-cloud upload finished.
    pub async fn mark_completed(&self, id: &str) -> Result<Record<Upload>> {
        self.upload_action(id, "/mark-completed").await
    }

    /// Records that a direct-to-cloud upload failed.
    pub async fn mark_failed(&self, id: &str) -> Result<Record<Upload>> {
        self.upload_action(id, "/mark-failed").await
    }

    /// A bodyless `POST {id}{action}` answered with the upload.
    async fn upload_action(&self, id: &str, action: &str) -> Result<Record<Upload>> {
        let req = detail_request::<Upload>(Method::Post, id)?.suffix(action);
        let value = self.client.fetch(req).await?;
        Ok(self.record(value, false))
    }
}

#[crate::facade]
impl Manager<Connections> {
    /// The credentials of the connection to `provider` (e.g. `konigle_forms`).
    ///
    /// The values are secrets: [`Credentials`] never prints them.
    pub async fn get_credentials(&self, provider: &str) -> Result<Credentials> {
        self.client.fetch(konigle_core::models::connections::credentials_request(provider)).await
    }
}

/// Manager of forms (`client.forms()`): list, get, create, iter_all and
/// list_submissions on the forms service.
///
/// The client authenticates with the forms service by itself: the first
/// forms call fetches the `konigle_forms` connection's access token, which
/// is then reused (and fetched again after a 401). Forms are addressed by
/// slug. They cannot be updated or deleted through the API.
///
#[doc = doc_example!("forms")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
#[derive(Clone, Debug)]
pub struct FormManager {
    inner: Manager<Forms>,
}

impl FormManager {
    /// The client this manager belongs to.
    pub fn client(&self) -> &Client {
        self.inner.client()
    }

    /// Every form, fetched page by page (100 a page unless `params` sets a
    /// page size; `params`' page is ignored).
    pub fn iter_all(&self, params: &ListParams<FormFilters>) -> crate::Items<Forms> {
        self.inner.iter_all(params)
    }
}

#[crate::facade]
impl FormManager {
    /// One page of forms (page 1 of 20 by default).
    ///
    /// The forms service does not report the number of pages, so
    /// [`Page::num_pages`] is the count divided by the page size, rounded up.
    pub async fn list(&self, params: &ListParams<FormFilters>) -> Result<Page<Record<Form>>> {
        let page = params.page_number();
        let size = params.page_size_set().unwrap_or(pagination::DEFAULT_PAGE_SIZE);
        let mut out = self.inner.fetch_page(page, size, params.filter_values()).await?;
        out.num_pages = form::form_page_count(out.count, size);
        Ok(out)
    }

    /// The form with this slug.
    pub async fn get(&self, slug: &str) -> Result<Record<Form>> {
        self.inner.get(slug).await
    }

    /// Creates a form and returns it as the service then stores it (the
    /// creation answer is partial, so the form is fetched by its new slug).
    pub async fn create(&self, data: FormCreate) -> Result<Record<Form>> {
        let created: FormCreated = self.inner.client.fetch(form::create_request(data.into_body()?)).await?;
        self.get(&created.slug).await
    }

    /// One page of a form's submissions (page 1 of 20 by default).
    ///
    /// [`Page::num_pages`] is the count divided by the page size, rounded up.
    pub async fn list_submissions(&self, slug: &str, params: &ListParams<FormFilters>) -> Result<Page<FormSubmission>> {
        use konigle_core::filters::Filters;
        let page = params.page_number();
        let size = params.page_size_set().unwrap_or(pagination::DEFAULT_PAGE_SIZE);
        let query = pagination::list_query(page, size, params.filter_values().to_query()?)?;
        let req = form::submissions_request(slug)?.query(query);
        let resp = self.inner.client.execute(req).await?;
        let mut out: Page<FormSubmission> = decode_page(resp.status, &resp.body, page, size)?;
        out.num_pages = form::form_page_count(out.count, size);
        Ok(out)
    }
}
