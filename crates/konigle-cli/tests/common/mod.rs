//! Runs the real `konigle` binary against a `konigle-mock` server started in
//! the test, with `HOME` and the working directory in per-test temporary
//! directories and the child's environment set explicitly.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use konigle_mock::MockServer;
use serde_json::Value;

/// A mock server, a home directory and a working directory for one test.
pub struct Env {
    pub server: MockServer,
    pub home: tempfile::TempDir,
    pub work: tempfile::TempDir,
    /// Extra variables for the child.
    pub vars: Vec<(String, String)>,
    /// Whether to pass the mock's key and URL as KONIGLE_API_KEY / KONIGLE_BASE_URL.
    pub with_credentials: bool,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr))
    }

    /// Fails unless the run exited 0.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "exit {}\nstdout:\n{}\nstderr:\n{}", self.code, self.stdout, self.stderr);
        self
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            server: MockServer::start_blocking(),
            home: tempfile::tempdir().expect("temp home"),
            work: tempfile::tempdir().expect("temp work dir"),
            vars: Vec::new(),
            with_credentials: true,
        }
    }

    pub fn work_path(&self) -> &Path {
        self.work.path()
    }

    pub fn home_path(&self) -> PathBuf {
        self.home.path().to_path_buf()
    }

    /// The command, ready to run, with a clean environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_konigle"));
        cmd.args(args).current_dir(self.work.path()).env_clear().env("HOME", self.home.path()).env("NO_COLOR", "1");
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        if self.with_credentials {
            cmd.env("KONIGLE_API_KEY", self.server.api_key()).env("KONIGLE_BASE_URL", self.server.base_url());
        }
        cmd.env("KONIGLE_FORMS_BASE_URL", self.server.base_url());
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `konigle ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = self.command(args).output().expect("run konigle");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `konigle --output json ARGS`, expecting success, and parses stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--output", "json"];
        all.extend_from_slice(args);
        self.run(&all).ok().json()
    }
}

/// A string field of a JSON value.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("no string `{key}` in {v}"))
}
