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
use crate::models::payload::{check_opt_max_len, Payload};
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
/// The name and the tags are sent even when empty (their default);
/// assigning `None` to one of them after `build()` leaves its part out. The
/// payload holds a [`FileInput`], so it is neither `Clone` nor `PartialEq`.
///
/// ```
/// use konigle_core::models::UploadCreate;
/// use konigle_core::FileInput;
/// let data = UploadCreate::builder()
///     .file(FileInput::bytes(b"a,b\n1,2\n".to_vec()).with_name("rows.csv"))
///     .name("Rows")
///     .tags("import,q1")
///     .description("Rows to import")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct UploadCreate {
    /// The file to upload (required): a path, bytes, `(bytes, file name)`,
    /// a reader or an `https://` URL.
    #[serde(skip)]
    #[builder(into)]
    pub file: FileInput,
    /// Name, for display and search (at most 255 characters; `""` by default, sent even when empty; `None` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub name: Option<String>,
    /// Comma-separated tags, e.g. `"finance,q1"` (`""` by default, sent even when empty; `None` leaves them out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub tags: Option<String>,
    /// Free-form metadata, sent as a JSON string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<JsonMap>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Payload for UploadCreate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), 255)?;
        let fields = Body::json(&self)?;
        let part = FilePart::new("file", self.file, UPLOAD_FILES)?;
        match fields {
            Body::Json(v) => Body::with_files(&v, vec![part]),
            other => Ok(other),
        }
    }
}

/// Payload of `uploads().create_cloud_upload`: the file to be sent directly
/// to cloud storage.
///
/// ```
/// use konigle_core::models::CloudUploadCreate;
/// let data = CloudUploadCreate::builder()
///     .mime_type("video/mp4")
///     .file_size(52_428_800)
///     .filename("launch.mp4")
///     .name("Launch video")
///     .build();
/// # let _ = data;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CloudUploadCreate {
    /// MIME type of the file (required).
    pub mime_type: String,
    /// Size of the file in bytes (required).
    pub file_size: u64,
    /// File name (required).
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

crate::json_payload!(CloudUploadCreate);

/// Where and how to send the bytes of a cloud upload.
///
/// Fields the server adds beyond these are kept in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
        let pdf = || CloudUploadCreate::builder().mime_type("application/pdf").file_size(0).filename("a.pdf");
        assert_eq!(body(pdf().name("").build()), want);
        assert_eq!(body(pdf().build()), want);
        assert_eq!(body(pdf().name("Deck").build())["name"], "Deck");
    }

    #[test]
    fn upload_defaults_and_rules() {
        let u: Upload = serde_json::from_value(json!({
            "id": "u1", "url": null, "mime_type": "application/zip", "created_at": "2024-03-02T11:30:00Z"
        }))
        .unwrap();
        assert_eq!(u.status, UploadStatus::Completed);
        assert!(u.meta.is_empty() && u.tags.is_empty());
        let bad = UploadCreate::builder().file(FileInput::bytes(vec![1]).with_name("movie.mp4")).build();
        assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        let long = UploadCreate::builder().file(FileInput::bytes(vec![1])).name("x".repeat(256)).build();
        assert!(matches!(long.into_body(), Err(Error::InvalidInput { .. })));
    }

    use crate::models::testing::multipart_parts as parts;

    #[test]
    fn upload_sends_blank_name_and_tags() {
        let data = UploadCreate::builder().file((b"a,b".to_vec(), "rows.csv")).build();
        assert_eq!((data.name.as_deref(), data.tags.as_deref()), (Some(""), Some("")));
        assert_eq!(parts(data.into_body().unwrap()), ["name=", "tags=", "file:rows.csv:text/csv"]);
        let mut meta = JsonMap::new();
        meta.insert("rows".into(), json!(1));
        let data = UploadCreate::builder()
            .file((b"a,b".to_vec(), "rows.csv"))
            .name("Rows")
            .tags("q1")
            .meta(meta)
            .description("d")
            .build();
        assert_eq!(
            parts(data.into_body().unwrap()),
            ["name=Rows", "tags=q1", r#"meta={"rows":1}"#, "description=d", "file:rows.csv:text/csv"]
        );
    }

    #[test]
    fn upload_name_and_tags_can_be_left_out() {
        let mut data = UploadCreate::builder().file((b"a,b".to_vec(), "rows.csv")).description("d").build();
        data.name = None;
        assert_eq!(parts(data.into_body().unwrap()), ["tags=", "description=d", "file:rows.csv:text/csv"]);
        let mut data = UploadCreate::builder().file((b"a,b".to_vec(), "rows.csv")).name("Rows").build();
        data.tags = None;
        assert_eq!(parts(data.into_body().unwrap()), ["name=Rows", "file:rows.csv:text/csv"]);
    }

    #[test]
    fn cloud_upload_keeps_unknown_fields() {
        let v = json!({"id": "u", "upload_url": "https://s/x", "expires_in": 3600, "fields": {"k": "v"}});
        let c: CloudUpload = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(c.expires_in, Some(3600));
        assert_eq!(serde_json::to_value(&c).unwrap(), v);
    }
}
