//! Components: reusable building blocks of pages and templates, with their
//! create and update payloads.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{Error, Result};
use crate::models::commerce::null_as_default;
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Longest component name.
const NAME_MAX: usize = 255;
/// Longest version string.
const VERSION_MAX: usize = 10;

crate::string_enum! {
    /// Kinds of components.
    pub enum ComponentType {
        /// A regular page section (what `create` makes by default).
        Fluid = "fluid",
        /// A component filled from data.
        Dynamic = "dynamic",
        /// A widget.
        Widget = "widget",
    }
}

fn default_version() -> String {
    "1.0.0".to_string()
}

fn fluid() -> ComponentType {
    ComponentType::Fluid
}

/// A reusable component of landing pages and templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Component {
    /// Unique identifier.
    pub id: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Name, for display and search.
    pub name: String,
    /// Description.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    /// Version.
    #[serde(default = "default_version")]
    pub version: String,
    /// The component's Django template (detail only: `""` in list items).
    #[serde(default, deserialize_with = "null_as_default")]
    pub template_html: String,
    /// Kind of component.
    #[serde(rename = "type", default = "fluid")]
    pub kind: ComponentType,
    /// The component node context.
    #[serde(default, deserialize_with = "null_as_default")]
    pub context: JsonMap,
    /// URL of the thumbnail the platform generates.
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// Thumbnail width in pixels.
    #[serde(default)]
    pub thumbnail_width: Option<u32>,
    /// Thumbnail height in pixels.
    #[serde(default)]
    pub thumbnail_height: Option<u32>,
}

impl std::fmt::Display for Component {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Component(id = {}, name = {})", self.id, self.name)
    }
}

impl Resource for Component {
    const PATH: &'static str = "/admin/api/components";
    const NAME: &'static str = "Component";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["template_html"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`ComponentUpdate`] (the type, context
    /// and thumbnail cannot be changed).
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<ComponentUpdate>(changes, &[])
    }
}

/// Payload of `components().create`: a custom HTML component or widget.
///
/// The SDK adds the component node context the platform expects for custom
/// components: its name and version, and a template code made of the name
/// (lower case, spaces as hyphens) and eight random hexadecimal digits,
/// e.g. `site-footer-0a1b2c3d`. Set `template_code` to choose the code.
///
/// The builder sends an empty description and template, version `1.0.0` and
/// type fluid. Assign `None` to one of these fields after `build()` to leave
/// it out of the request; a type or version left out is left out of the
/// context too.
///
/// ```
/// use konigle_core::models::{ComponentCreate, ComponentType};
/// let footer = ComponentCreate::builder()
///     .name("Site Footer")
///     .template_html("<footer>{{ year }}</footer>")
///     .kind(ComponentType::Widget)
///     .build();
/// # let _ = footer;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ComponentCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Description (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// Version (at most 10 characters; `1.0.0` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(default_version()), with = |v: impl Into<String>| Some(v.into()))]
    pub version: Option<String>,
    /// The Django template (`""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub template_html: Option<String>,
    /// [`ComponentType::Fluid`] (a component, the default) or
    /// [`ComponentType::Widget`].
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(ComponentType::Fluid), with = |v: ComponentType| Some(v))]
    pub kind: Option<ComponentType>,
    /// The template code of the context (generated when unset).
    #[serde(skip)]
    pub template_code: Option<String>,
}

/// Eight pseudo-random hexadecimal digits.
fn random_hex8() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    format!("{:08x}", h.finish() as u32)
}

impl ComponentCreate {
    /// The template code sent in the context: `template_code`, or the
    /// name's slug followed by eight random hexadecimal digits.
    fn code(&self) -> String {
        match &self.template_code {
            Some(code) => code.clone(),
            None => format!("{}-{}", self.name.to_lowercase().replace(' ', "-"), random_hex8()),
        }
    }
}

impl Payload for ComponentCreate {
    fn into_body(self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        check_opt_max_len("version", self.version.as_deref(), VERSION_MAX)?;
        if let Some(kind) = &self.kind {
            if !matches!(kind, ComponentType::Fluid | ComponentType::Widget) {
                return Err(Error::invalid("type", format!("components are created as fluid or widget, not {kind}")));
            }
        }
        let mut context = json!({
            "name_": self.name,
            "is_custom_": true,
            "template_": self.code(),
            "editor_support_": false,
            "component_type_": self.kind,
            "version_": self.version,
            "type_": "component",
        });
        // A type or version left out of the payload is left out of the
        // context too.
        super::site::drop_nulls(&mut context);
        let Body::Json(serde_json::Value::Object(mut body)) = Body::json(&self)? else {
            return Err(Error::invalid("component", "cannot encode the component"));
        };
        body.insert("context".into(), context);
        Ok(Body::Json(body.into()))
    }
}

/// Payload of `components().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::ComponentUpdate;
/// let change = ComponentUpdate::builder().template_html("<div></div>").build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ComponentUpdate {
    /// New name (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New version (at most 10 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// New Django template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_html: Option<String>,
}

impl Payload for ComponentUpdate {
    fn into_body(self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        check_opt_max_len("version", self.version.as_deref(), VERSION_MAX)?;
        Body::json(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_added() {
        let data = ComponentCreate::builder().name("Hero Banner").template_code("hero-banner-0a1b2c3d").build();
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(
            v,
            json!({"name": "Hero Banner", "description": "", "version": "1.0.0", "template_html": "", "type": "fluid",
                "context": {"name_": "Hero Banner", "is_custom_": true, "template_": "hero-banner-0a1b2c3d",
                    "editor_support_": false, "component_type_": "fluid", "version_": "1.0.0", "type_": "component"}})
        );
    }

    #[test]
    fn generated_code_is_slug_and_eight_hex_digits() {
        let data = ComponentCreate::builder().name("Site Footer").kind(ComponentType::Widget).build();
        let code = data.code();
        let suffix = code.strip_prefix("site-footer-").expect("slug prefix");
        assert_eq!(suffix.len(), 8);
        assert!(suffix.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn rules() {
        assert!(ComponentCreate::builder().name("X").version("10.10.10-rc1").build().into_body().is_err());
        assert!(ComponentCreate::builder().name("X").kind(ComponentType::Dynamic).build().into_body().is_err());
        assert!(ComponentCreate::builder().name("").build().into_body().is_err());
        assert!(ComponentUpdate::builder().version("12345678901").build().into_body().is_err());
    }

    #[test]
    fn defaults_can_be_left_out_of_the_body_and_the_context() {
        let mut data = ComponentCreate::builder().name("Hero").template_code("hero-0a1b2c3d").build();
        data.description = None;
        data.version = None;
        data.template_html = None;
        data.kind = None;
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(
            v,
            json!({"name": "Hero", "context": {"name_": "Hero", "is_custom_": true, "template_": "hero-0a1b2c3d",
                "editor_support_": false, "type_": "component"}})
        );
        let mut data = ComponentCreate::builder()
            .name("W")
            .template_code("w-1")
            .kind(ComponentType::Widget)
            .version("2.0")
            .build();
        data.description = None;
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!((&v["type"], &v["version"], v.get("description")), (&json!("widget"), &json!("2.0"), None));
        assert_eq!((&v["context"]["component_type_"], &v["context"]["version_"]), (&json!("widget"), &json!("2.0")));
    }
}
