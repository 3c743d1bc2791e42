//! Where the CLI finds its credentials: command-line flags, named projects
//! in `~/.konigle/config.json`, the environment and a `.env` file.
//!
//! The config file keeps the reference tool's format, so an existing one
//! keeps working:
//!
//! ```json
//! {
//!   "projects": {
//!     "shop": { "api_key": "…", "base_url": "https://tim.konigle.com" }
//!   },
//!   "active_project": "shop"
//! }
//! ```
//!
//! It is written atomically (a temporary file in the same directory, then a
//! rename), readable by its owner only (0600, directory 0700).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{CliError, CliResult};

/// The API's address when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://tim.konigle.com";

/// One named project.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Project {
    /// The project's API key.
    pub api_key: String,
    /// The API's address for this project.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Keys this tool does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn default_base_url() -> String {
    DEFAULT_BASE_URL.to_string()
}

/// The contents of `~/.konigle/config.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ConfigFile {
    /// Projects by name, in name order.
    #[serde(default)]
    pub projects: BTreeMap<String, Project>,
    /// The project used when no key is given on the command line.
    #[serde(default)]
    pub active_project: Option<String>,
    /// Keys this tool does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ConfigFile {
    /// The active project, when it names an existing one.
    pub fn active(&self) -> Option<(&str, &Project)> {
        let name = self.active_project.as_deref()?;
        self.projects.get_key_value(name).map(|(k, v)| (k.as_str(), v))
    }
}

/// The config directory: `$HOME/.konigle`.
pub fn config_dir() -> CliResult<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .ok_or_else(|| CliError::config("cannot find the home directory (HOME is not set)"))?;
    Ok(PathBuf::from(home).join(".konigle"))
}

/// The config file: `$HOME/.konigle/config.json`.
pub fn config_path() -> CliResult<PathBuf> {
    Ok(config_dir()?.join("config.json"))
}

/// Reads the config file; a missing file is an empty configuration.
pub fn load() -> CliResult<ConfigFile> {
    let path = config_path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| CliError::config(format!("{} is not a valid config file: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
        Err(e) => Err(CliError::config(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Writes the config file atomically with owner-only permissions.
pub fn save(config: &ConfigFile) -> CliResult<()> {
    let dir = config_dir()?;
    create_private_dir(&dir)?;
    let mut text = serde_json::to_string_pretty(config)?;
    text.push('\n');
    write_private_atomically(&dir.join("config.json"), text.as_bytes())
}

fn create_private_dir(dir: &Path) -> CliResult<()> {
    let fail = |e: std::io::Error| CliError::config(format!("cannot create {}: {e}", dir.display()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(fail)?;
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).map_err(fail)?;
    Ok(())
}

fn write_private_atomically(path: &Path, data: &[u8]) -> CliResult<()> {
    let fail = |e: std::io::Error| CliError::config(format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".config.json.").tempfile_in(dir).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(fail)?;
    }
    tmp.write_all(data).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Checks a project name: a lowercase letter, then lowercase letters, digits and hyphens.
pub fn validate_project_name(name: &str) -> CliResult<()> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(CliError::usage(
            "a project name starts with a lowercase letter and has only lowercase letters, digits and hyphens",
        ))
    }
}

/// Masks a secret for display: its last four characters at most.
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n <= 8 {
        return "****".to_string();
    }
    let tail: String = secret.chars().skip(n - 4).collect();
    format!("****{tail}")
}

/// Variables read from `.env` in the working directory (`KEY=value` lines,
/// `#` comments, optional quotes). The process environment wins over them.
#[derive(Debug, Default)]
pub struct DotEnv(BTreeMap<String, String>);

impl DotEnv {
    /// Reads `./.env`; a missing or unreadable file gives no variables.
    pub fn load() -> Self {
        let Ok(text) = std::fs::read_to_string(".env") else { return DotEnv::default() };
        let mut vars = BTreeMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            if let Some((key, value)) = line.split_once('=') {
                let key = key.trim();
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(value);
                if !key.is_empty() {
                    vars.insert(key.to_string(), value.to_string());
                }
            }
        }
        DotEnv(vars)
    }

    /// A variable from the environment, else from `.env`; empty values count as unset.
    pub fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().or_else(|| self.0.get(name).cloned()).filter(|v| !v.is_empty())
    }
}

/// The credentials a command runs with.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The API key.
    pub api_key: String,
    /// The API's address.
    pub base_url: String,
}

/// Finds the credentials: both flags; else the active project (each flag
/// overriding its value); else `KONIGLE_API_KEY` / `KONIGLE_BASE_URL` from
/// the environment or `.env`.
pub fn resolve(api_key: Option<&str>, base_url: Option<&str>, env: &DotEnv) -> CliResult<Credentials> {
    if let (Some(k), Some(u)) = (api_key, base_url) {
        return Ok(Credentials { api_key: k.to_string(), base_url: u.to_string() });
    }
    let file = load()?;
    let (key, url) = match file.active() {
        Some((_, p)) => (
            api_key.map(str::to_string).or_else(|| Some(p.api_key.clone())),
            base_url.map(str::to_string).unwrap_or_else(|| p.base_url.clone()),
        ),
        None => (
            api_key.map(str::to_string).or_else(|| env.var("KONIGLE_API_KEY")),
            base_url
                .map(str::to_string)
                .or_else(|| env.var("KONIGLE_BASE_URL"))
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        ),
    };
    let api_key = key.filter(|k| !k.is_empty()).ok_or_else(|| {
        CliError::config(
            "an API key is required: add a project with `konigle projects add`, set KONIGLE_API_KEY, or pass --api-key",
        )
    })?;
    Ok(Credentials { api_key, base_url: url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_masked_to_their_last_four_characters() {
        assert_eq!(mask("sk_live_abcdef123456"), "****3456");
        assert_eq!(mask("short"), "****");
        assert_eq!(mask(""), "****");
        assert_eq!(mask("ключ-ключ-ключ"), "****ключ");
    }

    #[test]
    fn project_names_follow_the_reference_rule() {
        assert!(validate_project_name("shop-2").is_ok());
        for bad in ["", "2shop", "Shop", "shop_2", "-shop", "shöp"] {
            assert!(validate_project_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_reference_format_round_trips_with_unknown_keys() {
        let text = r#"{"projects": {"a": {"api_key": "k", "base_url": "u", "note": 1}}, "active_project": "a", "extra": true}"#;
        let file: ConfigFile = serde_json::from_str(text).unwrap();
        assert_eq!(file.active().map(|(n, p)| (n, p.api_key.as_str())), Some(("a", "k")));
        let back: serde_json::Value = serde_json::to_value(&file).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
        let empty: ConfigFile = serde_json::from_str(r#"{"projects": {}, "active_project": null}"#).unwrap();
        assert!(empty.active().is_none());
    }
}
