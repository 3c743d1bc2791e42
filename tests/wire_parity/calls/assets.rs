//! Uploads, connections, forms, videos and documents.

use super::*;
use konigle_core::filters::{AssetOrdering, DocumentFilters, FormFilters, QueryFilters, VideoFilters};
use konigle_core::models::{AssetUpdate, CloudUploadCreate, DocumentCreate, FormCreate, UploadCreate, VideoCreate};
use konigle_core::JsonMap;

/// Fixtures that cannot be written in Rust, with the reason.
pub const UNREPRESENTABLE: &[(&str, &str)] = &[
    (
        "connections.active_record.reload",
        "Record<Connection> has no reload: connections cannot be fetched one by one, so it does not compile",
    ),
    ("connections.create", "the connections manager has no create: connections are set up in the Konigle admin"),
    ("connections.delete", "the connections manager has no delete: connections are managed in the Konigle admin"),
    (
        "connections.get",
        "the connections manager has no get: connections cannot be fetched one by one, so it does not compile",
    ),
    ("connections.update", "the connections manager has no update: connections are managed in the Konigle admin"),
    (
        "forms.create.extra_field_rejected",
        "FormCreate is a struct with only a name: an extra slug field does not compile",
    ),
    ("forms.delete", "the forms manager has no delete"),
    (
        "forms.list.no_connection_manager",
        "the client always has its connections: there is no connection manager to unset",
    ),
    ("forms.update", "the forms manager has no update"),
    ("uploads.active_record.save", "Record<Upload> has no save: uploads cannot be changed, so it does not compile"),
    ("uploads.update", "the uploads manager has no update"),
];

/// Fixtures where the SDK deliberately does what the reference does not
/// (each difference has its own test and a README note).
pub const DIFFERS: &[(&str, &str)] = &[];

/// Fixtures checked against another fixture's requests and outcome:
/// `(fixture, reference fixture, reason)`.
pub const SUBSTITUTES: &[(&str, &str, &str)] = &[(
    "forms.iter_all",
    "forms.list",
    "the reference's forms iter_all raises TypeError; Rust walks the forms list: at page size 20 it sends forms.list's requests and yields its forms (shown in forms.list's page shape)",
)];

const MP4: &[u8] = b"\x00\x00\x00\x18ftypmp42-fake";
const PDF: &[u8] = b"%PDF-1.4\n% fake pdf\n";
const ZIP: &[u8] = b"PK\x03\x04-fake-zip";
const WEBM: &[u8] = b"\x1aE\xdf\xa3-webm";

/// The `Ok` value, or the scenario's outcome is the error.
macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        }
    };
}

fn map(v: Value) -> JsonMap {
    match v {
        Value::Object(m) => m,
        _ => JsonMap::new(),
    }
}

fn ids<T: serde::Serialize>(items: &[T]) -> Value {
    Value::Array(items.iter().map(|i| val(i)["id"].clone()).collect())
}

fn video_filters() -> VideoFilters {
    VideoFilters::default()
}

#[facade]
pub async fn run(name: &str, c: &Client, ctx: &Ctx) -> Option<Outcome> {
    Some(match name {
        // ---- uploads ----
        "uploads.create.bad_extension" => {
            ok(c.uploads().create(UploadCreate::builder().file(ctx.file("movie.mp4", MP4)).build()).await)
        }
        "uploads.create.from_bytes" => ok(c
            .uploads()
            .create(UploadCreate::builder().file(FileInput::bytes(*b"raw upload bytes")).name("Raw").build())
            .await),
        "uploads.create.from_bytesio" => {
            let reader = std::io::Cursor::new(b"a,b\n1,2\n".to_vec());
            ok(c.uploads()
                .create(UploadCreate::builder().file(FileInput::reader(reader)).description("csv via BytesIO").build())
                .await)
        }
        "uploads.create.from_path_all_fields" => {
            let data = UploadCreate::builder()
                .file(ctx.file("prices.pdf", PDF))
                .name("Quarterly report")
                .tags("finance,q1")
                .meta(map(json!({"source": "sdk"})))
                .description("Q1 numbers")
                .build();
            ok(c.uploads().create(data).await)
        }
        "uploads.create.from_tuple" => {
            let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec();
            ok(c.uploads().create(UploadCreate::builder().file((svg, "icon.svg")).build()).await)
        }
        "uploads.create.minimal" => {
            ok(c.uploads().create(UploadCreate::builder().file(ctx.file("bundle.zip", ZIP)).build()).await)
        }
        "uploads.create_cloud_upload.all_fields" => ok(c
            .uploads()
            .create_cloud_upload(
                CloudUploadCreate::builder()
                    .mime_type("video/mp4")
                    .file_size(52428800)
                    .filename("launch.mp4")
                    .name("Launch video")
                    .build(),
            )
            .await),
        "uploads.create_cloud_upload.empty_name" => ok(c
            .uploads()
            .create_cloud_upload(
                CloudUploadCreate::builder()
                    .mime_type("application/pdf")
                    .file_size(0)
                    .filename("empty.pdf")
                    .name("")
                    .build(),
            )
            .await),
        "uploads.create_cloud_upload.minimal" => ok(c
            .uploads()
            .create_cloud_upload(
                CloudUploadCreate::builder().mime_type("application/pdf").file_size(1024).filename("doc.pdf").build(),
            )
            .await),
        "uploads.delete" => unit(c.uploads().delete("upl_401").await),
        "uploads.get" => ok(c.uploads().get("upl_401").await),
        "uploads.iter_all" => {
            let items = collect(c.uploads().iter_all(&ListParams::new().page_size(1))).await;
            let items = tri!(items);
            Ok(ids(&items))
        }
        "uploads.list" => ok(c.uploads().list(&ListParams::new().page(2).page_size(10)).await),
        "uploads.list.kwargs_passthrough" => {
            let f = QueryFilters::new().with("q", "report").with("status", "completed").with("tags", "finance");
            ok(c.uploads().list(&ListParams::with_filters(f)).await)
        }
        "uploads.mark_completed" => ok(c.uploads().mark_completed("upl_402").await),
        "uploads.mark_failed" => ok(c.uploads().mark_failed("upl_402").await),
        "uploads.mark_started" => ok(c.uploads().mark_started("upl_402").await),

        // ---- connections ----
        "connections.get_credentials" => ok(c.connections().get_credentials("konigle_forms").await),
        "connections.get_credentials.error_404" => ok(c.connections().get_credentials("unknown_provider").await),
        "connections.iter_all" => {
            let items = collect(c.connections().iter_all(&ListParams::new().page_size(1))).await;
            let items = tri!(items);
            Ok(Value::Array(items.iter().map(|i| Value::String(i.provider.clone())).collect()))
        }
        "connections.list" => ok(c.connections().list(&ListParams::new().page(1).page_size(25)).await),
        "connections.list.kwargs_passthrough" => {
            let f = QueryFilters::new().with("provider", "google_analytics").with("status", "invalid");
            ok(c.connections().list(&ListParams::with_filters(f)).await)
        }

        // ---- forms ----
        "forms.create.dict" => ok(c.forms().create(FormCreate::builder().name("Newsletter").build()).await),
        "forms.create.model" => ok(c.forms().create(FormCreate::builder().name("Contact Us").build()).await),
        "forms.get" | "forms.get.error_401" => ok(c.forms().get("contact-us").await),
        "forms.get.session_reused" => {
            let a = c.forms().get("contact-us").await;
            let a = tri!(a);
            let b = c.forms().list(&ListParams::new().page(1).page_size(5)).await;
            let b = tri!(b);
            Ok(json!([val(&a), val(&b)]))
        }
        "forms.iter_all" => {
            let items = collect(c.forms().iter_all(&ListParams::new().page_size(20))).await;
            let items = tri!(items);
            Ok(json!({
                "payload": val(&items),
                "count": items.len(),
                "next": null,
                "previous": null,
                "page_size": 20,
                "current_page": 1,
                "num_pages": 1,
            }))
        }
        "forms.list" | "forms.list.credentials_error" | "forms.list.no_access_token" => {
            ok(c.forms().list(&ListParams::new()).await)
        }
        "forms.list.page" => ok(c.forms().list(&ListParams::new().page(2).page_size(2)).await),
        "forms.list_submissions" => {
            ok(c.forms().list_submissions("contact-us", &ListParams::<FormFilters>::new().page(2).page_size(2)).await)
        }
        "forms.list_submissions.defaults" => ok(c.forms().list_submissions("newsletter", &ListParams::new()).await),
        "forms.set_connection_manager" => ok(c.forms().get("newsletter").await),

        // ---- videos ----
        "videos.create.bad_extension" => {
            ok(c.videos().create(VideoCreate::builder().name("Old").file(ctx.file("movie.avi", MP4)).build()).await)
        }
        "videos.create.from_bytesio" => {
            let reader = std::io::Cursor::new(b"video-bytesio".to_vec());
            ok(c.videos().create(VideoCreate::builder().name("Teaser").file(FileInput::reader(reader)).build()).await)
        }
        "videos.create.from_path_all_fields" => {
            let data = VideoCreate::builder()
                .name("Product tour")
                .file(ctx.file("tour.mp4", MP4))
                .alt_text("Tour")
                .tags("tour,product")
                .source_url("https://example.com/tour.mp4")
                .description("Two minute tour")
                .meta(json!({"duration": 120}))
                .build();
            ok(c.videos().create(data).await)
        }
        "videos.create.from_tuple" => {
            let reader = std::io::Cursor::new(WEBM.to_vec());
            ok(c.videos()
                .create(
                    VideoCreate::builder()
                        .name("Teaser")
                        .file(FileInput::reader(reader).with_name("teaser.webm"))
                        .build(),
                )
                .await)
        }
        "videos.create.minimal_bytes" => {
            ok(c.videos().create(VideoCreate::builder().name("Teaser").file(FileInput::bytes(WEBM)).build()).await)
        }
        "videos.delete" => unit(c.videos().delete("vid_201").await),
        "videos.get" => ok(c.videos().get("vid_201").await),
        "videos.iter_all" => {
            let items = collect(c.videos().iter_all(&ListParams::new().page_size(1))).await;
            let items = tri!(items);
            Ok(ids(&items))
        }
        "videos.list.wrong_mime_filter" => {
            ok(c.videos().list(&ListParams::with_filters(VideoFilters::builder().mime_type("image").build())).await)
        }
        "videos.list" => ok(c.videos().list(&ListParams::new().page(1).page_size(2)).await),
        "videos.list.filters_kwargs" => {
            let f = VideoFilters::builder()
                .q("tour")
                .min_size(10)
                .max_size(99999999)
                .tags("tour")
                .ordering(AssetOrdering::UpdatedAtDesc)
                .build();
            ok(c.videos().list(&ListParams::with_filters(f)).await)
        }
        "videos.list.filters_object" => {
            let f = VideoFilters::builder().q("teaser").ordering(AssetOrdering::CreatedAt).build();
            ok(c.videos().list(&ListParams::with_filters(f)).await)
        }
        "videos.search" => ok(c.videos().search("tour", &ListParams::new().page_size(5)).await),
        "videos.search.defaults" => ok(c.videos().search("teaser", &ListParams::new()).await),
        "videos.update.dict" => {
            let data = AssetUpdate::builder().tags(Vec::<String>::new()).meta(json!({"duration": 121})).build();
            ok(c.videos().update("vid_201", data).await)
        }
        "videos.update.model" => {
            let data = AssetUpdate::builder()
                .name("Tour v2")
                .alt_text("Tour")
                .tags(["tour"])
                .description("Longer")
                .meta(json!({"duration": 150}))
                .build();
            ok(c.videos().update("vid_201", data).await)
        }

        // ---- documents ----
        "documents.create.bad_extension" => ok(c
            .documents()
            .create(DocumentCreate::builder().name("Binary").file(ctx.file("setup.exe", b"MZ")).build())
            .await),
        "documents.create.from_bytes" => ok(c
            .documents()
            .create(DocumentCreate::builder().name("Raw").file(FileInput::bytes(*b"plain text bytes")).build())
            .await),
        "documents.create.from_bytesio_tuple_docx" => {
            let reader = std::io::Cursor::new(b"PK-docx".to_vec());
            ok(c.documents()
                .create(
                    DocumentCreate::builder()
                        .name("Spec")
                        .file(FileInput::reader(reader).with_name("Spec.DOCX"))
                        .build(),
                )
                .await)
        }
        "documents.create.from_path_all_fields" => {
            let data = DocumentCreate::builder()
                .name("Price list")
                .file(ctx.file("prices.pdf", PDF))
                .alt_text("Prices")
                .tags("pricing,2024")
                .source_url("https://example.com/prices.pdf")
                .description("2024 prices")
                .meta(json!({"pages": 4, "lang": "en"}))
                .build();
            ok(c.documents().create(data).await)
        }
        "documents.create.from_tuple" => {
            let data = DocumentCreate::builder()
                .name("Inventory")
                .file((b"sku,qty\nA1,3\n".to_vec(), "inventory.csv"))
                .build();
            ok(c.documents().create(data).await)
        }
        "documents.delete" => unit(c.documents().delete("doc_301").await),
        "documents.get" => ok(c.documents().get("doc_301").await),
        "documents.iter_all" => ok(collect(c.documents().iter_all(&ListParams::new().page_size(1))).await),
        "documents.list" => ok(c.documents().list(&ListParams::new()).await),
        "documents.list.filters_kwargs" => {
            let f = DocumentFilters::builder()
                .q("price")
                .min_size(100)
                .max_size(100000)
                .tags("pricing")
                .ordering(AssetOrdering::CreatedAtDesc)
                .build();
            ok(c.documents().list(&ListParams::with_filters(f).page(1).page_size(100)).await)
        }
        "documents.list.filters_object" => {
            let f = DocumentFilters::builder().tags("inventory,stock").build();
            ok(c.documents().list(&ListParams::with_filters(f)).await)
        }
        "documents.search" => ok(c.documents().search("price list", &ListParams::new().page(3).page_size(7)).await),
        "documents.search.defaults" => ok(c.documents().search("inventory", &ListParams::new()).await),
        "documents.update.dict" => {
            let data = AssetUpdate::builder().alt_text("PDF").tags(["pricing", "final"]).build();
            ok(c.documents().update("doc_301", data).await)
        }
        "documents.update.model" => {
            let data = AssetUpdate::builder().name("Price list 2024").description("Final").build();
            ok(c.documents().update("doc_301", data).await)
        }
        _ => return None,
    })
}
