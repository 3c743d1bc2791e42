//! The in-memory store: one generic collection type for every resource,
//! driven by a [`ResourceSpec`] table.
//!
//! Documents are `serde_json` objects. A spec says where a resource lives,
//! how its ids look, which fields it accepts (its schema, which doubles as
//! the defaults of a new document), which are required, unique, enumerated
//! or references to other collections, how lists are filtered and ordered,
//! and which hooks derive computed fields. Every CRUD operation, validation
//! and list page of the server goes through the functions here.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use chrono::{SecondsFormat, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Map, Value};

/// A stored document: a JSON object.
pub type Doc = Map<String, Value>;

/// DRF's message for a missing required field.
pub const REQUIRED: &str = "This field is required.";
/// DRF's message for an empty string in a required field.
pub const BLANK: &str = "This field may not be blank.";
/// DRF's message for a null in a non-nullable field.
pub const NOT_NULL: &str = "This field may not be null.";

/// An error answer of the mock: an HTTP status and a JSON body shaped like
/// the platform's (`{"detail": ...}` or `{"field": ["message"]}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
}

impl ApiError {
    /// An error with a `{"detail": message}` body.
    pub fn detail(status: u16, message: impl Into<String>) -> ApiError {
        ApiError { status, body: json!({ "detail": message.into() }) }
    }

    /// 404 `{"detail": "Not found."}`.
    pub fn not_found() -> ApiError {
        ApiError::detail(404, "Not found.")
    }

    /// 400 with one field error: `{"field": ["message"]}`.
    pub fn field(field: &str, message: impl Into<String>) -> ApiError {
        ApiError { status: 400, body: json!({ field: [message.into()] }) }
    }

    /// 400 with the given field errors.
    pub fn fields(errors: Doc) -> ApiError {
        ApiError { status: 400, body: Value::Object(errors) }
    }

    /// 400 `{"detail": message}`.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::detail(400, message)
    }
}

/// How new ids of a collection look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// `prefix` followed by a sequence number: `prod_1`, `prod_2`...
    Prefixed(&'static str),
    /// A decimal string: `base + sequence`, e.g. `"7181818181818181801"`.
    NumericString(u64),
    /// A JSON integer sequence: 1, 2, 3...
    Integer,
    /// A random UUID v4 string.
    Uuid,
}

/// Where the items of a list page go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `{"count", "next", "previous", "num_pages", "payload"}`.
    Payload,
    /// `{"count", "next", "previous", "results"}` (the forms service).
    Results,
}

/// Which timestamps a document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timestamps {
    /// `created_at` and `updated_at`.
    CreatedUpdated,
    /// `created_at` only.
    CreatedOnly,
    /// None (the resource sets its own).
    None,
}

/// How one list query parameter filters documents.
#[derive(Debug, Clone, Copy)]
pub enum Filter {
    /// Full-text search: every whitespace-separated term must occur
    /// (case-insensitively) in one of these fields.
    Search(&'static [&'static str]),
    /// The field equals the value (numbers and booleans compared as text;
    /// an object field is compared by its `id`/`uid`).
    Eq(&'static str),
    /// The field (a list, or a comma-separated string) holds any of the
    /// comma-separated values.
    Tags(&'static str),
    /// The numeric field is at least the value.
    Min(&'static str),
    /// The numeric field is at most the value.
    Max(&'static str),
    /// The MIME type field is in a category: `image`, `video`, `document`
    /// (neither image nor video), or starts with the value.
    MimeCategory(&'static str),
    /// The field references a document of `collection` whose `remote` field
    /// equals the value (or the field itself equals the value).
    Join {
        /// The referencing field of this document.
        local: &'static str,
        /// The referenced collection.
        collection: &'static str,
        /// The field of the referenced document to compare.
        remote: &'static str,
    },
    /// `ordering=field,-other`: sorts the list.
    Ordering,
    /// A rule of the resource's own: whether the document matches the
    /// value (for parameters whose meaning goes beyond one field, like
    /// `folder=none` for top-level pages).
    Custom(CustomFilter),
}

/// The predicate of a [`Filter::Custom`]: the store, the raw document and
/// the parameter's value.
pub type CustomFilter = fn(&Store, &Doc, &str) -> bool;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Token <api key>`.
    ApiKey,
    /// `Authorization: Bearer <access token>` from the `konigle_forms`
    /// connection's credentials (the forms service).
    FormsToken,
    /// Anyone (public form submissions, file downloads, upload targets).
    Public,
}

/// A create answered with `202 {"<key>": document, "job_id": ...}`: the
/// platform provisions the resource in a background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    /// Key of the document in the answer (`computer`, `webapp`).
    pub key: &'static str,
    /// Task name of the job recorded for it.
    pub task: &'static str,
}

/// Which operations the HTTP API offers for a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ops {
    /// `GET <path>`.
    pub list: bool,
    /// `GET <path>/<key>`.
    pub get: bool,
    /// `POST <path>`.
    pub create: bool,
    /// `PATCH <path>/<key>`.
    pub update: bool,
    /// `DELETE <path>/<key>`.
    pub delete: bool,
}

impl Ops {
    /// Every operation.
    pub const ALL: Ops = Ops { list: true, get: true, create: true, update: true, delete: true };
    /// No operation: an internal collection.
    pub const NONE: Ops = Ops { list: false, get: false, create: false, update: false, delete: false };
}

/// Why a write hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A new document.
    Create,
    /// A PATCH of an existing document.
    Update,
}

/// Which representation of a document is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// An item of a list page.
    List,
    /// The detail endpoint (and create/update answers).
    Detail,
}

/// A write hook: derives computed fields, validates across collections and
/// creates dependent documents. Runs after the generic validation, with the
/// id already assigned, before the document is stored.
pub type Hook = fn(&mut Store, &mut Doc, &Input, Event) -> Result<(), ApiError>;
/// A render hook: adjusts a copy of the document for an answer.
pub type Render = fn(&Store, &mut Doc, View);
/// A delete hook: cascades to dependent documents.
pub type DeleteHook = fn(&mut Store, &Doc);
/// A hook run once a new document is stored (to create documents that
/// reference it). When it fails the new document is deleted again.
pub type AfterCreate = fn(&mut Store, &Doc, &Input) -> Result<(), ApiError>;

/// Everything the mock knows about one resource.
#[derive(Debug, Clone, Copy)]
pub struct ResourceSpec {
    /// Collection name (e.g. `products`).
    pub name: &'static str,
    /// Singular name used in messages (`product with this handle already exists.`).
    pub verbose: &'static str,
    /// URL path of the collection (empty for internal collections).
    pub path: &'static str,
    /// Whether URLs end with `/` (the forms service).
    pub trailing_slash: bool,
    /// Name of the id field (`id` or `uid`).
    pub id_field: &'static str,
    /// How new ids look.
    pub id_style: IdStyle,
    /// The field detail URLs address documents by (usually the id field).
    pub lookup_field: &'static str,
    /// Operations offered over HTTP.
    pub ops: Ops,
    /// Who may call the resource's endpoints.
    pub auth: Auth,
    /// How a create is answered, when not with `201` and the document.
    pub envelope: Option<Envelope>,
    /// Fields a create must carry (non-empty).
    pub required: &'static [&'static str],
    /// Schema fields the client cannot write.
    pub read_only: &'static [&'static str],
    /// Fields whose value must be one of a list.
    pub choices: &'static [(&'static str, &'static [&'static str])],
    /// Fields unique within the collection (non-empty values).
    pub unique: &'static [&'static str],
    /// Fields that must hold an email address (when non-empty).
    pub emails: &'static [&'static str],
    /// Input fields that must name an existing document of a collection.
    pub references: &'static [(&'static str, &'static str)],
    /// Money fields, stored as strings with two decimals.
    pub decimals: &'static [&'static str],
    /// Query parameters that filter lists, and how.
    pub filters: &'static [(&'static str, Filter)],
    /// Fields left out of list items.
    pub detail_only: &'static [&'static str],
    /// Shape of list answers.
    pub list_style: ListStyle,
    /// Timestamps set on write.
    pub timestamps: Timestamps,
    /// The accepted fields with their defaults, in answer order.
    pub schema: fn() -> Value,
    /// Write hook.
    pub on_write: Option<Hook>,
    /// Hook run after a create is stored.
    pub after_create: Option<AfterCreate>,
    /// Delete hook.
    pub on_delete: Option<DeleteHook>,
    /// Render hook.
    pub render: Option<Render>,
}

fn empty_schema() -> Value {
    json!({})
}

impl ResourceSpec {
    /// A spec with every option at its neutral value; the resource table
    /// fills in what differs (`ResourceSpec { name: ..., ..ResourceSpec::BASE }`).
    pub const BASE: ResourceSpec = ResourceSpec {
        name: "",
        verbose: "",
        path: "",
        trailing_slash: false,
        id_field: "id",
        id_style: IdStyle::Integer,
        lookup_field: "id",
        ops: Ops::ALL,
        auth: Auth::ApiKey,
        envelope: None,
        required: &[],
        read_only: &[],
        choices: &[],
        unique: &[],
        emails: &[],
        references: &[],
        decimals: &[],
        filters: &[],
        detail_only: &[],
        list_style: ListStyle::Payload,
        timestamps: Timestamps::CreatedUpdated,
        schema: empty_schema,
        on_write: None,
        after_create: None,
        on_delete: None,
        render: None,
    };
}

/// A file part of a multipart request.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadedFile {
    /// Form field name.
    pub field: String,
    /// File name the client gave.
    pub filename: String,
    /// Content type the client gave.
    pub content_type: String,
    /// The bytes.
    pub data: Bytes,
}

/// The input of a write: JSON (or form) fields and uploaded files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// Fields of the JSON body or the multipart form.
    pub fields: Doc,
    /// Uploaded files, in order.
    pub files: Vec<UploadedFile>,
}

impl Input {
    /// Input made of JSON fields only.
    pub fn json(fields: Doc) -> Input {
        Input { fields, files: Vec::new() }
    }

    /// The field as a string, if it is one.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    /// The first file of a field, or the first file at all when `field` is `None`.
    pub fn file(&self, field: Option<&str>) -> Option<&UploadedFile> {
        self.files.iter().find(|f| field.is_none_or(|name| f.field == name))
    }
}

/// A stored file, served under `/media/<key>/<filename>`.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFile {
    /// File name.
    pub filename: String,
    /// Content type served.
    pub content_type: String,
    /// The bytes.
    pub data: Bytes,
}

#[derive(Debug, Default)]
struct Collection {
    docs: Vec<Doc>,
    seq: u64,
}

/// The whole state of a mock server.
#[derive(Debug)]
pub struct Store {
    specs: &'static [ResourceSpec],
    collections: BTreeMap<&'static str, Collection>,
    files: HashMap<String, StoredFile>,
    base_url: String,
    rng: u64,
    credentials: BTreeMap<String, Value>,
}

/// The current time as the platform writes it (RFC 3339, microseconds, `Z`).
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A URL slug: lowercase ASCII letters and digits joined by single dashes.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// A value as the text a query parameter would carry: strings as they
/// are, numbers and booleans printed, objects by their `id`/`uid`.
pub fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => o.get("id").or_else(|| o.get("uid")).and_then(value_text),
        _ => None,
    }
}

/// Parses a decimal from a JSON string or number.
pub fn parse_decimal(v: &Value) -> Option<Decimal> {
    let text = match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    text.parse::<Decimal>().ok().or_else(|| Decimal::from_scientific(&text).ok())
}

/// A decimal as the platform writes money: a string with two decimals.
pub fn money(d: Decimal) -> Value {
    let mut d = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    Value::String(d.to_string())
}

/// Whether a string looks like an email address.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Items of a list field, or of a comma-separated string.
pub fn list_items(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(value_text).collect(),
        Value::String(s) => s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect(),
        _ => Vec::new(),
    }
}

fn searchable_text(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push(' ');
        }
        Value::Number(n) => {
            out.push_str(&n.to_string());
            out.push(' ');
        }
        Value::Array(items) => items.iter().for_each(|i| searchable_text(i, out)),
        _ => {}
    }
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Orders two JSON values for `ordering`: nulls first, then booleans,
/// numbers (including numeric strings), strings.
pub fn compare_values(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    fn rank(v: Option<&Value>) -> u8 {
        match v {
            None | Some(Value::Null) => 0,
            Some(Value::Bool(_)) => 1,
            Some(Value::Number(_)) => 2,
            Some(Value::String(_)) => 3,
            Some(_) => 4,
        }
    }
    match (a, b) {
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(x @ (Value::Number(_) | Value::String(_))), Some(y @ (Value::Number(_) | Value::String(_)))) => {
            match (as_number(x), as_number(y)) {
                (Some(p), Some(q)) => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
                _ => value_text(x).cmp(&value_text(y)),
            }
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Percent-encodes a query component.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The value of the first query parameter named `key`.
pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn human(field: &str) -> String {
    field.replace('_', " ")
}

impl Store {
    /// An empty store for the given resource table; `base_url` is used in
    /// the URLs the mock generates (files, links).
    pub fn new(specs: &'static [ResourceSpec], base_url: impl Into<String>, seed: u64) -> Store {
        let mut collections = BTreeMap::new();
        for spec in specs {
            collections.insert(spec.name, Collection::default());
        }
        Store {
            specs,
            collections,
            files: HashMap::new(),
            base_url: base_url.into(),
            rng: seed | 1,
            credentials: BTreeMap::new(),
        }
    }

    /// The base URL of the server (`http://127.0.0.1:<port>`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The spec of a collection.
    pub fn spec(&self, name: &str) -> Result<&'static ResourceSpec, ApiError> {
        self.specs.iter().find(|s| s.name == name).ok_or_else(ApiError::not_found)
    }

    /// The resource table.
    pub fn specs(&self) -> &'static [ResourceSpec] {
        self.specs
    }

    /// A pseudo-random number (xorshift), for tokens and UUIDs.
    pub fn random(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        x
    }

    /// A random UUID v4 string.
    pub fn uuid(&mut self) -> String {
        let a = self.random();
        let b = self.random();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }

    /// A random lowercase hex token of `len` characters.
    pub fn token(&mut self, len: usize) -> String {
        let mut s = String::new();
        while s.len() < len {
            s.push_str(&format!("{:016x}", self.random()));
        }
        s.truncate(len);
        s
    }

    /// The documents of a collection, in insertion order (raw, unrendered).
    pub fn docs(&self, name: &str) -> &[Doc] {
        self.collections.get(name).map(|c| c.docs.as_slice()).unwrap_or(&[])
    }

    /// The key a detail URL addresses `doc` by.
    pub fn key_of(spec: &ResourceSpec, doc: &Doc) -> Option<String> {
        doc.get(spec.lookup_field).and_then(value_text)
    }

    /// The id of a document.
    pub fn id_of(spec: &ResourceSpec, doc: &Doc) -> Option<String> {
        doc.get(spec.id_field).and_then(value_text)
    }

    /// The raw document addressed by `key` (its lookup field, or its id).
    pub fn find(&self, name: &str, key: &str) -> Option<&Doc> {
        let spec = self.spec(name).ok()?;
        self.docs(name)
            .iter()
            .find(|d| Store::key_of(spec, d).as_deref() == Some(key) || Store::id_of(spec, d).as_deref() == Some(key))
    }

    /// The first raw document whose `field` has the text `value`.
    pub fn find_by(&self, name: &str, field: &str, value: &str) -> Option<&Doc> {
        self.docs(name).iter().find(|d| d.get(field).and_then(value_text).as_deref() == Some(value))
    }

    fn position(&self, name: &str, key: &str) -> Option<usize> {
        let spec = self.spec(name).ok()?;
        self.docs(name).iter().position(|d| {
            Store::key_of(spec, d).as_deref() == Some(key) || Store::id_of(spec, d).as_deref() == Some(key)
        })
    }

    /// Stores a file under `key`; returns its URL.
    pub fn put_file(&mut self, key: &str, file: StoredFile) -> String {
        let url = format!("{}/media/{}/{}", self.base_url, encode_component(key), encode_component(&file.filename));
        self.files.insert(key.to_owned(), file);
        url
    }

    /// A stored file.
    pub fn file(&self, key: &str) -> Option<&StoredFile> {
        self.files.get(key)
    }

    /// Sets the credentials `get-credentials` returns for a provider.
    pub fn set_credentials(&mut self, provider: &str, credentials: Value) {
        self.credentials.insert(provider.to_owned(), credentials);
    }

    /// The credentials of a provider.
    pub fn credentials(&self, provider: &str) -> Option<&Value> {
        self.credentials.get(provider)
    }

    fn next_id(&mut self, spec: &ResourceSpec) -> Value {
        let seq = match self.collections.get_mut(spec.name) {
            Some(c) => {
                c.seq += 1;
                c.seq
            }
            None => 1,
        };
        match spec.id_style {
            IdStyle::Prefixed(prefix) => Value::String(format!("{prefix}{seq}")),
            IdStyle::NumericString(base) => Value::String(base.saturating_add(seq).to_string()),
            IdStyle::Integer => Value::from(seq),
            IdStyle::Uuid => Value::String(self.uuid()),
        }
    }

    /// A slug based on `text` that no document of `name` has in `field`.
    pub fn unique_slug(&self, name: &str, field: &str, text: &str, fallback: &str, except: Option<&str>) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => fallback.to_owned(),
            s => s,
        };
        let spec = self.spec(name).ok();
        let taken = |candidate: &str| {
            self.docs(name).iter().any(|d| {
                d.get(field).and_then(Value::as_str) == Some(candidate)
                    && (except.is_none() || spec.and_then(|s| Store::id_of(s, d)).as_deref() != except)
            })
        };
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|c| !taken(c)).unwrap_or(base)
    }

    /// Converts an input value to the type of the schema default, checks
    /// choices, emails, references and uniqueness. Records problems in `errors`.
    fn clean(
        &self,
        spec: &ResourceSpec,
        key: &str,
        value: Value,
        default: &Value,
        self_id: Option<&str>,
        errors: &mut Doc,
    ) -> Value {
        let mut err = |msg: String| {
            errors.insert(key.to_owned(), json!([msg]));
        };
        if value.is_null() {
            return Value::Null;
        }
        let value = if spec.decimals.contains(&key) {
            match parse_decimal(&value) {
                Some(d) => money(d),
                None => {
                    err("A valid number is required.".into());
                    return value;
                }
            }
        } else {
            match (default, value) {
                (Value::Number(_), Value::String(s)) => match s.trim().parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => match s.trim().parse::<f64>() {
                        Ok(f) => json!(f),
                        Err(_) => {
                            err("A valid integer is required.".into());
                            Value::String(s)
                        }
                    },
                },
                (Value::Bool(_), Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" | "on" => Value::Bool(true),
                    "false" | "0" | "no" | "off" => Value::Bool(false),
                    _ => {
                        err("Must be a valid boolean.".into());
                        Value::String(s)
                    }
                },
                (Value::Array(_), Value::String(s)) => {
                    Value::Array(list_items(&Value::String(s)).into_iter().map(Value::String).collect())
                }
                (Value::Null | Value::Object(_), Value::String(s))
                    if s.trim_start().starts_with('{') || s.trim_start().starts_with('[') =>
                {
                    serde_json::from_str(&s).unwrap_or(Value::String(s))
                }
                (_, v) => v,
            }
        };
        if let Some((_, allowed)) = spec.choices.iter().find(|(f, _)| *f == key) {
            let text = value_text(&value).unwrap_or_default();
            if !allowed.contains(&text.as_str()) {
                err(format!("\"{text}\" is not a valid choice."));
            }
        }
        if spec.emails.contains(&key) {
            if let Some(s) = value.as_str() {
                if !s.is_empty() && !is_email(s) {
                    err("Enter a valid email address.".into());
                }
            }
        }
        if spec.unique.contains(&key) {
            if let Some(text) = value_text(&value).filter(|t| !t.is_empty()) {
                let clash = self.docs(spec.name).iter().any(|d| {
                    d.get(key).and_then(value_text).is_some_and(|t| t.eq_ignore_ascii_case(&text))
                        && Store::id_of(spec, d).as_deref() != self_id
                });
                if clash {
                    err(format!("{} with this {} already exists.", spec.verbose, human(key)));
                }
            }
        }
        value
    }

    fn check_references(&self, spec: &ResourceSpec, fields: &Doc, errors: &mut Doc) {
        for (field, collection) in spec.references {
            if let Some(text) = fields.get(*field).and_then(value_text).filter(|t| !t.is_empty()) {
                if self.find(collection, &text).is_none() {
                    errors.insert(
                        (*field).to_owned(),
                        json!([format!("Invalid pk \"{text}\" - object does not exist.")]),
                    );
                }
            }
        }
    }

    fn schema(spec: &ResourceSpec) -> Doc {
        match (spec.schema)() {
            Value::Object(m) => m,
            _ => Doc::new(),
        }
    }

    /// Creates a document from `input` (validation, defaults, id,
    /// timestamps, write hook) and returns its detail representation.
    pub fn create(&mut self, name: &str, input: Input) -> Result<Doc, ApiError> {
        let spec = self.spec(name)?;
        let mut errors = Doc::new();
        for field in spec.required {
            match input.fields.get(*field) {
                None | Some(Value::Null) if input.file(Some(field)).is_none() => {
                    errors.insert((*field).to_owned(), json!([REQUIRED]));
                }
                Some(Value::String(s)) if s.trim().is_empty() => {
                    errors.insert((*field).to_owned(), json!([BLANK]));
                }
                Some(Value::Array(items)) if items.is_empty() => {
                    errors.insert((*field).to_owned(), json!([REQUIRED]));
                }
                _ => {}
            }
        }
        let mut doc = Doc::new();
        doc.insert(spec.id_field.to_owned(), Value::Null);
        for (key, default) in Store::schema(spec) {
            let given = (!spec.read_only.contains(&key.as_str()))
                .then(|| input.fields.get(&key).cloned())
                .flatten()
                .filter(|v| !v.is_null());
            let value = match given {
                Some(v) => self.clean(spec, &key, v, &default, None, &mut errors),
                None => default,
            };
            doc.insert(key, value);
        }
        self.check_references(spec, &input.fields, &mut errors);
        if !errors.is_empty() {
            return Err(ApiError::fields(errors));
        }
        let id = self.next_id(spec);
        doc.insert(spec.id_field.to_owned(), id);
        let stamp = now();
        match spec.timestamps {
            Timestamps::CreatedUpdated => {
                doc.insert("created_at".into(), Value::String(stamp.clone()));
                doc.insert("updated_at".into(), Value::String(stamp));
            }
            Timestamps::CreatedOnly => {
                doc.insert("created_at".into(), Value::String(stamp));
            }
            Timestamps::None => {}
        }
        if let Some(hook) = spec.on_write {
            hook(self, &mut doc, &input, Event::Create)?;
        }
        let key = Store::key_of(spec, &doc).unwrap_or_default();
        if let Some(after) = spec.after_create {
            if let Some(c) = self.collections.get_mut(spec.name) {
                c.docs.push(doc.clone());
            }
            if let Err(e) = after(self, &doc, &input) {
                let _ = self.delete(name, &key);
                return Err(e);
            }
        } else if let Some(c) = self.collections.get_mut(spec.name) {
            c.docs.push(doc);
        }
        self.get(name, &key)
    }

    /// Stores a document as given (no validation, no hooks), filling in an
    /// id and timestamps when missing. For seeding.
    pub fn insert_raw(&mut self, name: &str, mut doc: Doc) -> Result<Doc, ApiError> {
        let spec = self.spec(name)?;
        if doc.get(spec.id_field).is_none_or(Value::is_null) {
            let id = self.next_id(spec);
            doc.insert(spec.id_field.to_owned(), id);
        }
        let stamp = now();
        if spec.timestamps != Timestamps::None && !doc.contains_key("created_at") {
            doc.insert("created_at".into(), Value::String(stamp.clone()));
        }
        if spec.timestamps == Timestamps::CreatedUpdated && !doc.contains_key("updated_at") {
            doc.insert("updated_at".into(), Value::String(stamp));
        }
        let key = Store::key_of(spec, &doc).unwrap_or_default();
        if let Some(c) = self.collections.get_mut(spec.name) {
            c.docs.push(doc);
        }
        self.get(name, &key)
    }

    /// The detail representation of a document, or 404.
    pub fn get(&self, name: &str, key: &str) -> Result<Doc, ApiError> {
        let spec = self.spec(name)?;
        let doc = self.find(name, key).ok_or_else(ApiError::not_found)?;
        Ok(self.render(spec, doc, View::Detail))
    }

    /// A copy of `doc` as answered in `view`.
    pub fn render(&self, spec: &ResourceSpec, doc: &Doc, view: View) -> Doc {
        let mut out: Doc =
            doc.iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
        if view == View::List {
            for field in spec.detail_only {
                out.shift_remove(*field);
            }
        }
        if let Some(render) = spec.render {
            render(self, &mut out, view);
        }
        out
    }

    /// Applies a PATCH: writable schema fields of `input` replace the
    /// document's values (after validation), then the write hook runs.
    pub fn update(&mut self, name: &str, key: &str, input: Input) -> Result<Doc, ApiError> {
        let spec = self.spec(name)?;
        let index = self.position(name, key).ok_or_else(ApiError::not_found)?;
        let mut doc = self.docs(name)[index].clone();
        let self_id = Store::id_of(spec, &doc);
        let schema = Store::schema(spec);
        let mut errors = Doc::new();
        for (k, v) in &input.fields {
            let Some(default) = schema.get(k) else { continue };
            if spec.read_only.contains(&k.as_str()) {
                continue;
            }
            if spec.required.contains(&k.as_str()) {
                match v {
                    Value::Null => {
                        errors.insert(k.clone(), json!([NOT_NULL]));
                        continue;
                    }
                    Value::String(s) if s.trim().is_empty() => {
                        errors.insert(k.clone(), json!([BLANK]));
                        continue;
                    }
                    _ => {}
                }
            }
            if v.is_null() && !default.is_null() {
                errors.insert(k.clone(), json!([NOT_NULL]));
                continue;
            }
            let value = self.clean(spec, k, v.clone(), default, self_id.as_deref(), &mut errors);
            doc.insert(k.clone(), value);
        }
        self.check_references(spec, &input.fields, &mut errors);
        if !errors.is_empty() {
            return Err(ApiError::fields(errors));
        }
        if spec.timestamps == Timestamps::CreatedUpdated {
            doc.insert("updated_at".into(), Value::String(now()));
        }
        if let Some(hook) = spec.on_write {
            hook(self, &mut doc, &input, Event::Update)?;
        }
        let new_key = Store::key_of(spec, &doc).unwrap_or_default();
        let index = self.position(name, key).ok_or_else(ApiError::not_found)?;
        if let Some(c) = self.collections.get_mut(spec.name) {
            c.docs[index] = doc;
        }
        self.get(name, &new_key)
    }

    /// Changes a stored document in place (no validation, no hooks; bumps
    /// `updated_at`); returns its detail representation.
    pub fn modify(&mut self, name: &str, key: &str, f: impl FnOnce(&mut Doc)) -> Result<Doc, ApiError> {
        let spec = self.spec(name)?;
        let index = self.position(name, key).ok_or_else(ApiError::not_found)?;
        let new_key = match self.collections.get_mut(spec.name).and_then(|c| c.docs.get_mut(index)) {
            Some(doc) => {
                f(doc);
                if spec.timestamps == Timestamps::CreatedUpdated {
                    doc.insert("updated_at".into(), Value::String(now()));
                }
                Store::key_of(spec, doc).unwrap_or_default()
            }
            None => return Err(ApiError::not_found()),
        };
        self.get(name, &new_key)
    }

    /// Deletes a document (and what its delete hook cascades to).
    pub fn delete(&mut self, name: &str, key: &str) -> Result<(), ApiError> {
        let spec = self.spec(name)?;
        let index = self.position(name, key).ok_or_else(ApiError::not_found)?;
        let doc = match self.collections.get_mut(spec.name) {
            Some(c) => c.docs.remove(index),
            None => return Err(ApiError::not_found()),
        };
        if let Some(id) = Store::id_of(spec, &doc) {
            self.files.remove(&id);
        }
        if let Some(hook) = spec.on_delete {
            hook(self, &doc);
        }
        Ok(())
    }

    /// Deletes every document of `name` matching `pred` (no hooks).
    pub fn delete_where(&mut self, name: &str, pred: impl Fn(&Doc) -> bool) {
        if let Some(c) = self.collections.get_mut(name) {
            c.docs.retain(|d| !pred(d));
        }
    }

    fn matches(&self, doc: &Doc, param_name: &str, filter: Filter, value: &str) -> Result<bool, ApiError> {
        Ok(match filter {
            Filter::Search(fields) => {
                let mut text = String::new();
                for f in fields {
                    if let Some(v) = doc.get(*f) {
                        searchable_text(v, &mut text);
                    }
                }
                let text = text.to_lowercase();
                value.split_whitespace().all(|term| text.contains(&term.to_lowercase()))
            }
            Filter::Eq(field) => {
                doc.get(field).and_then(value_text).is_some_and(|t| t == value || t.eq_ignore_ascii_case(value))
            }
            Filter::Tags(field) => {
                let have = doc.get(field).map(list_items).unwrap_or_default();
                let want = list_items(&Value::String(value.to_owned()));
                want.iter().any(|w| have.iter().any(|h| h.eq_ignore_ascii_case(w)))
            }
            Filter::Min(field) | Filter::Max(field) => {
                let bound: f64 = value.trim().parse().map_err(|_| ApiError::field(param_name, "Enter a number."))?;
                let min = matches!(filter, Filter::Min(_));
                doc.get(field).and_then(as_number).is_some_and(|n| if min { n >= bound } else { n <= bound })
            }
            Filter::MimeCategory(field) => {
                let mime = doc.get(field).and_then(Value::as_str).unwrap_or_default();
                match value {
                    "image" => mime.starts_with("image/"),
                    "video" => mime.starts_with("video/"),
                    "document" => !mime.starts_with("image/") && !mime.starts_with("video/"),
                    other => mime == other || mime.starts_with(other),
                }
            }
            Filter::Join { local, collection, remote } => {
                let Some(reference) = doc.get(local).and_then(value_text) else { return Ok(false) };
                reference == value
                    || self
                        .find(collection, &reference)
                        .and_then(|d| d.get(remote))
                        .and_then(value_text)
                        .is_some_and(|t| t == value)
            }
            Filter::Ordering => true,
            Filter::Custom(rule) => rule(self, doc, value),
        })
    }

    /// One page of a list: filters, ordering and pagination from the
    /// query `params` (plus `fixed` filters the route imposes); `link_base`
    /// is the URL (without query) the `next`/`previous` links point at.
    pub fn list(
        &self,
        name: &str,
        params: &[(String, String)],
        fixed: &[(String, String)],
        link_base: &str,
    ) -> Result<Value, ApiError> {
        let spec = self.spec(name)?;
        let page = match param(params, "page") {
            None => 1,
            Some(p) => p
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| ApiError::detail(404, "Invalid page."))?,
        };
        let page_size = param(params, "page_size")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|s| *s >= 1)
            .unwrap_or(20)
            .min(200);
        let mut selected: Vec<&Doc> = Vec::new();
        'docs: for doc in self.docs(name) {
            for (key, value) in fixed.iter().chain(params.iter()) {
                if value.is_empty() {
                    continue;
                }
                if let Some((_, filter)) = spec.filters.iter().find(|(k, _)| k == key) {
                    if !self.matches(doc, key, *filter, value)? {
                        continue 'docs;
                    }
                }
            }
            selected.push(doc);
        }
        if let Some(ordering) =
            spec.filters.iter().find(|(_, f)| matches!(f, Filter::Ordering)).and_then(|(k, _)| param(params, k))
        {
            let keys: Vec<(&str, bool)> = ordering
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(|k| match k.strip_prefix('-') {
                    Some(f) => (f, true),
                    None => (k, false),
                })
                .collect();
            selected.sort_by(|a, b| {
                for (field, desc) in &keys {
                    let o = compare_values(a.get(*field), b.get(*field));
                    let o = if *desc { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
        }
        let count = selected.len() as u64;
        let num_pages = count.div_ceil(page_size).max(1);
        if page > num_pages {
            return Err(ApiError::detail(404, "Invalid page."));
        }
        let start = ((page - 1) * page_size) as usize;
        let items: Vec<Value> = selected
            .iter()
            .skip(start)
            .take(page_size as usize)
            .map(|d| Value::Object(self.render(spec, d, View::List)))
            .collect();
        let link = |p: u64| {
            let mut q = format!("page={p}&page_size={page_size}");
            for (k, v) in params.iter().filter(|(k, _)| k != "page" && k != "page_size") {
                q.push('&');
                q.push_str(&encode_component(k));
                q.push('=');
                q.push_str(&encode_component(v));
            }
            Value::String(format!("{link_base}?{q}"))
        };
        let next = if page < num_pages { link(page + 1) } else { Value::Null };
        let previous = if page > 1 { link(page - 1) } else { Value::Null };
        Ok(match spec.list_style {
            ListStyle::Payload => json!({
                "count": count, "next": next, "previous": previous, "num_pages": num_pages, "payload": items,
            }),
            ListStyle::Results => json!({ "count": count, "next": next, "previous": previous, "results": items }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widget_schema() -> Value {
        json!({"name": "", "code": "", "kind": "small", "price": null, "qty": 0, "active": true,
               "tags": [], "owner": null, "email": "", "notes": "", "status": "new"})
    }

    fn owner_schema() -> Value {
        json!({"name": "", "handle": ""})
    }

    fn stamp_code(_: &mut Store, doc: &mut Doc, _: &Input, event: Event) -> Result<(), ApiError> {
        if event == Event::Create && doc.get("code").and_then(Value::as_str) == Some("") {
            let name = doc.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            doc.insert("code".into(), Value::String(slugify(&name)));
        }
        Ok(())
    }

    static SPECS: &[ResourceSpec] = &[
        ResourceSpec {
            name: "widgets",
            verbose: "widget",
            path: "/widgets",
            id_style: IdStyle::Prefixed("wid_"),
            required: &["name"],
            read_only: &["status"],
            choices: &[("kind", &["small", "large"])],
            unique: &["code"],
            emails: &["email"],
            references: &[("owner", "owners")],
            decimals: &["price"],
            filters: &[
                ("q", Filter::Search(&["name", "tags"])),
                ("kind", Filter::Eq("kind")),
                ("active", Filter::Eq("active")),
                ("tags", Filter::Tags("tags")),
                ("min_qty", Filter::Min("qty")),
                ("owner_handle", Filter::Join { local: "owner", collection: "owners", remote: "handle" }),
                ("ordering", Filter::Ordering),
            ],
            detail_only: &["notes"],
            schema: widget_schema,
            on_write: Some(stamp_code),
            ..ResourceSpec::BASE
        },
        ResourceSpec {
            name: "owners",
            verbose: "owner",
            path: "/owners",
            id_field: "uid",
            lookup_field: "uid",
            id_style: IdStyle::NumericString(1000),
            list_style: ListStyle::Results,
            schema: owner_schema,
            ..ResourceSpec::BASE
        },
    ];

    fn store() -> Store {
        Store::new(SPECS, "http://mock", 42)
    }

    fn input(v: Value) -> Input {
        match v {
            Value::Object(m) => Input::json(m),
            _ => Input::default(),
        }
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn create_fills_defaults_ids_timestamps_and_hooks() {
        let mut s = store();
        let w = s
            .create(
                "widgets",
                input(json!({"name": "Blue Box", "price": "9.5", "qty": "3", "status": "hacked",
                                                  "unknown": 1})),
            )
            .unwrap();
        assert_eq!(w["id"], "wid_1");
        assert_eq!(w["code"], "blue-box");
        assert_eq!(w["price"], "9.50");
        assert_eq!(w["qty"], 3);
        assert_eq!(w["status"], "new", "read-only fields ignore input");
        assert!(!w.contains_key("unknown"), "unknown fields are dropped");
        assert!(w["created_at"].as_str().unwrap().ends_with('Z'));
        let keys: Vec<&String> = w.keys().collect();
        assert_eq!(keys.first().map(|k| k.as_str()), Some("id"));
        assert_eq!(s.create("widgets", input(json!({"name": "Two"}))).unwrap()["id"], "wid_2");
    }

    #[test]
    fn create_validates_like_the_platform() {
        let mut s = store();
        let e = s.create("widgets", input(json!({"kind": "huge", "email": "nope", "price": "abc"}))).unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(e.body["name"], json!([REQUIRED]));
        assert_eq!(e.body["kind"], json!(["\"huge\" is not a valid choice."]));
        assert_eq!(e.body["email"], json!(["Enter a valid email address."]));
        assert_eq!(e.body["price"], json!(["A valid number is required."]));
        let e = s.create("widgets", input(json!({"name": "  "}))).unwrap_err();
        assert_eq!(e.body, json!({"name": [BLANK]}));
        s.create("widgets", input(json!({"name": "A", "code": "same"}))).unwrap();
        let e = s.create("widgets", input(json!({"name": "B", "code": "SAME"}))).unwrap_err();
        assert_eq!(e.body, json!({"code": ["widget with this code already exists."]}));
        let e = s.create("widgets", input(json!({"name": "C", "owner": "404"}))).unwrap_err();
        assert_eq!(e.body, json!({"owner": ["Invalid pk \"404\" - object does not exist."]}));
        assert_eq!(s.docs("widgets").len(), 1, "failed creates store nothing");
    }

    #[test]
    fn get_update_delete() {
        let mut s = store();
        s.create("widgets", input(json!({"name": "A", "tags": ["x"], "notes": "n"}))).unwrap();
        assert_eq!(s.get("widgets", "wid_1").unwrap()["notes"], "n");
        let u = s.update("widgets", "wid_1", input(json!({"qty": 7, "tags": "a, b", "status": "x"}))).unwrap();
        assert_eq!((u["qty"].clone(), u["tags"].clone(), u["name"].clone()), (json!(7), json!(["a", "b"]), json!("A")));
        assert_eq!(u["status"], "new");
        let e = s.update("widgets", "wid_1", input(json!({"name": null}))).unwrap_err();
        assert_eq!(e.body, json!({"name": [NOT_NULL]}));
        s.create("widgets", input(json!({"name": "B", "code": "bee"}))).unwrap();
        let e = s.update("widgets", "wid_1", input(json!({"code": "bee"}))).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(
            s.update("widgets", "wid_2", input(json!({"code": "bee"}))).is_ok(),
            "a document does not clash with itself"
        );
        s.delete("widgets", "wid_1").unwrap();
        assert_eq!(s.get("widgets", "wid_1").unwrap_err(), ApiError::not_found());
        assert_eq!(s.delete("widgets", "wid_1").unwrap_err().status, 404);
        assert_eq!(s.update("widgets", "nope", Input::default()).unwrap_err().status, 404);
    }

    #[test]
    fn list_paginates_with_links() {
        let mut s = store();
        for i in 0..7 {
            s.create("widgets", input(json!({"name": format!("w{i}"), "notes": "hidden"}))).unwrap();
        }
        let page = s
            .list("widgets", &pairs(&[("page", "2"), ("page_size", "3"), ("q", "w")]), &[], "http://mock/widgets")
            .unwrap();
        assert_eq!(page["count"], 7);
        assert_eq!(page["num_pages"], 3);
        let ids: Vec<&str> = page["payload"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["wid_4", "wid_5", "wid_6"]);
        assert_eq!(page["next"], "http://mock/widgets?page=3&page_size=3&q=w");
        assert_eq!(page["previous"], "http://mock/widgets?page=1&page_size=3&q=w");
        assert!(page["payload"][0].get("notes").is_none(), "detail-only fields are left out of lists");
        let last = s.list("widgets", &pairs(&[("page", "3"), ("page_size", "3")]), &[], "x").unwrap();
        assert_eq!((last["payload"].as_array().unwrap().len(), last["next"].clone()), (1, Value::Null));
        assert_eq!(s.list("widgets", &pairs(&[("page", "4"), ("page_size", "3")]), &[], "x").unwrap_err().status, 404);
        assert_eq!(s.list("widgets", &pairs(&[("page", "0")]), &[], "x").unwrap_err().status, 404);
        let empty = s.list("owners", &[], &[], "x").unwrap();
        assert_eq!(empty, json!({"count": 0, "next": null, "previous": null, "results": []}));
    }

    #[test]
    fn list_filters_and_orders() {
        let mut s = store();
        let owner = s.create("owners", input(json!({"name": "Ann", "handle": "ann"}))).unwrap();
        assert_eq!(owner["uid"], "1001");
        s.create("widgets", input(json!({"name": "Red cup", "kind": "small", "qty": 5, "tags": ["a", "b"]}))).unwrap();
        s.create(
            "widgets",
            input(json!({"name": "Blue cup", "kind": "large", "qty": 1, "active": false, "owner": "1001"})),
        )
        .unwrap();
        s.create("widgets", input(json!({"name": "Red plate", "kind": "large", "qty": 9, "tags": "b,c"}))).unwrap();
        let ids = |params: &[(&str, &str)]| -> Vec<String> {
            let page = s.list("widgets", &pairs(params), &[], "x").unwrap();
            page["payload"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(&[("q", "red")]), ["wid_1", "wid_3"]);
        assert_eq!(ids(&[("q", "red cup")]), ["wid_1"]);
        assert_eq!(ids(&[("kind", "large")]), ["wid_2", "wid_3"]);
        assert_eq!(ids(&[("active", "false")]), ["wid_2"]);
        assert_eq!(ids(&[("tags", "c,zzz")]), ["wid_3"]);
        assert_eq!(ids(&[("min_qty", "5")]), ["wid_1", "wid_3"]);
        assert_eq!(ids(&[("owner_handle", "ann")]), ["wid_2"]);
        assert_eq!(ids(&[("ordering", "-qty")]), ["wid_3", "wid_1", "wid_2"]);
        assert_eq!(ids(&[("ordering", "kind,-name")]), ["wid_3", "wid_2", "wid_1"]);
        assert_eq!(ids(&[("kind", "")]), ["wid_1", "wid_2", "wid_3"], "empty filters are ignored");
        assert_eq!(ids(&[("color", "red")]), ["wid_1", "wid_2", "wid_3"], "unknown parameters are ignored");
        assert_eq!(s.list("widgets", &pairs(&[("min_qty", "x")]), &[], "x").unwrap_err().status, 400);
        let fixed = pairs(&[("kind", "small")]);
        assert_eq!(s.list("widgets", &[], &fixed, "x").unwrap()["count"], 1);
    }

    #[test]
    fn helpers() {
        assert_eq!(slugify("  Hello, World! 2024 "), "hello-world-2024");
        assert_eq!(money(parse_decimal(&json!("15.5")).unwrap()), json!("15.50"));
        assert_eq!(money(parse_decimal(&json!(0.125)).unwrap()), json!("0.13"));
        assert!(is_email("a.b@example.com") && !is_email("a@b") && !is_email("broken@") && !is_email("x y@a.io"));
        assert_eq!(encode_component("a b&c"), "a%20b%26c");
        let mut s = store();
        let u = s.uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, s.uuid());
        s.create("widgets", input(json!({"name": "x", "code": "dup"}))).unwrap();
        assert_eq!(s.unique_slug("widgets", "code", "Dup", "w", None), "dup-2");
        assert_eq!(s.unique_slug("widgets", "code", "!!", "w", None), "w");
        assert_eq!(compare_values(Some(&json!("10.00")), Some(&json!("9.50"))), Ordering::Greater);
        assert_eq!(compare_values(None, Some(&json!(1))), Ordering::Less);
    }

    #[test]
    fn modify_insert_raw_and_files() {
        let mut s = store();
        let d = s.insert_raw("widgets", json!({"name": "seeded"}).as_object().cloned().unwrap()).unwrap();
        assert_eq!(d["id"], "wid_1");
        let m = s.modify("widgets", "wid_1", |d| {
            d.insert("_secret".into(), json!(1));
            d.insert("qty".into(), json!(2));
        });
        let m = m.unwrap();
        assert_eq!(m["qty"], 2);
        assert!(!m.contains_key("_secret"), "underscore fields are internal");
        let url = s.put_file(
            "wid_1",
            StoredFile { filename: "a b.png".into(), content_type: "image/png".into(), data: Bytes::from_static(b"x") },
        );
        assert_eq!(url, "http://mock/media/wid_1/a%20b.png");
        s.delete("widgets", "wid_1").unwrap();
        assert!(s.file("wid_1").is_none(), "deleting a document deletes its file");
    }
}
