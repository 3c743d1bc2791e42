//! Named projects in ~/.konigle/config.json: the reference tool's format,
//! written 0600 in a 0700 directory, keys never printed.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Env;
use serde_json::json;

fn no_env_credentials() -> Env {
    let mut env = Env::new();
    env.with_credentials = false;
    env
}

#[test]
fn add_writes_a_private_config_in_the_reference_format() {
    let env = no_env_credentials();
    let key = env.server.api_key().to_string();
    env.run(&["projects", "add", "shop", "--api-key", &key, "--base-url", env.server.base_url()]).ok();
    let dir = env.home_path().join(".konigle");
    let file = dir.join("config.json");
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        written,
        json!({"projects": {"shop": {"api_key": key, "base_url": env.server.base_url()}}, "active_project": "shop"})
    );
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    // The active project's key is used.
    env.run(&["products", "list"]).ok();

    env.run(&["projects", "add", "other", "--api-key", "sk_other_123456789", "--base-url", env.server.base_url()]).ok();
    let list = env.run(&["projects", "list"]).ok();
    assert!(list.stdout.contains("shop") && list.stdout.contains("other"), "{}", list.stdout);
    assert!(!list.stdout.contains(&key) && !list.stdout.contains("sk_other_123456789"), "keys masked: {}", list.stdout);
    assert!(list.stdout.contains("****6789"), "{}", list.stdout);
    let current = env.json(&["projects", "current"]);
    assert_eq!(current["name"], "shop");
    assert!(!current.to_string().contains(&key));

    env.run(&["projects", "activate", "other"]).ok();
    assert_eq!(env.json(&["projects", "current"])["name"], "other");
    // The other project's key is wrong for the mock: exit 5.
    assert_eq!(env.run(&["products", "list"]).code, 5);
    // Flags win over the project.
    env.run(&["--api-key", &key, "products", "list"]).ok();

    env.run(&["projects", "remove", "other"]).ok();
    let after: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(after["active_project"], serde_json::Value::Null);
    assert!(after["projects"].get("other").is_none());
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let none = env.run(&["projects", "current"]).ok();
    assert!(none.stdout.contains("No active project set"), "{}", none.stdout);
}

#[test]
fn a_reference_config_file_is_read() {
    let env = no_env_credentials();
    let dir = env.home_path().join(".konigle");
    std::fs::create_dir_all(&dir).unwrap();
    // As the reference tool writes it (json.dump with indent=2).
    let text = format!(
        "{{\n  \"projects\": {{\n    \"legacy\": {{\n      \"api_key\": \"{}\",\n      \"base_url\": \"{}\"\n    }}\n  }},\n  \"active_project\": \"legacy\"\n}}",
        env.server.api_key(),
        env.server.base_url()
    );
    std::fs::write(dir.join("config.json"), text).unwrap();
    let current = env.run(&["projects", "current"]).ok();
    assert!(current.stdout.contains("legacy") && current.stdout.contains(env.server.base_url()), "{}", current.stdout);
    env.json(&["products", "create", "-t", "From legacy"]);
    assert_eq!(env.server.request_count("POST", "/admin/api/products"), 1);
}

#[test]
fn invalid_names_and_unknown_projects_are_rejected() {
    let env = no_env_credentials();
    assert_eq!(env.run(&["projects", "add", "Bad_Name", "--api-key", "k"]).code, 2);
    assert_eq!(env.run(&["projects", "activate", "ghost"]).code, 10);
    assert_eq!(env.run(&["projects", "remove", "ghost"]).code, 10);
    assert!(!env.home_path().join(".konigle/config.json").exists());
}

#[test]
fn dotenv_supplies_credentials() {
    let env = no_env_credentials();
    std::fs::write(
        env.work_path().join(".env"),
        format!("# local\nKONIGLE_API_KEY=\"{}\"\nKONIGLE_BASE_URL={}\n", env.server.api_key(), env.server.base_url()),
    )
    .unwrap();
    env.run(&["products", "list"]).ok();
}
