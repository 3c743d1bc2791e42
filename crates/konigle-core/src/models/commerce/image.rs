//! Product images: the model, the upload payload and the update payload.

use crate::models::payload::save_through;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{check_min, null_as_default, PRODUCT_IMAGES_PATH};
use crate::error::Result;
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::payload::Payload;
use crate::request::Body;
use crate::resource::Resource;
use crate::Timestamp;

/// Files accepted as product images.
pub const PRODUCT_IMAGE_FILES: FileRules =
    FileRules { kind: "an image", extensions: &[".jpg", ".jpeg", ".png", ".gif", ".webp"] };

/// An image of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductImage {
    /// Unique identifier.
    #[serde(rename = "uid")]
    pub id: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
    /// Id of the product.
    pub product: String,
    /// Alternative text, for accessibility.
    #[serde(default, deserialize_with = "null_as_default")]
    pub alt: String,
    /// Ids of the variants the image shows.
    #[serde(default, deserialize_with = "null_as_default")]
    pub variant_ids: Vec<String>,
    /// Position among the product's images, from 1.
    pub position: u32,
    /// Width in pixels.
    #[serde(default)]
    pub width: Option<u32>,
    /// Height in pixels.
    #[serde(default)]
    pub height: Option<u32>,
    /// URL of the stored image.
    #[serde(default)]
    pub url: Option<String>,
}

impl fmt::Display for ProductImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ProductImage(id = {}, position={}, url={})",
            self.id,
            self.position,
            self.url.as_deref().unwrap_or("None")
        )
    }
}

impl Resource for ProductImage {
    const PATH: &'static str = PRODUCT_IMAGES_PATH;
    const NAME: &'static str = "ProductImage";

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`ProductImageUpdate`] (validated,
    /// read-only fields such as `url` left out).
    fn save_body(changes: Map<String, Value>) -> Result<Map<String, Value>> {
        save_through::<ProductImageUpdate>(changes, &[])
    }
}

/// Payload of `product_images().create`: an image file for a product,
/// uploaded as `multipart/form-data`.
///
/// The file is a path (its extension must be `.jpg`, `.jpeg`, `.png`,
/// `.gif` or `.webp`), bytes or a reader (named `upload.bin` unless a name
/// is given, and then the name must have one of those extensions), or an
/// `https://` URL, which the client downloads first.
///
/// The alt text (`""`), the variant ids (none) and the position (1) are
/// sent with these defaults unless set; assign `None` to one after
/// `build()` to leave it out.
///
/// The payload holds a [`FileInput`], so it is neither `Clone` nor `PartialEq`.
///
/// ```
/// use konigle_core::models::ProductImageCreate;
/// use konigle_core::FileInput;
/// let data = ProductImageCreate::builder()
///     .product("prod_01")
///     .file(FileInput::bytes(vec![0u8; 4]).with_name("front.png"))
///     .alt("Front view")
///     .variant_ids(["var_01", "var_02"])
///     .position(2)
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductImageCreate {
    /// Id of the product (required).
    pub product: String,
    /// Alternative text (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub alt: Option<String>,
    /// Ids of the variants the image shows (none by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(
        required,
        default = Some(Vec::new()),
        with = |v: impl IntoIterator<Item = impl Into<String>>| Some(v.into_iter().map(Into::into).collect())
    )]
    pub variant_ids: Option<Vec<String>>,
    /// Position among the product's images (1 or more; 1 by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(1), with = |v: u32| Some(v))]
    pub position: Option<u32>,
    /// The image to upload (required).
    #[serde(skip)]
    #[builder(into)]
    pub file: FileInput,
    /// URL the image was copied from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

impl Payload for ProductImageCreate {
    fn into_body(self) -> Result<Body> {
        if let Some(p) = self.position {
            check_min("position", p.into(), 1)?;
        }
        let json = Body::json(&self)?;
        let part = FilePart::new("file", self.file, PRODUCT_IMAGE_FILES)?;
        match json {
            Body::Json(v) => Body::with_files(&v, vec![part]),
            other => Ok(other),
        }
    }
}

/// Payload of `product_images().update` (the file itself cannot change):
/// only the fields set are sent.
///
/// ```
/// use konigle_core::models::ProductImageUpdate;
/// let changes = ProductImageUpdate::builder().alt("Back view").variant_ids(["var_02"]).build();
/// # let _ = changes;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ProductImageUpdate {
    /// New position (1 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// New alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// New variant ids (an empty list detaches the image from all variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |v: impl IntoIterator<Item = impl Into<String>>| v.into_iter().map(Into::into).collect())]
    pub variant_ids: Option<Vec<String>>,
}

impl ProductImageUpdate {
    fn validate(&self) -> Result<()> {
        if let Some(p) = self.position {
            check_min("position", p.into(), 1)?;
        }
        Ok(())
    }
}

impl Payload for ProductImageUpdate {
    fn into_body(self) -> Result<Body> {
        self.validate()?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    use crate::models::testing::multipart_parts as parts;

    fn create(file: impl Into<FileInput>) -> ProductImageCreate {
        ProductImageCreate::builder().product("prod_01").file(file).build()
    }

    #[test]
    fn multipart_fields_in_order() {
        let data = ProductImageCreate::builder()
            .product("prod_01")
            .file((b"abc".to_vec(), "side.jpg"))
            .alt("Side")
            .variant_ids(["a", "b"])
            .src("https://cdn.example.com/side.jpg")
            .build();
        assert_eq!(
            parts(data.into_body().unwrap()),
            [
                "product=prod_01",
                "alt=Side",
                "variant_ids=a",
                "variant_ids=b",
                "position=1",
                "src=https://cdn.example.com/side.jpg",
                "file:side.jpg:image/jpeg"
            ]
        );
    }

    #[test]
    fn builder_defaults_and_leaving_them_out() {
        let data = create((b"abc".to_vec(), "front.png"));
        assert_eq!(
            (data.alt.as_deref(), data.variant_ids.as_deref(), data.position),
            (Some(""), Some(&[][..]), Some(1))
        );
        assert_eq!(
            parts(data.into_body().unwrap()),
            ["product=prod_01", "alt=", "position=1", "file:front.png:image/png"]
        );
        let mut bare = create((b"abc".to_vec(), "front.png"));
        bare.alt = None;
        bare.variant_ids = None;
        bare.position = None;
        assert_eq!(parts(bare.into_body().unwrap()), ["product=prod_01", "file:front.png:image/png"]);
    }

    #[test]
    fn update_default_is_the_empty_builder() {
        assert_eq!(ProductImageUpdate::default(), ProductImageUpdate::builder().build());
        let Body::Json(v) =
            ProductImageUpdate::builder().variant_ids(Vec::<String>::new()).position(2).build().into_body().unwrap()
        else {
            panic!("not json")
        };
        assert_eq!(v, json!({"position": 2, "variant_ids": []}));
    }

    #[test]
    fn bad_extension_and_position() {
        assert!(create((b"abc".to_vec(), "doc.pdf")).into_body().is_err());
        assert!(ProductImageCreate::builder()
            .product("p")
            .file(b"abc".to_vec())
            .position(0)
            .build()
            .into_body()
            .is_err());
        assert!(ProductImageUpdate::builder().position(0).build().into_body().is_err());
    }
}
