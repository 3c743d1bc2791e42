//! Publishing hygiene: the declared minimum Rust version is true for the
//! locked dependency tree, and every published crate ships a README and
//! both license files.

use std::path::Path;
use std::process::Command;

fn version(v: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    parts.resize(3, 0);
    parts
}

fn metadata() -> serde_json::Value {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn declared_rust_version_covers_the_locked_tree() {
    let meta = metadata();
    let members: Vec<&str> =
        meta["workspace_members"].as_array().expect("members").iter().filter_map(|m| m.as_str()).collect();
    let packages = meta["packages"].as_array().expect("packages");
    let (ours, deps): (Vec<_>, Vec<_>) =
        packages.iter().partition(|p| members.contains(&p["id"].as_str().unwrap_or_default()));
    let (needed, by) = deps
        .iter()
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str().unwrap_or_default())))
        .max()
        .expect("some dependency declares a rust-version");
    assert!(!ours.is_empty());
    for p in ours {
        let name = p["name"].as_str().unwrap_or_default();
        let declared = p["rust_version"].as_str().unwrap_or_else(|| panic!("{name} declares no rust-version"));
        assert!(
            version(declared) >= needed,
            "{name} declares rust-version {declared}, but the locked {by} needs {}",
            needed.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
        );
    }
}

#[test]
fn published_crates_ship_readme_and_licenses() {
    let meta = metadata();
    let members: Vec<&str> =
        meta["workspace_members"].as_array().expect("members").iter().filter_map(|m| m.as_str()).collect();
    let mut checked = 0;
    for p in meta["packages"].as_array().expect("packages") {
        if !members.contains(&p["id"].as_str().unwrap_or_default()) || p["publish"] == serde_json::json!([]) {
            continue;
        }
        let name = p["name"].as_str().unwrap_or_default();
        let dir = Path::new(p["manifest_path"].as_str().expect("manifest path")).parent().expect("crate folder");
        let readme = p["readme"].as_str().unwrap_or_else(|| panic!("{name} declares no readme"));
        assert!(dir.join(readme).is_file(), "{name}: {readme} is missing");
        for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{name}: {file}: {e}"));
            assert!(text.len() > 500, "{name}: {file} is not a license text");
        }
        assert_eq!(p["license"], "MIT OR Apache-2.0", "{name}");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} published crates found");
}
