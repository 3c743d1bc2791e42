//! The README's quick tour of the CLI, run command by command against the
//! mock server: every line must exit 0.

mod common;

use common::Env;

/// The `konigle …` lines of the README block between the tour markers.
fn tour() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).expect("README");
    let start = readme.find("<!-- cli-tour -->").expect("the README marks the CLI tour");
    let end = readme[start..].find("<!-- /cli-tour -->").expect("the tour ends") + start;
    readme[start..end].lines().filter(|l| l.starts_with("konigle ")).map(str::to_owned).collect()
}

/// Splits a command line as a shell would for these simple lines: words
/// separated by spaces, single or double quotes grouping words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (' ', None) => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            (c, _) => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn the_readme_tour_runs() {
    let lines = tour();
    assert!(lines.len() >= 5, "the tour has {} commands", lines.len());
    let env = Env::new();
    // A small PNG for the image upload.
    let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R'];
    std::fs::write(env.work_path().join("hero.png"), png).expect("write hero.png");
    for line in &lines {
        let args = words(line);
        let args: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
        let run = env.run(&args);
        assert_eq!(run.code, 0, "`{line}` exited {}\nstdout:\n{}\nstderr:\n{}", run.code, run.stdout, run.stderr);
    }
    assert!(env.work_path().join("site").is_dir(), "website pull wrote the site folder");
    assert!(env.server.requests().iter().any(|r| r.method == "POST" && r.path == "/admin/api/pages"));
}
