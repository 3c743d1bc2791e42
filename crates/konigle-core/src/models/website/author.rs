//! Content authors: the model, its social links and the create and update
//! payloads (with an optional avatar image, sent as multipart).

use serde::{Deserialize, Serialize};

use super::site::drop_nulls;
use crate::error::Result;
use crate::file::{FileInput, FilePart};
use crate::models::commerce::null_as_default;
use crate::models::media::IMAGE_FILES;
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::JsonMap;

/// Longest author name.
const NAME_MAX: usize = 255;
/// Longest author handle.
const HANDLE_MAX: usize = 50;
/// Longest tagline.
const TAGLINE_MAX: usize = 255;

/// Profile links of an author. Unset links are not sent.
///
/// ```
/// use konigle_core::models::SocialLinks;
/// let links = SocialLinks::builder().website("https://jane.example.com").build();
/// assert_eq!(links.twitter, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct SocialLinks {
    /// Personal or professional website.
    #[serde(default)]
    pub website: Option<String>,
    /// Twitter profile URL.
    #[serde(default)]
    pub twitter: Option<String>,
    /// Facebook profile URL.
    #[serde(default)]
    pub facebook: Option<String>,
    /// LinkedIn profile URL.
    #[serde(default)]
    pub linkedin: Option<String>,
}

/// A short reference to an author, as other resources embed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorReference {
    /// Id of the author.
    pub id: String,
    /// Name of the author.
    #[serde(default)]
    pub name: Option<String>,
}

/// An author of website content (blog posts, pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Author {
    /// Unique identifier.
    pub id: String,
    /// Name (at most 255 characters).
    pub name: String,
    /// URL handle (at most 50 characters).
    pub handle: String,
    /// Tagline, e.g. `Marketing Head`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tagline: String,
    /// Short biography.
    #[serde(default, deserialize_with = "null_as_default")]
    pub bio: String,
    /// Email address.
    #[serde(default, deserialize_with = "null_as_default")]
    pub email: String,
    /// Profile links.
    #[serde(default)]
    pub social_links: Option<SocialLinks>,
    /// Width of the original avatar, in pixels.
    #[serde(default)]
    pub avatar_width: Option<u32>,
    /// Height of the original avatar, in pixels.
    #[serde(default)]
    pub avatar_height: Option<u32>,
    /// URL of the avatar.
    #[serde(default)]
    pub avatar: Option<String>,
}

impl std::fmt::Display for Author {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Author(id = {}, name={}, handle={})", self.id, self.name, self.handle)
    }
}

impl Resource for Author {
    const PATH: &'static str = "/admin/api/content-authors";
    const NAME: &'static str = "Author";

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as an [`AuthorUpdate`] (validated; the
    /// avatar URL and sizes, which the server derives, left out).
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<AuthorUpdate>(changes, &[])
    }
}

/// The body of an author payload: JSON, or multipart with the avatar last.
fn author_body<T: Serialize>(fields: &T, avatar: Option<FileInput>) -> Result<Body> {
    let mut json = serde_json::to_value(fields)
        .map_err(|e| crate::Error::InvalidInput { field: None, message: format!("cannot encode the body: {e}") })?;
    drop_nulls(&mut json);
    let files = match avatar {
        Some(file) => vec![FilePart::new("avatar", file, IMAGE_FILES)?],
        None => vec![],
    };
    Body::with_files(&json, files)
}

/// Payload of `authors().create`.
///
/// Tagline, bio and email are sent as `""` unless set, as the API expects;
/// assign `None` to one of them after `build()` to leave it out (also out
/// of a multipart body).
/// The avatar is an image file (`.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`):
/// a path (streamed), bytes or a reader (named `upload.bin` unless a name is
/// given), or an `https://` URL the client downloads first; with an avatar
/// the author is sent as `multipart/form-data`, the social links as one
/// JSON field.
///
/// The payload holds a [`FileInput`], so it is neither `Clone` nor `PartialEq`.
///
/// ```
/// use konigle_core::models::{AuthorCreate, SocialLinks};
/// use konigle_core::FileInput;
/// let jane = AuthorCreate::builder()
///     .name("Jane Doe")
///     .handle("jane-doe")
///     .tagline("Editor")
///     .social_links(SocialLinks::builder().twitter("https://twitter.com/jane").build())
///     .avatar(FileInput::bytes(vec![0x89, b'P', b'N', b'G']).with_name("jane.png"))
///     .build();
/// # let _ = jane;
/// ```
#[derive(Debug, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AuthorCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// URL handle (required, at most 50 characters).
    pub handle: String,
    /// Tagline (at most 255 characters; `""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub tagline: Option<String>,
    /// Short biography (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub bio: Option<String>,
    /// Email address (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub email: Option<String>,
    /// Profile links; unset links are not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub social_links: Option<SocialLinks>,
    /// Avatar image to upload.
    #[serde(skip)]
    #[builder(into)]
    pub avatar: Option<FileInput>,
}

impl Payload for AuthorCreate {
    fn into_body(mut self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        check_not_empty("handle", &self.handle)?;
        check_max_len("handle", &self.handle, HANDLE_MAX)?;
        check_opt_max_len("tagline", self.tagline.as_deref(), TAGLINE_MAX)?;
        let avatar = self.avatar.take();
        author_body(&self, avatar)
    }
}

/// Payload of `authors().update`: only the fields set are sent; with an
/// avatar the update is a multipart `PATCH`.
///
/// ```
/// use konigle_core::models::AuthorUpdate;
/// let change = AuthorUpdate::builder().tagline("Chief Editor").build();
/// # let _ = change;
/// ```
#[derive(Debug, Default, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AuthorUpdate {
    /// New name (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New handle (at most 50 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// New tagline (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagline: Option<String>,
    /// New biography.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// New email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New profile links; unset links are not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_links: Option<SocialLinks>,
    /// New avatar image.
    #[serde(skip)]
    #[builder(into)]
    pub avatar: Option<FileInput>,
}

impl Payload for AuthorUpdate {
    fn into_body(mut self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        check_opt_max_len("handle", self.handle.as_deref(), HANDLE_MAX)?;
        check_opt_max_len("tagline", self.tagline.as_deref(), TAGLINE_MAX)?;
        let avatar = self.avatar.take();
        author_body(&self, avatar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    use crate::models::testing::multipart_parts as parts;

    #[test]
    fn minimal_create_sends_blank_defaults() {
        let Body::Json(v) = AuthorCreate::builder().name("Raj Kumar").handle("raj").build().into_body().unwrap() else {
            panic!("not json")
        };
        assert_eq!(v, json!({"name": "Raj Kumar", "handle": "raj", "tagline": "", "bio": "", "email": ""}));
    }

    #[test]
    fn avatar_makes_multipart_with_links_as_json() {
        let data = AuthorCreate::builder()
            .name("Jane")
            .handle("jane")
            .social_links(SocialLinks::builder().website("https://j.example").build())
            .avatar((vec![1u8, 2, 3], "p.png"))
            .build();
        assert_eq!(
            parts(data.into_body().unwrap()),
            [
                "name=Jane",
                "handle=jane",
                "tagline=",
                "bio=",
                "email=",
                r#"social_links={"website":"https://j.example"}"#,
                "avatar:p.png:image/png"
            ]
        );
        let update = AuthorUpdate::builder().name("J").avatar(vec![1u8]).build();
        assert_eq!(parts(update.into_body().unwrap()), ["name=J", "avatar:upload.bin:application/octet-stream"]);
    }

    #[test]
    fn rules() {
        let long = AuthorCreate::builder().name("J").handle("h".repeat(51)).build();
        assert!(matches!(long.into_body(), Err(crate::Error::InvalidInput { field: Some(f), .. }) if f == "handle"));
        let text = AuthorCreate::builder().name("J").handle("j").avatar((vec![1u8], "notes.txt")).build();
        assert!(matches!(text.into_body(), Err(crate::Error::InvalidInput { field: Some(f), .. }) if f == "avatar"));
        assert!(AuthorUpdate::builder().tagline("t".repeat(256)).build().into_body().is_err());
        let Body::Json(v) = AuthorUpdate::builder()
            .social_links(SocialLinks::builder().twitter("https://twitter.com/j").build())
            .build()
            .into_body()
            .unwrap()
        else {
            panic!("not json")
        };
        assert_eq!(v, json!({"social_links": {"twitter": "https://twitter.com/j"}}));
    }

    #[test]
    fn null_text_fields_decode_as_empty() {
        let a: Author =
            serde_json::from_value(json!({"id": "au_1", "name": "J", "handle": "j", "tagline": null, "bio": null}))
                .unwrap();
        assert_eq!((a.tagline.as_str(), a.bio.as_str(), a.email.as_str()), ("", "", ""));
    }

    #[test]
    fn blank_defaults_can_be_left_out() {
        let mut a = AuthorCreate::builder().name("Raj").handle("raj").email("raj@example.com").build();
        a.tagline = None;
        a.bio = None;
        let Body::Json(v) = a.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, json!({"name": "Raj", "handle": "raj", "email": "raj@example.com"}));
        let mut a =
            AuthorCreate::builder().name("Jane").handle("jane").bio("Writes").avatar((vec![1u8], "p.png")).build();
        a.tagline = None;
        a.email = None;
        assert_eq!(parts(a.into_body().unwrap()), ["name=Jane", "handle=jane", "bio=Writes", "avatar:p.png:image/png"]);
        let mut a = AuthorCreate::builder().name("J").handle("j").tagline("t".repeat(256)).build();
        assert!(matches!(a.into_body(), Err(crate::Error::InvalidInput { field: Some(f), .. }) if f == "tagline"));
        a = AuthorCreate::builder().name("J").handle("j").build();
        a.tagline = None;
        assert!(a.into_body().is_ok());
    }
}
