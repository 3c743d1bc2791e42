//! The site's text documents (`design get-*/set-*`, `website get-*/set-*`)
//! declared once as a table, and the other `website` commands.

use clap::{Arg, ArgAction, ArgMatches, Command};
use konigle_blocking::filters::UrlSearch;
use konigle_blocking::models::SiteUpdate;
use konigle_blocking::Client;
use konigle_core::Result;
use serde_json::{json, Value};

use crate::app::{dry_run, dry_run_arg, to_json, Ctx, Registry};
use crate::error::{CliError, CliResult};
use crate::opts::{self, Opt};

type Getter = fn(&Client) -> Result<String>;
type Setter = fn(&Client, &str) -> Result<()>;

/// A text document of the site read with `get-NAME` and written with `set-NAME`.
pub struct Doc {
    /// The command group (`design` or `website`).
    pub group: &'static str,
    /// The name in `get-NAME` / `set-NAME`.
    pub name: &'static str,
    /// Its name in messages.
    pub noun: &'static str,
    /// Reads it.
    pub get: Getter,
    /// Writes it, where it can be written.
    pub set: Option<Setter>,
}

/// Every document.
pub const DOCS: &[Doc] = &[
    Doc {
        group: "design",
        name: "stylesheet",
        noun: "stylesheet",
        get: |c| c.stylesheets().get_content(),
        set: Some(|c, s| c.stylesheets().set_content(s)),
    },
    Doc {
        group: "design",
        name: "theme-css",
        noun: "theme CSS",
        get: |c| c.themes().get_theme_css(),
        set: Some(|c, s| c.themes().set_theme_css(s, false)),
    },
    Doc {
        group: "design",
        name: "theme-js",
        noun: "theme JS",
        get: |c| c.js().get_theme_js(),
        set: Some(|c, s| c.js().set_theme_js(s)),
    },
    Doc {
        group: "design",
        name: "reference-template",
        noun: "reference theme template",
        get: |c| c.themes().get_reference_theme_template(),
        set: None,
    },
    Doc {
        group: "website",
        name: "northstar",
        noun: "northstar",
        get: |c| c.website().get_northstar(),
        set: Some(|c, s| c.website().set_northstar(s)),
    },
    Doc {
        group: "website",
        name: "business-info",
        noun: "business info",
        get: |c| c.website().get_business_info(),
        set: Some(|c, s| c.website().set_business_info(s)),
    },
    Doc {
        group: "website",
        name: "website-info",
        noun: "website info",
        get: |c| c.website().get_website_info(),
        set: Some(|c, s| c.website().set_website_info(s)),
    },
    Doc {
        group: "website",
        name: "design-system",
        noun: "design system",
        get: |c| c.website().get_design_system(),
        set: Some(|c, s| c.website().set_design_system(s)),
    },
    Doc {
        group: "website",
        name: "robots-txt",
        noun: "robots.txt",
        get: |c| c.website().get_robots_txt(),
        set: Some(|c, s| c.website().set_robots_txt(s).map(|_| ())),
    },
];

/// What a `--dry-run` would do, as text or (`--json`) an object; nothing is sent.
fn dry(ctx: &Ctx, what: &str, detail: Value) -> CliResult<()> {
    if ctx.out.json() {
        return ctx.out.print_json(&json!({"dry_run": true, "would": what, "detail": detail}));
    }
    println!("Dry run: nothing was sent.");
    println!("Would {what}");
    if !detail.is_null() {
        println!("{}", serde_json::to_string_pretty(&detail)?);
    }
    Ok(())
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Prints `content`, or writes it to `--output FILE`.
fn emit(ctx: &Ctx, m: &ArgMatches, noun: &str, content: &str) -> CliResult<()> {
    if let Some(path) = m.get_one::<String>("output-file") {
        std::fs::write(path, content).map_err(|e| CliError::usage(format!("cannot write {path}: {e}")))?;
        ctx.out.say(format!("Saved the {noun} to {path}"));
        if ctx.out.json() {
            ctx.out.print_json(&json!({"saved": path, "bytes": content.len()}))?;
        }
        return Ok(());
    }
    if ctx.out.json() {
        return ctx.out.print_json(&json!({ "content": content }));
    }
    println!("{content}");
    Ok(())
}

/// The text of `--content` or `--file` (exactly one).
fn content_arg(m: &ArgMatches) -> CliResult<String> {
    match (m.get_one::<String>("content"), m.get_one::<String>("file")) {
        (Some(_), Some(_)) => Err(CliError::usage("give --content or --file, not both")),
        (Some(c), None) => Ok(c.clone()),
        (None, Some(path)) => {
            std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))
        }
        (None, None) => Err(CliError::usage("give the content with --content or --file")),
    }
}

fn output_file_arg() -> Arg {
    Arg::new("output-file").long("output").short('o').value_name("FILE").help("Write to this file instead of stdout")
}

fn register_doc(reg: &mut Registry, doc: &'static Doc) {
    let get_name = leak(format!("get-{}", doc.name));
    let cmd = Command::new(get_name).about(format!("Show the {}", doc.noun)).arg(output_file_arg());
    let ex = format!("konigle {} {get_name} -o {}.txt", doc.group, doc.name);
    reg.add(&[doc.group, get_name], cmd, &ex, move |m, ctx| {
        let content = (doc.get)(ctx.client()?)?;
        emit(ctx, m, doc.noun, &content)
    });
    let Some(set) = doc.set else { return };
    let set_name = leak(format!("set-{}", doc.name));
    let cmd = Command::new(set_name)
        .about(format!("Replace the {}", doc.noun))
        .arg(Arg::new("content").long("content").allow_hyphen_values(true).help("The new content"))
        .arg(Arg::new("file").long("file").short('f').value_name("PATH").help("Read the new content from this file"))
        .arg(dry_run_arg());
    let ex = format!("konigle {} {set_name} --file {}.txt", doc.group, doc.name);
    reg.add(&[doc.group, set_name], cmd, &ex, move |m, ctx| {
        let content = content_arg(m)?;
        if dry_run(m) {
            let what = format!("replace the {} ({} bytes)", doc.noun, content.len());
            return dry(ctx, &what, json!({"set": doc.name, "bytes": content.len()}));
        }
        set(ctx.client()?, &content)?;
        ctx.out.say(format!("Updated the {}", doc.noun));
        if ctx.out.json() {
            ctx.out.print_json(&json!({"updated": doc.name, "bytes": content.len()}))?;
        }
        Ok(())
    });
}

const SITE_UPDATE: &[Opt] = &[
    Opt::text("name", "name", "New site name"),
    Opt::text("address1", "address1", "Address line 1"),
    Opt::text("address2", "address2", "Address line 2"),
    Opt::text("city", "city", "City"),
    Opt::text("country", "country", "Country"),
    Opt::text("province", "province", "Province or state"),
    Opt::text("phone", "phone", "Phone number"),
];

fn website_commands(reg: &mut Registry) {
    reg.add(&["website", "get"], Command::new("get").about("Show the site"), "konigle website get", |_, ctx| {
        let site = ctx.client()?.website().get()?;
        ctx.out.print_one(&to_json(&site)?)
    });

    let cmd = opts::add_all(Command::new("update").about("Update the site's name and address"), SITE_UPDATE)
        .arg(dry_run_arg());
    reg.add(&["website", "update"], cmd, "konigle website update --city Lisbon", |m, ctx| {
        let values = opts::collect(SITE_UPDATE, m)?;
        if values.is_empty() {
            return Err(CliError::usage("nothing to update: give at least one option (see --help)"));
        }
        let data: SiteUpdate = values.into_payload()?;
        if dry_run(m) {
            return dry(ctx, "update the site with:", to_json(&data)?);
        }
        let site = ctx.client()?.website().update(data)?;
        ctx.out.say("Updated the site");
        ctx.out.print_one(&to_json(&site)?)
    });

    let cmd = Command::new("get-settings").about("Show the site's settings");
    reg.add(&["website", "get-settings"], cmd, "konigle website get-settings", |_, ctx| {
        let settings = ctx.client()?.website().get_settings(None)?;
        ctx.out.print_one(&Value::Object(settings.into_iter().collect()))
    });

    let cmd = Command::new("set-settings")
        .about("Merge settings from a JSON file into the site's settings")
        .arg(Arg::new("file").long("file").short('f').required(true).value_name("PATH").help("JSON object of settings"))
        .arg(dry_run_arg());
    reg.add(&["website", "set-settings"], cmd, "konigle website set-settings -f settings.json", |m, ctx| {
        let path = m.get_one::<String>("file").cloned().unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))?;
        let changes: serde_json::Map<String, Value> =
            serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{path} must hold a JSON object: {e}")))?;
        if dry_run(m) {
            return dry(ctx, "merge into the settings:", Value::Object(changes));
        }
        let merged = ctx.client()?.website().set_settings(changes.into_iter().collect())?;
        ctx.out.say("Updated the site settings");
        ctx.out.print_one(&Value::Object(merged.into_iter().collect()))
    });

    let cmd = Command::new("add-url")
        .about("Add a page or folder at a path, creating the folders above it")
        .arg(Arg::new("pathname").value_name("PATHNAME").required(true).help("Path, e.g. /guides/soil"))
        .arg(
            Arg::new("type")
                .long("type")
                .value_parser(["page", "folder"])
                .default_value("page")
                .help("What to add at the path"),
        )
        .arg(dry_run_arg());
    reg.add(&["website", "add-url"], cmd, "konigle website add-url /guides/soil --type page", |m, ctx| {
        let pathname = m.get_one::<String>("pathname").cloned().unwrap_or_default();
        let kind = m.get_one::<String>("type").cloned().unwrap_or_else(|| "page".into());
        if dry_run(m) {
            return dry(ctx, &format!("add a {kind} at {pathname}"), Value::Null);
        }
        let url_type = serde_json::from_value(Value::String(kind))?;
        let added = ctx.client()?.website().add_url(&pathname, url_type)?;
        ctx.out.print_one(&to_json(&added)?)
    });

    let cmd = Command::new("get-url")
        .about("Show what lives at a path")
        .arg(Arg::new("pathname").value_name("PATHNAME").required(true).help("Path, e.g. /about"))
        .arg(Arg::new("version").long("version").help("Page version"));
    reg.add(&["website", "get-url"], cmd, "konigle website get-url /about", |m, ctx| {
        let pathname = m.get_one::<String>("pathname").cloned().unwrap_or_default();
        let version = m.get_one::<String>("version").map(String::as_str);
        let url = ctx.client()?.website().get_url(&pathname, version)?;
        ctx.out.print_one(&to_json(&url)?)
    });

    let cmd = Command::new("search-urls")
        .about("Search the site's URLs")
        .arg(Arg::new("query").value_name("QUERY").required(true).help("Search text"))
        .arg(
            Arg::new("types")
                .long("types")
                .action(ArgAction::Append)
                .value_parser(["page", "folder", "blog", "product", "glossary_term"])
                .help("Content type to search (repeatable)"),
        )
        .arg(Arg::new("limit").long("limit").value_parser(clap::value_parser!(u32)).help("Most results"))
        .arg(Arg::new("path").long("path").help("Search only under this path"));
    reg.add(&["website", "search-urls"], cmd, "konigle website search-urls soil --types page", |m, ctx| {
        let types = m
            .get_many::<String>("types")
            .map(|t| t.map(|s| serde_json::from_value(Value::String(s.clone()))).collect::<std::result::Result<_, _>>())
            .transpose()?
            .unwrap_or_default();
        let search = UrlSearch::builder()
            .query(m.get_one::<String>("query").cloned().unwrap_or_default())
            .types(types)
            .maybe_limit(m.get_one::<u32>("limit").copied())
            .maybe_path(m.get_one::<String>("path").cloned())
            .build();
        let found = ctx.client()?.website().search_urls(&search)?;
        ctx.out.print_one(&to_json(&found)?)
    });
}

/// Registers `design` and `website`.
pub fn register(reg: &mut Registry) {
    reg.group(&["design"], "The site's stylesheet, theme CSS and JS, and reference template");
    reg.group(&["website"], "The site: info, documents, settings, URLs, and pull/push of its design");
    for doc in DOCS {
        register_doc(reg, doc);
    }
    website_commands(reg);
    super::sync::register(reg);
}
