//! The command registry and the context every command runs with.
//!
//! Commands are registered by path (`["comm", "email", "accounts", "list"]`)
//! with a clap definition and a handler; groups are derived from the paths.
//! The generic resource commands (see [`crate::crud`]) and the special ones
//! register the same way.

use std::cell::OnceCell;
use std::io::{BufRead, IsTerminal, Write};

use clap::{Arg, ArgAction, ArgMatches, Command};
use konigle_blocking::Client;
use konigle_core::{Body, Request, Service};
use serde_json::{json, Value};

use crate::config::{self, DotEnv};
use crate::error::{CliError, CliResult};
use crate::output::Output;

/// A command's handler.
pub type Handler = Box<dyn Fn(&ArgMatches, &Ctx) -> CliResult<()>>;

/// What every command runs with: output settings and the (lazily built) client.
pub struct Ctx {
    /// Output settings.
    pub out: Output,
    api_key: Option<String>,
    base_url: Option<String>,
    env: DotEnv,
    client: OnceCell<Client>,
}

impl Ctx {
    /// A context from the global options.
    pub fn new(out: Output, api_key: Option<String>, base_url: Option<String>) -> Self {
        Ctx { out, api_key, base_url, env: DotEnv::load(), client: OnceCell::new() }
    }

    /// The client, built on first use from the resolved credentials.
    pub fn client(&self) -> CliResult<&Client> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let creds = config::resolve(self.api_key.as_deref(), self.base_url.as_deref(), &self.env)?;
        // The SDK's other settings (KONIGLE_TIMEOUT, KONIGLE_RETRY_COUNT,
        // KONIGLE_FORMS_BASE_URL, …) come from the environment or `.env`.
        let config = konigle_blocking::Config::from_lookup(|name| match name {
            "KONIGLE_API_KEY" => Some(creds.api_key.clone()),
            "KONIGLE_BASE_URL" => Some(creds.base_url.clone()),
            "KONIGLE_USER_AGENT" => {
                self.env.var(name).or_else(|| Some(concat!("konigle-cli/", env!("CARGO_PKG_VERSION")).to_string()))
            }
            _ => self.env.var(name),
        })?;
        let client = Client::new(config)?;
        Ok(self.client.get_or_init(|| client))
    }

    /// The base URL of `service` for describing a request (`--dry-run`),
    /// without needing an API key.
    fn base_url(&self, service: Service) -> String {
        if let Ok(c) = self.client() {
            return match service {
                Service::Api => c.config().base_url().to_string(),
                Service::Forms => c.config().forms_base_url().to_string(),
            };
        }
        match service {
            Service::Api => self
                .base_url
                .clone()
                .or_else(|| self.env.var("KONIGLE_BASE_URL"))
                .unwrap_or_else(|| config::DEFAULT_BASE_URL.to_string()),
            Service::Forms => {
                self.env.var("KONIGLE_FORMS_BASE_URL").unwrap_or_else(|| "https://forms.konigle.com".to_string())
            }
        }
    }

    /// Prints the request a command would send (`--dry-run`); nothing is sent.
    pub fn describe(&self, req: &Request) -> CliResult<()> {
        let url = req.url(self.base_url(req.target()).trim_end_matches('/'));
        let body = describe_body(req.body_ref());
        if self.out.json() {
            return self
                .out
                .print_json(&json!({"dry_run": true, "method": req.method().as_str(), "url": url, "body": body}));
        }
        println!("Dry run: nothing was sent.");
        println!("{} {url}", req.method().as_str());
        if !body.is_null() {
            println!("{}", serde_json::to_string_pretty(&body)?);
        }
        Ok(())
    }

    /// Asks `question` on the terminal; `yes` skips it. Refuses to go on
    /// without `--yes` when stdin is not a terminal.
    pub fn confirm(&self, question: &str, yes: bool) -> CliResult<bool> {
        if yes {
            return Ok(true);
        }
        if !std::io::stdin().is_terminal() {
            return Err(CliError::usage(format!("{question} Pass --yes to confirm (stdin is not a terminal).")));
        }
        eprint!("{question} [y/N] ");
        std::io::stderr().flush()?;
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
    }
}

impl Ctx {
    /// Asks for one of `choices` on the terminal (by name or number);
    /// `None` when stdin is not a terminal.
    pub fn pick(&self, prompt: &str, choices: &[String]) -> CliResult<Option<String>> {
        if !std::io::stdin().is_terminal() {
            return Ok(None);
        }
        for (i, c) in choices.iter().enumerate() {
            eprintln!("  {}) {c}", i + 1);
        }
        loop {
            eprint!("{prompt} [1-{}]: ", choices.len());
            std::io::stderr().flush()?;
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let answer = line.trim();
            if let Some(c) = choices.iter().find(|c| c.as_str() == answer) {
                return Ok(Some(c.clone()));
            }
            if let Some(c) = answer.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| choices.get(i)) {
                return Ok(Some(c.clone()));
            }
            eprintln!("Choose one of: {}", choices.join(", "));
        }
    }
}

/// A body as `--dry-run` shows it: the JSON, or the multipart fields with
/// each file's name, type and size.
pub fn describe_body(body: &Body) -> Value {
    match body {
        Body::None => Value::Null,
        Body::Json(v) => konigle_core::redact::json(v),
        Body::Form(query) => {
            Value::Object(query.pairs().iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
        }
        Body::Multipart(parts) => Value::Array(
            parts
                .iter()
                .map(|p| match p {
                    konigle_core::request::Part::Text { name, value } => json!({"field": name, "value": value}),
                    konigle_core::request::Part::File(f) => json!({
                        "field": f.field, "file_name": f.file_name, "content_type": f.content_type,
                        "size": f.len(), "source": format!("{:?}", f.source),
                    }),
                })
                .collect(),
        ),
    }
}

struct Entry {
    path: Vec<&'static str>,
    cmd: Command,
    handler: Handler,
}

/// Every command of the tool, by path.
#[derive(Default)]
pub struct Registry {
    groups: Vec<(Vec<&'static str>, &'static str)>,
    entries: Vec<Entry>,
}

impl Registry {
    /// Declares a group and its one-line description.
    pub fn group(&mut self, path: &[&'static str], about: &'static str) {
        self.groups.push((path.to_vec(), about));
    }

    /// Registers a command at `path`: its definition (named by the last
    /// segment) and handler. An example line is added to its help.
    pub fn add(
        &mut self,
        path: &[&'static str],
        cmd: Command,
        example: &str,
        handler: impl Fn(&ArgMatches, &Ctx) -> CliResult<()> + 'static,
    ) {
        let mut cmd = cmd.after_help(format!("Example:\n  {example}"));
        // The result format, on every command. A command whose own
        // `--output` names a file (as the reference's `design get-*`) keeps
        // it and takes `--json` for the format.
        if !cmd.get_arguments().any(|a| a.get_long() == Some("output")) {
            cmd = cmd.arg(format_arg());
        }
        if !cmd.get_arguments().any(|a| a.get_long() == Some("json")) {
            cmd = cmd.arg(json_arg());
        }
        self.entries.push(Entry { path: path.to_vec(), cmd, handler: Box::new(handler) });
    }

    /// The clap tree under `root`.
    pub fn build(&mut self, root: Command) -> Command {
        self.build_at(&[], root)
    }

    fn build_at(&mut self, prefix: &[&'static str], mut cmd: Command) -> Command {
        let mut children: Vec<&'static str> = Vec::new();
        for p in self.entries.iter().map(|e| &e.path).chain(self.groups.iter().map(|g| &g.0)) {
            if p.len() > prefix.len() && p.starts_with(prefix) && !children.contains(&p[prefix.len()]) {
                children.push(p[prefix.len()]);
            }
        }
        for name in children {
            let mut path = prefix.to_vec();
            path.push(name);
            let leaf = self.entries.iter().position(|e| e.path == path);
            let sub = match leaf {
                Some(i) => std::mem::replace(&mut self.entries[i].cmd, Command::new(name)).name(name),
                None => {
                    let about = self.groups.iter().find(|g| g.0 == path).map_or("", |g| g.1);
                    let group = Command::new(name).about(about).subcommand_required(true).arg_required_else_help(true);
                    self.build_at(&path, group)
                }
            };
            cmd = cmd.subcommand(sub);
        }
        cmd
    }

    /// Runs the command the matches select.
    pub fn dispatch(&self, matches: &ArgMatches, ctx: &Ctx) -> CliResult<()> {
        let (path, m) = leaf(matches);
        let entry = self
            .entries
            .iter()
            .find(|e| e.path == path)
            .ok_or_else(|| CliError::usage(format!("unknown command: {}", path.join(" "))))?;
        (entry.handler)(m, ctx)
    }
}

/// The selected command's path and matches.
pub fn leaf(matches: &ArgMatches) -> (Vec<&str>, &ArgMatches) {
    let mut path = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name);
        m = sub;
    }
    (path, m)
}

/// `--output table|json`: the result format.
pub fn format_arg() -> Arg {
    Arg::new("result-format")
        .long("output")
        .value_name("FORMAT")
        .value_parser(["table", "json"])
        .display_order(100)
        .help("Result format: table (default) or json")
}

/// `--json`: the same as `--output json`.
pub fn json_arg() -> Arg {
    Arg::new("json").long("json").action(ArgAction::SetTrue).display_order(100).help("Same as --output json")
}

/// Whether these matches ask for JSON results.
pub fn wants_json(m: &ArgMatches) -> bool {
    let flag = m.try_get_one::<bool>("json").ok().flatten().copied().unwrap_or(false);
    let format = m.try_get_one::<String>("result-format").ok().flatten().is_some_and(|f| f == "json");
    flag || format
}

/// The `--dry-run` flag of commands that write.
pub fn dry_run_arg() -> Arg {
    Arg::new("dry-run")
        .long("dry-run")
        .display_order(90)
        .action(ArgAction::SetTrue)
        .help("Print the request instead of sending it")
}

/// The `--yes/-y` flag of destructive commands.
pub fn yes_arg() -> Arg {
    Arg::new("yes").long("yes").short('y').action(ArgAction::SetTrue).help("Skip the confirmation")
}

/// Whether `--dry-run` was given.
pub fn dry_run(m: &ArgMatches) -> bool {
    m.try_get_one::<bool>("dry-run").ok().flatten().copied().unwrap_or(false)
}

/// Serializes a result for printing.
pub fn to_json(value: &impl serde::Serialize) -> CliResult<Value> {
    Ok(serde_json::to_value(value)?)
}
