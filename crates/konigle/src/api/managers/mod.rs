//! The managers, one per resource collection, and their extra actions.

mod media;

use konigle_core::spec;

use super::{Client, Manager};

impl Client {
    /// Images.
    pub fn images(&self) -> ImageManager {
        Manager::new(self.clone())
    }
    /// Videos.
    pub fn videos(&self) -> VideoManager {
        Manager::new(self.clone())
    }
    /// Documents.
    pub fn documents(&self) -> DocumentManager {
        Manager::new(self.clone())
    }
}

/// Manager of images (`client.images()`).
///
#[doc = doc_example!("images")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type ImageManager = Manager<spec::Images>;
/// Manager of videos (`client.videos()`).
///
#[doc = doc_example!("videos")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type VideoManager = Manager<spec::Videos>;
/// Manager of documents (`client.documents()`).
///
#[doc = doc_example!("documents")]
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type DocumentManager = Manager<spec::Documents>;
mod cloud;
pub use cloud::*;
mod email;
pub use email::*;
mod commerce;
pub use commerce::*;
#[path = "core.rs"]
mod assets;
pub use self::assets::*;
mod marketing;
pub use marketing::*;
mod website_content;
pub use website_content::*;
mod website_site;
pub use website_site::*;
