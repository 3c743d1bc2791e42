//! Written once, compiled for both facades.

use std::collections::BTreeSet;
use std::time::Duration;

use konigle_core::filters::{
    CampaignFilters, ContactFilters, DocumentFilters, ImageFilters, ProductFilters, ProductImageFilters,
    ProductVariantFilters, SpaceFilters,
};
use konigle_core::models::*;
use konigle_core::{Decimal, RetryConfig, Timestamp};
use konigle_mock::{collections, Fault, MockServer};
use serde_json::json;

use super::{collect, facade, server, Client, Error, FileInput, ListParams};

/// The first bytes of a 16x8 PNG: enough for the mock to read its size.
const PNG_16X8: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x08\x08\x02\x00\x00\x00";

fn client_with_key(server: &MockServer, key: &str) -> Client {
    let config = konigle_core::Config::builder(key.to_owned())
        .base_url(server.base_url())
        .forms_base_url(server.base_url())
        .retry(
            RetryConfig::standard()
                .with_max_retries(3)
                .with_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(50))
                .with_max_retry_after(Duration::from_secs(5)),
        )
        .timeout(Duration::from_secs(5))
        .build()
        .expect("config");
    Client::new(config).expect("client")
}

fn client(server: &MockServer) -> Client {
    client_with_key(server, server.api_key())
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn field_names(err: &Error) -> Vec<String> {
    err.api().map(|a| a.field_errors().into_iter().map(|(k, _)| k).collect()).unwrap_or_default()
}

#[facade]
pub async fn products_crud_pages_and_active_record() {
    let server = server().await;
    let c = client(&server);
    let products = c.products();
    for i in 1..=12 {
        let status = if i % 3 == 0 { ProductStatus::Active } else { ProductStatus::Draft };
        let vendor = if i % 2 == 0 { "Acme" } else { "Globex" };
        let p = products
            .create(
                ProductCreate::builder()
                    .title(format!("Tee {i:02}"))
                    .status(status)
                    .price(dec("19.9"))
                    .vendor(vendor)
                    .build(),
            )
            .await
            .expect("create");
        assert_eq!(
            (p.title.as_str(), p.handle.as_str()),
            (format!("Tee {i:02}").as_str(), format!("tee-{i:02}").as_str())
        );
        assert_eq!(p.price, Some(dec("19.90")));
        assert_eq!(p.published_at.is_some(), i % 3 == 0, "active products are published");
    }

    // Pagination computed from the data.
    let page = products.list(&ListParams::new().page(2).page_size(5)).await.expect("page 2");
    assert_eq!((page.count, page.num_pages, page.current_page), (12, 3, 2));
    assert!(page.has_next() && page.has_previous());
    let titles: Vec<&str> = page.items.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Tee 06", "Tee 07", "Tee 08", "Tee 09", "Tee 10"]);
    let last = products.list(&ListParams::new().page(3).page_size(5)).await.expect("page 3");
    assert_eq!((last.items.len(), last.has_next(), last.is_last()), (2, false, true));

    // Filters and ordering.
    let filters = ProductFilters::builder().status(ProductStatus::Active).vendor("Acme").build();
    let active = products.list(&ListParams::with_filters(filters)).await.expect("filtered");
    let handles: Vec<&str> = active.items.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, ["tee-06", "tee-12"]);
    let found =
        products.list(&ListParams::with_filters(ProductFilters::builder().q("tee-1").build())).await.expect("search");
    assert_eq!(found.count, 3, "handles tee-10, tee-11, tee-12");

    // Active Record: save sends only the changed field, reload sees it.
    let mut p = products.get("prod_1").await.expect("get");
    assert!(p.is_detail_loaded());
    p.title = "Tee 01 (2024)".into();
    assert_eq!(p.dirty_fields().into_iter().collect::<Vec<_>>(), ["title"]);
    p.save().await.expect("save");
    assert!(!p.is_dirty());
    let patch = server.requests().into_iter().rev().find(|r| r.method == "PATCH").expect("a PATCH");
    assert_eq!(
        (patch.path.as_str(), patch.body),
        ("/admin/api/products/prod_1", Some(json!({"title": "Tee 01 (2024)"})))
    );
    let mut again = products.get("prod_1").await.expect("get again");
    assert_eq!(again.title, "Tee 01 (2024)");
    let before = server.requests().len();
    again.save().await.expect("clean save");
    assert_eq!(server.requests().len(), before, "a clean save sends nothing");

    // Manager update; list items are partial until load_detail.
    let updated = products
        .update("prod_2", ProductUpdate::builder().status(ProductStatus::Active).tags("cotton, summer").build())
        .await
        .expect("update");
    assert_eq!(updated.status, ProductStatus::Active);
    assert_eq!(updated.djcom_tags, ["cotton", "summer"]);
    assert!(updated.published_at.is_some());
    let mut item = products.list(&ListParams::new().page_size(1)).await.expect("list").items.remove(0);
    assert!(item.seo_meta.is_none() && !item.is_detail_loaded());
    item.load_detail().await.expect("load detail");
    assert!(item.seo_meta.is_some() && item.is_detail_loaded());

    // Validation: the server's field errors, typed.
    let err = products
        .update("prod_3", ProductUpdate::builder().handle("tee-04").build())
        .await
        .expect_err("duplicate handle");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(field_names(&err), ["handle"]);

    // Delete, then 404.
    products.delete("prod_12").await.expect("delete");
    let r1 = products.get("prod_12").await;
    assert!(matches!(r1, Err(Error::NotFound(_))));
    let r2 = products.delete("prod_12").await;
    assert!(matches!(r2, Err(Error::NotFound(_))));
    let record = products.get("prod_11").await.expect("get");
    record.delete().await.expect("record delete");
    let r3 = products.list(&ListParams::new()).await;
    assert_eq!(r3.expect("list").count, 10);
}

#[facade]
pub async fn variants_and_product_images() {
    let server = server().await;
    let c = client(&server);
    let product = c
        .products()
        .create(
            ProductCreate::builder()
                .title("Classic Tee")
                .options(vec![ProductOption::builder().name("Size").values(["S", "M"]).build()])
                .variants(vec![
                    ProductVariantCreate::builder().price(dec("19.99")).title("S").option1("S").sku("TEE-S").build(),
                    ProductVariantCreate::builder().price(dec("21")).title("M").option1("M").sku("TEE-M").build(),
                ])
                .build(),
        )
        .await
        .expect("product with variants");
    assert!(product.has_variants);

    let variants = c.product_variants();
    let filters = ProductVariantFilters::builder().product_id(product.id.clone()).build();
    let page = variants.list(&ListParams::with_filters(filters)).await.expect("variants");
    assert_eq!(page.count, 2);
    let s = &page.items[0];
    assert_eq!((s.sku.as_deref(), s.price, s.handle.as_str()), (Some("TEE-S"), dec("19.99"), "classic-tee-s"));
    assert!(!s.is_foreign_key_loaded("product").expect("fk"), "list items carry the product id");
    let by_handle = ProductVariantFilters::builder().product_handle("classic-tee").sku("TEE-M").build();
    let m = variants.list(&ListParams::with_filters(by_handle)).await.expect("by handle").items.remove(0);

    let mut detail = variants.get(&m.id).await.expect("variant");
    assert!(detail.is_foreign_key_loaded("product").expect("fk"), "the detail embeds the product");
    assert_eq!(detail.product.id(), product.id);
    detail.price = dec("18.50");
    detail.inventory_quantity = 7;
    detail.save().await.expect("save variant");
    let reloaded = variants.get(&m.id).await.expect("reload");
    assert_eq!((reloaded.price, reloaded.inventory_quantity), (dec("18.50"), 7));
    let err = variants.update(&m.id, ProductVariantUpdate::builder().price(dec("-1")).build()).await;
    assert!(err.is_err(), "a negative price is refused");

    // Images: multipart upload from bytes, the product's main image.
    let images = c.product_images();
    let image = images
        .create(
            ProductImageCreate::builder()
                .product(product.id.clone())
                .file(FileInput::bytes(PNG_16X8.to_vec()).with_name("front.png"))
                .alt("Front")
                .variant_ids([s.id.clone()])
                .build(),
        )
        .await
        .expect("image");
    assert_eq!((image.width, image.height), (Some(16), Some(8)));
    assert_eq!(image.variant_ids, std::slice::from_ref(&s.id));
    assert!(image.url.as_deref().is_some_and(|u| u.starts_with(server.base_url())));
    let main = c.products().get(&product.id).await.expect("product");
    assert_eq!(main.image.as_ref().map(|i| i.id().to_owned()), Some(image.id.clone()));
    let err = images
        .create(
            ProductImageCreate::builder()
                .product("prod_404")
                .file(FileInput::bytes(PNG_16X8.to_vec()).with_name("x.png"))
                .build(),
        )
        .await
        .expect_err("unknown product");
    assert_eq!(field_names(&err), ["product"]);
    let moved =
        images.update(&image.id, ProductImageUpdate::builder().position(3).alt("Back").build()).await.expect("update");
    assert_eq!((moved.position, moved.alt.as_str()), (3, "Back"));
    let listed = images
        .list(&ListParams::with_filters(ProductImageFilters::builder().product_id(product.id.clone()).build()))
        .await
        .expect("images");
    assert_eq!(listed.count, 1);
    images.delete(&image.id).await.expect("delete image");
    let r4 = c.products().get(&product.id).await;
    assert!(r4.expect("product").image.is_none());

    variants.delete(&m.id).await.expect("delete variant");
    let r5 = variants.get(&m.id).await;
    assert!(matches!(r5, Err(Error::NotFound(_))));
    c.products().delete(&product.id).await.expect("delete product");
    let r6 = variants.list(&ListParams::new()).await;
    assert_eq!(r6.expect("variants").count, 0, "variants go with their product");
}

#[facade]
pub async fn media_assets() {
    let server = server().await;
    let c = client(&server);
    let hero = c
        .images()
        .create(
            ImageCreate::builder()
                .name("Hero banner")
                .image(FileInput::bytes(PNG_16X8.to_vec()).with_name("hero.png"))
                .alt_text("Sunset")
                .tags("hero,banner")
                .build(),
        )
        .await
        .expect("image");
    assert_eq!((hero.mime_type.as_str(), hero.size, hero.image_width), ("image/png", PNG_16X8.len() as u64, Some(16)));
    assert_eq!(hero.tags, ["hero", "banner"]);
    let doc = c
        .documents()
        .create(
            DocumentCreate::builder()
                .name("Price list")
                .file(FileInput::bytes(b"%PDF-1.4 prices".to_vec()).with_name("prices.pdf"))
                .build(),
        )
        .await
        .expect("document");
    assert_eq!(doc.mime_type, "application/pdf");
    let video = c
        .videos()
        .create(
            VideoCreate::builder()
                .name("Tour")
                .file(FileInput::bytes(b"\x1a\x45\xdf\xa3webm".to_vec()).with_name("tour.webm"))
                .build(),
        )
        .await
        .expect("video");
    assert_eq!(video.mime_type, "video/webm");

    // Each manager sees only its own kind.
    let images = c.images().list(&ListParams::new()).await.expect("images");
    assert_eq!(images.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [hero.id.as_str()]);
    let docs = c.documents().list(&ListParams::with_filters(DocumentFilters::default())).await.expect("docs");
    assert_eq!(docs.count, 1);
    let filtered = c
        .images()
        .list(&ListParams::with_filters(ImageFilters::builder().tags("banner").build()))
        .await
        .expect("by tag");
    assert_eq!(filtered.count, 1);
    let found = c.images().search("sunset", &ListParams::new()).await.expect("search");
    assert_eq!(found.items.first().map(|i| i.id.clone()), Some(hero.id.clone()));
    let r7 = c.documents().search("sunset", &ListParams::new()).await;
    assert_eq!(r7.expect("search docs").count, 0);

    let generated =
        c.images().generate(ImageGenerate::builder().prompt("A red bicycle at dawn").build()).await.expect("generate");
    assert_eq!((generated.name.as_str(), generated.mime_type.as_str()), ("A red bicycle at dawn", "image/webp"));
    assert_eq!((generated.image_width, generated.image_height), (Some(1024), Some(1024)));

    let mut record = c.images().get(&hero.id).await.expect("get");
    record.alt_text = "Sunset over the bay".into();
    record.save().await.expect("save");
    let r8 = c.images().get(&hero.id).await;
    assert_eq!(r8.expect("get").alt_text, "Sunset over the bay");
    c.documents().delete(&doc.id).await.expect("delete");
    let r9 = c.documents().get(&doc.id).await;
    assert!(matches!(r9, Err(Error::NotFound(_))));
    assert_eq!(server.documents(collections::ASSETS).len(), 3);
}

#[facade]
pub async fn uploads_direct_and_cloud() {
    let server = server().await;
    let c = client(&server);
    let up = c
        .uploads()
        .create(UploadCreate::builder().file(FileInput::bytes(b"a,b\n1,2\n".to_vec()).with_name("data.csv")).build())
        .await
        .expect("upload");
    assert_eq!((up.mime_type.as_str(), up.size, up.status.to_string().as_str()), ("text/csv", 8, "completed"));
    assert!(up.url.as_deref().is_some_and(|u| u.ends_with("/data.csv")));

    let cloud = c
        .uploads()
        .create_cloud_upload(
            CloudUploadCreate::builder().mime_type("video/mp4").file_size(1024).filename("launch.mp4").build(),
        )
        .await
        .expect("cloud");
    assert!(cloud.upload_url.starts_with(server.base_url()));
    let pending = c.uploads().get(&cloud.id).await.expect("pending");
    assert_eq!(pending.status.to_string(), "pending");
    let started = c.uploads().mark_started(&cloud.id).await.expect("started");
    assert_eq!(started.status.to_string(), "uploading");
    let done = c.uploads().mark_completed(&cloud.id).await.expect("completed");
    assert_eq!(done.status.to_string(), "completed");
    assert!(done.upload_ended_at.is_some());
    let err = c.uploads().mark_failed(&cloud.id).await.expect_err("already completed");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");

    let all = collect(c.uploads().iter_all(&ListParams::new())).await;
    assert_eq!(all.len(), 2);
    c.uploads().delete(&up.id).await.expect("delete");
    let r10 = c.uploads().list(&ListParams::new()).await;
    assert_eq!(r10.expect("list").count, 1);
}

#[facade]
pub async fn connections_and_forms() {
    let server = server().await;
    let c = client(&server);
    let connections = c.connections().list(&ListParams::new()).await.expect("connections");
    assert_eq!(connections.items.iter().map(|x| x.provider.as_str()).collect::<Vec<_>>(), ["konigle_forms"]);
    let credentials = c.connections().get_credentials("konigle_forms").await.expect("credentials");
    assert_eq!(credentials.get("access_token").map(|t| t.expose().to_owned()), Some(server.forms_token()));
    let err = c.connections().get_credentials("google_analytics").await.expect_err("no such connection");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");

    let form = c.forms().create(FormCreate::builder().name("Contact Us").build()).await.expect("create form");
    assert_eq!((form.slug.as_str(), form.is_active), ("contact-us", true));
    assert_eq!(form.endpoint_url, format!("{}/f/contact-us", server.base_url()));
    c.forms().create(FormCreate::builder().name("Contact Us").build()).await.expect("second form");
    let forms = c.forms().list(&ListParams::new().page_size(1)).await.expect("forms");
    assert_eq!((forms.count, forms.num_pages), (2, 2));
    let r11 = c.forms().get("contact-us-2").await;
    assert_eq!(r11.expect("get").name, "Contact Us");

    server
        .insert(
            collections::FORM_SUBMISSIONS,
            json!({"form_name": "Contact Us", "form_slug": "contact-us", "form_data": {"email": "jane@example.com"},
                   "ip_address": "203.0.113.5", "submitted_at": "2024-03-02T11:30:00Z", "is_spam": false}),
        )
        .expect("seed a submission");
    let subs = c.forms().list_submissions("contact-us", &ListParams::new()).await.expect("submissions");
    assert_eq!(subs.count, 1);
    assert_eq!(subs.items[0].ip_address, "203.0.113.5");
    let r12 = c.forms().list_submissions("contact-us-2", &ListParams::new()).await;
    assert_eq!(r12.expect("none").count, 0);

    // A revoked token: one 401, then the client fetches the new token.
    let credential_fetches = server.request_count("GET", "/relay/api/v1/connections/get-credentials");
    server.rotate_forms_token();
    let err = c.forms().get("contact-us").await.expect_err("old token");
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    c.forms().get("contact-us").await.expect("new token");
    assert_eq!(server.request_count("GET", "/relay/api/v1/connections/get-credentials"), credential_fetches + 1);
}

#[facade]
pub async fn cloud_computers_webapps_spaces_jobs() {
    let server = server().await;
    let c = client(&server);
    let cloud = c.cloud();
    let created = cloud
        .computers()
        .create(ComputerCreate::builder().display_name("Worker").size(ComputerSize::Small).region("sgp1").build())
        .await
        .expect("computer");
    assert_eq!((created.computer.name.as_str(), created.computer.region.as_str()), ("worker", "sgp1"));
    let job = cloud.jobs().get(&created.job_id).await.expect("job");
    assert!(job.is_terminal() && job.succeeded());

    let app = cloud
        .webapps()
        .create(
            WebAppCreate::builder()
                .computer_id(created.computer.id.clone())
                .name("my-app")
                .runtime(WebAppRuntime::Python3)
                .web_server("nginx")
                .display_name("My App")
                .build(),
        )
        .await
        .expect("webapp");
    assert_eq!(app.webapp.display_name, "My App");
    let r13 = cloud.webapps().check_name_availability("my-app").await;
    assert!(!r13.expect("taken"));
    let r14 = cloud.webapps().check_name_availability("other-app").await;
    assert!(r14.expect("free"));
    let err = cloud
        .webapps()
        .create(
            WebAppCreate::builder()
                .computer_id("404")
                .name("lost")
                .runtime(WebAppRuntime::Nodejs)
                .web_server("node")
                .build(),
        )
        .await
        .expect_err("unknown computer");
    assert_eq!(field_names(&err), ["computer_id"]);

    let spaces = cloud
        .spaces()
        .list(&ListParams::with_filters(SpaceFilters::builder().webapp_id(app.webapp.id.clone()).build()))
        .await
        .expect("spaces");
    let types: Vec<String> = spaces.items.iter().map(|s| s.space_type.to_string()).collect();
    assert_eq!(types, ["uat", "production"]);
    let uat = spaces.items[0].id.clone();
    let err = cloud.spaces().promote(&uat).await.expect_err("nothing deployed yet");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    let deployment = cloud
        .spaces()
        .deploy(
            &uat,
            SpaceDeploy::builder()
                .zip_file(FileInput::bytes(b"PK\x03\x04zip".to_vec()))
                .display_name("Release 1")
                .build(),
        )
        .await
        .expect("deploy");
    assert_eq!((deployment.display_name.as_str(), deployment.space_id.as_str()), ("Release 1", uat.as_str()));
    let r15 = cloud.jobs().get(&deployment.job_id).await;
    assert!(r15.expect("deploy job").succeeded());
    let promoted = cloud.spaces().promote(&uat).await.expect("promote");
    assert_eq!(promoted.space_id, spaces.items[1].id);
    let prod = cloud.spaces().get(&promoted.space_id).await.expect("production");
    assert!(prod.last_deployed_at.is_some());

    let mut renamed = cloud.computers().get(&created.computer.id).await.expect("computer");
    renamed.display_name = "Worker One".into();
    renamed.save().await.expect("save");
    let r16 = cloud.computers().get(&created.computer.id).await;
    assert_eq!(r16.expect("get").display_name, "Worker One");
    let jobs = collect(cloud.jobs().iter_all(&ListParams::new().page_size(1))).await;
    assert_eq!(jobs.len(), 4, "provision computer, provision webapp, deploy, promote");
    cloud.webapps().delete(&app.webapp.id).await.expect("delete webapp");
    let r17 = cloud.spaces().list(&ListParams::new()).await;
    assert_eq!(r17.expect("spaces").count, 0);
    cloud.computers().delete(&created.computer.id).await.expect("delete computer");
}

#[facade]
pub async fn audiences_contacts_and_campaigns() {
    let server = server().await;
    let c = client(&server);
    let vip = c
        .audiences()
        .create(AudienceCreate::builder().name("VIP Customers").tags(["vip"]).build())
        .await
        .expect("audience");
    assert_eq!(vip.code, "vip-customers");
    for (email, tags) in
        [("ann@example.com", vec!["vip"]), ("bob@example.com", vec!["vip", "news"]), ("cy@example.com", vec![])]
    {
        let contact = c
            .contacts()
            .create(ContactCreate::builder().email(email).tags(tags.clone()).build())
            .await
            .expect("contact");
        assert_eq!(
            (contact.email.as_str(), contact.tags.clone()),
            (email, tags.iter().map(|t| t.to_string()).collect())
        );
    }
    let err =
        c.contacts().create(ContactCreate::builder().email("ann@example.com").build()).await.expect_err("duplicate");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(
        err.api().map(|a| a.field_errors()),
        Some(vec![("email".into(), vec!["contact with this email already exists.".into()])])
    );
    let sent = server.requests().len();
    let err = c.contacts().create(ContactCreate::builder().email("not-an-email").build()).await.expect_err("bad email");
    assert!(err.is_client_side(), "{err:?}");
    assert_eq!(server.requests().len(), sent, "nothing sent for a client-side error");
    let tagged = c
        .contacts()
        .list(&ListParams::with_filters(ContactFilters::builder().tags("vip").build()))
        .await
        .expect("by tag");
    assert_eq!(tagged.count, 2);

    let campaigns = c.campaigns();
    let cmp = campaigns
        .create(
            CampaignCreate::builder()
                .name("Summer Sale")
                .audience(vip.id.clone())
                .execution_duration_minutes(60)
                .build(),
        )
        .await
        .expect("campaign");
    assert_eq!((cmp.status.clone(), cmp.ltv), (CampaignStatus::Draft, Some(dec("0.00"))));
    let running = campaigns.start(&cmp.id).await.expect("start");
    assert_eq!(running.status, CampaignStatus::Running);
    assert_eq!(running.execution.as_ref().map(|e| e.total_contacts), Some(2));
    let err = campaigns.start(&cmp.id).await.expect_err("already running");
    assert!(
        matches!(err, Error::Validation(ref e) if e.message == "Campaign can only be started from draft or scheduled status."),
        "{err:?}"
    );
    let r18 = campaigns.pause(&cmp.id).await;
    assert_eq!(r18.expect("pause").status, CampaignStatus::Paused);
    let r19 = campaigns.pause(&cmp.id).await;
    assert!(matches!(r19, Err(Error::Validation(_))));
    let r20 = campaigns.resume(&cmp.id).await;
    assert_eq!(r20.expect("resume").status, CampaignStatus::Running);

    // LTV adds up on the campaign and the contact.
    campaigns
        .add_ltv(
            &cmp.id,
            CampaignAddLtv::builder().value(dec("10.25")).currency("USD").contact_email("ann@example.com").build(),
        )
        .await
        .expect("ltv");
    let after = campaigns
        .add_ltv(&cmp.id, CampaignAddLtv::builder().value(dec("19.75")).currency("USD").build())
        .await
        .expect("ltv");
    assert_eq!(after.ltv, Some(dec("30.00")));
    let ann = c
        .contacts()
        .update_ltv(ContactUpdateLtv::builder().email("ann@example.com").value(dec("5")).currency("USD").build())
        .await
        .expect("update ltv");
    assert_eq!(ann.ltv, Some(dec("15.25")));
    assert!(ann.last_purchased_at.is_some());
    let err = c
        .contacts()
        .update_ltv(ContactUpdateLtv::builder().email("nobody@example.com").value(dec("5")).currency("USD").build())
        .await
        .expect_err("unknown");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");

    let r21 = campaigns.cancel(&cmp.id).await;
    assert_eq!(r21.expect("cancel").status, CampaignStatus::Cancelled);
    let when: Timestamp = "2030-07-01T09:30:00Z".parse().expect("time");
    let r22 = campaigns.schedule(&cmp.id, Some(when)).await;
    assert!(matches!(r22, Err(Error::Validation(_))));

    // Scheduling, Active Record and the list filters.
    let mut later = campaigns
        .create(CampaignCreate::builder().name("Autumn").audience(vip.id.clone()).build())
        .await
        .expect("campaign");
    let err = campaigns.schedule(&later.id, None).await.expect_err("no time set");
    assert_eq!(field_names(&err), ["scheduled_at"]);
    let scheduled = campaigns.schedule(&later.id, Some(when)).await.expect("schedule");
    assert_eq!((scheduled.status.clone(), scheduled.scheduled_at), (CampaignStatus::Scheduled, Some(when)));
    later.name = "Autumn Sale".into();
    later.save().await.expect("save");
    let filters = CampaignFilters::builder().audience("vip-customers").status(CampaignStatus::Scheduled).build();
    let listed = campaigns.list(&ListParams::with_filters(filters)).await.expect("filtered");
    assert_eq!(listed.items.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Autumn Sale"]);
    assert!(listed.items[0].execution.is_none(), "execution is detail-only");

    // The combined create needs a channel; then everything is linked.
    let flash_sale = || {
        CampaignCreateEmail::builder()
            .campaign_name("Flash")
            .email_channel("marketing")
            .contact_tags(["vip"])
            .subject("Flash sale")
            .body_html("<p>Now</p>")
            .build()
    };
    let err = campaigns.new_email_campaign(flash_sale()).await.expect_err("no channel yet");
    assert_eq!(field_names(&err), ["email_channel"]);
    let channel = c
        .email_channels()
        .create(EmailChannelCreate::builder().code("marketing").channel_type(EmailChannelType::Marketing).build())
        .await
        .expect("channel");
    let flash = campaigns.new_email_campaign(flash_sale()).await.expect("new email campaign");
    assert_eq!(flash.email_channel.as_deref(), Some(channel.id.as_str()));
    let template = c.email_templates().get(flash.email_template.as_deref().expect("template")).await.expect("template");
    assert_eq!(template.subject, "Flash sale");
    let answer = campaigns.send_test_email(&flash.id, "tester@example.com").await.expect("test email");
    assert_eq!(answer.message.as_deref(), Some("Test email sent to tester@example.com"));
    assert_eq!(server.documents(collections::SENT_EMAILS).len(), 1);

    c.audiences().update(&vip.id, AudienceUpdate::builder().description("Best buyers").build()).await.expect("update");
    let r23 = c.audiences().get(&vip.id).await;
    assert_eq!(r23.expect("get").description.as_deref(), Some("Best buyers"));
    campaigns.delete(&cmp.id).await.expect("delete");
    let r24 = campaigns.get(&cmp.id).await;
    assert!(matches!(r24, Err(Error::NotFound(_))));
}

#[facade]
pub async fn email_setup_templates_and_sending() {
    let server = server().await;
    let c = client(&server);
    let setup = c
        .email_accounts()
        .setup(
            EmailAccountSetup::builder()
                .account_name("Acme Mail")
                .default_from_email("hello@acme.io")
                .identity_value("acme.io")
                .default_reply_to_email("help@acme.io")
                .build(),
        )
        .await
        .expect("setup");
    assert_eq!(setup.account.name, "Acme Mail");
    let codes: Vec<&str> = setup.channels.iter().map(|ch| ch.code.as_str()).collect();
    assert_eq!(codes, ["transactional", "marketing"]);
    assert_eq!((setup.identity.identity_value.as_str(), setup.identity.verified), ("acme.io", false));
    assert_eq!(setup.identity.dkim_records.len(), 3);

    let status = c.email_accounts().check_status().await.expect("status");
    assert_eq!((status.can_send, status.issues.clone()), (false, vec![json!("No verified sending identity.")]));
    let verified = c.email_identities().check_verification_status(&setup.identity.id).await.expect("verify");
    assert!(verified.verified && verified.dkim_verified);
    let status = c.email_accounts().check_status().await.expect("status");
    assert_eq!((status.status.as_str(), status.can_send, status.issues.len()), ("active", true, 0));
    let mail_from =
        c.email_identities().setup_custom_mail_from(&setup.identity.id, "mail.acme.io").await.expect("mail from");
    assert_eq!((mail_from.mail_from_domain.as_deref(), mail_from.mail_from_records.len()), (Some("mail.acme.io"), 2));
    let r25 = c.email_identities().setup_custom_mail_from(&setup.identity.id, "mail.other.io").await;
    assert!(r25.is_err());

    let tracked = c.email_channels().set_engagement_tracking(&setup.channels[1].id, true).await.expect("tracking");
    assert!(tracked.enable_engagement_tracking);

    let templates = c.email_templates();
    let welcome = templates
        .create(
            EmailTemplateCreate::builder()
                .name("Welcome")
                .code("welcome")
                .subject("Welcome to Acme")
                .body_html("<h1>Hi</h1>")
                .tags(["onboarding"])
                .build(),
        )
        .await
        .expect("template");
    assert_eq!(welcome.account, setup.account.id);
    let again = EmailTemplateCreate::builder().name("Again").code("welcome").subject("Hi").body_html("<p/>").build();
    let err = templates.create(again).await.expect_err("duplicate code");
    assert_eq!(field_names(&err), ["code"]);
    let mut t = templates.get(&welcome.id).await.expect("get");
    t.subject = "Welcome aboard".into();
    t.save().await.expect("save");
    let r26 = templates.get(&welcome.id).await;
    assert_eq!(r26.expect("get").subject, "Welcome aboard");

    let sent = c
        .emails()
        .send(
            Email::builder()
                .to_email(["ann@example.com", "bob@example.com"])
                .subject("Hello")
                .body_html("<p>Hi</p>")
                .channel("transactional")
                .attachments([FileInput::bytes(b"a,b\n".to_vec()).with_name("report.csv")])
                .save_as_template(true)
                .build(),
        )
        .await
        .expect("send");
    assert_eq!(sent.status, "sent");
    assert!(sent.message_id.is_some() && sent.template_id.is_some());
    let outbox = server.documents(collections::SENT_EMAILS);
    assert_eq!(outbox[0]["to_email"], json!(["ann@example.com", "bob@example.com"]));
    assert_eq!(outbox[0]["attachments"][0]["filename"], "report.csv");
    let unknown_channel =
        Email::builder().to_email(["ann@example.com"]).subject("Hi").body_html("<p/>").channel("nope").build();
    let err = c.emails().send(unknown_channel).await.expect_err("unknown channel");
    assert_eq!(field_names(&err), ["channel"]);

    c.email_accounts()
        .update(&setup.account.id, EmailAccountUpdate::builder().default_from_name("Acme").build())
        .await
        .expect("update account");
    let accounts = c.email_accounts().list(&ListParams::new()).await.expect("accounts");
    assert_eq!(accounts.items[0].default_from_name.as_deref(), Some("Acme"));
    templates.delete(&welcome.id).await.expect("delete");
    c.email_identities().delete(&setup.identity.id).await.expect("delete identity");
    let r27 = c.email_identities().get(&setup.identity.id).await;
    assert!(matches!(r27, Err(Error::NotFound(_))));
}

#[facade]
pub async fn iter_all_walks_many_pages_once() {
    let server = server().await;
    for i in 0..250 {
        server.create(collections::CONTACTS, json!({"email": format!("c{i:03}@example.com")})).expect("seed");
    }
    let c = client(&server);
    let all = collect(c.contacts().iter_all(&ListParams::new())).await;
    let emails: Vec<String> = all.into_iter().map(|r| r.expect("item").email.clone()).collect();
    assert_eq!(emails.len(), 250);
    assert_eq!(emails.iter().collect::<BTreeSet<_>>().len(), 250, "every item exactly once");
    assert_eq!((emails[0].as_str(), emails[249].as_str()), ("c000@example.com", "c249@example.com"));
    assert_eq!(server.request_count("GET", "/reachout/api/v1/contacts"), 3, "pages of 100");

    let small = collect(c.contacts().iter_all(&ListParams::new().page_size(7))).await;
    assert_eq!(small.len(), 250);
    let filters = ContactFilters::builder().q("c1").build();
    let some = collect(c.contacts().iter_all(&ListParams::with_filters(filters).page_size(30))).await;
    assert_eq!(some.len(), 100, "c100..c199");
}

#[facade]
pub async fn auth_failure_is_typed() {
    let server = server().await;
    let bad = client_with_key(&server, "wrong-key");
    let err = bad.products().list(&ListParams::new()).await.expect_err("wrong key");
    assert!(matches!(err, Error::Authentication(ref e) if e.message == "Invalid token."), "{err:?}");
    assert_eq!(err.status(), Some(401));
    let err = bad.forms().list(&ListParams::new()).await.expect_err("no forms token without a valid key");
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    let r28 = client(&server).products().list(&ListParams::new()).await;
    assert!(r28.is_ok());
}

#[facade]
pub async fn faults_are_retried_or_reported() {
    let server = server().await;
    let c = client(&server);
    c.audiences()
        .create(AudienceCreate::builder().name("All").tags(Vec::<String>::new()).build())
        .await
        .expect("audience");

    server.inject(Fault::rate_limited(Duration::from_secs(0)).times(2).path_prefix("/reachout/api/v1/audiences"));
    let page = c.audiences().list(&ListParams::new()).await.expect("retried after 429");
    assert_eq!(page.count, 1);
    assert_eq!(server.request_count("GET", "/reachout/api/v1/audiences"), 3);

    // A POST answered 503 may have been processed: not repeated.
    server.inject(Fault::status(503).method("POST"));
    let once = AudienceCreate::builder().name("Once").tags(Vec::<String>::new()).build();
    let err = c.audiences().create(once).await.expect_err("503");
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert_eq!(server.request_count("POST", "/reachout/api/v1/audiences"), 2, "one successful create, one failed");

    // A dropped connection on a GET is retried; a truncated body too.
    server.inject(Fault::drop_connection().path_prefix("/reachout/api/v1/audiences/"));
    let r29 = c.audiences().get("aud_1").await;
    assert_eq!(r29.expect("retried after drop").name, "All");
    server.inject(Fault::truncated_body().path_prefix("/reachout/api/v1/audiences/"));
    let r30 = c.audiences().get("aud_1").await;
    assert_eq!(r30.expect("retried after truncation").name, "All");
    assert_eq!(server.request_count("GET", "/reachout/api/v1/audiences/aud_1"), 4);

    server.inject(Fault::delay(Duration::from_millis(100)));
    let started = std::time::Instant::now();
    c.audiences().get("aud_1").await.expect("slow");
    assert!(started.elapsed() >= Duration::from_millis(100));
    assert!(server.pending_faults().is_empty());
}
