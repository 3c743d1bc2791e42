//! The website groups, `design`, and `website pull` / `push`, through the
//! real binary against the mock server.

mod common;

use std::path::Path;

use common::{s, Env};
use serde_json::Value;

fn owned(group: &str, extra: &[&str]) -> Vec<String> {
    std::iter::once(group).chain(extra.iter().copied()).map(str::to_string).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// `GROUP create ARGS` (JSON), returning the new record's id.
#[track_caller]
fn create(env: &Env, group: &str, extra: &[&str]) -> (String, Value) {
    let created = env.json(&args(&owned(group, &[&["create"], extra].concat())));
    (s(&created, "id").to_string(), created)
}

/// get, list as a table and as JSON, update, then delete with `delete_flag` and get again (404).
#[track_caller]
fn round_trip(
    env: &Env,
    group: &str,
    id: &str,
    shown: &str,
    update: &[&str],
    updated: (&str, &str),
    delete_flag: &str,
) {
    let got = env.json(&args(&owned(group, &["get", id])));
    assert_eq!(s(&got, "id"), id);
    assert!(got.to_string().contains(shown), "get {id}: {got}");

    let table = env.run(&args(&owned(group, &["list"]))).ok();
    assert!(table.stdout.lines().next().unwrap_or("").contains("ID"), "header:\n{}", table.stdout);
    assert!(table.stdout.contains(id), "the table lists {id}:\n{}", table.stdout);
    let listed = env.json(&args(&owned(group, &["list"])));
    assert!(listed.as_array().is_some_and(|a| a.iter().any(|i| i["id"] == id)), "JSON list: {listed}");

    let after = env.json(&args(&owned(group, &[&["update", id], update].concat())));
    assert_eq!(after[updated.0], updated.1, "update: {after}");
    let again = env.json(&args(&owned(group, &["get", id])));
    assert_eq!(again[updated.0], updated.1, "the update is stored: {again}");

    let mut delete = vec!["delete", id];
    if !delete_flag.is_empty() {
        delete.push(delete_flag);
    }
    let out = env.run(&args(&owned(group, &delete))).ok();
    assert!(out.stdout.contains("Deleted"), "{}", out.stdout);
    let gone = env.run(&args(&owned(group, &["get", id])));
    assert_eq!(gone.code, 3, "deleted {id} is not found: {}", gone.stderr);
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

const EDITOR_JS: &str =
    r#"{"time": 1, "blocks": [{"type": "paragraph", "data": {"text": "Hello from a file"}}], "version": "2.28.0"}"#;

#[test]
fn folders_pages_blogs_and_glossary_terms() {
    let env = Env::new();
    let (folder, created) = create(&env, "folders", &["--name", "Guides", "--folder-type", "blog"]);
    assert_eq!(s(&created, "name"), "Guides");
    let published = env.json(&["folders", "publish", &folder]);
    assert_eq!(published["published"], true);

    let content = write(env.work_path(), "content.json", EDITOR_JS);
    let (page, created) =
        create(&env, "pages", &["--title", "About us", "--folder", &folder, "--content-file", &content]);
    assert_eq!(s(&created, "name"), "About us", "the name defaults to the title");
    assert!(created["content"].to_string().contains("Hello from a file"), "{created}");
    round_trip(&env, "pages", &page, "About us", &["--title", "About the team"], ("title", "About the team"), "--yes");

    let (blog, _) = create(&env, "blogs", &["--title", "Spring", "--folder", &folder, "-s", "Sowing"]);
    round_trip(&env, "blogs", &blog, "Sowing", &["--summary", "Planting"], ("summary", "Planting"), "--yes");

    let (term, _) = create(&env, "glossary", &["--title", "What is mulch?", "--name", "Mulch"]);
    round_trip(&env, "glossary", &term, "Mulch", &["-n", "Mulching"], ("name", "Mulching"), "--yes");

    round_trip(&env, "folders", &folder, "Guides", &["--name", "Journal"], ("name", "Journal"), "--yes");
}

#[test]
fn pages_publish_unpublish_and_change_handle_with_a_redirect() {
    let env = Env::new();
    let (folder, _) = create(&env, "folders", &["--name", "Docs"]);
    let (page, _) = create(&env, "pages", &["--title", "Pricing", "--folder", &folder, "--handle", "pricing"]);

    let published = env.json(&["pages", "publish", &page]);
    assert_eq!(published["published"], true);
    assert_eq!(env.json(&["pages", "list", "--published"]).as_array().map(Vec::len), Some(1));
    let unpublished = env.json(&["pages", "unpublish", &page]);
    assert_eq!(unpublished["published"], false);
    assert_eq!(env.json(&["pages", "get", &page])["published"], false);

    let dry = env.json(&["pages", "change-handle", &page, "plans", "--redirect", "--dry-run"]);
    assert_eq!(dry["body"]["redirect"], true, "{dry}");
    assert_eq!(dry["body"]["handle"], "plans");
    assert_eq!(env.json(&["pages", "get", &page])["handle"], "pricing", "the dry run sent nothing");

    let run = env.run(&["pages", "change-handle", &page, "plans", "-r"]).ok();
    assert!(run.stdout.contains("Redirected the old handle"), "{}", run.stdout);
    assert_eq!(env.json(&["pages", "get", &page])["handle"], "plans");
    let sent = env.server.requests();
    let change = sent.iter().find(|r| r.path.ends_with("/change-handle")).expect("a change-handle request");
    assert_eq!(change.method, "POST");
    assert_eq!(change.body.as_ref().map(|b| b["redirect"].clone()), Some(Value::Bool(true)), "{change:?}");
}

#[test]
fn authors_redirects_components_templates_and_backups() {
    let env = Env::new();
    let (author, _) = create(&env, "authors", &["--name", "Ada", "--handle", "ada", "--email", "ada@example.com"]);
    round_trip(
        &env,
        "authors",
        &author,
        "ada@example.com",
        &["--tagline", "Gardener"],
        ("tagline", "Gardener"),
        "--confirm",
    );

    let (redirect, created) = create(&env, "redirects", &["/old", "/new"]);
    assert_eq!(s(&created, "path"), "/old");
    assert_eq!(created["permanent"], true, "permanent by default");
    round_trip(&env, "redirects", &redirect, "/new", &["--target", "/newer"], ("target", "/newer"), "");

    let html = write(env.work_path(), "hero.html", "<section class=\"hero\">Hi</section>");
    let (component, created) = create(&env, "components", &["--name", "Hero", "--template-file", &html]);
    assert_eq!(s(&created, "template_html"), "<section class=\"hero\">Hi</section>");
    let html2 = write(env.work_path(), "hero2.html", "<section>Bye</section>");
    round_trip(
        &env,
        "components",
        &component,
        "Hero",
        &["--template-file", &html2],
        ("template_html", "<section>Bye</section>"),
        "--confirm",
    );

    let layout = write(env.work_path(), "layout.json", r#"{"version": "1", "main": {"blocks": {}, "order": []}}"#);
    let (template, created) =
        create(&env, "templates", &["--name", "Landing", "--handle", "landing", "--layout-file", &layout]);
    assert_eq!(created["layout"]["version"], "1", "{created}");
    round_trip(&env, "templates", &template, "landing", &["--name", "Landing v2"], ("name", "Landing v2"), "--confirm");

    let (backup, created) = create(&env, "backups", &["--backup-type", "site_foundation", "-d", "Before the redesign"]);
    assert_eq!(s(&created, "description"), "Before the redesign");
    assert_eq!(s(&created, "trigger"), "manual", "the default trigger");
    let listed = env.json(&["backups", "list", "--backup-type", "site_foundation"]);
    assert!(listed.as_array().is_some_and(|a| a.iter().any(|b| b["id"] == backup.as_str())), "{listed}");
    let table = env.run(&["backups", "list"]).ok();
    assert!(table.stdout.contains(&backup), "{}", table.stdout);
    let refused = env.run(&["backups", "restore", &backup]);
    assert_eq!(refused.code, 2, "restore asks first: {}", refused.stderr);
    env.run(&["backups", "restore", &backup, "--yes"]).ok();
    assert_eq!(env.server.request_count("POST", &format!("/backup/api/v1/backups/{backup}/restore")), 1);
    env.run(&["backups", "delete", &backup, "--yes"]).ok();
    let left = env.json(&["backups", "list"]);
    assert!(left.as_array().is_some_and(|a| a.iter().all(|b| b["id"] != backup.as_str())), "{left}");
}

#[test]
fn design_documents_are_set_from_files_and_written_to_files() {
    let env = Env::new();
    for (name, text) in [
        ("stylesheet", ":root { --brand: #0a7; }\n"),
        ("theme-css", "body { margin: 0; }\n"),
        ("theme-js", "console.log('theme');\n"),
    ] {
        let file = write(env.work_path(), &format!("{name}.in"), text);
        let dry = env.run(&["design", &format!("set-{name}"), "--file", &file, "--dry-run"]).ok();
        assert!(dry.stdout.contains("nothing was sent"), "{}", dry.stdout);
        env.run(&["design", &format!("set-{name}"), "-f", &file]).ok();
        let out = env.work_path().join(format!("{name}.out"));
        let saved = env.run(&["design", &format!("get-{name}"), "-o", &out.display().to_string()]).ok();
        assert!(saved.stdout.contains("Saved"), "{}", saved.stdout);
        assert_eq!(std::fs::read_to_string(&out).expect("written"), text, "{name}");
        let json = env.json(&["design", &format!("get-{name}")]);
        assert_eq!(json["content"], text, "{name}");
    }
    let inline = env.run(&["design", "set-theme-css", "--content", "a { color: red; }"]).ok();
    assert!(inline.stdout.contains("Updated the theme CSS"), "{}", inline.stdout);
    assert_eq!(env.run(&["design", "get-theme-css"]).ok().stdout.trim(), "a { color: red; }");
    let both = env.run(&["design", "set-theme-css", "--content", "x", "--file", "y"]);
    assert_eq!(both.code, 2, "{}", both.stderr);

    let doc = write(env.work_path(), "northstar.md", "# Grow every garden\n");
    env.run(&["website", "set-northstar", "--file", &doc]).ok();
    assert_eq!(env.json(&["website", "get-northstar"])["content"], "# Grow every garden\n");
}

fn writes(env: &Env) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET" && !r.path.ends_with("/bootstrap"))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

#[test]
fn website_pull_then_push_sends_only_the_changed_file_and_refuses_remote_changes() {
    let env = Env::new();
    let html = write(env.work_path(), "card.html", "<div class=\"card\"></div>");
    let (component, _) = create(&env, "components", &["--name", "Card", "--template-file", &html]);
    let layout = write(env.work_path(), "layout.json", r#"{"version": "1"}"#);
    let (template, _) = create(&env, "templates", &["--name", "Home", "--handle", "home", "--layout-file", &layout]);
    env.run(&["design", "set-stylesheet", "--content", ":root { --a: 1; }"]).ok();

    let site = env.work_path().join("site");
    let site_arg = site.display().to_string();
    let pulled = env.json(&["website", "pull", &site_arg]);
    let files: Vec<&str> =
        pulled["files"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    for f in [
        "components/card.html",
        "templates/home.json",
        "design/stylesheet.css",
        "design/theme.css",
        "design/theme.js",
        "design/reference-template.html",
    ] {
        assert!(files.contains(&f), "{f} in {files:?}");
    }
    assert_eq!(
        std::fs::read_to_string(site.join("components/card.html")).expect("pulled"),
        "<div class=\"card\"></div>"
    );
    assert_eq!(std::fs::read_to_string(site.join("design/stylesheet.css")).expect("pulled"), ":root { --a: 1; }");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join(".konigle-site.json")).expect("manifest"))
            .expect("JSON");
    let entry = &manifest["files"]["components/card.html"];
    assert_eq!(entry["id"], component.as_str());
    assert_eq!(entry["sha256"].as_str().map(str::len), Some(64));

    let never_pulled = env.run(&["website", "push", &env.work_path().display().to_string()]);
    assert_eq!(never_pulled.code, 2, "no manifest: {}", never_pulled.stderr);
    assert!(never_pulled.stderr.contains("website pull"), "{}", never_pulled.stderr);

    // Nothing changed: nothing is sent.
    env.server.clear_requests();
    env.run(&["website", "push", &site_arg]).ok();
    assert!(writes(&env).is_empty(), "{:?}", writes(&env));

    // One file edited: exactly that one change is sent.
    std::fs::write(site.join("components/card.html"), "<div class=\"card big\"></div>").expect("edit");
    env.server.clear_requests();
    let dry = env.json(&["website", "push", &site_arg, "--dry-run"]);
    assert_eq!(dry["changed"], serde_json::json!(["components/card.html"]));
    assert!(writes(&env).is_empty(), "--dry-run sends nothing: {:?}", writes(&env));
    let pushed = env.json(&["website", "push", &site_arg]);
    assert_eq!(pushed["pushed"], serde_json::json!(["components/card.html"]));
    assert_eq!(writes(&env), [format!("PATCH /admin/api/components/{component}")]);
    assert_eq!(env.json(&["components", "get", &component])["template_html"], "<div class=\"card big\"></div>");

    // A template's layout: parsed and sent as the layout.
    let layout_path = site.join("templates/home.json");
    let mut layout: Value =
        serde_json::from_str(&std::fs::read_to_string(&layout_path).expect("pulled")).expect("JSON");
    assert_eq!(layout["version"], "1", "{layout}");
    layout["version"] = Value::from("2");
    std::fs::write(&layout_path, serde_json::to_string_pretty(&layout).expect("JSON")).expect("edit");
    env.server.clear_requests();
    env.run(&["website", "push", &site_arg]).ok();
    assert_eq!(writes(&env), [format!("PATCH /admin/api/site-templates/{template}")]);
    assert_eq!(env.json(&["templates", "get", &template])["layout"]["version"], "2");

    // Pushed: a second push sends nothing.
    env.server.clear_requests();
    let again = env.run(&["website", "push", &site_arg]).ok();
    assert!(writes(&env).is_empty(), "{:?}", writes(&env));
    assert!(again.stdout.contains("Nothing changed"), "{}", again.stdout);

    // Changed on the site since: push refuses, --force sends.
    env.run(&["design", "set-stylesheet", "--content", ":root { --a: 2; }"]).ok();
    std::fs::write(site.join("design/stylesheet.css"), ":root { --a: 3; }").expect("edit");
    env.server.clear_requests();
    let refused = env.run(&["website", "push", &site_arg]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("design/stylesheet.css"), "{}", refused.stderr);
    assert!(writes(&env).is_empty(), "refused: {:?}", writes(&env));
    assert_eq!(env.run(&["design", "get-stylesheet"]).ok().stdout.trim(), ":root { --a: 2; }");

    env.server.clear_requests();
    env.run(&["website", "push", &site_arg, "--force"]).ok();
    let sent = writes(&env);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].ends_with("/save-file-content"), "{sent:?}");
    assert_eq!(env.run(&["design", "get-stylesheet"]).ok().stdout.trim(), ":root { --a: 3; }");
}

#[test]
fn website_info_settings_urls_and_robots_txt() {
    let env = Env::new();
    let site = env.json(&["website", "get"]);
    assert_eq!(s(&site, "name"), "Mock Store", "{site}");

    let dry = env.json(&["website", "update", "--city", "Lisbon", "--dry-run"]);
    assert_eq!(dry["detail"]["city"], "Lisbon", "{dry}");
    let updated = env.json(&["website", "update", "--city", "Lisbon", "--name", "Green Thumb"]);
    assert_eq!(updated["name"], "Green Thumb", "{updated}");
    assert_eq!(env.json(&["website", "get"])["name"], "Green Thumb");

    let settings = write(env.work_path(), "settings.json", r#"{"newsletter": {"enabled": true}}"#);
    env.run(&["website", "set-settings", "-f", &settings]).ok();
    let got = env.json(&["website", "get-settings"]);
    assert_eq!(got["newsletter"]["enabled"], true, "{got}");
    let bad = write(env.work_path(), "bad.json", "[1, 2]");
    assert_eq!(env.run(&["website", "set-settings", "-f", &bad]).code, 2, "a JSON object is required");

    let robots = write(env.work_path(), "robots.txt", "User-agent: *\nDisallow: /tmp\n");
    env.run(&["website", "set-robots-txt", "--file", &robots]).ok();
    let out = env.work_path().join("robots.out");
    env.run(&["website", "get-robots-txt", "-o", &out.display().to_string()]).ok();
    assert_eq!(std::fs::read_to_string(&out).expect("saved"), "User-agent: *\nDisallow: /tmp\n");

    let added = env.json(&["website", "add-url", "/guides/soil", "--type", "page"]);
    assert_eq!(added["type"], "page", "{added}");
    let page = s(&added, "id").to_string();
    assert_eq!(env.json(&["pages", "get", &page])["handle"], "soil", "the page is at the path's last segment");
    let found = env.json(&["website", "get-url", "/guides/soil"]);
    assert_eq!(found["type"], "page", "{found}");
    assert_eq!(found["id"], page.as_str(), "{found}");
}

#[test]
fn blog_lists_filter_by_published_state_and_urls_are_searched() {
    let env = Env::new();
    let (folder, _) = create(&env, "folders", &["--name", "Journal", "-t", "blog"]);
    let (live, _) = create(&env, "blogs", &["-t", "Live post", "-f", &folder]);
    let (draft, _) = create(&env, "blogs", &["-t", "Draft post", "-f", &folder]);
    env.run(&["blogs", "publish", &live]).ok();
    let ids = |extra: &[&str]| -> Vec<String> {
        let listed = env.json(&args(&owned("blogs", &[&["list"], extra].concat())));
        listed.as_array().map(|a| a.iter().map(|b| s(b, "id").to_string()).collect()).unwrap_or_default()
    };
    assert_eq!(ids(&["--published"]), [live]);
    assert_eq!(ids(&["--unpublished"]), [draft]);
    assert_eq!(ids(&[]).len(), 2);
    assert_eq!(env.run(&["blogs", "list", "--published", "--unpublished"]).code, 2);

    env.json(&["website", "add-url", "/soil-guide"]);
    let found = env.json(&["website", "search-urls", "soil", "--types", "page", "--limit", "5"]);
    assert!(found.to_string().contains("soil"), "{found}");
    let search = env.server.requests().into_iter().rfind(|r| r.path.ends_with("/site-tree/search")).expect("searched");
    for part in ["q=soil", "types=page", "limit=5"] {
        assert!(search.query.contains(part), "{part} in {}", search.query);
    }
}
