//! The website with the blocking client: a folder and pages with typed
//! EditorJS content, publishing, a handle change that leaves a redirect
//! behind, the theme CSS, and a backup restored after an unwanted edit.
//!
//! ```text
//! cargo run --example website
//! ```
//!
//! Everything runs against `konigle-mock`, a stateful stand-in server
//! started on a loopback port: nothing leaves the machine.

use std::process::ExitCode;

use konigle_blocking::filters::{PageFilters, RedirectFilters};
use konigle_blocking::models::{
    BackupCreate, BackupTrigger, BackupType, EditorJs, FolderCreate, FolderType, ListStyle, PageCreate,
};
use konigle_blocking::{Client, Error, ListParams};
use konigle_mock::MockServer;

fn walk(client: &Client) -> konigle_blocking::Result<()> {
    // Every site has a home folder; new folders and pages live under it.
    let home = client
        .folders()
        .get_home_folder(false)?
        .ok_or_else(|| Error::invalid("folder", "the site has no home folder"))?;
    println!("home folder {} ({:?})", home.id, home.handle);

    let guides = FolderCreate::builder()
        .name("Guides")
        .handle("guides")
        .folder_type(FolderType::Pages)
        .parent(home.id.clone())
        .build();
    let guides = client.folders().create(guides)?;
    println!("folder {} at {:?}", guides.id, guides.handle);

    // Page content is typed rich text: no JSON written by hand.
    let planting = EditorJs::new()
        .heading(2, "Planting season")
        .paragraph("Spring is the time to plant most perennials.")
        .list(ListStyle::Ordered, ["Loosen the soil", "Water deeply", "Mulch"]);
    let watering = EditorJs::new().heading(2, "Watering").paragraph("Water in the morning, at the roots.");
    let mut pages = Vec::new();
    for (name, handle, content) in [("Planting", "planting", planting), ("Watering", "watering", watering)] {
        let data = PageCreate::builder()
            .name(name)
            .title(format!("{name} guide"))
            .handle(handle)
            .folder(guides.id.clone())
            .content(content)
            .build();
        let mut page = client.pages().create(data)?;
        page.publish()?; // the record is refreshed with the server's answer
        println!("page {} {:?}: {} block(s), published", page.id, page.handle, page.content.blocks().len());
        pages.push(page);
    }
    let in_guides = PageFilters::builder().folder(guides.id.clone()).published(true).build();
    let listed = client.pages().list(&ListParams::with_filters(in_guides))?;
    println!("{} published page(s) in Guides", listed.count);
    if listed.count < 2 {
        return Err(Error::invalid("pages", format!("expected both pages to be listed, got {}", listed.count)));
    }

    // A new handle, with a redirect from the old address.
    let planting = &mut pages[0];
    planting.change_handle_with_redirect("when-to-plant")?;
    let redirects = client.redirects().list(&ListParams::with_filters(RedirectFilters::default()))?;
    for r in &redirects.items {
        println!("redirect {} -> {}", r.path, r.target);
    }
    if !redirects.items.iter().any(|r| r.target.ends_with("when-to-plant")) {
        return Err(Error::invalid("redirects", "the handle change left no redirect"));
    }

    // The theme's CSS, edited with a backup of the site taken first.
    let css = client.themes().get_theme_css()?;
    client.themes().set_theme_css(&format!("{css}\n.guide h2 {{ color: #2f6b3a; }}\n"), true)?;
    println!("theme CSS: {} -> {} bytes", css.len(), client.themes().get_theme_css()?.len());

    // Back up a page, make an unwanted edit, restore it.
    let watering = &mut pages[1];
    let backup = BackupCreate::builder()
        .backup_type(BackupType::Page)
        .target_id(watering.id.clone())
        .description("before the rewrite")
        .trigger(BackupTrigger::Manual)
        .build();
    let backup = client.backups().create(backup)?;
    watering.title = "Oops".into();
    watering.save()?; // PATCH with the changed title only
    backup.restore()?;
    watering.reload()?;
    println!("after restore: {:?}", watering.title);
    if watering.title != "Watering guide" {
        return Err(Error::invalid("title", format!("the restore did not bring the title back: {:?}", watering.title)));
    }

    // Clean up: the folder with its pages.
    client.folders().delete(&guides.id)?;
    println!("deleted the Guides folder");
    Ok(())
}

pub fn main() -> ExitCode {
    let server = MockServer::start_blocking();
    println!("Konigle SDK website example, against the mock server at {}", server.base_url());
    match Client::new(server.config()).and_then(|client| walk(&client)) {
        Ok(()) => {
            println!("Done: the mock server answered {} requests.", server.requests().len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("website example stopped: {e}");
            ExitCode::FAILURE
        }
    }
}
