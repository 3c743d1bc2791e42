//! Resource models, with their create and update payloads.
//!
//! Resources deserialize from the API's JSON (unknown fields are ignored,
//! unknown enum values kept in an `Other` variant) and serialize back with
//! the same field names. Create and update payloads serialize only the
//! fields that are set.

pub mod connections;
pub mod media;
pub mod payload;

pub use media::*;
pub use payload::Payload;
pub mod cloud;
pub use cloud::*;
pub mod email;
pub use email::*;
pub mod upload;
pub use connections::{Connection, ConnectionStatus, Credentials};
pub use upload::*;
pub mod form;
pub use form::*;
pub mod marketing;
pub use marketing::*;
pub mod commerce;
pub use commerce::*;
pub mod rich_text;
pub use rich_text::*;
pub mod website;
pub use website::*;
