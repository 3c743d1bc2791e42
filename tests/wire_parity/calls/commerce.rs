//! Wire scenarios of products, product variants and product images, written
//! once for both facades.

use super::*;
use konigle_core::filters::{
    ProductFilters, ProductImageFilters, ProductImageOrdering, ProductOrdering, ProductVariantFilters,
    ProductVariantOrdering,
};
use konigle_core::models::{
    InventoryPolicy, Product, ProductCreate, ProductImageCreate, ProductImageUpdate, ProductOption, ProductStatus,
    ProductUpdate, ProductVariant, ProductVariantChange, ProductVariantCreate, ProductVariantUpdate, Related, SeoMeta,
};

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    ("products.create.unknown_field", "payloads are structs: an unknown field does not compile"),
    ("products.list.filters_and_kwargs", "filters are one typed struct; there are no separate keyword filters to mix"),
    ("products.list.unknown_filter", "filters are typed: an unknown filter name does not compile"),
    (
        "product_variants.create",
        "variants are created through their product (ProductCreate/ProductUpdate variants): the variant manager has no create",
    ),
    (
        "product_variants.create.model",
        "variants are created through their product (ProductCreate/ProductUpdate variants): the variant manager has no create",
    ),
    ("product_images.create.missing_file", "the file is a required member of the ProductImageCreate builder"),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[];

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00\x00\x00\x00\x00oracle-png";
const JPG: &[u8] = b"\xff\xd8\xff\xe0oracle-jpg";
const GIF: &[u8] = b"GIF89aoracle-gif";
const WEBP: &[u8] = b"RIFF\x10\x00\x00\x00WEBPVP8 oracle-webp";

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn image_type(p: &Product) -> &'static str {
    match &p.image {
        Some(Related::Loaded(_)) => "ProductImageReference",
        Some(Related::Id(_)) => "str",
        None => "NoneType",
    }
}

fn full_product() -> ProductCreate {
    ProductCreate::builder()
        .title("Classic Tee")
        .handle("classic-tee")
        .status(ProductStatus::Active)
        .product_type("Apparel")
        .vendor("Acme")
        .tags("cotton, summer")
        .price(d("19.99"))
        .original_price(d("29.90"))
        .currency("USD")
        .content(json!({"time": 1709287200000u64, "blocks": [
            {"id": "b1", "type": "header", "data": {"text": "Soft cotton", "level": 2}},
            {"id": "b2", "type": "paragraph", "data": {"text": "Made from 100% organic cotton."}},
        ], "version": "2.28.2"}))
        .options([
            ProductOption::builder().name("Size").values(["S", "M", "L"]).build(),
            ProductOption::builder().name("Color").values(["Red", "Blue"]).build(),
        ])
        .seo_meta(
            SeoMeta::builder()
                .title("Classic Tee | Acme")
                .description("A soft organic cotton tee.")
                .keywords("tee,cotton,organic")
                .og_title("Classic Tee")
                .og_description("Soft organic cotton tee")
                .og_image("https://cdn.example.com/og/classic-tee.png")
                .build(),
        )
        .variants([
            ProductVariantCreate::builder()
                .price(d("19.99"))
                .title("S / Red")
                .compare_at_price(d("29.90"))
                .cost(d("7.25"))
                .currency("USD")
                .barcode("0123456789012")
                .sku("TEE-S-RED")
                .option1("S")
                .option2("Red")
                .option3("Cotton")
                .position(1)
                .weight(0.2)
                .weight_unit("kg")
                .grams(200)
                .taxable(false)
                .inventory_policy(InventoryPolicy::Continue)
                .inventory_quantity(12)
                .content(json!({"blocks": [{"id": "v1", "type": "paragraph", "data": {"text": "Red one"}}]}))
                .seo_meta(SeoMeta::builder().title("Red tee").description("Red S tee").build())
                .image("img_01")
                .build(),
            ProductVariantCreate::builder().price(d("21.50")).option1("M").option2("Blue").build(),
        ])
        .build()
}

fn product_filters_all(status: ProductStatus, ordering: ProductOrdering) -> ProductFilters {
    ProductFilters::builder()
        .q("tee")
        .status(status)
        .product_type("Apparel")
        .vendor("Acme")
        .handle("classic-tee")
        .ordering(ordering)
        .build()
}

fn variant_filters_all(ordering: ProductVariantOrdering) -> ProductVariantFilters {
    ProductVariantFilters::builder()
        .q("red")
        .product_id("prod_01")
        .handle("classic-tee-s-red")
        .product_handle("classic-tee")
        .sku("TEE-S-RED")
        .ordering(ordering)
        .build()
}

fn variant_of(product: &str) -> ProductVariantFilters {
    ProductVariantFilters::builder().product_id(product).build()
}

fn variant_summary(v: &ProductVariant) -> String {
    v.to_string()
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    if let Some(o) = products(name, c).await {
        return Some(o);
    }
    if let Some(o) = variants(name, c).await {
        return Some(o);
    }
    images(name, c, ctx).await
}

#[facade]
async fn products(name: &str, c: &Client) -> Option<Outcome> {
    let products = c.products();
    Some(match name {
        "products.active_record.delete" => match products.get("prod_01").await {
            Ok(p) => unit(p.delete().await),
            Err(e) => Err(e),
        },
        "products.active_record.load_detail" => {
            let page = match products.list(&ListParams::new().page_size(1)).await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            let Some(mut p) = page.items.into_iter().next() else { return Some(Ok(Value::Null)) };
            let before = p.is_detail_loaded();
            if let Err(e) = p.load_detail().await {
                return Some(Err(e));
            }
            let after = p.is_detail_loaded();
            if let Err(e) = p.load_detail().await {
                return Some(Err(e));
            }
            Ok(json!({"before": before, "after": after, "product": val(&p)}))
        }
        "products.active_record.reload" => {
            let mut p = match products.get("prod_01").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            p.title = "local change".into();
            if let Err(e) = p.reload().await {
                return Some(Err(e));
            }
            Ok(json!({"dirty": val(&p.dirty_fields()), "product": val(&p)}))
        }
        "products.active_record.save" => {
            let mut p = match products.get("prod_01").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            p.title = "Classic Tee (2024)".into();
            p.status = ProductStatus::Draft;
            p.price = Some(d("17.50"));
            p.vendor = "Acme".into();
            let dirty = p.dirty_fields();
            if let Err(e) = p.save().await {
                return Some(Err(e));
            }
            Ok(json!({"dirty_before": val(&dirty), "dirty_after": val(&p.dirty_fields()), "product": val(&p)}))
        }
        "products.active_record.save_nested" => {
            let mut p = match products.get("prod_01").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            p.seo_meta = Some(SeoMeta::builder().title("New SEO title").build());
            p.options = vec![ProductOption::builder().name("Size").values(["XL"]).build()];
            if let Err(e) = p.save().await {
                return Some(Err(e));
            }
            Ok(val(&p))
        }
        "products.active_record.save_noop" => {
            let mut p = match products.get("prod_01").await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            if let Err(e) = p.save().await {
                return Some(Err(e));
            }
            Ok(json!({"is_dirty": p.is_dirty(), "product": val(&p)}))
        }
        "products.create.dict" => {
            // Fields set to None are left out, as the reference's dict payload leaves them out.
            let mut data = ProductCreate::builder()
                .title("Mug")
                .tags("kitchen")
                .options([ProductOption::builder().name("Size").values(["11oz"]).build()])
                .build();
            data.content = None;
            data.product_type = None;
            data.vendor = None;
            data.seo_meta = None;
            data.variants = None;
            ok(products.create(data).await)
        }
        "products.create.full" => ok(products.create(full_product()).await),
        "products.create.invalid_price" => {
            ok(products.create(ProductCreate::builder().title("Mug").price(d("9.999")).build()).await)
        }
        "products.create.minimal" => ok(products.create(ProductCreate::builder().title("Mug").build()).await),
        "products.delete" => unit(products.delete("prod_01").await),
        "products.get.image_id" => match products.get("prod_01").await {
            Ok(p) => Ok(json!({"product": val(&p), "image_type": image_type(&p)})),
            Err(e) => Err(e),
        },
        "products.get" => match products.get("prod_01").await {
            Ok(p) => Ok(json!({
                "product": val(&p),
                "id": p.id,
                "is_detail_loaded": p.is_detail_loaded(),
                "image_type": image_type(&p),
                "str": p.to_string(),
            })),
            Err(e) => Err(e),
        },
        "products.get.not_found" => ok(products.get("missing").await),
        "products.is_foreign_key_loaded.invalid" => match products.get("prod_01").await {
            Ok(p) => p.is_foreign_key_loaded("image").map(Value::Bool),
            Err(e) => Err(e),
        },
        "products.iter_all.filters" => {
            let f = ProductFilters::builder().vendor("Acme").ordering(ProductOrdering::StatusDesc).build();
            ok(collect(products.iter_all(&ListParams::with_filters(f))).await)
        }
        "products.iter_all" => {
            let f = ProductFilters::builder().status(ProductStatus::Active).build();
            ok(collect(products.iter_all(&ListParams::with_filters(f).page_size(2))).await)
        }
        "products.list.defaults" => ok(products.list(&ListParams::new()).await),
        "products.list.filters" => {
            let f = product_filters_all(ProductStatus::Active, ProductOrdering::TitleDesc);
            ok(products.list(&ListParams::with_filters(f).page(1).page_size(10)).await)
        }
        "products.list" => ok(products.list(&ListParams::new().page(2).page_size(5)).await),
        "products.list.kwargs" => {
            let f = product_filters_all(ProductStatus::Draft, ProductOrdering::Vendor);
            ok(products.list(&ListParams::with_filters(f)).await)
        }
        "products.list.page_size_too_large" => ok(products.list(&ListParams::new().page_size(201)).await),
        "products.update.dict" => {
            let data = ProductUpdate::builder().title("Renamed").status(ProductStatus::Draft).price(d("15.5")).build();
            ok(products.update("prod_01", data).await)
        }
        "products.update.model" => {
            let data = ProductUpdate::builder()
                .title("Classic Tee v2")
                .handle("classic-tee-v2")
                .content(json!({"blocks": [{"id": "b1", "type": "header", "data": {"text": "New", "level": 3}}]}))
                .product_type("Tops")
                .status(ProductStatus::Archived)
                .vendor("Acme Ltd")
                .tags("cotton")
                .currency("EUR")
                .options([ProductOption::builder().name("Size").values(["S", "M"]).build()])
                .seo_meta(SeoMeta::builder().title("Tee v2").keywords("tee").build())
                .image("img_02")
                .variants([
                    ProductVariantChange::from(ProductVariantUpdate::builder().sku("TEE-S").price(d("18.00")).build()),
                    ProductVariantChange::from(ProductVariantCreate::builder().price(d("20")).option1("M").build()),
                ])
                .price(d("18.00"))
                .original_price(d("25.5"))
                .build();
            ok(products.update("prod_01", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn variants(name: &str, c: &Client) -> Option<Outcome> {
    let variants = c.product_variants();
    Some(match name {
        "product_variants.active_record.load_detail" => {
            let page = match variants.list(&ListParams::with_filters(variant_of("prod_01"))).await {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            let Some(mut v) = page.items.into_iter().next() else { return Some(Ok(Value::Null)) };
            let before = json!({
                "detail": v.is_detail_loaded(),
                "product": v.is_foreign_key_loaded("product").unwrap_or_default(),
            });
            if let Err(e) = v.load_detail().await {
                return Some(Err(e));
            }
            let after = json!({
                "detail": v.is_detail_loaded(),
                "product": v.is_foreign_key_loaded("product").unwrap_or_default(),
                "image": v.is_foreign_key_loaded("image").unwrap_or_default(),
            });
            Ok(json!({"before": before, "after": after, "variant": val(&v)}))
        }
        "product_variants.active_record.reload_delete" => {
            let mut v = match variants.get("var_01").await {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            v.sku = Some("LOCAL".into());
            if let Err(e) = v.reload().await {
                return Some(Err(e));
            }
            let sku = v.sku.clone();
            match v.delete().await {
                Ok(()) => Ok(json!({"sku": sku, "deleted": true})),
                Err(e) => Err(e),
            }
        }
        "product_variants.active_record.save" => {
            let mut v = match variants.get("var_01").await {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            v.price = d("15.00");
            v.inventory_quantity = 0;
            if let Err(e) = v.save().await {
                return Some(Err(e));
            }
            Ok(json!({"dirty_after": val(&v.dirty_fields()), "variant": val(&v)}))
        }
        "product_variants.delete" => unit(variants.delete("var_01").await),
        "product_variants.get.ids" => match variants.get("var_01").await {
            Ok(v) => Ok(json!({
                "variant": val(&v),
                "str": variant_summary(&v),
                "product_loaded": v.is_foreign_key_loaded("product").unwrap_or_default(),
                "image_loaded": v.is_foreign_key_loaded("image").unwrap_or_default(),
            })),
            Err(e) => Err(e),
        },
        "product_variants.get" => match variants.get("var_01").await {
            Ok(v) => Ok(json!({
                "variant": val(&v),
                "id": v.id,
                "str": variant_summary(&v),
                "product_loaded": v.is_foreign_key_loaded("product").unwrap_or_default(),
                "image_loaded": v.is_foreign_key_loaded("image").unwrap_or_default(),
                "is_detail_loaded": v.is_detail_loaded(),
            })),
            Err(e) => Err(e),
        },
        "product_variants.get.no_image" => match variants.get("var_01").await {
            Ok(v) => Ok(json!({
                "variant": val(&v),
                "image_loaded": v.is_foreign_key_loaded("image").unwrap_or_default(),
            })),
            Err(e) => Err(e),
        },
        "product_variants.is_foreign_key_loaded.invalid" => match variants.get("var_01").await {
            Ok(v) => v.is_foreign_key_loaded("sku").map(Value::Bool),
            Err(e) => Err(e),
        },
        "product_variants.iter_all" => {
            ok(collect(variants.iter_all(&ListParams::with_filters(variant_of("prod_01")).page_size(1))).await)
        }
        "product_variants.list.bad_ordering" => {
            let f = ProductVariantFilters::builder().ordering("price".into()).build();
            ok(variants.list(&ListParams::with_filters(f)).await)
        }
        "product_variants.list.filters" => {
            let f = variant_filters_all(ProductVariantOrdering::CreatedAtDesc);
            ok(variants.list(&ListParams::with_filters(f)).await)
        }
        "product_variants.list" => ok(variants.list(&ListParams::new().page(3).page_size(50)).await),
        "product_variants.list.kwargs" => {
            let f = variant_filters_all(ProductVariantOrdering::Position);
            ok(variants.list(&ListParams::with_filters(f).page(1).page_size(200)).await)
        }
        "product_variants.update.dict" => {
            let data = ProductVariantUpdate::builder().price(d("12.5")).inventory_quantity(3).taxable(true).build();
            ok(variants.update("var_01", data).await)
        }
        "product_variants.update.invalid" => {
            ok(variants.update("var_01", ProductVariantUpdate::builder().inventory_quantity(-1).build()).await)
        }
        "product_variants.update.model" => {
            let data = ProductVariantUpdate::builder()
                .handle("classic-tee-s-red")
                .title("Small / Red")
                .barcode("0123456789012")
                .sku("TEE-S-RED-2")
                .price(d("18.75"))
                .cost(d("6.10"))
                .currency("USD")
                .compare_at_price(d("24.00"))
                .position(2)
                .weight(0.25)
                .weight_unit("kg")
                .grams(250)
                .taxable(false)
                .tax_code("P0000000")
                .inventory_policy(InventoryPolicy::Continue)
                .inventory_quantity(40)
                .content(json!({"blocks": [{"id": "c1", "type": "header", "data": {"text": "Hi", "level": 2}}]}))
                .seo_meta(
                    SeoMeta::builder()
                        .title("S Red")
                        .description("Small red tee")
                        .og_image("https://cdn.example.com/og.png")
                        .build(),
                )
                .image("img_02")
                .build();
            ok(variants.update("var_01", data).await)
        }
        _ => return None,
    })
}

#[facade]
async fn images(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    let images = c.product_images();
    Some(match name {
        "product_images.active_record.save" => {
            let mut img = match images.get("img_01").await {
                Ok(i) => i,
                Err(e) => return Some(Err(e)),
            };
            img.alt = "Updated alt".into();
            img.position = 5;
            if let Err(e) = img.save().await {
                return Some(Err(e));
            }
            let saved = val(&img);
            match img.delete().await {
                Ok(()) => Ok(json!({"image": saved, "deleted": true})),
                Err(e) => Err(e),
            }
        }
        "product_images.create.bad_extension" => {
            let path = ctx.file("notes.txt", b"not an image");
            ok(images.create(ProductImageCreate::builder().product("prod_01").file(path).build()).await)
        }
        "product_images.create.bad_tuple_extension" => ok(images
            .create(ProductImageCreate::builder().product("prod_01").file((b"abc".to_vec(), "doc.pdf")).build())
            .await),
        "product_images.create.from_bytes" => ok(images
            .create(ProductImageCreate::builder().product("prod_01").file(FileInput::bytes(PNG)).build())
            .await),
        "product_images.create.from_bytesio" => {
            let file = FileInput::reader(std::io::Cursor::new(GIF.to_vec()));
            ok(images
                .create(ProductImageCreate::builder().product("prod_01").file(file).variant_ids(["var_03"]).build())
                .await)
        }
        "product_images.create.from_path" => {
            let data = ProductImageCreate::builder()
                .product("prod_01")
                .file(ctx.file("front.png", PNG))
                .alt("Front view")
                .variant_ids(["var_01", "var_02"])
                .position(2)
                .src("https://cdn.example.com/source/front.png")
                .build();
            ok(images.create(data).await)
        }
        "product_images.create.from_tuple" => ok(images
            .create(
                ProductImageCreate::builder().product("prod_01").file((JPG.to_vec(), "side.jpg")).alt("Side").build(),
            )
            .await),
        "product_images.create.from_tuple_bytesio" => {
            let file = FileInput::reader(std::io::Cursor::new(WEBP.to_vec())).with_name("back.webp");
            ok(images.create(ProductImageCreate::builder().product("prod_01").file(file).position(3).build()).await)
        }
        "product_images.create.from_url" => {
            // The loopback download server stands in for cdn.example.com.
            let url = ctx.download_url("/images/hero.webp", WEBP, "image/webp");
            let data = ProductImageCreate::builder()
                .product("prod_01")
                .file(FileInput::url(url))
                .src("https://cdn.example.com/images/hero.webp")
                .build();
            match images.create(data).await {
                Ok(image) => {
                    let downloaded: Vec<String> =
                        ctx.downloaded().iter().map(|t| format!("https://cdn.example.com{t}")).collect();
                    Ok(json!({"downloaded": downloaded, "image": val(&image)}))
                }
                Err(e) => Err(e),
            }
        }
        "product_images.create.missing_path" => ok(images
            .create(
                ProductImageCreate::builder()
                    .product("prod_01")
                    .file(FileInput::path("/nonexistent/dir/x.png"))
                    .build(),
            )
            .await),
        "product_images.delete" => unit(images.delete("img_01").await),
        "product_images.get" => ok(images.get("img_01").await),
        "product_images.iter_all" => {
            let f = ProductImageFilters::builder().ordering(ProductImageOrdering::Position).build();
            ok(collect(images.iter_all(&ListParams::with_filters(f).page_size(1))).await)
        }
        "product_images.list.filters" => {
            let f = ProductImageFilters::builder()
                .product_id("prod_01")
                .ordering(ProductImageOrdering::PositionDesc)
                .build();
            ok(images.list(&ListParams::with_filters(f)).await)
        }
        "product_images.list" => ok(images.list(&ListParams::new().page(1).page_size(2)).await),
        "product_images.list.kwargs" => {
            let f =
                ProductImageFilters::builder().product_id("prod_01").ordering(ProductImageOrdering::UpdatedAt).build();
            ok(images.list(&ListParams::with_filters(f).page(2).page_size(10)).await)
        }
        "product_images.update.dict" => {
            let data = ProductImageUpdate::builder().alt("Detail").variant_ids(Vec::<String>::new()).build();
            ok(images.update("img_01", data).await)
        }
        "product_images.update.model" => {
            let data = ProductImageUpdate::builder().position(4).alt("Back view").variant_ids(["var_02"]).build();
            ok(images.update("img_01", data).await)
        }
        _ => return None,
    })
}
