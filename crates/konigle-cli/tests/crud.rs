//! create → get → list (table and JSON) → update → delete for every command
//! group, through the real binary against the mock server.

mod common;

use common::{s, Env};
use serde_json::Value;

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// get, list as a table and as JSON, then delete with --yes, and get again (404).
#[track_caller]
fn read_list_delete(env: &Env, group: &[&str], id: &str, shown: &str) {
    let cmd = |extra: &[&str]| -> Vec<String> { group.iter().chain(extra).map(|s| s.to_string()).collect() };

    let get = cmd(&["get", id]);
    let got = env.json(&args(&get));
    assert!(got.to_string().contains(shown), "get {id}: {got}");

    let list = cmd(&["list"]);
    let table = env.run(&args(&list)).ok();
    assert!(
        table.stdout.lines().next().unwrap_or("").contains("ID") || table.stdout.contains("NAME"),
        "header: {}",
        table.stdout
    );
    assert!(table.stdout.contains(id) || table.stdout.contains(shown), "table lists it:\n{}", table.stdout);
    let listed = env.json(&args(&list));
    assert!(listed.as_array().is_some_and(|a| a.iter().any(|i| i.to_string().contains(id))), "JSON list: {listed}");

    let all = cmd(&["list", "--all", "--page-size", "1"]);
    let walked = env.json(&args(&all));
    assert!(walked.as_array().is_some_and(|a| !a.is_empty()), "--all: {walked}");

    let delete = cmd(&["delete", id, "--yes"]);
    let out = env.run(&args(&delete)).ok();
    assert!(out.stdout.contains("Deleted"), "{}", out.stdout);
    let again = env.run(&args(&get));
    assert_eq!(again.code, 3, "get after delete: {}", again.stderr);
}

#[test]
fn images_crud() {
    let env = Env::new();
    std::fs::write(env.work_path().join("hero.png"), b"\x89PNG\r\n\x1a\nfake").unwrap();
    let created = env.json(&["images", "create", "--file", "hero.png", "--name", "Hero", "-t", "a, b"]);
    let id = s(&created, "id").to_string();
    assert_eq!(s(&created, "alt_text"), "Image: Hero");
    let updated = env.json(&["images", "update", &id, "--alt-text", "Sunset", "--tags", "x,y"]);
    assert_eq!(s(&updated, "alt_text"), "Sunset");
    assert_eq!(updated["tags"], serde_json::json!(["x", "y"]));
    let ordered = env.json(&["images", "list", "-o", "-created_at"]);
    assert_eq!(ordered.as_array().map(Vec::len), Some(1), "a value starting with '-': {ordered}");
    assert!(env.server.requests().iter().any(|r| r.query.contains("ordering=-created_at")));
    let found = env.json(&["images", "search", "--query", "Hero"]);
    assert!(found.as_array().is_some(), "{found}");
    let generated = env.json(&["images", "generate", "--prompt", "A red bicycle", "-r", "16:9"]);
    assert!(generated.get("id").is_some(), "{generated}");
    read_list_delete(&env, &["images"], &id, "Hero");
}

#[test]
fn uploads_crud_and_cloud_steps() {
    let env = Env::new();
    std::fs::write(env.work_path().join("orders.csv"), "id,total\n1,9.99\n").unwrap();
    let created = env.json(&["uploads", "create", "-f", "orders.csv", "-n", "Orders", "-t", "export"]);
    let id = s(&created, "id").to_string();
    assert_eq!(s(&created, "name"), "Orders");
    assert_eq!(created["size"], 16);
    let cloud = env.json(&["uploads", "create-cloud-upload", "-m", "video/mp4", "-s", "1024", "-f", "launch.mp4"]);
    let cid = s(&cloud, "id").to_string();
    assert_eq!(s(&env.json(&["uploads", "mark-started", &cid]), "status"), "uploading");
    let done = env.json(&["uploads", "mark-completed", &cid]);
    assert_eq!(s(&done, "status"), "completed", "{done}");
    read_list_delete(&env, &["uploads"], &id, "Orders");
}

#[test]
fn connections_and_forms() {
    let env = Env::new();
    let conns = env.json(&["connections", "list"]);
    assert!(conns.as_array().is_some_and(|a| a.iter().any(|c| c["provider"] == "konigle_forms")), "{conns}");
    let creds = env.run(&["connections", "get-credentials", "konigle_forms"]).ok();
    assert!(!creds.stdout.is_empty());

    let form = env.json(&["forms", "create", "--name", "Contact Us"]);
    let slug = s(&form, "slug").to_string();
    assert_eq!(s(&env.json(&["forms", "get", &slug]), "name"), "Contact Us");
    let table = env.run(&["forms", "list"]).ok();
    assert!(table.stdout.contains("Contact Us") && table.stdout.contains("SLUG"), "{}", table.stdout);
    let subs = env.json(&["forms", "submissions", &slug]);
    assert_eq!(subs, Value::Array(vec![]));
    let empty = env.run(&["forms", "submissions", &slug]).ok();
    assert!(empty.stdout.contains("No submissions found."));
}

#[test]
fn products_variants_and_images() {
    let env = Env::new();
    std::fs::write(
        env.work_path().join("content.json"),
        r#"{"blocks": [{"type": "paragraph", "data": {"text": "Soft"}}]}"#,
    )
    .unwrap();
    let product = env.json(&[
        "products",
        "create",
        "-t",
        "Classic Tee",
        "--price",
        "19.99",
        "--content-file",
        "content.json",
        "--tags",
        "a, b",
    ]);
    let pid = s(&product, "uid").to_string();
    assert_eq!(s(&product, "title"), "Classic Tee");
    let updated = env.json(&["products", "update", &pid, "-h", "classic-tee-2", "--vendor", "Acme"]);
    assert_eq!(s(&updated, "handle"), "classic-tee-2");
    assert_eq!(s(&updated, "vendor"), "Acme");

    let with_variant =
        env.json(&["product-variants", "create", "-p", &pid, "--price", "21.50", "--option1", "XL", "--sku", "TEE-XL"]);
    assert!(with_variant.get("uid").is_some(), "{with_variant}");
    let variants = env.json(&["product-variants", "list", "--product-id", &pid]);
    let vid = variants
        .as_array()
        .and_then(|a| a.iter().find(|v| v["sku"] == "TEE-XL"))
        .map(|v| s(v, "uid").to_string())
        .unwrap_or_else(|| panic!("variant created: {variants}"));
    let v = env.json(&["product-variants", "update", &vid, "--inventory-quantity", "40", "--no-taxable"]);
    assert_eq!(v["inventory_quantity"], 40);
    assert_eq!(v["taxable"], false);

    std::fs::write(env.work_path().join("front.png"), b"\x89PNG\r\n\x1a\nfake").unwrap();
    let image = env.json(&["product-images", "create", "-p", &pid, "-f", "front.png", "-a", "Front"]);
    let iid = s(&image, "uid").to_string();
    let image = env.json(&["product-images", "update", &iid, "--position", "2"]);
    assert_eq!(image["position"], 2);

    read_list_delete(&env, &["product-images"], &iid, "Front");
    read_list_delete(&env, &["product-variants"], &vid, "TEE-XL");
    read_list_delete(&env, &["products"], &pid, "Classic Tee");
}

#[test]
fn audiences_contacts_and_campaigns() {
    let env = Env::new();
    let aud = env.json(&[
        "comm",
        "audiences",
        "create",
        "-n",
        "Newsletter",
        "--tag",
        "news",
        "--tag",
        "vip",
        "-c",
        "newsletter",
    ]);
    let aid = s(&aud, "id").to_string();
    assert_eq!(aud["tags"], serde_json::json!(["news", "vip"]));
    let aud2 = env.json(&["comm", "audiences", "update", &aid, "-d", "Subscribers"]);
    assert_eq!(s(&aud2, "description"), "Subscribers");

    let contact = env.json(&[
        "comm",
        "contacts",
        "create",
        "-e",
        "ana@example.com",
        "--first-name",
        "Ana",
        "--tag",
        "vip",
        "--no-sms-consent",
    ]);
    let cid = s(&contact, "id").to_string();
    assert_eq!(contact["marketing_consent"], serde_json::json!({"email": true, "sms": false, "whatsapp": true}));
    let contact = env.json(&["comm", "contacts", "update", &cid, "--last-name", "Lima"]);
    assert_eq!(s(&contact, "last_name"), "Lima");
    let ltv =
        env.json(&["comm", "contacts", "update-ltv", "-e", "ana@example.com", "--value", "25", "--currency", "USD"]);
    assert!(ltv.to_string().contains("25"), "{ltv}");

    let channel = env.json(&["comm", "email", "channels", "create", "-c", "news", "-t", "marketing"]);
    let chid = s(&channel, "id").to_string();
    let template = env.json(&[
        "comm",
        "email",
        "templates",
        "create",
        "-n",
        "Hello",
        "-c",
        "hello",
        "-s",
        "Hi",
        "--body-html",
        "<p>Hi</p>",
    ]);
    let tid = s(&template, "id").to_string();
    let campaign = env.json(&[
        "comm",
        "campaigns",
        "create",
        "-n",
        "Launch",
        "-a",
        &aid,
        "--email-channel",
        &chid,
        "--email-template",
        &tid,
    ]);
    let camp = s(&campaign, "id").to_string();
    assert_eq!(s(&campaign, "status"), "draft");
    let campaign = env.json(&["comm", "campaigns", "update", &camp, "--utm-code", "spring"]);
    assert_eq!(s(&campaign, "utm_code"), "spring");
    assert_eq!(s(&env.json(&["comm", "campaigns", "start", &camp]), "status"), "running");
    assert_eq!(s(&env.json(&["comm", "campaigns", "pause", &camp]), "status"), "paused");
    assert_eq!(s(&env.json(&["comm", "campaigns", "resume", &camp]), "status"), "running");
    let with_ltv = env.json(&["comm", "campaigns", "add-ltv", &camp, "--value", "10.50", "--currency", "USD"]);
    assert!(with_ltv["ltv"].to_string().contains("10.5"), "{with_ltv}");
    let test = env.run(&["comm", "campaigns", "send-test-email", &camp, "-e", "me@example.com"]).ok();
    assert!(test.stdout.contains("Sent a test"), "{}", test.stdout);
    assert_eq!(s(&env.json(&["comm", "campaigns", "cancel", &camp, "--yes"]), "status"), "cancelled");
    let quick = env.json(&[
        "comm",
        "campaigns",
        "new-email-campaign",
        "-n",
        "Quick",
        "--email-channel",
        "news",
        "--tag",
        "vip",
        "-s",
        "Hello",
        "--body-html",
        "<p>x</p>",
    ]);
    assert!(quick.get("id").is_some(), "{quick}");

    read_list_delete(&env, &["comm", "campaigns"], &camp, "Launch");
    read_list_delete(&env, &["comm", "contacts"], &cid, "ana@example.com");
    read_list_delete(&env, &["comm", "audiences"], &aid, "Newsletter");
}

#[test]
fn email_accounts_channels_identities_templates_and_send() {
    let env = Env::new();
    let acc = env.json(&["comm", "email", "accounts", "create", "-n", "Shop", "--from-email", "hi@shop.com"]);
    let acc_id = s(&acc, "id").to_string();
    let acc = env.json(&["comm", "email", "accounts", "update", &acc_id, "--from-name", "Shop team"]);
    assert_eq!(s(&acc, "default_from_name"), "Shop team");
    let status = env.run(&["comm", "email", "accounts", "check-status"]);
    assert!(status.code == 0 || status.code == 3 || status.code == 4, "{}", status.stderr);

    let ch = env.json(&["comm", "email", "channels", "create", "-c", "receipts", "-t", "transactional"]);
    let ch_id = s(&ch, "id").to_string();
    let ch = env.json(&["comm", "email", "channels", "update", &ch_id, "-c", "receipts-2"]);
    assert_eq!(s(&ch, "code"), "receipts-2");
    let ch = env.json(&["comm", "email", "channels", "set-engagement-tracking", &ch_id, "--disable"]);
    assert_eq!(ch["enable_engagement_tracking"], false);

    let ident = env.json(&["comm", "email", "identities", "create", "-v", "shop.com"]);
    let ident_id = s(&ident, "id").to_string();
    let ident = env.json(&["comm", "email", "identities", "update", &ident_id, "--use-custom-mail-from"]);
    assert_eq!(ident["use_custom_mail_from"], true);
    let off = env.json(&["comm", "email", "identities", "update", &ident_id, "--no-custom-mail-from"]);
    assert_eq!(off["use_custom_mail_from"], false, "the reference's spelling of the negative flag");
    env.json(&["comm", "email", "identities", "update", &ident_id, "--use-custom-mail-from"]);
    env.json(&["comm", "email", "identities", "check-status", &ident_id]);
    let ident = env.json(&["comm", "email", "identities", "setup-mail-from", &ident_id, "mail.shop.com"]);
    assert_eq!(s(&ident, "mail_from_domain"), "mail.shop.com");

    let tpl = env.json(&[
        "comm",
        "email",
        "templates",
        "create",
        "-n",
        "Welcome",
        "-c",
        "welcome",
        "-s",
        "Hi",
        "--body-html",
        "<p>Hi</p>",
        "--tag",
        "onboarding",
    ]);
    let tpl_id = s(&tpl, "id").to_string();
    let tpl = env.json(&["comm", "email", "templates", "update", &tpl_id, "-s", "Welcome aboard"]);
    assert_eq!(s(&tpl, "subject"), "Welcome aboard");

    std::fs::write(env.work_path().join("invoice.pdf"), b"%PDF-1.4 fake").unwrap();
    let sent = env.run(&[
        "comm",
        "email",
        "send",
        "--to",
        "ana@example.com",
        "-s",
        "Your order",
        "--body-html",
        "<p>Thanks</p>",
        "-c",
        "receipts-2",
        "--attachment",
        "invoice.pdf",
        "--header",
        "X-Order: 42",
    ]);
    assert_eq!(sent.code, 0, "{}", sent.stderr);

    read_list_delete(&env, &["comm", "email", "templates"], &tpl_id, "Welcome");
    read_list_delete(&env, &["comm", "email", "identities"], &ident_id, "shop.com");
    read_list_delete(&env, &["comm", "email", "channels"], &ch_id, "receipts-2");
    read_list_delete(&env, &["comm", "email", "accounts"], &acc_id, "Shop");
    let setup = env.json(&[
        "comm",
        "email",
        "accounts",
        "setup",
        "--name",
        "Two",
        "--from-email",
        "a@two.com",
        "--identity-value",
        "two.com",
    ]);
    assert!(setup.to_string().contains("two.com"), "{setup}");
}

#[test]
fn cloud_computers_webapps_and_jobs() {
    let env = Env::new();
    let created = env.json(&[
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
    let job = s(&created, "job_id").to_string();
    let table = env.run(&["cloud", "computer", "list"]).ok();
    assert!(table.stdout.contains("web") && table.stdout.contains("singapore"), "{}", table.stdout);
    let status = env.run(&["cloud", "job", "status", &job]).ok();
    assert!(status.stdout.contains("Status: success"), "{}", status.stdout);
    let app = env.json(&[
        "cloud",
        "webapp",
        "create",
        "--computer",
        "web",
        "--name",
        "shop",
        "--runtime",
        "python3",
        "--detach",
    ]);
    assert_eq!(s(&app["webapp"], "name"), "shop");
    let apps = env.json(&["cloud", "webapp", "list", "--computer", "web"]);
    assert_eq!(apps.as_array().map(Vec::len), Some(1), "{apps}");
    let missing = env.run(&["cloud", "webapp", "list", "--computer", "nope"]);
    assert_eq!(missing.code, 3, "{}", missing.stderr);
}
