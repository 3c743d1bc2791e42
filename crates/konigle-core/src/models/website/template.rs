//! Site templates: layouts of components, HTML snippets, and the create and
//! update payloads.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::site::json_without_nulls;
use crate::error::{Error, Result};
use crate::models::commerce::null_as_default;
use crate::models::payload::{check_max_len, check_not_empty, check_opt_max_len, save_through, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{validate, Json, JsonMap, Timestamp};

/// Longest template name and handle.
const NAME_MAX: usize = 255;
/// Longest snippet name.
const SNIPPET_NAME_MAX: usize = 100;

fn component() -> String {
    "component".to_string()
}

fn layout_version() -> String {
    "2".to_string()
}

fn enabled() -> bool {
    true
}

/// A section of a page: one component. Fields this SDK does not know are
/// kept in `extra` and sent back unchanged.
///
/// ```
/// use konigle_core::models::LayoutBlock;
/// let hero = LayoutBlock::builder().component_id("cm_1").name("Hero").build();
/// assert_eq!(hero.kind, "component");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct LayoutBlock {
    /// Type of the block; only `component` exists.
    #[serde(rename = "type", default = "component")]
    #[builder(default = component())]
    pub kind: String,
    /// Id of the component.
    #[serde(default)]
    pub component_id: Option<String>,
    /// Name of the block (`""` by default).
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub name: String,
    /// Other fields of the block (e.g. its settings).
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

/// A collection of blocks and their order.
///
/// ```
/// use konigle_core::models::{LayoutBlock, Segment};
/// let main = Segment::builder()
///     .blocks([("hero".to_string(), LayoutBlock::builder().component_id("cm_1").build())].into())
///     .order(vec!["hero".into()])
///     .build();
/// # let _ = main;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct Segment {
    /// The blocks by key (keys: lowercase letters, digits and `_`).
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub blocks: BTreeMap<String, LayoutBlock>,
    /// Keys of the blocks in display order.
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub order: Vec<String>,
    /// Other fields of the segment.
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

impl Segment {
    fn validate(&self, name: &str) -> Result<()> {
        for key in self.blocks.keys() {
            validate::block_key(&format!("layout.{name}.blocks"), key)?;
        }
        for key in &self.order {
            validate::block_key(&format!("layout.{name}.order"), key)?;
        }
        Ok(())
    }
}

/// The layout of a template: header, main and footer segments.
///
/// ```
/// use konigle_core::models::{Segment, TemplateLayout};
/// let layout = TemplateLayout::builder().main(Segment::default()).build();
/// assert_eq!(layout.version, "2");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct TemplateLayout {
    /// Layout format version (`2`).
    #[serde(default = "layout_version")]
    #[builder(default = layout_version())]
    pub version: String,
    /// Header segment.
    #[serde(default)]
    pub header: Option<Segment>,
    /// Main content segment.
    #[serde(default)]
    pub main: Option<Segment>,
    /// Footer segment.
    #[serde(default)]
    pub footer: Option<Segment>,
    /// CSS assets of the layout.
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub css_assets: Vec<Json>,
    /// JS assets of the layout.
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub js_assets: Vec<Json>,
    /// Id of the template the layout belongs to (never changes).
    #[serde(default)]
    pub template_id: Option<String>,
    /// Other fields of the layout.
    #[serde(flatten)]
    #[builder(default)]
    pub extra: JsonMap,
}

impl TemplateLayout {
    fn validate(&self) -> Result<()> {
        for (name, segment) in [("header", &self.header), ("main", &self.main), ("footer", &self.footer)] {
            if let Some(s) = segment {
                s.validate(name)?;
            }
        }
        Ok(())
    }
}

/// HTML injected into pages: scripts, stylesheets, meta tags, fonts,
/// tracking codes…
///
/// ```
/// use konigle_core::models::HtmlSnippet;
/// let ga = HtmlSnippet::builder().name("ga").html("<script>ga()</script>").build();
/// assert!(ga.enabled);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct HtmlSnippet {
    /// Name, unique among its template's snippets (at most 100 characters).
    pub name: String,
    /// The HTML.
    pub html: String,
    /// Whether it is injected (`true` by default).
    #[serde(default = "enabled")]
    #[builder(default = true)]
    pub enabled: bool,
}

/// A list of HTML snippets with unique names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct HtmlSnippets {
    /// The snippets.
    #[serde(default, deserialize_with = "null_as_default")]
    #[builder(default)]
    pub snippets: Vec<HtmlSnippet>,
}

impl From<Vec<HtmlSnippet>> for HtmlSnippets {
    fn from(snippets: Vec<HtmlSnippet>) -> Self {
        HtmlSnippets { snippets }
    }
}

impl HtmlSnippets {
    fn validate(&self, field: &str) -> Result<()> {
        let mut seen = BTreeSet::new();
        for s in &self.snippets {
            check_max_len(&format!("{field}.name"), &s.name, SNIPPET_NAME_MAX)?;
            if !seen.insert(s.name.as_str()) {
                return Err(Error::invalid(field, format!("snippet names must be unique; {:?} repeats", s.name)));
            }
        }
        Ok(())
    }
}

/// A site template: the layout landing pages are built on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Template {
    /// Unique identifier.
    pub id: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Name.
    pub name: String,
    /// Handle.
    pub handle: String,
    /// The layout (detail only).
    #[serde(default)]
    pub layout: Option<TemplateLayout>,
    /// Whether this is a base template holding the common layout.
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_base: bool,
    /// Id of the base template.
    #[serde(default)]
    pub base: Option<String>,
    /// Snippets injected in `<head>` (root templates only).
    #[serde(default)]
    pub head_snippets: Option<HtmlSnippets>,
    /// Snippets injected before `</body>` (root templates only).
    #[serde(default)]
    pub body_end_snippets: Option<HtmlSnippets>,
    /// Ids of the components the template uses (detail only, computed).
    #[serde(default, deserialize_with = "null_as_default")]
    pub included_component_ids: Vec<String>,
}

impl std::fmt::Display for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Template(id = {}, name = {}, handle = {}), is_base = {}",
            self.id, self.name, self.handle, self.is_base
        )
    }
}

impl Resource for Template {
    const PATH: &'static str = "/admin/api/site-templates";
    const NAME: &'static str = "Template";
    const DETAIL_ONLY_FIELDS: &'static [&'static str] = &["layout", "included_component_ids"];
    const FOREIGN_KEY_FIELDS: &'static [&'static str] = &["base"];

    fn resource_id(&self) -> &str {
        &self.id
    }

    /// The changed fields, read as a [`TemplateUpdate`] (validated; the
    /// computed component ids left out).
    fn save_body(changes: JsonMap) -> Result<JsonMap> {
        save_through::<TemplateUpdate>(changes, &[])
    }
}

/// Payload of `templates().create`.
///
/// The handle is lower-cased; `is_base` is sent as `false` unless set
/// (assign `None` to it after `build()` to leave it out of the request).
///
/// ```
/// use konigle_core::models::{LayoutBlock, HtmlSnippet, Segment, TemplateCreate, TemplateLayout};
/// let main = Segment::builder()
///     .blocks([("hero".to_string(), LayoutBlock::builder().component_id("cm_1").build())].into())
///     .order(vec!["hero".into()])
///     .build();
/// let landing = TemplateCreate::builder()
///     .name("Landing")
///     .handle("landing")
///     .layout(TemplateLayout::builder().main(main).build())
///     .head_snippets(vec![HtmlSnippet::builder().name("ga").html("<script>ga()</script>").build()].into())
///     .build();
/// # let _ = landing;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct TemplateCreate {
    /// Name (required, at most 255 characters).
    pub name: String,
    /// Handle (required: letters, digits, `-` and `_`; lower-cased).
    pub handle: String,
    /// Layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<TemplateLayout>,
    /// Whether this is a base template (`false` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(false), with = |v: bool| Some(v))]
    pub is_base: Option<bool>,
    /// Id of the base template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Snippets injected in `<head>` (root templates only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head_snippets: Option<HtmlSnippets>,
    /// Snippets injected before `</body>` (root templates only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_end_snippets: Option<HtmlSnippets>,
}

fn check_parts(
    layout: Option<&TemplateLayout>,
    head: Option<&HtmlSnippets>,
    body_end: Option<&HtmlSnippets>,
) -> Result<()> {
    if let Some(l) = layout {
        l.validate()?;
    }
    if let Some(s) = head {
        s.validate("head_snippets")?;
    }
    if let Some(s) = body_end {
        s.validate("body_end_snippets")?;
    }
    Ok(())
}

impl Payload for TemplateCreate {
    fn into_body(mut self) -> Result<Body> {
        check_not_empty("name", &self.name)?;
        check_max_len("name", &self.name, NAME_MAX)?;
        check_max_len("handle", &self.handle, NAME_MAX)?;
        self.handle = validate::handle("handle", &self.handle)?;
        check_parts(self.layout.as_ref(), self.head_snippets.as_ref(), self.body_end_snippets.as_ref())?;
        json_without_nulls(&self)
    }
}

/// Payload of `templates().update`: only the fields set are sent.
///
/// ```
/// use konigle_core::models::TemplateUpdate;
/// let change = TemplateUpdate::builder().name("Landing v2").is_base(true).build();
/// # let _ = change;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct TemplateUpdate {
    /// New name (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New handle (lower-cased).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// New layout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<TemplateLayout>,
    /// Whether this is a base template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_base: Option<bool>,
    /// New base template id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// New `<head>` snippets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_snippets: Option<HtmlSnippets>,
    /// New `</body>` snippets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_end_snippets: Option<HtmlSnippets>,
}

impl Payload for TemplateUpdate {
    fn into_body(mut self) -> Result<Body> {
        check_opt_max_len("name", self.name.as_deref(), NAME_MAX)?;
        check_opt_max_len("handle", self.handle.as_deref(), NAME_MAX)?;
        if let Some(h) = &self.handle {
            self.handle = Some(validate::handle("handle", h)?);
        }
        check_parts(self.layout.as_ref(), self.head_snippets.as_ref(), self.body_end_snippets.as_ref())?;
        json_without_nulls(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn main_with(key: &str) -> TemplateLayout {
        let seg = Segment::builder()
            .blocks([(key.to_string(), LayoutBlock::builder().component_id("cm_1").build())].into())
            .order(vec![key.into()])
            .build();
        TemplateLayout::builder().main(seg).build()
    }

    #[test]
    fn create_sends_layout_defaults_and_lowercases_the_handle() {
        let data = TemplateCreate::builder().name("Dict").handle("Dict").layout(main_with("b1")).build();
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(
            v,
            json!({"name": "Dict", "handle": "dict", "layout": {"version": "2", "main": {"blocks": {"b1": {
                "type": "component", "component_id": "cm_1", "name": ""}}, "order": ["b1"]},
                "css_assets": [], "js_assets": []}, "is_base": false})
        );
    }

    #[test]
    fn block_keys_and_snippet_names_are_checked() {
        let bad = TemplateCreate::builder().name("X").handle("x").layout(main_with("Hero-1")).build();
        assert!(matches!(bad.into_body(), Err(Error::InvalidInput { .. })));
        let twice = vec![
            HtmlSnippet::builder().name("a").html("1").build(),
            HtmlSnippet::builder().name("a").html("2").build(),
        ];
        let dup = TemplateCreate::builder().name("X").handle("x").head_snippets(twice.into()).build();
        assert!(dup.into_body().is_err());
        let long = vec![HtmlSnippet::builder().name("n".repeat(101)).html("1").build()];
        assert!(TemplateUpdate::builder().body_end_snippets(long.into()).build().into_body().is_err());
        assert!(TemplateUpdate::builder().handle("a b").build().into_body().is_err());
    }

    #[test]
    fn extra_block_fields_round_trip() {
        let b: LayoutBlock =
            serde_json::from_value(json!({"component_id": "cm_1", "settings": {"dark": true}})).unwrap();
        assert_eq!(b.kind, "component");
        assert_eq!(b.name, "");
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            json!({"type": "component", "component_id": "cm_1", "name": "", "settings": {"dark": true}})
        );
    }

    #[test]
    fn is_base_can_be_left_out() {
        let Body::Json(v) = TemplateCreate::builder().name("T").handle("t").build().into_body().unwrap() else {
            panic!("not json")
        };
        assert_eq!(v, json!({"name": "T", "handle": "t", "is_base": false}));
        let mut data = TemplateCreate::builder().name("T").handle("T").build();
        data.is_base = None;
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, json!({"name": "T", "handle": "t"}));
    }
}
