//! A walk through the Konigle SDK, first with the blocking client, then
//! with the async client.
//!
//! ```text
//! cargo run --example quickstart            # against the built-in mock server
//! KONIGLE_API_KEY=... cargo run --example quickstart -- --live
//! ```
//!
//! Without `--live` nothing leaves the machine: the example starts
//! `konigle-mock`, a stateful stand-in server, on a loopback port. With
//! `--live` it runs the same walk against the account of `KONIGLE_API_KEY`
//! (and `KONIGLE_BASE_URL` when set), and deletes what it created.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use konigle_core::filters::ProductFilters;
use konigle_core::models::{AudienceCreate, CampaignCreate, ContactCreate, ImageCreate, ProductCreate, ProductStatus};
use konigle_core::{Config, Decimal, Error, FileInput, ListParams};
use konigle_mock::MockServer;

/// A 1x1 PNG, the image the walk uploads.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Number of products the walk creates, and the page size it lists them with.
const PRODUCTS: u32 = 6;
const PAGE_SIZE: u32 = 4;

fn price(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Prints what a failed call tells, by kind.
fn explain(error: &Error) -> String {
    match error {
        Error::NotFound(e) => format!("not found (HTTP {}): {}", e.status, e.message),
        Error::Validation(e) => {
            let fields: Vec<String> =
                e.field_errors().into_iter().map(|(field, msgs)| format!("{field}: {}", msgs.join(" "))).collect();
            if fields.is_empty() {
                format!("rejected (HTTP 400): {}", e.message)
            } else {
                format!("rejected (HTTP 400): {}", fields.join("; "))
            }
        }
        Error::Authentication(e) => format!("not authenticated: {}", e.message),
        other if other.is_client_side() => format!("refused before sending: {other}"),
        other => format!("failed: {other}"),
    }
}

/// The walk with `konigle-blocking`: plain function calls.
fn blocking_walk(client: konigle_blocking::Client, tag: &str) -> konigle_core::Result<()> {
    println!("\n== Blocking client (konigle-blocking) ==");

    // Products: create a few, then page through them.
    let mut ids = Vec::new();
    for i in 1..=PRODUCTS {
        let product = client.products().create(
            ProductCreate::builder()
                .title(format!("Quickstart Tee {i} {tag}"))
                .price(price(1900 + i64::from(i) * 100))
                .tags(format!("quickstart,{tag}"))
                .build(),
        )?;
        ids.push(product.id.clone());
    }
    println!("products: created {} ({} ... {})", ids.len(), ids[0], ids[ids.len() - 1]);
    let mine = ProductFilters::builder().q(tag.to_owned()).build();
    for page_number in 1.. {
        let page =
            client.products().list(&ListParams::with_filters(mine.clone()).page(page_number).page_size(PAGE_SIZE))?;
        let titles: Vec<&str> = page.items.iter().map(|p| p.title.as_str()).collect();
        println!(
            "products: page {}/{} of {} items: {}",
            page.current_page,
            page.num_pages,
            page.count,
            titles.join(", ")
        );
        if !page.has_next() {
            break;
        }
    }
    let walked = client.products().iter_all(&ListParams::with_filters(mine)).count();
    println!("products: iter_all walked {walked} products");

    // Active Record: change a field and save; only that field is sent.
    let mut product = client.products().get(&ids[0])?;
    product.title = format!("Quickstart Tee (renamed) {tag}");
    product.status = ProductStatus::Active;
    println!("product {}: changed {:?}", product.id, product.dirty_fields());
    product.save()?;
    product.reload()?;
    println!("product {}: saved, now {:?} ({})", product.id, product.title, product.status);

    // Upload an image from bytes in memory.
    let image = client.images().create(
        ImageCreate::builder()
            .name(format!("Quickstart pixel {tag}"))
            .image(FileInput::bytes(PIXEL_PNG.to_vec()).with_name("pixel.png"))
            .alt_text("A single pixel")
            .build(),
    )?;
    println!(
        "image {}: {} bytes of {} at {}",
        image.id,
        image.size,
        image.mime_type,
        image.asset_url.as_deref().unwrap_or("-")
    );

    // Marketing: an audience, a contact in it, a campaign to it.
    let audience =
        client.audiences().create(AudienceCreate::builder().name(format!("Quickstart {tag}")).tags([tag]).build())?;
    let contact = client.contacts().create(
        ContactCreate::builder()
            .email(format!("quickstart+{tag}@example.com"))
            .first_name("Ada")
            .last_name("Lovelace")
            .tags([tag])
            .build(),
    )?;
    println!("audience {} ({}), contact {} <{}>", audience.id, audience.code, contact.id, contact.email);
    let campaign = client
        .campaigns()
        .create(CampaignCreate::builder().name(format!("Quickstart {tag}")).audience(audience.id.clone()).build())?;
    println!("campaign {}: {}", campaign.id, campaign.status);
    match client.campaigns().start(&campaign.id) {
        Ok(started) => println!(
            "campaign {}: {}, sending to {} contact(s)",
            started.id,
            started.status,
            started.execution.as_ref().map_or(0, |e| e.total_contacts)
        ),
        Err(e) => println!("campaign {}: could not start: {}", campaign.id, explain(&e)),
    }

    // Typed errors.
    match client.products().get("does-not-exist") {
        Err(e) => println!("get missing product -> {}", explain(&e)),
        Ok(p) => println!("unexpected product {}", p.id),
    }
    match client.contacts().create(ContactCreate::builder().email(contact.email.clone()).build()) {
        Err(e) => println!("duplicate contact -> {}", explain(&e)),
        Ok(c) => println!("unexpected contact {}", c.id),
    }
    match client.contacts().create(ContactCreate::builder().email("not-an-email").build()) {
        Err(e) => println!("malformed email -> {}", explain(&e)),
        Ok(c) => println!("unexpected contact {}", c.id),
    }

    // Clean up: delete everything the walk created.
    let _ = client.campaigns().cancel(&campaign.id);
    client.campaigns().delete(&campaign.id)?;
    client.contacts().delete(&contact.id)?;
    client.audiences().delete(&audience.id)?;
    client.images().delete(&image.id)?;
    for id in &ids {
        client.products().delete(id)?;
    }
    match client.products().get(&ids[0]) {
        Err(Error::NotFound(_)) => {
            println!("deleted: {} products, the image, the campaign, contact and audience", ids.len())
        }
        other => println!("product {} still there: {other:?}", ids[0]),
    }
    Ok(())
}

/// The same walk with the async client `konigle`: the same calls, awaited.
async fn async_walk(client: konigle::Client, tag: &str) -> konigle_core::Result<()> {
    println!("\n== Async client (konigle) ==");

    let mut ids = Vec::new();
    for i in 1..=PRODUCTS {
        let product = client
            .products()
            .create(
                ProductCreate::builder()
                    .title(format!("Quickstart Tee {i} {tag}"))
                    .price(price(1900 + i64::from(i) * 100))
                    .tags(format!("quickstart,{tag}"))
                    .build(),
            )
            .await?;
        ids.push(product.id.clone());
    }
    println!("products: created {} ({} ... {})", ids.len(), ids[0], ids[ids.len() - 1]);
    let mine = ProductFilters::builder().q(tag.to_owned()).build();
    let first = client.products().list(&ListParams::with_filters(mine.clone()).page_size(PAGE_SIZE)).await?;
    println!("products: {} items on {} pages of {PAGE_SIZE}", first.count, first.num_pages);
    // iter_all is a Stream: it fetches the next page when the current one is used up.
    let all: Vec<_> =
        client.products().iter_all(&ListParams::with_filters(mine).page_size(PAGE_SIZE)).try_collect().await?;
    let titles: Vec<&str> = all.iter().map(|p| p.title.as_str()).collect();
    println!("products: iter_all streamed {}: {}", all.len(), titles.join(", "));

    let mut product = client.products().get(&ids[0]).await?;
    product.title = format!("Quickstart Tee (renamed) {tag}");
    println!("product {}: changed {:?}", product.id, product.dirty_fields());
    product.save().await?;
    println!("product {}: saved, dirty again: {}", product.id, product.is_dirty());

    let image = client
        .images()
        .create(
            ImageCreate::builder()
                .name(format!("Quickstart pixel {tag}"))
                .image(FileInput::bytes(PIXEL_PNG.to_vec()).with_name("pixel.png"))
                .build(),
        )
        .await?;
    println!("image {}: {} bytes of {}", image.id, image.size, image.mime_type);

    let audience = client
        .audiences()
        .create(AudienceCreate::builder().name(format!("Quickstart {tag}")).tags([tag]).build())
        .await?;
    let contact = client
        .contacts()
        .create(ContactCreate::builder().email(format!("quickstart+{tag}@example.com")).tags([tag]).build())
        .await?;
    let campaign = client
        .campaigns()
        .create(CampaignCreate::builder().name(format!("Quickstart {tag}")).audience(audience.id.clone()).build())
        .await?;
    match client.campaigns().start(&campaign.id).await {
        Ok(started) => println!("campaign {}: {} for audience {}", started.id, started.status, audience.code),
        Err(e) => println!("campaign {}: could not start: {}", campaign.id, explain(&e)),
    }
    match client.campaigns().start(&campaign.id).await {
        Err(e) => println!("start it again -> {}", explain(&e)),
        Ok(c) => println!("campaign {} started twice: {}", c.id, c.status),
    }

    match client.audiences().get("does-not-exist").await {
        Err(e) => println!("get missing audience -> {}", explain(&e)),
        Ok(a) => println!("unexpected audience {}", a.id),
    }

    let _ = client.campaigns().cancel(&campaign.id).await;
    client.campaigns().delete(&campaign.id).await?;
    client.contacts().delete(&contact.id).await?;
    client.audiences().delete(&audience.id).await?;
    client.images().delete(&image.id).await?;
    for id in &ids {
        client.products().delete(id).await?;
    }
    println!("deleted: {} products, the image, the campaign, contact and audience", ids.len());
    Ok(())
}

pub fn main() -> ExitCode {
    let live = std::env::args().skip(1).any(|a| a == "--live");
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);

    // The mock (or nothing, live) and the configuration both clients share.
    let (server, config) = if live {
        match Config::from_env() {
            Ok(config) => {
                println!("Konigle SDK quickstart, live against {}", config.base_url());
                (None, config)
            }
            Err(e) => {
                eprintln!("--live needs KONIGLE_API_KEY (and optionally KONIGLE_BASE_URL): {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let server = MockServer::start_blocking();
        let config = server.config_builder().build();
        match config {
            Ok(config) => {
                println!("Konigle SDK quickstart, against the built-in mock server at {}", server.base_url());
                (Some(server), config)
            }
            Err(e) => {
                eprintln!("cannot configure the client: {e}");
                return ExitCode::FAILURE;
            }
        }
    };

    let blocking = konigle_blocking::Client::new(config.clone()).and_then(|c| blocking_walk(c, &format!("qs{stamp}b")));
    if let Err(e) = blocking {
        eprintln!("blocking walk stopped: {}", explain(&e));
        return ExitCode::FAILURE;
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start a tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let walked = runtime.block_on(async {
        let client = konigle::Client::new(config)?;
        async_walk(client, &format!("qs{stamp}a")).await
    });
    if let Err(e) = walked {
        eprintln!("async walk stopped: {}", explain(&e));
        return ExitCode::FAILURE;
    }

    if let Some(server) = server {
        println!("\nThe mock server answered {} requests; it stops now.", server.requests().len());
    }
    println!("Done.");
    ExitCode::SUCCESS
}
