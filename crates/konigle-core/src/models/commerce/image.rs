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
/// ```
/// use konigle_core::models::ProductImageCreate;
/// use konigle_core::FileInput;
/// let data = ProductImageCreate::new("prod_01", FileInput::bytes(vec![0u8; 4]).with_name("front.png"))
///     .alt("Front view")
///     .variant_ids(["var_01", "var_02"])
///     .position(2);
/// # let _ = data;
/// ```
#[derive(Debug)]
pub struct ProductImageCreate {
    /// Id of the product (required).
    pub product: String,
    /// Alternative text (empty by default; `None` leaves it out).
    pub alt: Option<String>,
    /// Ids of the variants the image shows.
    pub variant_ids: Option<Vec<String>>,
    /// Position among the product's images (1 or more; 1 by default).
    pub position: Option<u32>,
    /// The image to upload.
    pub file: FileInput,
    /// URL the image was copied from, if any.
    pub src: Option<String>,
}

#[derive(Serialize)]
struct ImageFields<'a> {
    product: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    src: Option<&'a str>,
}

impl ProductImageCreate {
    /// An image of `product` at position 1 with empty alt text.
    pub fn new(product: impl Into<String>, file: impl Into<FileInput>) -> Self {
        ProductImageCreate {
            product: product.into(),
            alt: Some(String::new()),
            variant_ids: Some(Vec::new()),
            position: Some(1),
            file: file.into(),
            src: None,
        }
    }

    /// Sets the variants the image shows.
    pub fn variant_ids<V: Into<String>>(mut self, ids: impl IntoIterator<Item = V>) -> Self {
        self.variant_ids = Some(ids.into_iter().map(Into::into).collect());
        self
    }
}

setters!(ProductImageCreate {
    /// Sets the alternative text.
    alt: some String,
    /// Sets the position.
    position: exact u32,
    /// Sets the URL the image was copied from.
    src: some String,
});

impl Payload for ProductImageCreate {
    fn into_body(self) -> Result<Body> {
        if let Some(p) = self.position {
            check_min("position", p.into(), 1)?;
        }
        let fields = ImageFields {
            product: &self.product,
            alt: self.alt.as_deref(),
            variant_ids: self.variant_ids.as_deref(),
            position: self.position,
            src: self.src.as_deref(),
        };
        let json = Body::json(&fields)?;
        let part = FilePart::new("file", self.file, PRODUCT_IMAGE_FILES)?;
        match json {
            Body::Json(v) => Body::with_files(&v, vec![part]),
            other => Ok(other),
        }
    }
}

/// Payload of `product_images().update` (the file itself cannot change):
/// only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductImageUpdate {
    /// New position (1 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// New alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// New variant ids (an empty list detaches the image from all variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_ids: Option<Vec<String>>,
}

impl ProductImageUpdate {
    /// No changes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the variants the image shows.
    pub fn variant_ids<V: Into<String>>(mut self, ids: impl IntoIterator<Item = V>) -> Self {
        self.variant_ids = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    fn validate(&self) -> Result<()> {
        if let Some(p) = self.position {
            check_min("position", p.into(), 1)?;
        }
        Ok(())
    }
}

setters!(ProductImageUpdate {
    /// Sets the position.
    position: exact u32,
    /// Sets the alternative text.
    alt: some String,
});

impl Payload for ProductImageUpdate {
    fn into_body(self) -> Result<Body> {
        self.validate()?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Part;

    #[test]
    fn multipart_fields_in_order() {
        let data =
            ProductImageCreate::new("prod_01", (b"abc".to_vec(), "side.jpg")).alt("Side").variant_ids(["a", "b"]);
        let Body::Multipart(parts) = data.into_body().unwrap() else { panic!("not multipart") };
        let names: Vec<String> = parts
            .iter()
            .map(|p| match p {
                Part::Text { name, value } => format!("{name}={value}"),
                Part::File(f) => format!("{}:{}:{}", f.field, f.file_name, f.content_type),
            })
            .collect();
        assert_eq!(
            names,
            ["product=prod_01", "alt=Side", "variant_ids=a", "variant_ids=b", "position=1", "file:side.jpg:image/jpeg"]
        );
    }

    #[test]
    fn bad_extension_and_position() {
        assert!(ProductImageCreate::new("p", (b"abc".to_vec(), "doc.pdf")).into_body().is_err());
        assert!(ProductImageCreate::new("p", b"abc".to_vec()).position(0).into_body().is_err());
        assert!(ProductImageUpdate::new().position(0).into_body().is_err());
    }
}
