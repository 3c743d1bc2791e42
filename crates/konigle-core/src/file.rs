//! File inputs: what a user can upload, and how it becomes a multipart file part.
//!
//! A [`FileInput`] is a path on disk (streamed when sent, never read whole),
//! bytes or a reader with a file name, or an `https://` URL that the client
//! downloads first. [`FilePart::new`] normalizes it the way the platform
//! expects: the file name, its MIME type from the extension, and the
//! per-asset extension check, all before anything is sent.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

/// File name used for bytes given without one.
pub const DEFAULT_FILE_NAME: &str = "upload.bin";

/// Something to upload.
///
/// ```
/// use konigle_core::FileInput;
/// let from_disk = FileInput::path("photos/hero.png");
/// let from_memory = FileInput::bytes(vec![1, 2, 3]).with_name("hero.png");
/// let from_web = FileInput::url("https://cdn.example.com/hero.png");
/// # let _ = (from_disk, from_memory, from_web);
/// ```
pub enum FileInput {
    /// A file on disk; streamed when sent.
    Path {
        /// The file's path.
        path: PathBuf,
        /// A file name to send instead of the path's own.
        name: Option<String>,
    },
    /// Bytes in memory.
    Bytes {
        /// The content.
        data: Arc<[u8]>,
        /// The file name (`upload.bin` when absent).
        name: Option<String>,
    },
    /// A reader, read to its end when the request body is built.
    Reader {
        /// The reader.
        reader: Box<dyn Read + Send + Sync>,
        /// The file name (`upload.bin` when absent).
        name: Option<String>,
    },
    /// An `https://` URL, downloaded by the client before the upload.
    Url {
        /// The URL.
        url: String,
        /// A file name to send instead of the URL's own.
        name: Option<String>,
    },
}

impl fmt::Debug for FileInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileInput::Path { path, name } => f.debug_struct("Path").field("path", path).field("name", name).finish(),
            FileInput::Bytes { data, name } => {
                f.debug_struct("Bytes").field("len", &data.len()).field("name", name).finish()
            }
            FileInput::Reader { name, .. } => f.debug_struct("Reader").field("name", name).finish(),
            FileInput::Url { url, name } => f.debug_struct("Url").field("url", url).field("name", name).finish(),
        }
    }
}

impl FileInput {
    /// A file on disk.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        FileInput::Path { path: path.into(), name: None }
    }
    /// Bytes in memory.
    pub fn bytes(data: impl Into<Vec<u8>>) -> Self {
        FileInput::Bytes { data: data.into().into(), name: None }
    }
    /// A reader; it is read to its end when the request is built.
    pub fn reader(reader: impl Read + Send + Sync + 'static) -> Self {
        FileInput::Reader { reader: Box::new(reader), name: None }
    }
    /// An open file, read to its end when the request is built, sent under
    /// the file name of `name` (its last component, so a path works too)
    /// and with the MIME type of that name's extension.
    ///
    /// ```no_run
    /// use konigle_core::FileInput;
    /// let file = std::fs::File::open("photos/hero.png")?;
    /// let input = FileInput::from_file(file, "hero.png"); // sent as hero.png, image/png
    /// # let _ = input;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_file(file: std::fs::File, name: impl AsRef<Path>) -> Self {
        let name = base_name(name.as_ref());
        FileInput::Reader { reader: Box::new(file), name: Some(name) }
    }

    /// Opens the file at `path` now and names it after the path, as
    /// [`from_file`](Self::from_file) does: the open handle is read when the
    /// request is built. ([`path`](Self::path) instead streams the file and
    /// opens it again on a retry.)
    ///
    /// ```no_run
    /// use konigle_core::FileInput;
    /// let input = FileInput::open("reports/q3.pdf")?; // sent as q3.pdf, application/pdf
    /// # let _ = input;
    /// # Ok::<(), konigle_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::File`] when the file cannot be opened.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
        Ok(FileInput::from_file(file, path))
    }

    /// A URL to download first; must start with `https://`.
    pub fn url(url: impl Into<String>) -> Self {
        FileInput::Url { url: url.into(), name: None }
    }

    /// Sets the file name sent with the content.
    pub fn with_name(mut self, file_name: impl Into<String>) -> Self {
        let new = Some(file_name.into());
        match &mut self {
            FileInput::Path { name, .. }
            | FileInput::Bytes { name, .. }
            | FileInput::Reader { name, .. }
            | FileInput::Url { name, .. } => *name = new,
        }
        self
    }
}

impl From<&Path> for FileInput {
    fn from(p: &Path) -> Self {
        FileInput::path(p)
    }
}
impl From<PathBuf> for FileInput {
    fn from(p: PathBuf) -> Self {
        FileInput::path(p)
    }
}
/// A string is a URL when it starts with `https://`, else a path.
impl From<&str> for FileInput {
    fn from(s: &str) -> Self {
        if s.starts_with("https://") {
            FileInput::url(s)
        } else {
            FileInput::path(s)
        }
    }
}
impl From<String> for FileInput {
    fn from(s: String) -> Self {
        FileInput::from(s.as_str())
    }
}
impl From<Vec<u8>> for FileInput {
    fn from(data: Vec<u8>) -> Self {
        FileInput::bytes(data)
    }
}
impl From<&[u8]> for FileInput {
    fn from(data: &[u8]) -> Self {
        FileInput::bytes(data.to_vec())
    }
}
/// `(content, file name)`.
impl<D: Into<Vec<u8>>, N: Into<String>> From<(D, N)> for FileInput {
    fn from((data, name): (D, N)) -> Self {
        FileInput::bytes(data).with_name(name)
    }
}

/// Where the content of a [`FilePart`] comes from.
#[derive(Clone)]
pub enum FileSource {
    /// A file on disk of a known length, opened (again) each time it is sent.
    Path {
        /// The path.
        path: PathBuf,
        /// Its length when checked.
        len: u64,
    },
    /// Bytes in memory.
    Bytes(Arc<[u8]>),
    /// A URL still to download.
    Url(String),
}

impl fmt::Debug for FileSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileSource::Path { path, len } => write!(f, "Path({}, {len} bytes)", path.display()),
            FileSource::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            FileSource::Url(u) => write!(f, "Url({u})"),
        }
    }
}

/// Extension rules of an upload field.
#[derive(Debug, Clone, Copy)]
pub struct FileRules {
    /// What the file must be, for the error message ("an image").
    pub kind: &'static str,
    /// Allowed extensions with their dot, lower case; empty allows any.
    pub extensions: &'static [&'static str],
}

impl FileRules {
    /// Any file.
    pub const ANY: FileRules = FileRules { kind: "a file", extensions: &[] };

    fn check(&self, field: &str, file_name: &str) -> Result<()> {
        let lower = file_name.to_ascii_lowercase();
        if self.extensions.is_empty() || self.extensions.iter().any(|e| lower.ends_with(e)) {
            Ok(())
        } else {
            Err(Error::invalid(field, format!("{file_name:?} must be {} ({})", self.kind, self.extensions.join(", "))))
        }
    }
}

/// A normalized file ready for a multipart body.
#[derive(Debug, Clone)]
pub struct FilePart {
    /// Form field name.
    pub field: String,
    /// File name sent in the part's `Content-Disposition`.
    pub file_name: String,
    /// MIME type sent as the part's `Content-Type`.
    pub content_type: String,
    /// The content.
    pub source: FileSource,
    name_given: bool,
}

impl FilePart {
    /// Normalizes `input` for the form field `field`, checking `rules`.
    ///
    /// A path must exist (else [`Error::File`]); a path or a given file name
    /// must have an allowed extension (else [`Error::InvalidInput`]); a reader
    /// is read now; a URL must be `https://` and is downloaded when sent.
    pub fn new(field: &str, input: FileInput, rules: FileRules) -> Result<FilePart> {
        let (source, file_name, given) = match input {
            FileInput::Path { path, name } => {
                let meta = std::fs::metadata(&path).map_err(|source| Error::File { path: path.clone(), source })?;
                if !meta.is_file() {
                    return Err(Error::File {
                        path,
                        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
                    });
                }
                let file_name = name.unwrap_or_else(|| base_name(&path));
                (FileSource::Path { path, len: meta.len() }, file_name, true)
            }
            FileInput::Bytes { data, name } => {
                let given = name.is_some();
                (FileSource::Bytes(data), name.unwrap_or_else(|| DEFAULT_FILE_NAME.into()), given)
            }
            FileInput::Reader { mut reader, name } => {
                let mut data = Vec::new();
                reader
                    .read_to_end(&mut data)
                    .map_err(|source| Error::File { path: PathBuf::from(name.clone().unwrap_or_default()), source })?;
                let given = name.is_some();
                (FileSource::Bytes(data.into()), name.unwrap_or_else(|| DEFAULT_FILE_NAME.into()), given)
            }
            FileInput::Url { url, name } => {
                if !is_download_url(&url) {
                    return Err(Error::invalid(field, format!("{url:?} is not an https:// URL")));
                }
                let given = name.is_some();
                let file_name = name.unwrap_or_else(|| url_file_name(&url));
                (FileSource::Url(url), file_name, given)
            }
        };
        if given && !matches!(source, FileSource::Url(_)) {
            rules.check(field, &file_name)?;
        }
        Ok(FilePart {
            field: field.to_string(),
            content_type: guess_mime(&file_name).to_string(),
            file_name,
            source,
            name_given: given,
        })
    }

    /// Replaces a URL source with its downloaded content. Without a given
    /// name and with no extension in the URL, the extension comes from the
    /// download's `Content-Type`.
    pub fn set_downloaded(&mut self, data: Vec<u8>, content_type: Option<&str>) {
        if !self.name_given && extension(&self.file_name).is_none() {
            let mime = content_type.unwrap_or("").split(';').next().unwrap_or("").trim();
            if let Some(ext) = extension_for_mime(mime) {
                self.file_name.push('.');
                self.file_name.push_str(ext);
                self.content_type = guess_mime(&self.file_name).to_string();
            }
        }
        self.source = FileSource::Bytes(data.into());
    }

    /// Whether the content can be sent again on a retry without asking the user.
    pub fn is_replayable(&self) -> bool {
        !matches!(self.source, FileSource::Url(_))
    }

    /// Content length when known.
    pub fn len(&self) -> Option<u64> {
        match &self.source {
            FileSource::Path { len, .. } => Some(*len),
            FileSource::Bytes(b) => Some(b.len() as u64),
            FileSource::Url(_) => None,
        }
    }

    /// Whether the content is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }
}

/// The last component of a path, as a file name (lossy for non-UTF-8).
fn base_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Whether a URL may be downloaded: `https://`, or plain `http://` to this
/// machine's loopback address (a local test server).
fn is_download_url(url: &str) -> bool {
    if let Some(rest) = url.strip_prefix("https://") {
        return !rest.is_empty();
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let name = if host.starts_with('[') {
        host.split(']').next().map(|h| &h[1..]).unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The last path segment of a URL, or `download`.
fn url_file_name(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once('/').map(|(_, p)| p).unwrap_or("");
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(last).decode_utf8_lossy().into_owned();
    if decoded.is_empty() {
        "download".into()
    } else {
        decoded
    }
}

fn extension(file_name: &str) -> Option<&str> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some(ext)
}

/// Extension to MIME type, as the platform's reference client guesses them.
/// The first extension of a type is the one used for downloads without one.
const MIME_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("svg", "image/svg+xml"),
    ("avif", "image/avif"),
    ("bmp", "image/bmp"),
    ("ico", "image/vnd.microsoft.icon"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("heic", "image/heic"),
    ("mp4", "video/mp4"),
    ("webm", "video/webm"),
    ("mov", "video/quicktime"),
    ("mpeg", "video/mpeg"),
    ("mpg", "video/mpeg"),
    ("avi", "video/x-msvideo"),
    ("ogv", "video/ogg"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("ogg", "audio/ogg"),
    ("wav", "audio/x-wav"),
    ("pdf", "application/pdf"),
    ("csv", "text/csv"),
    ("txt", "text/plain"),
    ("md", "text/markdown"),
    ("html", "text/html"),
    ("htm", "text/html"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("xml", "application/xml"),
    ("zip", "application/zip"),
    ("tar", "application/x-tar"),
    ("tgz", "application/x-tar"),
    ("wasm", "application/wasm"),
    ("rtf", "application/rtf"),
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xls", "application/vnd.ms-excel"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt", "application/vnd.ms-powerpoint"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("woff", "font/woff"),
    ("woff2", "font/woff2"),
    ("ttf", "font/ttf"),
    ("otf", "font/otf"),
    ("bin", "application/octet-stream"),
];

/// The MIME type of a file name from its extension (case-insensitive);
/// `application/octet-stream` when unknown.
///
/// ```
/// assert_eq!(konigle_core::file::guess_mime("Spec.DOCX"),
///     "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
/// assert_eq!(konigle_core::file::guess_mime("upload"), "application/octet-stream");
/// ```
pub fn guess_mime(file_name: &str) -> &'static str {
    extension(file_name)
        .and_then(|ext| MIME_TYPES.iter().find(|(e, _)| e.eq_ignore_ascii_case(ext)))
        .map(|(_, m)| *m)
        .unwrap_or("application/octet-stream")
}

fn extension_for_mime(mime: &str) -> Option<&'static str> {
    MIME_TYPES.iter().find(|(_, m)| m.eq_ignore_ascii_case(mime)).map(|(e, _)| *e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMAGES: FileRules = FileRules { kind: "an image", extensions: &[".png", ".jpg"] };

    #[test]
    fn bytes_default_name_and_type() {
        let p = FilePart::new("image", FileInput::bytes(vec![1]), IMAGES).unwrap();
        assert_eq!((p.file_name.as_str(), p.content_type.as_str()), ("upload.bin", "application/octet-stream"));
    }

    #[test]
    fn named_bytes_are_checked() {
        let err = FilePart::new("image", ("x", "notes.txt").into(), IMAGES).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "image"));
        let ok = FilePart::new("image", ("x", "A.PNG").into(), IMAGES).unwrap();
        assert_eq!(ok.content_type, "image/png");
    }

    #[test]
    fn an_open_file_takes_its_name_and_type() {
        let dir = std::env::temp_dir().join(format!("konigle-core-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("hero.jpg");
        std::fs::write(&path, b"\xff\xd8jpeg").unwrap();
        let from_file =
            FilePart::new("image", FileInput::from_file(std::fs::File::open(&path).unwrap(), &path), IMAGES).unwrap();
        let opened = FilePart::new("image", FileInput::open(&path).unwrap(), IMAGES).unwrap();
        for p in [from_file, opened] {
            assert_eq!(
                (p.field.as_str(), p.file_name.as_str(), p.content_type.as_str()),
                ("image", "hero.jpg", "image/jpeg")
            );
            assert!(matches!(&p.source, FileSource::Bytes(b) if &b[..] == b"\xff\xd8jpeg"), "{:?}", p.source);
        }
        let renamed = FileInput::from_file(std::fs::File::open(&path).unwrap(), "report.pdf");
        let err = FilePart::new("image", renamed, IMAGES).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "image"), "{err:?}");
        assert!(matches!(FileInput::open(dir.join("missing.png")), Err(Error::File { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_path_is_a_file_error() {
        let err = FilePart::new("image", FileInput::path("/nonexistent/x.png"), IMAGES).unwrap_err();
        assert!(matches!(err, Error::File { .. }));
    }

    #[test]
    fn url_names_and_download_extension() {
        let mut p = FilePart::new("file", "https://cdn.example.com/images/hero.webp?x=1".into(), IMAGES).unwrap();
        assert_eq!(p.file_name, "hero.webp");
        p.set_downloaded(vec![1, 2], Some("image/png"));
        assert_eq!(p.file_name, "hero.webp");
        let mut p = FilePart::new("file", FileInput::url("https://cdn.example.com/photo"), IMAGES).unwrap();
        p.set_downloaded(vec![1], Some("image/jpeg; charset=binary"));
        assert_eq!((p.file_name.as_str(), p.content_type.as_str()), ("photo.jpg", "image/jpeg"));
        let p = FilePart::new("file", FileInput::url("https://cdn.example.com/"), IMAGES).unwrap();
        assert_eq!(p.file_name, "download");
        assert!(FilePart::new("file", FileInput::url("http://insecure/x.png"), IMAGES).is_err());
        assert!(FilePart::new("file", FileInput::url("http://127.0.0.1.evil.test/x.png"), IMAGES).is_err());
        assert!(FilePart::new("file", FileInput::url("http://user@evil.test/x.png"), IMAGES).is_err());
        assert!(FilePart::new("file", FileInput::url("http://127.0.0.1:8080/x.png"), IMAGES).is_ok());
        assert!(FilePart::new("file", FileInput::url("http://[::1]:8080/x.png"), IMAGES).is_ok());
    }
}
