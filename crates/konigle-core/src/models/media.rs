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

/// Declares an asset creation payload: name, alt text, tags and the rest,
/// then the file, uploaded as `$field`.
macro_rules! asset_create {
    ($(#[$m:meta])* $name:ident, $field:literal, $file:ident, $rules:expr) => {
        $(#[$m])*
        #[derive(Debug, Serialize, bon::Builder)]
        #[non_exhaustive]
        #[builder(on(String, into))]
        pub struct $name {
            /// User-friendly name (required, at most 255 characters).
            pub name: String,
            /// Alt text (`""` by default; `None` leaves it out).
            #[serde(skip_serializing_if = "Option::is_none")]
            #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
            pub alt_text: Option<String>,
            /// Comma-separated tags, e.g. `"hero,banner"` (`""` by default; `None` leaves them out).
            #[serde(skip_serializing_if = "Option::is_none")]
            #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
            pub tags: Option<String>,
            /// URL the asset was sourced from.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub source_url: Option<String>,
            /// Description.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub description: Option<String>,
            /// Free-form metadata, sent as a JSON string.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub meta: Option<Json>,
            /// The file to upload (required): a path, bytes, `(bytes, file
            /// name)`, a reader or an `https://` URL.
            #[serde(skip)]
            #[builder(into)]
            pub $file: FileInput,
        }

        impl Payload for $name {
            fn into_body(self) -> Result<Body> {
                check_max_len("name", &self.name, 255)?;
                let fields = Body::json(&self)?;
                let part = FilePart::new($field, self.$file, $rules)?;
                match fields {
                    Body::Json(v) => Body::with_files(&v, vec![part]),
                    other => Ok(other),
                }
            }
        }
    };
}

asset_create!(
    /// Payload of `images().create`: a `.jpg`, `.jpeg`, `.png`, `.gif` or `.webp` file.
    ///
    /// The alt text and the tags are sent even when empty (their default);
    /// assigning `None` to one of them after `build()` leaves its part out.
    /// The payload holds a [`FileInput`], so it is neither `Clone` nor
    /// `PartialEq`.
    ///
    /// ```
    /// use konigle_core::models::ImageCreate;
    /// use konigle_core::FileInput;
    /// let data = ImageCreate::builder()
    ///     .name("Hero")
    ///     .image(FileInput::bytes(vec![0u8; 4]).with_name("hero.png"))
    ///     .alt_text("Sunset")
    ///     .tags("hero,banner")
    ///     .build();
    /// # let _ = data;
    /// ```
    ImageCreate, "image", image, IMAGE_FILES
);
asset_create!(
    /// Payload of `videos().create`: a `.mp4` or `.webm` file.
    ///
    /// The alt text and the tags are sent even when empty (their default);
    /// assigning `None` to one of them after `build()` leaves its part out.
    /// The payload holds a [`FileInput`], so it is neither `Clone` nor
    /// `PartialEq`.
    ///
    /// ```
    /// use konigle_core::models::VideoCreate;
    /// let data = VideoCreate::builder().name("Intro").file("./intro.mp4").description("Launch").build();
    /// # let _ = data;
    /// ```
    VideoCreate, "file", file, VIDEO_FILES
);
asset_create!(
    /// Payload of `documents().create`: a `.pdf`, `.csv`, `.txt`, `.docx`, `.xlsx`, `.doc` or `.xls` file.
    ///
    /// The alt text and the tags are sent even when empty (their default);
    /// assigning `None` to one of them after `build()` leaves its part out.
    /// The payload holds a [`FileInput`], so it is neither `Clone` nor
    /// `PartialEq`.
    ///
    /// ```
    /// use konigle_core::models::DocumentCreate;
    /// let data = DocumentCreate::builder().name("Price list").file("./prices.pdf").tags("sales").build();
    /// # let _ = data;
    /// ```
    DocumentCreate, "file", file, DOCUMENT_FILES
);

/// Changes to an asset (the file itself cannot change). Unset fields are not sent.
///
/// ```
/// use konigle_core::models::AssetUpdate;
/// let changes = AssetUpdate::builder().alt_text("Sunset over the bay").tags(["hero", "summer"]).build();
/// # let _ = changes;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AssetUpdate {
    /// New name (at most 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New alt text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
    /// New tags (a list here, unlike creation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |v: impl IntoIterator<Item = impl Into<String>>| v.into_iter().map(Into::into).collect())]
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

/// Payload of `images().generate`: an image from a text prompt, 1:1 WebP
/// unless set. The aspect ratio and the format are sent with these defaults;
/// assigning `None` to one of them after `build()` leaves it out.
///
/// ```
/// use konigle_core::models::{AspectRatio, ImageGenerate};
/// let data = ImageGenerate::builder().prompt("A lighthouse at dusk").aspect_ratio(AspectRatio::R16x9).build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ImageGenerate {
    /// What to draw (required).
    pub prompt: String,
    /// Aspect ratio (default 1:1; `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(AspectRatio::Square), with = |v: AspectRatio| Some(v))]
    pub aspect_ratio: Option<AspectRatio>,
    /// Output format (default WebP; `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(ImageFormat::Webp), with = |v: ImageFormat| Some(v))]
    pub output_format: Option<ImageFormat>,
}

impl Payload for ImageGenerate {
    fn into_body(self) -> Result<Body> {
        if let Some(r) = &self.aspect_ratio {
            r.ensure_known("aspect_ratio")?;
        }
        if let Some(f) = &self.output_format {
            f.ensure_known("output_format")?;
        }
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    use crate::models::testing::multipart_parts as parts;

    use crate::models::testing::json_body;

    #[test]
    fn create_sends_blank_alt_text_and_tags() {
        let data = ImageCreate::builder().name("Hero").image((vec![1u8], "hero.png")).build();
        assert_eq!(parts(data.into_body().unwrap()), ["name=Hero", "alt_text=", "tags=", "image:hero.png:image/png"]);
        let data = VideoCreate::builder()
            .name("Intro")
            .file((vec![1u8], "intro.mp4"))
            .alt_text("a")
            .tags("t1,t2")
            .source_url("https://v.example/intro")
            .description("d")
            .meta(json!({"duration": 3}))
            .build();
        assert_eq!(
            parts(data.into_body().unwrap()),
            [
                "name=Intro",
                "alt_text=a",
                "tags=t1,t2",
                "source_url=https://v.example/intro",
                "description=d",
                r#"meta={"duration":3}"#,
                "file:intro.mp4:video/mp4"
            ]
        );
        let bad = DocumentCreate::builder().name("n".repeat(256)).file((vec![1u8], "a.pdf")).build();
        assert!(bad.into_body().is_err());
        let wrong = DocumentCreate::builder().name("Sheet").file((vec![1u8], "a.mp4")).build();
        assert!(wrong.into_body().is_err());
    }

    #[test]
    fn create_alt_text_and_tags_can_be_left_out() {
        let mut data = ImageCreate::builder().name("Hero").image((vec![1u8], "hero.png")).tags("t").build();
        data.alt_text = None;
        assert_eq!(parts(data.into_body().unwrap()), ["name=Hero", "tags=t", "image:hero.png:image/png"]);
        let mut data = DocumentCreate::builder().name("Sheet").file((vec![1u8], "a.pdf")).alt_text("a").build();
        data.tags = None;
        assert_eq!(parts(data.into_body().unwrap()), ["name=Sheet", "alt_text=a", "file:a.pdf:application/pdf"]);
        let mut data = VideoCreate::builder().name("Intro").file((vec![1u8], "intro.mp4")).build();
        data.alt_text = None;
        data.tags = None;
        assert_eq!(parts(data.into_body().unwrap()), ["name=Intro", "file:intro.mp4:video/mp4"]);
    }

    #[test]
    fn update_default_is_the_empty_builder() {
        assert_eq!(AssetUpdate::default(), AssetUpdate::builder().build());
        assert_eq!(json_body(AssetUpdate::builder().build()), json!({}));
        let u = AssetUpdate::builder().tags(Vec::<String>::new()).meta(json!({"k": 1})).build();
        assert_eq!(json_body(u), json!({"tags": [], "meta": {"k": 1}}));
    }

    #[test]
    fn generate_defaults_to_a_square_webp() {
        assert_eq!(
            json_body(ImageGenerate::builder().prompt("Fern").build()),
            json!({"prompt": "Fern", "aspect_ratio": "1:1", "output_format": "webp"})
        );
        let set = ImageGenerate::builder()
            .prompt("Fern")
            .aspect_ratio(AspectRatio::R3x2)
            .output_format(ImageFormat::Png)
            .build();
        assert_eq!(json_body(set), json!({"prompt": "Fern", "aspect_ratio": "3:2", "output_format": "png"}));
        let mut bare = ImageGenerate::builder().prompt("Fern").build();
        bare.aspect_ratio = None;
        assert_eq!(json_body(bare.clone()), json!({"prompt": "Fern", "output_format": "webp"}));
        bare.output_format = None;
        assert_eq!(json_body(bare), json!({"prompt": "Fern"}));
    }
}
