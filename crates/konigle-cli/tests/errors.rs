//! Exit codes and the one-line error message per kind of failure; --dry-run
//! sending nothing.

mod common;

use common::{s, Env};

#[test]
fn not_found_is_exit_3_with_one_line() {
    let env = Env::new();
    let run = env.run(&["products", "get", "prod_404"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "one line: {}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn server_validation_is_exit_4_with_field_errors() {
    let env = Env::new();
    let run = env.run(&[
        "comm",
        "campaigns",
        "create",
        "-n",
        "X",
        "-a",
        "aud_missing",
        "--email-channel",
        "c",
        "--email-template",
        "t",
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("audience"), "field named: {}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
}

#[test]
fn client_side_validation_is_exit_4_and_sends_nothing() {
    let env = Env::new();
    let run = env.run(&["comm", "audiences", "create", "-n", "X", "--tag", "t", "-c", "Not A Slug!"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("code"), "{}", run.stderr);
    assert!(env.server.requests().is_empty(), "nothing sent: {:?}", env.server.requests());
}

#[test]
fn wrong_key_is_exit_5() {
    let env = Env::new();
    let run = env.run(&["--api-key", "wrong", "--base-url", env.server.base_url(), "products", "list"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
}

#[test]
fn usage_errors_are_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["products", "list", "--no-such-option"]).code, 2);
    assert_eq!(env.run(&["nope"]).code, 2);
    assert_eq!(env.run(&["products", "update", "prod_1"]).code, 2, "nothing to update");
    assert_eq!(env.run(&["products", "create", "-t", "X", "--price", "abc"]).code, 2);
    assert_eq!(
        env.run(&["cloud", "computer", "create", "--display-name", "W", "--size", "XL", "--region", "r"]).code,
        2
    );
    assert!(env.server.requests().is_empty());
}

#[test]
fn missing_key_is_exit_10() {
    let mut env = Env::new();
    env.with_credentials = false;
    let run = env.run(&["products", "list"]);
    assert_eq!(run.code, 10, "{}", run.stderr);
    assert!(run.stderr.contains("konigle projects add"), "{}", run.stderr);
}

#[test]
fn server_errors_and_rate_limits_have_their_codes() {
    let env = Env::new();
    env.server.inject(konigle_mock::Fault::status(500).times(10));
    let run = env.run(&["products", "list"]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    env.server.clear_faults();
    env.server.inject(konigle_mock::Fault::rate_limited(std::time::Duration::ZERO).times(10));
    let run = env.run(&["products", "list"]);
    assert_eq!(run.code, 6, "{}", run.stderr);
}

#[test]
fn unreachable_server_is_exit_8() {
    let env = Env::new();
    // A port that was free a moment ago: nothing listens on it.
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port");
    let url = format!("http://127.0.0.1:{port}");
    let run = env.run(&["--api-key", "k", "--base-url", &url, "products", "list"]);
    assert_eq!(run.code, 8, "{}", run.stderr);
}

#[test]
fn delete_without_yes_on_a_pipe_refuses_and_sends_nothing() {
    let env = Env::new();
    let p = env.json(&["products", "create", "-t", "Keep me"]);
    env.server.clear_requests();
    let run = env.run(&["products", "delete", s(&p, "uid")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert!(env.server.requests().is_empty());
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let env = Env::new();
    let p = env.json(&["products", "create", "-t", "Tee"]);
    let id = s(&p, "uid").to_string();
    env.server.clear_requests();

    let create = env.json(&["products", "create", "-t", "Dry", "--price", "5", "--dry-run"]);
    assert_eq!(create["method"], "POST");
    assert_eq!(create["url"], format!("{}/admin/api/products", env.server.base_url()));
    assert_eq!(create["body"]["title"], "Dry");
    assert_eq!(create["body"]["price"], "5");

    let update = env.run(&["products", "update", &id, "--vendor", "Acme", "--dry-run"]).ok();
    assert!(update.stdout.contains("Dry run: nothing was sent."), "{}", update.stdout);
    assert!(
        update.stdout.contains(&format!("PATCH {}/admin/api/products/{id}", env.server.base_url())),
        "{}",
        update.stdout
    );
    assert!(update.stdout.contains("\"vendor\": \"Acme\""), "{}", update.stdout);

    let delete = env.json(&["products", "delete", &id, "--dry-run"]);
    assert_eq!(delete["method"], "DELETE");

    std::fs::write(env.work_path().join("a.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let upload = env.json(&["images", "create", "-f", "a.png", "-n", "A", "--dry-run"]);
    let parts = upload["body"].as_array().expect("multipart parts");
    assert!(parts.iter().any(|p| p["field"] == "image" && p["file_name"] == "a.png" && p["size"] == 8), "{upload}");

    env.json(&["comm", "campaigns", "start", "camp_1", "--dry-run"]);
    env.json(&["comm", "email", "send", "--to", "a@b.co", "-s", "S", "--body-html", "x", "-c", "c", "--dry-run"]);
    env.json(&["uploads", "mark-failed", "u1", "--dry-run"]);
    env.json(&["cloud", "computer", "create", "--display-name", "W", "--size", "M", "--region", "r", "--dry-run"]);
    env.json(&["forms", "create", "-n", "F", "--dry-run"]);
    assert!(env.server.requests().is_empty(), "sent: {:?}", env.server.requests());
    // Products and the rest are unchanged.
    assert_eq!(env.json(&["products", "list"]).as_array().map(Vec::len), Some(1));
}

#[test]
fn output_is_plain_when_not_a_terminal() {
    let env = Env::new();
    env.json(&["products", "create", "-t", "Plain"]);
    let run = env.run(&["products", "list"]).ok();
    assert!(!run.stdout.contains('\u{1b}'), "no colour codes: {:?}", run.stdout);
    assert!(run.stderr.is_empty(), "no progress on a pipe: {:?}", run.stderr);
    let all = env.run(&["products", "list", "--all"]).ok();
    assert!(all.stderr.is_empty(), "{:?}", all.stderr);
}

#[test]
fn sdk_settings_come_from_the_environment() {
    let mut env = Env::new();
    env.vars.push(("KONIGLE_RETRY_COUNT".into(), "0".into()));
    env.server.inject(konigle_mock::Fault::status(503).times(1));
    let run = env.run(&["products", "list"]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert_eq!(env.server.request_count("GET", "/admin/api/products"), 1, "no retry");

    env.vars.push(("KONIGLE_TIMEOUT".into(), "-1".into()));
    let run = env.run(&["products", "list"]);
    assert_eq!(run.code, 10, "an invalid setting is a configuration error: {}", run.stderr);
}
