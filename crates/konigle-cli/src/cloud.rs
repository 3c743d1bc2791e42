//! `konigle cloud`: computers, web apps, linking a directory to a web app,
//! deploying it to the `uat` space, promoting to production, and jobs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, ArgMatches, Command};
use konigle_blocking::filters::{SpaceFilters, WebAppFilters};
use konigle_blocking::models::{ComputerCreate, Job, Space, SpaceDeploy, SpaceType, WebAppCreate};
use konigle_blocking::{Client, ListParams};
use konigle_core::models::Payload;
use konigle_core::resource::detail_request;
use konigle_core::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::{dry_run, dry_run_arg, to_json, Ctx, Registry};
use crate::error::{CliError, CliResult};
use crate::opts::{self, Opt};
use crate::output::Column;
use crate::progress;

/// The link file `konigle cloud link` writes in the project directory.
pub const LINK_FILE: &str = ".bentocloud.json";
/// The ignore file of directory packaging.
pub const IGNORE_FILE: &str = ".bentocloudignore";
/// What directory packaging leaves out when there is no ignore file.
pub const DEFAULT_EXCLUDES: &[&str] =
    &[".git", "__pycache__", "*.pyc", "*.pyo", ".bentocloud.json", ".env", "node_modules", ".DS_Store"];

/// Seconds between job polls.
const POLL: Duration = Duration::from_secs(3);
/// How long to wait for a job.
const JOB_TIMEOUT: Duration = Duration::from_secs(600);

/// The contents of `.bentocloud.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkConfig {
    /// Computer name.
    pub computer: String,
    /// Web app name.
    pub webapp: String,
    /// Id of the web app's `uat` space, the target of every deploy.
    pub uat_space_id: String,
}

fn load_link() -> CliResult<LinkConfig> {
    let text = std::fs::read_to_string(LINK_FILE).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            CliError::config(format!("no {LINK_FILE} here: run `konigle cloud link` first"))
        }
        _ => CliError::config(format!("cannot read {LINK_FILE}: {e}")),
    })?;
    serde_json::from_str(&text).map_err(|e| CliError::config(format!("{LINK_FILE} is invalid: {e}")))
}

const COMPUTER_COLUMNS: &[Column] = &[
    ("NAME", "name"),
    ("DISPLAY NAME", "display_name"),
    ("SIZE", "size"),
    ("REGION", "region"),
    ("STATUS", "status"),
    ("IP", "public_ip"),
];
const WEBAPP_COLUMNS: &[Column] =
    &[("NAME", "name"), ("DISPLAY NAME", "display_name"), ("RUNTIME", "runtime"), ("ID", "id")];

fn detach_arg() -> Arg {
    Arg::new("detach")
        .long("detach")
        .short('d')
        .action(ArgAction::SetTrue)
        .help("Print the job id and return without waiting")
}

fn computers(client: &Client) -> CliResult<Vec<konigle_blocking::Record<konigle_blocking::models::Computer>>> {
    Ok(client.cloud().computers().list(&ListParams::new().page_size(100))?.items)
}

fn computer_id(client: &Client, name: &str) -> CliResult<String> {
    computers(client)?
        .into_iter()
        .find(|c| c.name == name || c.id == name)
        .map(|c| c.id.clone())
        .ok_or_else(|| CliError::not_found(format!("computer \"{name}\" not found")))
}

fn webapps(
    client: &Client,
    computer_id: Option<String>,
) -> CliResult<Vec<konigle_blocking::Record<konigle_blocking::models::WebApp>>> {
    let params =
        ListParams::with_filters(WebAppFilters::builder().maybe_computer_id(computer_id).build()).page_size(100);
    Ok(client.cloud().webapps().list(&params)?.items)
}

/// The id of the `space_type` space of a web app, found by names.
fn resolve_space(client: &Client, computer: &str, webapp: &str, space_type: SpaceType) -> CliResult<Option<Space>> {
    let cid = computer_id(client, computer)?;
    let Some(app) = webapps(client, Some(cid))?.into_iter().find(|w| w.name == webapp) else {
        return Ok(None);
    };
    let params = ListParams::with_filters(SpaceFilters::builder().webapp_id(app.id.clone()).build()).page_size(10);
    let spaces = client.cloud().spaces().list(&params)?.items;
    Ok(spaces.into_iter().find(|s| s.space_type == space_type).map(|s| (*s).clone()))
}

/// How a wait for a job ended.
enum Waited {
    /// The job reached a terminal state.
    Done(Job),
    /// The user pressed Ctrl-C: the job goes on.
    Detached,
}

/// Polls a job until it ends, printing its new log lines, with a spinner.
/// Ctrl-C stops waiting (the job goes on).
fn wait_for_job(ctx: &Ctx, client: &Client, job_id: &str, label: &str) -> CliResult<Waited> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let sig = signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted)).ok();
    let result = poll_job(ctx, client, job_id, label, &interrupted);
    if let Some(id) = sig {
        signal_hook::low_level::unregister(id);
    }
    result
}

fn poll_job(ctx: &Ctx, client: &Client, job_id: &str, label: &str, interrupted: &AtomicBool) -> CliResult<Waited> {
    let sp = progress::spinner(&ctx.out, format!("{label} (Ctrl-C to detach)"));
    let started = Instant::now();
    let mut shown = 0;
    loop {
        let job = client.cloud().jobs().get(job_id).inspect_err(|_| sp.finish_and_clear())?;
        for entry in job.log.iter().skip(shown) {
            let line = log_line(entry);
            sp.suspend(|| eprintln!("{line}"));
        }
        shown = job.log.len();
        if job.is_terminal() {
            sp.finish_and_clear();
            return Ok(Waited::Done((*job).clone()));
        }
        if started.elapsed() > JOB_TIMEOUT {
            sp.finish_and_clear();
            return Err(CliError::failed(format!(
                "timed out after {}s waiting for job {job_id}; follow it with `konigle cloud job status {job_id}`",
                JOB_TIMEOUT.as_secs()
            )));
        }
        let next = Instant::now() + POLL;
        while Instant::now() < next {
            if interrupted.load(Ordering::Relaxed) {
                sp.finish_and_clear();
                return Ok(Waited::Detached);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn log_line(entry: &Value) -> String {
    let level = entry.get("level").and_then(Value::as_str).unwrap_or("info").to_uppercase();
    let msg = entry.get("message").and_then(Value::as_str).map_or_else(|| entry.to_string(), str::to_string);
    format!("  [{level}] {msg}")
}

/// Waits for the job unless `--detach`; fails (exit 1) when the job failed.
fn follow(ctx: &Ctx, m: &ArgMatches, client: &Client, job_id: &str, label: &str, done: &str) -> CliResult<bool> {
    if m.get_flag("detach") {
        ctx.out.say(format!("Detached. Follow it with: konigle cloud job status {job_id}"));
        return Ok(false);
    }
    let job = match wait_for_job(ctx, client, job_id, label)? {
        Waited::Done(job) => job,
        Waited::Detached => {
            ctx.out.say(format!("Detached. Follow it with: konigle cloud job status {job_id}"));
            return Ok(false);
        }
    };
    if job.succeeded() {
        ctx.out.say(done);
        Ok(true)
    } else {
        Err(CliError::failed(format!(
            "job {job_id} {}: see `konigle cloud job status {job_id}`",
            to_json(&job.status)?.as_str().unwrap_or("failed")
        )))
    }
}

/// Registers the `cloud` commands.
pub fn register(reg: &mut Registry) {
    reg.group(&["cloud"], "Cloud hosting: computers, web apps, deploys and jobs");
    reg.group(&["cloud", "computer"], "Cloud computers (virtual machines)");
    reg.group(&["cloud", "webapp"], "Web apps hosted on computers");
    reg.group(&["cloud", "job"], "Background jobs of provisioning and deploys");

    reg.add(
        &["cloud", "computer", "list"],
        Command::new("list").about("List computers"),
        "konigle cloud computer list",
        |_, ctx| {
            let items = computers(ctx.client()?)?.iter().map(to_json).collect::<CliResult<Vec<_>>>()?;
            ctx.out.print_list(&items, COMPUTER_COLUMNS, "No computers found.")
        },
    );

    const COMPUTER: &[Opt] = &[
        Opt::text("display-name", "display_name", "Label of the computer").required(),
        Opt::text("size", "size", "Size: S (2 GB, 1 vCPU), M (4 GB, 2 vCPUs), L (8 GB, 4 vCPUs)")
            .required()
            .choices(&["S", "M", "L"]),
        Opt::text("region", "region", "Region slug, e.g. singapore").required(),
        Opt::text("name", "name", "Slug name (generated when omitted)"),
        Opt::text("emoji", "emoji", "Emoji avatar"),
    ];
    let cmd = opts::add_all(
        Command::new("create").about("Provision a computer").arg(detach_arg()).arg(dry_run_arg()),
        COMPUTER,
    );
    reg.add(
        &["cloud", "computer", "create"],
        cmd,
        "konigle cloud computer create --display-name Web --size S --region singapore",
        |m, ctx| {
            let v = opts::collect(COMPUTER, m)?;
            let data = ComputerCreate::builder()
                .display_name(v.req::<String>("display_name")?)
                .size(v.req("size")?)
                .region(v.req::<String>("region")?)
                .maybe_name(v.str("name"))
                .maybe_emoji(v.str("emoji"))
                .build();
            if dry_run(m) {
                let req =
                    konigle_core::resource::collection_request::<konigle_blocking::models::Computer>(Method::Post)
                        .body(data.into_body()?);
                return ctx.describe(&req);
            }
            let client = ctx.client()?;
            let created = client.cloud().computers().create(data)?;
            ctx.out.say(format!("Provisioning computer \"{}\" (job {})", created.computer.name, created.job_id));
            if follow(
                ctx,
                m,
                client,
                &created.job_id,
                "Provisioning",
                &format!("Computer \"{}\" is ready.", created.computer.name),
            )? || ctx.out.json()
            {
                ctx.out.print_one(&to_json(&created)?)?;
            }
            Ok(())
        },
    );

    let cmd = Command::new("list")
        .about("List web apps")
        .arg(Arg::new("computer").long("computer").help("Only those on this computer (name)"));
    reg.add(&["cloud", "webapp", "list"], cmd, "konigle cloud webapp list --computer web", |m, ctx| {
        let client = ctx.client()?;
        let cid = match m.get_one::<String>("computer") {
            Some(name) => Some(computer_id(client, name)?),
            None => None,
        };
        let items = webapps(client, cid)?.iter().map(to_json).collect::<CliResult<Vec<_>>>()?;
        ctx.out.print_list(&items, WEBAPP_COLUMNS, "No web apps found.")
    });

    const WEBAPP: &[Opt] = &[
        Opt::text("computer", "", "Name of the computer to host it").required(),
        Opt::text("name", "name", "Globally unique slug").required(),
        Opt::text("runtime", "runtime", "Runtime").required().choices(&["python3", "nodejs"]),
        Opt::text("web-server", "web_server", "Web server").default("nginx"),
        Opt::text("display-name", "display_name", "Label (default: the name)"),
        Opt::text("database", "database", "Database to provision, e.g. postgres"),
        Opt::text("cache", "cache", "Cache to provision, e.g. redis"),
        Opt::text("emoji", "emoji", "Emoji avatar"),
    ];
    let cmd = opts::add_all(
        Command::new("create")
            .about("Create a web app with its uat and production spaces")
            .arg(detach_arg())
            .arg(dry_run_arg()),
        WEBAPP,
    );
    reg.add(
        &["cloud", "webapp", "create"],
        cmd,
        "konigle cloud webapp create --computer web --name shop --runtime python3",
        |m, ctx| {
            let v = opts::collect(WEBAPP, m)?;
            let computer = m.get_one::<String>("computer").cloned().unwrap_or_default();
            let name: String = v.req("name")?;
            // A dry run describes the request even without credentials,
            // naming the computer by itself when it cannot be looked up.
            let cid = if dry_run(m) {
                ctx.client().ok().and_then(|c| computer_id(c, &computer).ok()).unwrap_or_else(|| computer.clone())
            } else {
                computer_id(ctx.client()?, &computer)?
            };
            let data = WebAppCreate::builder()
                .computer_id(cid)
                .name(name.clone())
                .runtime(v.req("runtime")?)
                .web_server(v.req::<String>("web_server")?)
                .display_name(v.str("display_name").unwrap_or_else(|| name.clone()))
                .maybe_database(v.get::<String>("database")?)
                .maybe_cache(v.get::<String>("cache")?)
                .maybe_emoji(v.str("emoji"))
                .build();
            if dry_run(m) {
                let req = konigle_core::resource::collection_request::<konigle_blocking::models::WebApp>(Method::Post)
                    .body(data.into_body()?);
                return ctx.describe(&req);
            }
            let client = ctx.client()?;
            let created = client.cloud().webapps().create(data)?;
            ctx.out.say(format!("Creating web app \"{name}\" (job {})", created.job_id));
            if follow(ctx, m, client, &created.job_id, "Provisioning", &format!("Web app \"{name}\" is ready."))?
                || ctx.out.json()
            {
                ctx.out.print_one(&to_json(&created)?)?;
            }
            Ok(())
        },
    );

    let cmd = Command::new("status")
        .about("Show a job (exit 1 when it failed)")
        .arg(Arg::new("id").value_name("JOB_ID").required(true).help("Id of the job"))
        .arg(
            Arg::new("wait")
                .long("wait")
                .action(ArgAction::SetTrue)
                .help("Wait until the job ends (Ctrl-C stops waiting)"),
        );
    reg.add(&["cloud", "job", "status"], cmd, "konigle cloud job status 5b0c… --wait", |m, ctx| {
        let id = crate::crud::id(m);
        let client = ctx.client()?;
        if m.get_flag("wait") {
            if let Waited::Detached = wait_for_job(ctx, client, &id, "Waiting")? {
                ctx.out.say(format!("Stopped waiting. The job goes on: konigle cloud job status {id}"));
                return Ok(());
            }
        }
        let job = client.cloud().jobs().get(&id)?;
        if ctx.out.json() {
            ctx.out.print_json(&to_json(&job)?)?;
        } else {
            println!("Job:    {}", job.id);
            println!("Task:   {}", job.task_name);
            println!("Status: {}", to_json(&job.status)?.as_str().unwrap_or(""));
            if let Some(done) = &job.completed_at {
                println!("Done:   {}", to_json(done)?.as_str().unwrap_or(""));
            }
            if !job.log.is_empty() {
                println!("\nLog:");
                for entry in &job.log {
                    println!("{}", log_line(entry));
                }
            }
        }
        if job.status == konigle_blocking::models::JobStatus::Failed {
            return Err(CliError::failed(format!("job {id} failed")));
        }
        Ok(())
    });

    link(reg);
    deploy(reg);
    promote(reg);
}

/// One of `names`: the only one (confirmed on a terminal), or one picked
/// on the terminal when there are several (else name it with `--<what>`).
fn choose(ctx: &Ctx, what: &str, names: Vec<String>) -> CliResult<String> {
    match names.len() {
        0 => Err(CliError::not_found(format!("no {what}s found"))),
        1 => {
            let only = names.into_iter().next().unwrap_or_default();
            if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                ctx.out.say(format!("Using the only {what}, \"{only}\""));
                return Ok(only);
            }
            if ctx.confirm(&format!("Use {what} \"{only}\"?"), false)? {
                Ok(only)
            } else {
                Err(CliError::usage("aborted"))
            }
        }
        _ => ctx.pick(&format!("{what} name"), &names)?.ok_or_else(|| {
            CliError::usage(format!("several {what}s: choose one with --{what} ({})", names.join(", ")))
        }),
    }
}

fn link(reg: &mut Registry) {
    let cmd = Command::new("link")
        .about("Link this directory to a web app (writes .bentocloud.json)")
        .arg(Arg::new("computer").long("computer").help("Computer name (asked when omitted)"))
        .arg(Arg::new("webapp").long("webapp").help("Web app name (asked when omitted)"));
    reg.add(&["cloud", "link"], cmd, "konigle cloud link --computer web --webapp shop", |m, ctx| {
        let client = ctx.client()?;
        let computer = match m.get_one::<String>("computer") {
            Some(c) => c.clone(),
            None => choose(ctx, "computer", computers(client)?.iter().map(|c| c.name.clone()).collect())?,
        };
        let webapp = match m.get_one::<String>("webapp") {
            Some(w) => w.clone(),
            None => {
                let cid = computer_id(client, &computer)?;
                choose(ctx, "webapp", webapps(client, Some(cid))?.iter().map(|w| w.name.clone()).collect())?
            }
        };
        let uat = resolve_space(client, &computer, &webapp, SpaceType::Uat)?
            .ok_or_else(|| CliError::not_found(format!("no uat space found for web app \"{webapp}\"")))?;
        let cfg = LinkConfig { computer, webapp, uat_space_id: uat.id.clone() };
        let mut text = serde_json::to_string_pretty(&cfg)?;
        text.push('\n');
        std::fs::write(LINK_FILE, text)?;
        if ctx.out.json() {
            return ctx.out.print_json(&to_json(&cfg)?);
        }
        println!("Linked to:");
        println!("  Computer:     {}", cfg.computer);
        println!("  WebApp:       {}", cfg.webapp);
        println!("  UAT space ID: {}", cfg.uat_space_id);
        println!("\nSaved to {LINK_FILE}");
        Ok(())
    });
}

fn deploy(reg: &mut Registry) {
    let cmd = Command::new("deploy")
        .about("Package a directory and deploy it to the linked web app's uat space")
        .long_about(
            "Package a directory and deploy it to the linked web app's uat space.\n\n\
             In a git checkout the commit HEAD is packaged with `git archive` (the working tree must be \
             clean); elsewhere the directory is zipped, leaving out what .bentocloudignore lists (one glob a \
             line, # comments) or, without that file, .git, __pycache__, *.pyc, *.pyo, .bentocloud.json, .env, \
             node_modules and .DS_Store. The archive is written to a temporary file and streamed.",
        )
        .arg(
            Arg::new("path")
                .long("path")
                .default_value(".")
                .value_hint(clap::ValueHint::DirPath)
                .help("Directory to deploy"),
        )
        .arg(Arg::new("name").long("name").help("Label of this deployment"))
        .arg(detach_arg())
        .arg(
            Arg::new("keep-archive")
                .long("keep-archive")
                .value_name("FILE")
                .value_hint(clap::ValueHint::FilePath)
                .help("Also save the archive sent to FILE"),
        )
        .arg(dry_run_arg());
    reg.add(&["cloud", "deploy"], cmd, "konigle cloud deploy --name \"Release 1.2\"", |m, ctx| {
        let link = load_link()?;
        let source = PathBuf::from(m.get_one::<String>("path").map_or(".", String::as_str));
        if !source.is_dir() {
            return Err(CliError::usage(format!("--path {}: not a directory", source.display())));
        }
        let name = m.get_one::<String>("name").cloned();
        ctx.out.say(format!("Deploying from: {}", source.display()));
        ctx.out.say(format!(
            "  Computer: {}\n  WebApp:   {}\n  Space:    uat (id: {})",
            link.computer, link.webapp, link.uat_space_id
        ));
        validate_source(&source)?;
        let (archive, mode) = package(&source)?;
        let size = archive.as_file().metadata()?.len();
        let entries = zip_entries(archive.path())?;
        ctx.out.say(format!("Packaged {} files ({:.0} KB, {mode} mode)", entries.len(), size as f64 / 1024.0));
        if let Some(keep) = m.get_one::<String>("keep-archive") {
            std::fs::copy(archive.path(), keep).map_err(|e| CliError::failed(format!("cannot write {keep}: {e}")))?;
        }
        let data = SpaceDeploy::builder()
            .zip_file(archive.path())
            .filename("app.zip")
            .maybe_display_name(name.clone())
            .build();
        if dry_run(m) {
            let req =
                detail_request::<Space>(Method::Post, &link.uat_space_id)?.suffix("/deploy").body(data.into_body()?);
            ctx.describe(&req)?;
            if !ctx.out.json() {
                println!("Archive entries:");
                for e in &entries {
                    println!("  {e}");
                }
            }
            return Ok(());
        }
        let client = ctx.client()?;
        let slow = client.with_timeout(Duration::from_secs(900));
        let deployment =
            progress::upload(&ctx.out, "Uploading", size, || slow.cloud().spaces().deploy(&link.uat_space_id, data))?;
        ctx.out.say(format!("Deployment queued (job {})", deployment.job_id));
        if follow(ctx, m, client, &deployment.job_id, "Deploying", "Deployed successfully.")? {
            if let Ok(space) = client.cloud().spaces().get(&link.uat_space_id) {
                if !space.platform_domain.is_empty() {
                    ctx.out.say(format!("  URL: https://{}", space.platform_domain));
                }
            }
        }
        if ctx.out.json() {
            ctx.out.print_json(&to_json(&deployment)?)?;
        }
        Ok(())
    });
}

fn promote(reg: &mut Registry) {
    let cmd =
        Command::new("promote").about("Run the uat space's image in production").arg(detach_arg()).arg(dry_run_arg());
    reg.add(&["cloud", "promote"], cmd, "konigle cloud promote --detach", |m, ctx| {
        let link = load_link()?;
        if dry_run(m) {
            return ctx.describe(&detail_request::<Space>(Method::Post, &link.uat_space_id)?.suffix("/promote"));
        }
        let client = ctx.client()?;
        ctx.out.say(format!("Promoting \"{}\" uat → production", link.webapp));
        let deployment = client.cloud().spaces().promote(&link.uat_space_id)?;
        ctx.out.say(format!("Promotion queued (job {})", deployment.job_id));
        if follow(ctx, m, client, &deployment.job_id, "Promoting", "Production updated.")? {
            if let Ok(Some(space)) = resolve_space(client, &link.computer, &link.webapp, SpaceType::Production) {
                if !space.platform_domain.is_empty() {
                    ctx.out.say(format!("  URL: https://{}", space.platform_domain));
                }
            }
        }
        if ctx.out.json() {
            ctx.out.print_json(&to_json(&deployment)?)?;
        }
        Ok(())
    });
}

/// Checks the files a deployable directory needs: `bentocloud.toml` with at
/// least one `[processes.<name>]` table, and a `Dockerfile`.
fn validate_source(dir: &Path) -> CliResult<()> {
    let missing: Vec<&str> = ["bentocloud.toml", "Dockerfile"].into_iter().filter(|f| !dir.join(f).exists()).collect();
    if !missing.is_empty() {
        return Err(CliError::usage(format!("missing from the project root: {}", missing.join(", "))));
    }
    let toml = std::fs::read_to_string(dir.join("bentocloud.toml"))?;
    let has_process = toml.lines().map(str::trim).any(|l| {
        let l = l.split('#').next().unwrap_or("").trim();
        (l.starts_with("[processes.") && l.ends_with(']')) || (l.starts_with("processes.") && l.contains('='))
    });
    if !has_process {
        return Err(CliError::usage("bentocloud.toml must define at least one process under [processes.<name>]"));
    }
    Ok(())
}

/// Packages `dir` into a temporary zip file: `git archive` of HEAD in a
/// clean git checkout, else a walk of the directory honouring the ignore file.
fn package(dir: &Path) -> CliResult<(tempfile::NamedTempFile, &'static str)> {
    let tmp = tempfile::Builder::new().prefix("konigle-deploy-").suffix(".zip").tempfile()?;
    let in_git = Process::new("git")
        .args(["rev-parse", "--git-dir"])
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    if in_git {
        let status = Process::new("git").args(["status", "--porcelain"]).current_dir(dir).output()?;
        if !String::from_utf8_lossy(&status.stdout).trim().is_empty() {
            return Err(CliError::usage(
                "the working tree has uncommitted changes; commit them before deploying (git add -A && git commit)",
            ));
        }
        let out = Process::new("git")
            .args(["archive", "--format=zip", "-o"])
            .arg(tmp.path())
            .arg("HEAD")
            .current_dir(dir)
            .output()?;
        if !out.status.success() {
            return Err(CliError::failed(format!(
                "git archive failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        return Ok((tmp, "git"));
    }
    let patterns = ignore_patterns(dir)?;
    let mut files = Vec::new();
    walk(dir, dir, &patterns, &mut files)?;
    files.sort();
    let mut zip = zip::ZipWriter::new(tmp.reopen()?);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut buf = vec![0u8; 64 * 1024];
    for rel in &files {
        zip.start_file(rel.as_str(), options)
            .map_err(|e| CliError::failed(format!("cannot write the archive: {e}")))?;
        let mut f = std::fs::File::open(dir.join(rel))?;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            zip.write_all(&buf[..n])?;
        }
    }
    zip.finish().map_err(|e| CliError::failed(format!("cannot write the archive: {e}")))?;
    Ok((tmp, "dir"))
}

/// The patterns of `.bentocloudignore`, or the defaults without one.
fn ignore_patterns(dir: &Path) -> CliResult<Vec<String>> {
    match std::fs::read_to_string(dir.join(IGNORE_FILE)) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect())
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether a relative path is left out: a pattern matches the whole path or its first component.
fn excluded(rel: &str, patterns: &[String]) -> bool {
    let first = rel.split('/').next().unwrap_or(rel);
    patterns.iter().any(|p| glob_match(p.as_bytes(), rel.as_bytes()) || glob_match(p.as_bytes(), first.as_bytes()))
}

fn walk(root: &Path, dir: &Path, patterns: &[String], out: &mut Vec<String>) -> CliResult<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(root, &path, patterns, out)?;
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && !excluded(&rel, patterns) {
            out.push(rel);
        }
    }
    Ok(())
}

/// Shell-style matching as Python's `fnmatch`: `*` (any run, `/` included), `?`, `[abc]`, `[!abc]`.
pub fn glob_match(pat: &[u8], s: &[u8]) -> bool {
    let (mut p, mut i) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < s.len() {
        if p < pat.len() {
            match pat[p] {
                b'*' => {
                    star = Some((p, i));
                    p += 1;
                    continue;
                }
                b'?' => {
                    p += 1;
                    i += 1;
                    continue;
                }
                b'[' => {
                    if let Some((matched, next)) = class(&pat[p..], s[i]) {
                        if matched {
                            p += next;
                            i += 1;
                            continue;
                        }
                    } else if s[i] == b'[' {
                        p += 1;
                        i += 1;
                        continue;
                    }
                }
                c if c == s[i] => {
                    p += 1;
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, si)) => {
                p = sp + 1;
                i = si + 1;
                star = Some((sp, si + 1));
            }
            None => return false,
        }
    }
    pat[p..].iter().all(|&c| c == b'*')
}

/// Matches `c` against the class at the start of `pat`; `None` when the class is not closed.
fn class(pat: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut j = 1;
    let negate = pat.get(j).is_some_and(|&b| b == b'!');
    if negate {
        j += 1;
    }
    let start = j;
    let mut hit = false;
    while j < pat.len() {
        if pat[j] == b']' && j > start {
            return Some((hit != negate, j + 1));
        }
        if j + 2 < pat.len() && pat[j + 1] == b'-' && pat[j + 2] != b']' {
            hit |= pat[j] <= c && c <= pat[j + 2];
            j += 3;
        } else {
            hit |= pat[j] == c;
            j += 1;
        }
    }
    None
}

/// The file names in a zip archive.
fn zip_entries(path: &Path) -> CliResult<Vec<String>> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path)?)
        .map_err(|e| CliError::failed(format!("unreadable archive: {e}")))?;
    Ok(archive.file_names().filter(|n| !n.ends_with('/')).map(str::to_string).collect::<Vec<_>>()).map(|mut v| {
        v.sort();
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_fnmatch() {
        assert!(glob_match(b"*.pyc", b"a/b/c.pyc"));
        assert!(glob_match(b".git", b".git"));
        assert!(!glob_match(b".git", b".github"));
        assert!(glob_match(b"file?.txt", b"file1.txt"));
        assert!(glob_match(b"[ab]*", b"build"));
        assert!(!glob_match(b"[!ab]*", b"build"));
        assert!(glob_match(b"secrets/*", b"secrets/key.pem"));
        assert!(excluded("node_modules/x/y.js", &["node_modules".to_string()]));
        assert!(!excluded("src/app.py", &["*.pyc".to_string()]));
    }
}
