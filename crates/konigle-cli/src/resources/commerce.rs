//! Products, product variants and product images.

use clap::Command;
use konigle_blocking::filters::{ProductFilters, ProductImageFilters, ProductVariantFilters};
use konigle_blocking::models::{
    ProductCreate, ProductImageCreate, ProductImageUpdate, ProductUpdate, ProductVariantChange, ProductVariantCreate,
    ProductVariantUpdate,
};
use konigle_blocking::spec::{ProductImages, ProductVariants, Products};
use konigle_blocking::{Client, Manager};
use konigle_core::models::Payload;
use konigle_core::resource::detail_request;
use konigle_core::Method;

use super::file_input;
use crate::app::{dry_run, dry_run_arg, to_json, Registry};
use crate::crud::{self, CliCreate, CliResource, CliUpdate};
use crate::error::CliResult;
use crate::opts::{self, Kind, Opt, Values};

const CONTENT: Opt = Opt::new("content", "content", Kind::Json, "Content as an EditorJS JSON document").short('c');
const CONTENT_FILE: Opt =
    Opt::new("content-file", "content", Kind::JsonFile, "Read the EditorJS content from this JSON file");

impl CliResource for Products {
    const GROUP: &'static [&'static str] = &["products"];
    const NOUN: &'static str = "product";
    const ID: &'static str = "PRODUCT_ID";
    const EXAMPLE_ID: &'static str = "prod_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "uid"),
        ("TITLE", "title"),
        ("HANDLE", "handle"),
        ("STATUS", "status"),
        ("PRICE", "price"),
        ("TYPE", "product_type"),
        ("VENDOR", "vendor"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in title, handle and tags").short('q'),
        Opt::text("status", "status", "Status: active, draft or archived"),
        Opt::text("product-type", "product_type", "Product type"),
        Opt::text("vendor", "vendor", "Vendor"),
        Opt::text("handle", "handle", "Handle"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.products()
    }
    fn filters(v: &Values) -> CliResult<ProductFilters> {
        let mut f = ProductFilters::default();
        f.q = v.get("q")?;
        f.status = v.get("status")?;
        f.product_type = v.get("product_type")?;
        f.vendor = v.get("vendor")?;
        f.handle = v.get("handle")?;
        Ok(f)
    }
}

impl CliCreate for Products {
    const CREATE: &'static [Opt] = &[
        Opt::text("title", "title", "Title").short('t').required(),
        Opt::text("handle", "handle", "URL handle (derived from the title when omitted)").short('h'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("status", "status", "Status: active, draft or archived").short('s'),
        Opt::text("product-type", "product_type", "Product type"),
        Opt::text("vendor", "vendor", "Vendor"),
        Opt::new("tags", "tags", Kind::CommaText, "Comma-separated tags"),
        Opt::new("price", "price", Kind::Dec, "Price of a single-variant product"),
        Opt::new("original-price", "original_price", Kind::Dec, "Price before discount"),
    ];
    fn create_payload(v: Values) -> CliResult<ProductCreate> {
        let mut p = ProductCreate::builder()
            .title(v.req::<String>("title")?)
            .maybe_status(v.get("status")?)
            .maybe_handle(v.get::<String>("handle")?)
            .maybe_price(v.get("price")?)
            .maybe_original_price(v.get("original_price")?)
            .build();
        // The content, type, vendor and tags are sent only when given.
        p.content = v.get("content")?;
        p.product_type = v.get("product_type")?;
        p.vendor = v.get("vendor")?;
        p.tags = v.get("tags")?;
        Ok(p)
    }
}

impl CliUpdate for Products {
    const UPDATE: &'static [Opt] = &[
        Opt::text("title", "title", "New title").short('t'),
        Opt::text("handle", "handle", "New URL handle").short('h'),
        CONTENT,
        CONTENT_FILE,
        Opt::text("status", "status", "New status: active, draft or archived").short('s'),
        Opt::text("product-type", "product_type", "New product type"),
        Opt::text("vendor", "vendor", "New vendor"),
        Opt::new("tags", "tags", Kind::CommaText, "New comma-separated tags"),
        Opt::text("currency", "currency", "New currency code"),
    ];
    fn update_payload(v: Values) -> CliResult<ProductUpdate> {
        v.into_payload()
    }
}

impl CliResource for ProductVariants {
    const GROUP: &'static [&'static str] = &["product-variants"];
    const NOUN: &'static str = "product variant";
    const ID: &'static str = "VARIANT_ID";
    const EXAMPLE_ID: &'static str = "var_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "uid"),
        ("TITLE", "title"),
        ("SKU", "sku"),
        ("PRICE", "price"),
        ("QUANTITY", "inventory_quantity"),
        ("POSITION", "position"),
    ];
    const FILTERS: &'static [Opt] = &[
        Opt::text("search", "q", "Search in title, SKU and barcode").short('q'),
        Opt::text("product-id", "product_id", "Only the variants of this product"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.product_variants()
    }
    fn filters(v: &Values) -> CliResult<ProductVariantFilters> {
        let mut f = ProductVariantFilters::default();
        f.q = v.get("q")?;
        f.product_id = v.get("product_id")?;
        Ok(f)
    }
}

/// Options a variant has both when created and when updated.
macro_rules! variant_opts {
    ($($extra:expr),* $(,)?) => {
        &[
            $($extra,)*
            Opt::text("title", "title", "Title").short('t'),
            Opt::new("price", "price", Kind::Dec, "Price"),
            Opt::text("sku", "sku", "Stock keeping unit"),
            Opt::text("barcode", "barcode", "Barcode or UPC"),
            Opt::new("compare-at-price", "compare_at_price", Kind::Dec, "Price before discount"),
            Opt::new("cost", "cost", Kind::Dec, "Cost of goods"),
            Opt::text("currency", "currency", "Currency code, e.g. USD"),
            Opt::new("position", "position", Kind::Int, "Display position"),
            Opt::new("weight", "weight", Kind::Float, "Weight for shipping"),
            Opt::text("weight-unit", "weight_unit", "Unit of the weight"),
            Opt::new("grams", "grams", Kind::Int, "Weight in grams"),
            Opt::new("taxable", "taxable", Kind::Toggle, "Whether the variant is taxable (--no-taxable: not)"),
            Opt::text("inventory-policy", "inventory_policy", "Inventory policy: deny or continue"),
            Opt::new("inventory-quantity", "inventory_quantity", Kind::Int, "Stock quantity"),
            Opt::text("image", "image", "Id of the variant's image"),
            CONTENT,
            CONTENT_FILE,
        ]
    };
}

const VARIANT_CREATE: &[Opt] = variant_opts![
    Opt::text("product", "", "Id of the product").short('p').required(),
    Opt::text("option1", "option1", "First option value, e.g. M"),
    Opt::text("option2", "option2", "Second option value, e.g. Blue"),
    Opt::text("option3", "option3", "Third option value"),
];

impl CliUpdate for ProductVariants {
    const UPDATE: &'static [Opt] = variant_opts![Opt::text("handle", "handle", "New URL handle").short('h')];
    fn update_payload(v: Values) -> CliResult<ProductVariantUpdate> {
        v.into_payload()
    }
}

/// `product-variants create`: variants are created through their product,
/// so this sends the product an update adding the variant.
fn variant_create(reg: &mut Registry) {
    let cmd = Command::new("create").about("Add a variant to a product").arg(dry_run_arg());
    let cmd = opts::add_all(cmd, VARIANT_CREATE);
    reg.add(
        &["product-variants", "create"],
        cmd,
        "konigle product-variants create -p prod_1 --price 19.99 --option1 M",
        |m, ctx| {
            let product = m.get_one::<String>("product").cloned().unwrap_or_default();
            let v = opts::collect(VARIANT_CREATE, m)?;
            let mut variant = ProductVariantCreate::builder()
                .price(v.req("price")?)
                .maybe_title(v.get::<String>("title")?)
                .maybe_barcode(v.get::<String>("barcode")?)
                .maybe_sku(v.get::<String>("sku")?)
                .maybe_compare_at_price(v.get("compare_at_price")?)
                .maybe_cost(v.get("cost")?)
                .maybe_currency(v.get::<String>("currency")?)
                .maybe_option1(v.get::<String>("option1")?)
                .maybe_option2(v.get::<String>("option2")?)
                .maybe_option3(v.get::<String>("option3")?)
                .maybe_weight(v.get("weight")?)
                .maybe_weight_unit(v.get::<String>("weight_unit")?)
                .maybe_grams(v.get("grams")?)
                .maybe_inventory_policy(v.get("inventory_policy")?)
                .maybe_inventory_quantity(v.get("inventory_quantity")?)
                .maybe_image(v.get::<String>("image")?)
                .build();
            // The content, position and taxable flag are sent only when given.
            variant.content = v.get("content")?;
            variant.position = v.get("position")?;
            variant.taxable = v.get("taxable")?;
            let data = ProductUpdate::builder().variants([ProductVariantChange::Create(variant)]).build();
            if dry_run(m) {
                let req = detail_request::<konigle_blocking::models::Product>(Method::Patch, &product)?
                    .body(data.into_body()?);
                return ctx.describe(&req);
            }
            let updated = ctx.client()?.products().update(&product, data)?;
            ctx.out.say(format!("Added a variant to product {product}"));
            ctx.out.print_one(&to_json(&updated)?)
        },
    );
}

impl CliResource for ProductImages {
    const GROUP: &'static [&'static str] = &["product-images"];
    const NOUN: &'static str = "product image";
    const ID: &'static str = "IMAGE_ID";
    const EXAMPLE_ID: &'static str = "pimg_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "uid"),
        ("PRODUCT", "product"),
        ("ALT", "alt"),
        ("POSITION", "position"),
        ("VARIANTS", "variant_ids"),
        ("URL", "url"),
    ];
    const FILTERS: &'static [Opt] = &[Opt::text("product-id", "product_id", "Only the images of this product")];
    fn manager(c: &Client) -> Manager<Self> {
        c.product_images()
    }
    fn filters(v: &Values) -> CliResult<ProductImageFilters> {
        let mut f = ProductImageFilters::default();
        f.product_id = v.get("product_id")?;
        Ok(f)
    }
}

impl CliCreate for ProductImages {
    const FILE_FIELD: Option<&'static str> = Some("file");
    const CREATE: &'static [Opt] = &[
        Opt::text("product", "product", "Id of the product").short('p').required(),
        Opt::text("file", "file", "Path or https:// URL of the image").short('f').required(),
        Opt::text("alt", "alt", "Alt text").short('a'),
        Opt::new("position", "position", Kind::Int, "Display position"),
        Opt::new("variant-ids", "variant_ids", Kind::List, "Comma-separated ids of the variants it shows"),
    ];
    fn create_payload(v: Values) -> CliResult<ProductImageCreate> {
        let mut data = ProductImageCreate::builder()
            .product(v.req::<String>("product")?)
            .file(file_input(&v.req::<String>("file")?))
            .build();
        // The alt text, position and variants are sent only when given.
        data.alt = v.get("alt")?;
        data.position = v.get("position")?;
        data.variant_ids = v.get("variant_ids")?;
        Ok(data)
    }
}

impl CliUpdate for ProductImages {
    const UPDATE: &'static [Opt] = &[
        Opt::text("alt", "alt", "New alt text").short('a'),
        Opt::new("position", "position", Kind::Int, "New display position"),
        Opt::new("variant-ids", "variant_ids", Kind::List, "New comma-separated variant ids"),
    ];
    fn update_payload(v: Values) -> CliResult<ProductImageUpdate> {
        v.into_payload()
    }
}

/// Registers products, product variants and product images.
pub fn register(reg: &mut Registry) {
    reg.group(&["products"], "Products with options, variants, images and SEO");
    crud::create::<Products>(reg, "--title \"Classic Tee\" --price 19.99 --status active");
    crud::read_update_delete::<Products>(reg, "--status archived");

    reg.group(&["product-variants"], "Product variants");
    variant_create(reg);
    crud::read_update_delete::<ProductVariants>(reg, "--price 18.50 --inventory-quantity 40");

    reg.group(&["product-images"], "Product images");
    crud::create::<ProductImages>(reg, "--product prod_1 --file front.png --alt \"Front view\"");
    crud::read_update_delete::<ProductImages>(reg, "--position 2");
}
