//! `--dry-run` describes the very request the command then sends: for the
//! special commands, the description is compared with what the mock receives.

mod common;

use common::{s, Env};
use serde_json::Value;

/// Runs `args` with --dry-run (nothing sent), then for real, and compares
/// the description with the request the mock recorded.
#[track_caller]
fn same_request(env: &Env, args: &[&str]) {
    env.server.clear_requests();
    let mut dry = vec!["--output", "json"];
    dry.extend_from_slice(args);
    dry.push("--dry-run");
    let described = env.run(&dry).ok().json();
    assert!(env.server.requests().is_empty(), "{args:?}: the dry run sent {:?}", env.server.requests());

    env.run(args).ok();
    let sent = env.server.requests();
    let url = described["url"].as_str().unwrap_or_default();
    let path_and_query = url.strip_prefix(env.server.base_url()).unwrap_or(url);
    let matching = sent.iter().find(|r| {
        let full = if r.query.is_empty() { r.path.clone() } else { format!("{}?{}", r.path, r.query) };
        r.method == described["method"] && full == path_and_query
    });
    let req =
        matching.unwrap_or_else(|| panic!("{args:?}: {} {url} was not sent; sent: {sent:?}", described["method"]));
    let body = req.body.clone().unwrap_or(Value::Null);
    assert_eq!(body, described["body"], "{args:?}: body");
}

#[test]
fn special_commands_send_what_their_dry_run_describes() {
    let env = Env::new();
    let aud = env.json(&["comm", "audiences", "create", "-n", "All", "--tag", "vip"]);
    let ch = env.json(&["comm", "email", "channels", "create", "-c", "news", "-t", "marketing"]);
    let tpl =
        env.json(&["comm", "email", "templates", "create", "-n", "T", "-c", "t", "-s", "S", "--body-html", "<p>x</p>"]);
    let camp = env.json(&[
        "comm",
        "campaigns",
        "create",
        "-n",
        "C",
        "-a",
        s(&aud, "id"),
        "--email-channel",
        s(&ch, "id"),
        "--email-template",
        s(&tpl, "id"),
    ]);
    let id = s(&camp, "id").to_string();
    same_request(&env, &["comm", "campaigns", "schedule", &id, "--scheduled-at", "2030-01-31T09:00:00Z"]);
    same_request(&env, &["comm", "campaigns", "start", &id]);
    same_request(&env, &["comm", "campaigns", "pause", &id]);
    same_request(&env, &["comm", "campaigns", "resume", &id]);
    same_request(&env, &["comm", "campaigns", "add-ltv", &id, "--value", "12.5", "--currency", "USD"]);
    same_request(&env, &["comm", "campaigns", "send-test-email", &id, "-e", "me@example.com"]);
    same_request(&env, &["comm", "campaigns", "cancel", &id, "--yes"]);
    same_request(
        &env,
        &[
            "comm",
            "campaigns",
            "new-email-campaign",
            "-n",
            "Q",
            "--email-channel",
            "news",
            "--tag",
            "vip",
            "-s",
            "Hi",
            "--body-html",
            "<p>x</p>",
            "--utm-code",
            "q1",
        ],
    );

    env.json(&["comm", "contacts", "create", "-e", "ana@example.com"]);
    same_request(
        &env,
        &["comm", "contacts", "update-ltv", "-e", "ana@example.com", "--value", "5", "--currency", "USD"],
    );

    same_request(&env, &["comm", "email", "channels", "set-engagement-tracking", s(&ch, "id"), "--disable"]);
    let ident = env.json(&["comm", "email", "identities", "create", "-v", "shop.com"]);
    same_request(&env, &["comm", "email", "identities", "check-status", s(&ident, "id")]);
    same_request(&env, &["comm", "email", "identities", "setup-mail-from", s(&ident, "id"), "mail.shop.com"]);
    same_request(
        &env,
        &[
            "comm",
            "email",
            "accounts",
            "setup",
            "--name",
            "A",
            "--from-email",
            "a@shop.com",
            "--identity-value",
            "shop.com",
        ],
    );
    same_request(&env, &["comm", "email", "accounts", "check-status"]);
    same_request(
        &env,
        &["comm", "email", "send", "--to", "ana@example.com", "-s", "Hi", "--body-html", "<p>x</p>", "-c", "news"],
    );

    let up = env.json(&["uploads", "create-cloud-upload", "-m", "text/plain", "-s", "3", "-f", "a.txt"]);
    same_request(&env, &["uploads", "mark-started", s(&up, "id")]);
    same_request(&env, &["uploads", "mark-failed", s(&up, "id")]);
    same_request(&env, &["uploads", "create-cloud-upload", "-m", "video/mp4", "-s", "1024", "-f", "b.mp4", "-n", "B"]);
    same_request(&env, &["images", "generate", "--prompt", "A bicycle"]);

    let product = env.json(&["products", "create", "-t", "Tee"]);
    same_request(&env, &["product-variants", "create", "-p", s(&product, "uid"), "--price", "9.99", "--option1", "M"]);
    same_request(&env, &["products", "update", s(&product, "uid"), "--vendor", "Acme"]);
}

#[test]
fn website_commands_send_what_their_dry_run_describes() {
    let env = Env::new();
    same_request(&env, &["folders", "create", "-n", "Guides", "-t", "blog"]);
    let folder = env.json(&["folders", "list"]);
    let folder = folder.as_array().and_then(|a| a.iter().find(|f| f["name"] == "Guides")).cloned().unwrap_or_default();
    let folder = s(&folder, "id").to_string();
    let page = env.json(&["pages", "create", "-t", "Pricing", "-f", &folder, "-h", "pricing"]);
    let page = s(&page, "id").to_string();
    let component = env.json(&["components", "create", "--name", "Hero", "--template-html", "<b>x</b>"]);
    let component = s(&component, "id").to_string();
    same_request(&env, &["pages", "publish", &page]);
    same_request(&env, &["pages", "unpublish", &page]);
    same_request(&env, &["pages", "change-handle", &page, "plans", "--redirect"]);
    same_request(&env, &["pages", "update", &page, "--seo", r#"{"title": "Plans"}"#]);
    same_request(&env, &["blogs", "create", "-t", "Spring", "-f", &folder, "-s", "Sowing"]);
    same_request(&env, &["glossary", "create", "-t", "Mulch"]);
    same_request(&env, &["redirects", "create", "/old", "/new", "--temporary"]);
    same_request(&env, &["backups", "create", "-t", "page", "--target-id", &page, "-d", "Before"]);
    // (components create is left out: the SDK draws a fresh random template code for each payload.)
    same_request(&env, &["components", "update", &component, "--template-html", "<b>y</b>"]);
    same_request(&env, &["templates", "create", "--name", "L", "--handle", "l", "--layout", r#"{"version": "1"}"#]);
    same_request(&env, &["pages", "delete", &page, "--yes"]);
}
