//! The recorded fixtures in `tests/wire` are a copy of the platform's shared
//! recordings. When the shared folder sits beside the repository (as on the
//! team's machines and in CI), every shared recording must be copied here
//! unchanged, so new or updated recordings cannot be missed.

use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn fixtures_match_the_shared_recordings() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = repo.join("../shared/wire");
    if !shared.is_dir() {
        println!("no shared recordings beside the repository; nothing to compare");
        return;
    }
    let local = repo.join("tests/wire");
    let mut problems = vec![];
    for file in files(&shared) {
        let rel = file.strip_prefix(&shared).expect("under shared");
        match (std::fs::read(&file), std::fs::read(local.join(rel))) {
            (Ok(a), Ok(b)) if a == b => {}
            (Ok(_), Ok(_)) => problems.push(format!("differs: tests/wire/{}", rel.display())),
            (Ok(_), Err(_)) => problems.push(format!("missing: tests/wire/{}", rel.display())),
            (Err(e), _) => problems.push(format!("unreadable shared file {}: {e}", rel.display())),
        }
    }
    assert!(problems.is_empty(), "copy ../shared/wire into tests/wire:\n{}", problems.join("\n"));
}
