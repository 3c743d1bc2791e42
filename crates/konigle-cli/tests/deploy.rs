//! `cloud link`, `cloud deploy` (directory and git modes) and `cloud promote`
//! against the mock.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{s, Env};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn project(root: &Path) {
    write(root, "bentocloud.toml", "[processes.web]\ncommand = \"python main.py\"\n");
    write(root, "Dockerfile", "FROM python:3.12\nCOPY . .\n");
    write(root, "main.py", "print('hi')\n");
    write(root, "pkg/util.py", "X = 1\n");
}

fn zip_names(path: &Path) -> BTreeSet<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    archive.file_names().filter(|n| !n.ends_with('/')).map(str::to_string).collect()
}

/// A computer `web` with a web app `shop`, linked from the work dir.
fn linked() -> Env {
    let env = Env::new();
    env.json(&[
        "cloud",
        "computer",
        "create",
        "--display-name",
        "Web",
        "--size",
        "S",
        "--region",
        "singapore",
        "--name",
        "web",
    ]);
    env.json(&["cloud", "webapp", "create", "--computer", "web", "--name", "shop", "--runtime", "python3"]);
    let link = env.run(&["cloud", "link", "--computer", "web", "--webapp", "shop"]).ok();
    assert!(link.stdout.contains("Saved to .bentocloud.json"), "{}", link.stdout);
    env
}

#[test]
fn deploy_zips_the_directory_honouring_the_ignore_file() {
    let env = linked();
    let root = env.work_path();
    let link: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".bentocloud.json")).unwrap()).unwrap();
    let uat = s(&link, "uat_space_id").to_string();
    assert_eq!(s(&link, "computer"), "web");
    assert_eq!(s(&link, "webapp"), "shop");

    project(root);
    write(root, ".bentocloudignore", "# build output\n*.log\nsecrets\n.bentocloud.json\n");
    write(root, "debug.log", "noise\n");
    write(root, "pkg/trace.log", "noise\n");
    write(root, "secrets/key.pem", "private\n");
    write(root, "node_modules/x/index.js", "kept: not in this ignore file\n");

    let kept = tempfile::tempdir().unwrap();
    let sent = kept.path().join("sent.zip");
    let out = env.run(&["cloud", "deploy", "--name", "Release 1", "--keep-archive", sent.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("Deployed successfully."), "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("dir mode"), "{}", out.stdout);

    let expected: BTreeSet<String> =
        [".bentocloudignore", "Dockerfile", "bentocloud.toml", "main.py", "node_modules/x/index.js", "pkg/util.py"]
            .into_iter()
            .map(String::from)
            .collect();
    assert_eq!(zip_names(&sent), expected);

    // The mock received exactly that archive, as a file part of the deploy request.
    assert_eq!(env.server.request_count("POST", &format!("/cloud/api/v1/spaces/{uat}/deploy")), 1);
    let size = std::fs::metadata(&sent).unwrap().len();
    let jobs = env.server.documents("jobs");
    assert!(
        jobs.iter().any(|j| j.to_string().contains(&format!("deployed app.zip ({size} bytes)"))),
        "job log names the archive and its size {size}: {jobs:?}"
    );
    let deployments = env.server.documents("deployments");
    assert!(deployments.iter().any(|d| d["display_name"] == "Release 1"), "{deployments:?}");

    let promoted = env.run(&["cloud", "promote"]).ok();
    assert!(promoted.stdout.contains("Production updated."), "{}", promoted.stdout);
}

#[test]
fn default_excludes_apply_without_an_ignore_file() {
    let env = linked();
    let root = env.work_path();
    project(root);
    write(root, ".env", "SECRET=1\n");
    write(root, "__pycache__/m.cpython-312.pyc", "x");
    write(root, "pkg/old.pyc", "x");
    write(root, "node_modules/x/index.js", "x");
    write(root, ".DS_Store", "x");
    env.server.clear_requests();
    let dry = env.run(&["cloud", "deploy", "--dry-run"]).ok();
    let listed: BTreeSet<&str> =
        dry.stdout.lines().skip_while(|l| *l != "Archive entries:").skip(1).map(str::trim).collect();
    assert_eq!(listed, ["Dockerfile", "bentocloud.toml", "main.py", "pkg/util.py"].into_iter().collect());
    assert!(dry.stdout.contains("/deploy"), "{}", dry.stdout);
    assert!(env.server.requests().is_empty(), "dry run sends nothing: {:?}", env.server.requests());
}

#[test]
fn deploy_needs_a_link_and_the_project_files() {
    let env = Env::new();
    let run = env.run(&["cloud", "deploy"]);
    assert_eq!(run.code, 10, "{}", run.stderr);
    assert!(run.stderr.contains("konigle cloud link"), "{}", run.stderr);

    let env = linked();
    write(env.work_path(), "main.py", "x");
    let run = env.run(&["cloud", "deploy"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("bentocloud.toml") && run.stderr.contains("Dockerfile"), "{}", run.stderr);
}

#[test]
fn deploy_of_a_git_checkout_uses_git_archive_and_needs_a_clean_tree() {
    let env = linked();
    let root = env.work_path();
    project(root);
    write(root, ".gitignore", ".bentocloud.json\n");
    write(root, "untracked-but-ignored.log", "x");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env("HOME", env.home_path())
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    write(root, ".gitignore", ".bentocloud.json\n*.log\n");
    git(&["add", "-A"]);
    git(&["commit", "-qm", "init"]);

    let kept = tempfile::tempdir().unwrap();
    let sent = kept.path().join("sent.zip");
    let out = env.run(&["cloud", "deploy", "--detach", "--keep-archive", sent.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("git mode") && out.stdout.contains("Detached"), "{}", out.stdout);
    let expected: BTreeSet<String> = [".gitignore", "Dockerfile", "bentocloud.toml", "main.py", "pkg/util.py"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(zip_names(&sent), expected);

    write(root, "main.py", "print('changed')\n");
    let dirty = env.run(&["cloud", "deploy"]);
    assert_eq!(dirty.code, 2, "{}", dirty.stderr);
    assert!(dirty.stderr.contains("uncommitted"), "{}", dirty.stderr);
}

#[test]
fn link_takes_the_only_computer_and_web_app_and_asks_to_choose_among_several() {
    let env = Env::new();
    env.json(&[
        "cloud",
        "computer",
        "create",
        "--display-name",
        "Web",
        "--size",
        "S",
        "--region",
        "sgp",
        "--name",
        "web",
    ]);
    env.json(&["cloud", "webapp", "create", "--computer", "web", "--name", "shop", "--runtime", "python3"]);
    let run = env.run(&["cloud", "link"]).ok();
    assert!(
        run.stdout.contains("Using the only computer, \"web\"") && run.stdout.contains("WebApp:       shop"),
        "{}",
        run.stdout
    );

    env.json(&["cloud", "webapp", "create", "--computer", "web", "--name", "blog", "--runtime", "nodejs"]);
    let run = env.run(&["cloud", "link"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--webapp") && run.stderr.contains("blog") && run.stderr.contains("shop"),
        "{}",
        run.stderr
    );
}

#[test]
fn job_status_waits_until_the_job_ends_and_ctrl_c_stops_waiting() {
    let env = Env::new();
    let job = env.server.create("jobs", serde_json::json!({"task_name": "deploy_space"})).expect("pending job");
    let id = s(&job, "id").to_string();

    let job_path = format!("/cloud/api/v1/jobs/{id}");
    // Waits until the child has polled the job once (it then handles Ctrl-C).
    let polled = |times: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while env.server.request_count("GET", &job_path) < times {
            assert!(std::time::Instant::now() < deadline, "the job was never polled");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };

    // Ctrl-C (SIGINT) while waiting: the tool stops waiting and exits 0.
    let child = env
        .command(&["cloud", "job", "status", &id, "--wait"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    polled(1);
    let killed = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Stopped waiting"), "{stdout}");

    // The job ends while the tool waits: it prints the final state.
    let child = env
        .command(&["cloud", "job", "status", &id, "--wait"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    polled(2);
    env.server
        .modify("jobs", &id, |d| {
            d.insert("status".into(), serde_json::json!("success"));
        })
        .expect("finish the job");
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Status: success"), "{stdout}");
}
