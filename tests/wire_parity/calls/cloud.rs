//! Cloud hosting: computers, web apps, spaces and jobs.

use super::*;
use konigle_core::filters::{JobFilters, SpaceFilters, WebAppFilters};
use konigle_core::models::{
    ComputerCreate, ComputerSize, ComputerUpdate, JobCreate, JobStatus, JobUpdate, SpaceCreate, SpaceDeploy, SpaceType,
    SpaceUpdate, WebAppCreate, WebAppRuntime, WebAppUpdate,
};

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[(
    "cloud.computers.list.unknown_filter",
    "ComputerFilters has no fields: an unknown filter name does not compile",
)];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[(
    "cloud.jobs.get.bad_status_in_response",
    "deliberate: an unknown job status decodes as JobStatus::Other instead of failing (pinned by a unit test)",
)];

/// Fixtures checked against another fixture's requests and outcome.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[];

const SPACE: &str = "7383838383838383801";

/// `[resource, job_id]`, the reference's tuple.
fn pair<T: serde::Serialize>(r: konigle_core::Result<T>, split: impl FnOnce(T) -> (Value, String)) -> Outcome {
    r.map(|v| {
        let (resource, job_id) = split(v);
        json!([resource, job_id])
    })
}

fn names<T: konigle_core::Resource>(r: konigle_core::Result<Vec<Record<T>>>, f: impl Fn(&T) -> String) -> Outcome {
    r.map(|all| Value::Array(all.iter().map(|i| Value::String(f(i))).collect()))
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let cloud = c.cloud();
    let computers = cloud.computers();
    let webapps = cloud.webapps();
    let spaces = cloud.spaces();
    let jobs = cloud.jobs();
    Some(match name {
        // Computers
        "cloud.computers.create.all_fields" => {
            let data = ComputerCreate::builder()
                .display_name("My Server")
                .size(ComputerSize::Medium)
                .region("nyc3")
                .name("my-server")
                .emoji("\u{1F5A5}")
                .build();
            pair(computers.create(data).await, |r| (val(&r.computer), r.job_id))
        }
        "cloud.computers.create.bad_size" => {
            let data = ComputerCreate::builder()
                .display_name("Big")
                .size(ComputerSize::Other("XL".into()))
                .region("nyc3")
                .build();
            pair(computers.create(data).await, |r| (val(&r.computer), r.job_id))
        }
        "cloud.computers.create.minimal" => {
            let data =
                ComputerCreate::builder().display_name("Worker").size(ComputerSize::Small).region("sgp1").build();
            pair(computers.create(data).await, |r| (val(&r.computer), r.job_id))
        }
        "cloud.computers.delete" => unit(computers.delete("7181818181818181802").await),
        "cloud.computers.get" => ok(computers.get("7181818181818181802").await),
        "cloud.computers.iter_all" => {
            names(collect(computers.iter_all(&ListParams::new().page_size(1))).await, |c| c.name.clone())
        }
        "cloud.computers.list" => ok(computers.list(&ListParams::new().page(1).page_size(10)).await),
        "cloud.computers.update" => {
            let mut data = ComputerUpdate::builder().display_name("Worker One").build();
            data.extra.insert("emoji".into(), Value::Null);
            ok(computers.update("7181818181818181802", data).await)
        }

        // Jobs
        "cloud.jobs.create" => ok(jobs.create(JobCreate::builder().task_name("noop").build()).await),
        "cloud.jobs.delete" => unit(jobs.delete("5f2c1d7a-8e34-4b8e-a1c2-3d4e5f607182").await),
        "cloud.jobs.get" => ok(jobs.get("5f2c1d7a-8e34-4b8e-a1c2-3d4e5f607182").await),
        "cloud.jobs.get.terminal" => match jobs.get("6a3d2e8b-9f45-4c9f-b2d3-4e5f60718293").await {
            Ok(job) => Ok(json!({"job": val(&job), "is_terminal": job.is_terminal(), "succeeded": job.succeeded()})),
            Err(e) => Err(e),
        },
        "cloud.jobs.iter_all" => {
            names(collect(jobs.iter_all(&ListParams::new().page_size(1))).await, |j| j.status.to_string())
        }
        "cloud.jobs.list" => ok(jobs.list(&ListParams::new().page(1).page_size(2)).await),
        "cloud.jobs.list.kwargs_passthrough" => {
            let f = JobFilters::new().with("status", "running").with("task_name", "deploy_space");
            ok(jobs.list(&ListParams::with_filters(f)).await)
        }
        "cloud.jobs.update" => {
            let data = JobUpdate::builder().status(JobStatus::Failed).build();
            ok(jobs.update("5f2c1d7a-8e34-4b8e-a1c2-3d4e5f607182", data).await)
        }

        // Spaces
        "cloud.spaces.create" => {
            let data = SpaceCreate::builder().webapp("7282828282828282801").space_type(SpaceType::Uat).build();
            ok(spaces.create(data).await)
        }
        "cloud.spaces.delete" => unit(spaces.delete("7383838383838383802").await),
        "cloud.spaces.deploy.all_params" => {
            let data = SpaceDeploy::builder()
                .zip_file(FileInput::bytes(*b"PK\x03\x04-zip-archive-bytes"))
                .filename("release-42.zip")
                .display_name("Release 42")
                .build();
            ok(spaces.deploy(SPACE, data).await)
        }
        "cloud.spaces.deploy.minimal" => ok(spaces
            .deploy(SPACE, SpaceDeploy::builder().zip_file(FileInput::bytes(*b"PK\x03\x04-min")).build())
            .await),
        "cloud.spaces.deploy.open_file" => {
            let path = ctx.file("bundle.zip", b"PK\x03\x04-fake-zip");
            let file = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(source) => return Some(Err(Error::File { path, source })),
            };
            ok(spaces.deploy(SPACE, SpaceDeploy::builder().zip_file(FileInput::reader(file)).build()).await)
        }
        "cloud.spaces.get" => ok(spaces.get(SPACE).await),
        "cloud.spaces.iter_all" => {
            let f = SpaceFilters::builder().webapp_id("7282828282828282801").build();
            names(collect(spaces.iter_all(&ListParams::with_filters(f).page_size(1))).await, |s| {
                s.space_type.to_string()
            })
        }
        "cloud.spaces.list" => ok(spaces.list(&ListParams::new()).await),
        "cloud.spaces.list.filters_kwargs" => {
            let f = SpaceFilters::builder().webapp_id("7282828282828282801").build();
            ok(spaces.list(&ListParams::with_filters(f)).await)
        }
        "cloud.spaces.list.filters_object" => {
            let f = SpaceFilters::builder().webapp_id("7282828282828282801").build();
            ok(spaces.list(&ListParams::with_filters(f).page(1).page_size(2)).await)
        }
        "cloud.spaces.promote" => ok(spaces.promote(SPACE).await),
        "cloud.spaces.update" => {
            let data = SpaceUpdate::builder().custom_domain("www.example.com").build();
            ok(spaces.update("7383838383838383802", data).await)
        }

        // Web apps
        "cloud.webapps.active_record.save" => {
            let mut app = match webapps.get("7282828282828282801").await {
                Ok(a) => a,
                Err(e) => return Some(Err(e)),
            };
            app.display_name = "Renamed via save".into();
            match app.save().await {
                Ok(saved) => Ok(val(&*saved)),
                Err(e) => Err(e),
            }
        }
        "cloud.webapps.check_name_availability" => ok(webapps.check_name_availability("brand-new-app").await),
        "cloud.webapps.check_name_availability.missing_key" => ok(webapps.check_name_availability("odd").await),
        "cloud.webapps.check_name_availability.taken" => ok(webapps.check_name_availability("my-app").await),
        "cloud.webapps.create.all_fields" => {
            let data = WebAppCreate::builder()
                .computer_id("7181818181818181801")
                .name("my-app")
                .runtime(WebAppRuntime::Python3)
                .web_server("nginx")
                .display_name("My App")
                .database("postgres")
                .cache("redis")
                .emoji("\u{1F680}")
                .build();
            pair(webapps.create(data).await, |r| (val(&r.webapp), r.job_id))
        }
        "cloud.webapps.create.bad_runtime" => {
            let data = WebAppCreate::builder()
                .computer_id("1")
                .name("x")
                .runtime(WebAppRuntime::Other("ruby".into()))
                .web_server("puma")
                .build();
            pair(webapps.create(data).await, |r| (val(&r.webapp), r.job_id))
        }
        "cloud.webapps.create.minimal" => {
            let data = WebAppCreate::builder()
                .computer_id("7181818181818181802")
                .name("shop-api")
                .runtime(WebAppRuntime::Nodejs)
                .web_server("node")
                .build();
            pair(webapps.create(data).await, |r| (val(&r.webapp), r.job_id))
        }
        "cloud.webapps.delete" => unit(webapps.delete("7282828282828282801").await),
        "cloud.webapps.get" => ok(webapps.get("7282828282828282801").await),
        "cloud.webapps.iter_all" => {
            let f = WebAppFilters::builder().computer_id("7181818181818181801").build();
            names(collect(webapps.iter_all(&ListParams::with_filters(f).page_size(1))).await, |w| w.name.clone())
        }
        "cloud.webapps.list" => ok(webapps.list(&ListParams::new().page(1).page_size(20)).await),
        "cloud.webapps.list.filters_kwargs" => {
            let f = WebAppFilters::builder().computer_id("7181818181818181801").build();
            ok(webapps.list(&ListParams::with_filters(f)).await)
        }
        "cloud.webapps.list.filters_object" => {
            let f = WebAppFilters::builder().computer_id("7181818181818181802").build();
            ok(webapps.list(&ListParams::with_filters(f).page(2).page_size(1)).await)
        }
        "cloud.webapps.update" => {
            let data = WebAppUpdate::builder().display_name("My App (renamed)").build();
            ok(webapps.update("7282828282828282801", data).await)
        }
        _ => return None,
    })
}
