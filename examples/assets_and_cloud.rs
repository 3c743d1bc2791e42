//! Assets and cloud hosting with the async client: images, videos and
//! documents uploaded from bytes and from files on disk, search, private
//! uploads (direct and straight to cloud storage), connections and their
//! credentials, forms and their submissions, and cloud computers, web apps,
//! spaces, deployments and jobs.
//!
//! ```text
//! cargo run --example assets_and_cloud
//! ```
//!
//! Everything runs against `konigle-mock`, a stateful stand-in server
//! started on a loopback port: nothing leaves the machine. The example
//! writes its sample files to a temporary folder and removes it at the end.

use std::error::Error as StdError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use futures::TryStreamExt;
use konigle::filters::{ImageFilters, SpaceFilters};
use konigle::models::{
    CloudUploadCreate, ComputerCreate, ComputerSize, DocumentCreate, FormCreate, ImageCreate, SpaceDeploy, SpaceType,
    UploadCreate, VideoCreate, WebAppCreate, WebAppRuntime,
};
use konigle::{Client, FileInput, ListParams};
use konigle_mock::MockServer;

/// The first bytes of a 16x8 PNG: enough for the server to read its size.
const PNG_16X8: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x08\x08\x02\x00\x00\x00";
/// A (tiny) WebM video: its magic bytes.
const WEBM: &[u8] = b"\x1a\x45\xdf\xa3webm";
/// A (tiny) PDF document.
const PDF: &[u8] = b"%PDF-1.4\n% price list\n";
/// A (tiny) ZIP archive of a web app.
const APP_ZIP: &[u8] = b"PK\x03\x04app";

type AnyResult<T> = std::result::Result<T, Box<dyn StdError + Send + Sync>>;

/// A temporary folder for the sample files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("konigle-assets-example-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }

    /// Writes `data` to `name` in the folder and returns its path.
    fn file(&self, name: &str, data: &[u8]) -> std::io::Result<PathBuf> {
        let path = self.0.join(name);
        std::fs::write(&path, data)?;
        Ok(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn assets(client: &Client, scratch: &Scratch) -> AnyResult<()> {
    println!("\n== Images, videos and documents ==");
    // From bytes in memory (named, so the extension can be checked)...
    let hero = client
        .images()
        .create(
            ImageCreate::builder()
                .name("Hero banner")
                .image(FileInput::bytes(PNG_16X8.to_vec()).with_name("hero.png"))
                .alt_text("Sunset over the bay")
                .tags("hero,banner")
                .build(),
        )
        .await?;
    println!(
        "image {}: {} ({} bytes, {}x{} px), tags {:?}",
        hero.id,
        hero.mime_type,
        hero.size,
        hero.image_width.unwrap_or(0),
        hero.image_height.unwrap_or(0),
        hero.tags
    );
    // ...or from files on disk, streamed.
    let tour_path = scratch.file("tour.webm", WEBM)?;
    let tour =
        client.videos().create(VideoCreate::builder().name("Store tour").file(tour_path.as_path()).build()).await?;
    println!("video {}: {} from {}", tour.id, tour.mime_type, file_name(&tour_path));
    let prices_path = scratch.file("price-list.pdf", PDF)?;
    let prices = client
        .documents()
        .create(
            DocumentCreate::builder()
                .name("Price list")
                .file(prices_path.as_path())
                .description("Wholesale prices")
                .build(),
        )
        .await?;
    println!("document {}: {} from {}", prices.id, prices.mime_type, file_name(&prices_path));
    // A file with the wrong extension is refused before anything is sent.
    match client.images().create(ImageCreate::builder().name("Not an image").image(prices_path.as_path()).build()).await
    {
        Err(e) if e.is_client_side() => println!("a PDF as an image refused before sending: {e}"),
        other => println!("unexpected answer to a PDF as an image: {other:?}"),
    }

    let found = client.images().search("sunset", &ListParams::new()).await?;
    let names: Vec<&str> = found.items.iter().map(|i| i.name.as_str()).collect();
    println!("images().search(\"sunset\"): {} hit(s): {}", found.count, names.join(", "));
    let banners = ImageFilters::builder().tags("banner").build();
    let tagged = client.images().list(&ListParams::with_filters(banners)).await?;
    println!("images tagged banner: {}", tagged.count);
    let docs = client.documents().search("price", &ListParams::new().page_size(5)).await?;
    println!("documents().search(\"price\"): {} hit(s)", docs.count);

    client.videos().delete(&tour.id).await?;
    client.documents().delete(&prices.id).await?;
    client.images().delete(&hero.id).await?;
    println!("deleted the image, the video and the document");
    Ok(())
}

async fn uploads(client: &Client, scratch: &Scratch) -> AnyResult<()> {
    println!("\n== Uploads ==");
    let csv_path = scratch.file("orders.csv", b"id,total\n1,19.99\n2,42.00\n")?;
    let direct = client
        .uploads()
        .create(UploadCreate::builder().file(csv_path.as_path()).name("Orders export").tags("exports").build())
        .await?;
    println!("upload {}: {} ({} bytes), {}", direct.id, direct.name, direct.size, direct.status);

    // Large files go straight to cloud storage: ask for a presigned URL,
    // send the bytes there with any HTTP client, and report each step.
    let video = b"\x00\x00\x00\x18ftypmp42 launch video".to_vec();
    let cloud = client
        .uploads()
        .create_cloud_upload(
            CloudUploadCreate::builder()
                .mime_type("video/mp4")
                .file_size(video.len() as u64)
                .filename("launch.mp4")
                .name("Launch video")
                .build(),
        )
        .await?;
    println!(
        "cloud upload {}: send with {} to the presigned URL (expires in {}s)",
        cloud.id,
        cloud.method.as_deref().unwrap_or("PUT"),
        cloud.expires_in.unwrap_or(0)
    );
    let started = client.uploads().mark_started(&cloud.id).await?;
    println!("upload {}: {}", started.id, started.status);
    reqwest::Client::new()
        .put(&cloud.upload_url)
        .header("Content-Type", "video/mp4")
        .body(video)
        .send()
        .await?
        .error_for_status()?;
    let done = client.uploads().mark_completed(&cloud.id).await?;
    println!("upload {}: {} at {}", done.id, done.status, done.upload_ended_at.as_deref().unwrap_or("-"));

    // A transfer that went wrong is reported as failed.
    let broken = client
        .uploads()
        .create_cloud_upload(
            CloudUploadCreate::builder().mime_type("application/zip").file_size(2048).filename("backup.zip").build(),
        )
        .await?;
    client.uploads().mark_started(&broken.id).await?;
    let failed = client.uploads().mark_failed(&broken.id).await?;
    println!("upload {}: {}", failed.id, failed.status);

    let all: Vec<_> = client.uploads().iter_all(&ListParams::new()).try_collect().await?;
    let summary: Vec<String> = all.iter().map(|u| format!("{} {}", u.id, u.status)).collect();
    println!("uploads: {}", summary.join(", "));
    for upload in all {
        upload.delete().await?;
    }
    println!("deleted every upload");
    Ok(())
}

async fn connections_and_forms(client: &Client) -> AnyResult<()> {
    println!("\n== Connections and forms ==");
    let connections = client.connections().list(&ListParams::new()).await?;
    for c in &connections.items {
        println!("connection {}: {} ({})", c.id, c.provider, c.status);
    }
    // Credentials are secrets: tell only whether there is a token.
    let credentials = client.connections().get_credentials("konigle_forms").await?;
    let has_token = credentials.access_token().is_some();
    println!("konigle_forms credentials: access token {}", if has_token { "present" } else { "missing" });

    // The forms service: the client fetches its token by itself.
    let form = client.forms().create(FormCreate::builder().name("Contact Us").build()).await?;
    println!("form {:?}: slug {}, active {}, posts to {}", form.name, form.slug, form.is_active, form.endpoint_url);
    client.forms().create(FormCreate::builder().name("Newsletter").build()).await?;
    let forms = client.forms().list(&ListParams::new()).await?;
    let slugs: Vec<&str> = forms.items.iter().map(|f| f.slug.as_str()).collect();
    println!("forms: {} ({})", forms.count, slugs.join(", "));

    // A visitor submits the form (a plain HTML form post, no API key)...
    reqwest::Client::new()
        .post(&form.endpoint_url)
        .form(&[("email", "jane@example.com"), ("message", "Do you ship to Norway?")])
        .send()
        .await?
        .error_for_status()?;
    // ...and the submissions are listed through the API.
    let submissions = client.forms().list_submissions(&form.slug, &ListParams::new()).await?;
    for s in &submissions.items {
        let email = s.form_data.as_ref().and_then(|d| d.get("email")).and_then(|v| v.as_str()).unwrap_or("-");
        println!("submission {} to {}: from {email} at {}, spam {}", s.id, form.slug, s.submitted_at, s.is_spam);
    }
    Ok(())
}

async fn cloud(client: &Client) -> AnyResult<()> {
    println!("\n== Cloud hosting ==");
    let cloud = client.cloud();
    let created = cloud
        .computers()
        .create(ComputerCreate::builder().display_name("Web Server").size(ComputerSize::Small).region("sgp1").build())
        .await?;
    let computer = &created.computer;
    println!(
        "computer {}: {} ({}, {}) is {}",
        computer.id, computer.name, computer.size, computer.region, computer.status
    );
    // Provisioning goes on after the call: follow its job.
    let job = cloud.jobs().get(&created.job_id).await?;
    println!("job {} ({}): {}, terminal {}", job.id, job.task_name, job.status, job.is_terminal());

    let free = cloud.webapps().check_name_availability("shop").await?;
    println!("web app name \"shop\" available: {free}");
    let app = cloud
        .webapps()
        .create(
            WebAppCreate::builder()
                .computer_id(computer.id.clone())
                .name("shop")
                .runtime(WebAppRuntime::Python3)
                .web_server("nginx")
                .display_name("Shop")
                .build(),
        )
        .await?;
    println!("web app {}: {} ({}) on computer {}", app.webapp.id, app.webapp.name, app.webapp.runtime, computer.id);
    let r = cloud.webapps().check_name_availability("shop").await?;
    println!("web app name \"shop\" available now: {r}");

    // Each web app has a uat and a production space.
    let of_app = SpaceFilters::builder().webapp_id(app.webapp.id.clone()).build();
    let spaces = cloud.spaces().list(&ListParams::with_filters(of_app)).await?;
    for s in &spaces.items {
        println!("space {}: {} at {} ({})", s.id, s.space_type, s.platform_domain, s.status);
    }
    let uat = spaces.items.iter().find(|s| s.space_type == SpaceType::Uat).ok_or("the web app has no uat space")?;

    // Deploy an archive to uat, then promote what runs there to production.
    let deployment = cloud
        .spaces()
        .deploy(
            &uat.id,
            SpaceDeploy::builder()
                .zip_file(FileInput::bytes(APP_ZIP.to_vec()))
                .filename("shop-1.0.zip")
                .display_name("Release 1.0")
                .build(),
        )
        .await?;
    let job = cloud.jobs().get(&deployment.job_id).await?;
    println!("deployment {} ({:?}) to {}: job {}", deployment.id, deployment.display_name, uat.space_type, job.status);
    let promoted = cloud.spaces().promote(&uat.id).await?;
    let production = cloud.spaces().get(&promoted.space_id).await?;
    println!(
        "promoted to {} ({}): last deployed {}",
        production.space_type,
        production.id,
        production.last_deployed_at.map_or_else(|| "-".to_owned(), |t| t.to_rfc3339())
    );

    let jobs: Vec<_> = cloud.jobs().iter_all(&ListParams::new()).try_collect().await?;
    for j in &jobs {
        println!("  job {} {}: {} (succeeded {})", j.id, j.task_name, j.status, j.succeeded());
    }

    cloud.webapps().delete(&app.webapp.id).await?;
    cloud.computers().delete(&computer.id).await?;
    println!("deleted the web app (with its spaces) and the computer");
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

async fn run() -> AnyResult<()> {
    let server = MockServer::start().await;
    println!("Konigle SDK assets and cloud example, against the mock server at {}", server.base_url());
    let config = server.config();
    let client = Client::new(config)?;
    let scratch = Scratch::new()?;
    assets(&client, &scratch).await?;
    uploads(&client, &scratch).await?;
    connections_and_forms(&client).await?;
    cloud(&client).await?;
    println!("\nDone: the mock server answered {} requests.", server.requests().len());
    Ok(())
}

#[tokio::main]
pub async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("assets and cloud example stopped: {e}");
            ExitCode::FAILURE
        }
    }
}
