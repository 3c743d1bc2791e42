//! Cloud hosting: computers, web apps, spaces and jobs, reached through
//! [`Client::cloud`].

use konigle_core::models::{
    Computer, ComputerCreate, ComputerCreateResponse, Deployment, NameAvailability, Payload, SpaceDeploy, WebApp,
    WebAppCreate, WebAppCreateResponse,
};
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::spec::{CloudJobs, CloudSpaces};
use konigle_core::{Method, Query, Result};
use serde::Serialize;

use crate::api::{Client, Manager, Record};

konigle_core::spec!(
    /// Cloud computers (`client.cloud().computers()`). Creation returns the
    /// computer with its provisioning job, so it is this manager's own
    /// [`create`](Manager::<CloudComputers>::create).
    CloudComputers: konigle_core::models::Computer, konigle_core::filters::ComputerFilters,
    update = konigle_core::models::ComputerUpdate, delete = true
);
konigle_core::spec!(
    /// Cloud web apps (`client.cloud().webapps()`). Creation returns the app
    /// with its provisioning job, so it is this manager's own
    /// [`create`](Manager::<CloudWebApps>::create).
    CloudWebApps: konigle_core::models::WebApp, konigle_core::filters::WebAppFilters,
    update = konigle_core::models::WebAppUpdate, delete = true
);

/// Manager of cloud computers (`client.cloud().computers()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::{ComputerCreate, ComputerSize};
///
/// let server = ComputerCreate::new("Web Server", ComputerSize::Small, "sgp1");
/// let created = client.cloud().computers().create(server).await?;
/// let job = client.cloud().jobs().get(&created.job_id).await?; // poll until job.is_terminal()
/// println!("{} is {}, provisioning {}", created.computer.name, created.computer.status, job.status);
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type ComputerManager = Manager<CloudComputers>;
/// Manager of cloud web apps (`client.cloud().webapps()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::{WebAppCreate, WebAppRuntime};
///
/// let webapps = client.cloud().webapps();
/// if webapps.check_name_availability("shop").await? {
///     let shop = WebAppCreate::new(&computer.id, "shop", WebAppRuntime::Python3, "nginx").display_name("Shop");
///     let created = webapps.create(shop).await?; // with its `uat` and `production` spaces
///     println!("{} provisioning, job {}", created.webapp.name, created.job_id);
/// }
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type WebAppManager = Manager<CloudWebApps>;
/// Manager of cloud spaces (`client.cloud().spaces()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::SpaceDeploy;
///
/// let spaces = client.cloud().spaces();
/// let release = SpaceDeploy::new("build/app.zip").display_name("Release 1.0");
/// let deployment = spaces.deploy(&uat.id, release).await?; // `uat`: the web app's `SpaceType::Uat` space
/// // Once the deployment's job succeeded, run the same image in production:
/// let promoted = spaces.promote(&uat.id).await?;
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type SpaceManager = Manager<CloudSpaces>;
/// Manager of cloud jobs (`client.cloud().jobs()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// let job = client.cloud().jobs().get(&deployment.job_id).await?; // or a computer's, a web app's…
/// if job.is_terminal() {
///     println!("{} finished: succeeded {}", job.task_name, job.succeeded());
/// }
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type JobManager = Manager<CloudJobs>;

/// The cloud hosting managers.
///
/// With the async client (the blocking one is the same without `.await`):
///
/// ```ignore
/// use konigle::filters::SpaceFilters;
/// use konigle::models::{ComputerCreate, ComputerSize, SpaceDeploy, SpaceType, WebAppCreate, WebAppRuntime};
/// use konigle::ListParams;
///
/// let cloud = client.cloud();
/// let created = cloud.computers().create(ComputerCreate::new("My Server", ComputerSize::Medium, "nyc3")).await?;
/// let app = cloud
///     .webapps()
///     .create(WebAppCreate::new(created.computer.id.clone(), "my-app", WebAppRuntime::Python3, "nginx"))
///     .await?;
/// let spaces = cloud
///     .spaces()
///     .list(&ListParams::with_filters(SpaceFilters { webapp_id: Some(app.webapp.id.clone()) }))
///     .await?;
/// if let Some(uat) = spaces.payload.iter().find(|s| s.space_type == SpaceType::Uat) {
///     let deployment = cloud.spaces().deploy(&uat.id, SpaceDeploy::new("build/app.zip")).await?;
///     let job = cloud.jobs().get(&deployment.job_id).await?;
///     println!("{} terminal={}", job.status, job.is_terminal());
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Cloud {
    client: Client,
}

impl Cloud {
    /// Computers (virtual machines).
    pub fn computers(&self) -> ComputerManager {
        Manager::new(self.client.clone())
    }
    /// Web apps hosted on computers.
    pub fn webapps(&self) -> WebAppManager {
        Manager::new(self.client.clone())
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
pub struct ComputerCreated {
    /// The new computer.
    pub computer: Record<Computer>,
    /// Id of the provisioning job (see [`JobManager`]).
    pub job_id: String,
}

/// A web app being provisioned, and the job to follow.
#[derive(Debug, Clone, Serialize)]
pub struct WebAppCreated {
    /// The new web app.
    pub webapp: Record<WebApp>,
    /// Id of the provisioning job (see [`JobManager`]).
    pub job_id: String,
}

#[crate::facade]
impl Manager<CloudComputers> {
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
impl Manager<CloudWebApps> {
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
