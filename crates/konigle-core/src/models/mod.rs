//! Resource models, with their create and update payloads.
//!
//! Resources deserialize from the API's JSON (unknown fields are ignored,
//! unknown enum values kept in an `Other` variant) and serialize back with
//! the same field names. Create and update payloads serialize only the
//! fields that are set.

/// Defines `$name`, a field deserializer that reads `null` as `$default()`,
/// the value an absent field gets.
macro_rules! null_as {
    ($name:ident, $default:ident, $t:ty) => {
        fn $name<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<$t, D::Error> {
            Ok(<Option<$t> as serde::Deserialize>::deserialize(d)?.unwrap_or_else($default))
        }
    };
}
pub(crate) use null_as;

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
#[cfg(test)]
mod testing;
pub use rich_text::*;
pub mod website;
pub use website::*;
