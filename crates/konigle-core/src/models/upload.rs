//! Uploads: private files stored for the site (reports, exports, imports),
//! not published as storefront assets.
//!
//! An upload is created either by sending the file in one request
//! ([`UploadCreate`]) or directly to cloud storage: ask for a presigned URL
//! ([`CloudUploadCreate`]), send the bytes there, and report progress with
//! `mark_started`, `mark_completed` or `mark_failed`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::file::{FileInput, FilePart, FileRules};
use crate::models::payload::{check_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Path of the uploads collection.
pub const UPLOADS_PATH: &str = "/admin/api/uploads";

crate::string_enum! {
    /// Where an upload stands.
    #[derive(Default)]
    pub enum UploadStatus {
        /// Created, no bytes received yet.
        Pending = "pending",
        /// Bytes are being sent.
        Uploading = "uploading",
        /// The file is stored.
        #[default]
        Completed = "completed",
        /// The upload did not finish.
        Failed = "failed",
    }
}

/// A stored upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Upload {
    /// Unique identifier.
    pub id: String,
    /// URL of the stored file, once there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// MIME type of the file.
    pub mime_type: String,
    /// Name, for display and search.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub name: String,
    /// Size in bytes.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub size: u64,
    /// Free-form metadata (e.g. width and height of images).
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub meta: JsonMap,
    /// Description.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub description: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Object key in the storage backend.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub storage_path: String,
    /// ETag or checksum of the content.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub etag: String,
    /// Where the upload stands.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub status: UploadStatus,
    /// When sending the bytes started, as the server wrote it.
    #[serde(default)]
    pub upload_started_at: Option<String>,
    /// When sending the bytes ended, as the server wrote it.
    #[serde(default)]
    pub upload_ended_at: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub tags: Vec<String>,
}

impl Resource for Upload {
    const PATH: &'static str = UPLOADS_PATH;
    const NAME: &'static str = "Upload";
    fn resource_id(&self) -> &str {
        &self.id
    }
}

/// Extensions accepted for uploads.
pub const UPLOAD_FILES: FileRules = FileRules {
    kind: "a supported file type",
    extensions: &[".pdf", ".csv", ".txt", ".png", ".jpeg", ".jpg", ".gif", ".webp", ".svg", ".zip", ".doc", ".docx"],
};

/// Payload of `uploads().create`: a file sent in one request.
///
/// Files on disk and files given with a name must have one of the
/// [`UPLOAD_FILES`] extensions; bytes without a name are sent as
/// `upload.bin`.
///
/// ```
/// use konigle_core::models::UploadCreate;
/// use konigle_core::FileInput;
/// let data = UploadCreate::new(FileInput::bytes(b"a,b\n1,2\n".to_vec()).with_name("rows.csv"))
///     .name("Rows")
///     .tags("import,q1")
///     .description("Rows to import");
/// # let _ = data;
/// ```
#[derive(Debug)]
pub struct UploadCreate {
    /// The file to upload.
    pub file: FileInput,
    /// Name, for display and search (at most 255 characters; sent even when empty).
    pub name: String,
    /// Comma-separated tags, e.g. `"finance,q1"` (sent even when empty).
    pub tags: String,
    /// Free-form metadata, sent as a JSON string.
    pub meta: Option<JsonMap>,
    /// Description.
    pub description: Option<String>,
}

impl UploadCreate {
    /// A payload with a file and every other field empty.
    pub fn new(file: impl Into<FileInput>) -> Self {
        Self { file: file.into(), name: String::new(), tags: String::new(), meta: None, description: None }
    }
    /// Sets the name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = v.into();
        self
    }
    /// Sets the comma-separated tags.
    pub fn tags(mut self, v: impl Into<String>) -> Self {
        self.tags = v.into();
        self
    }
    /// Sets the metadata.
    pub fn meta(mut self, v: JsonMap) -> Self {
        self.meta = Some(v);
        self
    }
    /// Sets the description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
}

#[derive(Serialize)]
struct UploadFields {
    name: String,
    tags: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<JsonMap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl Payload for UploadCreate {
    fn into_body(self) -> Result<Body> {
        check_max_len("name", &self.name, 255)?;
        let part = FilePart::new("file", self.file, UPLOAD_FILES)?;
        let fields = UploadFields { name: self.name, tags: self.tags, meta: self.meta, description: self.description };
        Body::with_files(&fields, vec![part])
    }
}

/// Payload of `uploads().create_cloud_upload`: the file to be sent directly
/// to cloud storage.
///
/// ```
/// use konigle_core::models::CloudUploadCreate;
/// let data = CloudUploadCreate::new("video/mp4", 52_428_800, "launch.mp4").name("Launch video");
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloudUploadCreate {
    /// MIME type of the file.
    pub mime_type: String,
    /// Size of the file in bytes.
    pub file_size: u64,
    /// File name.
    pub filename: String,
    /// Display name; not sent when empty.
    #[serde(skip_serializing_if = "skip_name")]
    pub name: Option<String>,
}

fn skip_name(name: &Option<String>) -> bool {
    match name {
        Some(n) => n.is_empty(),
        None => true,
    }
}

impl CloudUploadCreate {
    /// A file of `file_size` bytes named `filename`.
    pub fn new(mime_type: impl Into<String>, file_size: u64, filename: impl Into<String>) -> Self {
        Self { mime_type: mime_type.into(), file_size, filename: filename.into(), name: None }
    }
    /// Sets the display name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
        self
    }
}

crate::json_payload!(CloudUploadCreate);

/// Where and how to send the bytes of a cloud upload.
///
/// Fields the server adds beyond these are kept in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudUpload {
    /// Id of the upload, for `mark_started`, `mark_completed` and `mark_failed`.
    pub id: String,
    /// Presigned URL to send the bytes to.
    pub upload_url: String,
    /// HTTP method to send them with (e.g. `PUT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Headers to send with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<JsonMap>,
    /// Seconds the URL stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<u64>,
    /// Any other field of the answer.
    #[serde(flatten)]
    pub extra: JsonMap,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    #[test]
    fn cloud_upload_skips_empty_name() {
        let body = |d: CloudUploadCreate| match d.into_body().unwrap() {
            Body::Json(v) => v,
            other => panic!("{other:?}"),
        };
        let want = json!({"mime_type": "application/pdf", "file_size": 0, "filename": "a.pdf"});
        assert_eq!(body(CloudUploadCreate::new("application/pdf", 0, "a.pdf").name("")), want);
        assert_eq!(body(CloudUploadCreate::new("application/pdf", 0, "a.pdf")), want);
    }

    #[test]
    fn upload_defaults_and_rules() {
        let u: Upload = serde_json::from_value(json!({
            "id": "u1", "url": null, "mime_type": "application/zip", "created_at": "2024-03-02T11:30:00Z"
        }))
        .unwrap();
        assert_eq!(u.status, UploadStatus::Completed);
        assert!(u.meta.is_empty() && u.tags.is_empty());
        let bad = UploadCreate::new(FileInput::bytes(vec![1]).with_name("movie.mp4"));
        assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        let long = UploadCreate::new(FileInput::bytes(vec![1])).name("x".repeat(256));
        assert!(matches!(long.into_body(), Err(Error::InvalidInput { .. })));
    }

    #[test]
    fn cloud_upload_keeps_unknown_fields() {
        let v = json!({"id": "u", "upload_url": "https://s/x", "expires_in": 3600, "fields": {"k": "v"}});
        let c: CloudUpload = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(c.expires_in, Some(3600));
        assert_eq!(serde_json::to_value(&c).unwrap(), v);
    }
}
