//! Cloud hosting: computers (virtual machines), the web apps they run, each
//! app's `uat` and `production` spaces, deployments, and the jobs that track
//! slow operations.
//!
//! Ids of computers, web apps and spaces are large integers; they are kept
//! as strings (the API sends them as strings, and numbers are accepted too).

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::payload::{check_not_empty, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{Json, JsonMap, Timestamp};

/// Path of the computers collection.
pub const COMPUTERS_PATH: &str = "/cloud/api/v1/computers";
/// Path of the web apps collection.
pub const WEBAPPS_PATH: &str = "/cloud/api/v1/webapps";
/// Path of the spaces collection.
pub const SPACES_PATH: &str = "/cloud/api/v1/spaces";
/// Path of the jobs collection.
pub const JOBS_PATH: &str = "/cloud/api/v1/jobs";

/// File name of a deployed archive when none is given.
pub const DEFAULT_ARCHIVE_NAME: &str = "app.zip";
/// Content type of a deployed archive.
pub const ARCHIVE_CONTENT_TYPE: &str = "application/zip";

/// Ids that may arrive as JSON strings or numbers, kept as strings.
mod id {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    struct IdVisitor;

    impl<'de> Visitor<'de> for IdVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (string or integer)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    struct OptIdVisitor;

    impl<'de> Visitor<'de> for OptIdVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (string or integer) or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            d.deserialize_any(IdVisitor).map(Some)
        }
    }

    /// A required id.
    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(IdVisitor)
    }

    /// An optional id (`null` or absent is `None`).
    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(OptIdVisitor)
    }
}

// ---------------------------------------------------------------------------
// Computers
// ---------------------------------------------------------------------------

crate::string_enum! {
    /// Size tier of a computer.
    pub enum ComputerSize {
        /// 2 GB of memory, 1 vCPU (`S`).
        Small = "S",
        /// 4 GB of memory, 2 vCPUs (`M`).
        Medium = "M",
        /// 8 GB of memory, 4 vCPUs (`L`).
        Large = "L",
    }
}

crate::string_enum! {
    /// Lifecycle status of a computer.
    pub enum ComputerStatus {
        /// Being created.
        Provisioning = "provisioning",
        /// Up and able to host apps.
        Ready = "ready",
        /// Provisioning or operation failed.
        Error = "error",
        /// Scheduled for destruction.
        DestroyScheduled = "destroy_scheduled",
        /// Being destroyed.
        Destroying = "destroying",
    }
}

/// A cloud virtual machine that hosts web apps.
///
/// Provisioning is asynchronous: follow the job returned at creation until
/// it is terminal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Computer {
    /// Unique identifier.
    #[serde(deserialize_with = "id::required")]
    pub id: String,
    /// Slug, unique within the project.
    pub name: String,
    /// Human-readable label.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub display_name: String,
    /// Size tier.
    pub size: ComputerSize,
    /// Region slug, e.g. `nyc3`.
    pub region: String,
    /// Lifecycle status.
    pub status: ComputerStatus,
    /// Emoji avatar.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub emoji: String,
    /// Public IP address, once provisioned.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// Creation time.
    pub created_at: Timestamp,
}

impl Resource for Computer {
    const PATH: &'static str = COMPUTERS_PATH;
    const NAME: &'static str = "Computer";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<ComputerUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Only(&["display_name", "emoji"]),
            &[],
        )
    }
}

/// Payload of `cloud().computers().create`: provisions a computer.
///
/// The emoji is sent as `""` unless set; assigning `None` to it after
/// `build()` leaves it out of the request.
///
/// ```
/// use konigle_core::models::{ComputerCreate, ComputerSize};
/// let data = ComputerCreate::builder()
///     .display_name("My Server")
///     .size(ComputerSize::Medium)
///     .region("nyc3")
///     .name("my-server")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ComputerCreate {
    /// Human-readable label (required).
    pub display_name: String,
    /// Size tier (required).
    pub size: ComputerSize,
    /// Region slug, e.g. `nyc3` (required).
    pub region: String,
    /// Slug; generated by the server when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Emoji avatar (`""` by default; `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub emoji: Option<String>,
}

impl Payload for ComputerCreate {
    fn into_body(self) -> Result<Body> {
        self.size.ensure_known("size")?;
        Body::json(&self)
    }
}

/// Changes to a computer. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::ComputerUpdate;
/// let change = ComputerUpdate::builder().display_name("Worker One").emoji("\u{1F5A5}").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ComputerUpdate {
    /// New human-readable label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// New emoji avatar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emoji: Option<String>,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

/// The body of a computer creation: the computer and its provisioning job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerCreateResponse {
    /// The new computer.
    pub computer: Computer,
    /// Id of the job provisioning it.
    #[serde(deserialize_with = "id::required")]
    pub job_id: String,
}

// ---------------------------------------------------------------------------
// Web apps
// ---------------------------------------------------------------------------

crate::string_enum! {
    /// Runtime of a web app.
    pub enum WebAppRuntime {
        /// Python 3.
        Python3 = "python3",
        /// Node.js.
        Nodejs = "nodejs",
    }
}

/// A web application hosted on a computer. Creating one provisions its
/// `uat` and `production` spaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebApp {
    /// Unique identifier.
    #[serde(deserialize_with = "id::required")]
    pub id: String,
    /// Globally unique slug, the base of its platform subdomains.
    pub name: String,
    /// Human-readable label.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub display_name: String,
    /// Runtime.
    pub runtime: WebAppRuntime,
    /// Id of the computer it runs on (absent in some responses).
    #[serde(default, deserialize_with = "id::optional")]
    pub computer: Option<String>,
    /// Emoji avatar.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub emoji: String,
    /// Creation time.
    pub created_at: Timestamp,
}

impl Resource for WebApp {
    const PATH: &'static str = WEBAPPS_PATH;
    const NAME: &'static str = "WebApp";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<WebAppUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Only(&["display_name", "emoji"]),
            &[],
        )
    }
}

/// Payload of `cloud().webapps().create`.
///
/// The emoji is sent as `""` unless set; assigning `None` to it after
/// `build()` leaves it out of the request.
///
/// ```
/// use konigle_core::models::{WebAppCreate, WebAppRuntime};
/// let data = WebAppCreate::builder()
///     .computer_id("7181818181818181801")
///     .name("my-app")
///     .runtime(WebAppRuntime::Python3)
///     .web_server("nginx")
///     .display_name("My App")
///     .database("postgres")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct WebAppCreate {
    /// Id of the computer to host the app (required).
    pub computer_id: String,
    /// Globally unique slug (required).
    pub name: String,
    /// Runtime (required).
    pub runtime: WebAppRuntime,
    /// Web server, e.g. `nginx` (required).
    pub web_server: String,
    /// Human-readable label (the name when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Database to provision, e.g. `postgres`; none when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Cache to provision, e.g. `redis`; none when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<String>,
    /// Emoji avatar (`""` by default; `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub emoji: Option<String>,
}

impl Payload for WebAppCreate {
    fn into_body(self) -> Result<Body> {
        self.runtime.ensure_known("runtime")?;
        Body::json(&self)
    }
}

/// Changes to a web app. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::WebAppUpdate;
/// let change = WebAppUpdate::builder().display_name("My App (renamed)").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct WebAppUpdate {
    /// New human-readable label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// New emoji avatar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emoji: Option<String>,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

/// The body of a web app creation: the app and its provisioning job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebAppCreateResponse {
    /// The new web app.
    pub webapp: WebApp,
    /// Id of the job provisioning it.
    #[serde(deserialize_with = "id::required")]
    pub job_id: String,
}

/// The answer of a web app name check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameAvailability {
    /// Whether the name is free (a missing value means taken).
    #[serde(default, deserialize_with = "truthy")]
    pub available: bool,
}

/// Reads a JSON value as a flag: `false`, `null`, `0`, `""`, `[]` and `{}`
/// are false, anything else true.
fn truthy<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let v = Json::deserialize(d)?;
    Ok(match v {
        Json::Null => false,
        Json::Bool(b) => b,
        Json::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Json::String(s) => !s.is_empty(),
        Json::Array(a) => !a.is_empty(),
        Json::Object(o) => !o.is_empty(),
    })
}

// ---------------------------------------------------------------------------
// Spaces and deployments
// ---------------------------------------------------------------------------

crate::string_enum! {
    /// Environment of a space.
    pub enum SpaceType {
        /// The testing environment, deployed to first.
        Uat = "uat",
        /// The live environment, reached by promotion.
        Production = "production",
    }
}

crate::string_enum! {
    /// Lifecycle status of a space.
    pub enum SpaceStatus {
        /// Being created.
        Provisioning = "provisioning",
        /// Serving.
        Running = "running",
        /// Not serving.
        Stopped = "stopped",
        /// Failed.
        Error = "error",
    }
}

crate::string_enum! {
    /// State of a space's custom domain (`unmapped` by default).
    #[derive(Default)]
    pub enum SpaceDomainStatus {
        /// Being set up.
        Pending = "pending",
        /// Serving.
        Active = "active",
        /// Setup failed.
        Failed = "failed",
        /// No custom domain.
        #[default]
        Unmapped = "unmapped",
    }
}

/// A deployment environment (`uat` or `production`) of a web app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Space {
    /// Unique identifier.
    #[serde(deserialize_with = "id::required")]
    pub id: String,
    /// Environment.
    pub space_type: SpaceType,
    /// Lifecycle status.
    pub status: SpaceStatus,
    /// Id of the web app (absent in some responses).
    #[serde(default, deserialize_with = "id::optional")]
    pub webapp: Option<String>,
    /// Subdomain assigned by the platform.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub platform_domain: String,
    /// Customer domain; empty when none is mapped.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub custom_domain: String,
    /// State of the custom domain.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub custom_domain_status: SpaceDomainStatus,
    /// Time of the latest deployment.
    #[serde(default)]
    pub last_deployed_at: Option<Timestamp>,
    /// Outcome of the latest deployment.
    #[serde(default)]
    pub last_deployment_status: Option<String>,
    /// Creation time.
    pub created_at: Timestamp,
}

impl Resource for Space {
    const PATH: &'static str = SPACES_PATH;
    const NAME: &'static str = "Space";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<SpaceUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Only(&["custom_domain"]),
            &[],
        )
    }
}

/// Payload of `cloud().spaces().create`.
///
/// ```
/// use konigle_core::models::{SpaceCreate, SpaceType};
/// let data = SpaceCreate::builder().webapp("7282828282828282801").space_type(SpaceType::Uat).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SpaceCreate {
    /// Id of the web app (required).
    pub webapp: String,
    /// Environment (required).
    pub space_type: SpaceType,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

impl Payload for SpaceCreate {
    fn into_body(self) -> Result<Body> {
        check_not_empty("webapp", &self.webapp)?;
        self.space_type.ensure_known("space_type")?;
        json_without_nulls(&self)
    }
}

/// Changes to a space. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::SpaceUpdate;
/// let change = SpaceUpdate::builder().custom_domain("www.example.com").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SpaceUpdate {
    /// New custom domain (empty to unmap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_domain: Option<String>,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

/// A deployment of a space: an uploaded archive or a promotion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deployment {
    /// Unique identifier.
    #[serde(deserialize_with = "id::required")]
    pub id: String,
    /// Human-readable label.
    pub display_name: String,
    /// Id of the target space.
    #[serde(deserialize_with = "id::required")]
    pub space_id: String,
    /// Id of the job to follow.
    #[serde(deserialize_with = "id::required")]
    pub job_id: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Payload of `cloud().spaces().deploy`: a ZIP archive of the app.
///
/// The archive is sent as the `zip_file` part, `application/zip`, named
/// `app.zip` unless [`filename`](Self::filename) says otherwise (the name of
/// a file on disk is not used). Assigning `None` to `filename` after
/// `build()` leaves the SDK's name out: the part then carries the archive's
/// own name (the one given with [`FileInput::with_name`], the name of the
/// file on disk, else `upload.bin`).
///
/// ```
/// use konigle_core::models::SpaceDeploy;
/// use konigle_core::FileInput;
/// let from_disk = SpaceDeploy::builder().zip_file("build/release.zip").display_name("Release 42").build();
/// let from_memory =
///     SpaceDeploy::builder().zip_file(FileInput::bytes(b"PK\x03\x04".to_vec())).filename("release-42.zip").build();
/// # let _ = (from_disk, from_memory);
/// ```
#[derive(Debug, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SpaceDeploy {
    /// The archive (required): a path, bytes, a reader or an `https://` URL.
    #[builder(into)]
    pub zip_file: FileInput,
    /// File name sent with the archive (`app.zip` by default; `None`: the
    /// archive's own name).
    #[builder(required, default = Some(DEFAULT_ARCHIVE_NAME.to_string()), with = |v: impl Into<String>| Some(v.into()))]
    pub filename: Option<String>,
    /// Label of the deployment; not sent when empty.
    pub display_name: Option<String>,
}

impl Payload for SpaceDeploy {
    fn into_body(self) -> Result<Body> {
        let archive = match self.filename {
            Some(name) => {
                check_not_empty("filename", &name)?;
                self.zip_file.with_name(name)
            }
            None => self.zip_file,
        };
        let mut part = FilePart::new("zip_file", archive, FileRules::ANY)?;
        part.content_type = ARCHIVE_CONTENT_TYPE.into();
        let mut fields = JsonMap::new();
        if let Some(label) = self.display_name.filter(|s| !s.is_empty()) {
            fields.insert("display_name".into(), Json::String(label));
        }
        let mut parts = crate::multipart::fields(&Json::Object(fields))?;
        parts.push(crate::request::Part::File(part));
        Ok(Body::Multipart(parts))
    }
}

// ---------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------

crate::string_enum! {
    /// Status of a job.
    pub enum JobStatus {
        /// Queued.
        Pending = "pending",
        /// In progress.
        Running = "running",
        /// Finished successfully.
        Success = "success",
        /// Finished with an error.
        Failed = "failed",
    }
}

impl JobStatus {
    /// Whether the job is over (`success` or `failed`).
    pub fn is_terminal(&self) -> bool {
        matches!(self, JobStatus::Success | JobStatus::Failed)
    }
}

/// A background task started by a slow operation (provisioning, deployment).
///
/// ```
/// # use konigle_core::models::{Job, JobStatus};
/// let job: Job = serde_json::from_value(serde_json::json!({
///     "id": "6a3d", "status": "success", "task_name": "provision_computer",
///     "created_at": "2024-03-01T10:00:00Z", "completed_at": "2024-03-01T10:05:00Z"
/// })).unwrap();
/// assert!(job.is_terminal() && job.succeeded());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Job {
    /// Unique identifier (a UUID).
    #[serde(deserialize_with = "id::required")]
    pub id: String,
    /// Status.
    pub status: JobStatus,
    /// Name of the task, e.g. `provision_computer`.
    pub task_name: String,
    /// Structured log entries written while it runs.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub log: Vec<Json>,
    /// Creation time.
    pub created_at: Timestamp,
    /// When it reached `success` or `failed`.
    #[serde(default)]
    pub completed_at: Option<Timestamp>,
}

impl Job {
    /// Whether the job is over (`success` or `failed`); an unknown status is
    /// not terminal.
    pub fn is_terminal(&self) -> bool {
        self.status.is_terminal()
    }
    /// Whether the job finished successfully.
    pub fn succeeded(&self) -> bool {
        self.status == JobStatus::Success
    }
}

impl Resource for Job {
    const PATH: &'static str = JOBS_PATH;
    const NAME: &'static str = "Job";
    fn resource_id(&self) -> &str {
        &self.id
    }
    fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
        crate::models::payload::save_with::<JobUpdate>(
            changes,
            &[],
            crate::models::payload::SaveFields::Only(&["status"]),
            &[],
        )
    }
}

/// Payload of `cloud().jobs().create`.
///
/// ```
/// use konigle_core::models::JobCreate;
/// let data = JobCreate::builder().task_name("noop").build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct JobCreate {
    /// Name of the task to run (required).
    pub task_name: String,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

impl Payload for JobCreate {
    fn into_body(self) -> Result<Body> {
        check_not_empty("task_name", &self.task_name)?;
        json_without_nulls(&self)
    }
}

/// Changes to a job. Unset fields are not sent.
///
/// ```
/// use konigle_core::models::{JobStatus, JobUpdate};
/// let change = JobUpdate::builder().status(JobStatus::Failed).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct JobUpdate {
    /// New status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
    /// Other fields, sent as they are (`null` values are left out).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

impl Payload for JobUpdate {
    fn into_body(self) -> Result<Body> {
        if let Some(s) = &self.status {
            s.ensure_known("status")?;
        }
        json_without_nulls(&self)
    }
}

/// A JSON body of `value` without its top-level `null` fields.
fn json_without_nulls<T: Serialize>(value: &T) -> Result<Body> {
    match Body::json(value)? {
        Body::Json(Json::Object(map)) => {
            Ok(Body::Json(Json::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect())))
        }
        other => Ok(other),
    }
}

macro_rules! update_payload {
    ($($t:ty),*) => {$(
        impl Payload for $t {
            fn into_body(self) -> Result<Body> {
                json_without_nulls(&self)
            }
        }
    )*};
}

update_payload!(ComputerUpdate, WebAppUpdate, SpaceUpdate);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    use crate::models::testing::json_body as body;
    use crate::models::testing::multipart_parts as parts;

    #[test]
    fn computer_create_body_and_checks() {
        let b = body(ComputerCreate::builder().display_name("Worker").size(ComputerSize::Small).region("sgp1").build());
        assert_eq!(b, json!({"display_name": "Worker", "size": "S", "region": "sgp1", "emoji": ""}));
        let full = ComputerCreate::builder()
            .display_name("My Server")
            .size(ComputerSize::Medium)
            .region("nyc3")
            .name("my-server")
            .emoji("\u{1F5A5}")
            .build();
        assert_eq!(
            body(full),
            json!({"display_name": "My Server", "size": "M", "region": "nyc3", "name": "my-server", "emoji": "\u{1F5A5}"})
        );
        let err = ComputerCreate::builder()
            .display_name("Big")
            .size("XL".into())
            .region("nyc3")
            .build()
            .into_body()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "size"));
    }

    #[test]
    fn webapp_runtime_checked() {
        let app = || WebAppCreate::builder().computer_id("1").name("x").web_server("puma");
        let err = app().runtime("ruby".into()).build().into_body().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "runtime"));
        assert_eq!(
            body(app().runtime(WebAppRuntime::Nodejs).build()),
            json!({"computer_id": "1", "name": "x", "runtime": "nodejs", "web_server": "puma", "emoji": ""})
        );
        let v = body(
            app()
                .runtime(WebAppRuntime::Python3)
                .display_name("X")
                .database("postgres")
                .cache("redis")
                .emoji("e")
                .build(),
        );
        assert_eq!(
            (v["display_name"].clone(), v["database"].clone(), v["cache"].clone(), v["emoji"].clone()),
            (json!("X"), json!("postgres"), json!("redis"), json!("e"))
        );
    }

    #[test]
    fn ids_may_be_numbers_and_statuses_unknown() {
        let job: Job = serde_json::from_value(json!({
            "id": 5, "status": "cancelled", "task_name": "t", "created_at": "2024-03-02T11:30:00Z"
        }))
        .unwrap();
        assert_eq!(job.id, "5");
        assert_eq!(job.status, JobStatus::Other("cancelled".into()));
        assert!(!job.is_terminal() && !job.succeeded());
        let r: ComputerCreateResponse = serde_json::from_value(json!({
            "computer": {"id": 7181818181818181801u64, "name": "a", "size": "S", "region": "r",
                         "status": "ready", "created_at": "2024-03-02T11:30:00Z"},
            "job_id": 12
        }))
        .unwrap();
        assert_eq!((r.computer.id.as_str(), r.job_id.as_str()), ("7181818181818181801", "12"));
        let s: Space = serde_json::from_value(json!({
            "id": "1", "space_type": "uat", "status": "running", "webapp": 2, "created_at": "2024-03-02T11:30:00Z"
        }))
        .unwrap();
        assert_eq!(s.webapp.as_deref(), Some("2"));
        assert_eq!(s.custom_domain_status, SpaceDomainStatus::Unmapped);
    }

    #[test]
    fn name_availability_is_truthy() {
        let a: NameAvailability = serde_json::from_value(json!({"name": "odd"})).unwrap();
        assert!(!a.available);
        let a: NameAvailability = serde_json::from_value(json!({"available": true})).unwrap();
        assert!(a.available);
    }

    #[test]
    fn update_drops_nulls() {
        let mut u = ComputerUpdate::builder().display_name("W").build();
        u.extra.insert("emoji".into(), Json::Null);
        assert_eq!(body(u), json!({"display_name": "W"}));
        let mut extra = JsonMap::new();
        extra.insert("size".into(), json!("L"));
        extra.insert("region".into(), Json::Null);
        assert_eq!(
            body(JobUpdate::builder().status(JobStatus::Failed).extra(extra).build()),
            json!({"status": "failed", "size": "L"})
        );
    }

    #[test]
    fn deploy_is_multipart() {
        let Body::Multipart(parts) = SpaceDeploy::builder()
            .zip_file(FileInput::bytes(b"PK".to_vec()).with_name("x.bin"))
            .display_name("R")
            .build()
            .into_body()
            .unwrap()
        else {
            panic!("not multipart")
        };
        assert_eq!(parts.len(), 2);
        match &parts[1] {
            crate::request::Part::File(f) => {
                assert_eq!((f.file_name.as_str(), f.content_type.as_str()), ("app.zip", "application/zip"))
            }
            other => panic!("unexpected part {other:?}"),
        }
    }

    #[test]
    fn deploy_names_the_archive_as_asked() {
        let data = SpaceDeploy::builder().zip_file((b"PK".to_vec(), "x.zip")).build();
        assert_eq!((data.filename.as_deref(), data.display_name.as_deref()), (Some("app.zip"), None));
        let Body::Multipart(parts) =
            SpaceDeploy::builder().zip_file(b"PK".to_vec()).filename("release.zip").build().into_body().unwrap()
        else {
            panic!("not multipart")
        };
        assert!(matches!(&parts[..], [crate::request::Part::File(f)] if f.file_name == "release.zip"));
        let empty = SpaceDeploy::builder().zip_file(b"PK".to_vec()).filename("").build();
        assert!(matches!(empty.into_body(), Err(Error::InvalidInput { field: Some(ref f), .. }) if f == "filename"));
    }

    #[test]
    fn deploy_without_filename_keeps_the_archive_name() {
        let mut data = SpaceDeploy::builder().zip_file((b"PK".to_vec(), "x.zip")).display_name("R").build();
        data.filename = None;
        assert_eq!(parts(data.into_body().unwrap()), ["display_name=R", "zip_file:x.zip:application/zip"]);
        let mut data = SpaceDeploy::builder().zip_file(b"PK".to_vec()).build();
        data.filename = None;
        assert_eq!(parts(data.into_body().unwrap()), ["zip_file:upload.bin:application/zip"]);
        let data = SpaceDeploy::builder().zip_file((b"PK".to_vec(), "x.zip")).build();
        assert_eq!(parts(data.into_body().unwrap()), ["zip_file:app.zip:application/zip"]);
    }

    #[test]
    fn emoji_defaults_to_blank_and_can_be_left_out() {
        let mut c = ComputerCreate::builder().display_name("W").size(ComputerSize::Small).region("sgp1").build();
        assert_eq!(c.emoji.as_deref(), Some(""));
        c.emoji = None;
        assert_eq!(body(c), json!({"display_name": "W", "size": "S", "region": "sgp1"}));
        let mut a = WebAppCreate::builder()
            .computer_id("1")
            .name("x")
            .runtime(WebAppRuntime::Nodejs)
            .web_server("puma")
            .build();
        a.emoji = None;
        assert_eq!(body(a), json!({"computer_id": "1", "name": "x", "runtime": "nodejs", "web_server": "puma"}));
    }

    #[test]
    fn creations_and_updates_send_their_fields() {
        assert_eq!(
            body(SpaceCreate::builder().webapp("7282828282828282801").space_type(SpaceType::Uat).build()),
            json!({"webapp": "7282828282828282801", "space_type": "uat"})
        );
        assert_eq!(body(JobCreate::builder().task_name("noop").build()), json!({"task_name": "noop"}));
        assert!(JobCreate::builder().task_name("").build().into_body().is_err());
        assert_eq!(
            body(SpaceUpdate::builder().custom_domain("www.example.com").build()),
            json!({"custom_domain": "www.example.com"})
        );
        assert_eq!(body(WebAppUpdate::builder().emoji("e").build()), json!({"emoji": "e"}));
    }

    #[test]
    fn update_payloads_default_to_an_empty_builder() {
        assert_eq!(ComputerUpdate::default(), ComputerUpdate::builder().build());
        assert_eq!(WebAppUpdate::default(), WebAppUpdate::builder().build());
        assert_eq!(SpaceUpdate::default(), SpaceUpdate::builder().build());
        assert_eq!(JobUpdate::default(), JobUpdate::builder().build());
        assert_eq!(body(SpaceUpdate::builder().build()), json!({}));
    }
}
