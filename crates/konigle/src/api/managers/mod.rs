//! The managers, one per resource collection, and their extra actions.

mod media;

pub use media::*;

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
pub type ImageManager = Manager<spec::Images>;
/// Manager of videos (`client.videos()`).
pub type VideoManager = Manager<spec::Videos>;
/// Manager of documents (`client.documents()`).
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
