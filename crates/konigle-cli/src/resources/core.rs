//! Images, uploads, connections and forms.

use clap::{Arg, Command};
use konigle_blocking::filters::{ImageFilters, QueryFilters};
use konigle_blocking::models::{CloudUploadCreate, FormCreate, ImageCreate, ImageGenerate, ImageUpdate, UploadCreate};
use konigle_blocking::spec::{Connections, Images, Uploads};
use konigle_blocking::{Client, ListParams, Manager};
use konigle_core::models::Payload;
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::Method;

use super::{file_input, file_len};
use crate::app::{dry_run, dry_run_arg, to_json, Registry};
use crate::crud::{self, page_args, page_of, CliCreate, CliResource, CliUpdate};
use crate::error::CliResult;
use crate::opts::{self, Kind, Opt, Values};
use crate::progress;

impl CliResource for Images {
    const GROUP: &'static [&'static str] = &["images"];
    const NOUN: &'static str = "image";
    const ID: &'static str = "IMAGE_ID";
    const EXAMPLE_ID: &'static str = "img_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("TYPE", "mime_type"),
        ("SIZE", "size"),
        ("ALT TEXT", "alt_text"),
        ("TAGS", "tags"),
    ];
    const FILTERS: &'static [Opt] = &[Opt::text("ordering", "ordering", "Ordering field, e.g. -created_at").short('o')];
    fn manager(c: &Client) -> Manager<Self> {
        c.images()
    }
    fn filters(v: &Values) -> CliResult<ImageFilters> {
        let mut f = ImageFilters::default();
        f.ordering = v.get("ordering")?;
        Ok(f)
    }
}

impl CliCreate for Images {
    const FILE_FIELD: Option<&'static str> = Some("file");
    const CREATE: &'static [Opt] = &[
        Opt::text("file", "file", "Path or https:// URL of the image").short('f').required(),
        Opt::text("name", "name", "Image name").short('n').required(),
        Opt::text("alt-text", "alt_text", "Alt text (default: \"Image: <name>\")").short('a'),
        Opt::new("tags", "tags", Kind::CommaText, "Comma-separated tags").short('t'),
        Opt::text("description", "description", "Description").short('d'),
    ];
    fn create_payload(v: Values) -> CliResult<ImageCreate> {
        let name: String = v.req("name")?;
        let alt = v.str("alt_text").unwrap_or_else(|| format!("Image: {name}"));
        Ok(ImageCreate::builder()
            .name(name)
            .image(file_input(&v.req::<String>("file")?))
            .alt_text(alt)
            .maybe_tags(v.str("tags"))
            .maybe_description(v.str("description"))
            .build())
    }
}

impl CliUpdate for Images {
    const UPDATE: &'static [Opt] = &[
        Opt::text("name", "name", "New name").short('n'),
        Opt::text("alt-text", "alt_text", "New alt text").short('a'),
        Opt::new("tags", "tags", Kind::List, "New comma-separated tags").short('t'),
    ];
    fn update_payload(v: Values) -> CliResult<ImageUpdate> {
        v.into_payload()
    }
}

impl CliResource for Uploads {
    const GROUP: &'static [&'static str] = &["uploads"];
    const NOUN: &'static str = "upload";
    const ID: &'static str = "UPLOAD_ID";
    const EXAMPLE_ID: &'static str = "upl_1";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("NAME", "name"),
        ("TYPE", "mime_type"),
        ("SIZE", "size"),
        ("STATUS", "status"),
        ("TAGS", "tags"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.uploads()
    }
}

const UPLOAD_CREATE: &[Opt] = &[
    Opt::text("file", "file", "Path or https:// URL of the file").short('f').required(),
    Opt::text("name", "name", "Name (default: the file name)").short('n'),
    Opt::new("tags", "tags", Kind::CommaText, "Comma-separated tags").short('t'),
    Opt::text("description", "description", "Description").short('d'),
];

fn upload_payload(v: &Values) -> CliResult<UploadCreate> {
    Ok(UploadCreate::builder()
        .file(file_input(&v.req::<String>("file")?))
        .maybe_name(v.str("name"))
        .maybe_tags(v.str("tags"))
        .maybe_description(v.str("description"))
        .build())
}

impl CliResource for Connections {
    const GROUP: &'static [&'static str] = &["connections"];
    const NOUN: &'static str = "connection";
    const ID: &'static str = "CONNECTION_ID";
    const COLUMNS: &'static [(&'static str, &'static str)] = &[
        ("ID", "id"),
        ("PROVIDER", "provider"),
        ("STATUS", "status"),
        ("RESOURCE", "root_resource_name"),
        ("SCOPES", "scopes"),
    ];
    fn manager(c: &Client) -> Manager<Self> {
        c.connections()
    }
    fn filters(_: &Values) -> CliResult<QueryFilters> {
        Ok(QueryFilters::new())
    }
}

const FORM_COLUMNS: &[(&str, &str)] =
    &[("ID", "id"), ("NAME", "name"), ("SLUG", "slug"), ("ACTIVE", "is_active"), ("ENDPOINT", "endpoint_url")];
const SUBMISSION_COLUMNS: &[(&str, &str)] =
    &[("ID", "id"), ("SUBMITTED", "submitted_at"), ("COUNTRY", "country"), ("SPAM", "is_spam"), ("DATA", "form_data")];

/// Registers images, uploads, connections and forms.
pub fn register(reg: &mut Registry) {
    reg.group(&["images"], "Images: upload, generate, search and manage image assets");
    crud::create::<Images>(reg, "--file hero.png --name Hero --alt-text \"Sunset\"");
    crud::read_update_delete::<Images>(reg, "--alt-text \"Sunset over the bay\"");
    images_generate(reg);
    images_search(reg);

    reg.group(&["uploads"], "Uploads: private files stored for the site");
    crud::list::<Uploads>(reg);
    crud::get::<Uploads>(reg);
    crud::delete::<Uploads>(reg);
    uploads_create(reg);
    uploads_cloud(reg);

    reg.group(&["connections"], "Connections to third-party services (read-only)");
    crud::list::<Connections>(reg);
    connections_credentials(reg);

    reg.group(&["forms"], "Forms and their submissions");
    forms(reg);
}

fn images_generate(reg: &mut Registry) {
    const OPTS: &[Opt] = &[
        Opt::text("prompt", "prompt", "What the image shows").short('p').required(),
        Opt::text("aspect-ratio", "aspect_ratio", "Aspect ratio")
            .short('r')
            .default("1:1")
            .choices(&["1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9"]),
        Opt::text("output-format", "output_format", "File format")
            .short('f')
            .default("webp")
            .choices(&["webp", "png", "jpg", "jpeg"]),
    ];
    let cmd =
        opts::add_all(Command::new("generate").about("Generate an image from a text prompt").arg(dry_run_arg()), OPTS);
    reg.add(
        &["images", "generate"],
        cmd,
        "konigle images generate --prompt \"A red bicycle at dawn\" -r 16:9",
        |m, ctx| {
            let v = opts::collect(OPTS, m)?;
            let data = ImageGenerate::builder()
                .prompt(v.req::<String>("prompt")?)
                .aspect_ratio(v.req("aspect_ratio")?)
                .output_format(v.req("output_format")?)
                .build();
            if dry_run(m) {
                let req = collection_request::<konigle_blocking::models::Image>(Method::Post)
                    .suffix("/generate-image")
                    .body(data.into_body()?);
                return ctx.describe(&req);
            }
            let sp = progress::spinner(&ctx.out, "Generating");
            let image = ctx.client()?.with_timeout(std::time::Duration::from_secs(300)).images().generate(data);
            sp.finish_and_clear();
            ctx.out.print_one(&to_json(&image?)?)
        },
    );
}

fn images_search(reg: &mut Registry) {
    let cmd = page_args(Command::new("search").about("Search images by text"), "10")
        .arg(Arg::new("query").long("query").short('q').required(true).help("Search text"));
    reg.add(&["images", "search"], cmd, "konigle images search --query sunset", |m, ctx| {
        let (page, size) = page_of(m);
        let query = m.get_one::<String>("query").cloned().unwrap_or_default();
        let manager = ctx.client()?.images();
        let items = if m.get_flag("all") {
            let mut all = Vec::new();
            let mut page = 1;
            loop {
                let got = manager.search(&query, &ListParams::new().page(page).page_size(size))?;
                all.extend(got.items.iter().map(to_json).collect::<CliResult<Vec<_>>>()?);
                if page >= got.num_pages {
                    break;
                }
                page += 1;
            }
            all
        } else {
            manager
                .search(&query, &ListParams::new().page(page).page_size(size))?
                .items
                .iter()
                .map(to_json)
                .collect::<CliResult<_>>()?
        };
        ctx.out.print_list(&items, Images::COLUMNS, &format!("No images found for `{query}`."))
    });
}

fn uploads_create(reg: &mut Registry) {
    let cmd = opts::add_all(Command::new("create").about("Upload a file").arg(dry_run_arg()), UPLOAD_CREATE);
    reg.add(&["uploads", "create"], cmd, "konigle uploads create --file exports/orders.csv --name Orders", |m, ctx| {
        let v = opts::collect(UPLOAD_CREATE, m)?;
        let file: String = v.req("file")?;
        let data = upload_payload(&v)?;
        if dry_run(m) {
            return ctx.describe(
                &collection_request::<konigle_blocking::models::Upload>(Method::Post).body(data.into_body()?),
            );
        }
        let client = ctx.client()?;
        let upload = progress::upload(&ctx.out, &format!("Uploading {file}"), file_len(&file), || {
            client.uploads().create(data)
        })?;
        ctx.out.say(format!("Created upload {}", upload.id));
        ctx.out.print_one(&to_json(&upload)?)
    });
}

fn uploads_cloud(reg: &mut Registry) {
    const OPTS: &[Opt] = &[
        Opt::text("mime-type", "mime_type", "MIME type of the file").short('m').required(),
        Opt::new("file-size", "file_size", Kind::Int, "Size in bytes").short('s').required(),
        Opt::text("filename", "filename", "File name").short('f').required(),
        Opt::text("name", "name", "Display name").short('n'),
    ];
    let cmd = opts::add_all(
        Command::new("create-cloud-upload")
            .about("Get a presigned URL to send a file directly to storage")
            .arg(dry_run_arg()),
        OPTS,
    );
    reg.add(
        &["uploads", "create-cloud-upload"],
        cmd,
        "konigle uploads create-cloud-upload -m video/mp4 -s 52428800 -f launch.mp4",
        |m, ctx| {
            let v = opts::collect(OPTS, m)?;
            let size: i64 = v.req("file_size")?;
            let size =
                u64::try_from(size).map_err(|_| crate::error::CliError::usage("--file-size must not be negative"))?;
            let data = CloudUploadCreate::builder()
                .mime_type(v.req::<String>("mime_type")?)
                .file_size(size)
                .filename(v.req::<String>("filename")?)
                .maybe_name(v.str("name"))
                .build();
            if dry_run(m) {
                let req = collection_request::<konigle_blocking::models::Upload>(Method::Post)
                    .suffix("/create-cloud-upload")
                    .body(data.into_body()?);
                return ctx.describe(&req);
            }
            ctx.out.print_one(&to_json(&ctx.client()?.uploads().create_cloud_upload(data)?)?)
        },
    );
    for (name, about, suffix) in [
        ("mark-started", "Record that sending a direct upload started", "/mark-started"),
        ("mark-completed", "Record that a direct upload finished", "/mark-completed"),
        ("mark-failed", "Record that a direct upload failed", "/mark-failed"),
    ] {
        let cmd = Command::new(name)
            .about(about)
            .arg(Arg::new("id").value_name("UPLOAD_ID").required(true).help("Id of the upload"))
            .arg(dry_run_arg());
        reg.add(&["uploads", name], cmd, &format!("konigle uploads {name} upl_1"), move |m, ctx| {
            let id = crud::id(m);
            if dry_run(m) {
                return ctx
                    .describe(&detail_request::<konigle_blocking::models::Upload>(Method::Post, &id)?.suffix(suffix));
            }
            let uploads = ctx.client()?.uploads();
            let upload = match name {
                "mark-started" => uploads.mark_started(&id)?,
                "mark-completed" => uploads.mark_completed(&id)?,
                _ => uploads.mark_failed(&id)?,
            };
            ctx.out.print_one(&to_json(&upload)?)
        });
    }
}

fn connections_credentials(reg: &mut Registry) {
    let cmd = Command::new("get-credentials")
        .about("Show a connection's credentials")
        .arg(Arg::new("provider").value_name("PROVIDER").required(true).help("Provider, e.g. konigle_forms"));
    reg.add(&["connections", "get-credentials"], cmd, "konigle connections get-credentials konigle_forms", |m, ctx| {
        let provider = m.get_one::<String>("provider").cloned().unwrap_or_default();
        let creds = ctx.client()?.connections().get_credentials(&provider)?;
        ctx.out.print_one(&to_json(&creds)?)
    });
}

fn forms(reg: &mut Registry) {
    let cmd = page_args(Command::new("list").about("List forms"), "10");
    reg.add(&["forms", "list"], cmd, "konigle forms list", |m, ctx| {
        let (page, size) = page_of(m);
        let forms = ctx.client()?.forms();
        let items = if m.get_flag("all") {
            progress::walk(&ctx.out, forms.iter_all(&ListParams::new().page_size(size)))?
        } else {
            forms
                .list(&ListParams::new().page(page).page_size(size))?
                .items
                .iter()
                .map(to_json)
                .collect::<CliResult<_>>()?
        };
        ctx.out.print_list(&items, FORM_COLUMNS, "No forms found.")
    });

    let slug = || Arg::new("slug").value_name("SLUG").required(true).help("The form's slug");
    reg.add(
        &["forms", "get"],
        Command::new("get").about("Show one form").arg(slug()),
        "konigle forms get contact-us",
        |m, ctx| {
            let slug = m.get_one::<String>("slug").cloned().unwrap_or_default();
            ctx.out.print_one(&to_json(&ctx.client()?.forms().get(&slug)?)?)
        },
    );

    const CREATE: &[Opt] = &[Opt::text("name", "name", "Form name").short('n').required()];
    let cmd = opts::add_all(Command::new("create").about("Create a form").arg(dry_run_arg()), CREATE);
    reg.add(&["forms", "create"], cmd, "konigle forms create --name \"Contact Us\"", |m, ctx| {
        let v = opts::collect(CREATE, m)?;
        let data = FormCreate::builder().name(v.req::<String>("name")?).build();
        if dry_run(m) {
            let req = konigle_core::models::form::create_request(data.into_body()?);
            return ctx.describe(&req);
        }
        let form = ctx.client()?.forms().create(data)?;
        ctx.out.say(format!("Created form {}", form.slug));
        ctx.out.print_one(&to_json(&form)?)
    });

    let cmd = page_args(Command::new("submissions").about("List a form's submissions").arg(slug()), "10");
    reg.add(&["forms", "submissions"], cmd, "konigle forms submissions contact-us --page-size 50", |m, ctx| {
        let slug = m.get_one::<String>("slug").cloned().unwrap_or_default();
        let (page, size) = page_of(m);
        let forms = ctx.client()?.forms();
        let mut items = Vec::new();
        let mut page = if m.get_flag("all") { 1 } else { page };
        loop {
            let got = forms.list_submissions(&slug, &ListParams::new().page(page).page_size(size))?;
            items.extend(got.items.iter().map(to_json).collect::<CliResult<Vec<_>>>()?);
            if !m.get_flag("all") || page >= got.num_pages {
                break;
            }
            page += 1;
        }
        ctx.out.print_list(&items, SUBMISSION_COLUMNS, "No submissions found.")
    });
}
