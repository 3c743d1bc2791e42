//! Rewrites the shared doc examples (`src/api/docs/*.md`, written for the
//! async client) for the blocking client, so that every example in this
//! crate's documentation is compiled against this crate: `.await` and
//! `async` go, `konigle::` paths become `konigle_blocking::`.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn blocking(text: &str) -> String {
    let text = text.replace(".await", "").replace("async fn ", "fn ").replace("async move ", "move ");
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text.as_str();
    while let Some(at) = rest.find("konigle::") {
        let before = &rest[..at];
        let standalone = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        out.push_str(before);
        out.push_str(if standalone { "konigle_blocking::" } else { "konigle::" });
        rest = &rest[at + "konigle::".len()..];
    }
    out.push_str(rest);
    out
}

fn main() {
    let docs = Path::new("src/api/docs");
    println!("cargo:rerun-if-changed={}", docs.display());
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("docs");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    for entry in fs::read_dir(docs).expect("src/api/docs is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path).expect("doc examples are UTF-8");
            fs::write(out.join(path.file_name().expect("a file name")), blocking(&text)).expect("OUT_DIR is writable");
        }
    }
}
