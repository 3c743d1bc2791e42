//! Images, videos and documents: media assets stored on the platform.
//!
//! The three share one endpoint and differ by MIME type; each has its own
//! model so a list of images never yields a video.

use crate::models::payload::check_opt_max_len;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{Json, Timestamp};

const ASSETS: &str = "/admin/api/storefront-assets";

macro_rules! asset_model {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// Creation time.
            pub created_at: Timestamp,
            /// Last update time.
            pub updated_at: Timestamp,
            /// Unique identifier.
            pub id: String,
            /// User-friendly name, for searching (at most 255 characters).
            pub name: String,
            /// MIME type of the file.
            pub mime_type: String,
            /// Alt text, for accessibility.
            #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
            pub alt_text: String,
            /// Size in bytes.
            #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
            pub size: u64,
            /// URL of the stored file.
            #[serde(default)]
            pub asset_url: Option<String>,
            /// Tags.
            #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
            pub tags: Vec<String>,
            /// Description.
            #[serde(default)]
            pub description: Option<String>,
            /// Free-form metadata.
            #[serde(default)]
            pub meta: Option<Json>,
            $($(#[$fm])* #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")] pub $f: $t,)*
        }

        impl Resource for $name {
            const PATH: &'static str = ASSETS;
            const NAME: &'static str = stringify!($name);
            fn resource_id(&self) -> &str {
                &self.id
            }
            fn save_body(changes: crate::JsonMap) -> Result<crate::JsonMap> {
                crate::models::payload::save_through::<AssetUpdate>(changes, &[])
            }
        }
    };
}

asset_model! {
    /// An image asset.
    Image {
        /// Width in pixels.
        image_width: Option<u32>,
        /// Height in pixels.
        image_height: Option<u32>,
    }
}
asset_model! {
    /// A video asset.
    Video {}
}
asset_model! {
    /// A document asset (PDF, spreadsheet, text).
    Document {}
}

/// Extensions accepted for images.
pub const IMAGE_FILES: FileRules =
    FileRules { kind: "an image", extensions: &[".jpg", ".jpeg", ".png", ".gif", ".webp"] };
/// Extensions accepted for videos.
pub const VIDEO_FILES: FileRules = FileRules { kind: "a video", extensions: &[".mp4", ".webm"] };
/// Extensions accepted for documents.
pub const DOCUMENT_FILES: FileRules =
    FileRules { kind: "a supported document", extensions: &[".pdf", ".csv", ".txt", ".docx", ".xlsx", ".doc", ".xls"] };

/// Fields shared by the three asset creation payloads.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AssetFields {
    /// User-friendly name (required, at most 255 characters).
    pub name: String,
    /// Alt text.
    pub alt_text: String,
    /// Comma-separated tags, e.g. `"hero,banner"`.
    pub tags: String,
    /// URL the asset was sourced from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Free-form metadata, sent as a JSON string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Json>,
}

impl AssetFields {
    /// Fields with a name and everything else empty.
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }

    fn into_body(self, field: &str, file: FileInput, rules: FileRules) -> Result<Body> {
        check_max_len("name", &self.name, 255)?;
        let part = FilePart::new(field, file, rules)?;
        Body::with_files(&self, vec![part])
    }
}

macro_rules! asset_create {
    ($(#[$m:meta])* $name:ident, $field:literal, $file:ident, $rules:expr) => {
        $(#[$m])*
        #[derive(Debug)]
        pub struct $name {
            /// Name, alt text, tags and the rest.
            pub fields: AssetFields,
            /// The file to upload.
            pub $file: FileInput,
        }

        impl $name {
            /// A payload with a name and a file.
            pub fn new(name: impl Into<String>, $file: impl Into<FileInput>) -> Self {
                Self { fields: AssetFields::named(name), $file: $file.into() }
            }
            /// Sets the alt text.
            pub fn alt_text(mut self, v: impl Into<String>) -> Self {
                self.fields.alt_text = v.into();
                self
            }
            /// Sets the comma-separated tags.
            pub fn tags(mut self, v: impl Into<String>) -> Self {
                self.fields.tags = v.into();
                self
            }
            /// Sets the source URL.
            pub fn source_url(mut self, v: impl Into<String>) -> Self {
                self.fields.source_url = Some(v.into());
                self
            }
            /// Sets the description.
            pub fn description(mut self, v: impl Into<String>) -> Self {
                self.fields.description = Some(v.into());
                self
            }
            /// Sets the metadata.
            pub fn meta(mut self, v: Json) -> Self {
                self.fields.meta = Some(v);
                self
            }
        }

        impl Payload for $name {
            fn into_body(self) -> Result<Body> {
                self.fields.into_body($field, self.$file, $rules)
            }
        }
    };
}

asset_create!(
    /// Payload of `images().create`: a `.jpg`, `.jpeg`, `.png`, `.gif` or `.webp` file.
    ///
    /// ```
    /// use konigle_core::models::ImageCreate;
    /// use konigle_core::FileInput;
    /// let data = ImageCreate::new("Hero", FileInput::bytes(vec![0u8; 4]).with_name("hero.png"))
    ///     .alt_text("Sunset")
    ///     .tags("hero,banner");
    /// # let _ = data;
    /// ```
    ImageCreate, "image", image, IMAGE_FILES
);
asset_create!(
    /// Payload of `videos().create`: a `.mp4` or `.webm` file.
    VideoCreate, "file", file, VIDEO_FILES
);
asset_create!(
    /// Payload of `documents().create`: a `.pdf`, `.csv`, `.txt`, `.docx`, `.xlsx`, `.doc` or `.xls` file.
    DocumentCreate, "file", file, DOCUMENT_FILES
);

/// Changes to an asset (the file itself cannot change). Unset fields are not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssetUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New alt text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
    /// New tags (a list here, unlike creation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Json>,
}

impl Payload for AssetUpdate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), 255)?;
        Body::json(&self)
    }
}

/// Update payload of images.
pub type ImageUpdate = AssetUpdate;
/// Update payload of videos.
pub type VideoUpdate = AssetUpdate;
/// Update payload of documents.
pub type DocumentUpdate = AssetUpdate;

crate::string_enum! {
    /// Aspect ratio of a generated image.
    pub enum AspectRatio {
        /// 1:1
        Square = "1:1",
        /// 2:3
        R2x3 = "2:3",
        /// 3:2
        R3x2 = "3:2",
        /// 3:4
        R3x4 = "3:4",
        /// 4:3
        R4x3 = "4:3",
        /// 9:16
        R9x16 = "9:16",
        /// 16:9
        R16x9 = "16:9",
        /// 21:9
        R21x9 = "21:9",
    }
}

crate::string_enum! {
    /// File format of a generated image.
    pub enum ImageFormat {
        /// WebP
        Webp = "webp",
        /// PNG
        Png = "png",
        /// JPEG (`jpg`)
        Jpg = "jpg",
        /// JPEG (`jpeg`)
        Jpeg = "jpeg",
    }
}

/// Payload of `images().generate`: an image from a text prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageGenerate {
    /// What to draw.
    pub prompt: String,
    /// Aspect ratio (default 1:1).
    pub aspect_ratio: AspectRatio,
    /// Output format (default WebP).
    pub output_format: ImageFormat,
}

impl ImageGenerate {
    /// A 1:1 WebP image of `prompt`.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self { prompt: prompt.into(), aspect_ratio: AspectRatio::Square, output_format: ImageFormat::Webp }
    }
    /// Sets the aspect ratio.
    pub fn aspect_ratio(mut self, r: AspectRatio) -> Self {
        self.aspect_ratio = r;
        self
    }
    /// Sets the output format.
    pub fn output_format(mut self, f: ImageFormat) -> Self {
        self.output_format = f;
        self
    }
}

impl Payload for ImageGenerate {
    fn into_body(self) -> Result<Body> {
        self.aspect_ratio.ensure_known("aspect_ratio")?;
        self.output_format.ensure_known("output_format")?;
        Body::json(&self)
    }
}
