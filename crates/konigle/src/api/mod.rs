//! The client, its managers and Active Record, written once.
//!
//! This folder is compiled into both `konigle` (async) and
//! `konigle-blocking` (blocking, through a symbolic link). Each crate names
//! its own `crate::facade` attribute (`maybe_async::must_be_async` or
//! `must_be_sync`) and its own `crate::http` transport, so every method
//! below exists in both facades with one body.

mod client;
mod manager;
pub mod managers;
mod raw;
mod record;
pub(crate) mod transport;

pub use client::Client;
pub use manager::Manager;
pub use managers::*;
pub use raw::RawRequest;
pub use record::Record;
