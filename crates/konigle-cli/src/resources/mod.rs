//! The resources' declarations, one file per area of the API.
//!
//! Each resource implements [`crate::crud::CliResource`] (and the create and
//! update traits where the SDK offers them) and registers its commands in
//! its area's `register`; special commands are written out beside them.
//!
//! A new resource is one declaration on the SDK's spec marker, e.g. (from
//! `website.rs`):
//!
//! ```ignore
//! impl CliResource for Redirects {
//!     const GROUP: &'static [&'static str] = &["redirects"];
//!     const NOUN: &'static str = "redirect";
//!     const ID: &'static str = "REDIRECT_ID";
//!     const CONFIRM_FLAG: Option<&'static str> = None; // delete without asking, as the reference
//!     const COLUMNS: &'static [Column] = &[("ID", "id"), ("PATH", "path"), ("TARGET", "target")];
//!     const FILTERS: &'static [Opt] = &[Opt::text("query", "q", "Search text").short('q')];
//!     fn manager(c: &Client) -> Manager<Self> { c.redirects() }
//!     fn filters(v: &Values) -> CliResult<RedirectFilters> {
//!         let mut f = RedirectFilters::default();
//!         f.q = v.get("q")?;
//!         Ok(f)
//!     }
//! }
//! impl CliUpdate for Redirects {
//!     const UPDATE: &'static [Opt] = &[Opt::text("target", "target", "New target")];
//!     fn update_payload(v: Values) -> CliResult<RedirectUpdate> { v.into_payload() }
//! }
//! // in register(): crud::read_update_delete::<Redirects>(reg, "--target /new");
//! ```

use konigle_blocking::FileInput;

use crate::app::Registry;

pub mod comm;
pub mod commerce;
pub mod core;
pub mod design;
pub mod sync;
pub mod website;

/// Registers every resource command.
pub fn register(reg: &mut Registry) {
    core::register(reg);
    commerce::register(reg);
    comm::register(reg);
    website::register(reg);
    design::register(reg);
}

/// A file option's value: an `http(s)://` URL is downloaded by the SDK,
/// anything else is a path streamed from disk.
pub fn file_input(value: &str) -> FileInput {
    if value.starts_with("https://") || value.starts_with("http://") {
        FileInput::url(value)
    } else {
        FileInput::path(value)
    }
}

/// The size of a local file, for upload progress (0 for URLs).
pub fn file_len(value: &str) -> u64 {
    std::fs::metadata(value).map(|m| m.len()).unwrap_or(0)
}
