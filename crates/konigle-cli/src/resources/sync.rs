//! `website pull DIR` / `website push DIR`: the site's editable design as
//! files, with a manifest of ids and content hashes so that `push` sends
//! only what changed and never overwrites a remote change made since.
//!
//! Layout of DIR:
//!
//! ```text
//! .konigle-site.json              the manifest
//! templates/<handle>.json         each template's layout
//! components/<name>.html          each component's HTML
//! design/stylesheet.css           the design-system stylesheet
//! design/theme.css                the theme CSS
//! design/theme.js                 the theme JS
//! design/reference-template.html  the theme's reference template
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};
use konigle_blocking::models::{ComponentUpdate, TemplateLayout, TemplateUpdate};
use konigle_blocking::{Client, ListParams};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::app::{dry_run, dry_run_arg, Ctx, Registry};
use crate::error::{CliError, CliResult};

/// The manifest's file name inside DIR.
pub const MANIFEST: &str = ".konigle-site.json";

/// What a synced file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    TemplateLayout,
    ComponentHtml,
    Stylesheet,
    ThemeCss,
    ThemeJs,
    ReferenceTemplate,
}

/// One synced file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    kind: Kind,
    /// The template's or component's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    /// sha256 of the file as last pulled or pushed.
    sha256: String,
    /// sha256 of the remote content as last seen (the same text as the file
    /// after a pull; re-read from the site after a push).
    remote_sha256: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// Entries by path relative to DIR (`/`-separated).
    files: BTreeMap<String, Entry>,
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A file name from a template handle or component name.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "unnamed".into()
    } else {
        s
    }
}

fn layout_text(layout: &Option<TemplateLayout>) -> CliResult<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(layout)?))
}

/// The remote content of one entry, as its file holds it.
fn remote(client: &Client, entry: &Entry) -> CliResult<String> {
    let id = || entry.id.clone().ok_or_else(|| CliError::failed("the manifest entry has no id"));
    Ok(match entry.kind {
        Kind::TemplateLayout => layout_text(&client.templates().get(&id()?)?.layout)?,
        Kind::ComponentHtml => client.components().get(&id()?)?.template_html.clone(),
        Kind::Stylesheet => client.stylesheets().get_content()?,
        Kind::ThemeCss => client.themes().get_theme_css()?,
        Kind::ThemeJs => client.js().get_theme_js()?,
        Kind::ReferenceTemplate => client.themes().get_reference_theme_template()?,
    })
}

/// Sends one entry's new content.
fn send(client: &Client, entry: &Entry, path: &str, text: &str) -> CliResult<()> {
    let id = || entry.id.clone().ok_or_else(|| CliError::failed("the manifest entry has no id"));
    match entry.kind {
        Kind::TemplateLayout => {
            let layout: TemplateLayout = serde_json::from_str(text)
                .map_err(|e| CliError::usage(format!("{path}: not a template layout: {e}")))?;
            client.templates().update(&id()?, TemplateUpdate::builder().layout(layout).build())?;
        }
        Kind::ComponentHtml => {
            client.components().update(&id()?, ComponentUpdate::builder().template_html(text.to_string()).build())?;
        }
        Kind::Stylesheet => client.stylesheets().set_content(text)?,
        Kind::ThemeCss => client.themes().set_theme_css(text, false)?,
        Kind::ThemeJs => client.js().set_theme_js(text)?,
        Kind::ReferenceTemplate => client.themes().set_reference_theme_template(text, false)?,
    }
    Ok(())
}

fn dir_arg() -> Arg {
    Arg::new("dir").value_name("DIR").required(true).help("Directory of the site's design files")
}

fn dir_of(m: &ArgMatches) -> PathBuf {
    PathBuf::from(m.get_one::<String>("dir").cloned().unwrap_or_default())
}

fn write(dir: &Path, rel: &str, text: &str) -> CliResult<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, text).map_err(|e| CliError::failed(format!("cannot write {}: {e}", path.display())))
}

fn read_manifest(dir: &Path) -> CliResult<Manifest> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        CliError::usage(format!("cannot read {} ({e}); run `konigle website pull` first", path.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{} is not a manifest: {e}", path.display())))
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> CliResult<()> {
    write(dir, MANIFEST, &format!("{}\n", serde_json::to_string_pretty(manifest)?))
}

fn pull(m: &ArgMatches, ctx: &Ctx) -> CliResult<()> {
    let dir = dir_of(m);
    let client = ctx.client()?;
    let mut files: Vec<(String, Entry, String)> = Vec::new();
    let mut add = |rel: String, kind: Kind, id: Option<String>, text: String| {
        let hash = sha256(&text);
        files.push((rel, Entry { kind, id, sha256: hash.clone(), remote_sha256: hash }, text));
    };

    let mut taken = std::collections::BTreeSet::new();
    let mut unique = |dir: &str, name: &str, id: &str, ext: &str| {
        let mut rel = format!("{dir}/{}.{ext}", slug(name));
        if !taken.insert(rel.clone()) {
            rel = format!("{dir}/{}-{}.{ext}", slug(name), slug(id));
            taken.insert(rel.clone());
        }
        rel
    };
    for t in client.templates().iter_all(&ListParams::default()) {
        let t = client.templates().get(&t?.id)?;
        let name = if t.handle.is_empty() { &t.id } else { &t.handle };
        add(
            unique("templates", name, &t.id, "json"),
            Kind::TemplateLayout,
            Some(t.id.clone()),
            layout_text(&t.layout)?,
        );
    }
    for c in client.components().iter_all(&ListParams::default()) {
        let c = client.components().get(&c?.id)?;
        let name = if c.name.is_empty() { &c.id } else { &c.name };
        add(
            unique("components", name, &c.id, "html"),
            Kind::ComponentHtml,
            Some(c.id.clone()),
            c.template_html.clone(),
        );
    }
    add("design/stylesheet.css".into(), Kind::Stylesheet, None, client.stylesheets().get_content()?);
    add("design/theme.css".into(), Kind::ThemeCss, None, client.themes().get_theme_css()?);
    add("design/theme.js".into(), Kind::ThemeJs, None, client.js().get_theme_js()?);
    add(
        "design/reference-template.html".into(),
        Kind::ReferenceTemplate,
        None,
        client.themes().get_reference_theme_template()?,
    );

    let mut manifest = Manifest { version: 1, files: BTreeMap::new() };
    for (rel, entry, text) in files {
        write(&dir, &rel, &text)?;
        manifest.files.insert(rel, entry);
    }
    write_manifest(&dir, &manifest)?;
    let count = manifest.files.len();
    ctx.out.say(format!("Pulled {count} files into {}", dir.display()));
    if ctx.out.json() {
        let files: Vec<&String> = manifest.files.keys().collect();
        ctx.out.print_json(&json!({"dir": dir.display().to_string(), "files": files}))?;
    } else {
        for rel in manifest.files.keys() {
            println!("{rel}");
        }
    }
    Ok(())
}

fn push(m: &ArgMatches, ctx: &Ctx) -> CliResult<()> {
    let dir = dir_of(m);
    let force = m.get_flag("force");
    let mut manifest = read_manifest(&dir)?;

    // What changed locally since the last pull or push.
    let mut changed: Vec<(String, String)> = Vec::new();
    for (rel, entry) in &manifest.files {
        let path = dir.join(rel);
        let Ok(text) = std::fs::read_to_string(&path) else {
            ctx.out.say(format!("Skipping {rel}: the file is gone"));
            continue;
        };
        if sha256(&text) != entry.sha256 {
            changed.push((rel.clone(), text));
        }
    }

    let client = ctx.client()?;
    // Whether the site changed those since: re-read each and compare.
    let mut conflicts = Vec::new();
    for (rel, _) in &changed {
        let entry = &manifest.files[rel];
        if sha256(&remote(client, entry)?) != entry.remote_sha256 {
            conflicts.push(rel.clone());
        }
    }
    let names: Vec<&String> = changed.iter().map(|(rel, _)| rel).collect();

    if dry_run(m) {
        if ctx.out.json() {
            return ctx.out.print_json(&json!({"dry_run": true, "changed": names, "conflicts": conflicts}));
        }
        println!("Dry run: nothing was sent.");
        if changed.is_empty() {
            println!("Nothing changed since the pull.");
        }
        for (rel, _) in &changed {
            let note = if conflicts.contains(rel) { " (changed on the site too)" } else { "" };
            println!("Would push {rel}{note}");
        }
        return Ok(());
    }
    if !conflicts.is_empty() && !force {
        return Err(CliError::failed(format!(
            "changed on the site since the pull: {}. Pull again, or push with --force to overwrite them.",
            conflicts.join(", ")
        )));
    }

    let mut pushed = Vec::new();
    for (rel, text) in &changed {
        let entry = manifest.files[rel].clone();
        send(client, &entry, rel, text)?;
        let now = sha256(&remote(client, &entry)?);
        if let Some(e) = manifest.files.get_mut(rel) {
            e.sha256 = sha256(text);
            e.remote_sha256 = now;
        }
        // Saved after each file, so a failure part-way keeps what was sent.
        write_manifest(&dir, &manifest)?;
        ctx.out.say(format!("Pushed {rel}"));
        pushed.push(rel.clone());
    }
    if pushed.is_empty() {
        ctx.out.say("Nothing changed since the pull.");
    }
    if ctx.out.json() {
        ctx.out.print_json(&json!({"pushed": pushed}))?;
    }
    Ok(())
}

/// Registers `website pull` and `website push`.
pub fn register(reg: &mut Registry) {
    let cmd = Command::new("pull")
        .about("Write the site's templates, components, stylesheet and theme as files")
        .long_about(
            "Write the site's editable design into DIR: templates' layouts, components' HTML, the stylesheet, \
             theme CSS and JS and the reference theme template, with a manifest (.konigle-site.json) of ids \
             and sha256 hashes that `website push` compares against.",
        )
        .arg(dir_arg());
    reg.add(&["website", "pull"], cmd, "konigle website pull ./site", pull);

    let cmd = Command::new("push")
        .about("Send the files changed since `website pull`")
        .long_about(
            "Send the files of DIR whose hash differs from the manifest. A file also changed on the site since \
             the pull is not overwritten (the command fails and sends nothing) unless --force is given.",
        )
        .arg(dir_arg())
        .arg(
            Arg::new("force")
                .long("force")
                .action(ArgAction::SetTrue)
                .help("Overwrite what was changed on the site since the pull"),
        )
        .arg(dry_run_arg());
    reg.add(&["website", "push"], cmd, "konigle website push ./site --dry-run", push);
}
