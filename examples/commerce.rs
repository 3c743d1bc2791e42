//! Commerce with the blocking client: products with options and variants,
//! prices as `Decimal`, filtered lists, variant updates, product images
//! uploaded from bytes, partial list items and deletion.
//!
//! ```text
//! cargo run --example commerce
//! ```
//!
//! Everything runs against `konigle-mock`, a stateful stand-in server
//! started on a loopback port: nothing leaves the machine.

use std::process::ExitCode;

use konigle_blocking::filters::{ProductFilters, ProductOrdering, ProductVariantFilters};
use konigle_blocking::models::{
    ProductCreate, ProductImageCreate, ProductOption, ProductStatus, ProductUpdate, ProductVariantCreate,
    ProductVariantUpdate, SeoMeta,
};
use konigle_blocking::{Client, Error, FileInput, ListParams};
use konigle_core::Decimal;
use konigle_mock::MockServer;

/// A 1x1 PNG: the product photo the walk uploads.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// An amount in cents as a `Decimal` with two places (`1999` is `19.99`).
fn usd(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn walk(client: &Client) -> konigle_blocking::Result<()> {
    // A product with two options and one variant per combination.
    let sizes = ["S", "M"];
    let colors = ["Navy", "Sand"];
    let mut variants = Vec::new();
    for (i, size) in sizes.iter().enumerate() {
        for color in colors {
            let sku = format!("TEE-{size}-{}", color.to_uppercase());
            // Larger sizes cost a little more.
            variants.push(
                ProductVariantCreate::builder()
                    .price(usd(2400 + 200 * i as i64))
                    .option1(*size)
                    .option2(color)
                    .sku(sku)
                    .inventory_quantity(25)
                    .build(),
            );
        }
    }
    let tee = client.products().create(
        ProductCreate::builder()
            .title("Organic Tee")
            .status(ProductStatus::Active)
            .vendor("Acme")
            .product_type("Apparel")
            .tags("cotton,summer")
            .currency("USD")
            .options([
                ProductOption::builder().name("Size").values(sizes).build(),
                ProductOption::builder().name("Color").values(colors).build(),
            ])
            .variants(variants)
            .seo_meta(SeoMeta::builder().title("Organic Tee | Acme").description("A soft organic cotton tee.").build())
            .build(),
    )?;
    println!("product {}: {:?} ({}), handle {:?}", tee.id, tee.title, tee.status, tee.handle);
    let options: Vec<String> = tee.options.iter().map(|o| format!("{} = {}", o.name, o.values.join("/"))).collect();
    println!("  options: {}; has variants: {}", options.join(", "), tee.has_variants);

    // Two more products, so the filters have something to tell apart.
    let mug = client.products().create(
        ProductCreate::builder()
            .title("Enamel Mug")
            .status(ProductStatus::Active)
            .vendor("Acme")
            .price(usd(1250))
            .currency("USD")
            .build(),
    )?;
    let cap = client.products().create(
        ProductCreate::builder().title("Canvas Cap").vendor("Globex").price(usd(1800)).currency("USD").build(),
    )?;
    println!("products: also created {} ({}) and {} ({})", mug.title, mug.id, cap.title, cap.id);

    // List with filters: Acme's active products, Z to A.
    let acme_active = ProductFilters::builder()
        .vendor("Acme")
        .status(ProductStatus::Active)
        .ordering(ProductOrdering::TitleDesc)
        .build();
    let page = client.products().list(&ListParams::with_filters(acme_active).page_size(10))?;
    println!("list vendor=Acme status=active ordering=-title: {} of {} product(s)", page.items.len(), page.count);
    for product in &page.items {
        let price = product.price.map_or_else(|| "per variant".to_owned(), |p| format!("{p} USD"));
        println!("  - {} [{}] {price}", product.title, product.status);
    }

    // List items are partial: detail-only fields arrive with load_detail.
    let mut item = page.items.into_iter().find(|p| p.id == tee.id).ok_or_else(|| missing("the tee in the list"))?;
    println!(
        "list item {}: detail loaded {}, seo_meta {:?}",
        item.id,
        item.is_detail_loaded(),
        item.seo_meta.is_some()
    );
    item.load_detail()?;
    let seo_title = item.seo_meta.as_ref().and_then(|m| m.title.clone()).unwrap_or_default();
    println!("after load_detail: detail loaded {}, SEO title {seo_title:?}", item.is_detail_loaded());

    // The tee's variants: list items carry the product as a bare id.
    let of_tee = ProductVariantFilters::builder().product_id(tee.id.clone()).build();
    let variants = client.product_variants().list(&ListParams::with_filters(of_tee))?;
    println!("variants of {}: {}", tee.id, variants.count);
    for v in &variants.items {
        println!(
            "  - {} sku {} at {} USD, {} in stock",
            v.title,
            v.sku.as_deref().unwrap_or("-"),
            v.price,
            v.inventory_quantity
        );
    }
    let mut first = variants.items.into_iter().next().ok_or_else(|| missing("a variant"))?;
    println!(
        "variant {} from the list: product {} loaded as object: {}",
        first.id,
        first.product.id(),
        first.is_foreign_key_loaded("product")?
    );
    first.load_detail()?;
    let product_title = first.product.loaded().map_or("-", |p| p.title.as_str());
    println!(
        "after load_detail: product loaded as object: {} (title {product_title:?})",
        first.is_foreign_key_loaded("product")?
    );

    // A price cut and a restock on one variant, through the manager.
    let updated = client.product_variants().update(
        &first.id,
        ProductVariantUpdate::builder().price(usd(1999)).compare_at_price(usd(2400)).inventory_quantity(40).build(),
    )?;
    println!(
        "variant {} updated: {} USD (was {} USD), {} in stock",
        updated.id,
        updated.price,
        updated.compare_at_price.map_or_else(|| "-".to_owned(), |p| p.to_string()),
        updated.inventory_quantity
    );
    // Client-side validation: a negative price is refused before sending.
    match client.product_variants().update(&first.id, ProductVariantUpdate::builder().price(usd(-100)).build()) {
        Err(e) if e.is_client_side() => println!("negative price refused before sending: {e}"),
        other => println!("unexpected answer to a negative price: {other:?}"),
    }

    // A product image from bytes in memory, shown by that variant.
    let image = client.product_images().create(
        ProductImageCreate::builder()
            .product(tee.id.clone())
            .file(FileInput::bytes(PIXEL_PNG.to_vec()).with_name("tee-front.png"))
            .alt("Organic Tee, front")
            .variant_ids([first.id.clone()])
            .build(),
    )?;
    println!(
        "product image {}: position {}, {}x{} px at {}",
        image.id,
        image.position,
        image.width.unwrap_or(0),
        image.height.unwrap_or(0),
        image.url.as_deref().unwrap_or("-")
    );
    let tee_now = client.products().get(&tee.id)?;
    println!("product {} main image: {}", tee_now.id, tee_now.image.as_ref().map_or("none", |i| i.id()));

    // Archive the cap with a manager update, then delete everything.
    let archived =
        client.products().update(&cap.id, ProductUpdate::builder().status(ProductStatus::Archived).build())?;
    println!("product {}: now {}", archived.id, archived.status);
    client.product_images().delete(&image.id)?;
    // A record can delete itself, too.
    archived.delete()?;
    for id in [&tee.id, &mug.id] {
        client.products().delete(id)?;
    }
    match client.products().get(&tee.id) {
        Err(Error::NotFound(_)) => println!("deleted: 3 products (their variants with them) and the image"),
        other => println!("product {} still there: {other:?}", tee.id),
    }
    let left = client.product_variants().list(&ListParams::new())?;
    println!("variants left: {}", left.count);
    Ok(())
}

/// The error for a result the walk expected but did not get.
fn missing(what: &str) -> Error {
    Error::invalid("example", format!("expected {what}"))
}

pub fn main() -> ExitCode {
    let server = MockServer::start_blocking();
    let config = server.config_builder().build();
    println!("Konigle SDK commerce example, against the mock server at {}", server.base_url());
    match config.and_then(Client::new).and_then(|client| walk(&client)) {
        Ok(()) => {
            println!("Done: the mock server answered {} requests.", server.requests().len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("commerce example stopped: {e}");
            ExitCode::FAILURE
        }
    }
}
