//! list / get / create / update / delete, written once for every resource.
//!
//! A resource is a [`CliResource`] (its command path, id name, table
//! columns and list filters) on the SDK's spec marker; [`CliCreate`] and
//! [`CliUpdate`] add the options of its payloads. The commands exist only
//! where the SDK offers the operation (its `spec::Create`, `Update`,
//! `Delete`), so a resource's commands are a short declaration.

use clap::{Arg, ArgAction, ArgMatches, Command};
use konigle_blocking::spec::{self, Spec};
use konigle_blocking::{Client, ListParams, Manager, Resource};
use konigle_core::models::Payload;
use konigle_core::resource::{collection_request, detail_request};
use konigle_core::Method;
use serde_json::Value;

use crate::app::{dry_run, dry_run_arg, to_json, yes_arg, Registry};
use crate::error::{CliError, CliResult};
use crate::opts::{self, Opt, Values};
use crate::output::Column;
use crate::progress;

/// A resource the CLI lists and shows.
pub trait CliResource: Spec + Sized {
    /// The command path of its group, e.g. `["comm", "audiences"]`.
    const GROUP: &'static [&'static str];
    /// Its name in messages, e.g. `audience`.
    const NOUN: &'static str;
    /// The positional id argument, e.g. `AUDIENCE_ID`.
    const ID: &'static str;
    /// An id shown in help examples.
    const EXAMPLE_ID: &'static str = "1";
    /// The list table.
    const COLUMNS: &'static [Column];
    /// The list filters' options.
    const FILTERS: &'static [Opt] = &[];
    /// Default page size of `list`.
    const PAGE_SIZE: &'static str = "10";
    /// The flag that skips `delete`'s confirmation (`--yes/-y`, or the
    /// reference's `--confirm`); `None` deletes without asking.
    const CONFIRM_FLAG: Option<&'static str> = Some("yes");

    /// Its manager.
    fn manager(client: &Client) -> Manager<Self>;

    /// The list filters from the parsed filter options.
    fn filters(_values: &Values) -> CliResult<Self::Filters> {
        Ok(Self::Filters::default())
    }
}

/// A resource with `create`.
pub trait CliCreate: CliResource + spec::Create {
    /// The options of `create`.
    const CREATE: &'static [Opt];
    /// The payload field holding a file to upload, if any (its upload shows
    /// a byte progress bar on a terminal).
    const FILE_FIELD: Option<&'static str> = None;
    /// The creation payload from the parsed options.
    fn create_payload(values: Values) -> CliResult<<Self as spec::Create>::Payload>;
}

/// A resource with `update`.
pub trait CliUpdate: CliResource + spec::Update {
    /// The options of `update`.
    const UPDATE: &'static [Opt];
    /// The update payload from the parsed options.
    fn update_payload(values: Values) -> CliResult<<Self as spec::Update>::Payload>;
}

fn path(group: &'static [&'static str], cmd: &'static str) -> Vec<&'static str> {
    let mut p = group.to_vec();
    p.push(cmd);
    p
}

fn example(group: &[&str], rest: &str) -> String {
    format!("konigle {} {rest}", group.join(" "))
}

fn id_arg<R: CliResource>() -> Arg {
    Arg::new("id").value_name(R::ID).required(true).help(format!("Id of the {}", R::NOUN))
}

/// The id given on the command line.
pub fn id(m: &ArgMatches) -> String {
    m.get_one::<String>("id").cloned().unwrap_or_default()
}

/// `--page`, `--page-size` and `--all`.
pub fn page_args(cmd: Command, default_size: &'static str) -> Command {
    cmd.arg(
        Arg::new("page")
            .long("page")
            .short('p')
            .value_parser(clap::value_parser!(u32))
            .default_value("1")
            .help("Page number"),
    )
    .arg(
        Arg::new("page-size")
            .long("page-size")
            .short('s')
            .value_parser(clap::value_parser!(u32))
            .default_value(default_size)
            .help("Items per page (-ps works too)"),
    )
    .arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help("Fetch every page"))
}

/// The page number and size given.
pub fn page_of(m: &ArgMatches) -> (u32, u32) {
    (m.get_one::<u32>("page").copied().unwrap_or(1), m.get_one::<u32>("page-size").copied().unwrap_or(10))
}

/// Registers `list`.
pub fn list<R: CliResource>(reg: &mut Registry) {
    let cmd = Command::new("list").about(format!("List {}s", R::NOUN));
    let cmd = opts::add_all(page_args(cmd, R::PAGE_SIZE), R::FILTERS);
    reg.add(&path(R::GROUP, "list"), cmd, &example(R::GROUP, "list --page-size 20"), |m, ctx| {
        let filters = R::filters(&opts::collect(R::FILTERS, m)?)?;
        let (page, size) = page_of(m);
        let manager = R::manager(ctx.client()?);
        let items: Vec<Value> = if m.get_flag("all") {
            let params = ListParams::with_filters(filters).page_size(size);
            progress::walk(&ctx.out, manager.iter_all(&params))?
        } else {
            let params = ListParams::with_filters(filters).page(page).page_size(size);
            let page = manager.list(&params)?;
            page.items.iter().map(to_json).collect::<CliResult<_>>()?
        };
        ctx.out.print_list(&items, R::COLUMNS, &format!("No {}s found.", R::NOUN))
    });
}

/// Registers `get`.
pub fn get<R: CliResource + spec::Get>(reg: &mut Registry) {
    let cmd = Command::new("get").about(format!("Show one {}", R::NOUN)).arg(id_arg::<R>());
    reg.add(&path(R::GROUP, "get"), cmd, &example(R::GROUP, &format!("get {}", R::EXAMPLE_ID)), |m, ctx| {
        let record = R::manager(ctx.client()?).get(&id(m))?;
        ctx.out.print_one(&to_json(&record)?)
    });
}

/// Registers `create`.
pub fn create<R: CliCreate>(reg: &mut Registry, example_args: &str) {
    let cmd = Command::new("create").about(format!("Create a {}", R::NOUN)).arg(dry_run_arg());
    let cmd = opts::add_all(cmd, R::CREATE);
    reg.add(&path(R::GROUP, "create"), cmd, &example(R::GROUP, &format!("create {example_args}")), |m, ctx| {
        let values = opts::collect(R::CREATE, m)?;
        let file = R::FILE_FIELD.and_then(|f| values.str(f));
        let payload = R::create_payload(values)?;
        if dry_run(m) {
            let req = collection_request::<R::Model>(Method::Post).body(payload.into_body()?);
            return ctx.describe(&req);
        }
        let manager = R::manager(ctx.client()?);
        let record = match file {
            Some(path) => {
                let size = std::fs::metadata(&path).map(|md| md.len()).unwrap_or(0);
                progress::upload(&ctx.out, &format!("Uploading {path}"), size, || manager.create(payload))?
            }
            None => manager.create(payload)?,
        };
        let value = to_json(&record)?;
        ctx.out.say(format!("Created {} {}", R::NOUN, record.resource_id()));
        ctx.out.print_one(&value)
    });
}

/// Registers `update`.
pub fn update<R: CliUpdate>(reg: &mut Registry, example_args: &str) {
    let cmd = Command::new("update").about(format!("Update a {}", R::NOUN)).arg(id_arg::<R>()).arg(dry_run_arg());
    let cmd = opts::add_all(cmd, R::UPDATE);
    let ex = example(R::GROUP, &format!("update {} {example_args}", R::EXAMPLE_ID));
    reg.add(&path(R::GROUP, "update"), cmd, &ex, |m, ctx| {
        let values = opts::collect(R::UPDATE, m)?;
        if values.is_empty() {
            return Err(CliError::usage("nothing to update: give at least one option (see --help)"));
        }
        let payload = R::update_payload(values)?;
        let id = id(m);
        if dry_run(m) {
            let req = detail_request::<R::Model>(Method::Patch, &id)?.body(payload.into_body()?);
            return ctx.describe(&req);
        }
        let record = R::manager(ctx.client()?).update(&id, payload)?;
        ctx.out.say(format!("Updated {} {id}", R::NOUN));
        ctx.out.print_one(&to_json(&record)?)
    });
}

/// Registers `delete` (asks first unless `--yes`).
pub fn delete<R: CliResource + spec::Delete>(reg: &mut Registry) {
    let mut cmd = Command::new("delete").about(format!("Delete a {}", R::NOUN)).arg(id_arg::<R>()).arg(dry_run_arg());
    let ex = match R::CONFIRM_FLAG {
        Some("yes") => {
            cmd = cmd.arg(yes_arg());
            example(R::GROUP, &format!("delete {} --yes", R::EXAMPLE_ID))
        }
        Some(flag) => {
            cmd = cmd.arg(Arg::new("yes").long(flag).action(ArgAction::SetTrue).help("Skip the confirmation"));
            example(R::GROUP, &format!("delete {} --{flag}", R::EXAMPLE_ID))
        }
        None => example(R::GROUP, &format!("delete {}", R::EXAMPLE_ID)),
    };
    reg.add(&path(R::GROUP, "delete"), cmd, &ex, |m, ctx| {
        let id = id(m);
        if dry_run(m) {
            return ctx.describe(&detail_request::<R::Model>(Method::Delete, &id)?);
        }
        let yes = R::CONFIRM_FLAG.is_none() || m.get_flag("yes");
        if !ctx.confirm(&format!("Delete {} {id}?", R::NOUN), yes)? {
            ctx.out.say("Cancelled.");
            return Ok(());
        }
        R::manager(ctx.client()?).delete(&id)?;
        ctx.out.say(format!("Deleted {} {id}", R::NOUN));
        if ctx.out.json() {
            ctx.out.print_json(&serde_json::json!({"deleted": id}))?;
        }
        Ok(())
    });
}

/// Registers list, get, update and delete of a resource that has them all
/// but create (which is registered with [`create`] and its example).
pub fn read_update_delete<R: CliUpdate + spec::Get + spec::Delete>(reg: &mut Registry, update_example: &str) {
    list::<R>(reg);
    get::<R>(reg);
    update::<R>(reg, update_example);
    delete::<R>(reg);
}
