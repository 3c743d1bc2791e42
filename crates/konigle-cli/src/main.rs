//! `konigle`: the Konigle command-line tool, built on the Konigle Rust SDK
//! (`konigle-blocking`).
//!
//! Every resource command is a declaration over the SDK's manager and model
//! types (see [`crud`] and [`resources`]); the few commands that are more
//! than list/get/create/update/delete are written out beside them.

mod app;
mod cloud;
mod config;
mod crud;
mod error;
mod opts;
mod output;
mod progress;
mod projects;
mod resources;

use clap::{Arg, Command};

use crate::app::{Ctx, Registry};
use crate::error::{CliError, EXIT_CODES_HELP};
use crate::output::{Format, Output};

/// Every command group of the tool, in `--help` order.
fn registry() -> Registry {
    let mut reg = Registry::default();
    projects::register(&mut reg);
    resources::register(&mut reg);
    cloud::register(&mut reg);
    reg.add(
        &["completions"],
        Command::new("completions").about("Print a shell completion script").arg(
            Arg::new("shell")
                .value_name("SHELL")
                .required(true)
                .value_parser(clap::value_parser!(clap_complete::Shell)),
        ),
        "konigle completions bash > ~/.local/share/bash-completion/completions/konigle",
        |m, _| {
            let shell =
                *m.get_one::<clap_complete::Shell>("shell").ok_or_else(|| CliError::usage("a shell is required"))?;
            let (mut cmd, _) = cli();
            clap_complete::generate(shell, &mut cmd, "konigle", &mut std::io::stdout());
            Ok(())
        },
    );
    reg
}

/// The clap tree and the registry that runs it.
fn cli() -> (Command, Registry) {
    let root = Command::new("konigle")
        .version(env!("CARGO_PKG_VERSION"))
        .about("The Konigle command-line tool: manage a Konigle site's content, commerce, marketing and cloud apps")
        .after_help(format!(
            "Credentials: --api-key/--base-url, else the active project (`konigle projects`), else \
             KONIGLE_API_KEY/KONIGLE_BASE_URL from the environment or ./.env.\n\n{EXIT_CODES_HELP}"
        ))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("api-key")
                .display_order(100)
                .long("api-key")
                .global(true)
                .value_name("KEY")
                .help("API key (overrides the project and environment)"),
        )
        .arg(
            Arg::new("base-url")
                .display_order(100)
                .long("base-url")
                .global(true)
                .value_name("URL")
                .help("API base URL"),
        )
        .arg(app::format_arg())
        .arg(app::json_arg());
    let mut reg = registry();
    let cmd = reg.build(root);
    (cmd, reg)
}

/// Spellings of the reference tool that clap cannot parse as they are
/// (a two-letter short option), rewritten to their long form.
const LEGACY_SHORTS: &[(&str, &str)] = &[("-ps", "--page-size")];

/// The command line with legacy spellings rewritten (up to a `--`).
fn normalized_args() -> Vec<std::ffi::OsString> {
    let mut done = false;
    std::env::args_os()
        .map(|arg| {
            if done || arg == "--" {
                done = true;
                return arg;
            }
            match LEGACY_SHORTS.iter().find(|(old, _)| arg == *old) {
                Some((_, new)) => std::ffi::OsString::from(new),
                None => arg,
            }
        })
        .collect()
}

fn main() {
    let (cmd, reg) = cli();
    let matches = match cmd.try_get_matches_from(normalized_args()) {
        Ok(m) => m,
        Err(e) => {
            // --help and --version print and exit 0; real usage errors exit 2.
            let _ = e.print();
            std::process::exit(if e.use_stderr() { error::code::USAGE } else { 0 });
        }
    };
    let json = app::wants_json(&matches) || app::wants_json(app::leaf(&matches).1);
    let out = Output::detect(if json { Format::Json } else { Format::Table });
    let ctx =
        Ctx::new(out, matches.get_one::<String>("api-key").cloned(), matches.get_one::<String>("base-url").cloned());
    if let Err(e) = reg.dispatch(&matches, &ctx) {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_tree_is_consistent() {
        // clap's own checks of every command: unique ids, shorts and longs.
        super::cli().0.debug_assert();
    }
}
