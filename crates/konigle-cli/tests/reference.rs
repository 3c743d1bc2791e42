//! Every command of the reference tool (`reference-commands.txt`, one
//! `konigle <group> [<sub>] <command> ARGS --long/-s` a line) exists with
//! the same arguments and option names: `konigle <path> --help` lists each.

mod common;

use common::Env;

struct RefCommand {
    line: String,
    path: Vec<String>,
    positionals: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

fn parse(line: &str) -> Option<RefCommand> {
    let mut words = line.split_whitespace();
    if words.next()? != "konigle" {
        return None;
    }
    let (mut path, mut positionals, mut options) = (Vec::new(), Vec::new(), Vec::new());
    for w in words {
        if let Some(opt) = w.strip_prefix("--") {
            let (long, short) = match opt.split_once("/-") {
                Some((l, s)) => (l.to_string(), Some(s.to_string())),
                None => (opt.to_string(), None),
            };
            options.push((long, short));
        } else if w.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()) {
            positionals.push(w.to_string());
        } else {
            path.push(w.to_string());
        }
    }
    Some(RefCommand { line: line.to_string(), path, positionals, options })
}

#[test]
fn every_reference_command_has_its_arguments_and_options() {
    let env = Env::new();
    let text = include_str!("reference-commands.txt");
    let commands: Vec<RefCommand> = text.lines().filter_map(parse).collect();
    assert!(commands.len() > 150, "the list is complete: {}", commands.len());
    let mut checked = 0;
    let mut problems = Vec::new();
    for cmd in &commands {
        let mut args: Vec<&str> = cmd.path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = env.run(&args);
        if run.code != 0 {
            problems.push(format!("{}: `--help` exited {}: {}", cmd.line, run.code, run.stderr.trim()));
            continue;
        }
        let help = &run.stdout;
        for p in &cmd.positionals {
            if !help.contains(&format!("<{p}>")) {
                problems.push(format!("{}: argument {p} missing", cmd.line));
            }
        }
        for (long, short) in &cmd.options {
            let long_ok = help.lines().any(|l| l.split([' ', ',', '=']).any(|w| w == format!("--{long}")));
            if !long_ok {
                problems.push(format!("{}: --{long} missing", cmd.line));
            }
            if let Some(short) = short {
                let pair = format!("-{short}, --{long}");
                // A two-letter short (`-ps`) clap cannot declare: the tool
                // rewrites it to the long form, and the help says so.
                let multi = short.len() > 1
                    && help.lines().any(|l| l.contains(&format!("--{long}")) && l.contains(&format!("-{short} ")));
                if !help.contains(&pair) && !multi {
                    problems.push(format!("{}: -{short} is not the short form of --{long}", cmd.line));
                }
            }
        }
        let read_only = ["list", "get", "search", "status", "submissions", "get-credentials"];
        let local = cmd.path[0] == "projects" || cmd.path == ["cloud", "link"];
        let last = cmd.path.last().map(String::as_str).unwrap_or("");
        let reads = read_only.contains(&last) || last.starts_with("get-") || last.starts_with("search-");
        if !reads && !local && !help.contains("--dry-run") {
            problems.push(format!("{}: writes but has no --dry-run", cmd.line));
        }
        if !help.contains("Example:\n  konigle ") {
            problems.push(format!("{}: no example in --help", cmd.line));
        }
        checked += 1;
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    assert_eq!(checked, commands.len(), "every reference command");
}

#[test]
fn completions_are_generated_for_every_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = env.run(&["completions", shell]).ok();
        assert!(run.stdout.contains("konigle"), "{shell}");
        assert!(run.stdout.contains("new-email-campaign"), "{shell} completes nested commands");
    }
}

#[test]
fn top_level_help_documents_the_exit_codes() {
    let env = Env::new();
    let run = env.run(&["--help"]).ok();
    for line in [
        "2   usage error",
        "3   not found",
        "4   validation error",
        "5   authentication",
        "6   rate limited",
        "7   server error",
        "8   network error",
    ] {
        assert!(run.stdout.contains(line), "{line}:\n{}", run.stdout);
    }
}

#[test]
fn the_format_option_works_before_and_after_the_command() {
    let env = Env::new();
    env.json(&["comm", "audiences", "create", "-n", "A", "--tag", "t"]);
    let after = env.run(&["comm", "audiences", "list", "--output", "json"]).ok().json();
    let before = env.run(&["--output", "json", "comm", "audiences", "list"]).ok().json();
    let flag = env.run(&["comm", "audiences", "list", "--json"]).ok().json();
    assert_eq!(after, before);
    assert_eq!(after, flag);
    assert_eq!(after.as_array().map(Vec::len), Some(1));
}
