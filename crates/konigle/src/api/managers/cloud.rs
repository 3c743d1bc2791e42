//! Cloud hosting: computers, web apps, spaces and jobs, reached through
//! [`Client::cloud`].

use konigle_core::models::{
    Computer, ComputerCreate, ComputerCreateResponse, Deployment, NameAvailability, Payload, SpaceDeploy, WebApp,
    WebAppCreate, WebAppCreateResponse,
};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{CloudComputers, CloudJobs, CloudSpaces, CloudWebApps};
use konigle_core::{Method, Query, Result};
use serde::Serialize;

use crate::api::{Client, Manager, Record};

/// The manager of a resource whose creation is provisioned: the generic
/// [`Manager`] of `S` (list, get, update, delete, through `Deref`) plus its
/// own `create`, which answers with the job doing the provisioning as well.
pub struct ProvisionedManager<S: konigle_core::spec::Spec> {
    inner: Manager<S>,
}

impl<S: konigle_core::spec::Spec> ProvisionedManager<S> {
    fn new(client: Client) -> Self {
        ProvisionedManager { inner: Manager::new(client) }
    }
}

impl<S: konigle_core::spec::Spec> Clone for ProvisionedManager<S> {
    fn clone(&self) -> Self {
        ProvisionedManager { inner: self.inner.clone() }
    }
}

impl<S: konigle_core::spec::Spec> std::fmt::Debug for ProvisionedManager<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl<S: konigle_core::spec::Spec> std::ops::Deref for ProvisionedManager<S> {
    type Target = Manager<S>;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

/// Manager of cloud computers (`client.cloud().computers()`), with
/// [`create`](ComputerManager::create) answering with the provisioning job.
///
#[doc = doc_example!("computers")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type ComputerManager = ProvisionedManager<CloudComputers>;
/// Manager of cloud web apps (`client.cloud().webapps()`), with
/// [`create`](WebAppManager::create) answering with the provisioning job,
/// and the name check.
///
#[doc = doc_example!("webapps")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type WebAppManager = ProvisionedManager<CloudWebApps>;
/// Manager of cloud spaces (`client.cloud().spaces()`).
///
#[doc = doc_example!("spaces")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type SpaceManager = Manager<CloudSpaces>;
/// Manager of cloud jobs (`client.cloud().jobs()`).
///
#[doc = doc_example!("jobs")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type JobManager = Manager<CloudJobs>;

/// The cloud hosting managers.
///
#[doc = doc_example!("cloud")]
#[derive(Debug, Clone)]
pub struct Cloud {
    client: Client,
}

impl Cloud {
    /// Computers (virtual machines).
    pub fn computers(&self) -> ComputerManager {
        ProvisionedManager::new(self.client.clone())
    }
    /// Web apps hosted on computers.
    pub fn webapps(&self) -> WebAppManager {
        ProvisionedManager::new(self.client.clone())
    }
    /// The `uat` and `production` spaces of web apps.
    pub fn spaces(&self) -> SpaceManager {
        Manager::new(self.client.clone())
    }
    /// Jobs tracking provisioning and deployments.
    pub fn jobs(&self) -> JobManager {
        Manager::new(self.client.clone())
    }
    /// The client these managers belong to.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

impl Client {
    /// Cloud hosting: computers, web apps, spaces and jobs.
    pub fn cloud(&self) -> Cloud {
        Cloud { client: self.clone() }
    }
}

/// A computer being provisioned, and the job to follow.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ComputerCreated {
    /// The new computer.
    pub computer: Record<Computer>,
    /// Id of the provisioning job (see [`JobManager`]).
    pub job_id: String,
}

/// A web app being provisioned, and the job to follow.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct WebAppCreated {
    /// The new web app.
    pub webapp: Record<WebApp>,
    /// Id of the provisioning job (see [`JobManager`]).
    pub job_id: String,
}

#[crate::facade]
impl ProvisionedManager<CloudComputers> {
    /// Provisions a computer. The work goes on after the call returns:
    /// follow `job_id` with `cloud().jobs().get` until the job is terminal.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for an unknown size (nothing is
    /// sent), or any API error.
    pub async fn create(&self, data: ComputerCreate) -> Result<ComputerCreated> {
        let req = collection_request::<Computer>(Method::Post).body(data.into_body()?);
        let resp: ComputerCreateResponse = self.client.fetch(req).await?;
        Ok(ComputerCreated { computer: self.record(resp.computer, false), job_id: resp.job_id })
    }
}

#[crate::facade]
impl ProvisionedManager<CloudWebApps> {
    /// Creates a web app on a computer, with its `uat` and `production`
    /// spaces. Follow `job_id` until the job is terminal.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] for an unknown runtime (nothing
    /// is sent), or any API error.
    pub async fn create(&self, data: WebAppCreate) -> Result<WebAppCreated> {
        let req = collection_request::<WebApp>(Method::Post).body(data.into_body()?);
        let resp: WebAppCreateResponse = self.client.fetch(req).await?;
        Ok(WebAppCreated { webapp: self.record(resp.webapp, false), job_id: resp.job_id })
    }

    /// Whether `name` is free for a new web app (an answer without the
    /// `available` flag counts as taken).
    pub async fn check_name_availability(&self, name: &str) -> Result<bool> {
        let mut q = Query::default();
        q.push("name", name);
        let req = collection_request::<WebApp>(Method::Get).suffix("/check-name-availability").query(q);
        let answer: NameAvailability = self.client.fetch(req).await?;
        Ok(answer.available)
    }
}

#[crate::facade]
impl Manager<CloudSpaces> {
    /// Uploads a ZIP archive to a space and starts deploying it; follow the
    /// deployment's `job_id`.
    ///
    /// # Errors
    /// [`konigle_core::Error::File`] for an unreadable archive (nothing is
    /// sent), or any API error.
    pub async fn deploy(&self, space_id: &str, data: SpaceDeploy) -> Result<Deployment> {
        let req = detail_request::<konigle_core::models::Space>(Method::Post, space_id)?
            .suffix("/deploy")
            .body(data.into_body()?);
        self.client.fetch(req).await
    }

    /// Deploys the image running on a `uat` space to its `production`
    /// space, without uploading anything; follow the deployment's `job_id`.
    pub async fn promote(&self, uat_space_id: &str) -> Result<Deployment> {
        let req = detail_request::<konigle_core::models::Space>(Method::Post, uat_space_id)?.suffix("/promote");
        self.client.fetch(req).await
    }
}
