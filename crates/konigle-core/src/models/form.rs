//! Forms and their submissions, served by the forms service.
//!
//! The forms service lives at its own base URL
//! ([`Config::forms_base_url`](crate::Config::forms_base_url)) and is
//! authenticated with a bearer token that the client takes from the
//! `konigle_forms` connection's credentials. Forms are addressed by slug,
//! and its URLs end with `/`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::request::{Body, Method, Request, Service};
use crate::resource::{collection_request, Resource};
use crate::{JsonMap, Timestamp};

/// Path of the forms collection on the forms service.
pub const FORMS_PATH: &str = "/api/dev/forms/";

/// A form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Form {
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Numeric identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// URL-friendly slug, made from the name; forms are addressed by it.
    pub slug: String,
    /// Whether the form accepts submissions.
    pub is_active: bool,
    /// Whether CAPTCHA is on.
    #[serde(default)]
    pub captcha_enabled: Option<bool>,
    /// CAPTCHA site key, for the page that shows the form.
    #[serde(default)]
    pub captcha_site_key: Option<String>,
    /// URL that submissions are posted to.
    pub endpoint_url: String,
}

impl Resource for Form {
    const PATH: &'static str = FORMS_PATH;
    const SERVICE: Service = Service::Forms;
    const TRAILING_SLASH: bool = true;
    const NAME: &'static str = "Form";
    /// The slug: forms are addressed by it.
    fn resource_id(&self) -> &str {
        &self.slug
    }
}

/// Payload of `forms().create`; the slug is made from the name.
///
/// ```
/// use konigle_core::models::FormCreate;
/// let data = FormCreate::builder().name("Contact Us").build();
/// assert_eq!(data.name, "Contact Us");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct FormCreate {
    /// Name of the form (required).
    pub name: String,
}

crate::json_payload!(FormCreate);

/// What the forms service answers to a creation: enough to fetch the form.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct FormCreated {
    /// Slug of the new form.
    pub slug: String,
}

/// One submission of a form, with its spam verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FormSubmission {
    /// Numeric identifier.
    pub id: i64,
    /// Name of the form.
    #[serde(default)]
    pub form_name: Option<String>,
    /// Slug of the form.
    #[serde(default)]
    pub form_slug: Option<String>,
    /// The submitted fields.
    #[serde(default)]
    pub form_data: Option<JsonMap>,
    /// IP address of the submitter.
    pub ip_address: String,
    /// Browser user agent.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// ISO country code (two letters).
    #[serde(default)]
    pub country: Option<String>,
    /// When the form was submitted.
    pub submitted_at: Timestamp,
    /// Addresses notified of the submission.
    #[serde(default)]
    pub emails_sent: Option<Vec<String>>,
    /// Whether the submission was judged spam.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub is_spam: bool,
    /// Confidence of the spam verdict, 0.0 to 1.0.
    #[serde(default, deserialize_with = "crate::models::commerce::null_as_default")]
    pub spam_confidence: f64,
    /// Why the submission was judged spam.
    #[serde(default)]
    pub spam_reason: Option<String>,
}

/// The request listing a form's submissions (`{slug}/submissions/`), without its query.
pub fn submissions_request(slug: &str) -> Result<Request> {
    if slug.is_empty() {
        return Err(Error::invalid("slug", "the form slug is empty"));
    }
    Ok(collection_request::<Form>(Method::Get).segment(slug).suffix("/submissions/"))
}

/// The creation request for `data`.
pub fn create_request(body: Body) -> Request {
    collection_request::<Form>(Method::Post).body(body)
}

/// Number of pages of a forms-service list: the service does not report it,
/// so it is `count / page_size` rounded up (0 for an empty list).
///
/// ```
/// use konigle_core::models::form_page_count;
/// assert_eq!(form_page_count(5, 2), 3);
/// assert_eq!(form_page_count(0, 20), 0);
/// ```
pub fn form_page_count(count: u64, page_size: u32) -> u32 {
    if page_size == 0 {
        return 1;
    }
    let pages = count.div_ceil(u64::from(page_size));
    u32::try_from(pages).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::detail_request;
    use serde_json::json;

    #[test]
    fn paths_end_with_a_slash_on_the_forms_service() {
        let r = detail_request::<Form>(Method::Get, "contact-us").unwrap();
        assert_eq!((r.path(), r.target()), ("/api/dev/forms/contact-us/", Service::Forms));
        let r = submissions_request("a/b").unwrap();
        assert_eq!(r.path(), "/api/dev/forms/a%2Fb/submissions/");
        assert!(submissions_request("").is_err());
        assert_eq!(create_request(Body::None).path(), "/api/dev/forms/");
    }

    #[test]
    fn create_sends_the_name() {
        let body = crate::models::Payload::into_body(FormCreate::builder().name("Contact Us").build()).unwrap();
        assert!(matches!(body, Body::Json(v) if v == json!({"name": "Contact Us"})));
    }

    #[test]
    fn submission_defaults() {
        let s: FormSubmission = serde_json::from_value(json!({
            "id": 9002, "ip_address": "198.51.100.7", "submitted_at": "2024-03-02T11:30:00Z"
        }))
        .unwrap();
        assert!(!s.is_spam && s.spam_confidence == 0.0 && s.form_data.is_none());
        assert_eq!(form_page_count(4, 2), 2);
        assert_eq!(form_page_count(u64::MAX, 1), u32::MAX);
    }
}
