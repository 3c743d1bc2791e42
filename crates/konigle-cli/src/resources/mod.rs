//! The resources' declarations, one file per area of the API.
//!
//! Each resource implements [`crate::crud::CliResource`] (and the create and
//! update traits where the SDK offers them) and registers its commands in
//! its area's `register`; special commands are written out beside them.

use konigle_blocking::FileInput;

use crate::app::Registry;

pub mod comm;
pub mod commerce;
pub mod core;

/// Registers every resource command.
pub fn register(reg: &mut Registry) {
    core::register(reg);
    commerce::register(reg);
    comm::register(reg);
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
