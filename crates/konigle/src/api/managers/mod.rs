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
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::{ImageCreate, ImageGenerate};
/// use konigle::FileInput;
///
/// let hero = ImageCreate::new("Hero", FileInput::bytes(png_bytes).with_name("hero.png")).alt_text("Sunset");
/// let hero = client.images().create(hero).await?;
/// let hits = client.images().search("sunset", 1, None).await?;
/// let art = client.images().generate(ImageGenerate::new("A red bicycle at dawn")).await?;
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type ImageManager = Manager<spec::Images>;
/// Manager of videos (`client.videos()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::VideoCreate;
///
/// let tour = client.videos().create(VideoCreate::new("Store tour", "media/tour.mp4")).await?; // streamed from disk
/// let hits = client.videos().search("tour", 1, Some(20)).await?;
/// ```
///
/// See `examples/assets_and_cloud.rs` for a runnable walk-through.
pub type VideoManager = Manager<spec::Videos>;
/// Manager of documents (`client.documents()`).
///
/// With the async client (the blocking client is the same without `.await`):
///
/// ```rust,ignore
/// use konigle::models::DocumentCreate;
///
/// let prices = client.documents().create(DocumentCreate::new("Price list", "docs/prices.pdf")).await?;
/// println!("{} ({} bytes) at {:?}", prices.mime_type, prices.size, prices.asset_url);
/// client.documents().delete(&prices.id).await?;
/// ```
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
