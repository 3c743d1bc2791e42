//! The HTTP side: routes built from the resource and action tables, auth,
//! body parsing, fault injection, the request log, the accept loop and the
//! [`MockServer`] handle.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, RETRY_AFTER, USER_AGENT, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::Router;
use bytes::Bytes;
use futures::StreamExt;
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

use crate::actions::{provisioning_job, Action, Call, Reply, Verb, ACTIONS};
use crate::faults::{self, Fault, FaultKind, RecordedRequest};
use crate::resources::collections::CONNECTIONS;
use crate::resources::RESOURCES;
use crate::store::{ApiError, Auth, Doc, Input, ResourceSpec, Store, UploadedFile};

/// Largest request body accepted (uploads included).
const BODY_LIMIT: usize = 64 * 1024 * 1024;
/// The provider whose credentials authenticate the forms service.
const FORMS_PROVIDER: &str = "konigle_forms";

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// State shared by every request of one server.
struct App {
    store: Mutex<Store>,
    api_key: String,
    faults: Mutex<Vec<Fault>>,
    log: Mutex<Vec<RecordedRequest>>,
}

impl App {
    fn forms_token(&self) -> String {
        forms_token(&lock(&self.store))
    }
}

fn forms_token(store: &Store) -> String {
    store
        .credentials(FORMS_PROVIDER)
        .and_then(|c| c.get("access_token"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    nanos ^ (std::process::id() as u64).rotate_left(32)
}

/// A fresh store: empty collections, plus an active `konigle_forms`
/// connection whose credentials carry `token` (a new one when `None`).
fn fresh_store(base_url: &str, token: Option<String>) -> Store {
    let mut store = Store::new(RESOURCES, base_url, seed());
    let token = token.unwrap_or_else(|| format!("forms_{}", store.token(32)));
    let connection = json!({"id": null, "provider": FORMS_PROVIDER, "token_expires_at": null, "status": "active",
                            "root_resource_id": "site_mock", "root_resource_name": "Mock Store",
                            "scopes": ["forms.read", "forms.write"]});
    if let Value::Object(doc) = connection {
        let _ = store.insert_raw(CONNECTIONS, doc);
    }
    let refresh = store.token(32);
    store.set_credentials(
        FORMS_PROVIDER,
        json!({"access_token": token, "refresh_token": refresh, "token_type": "Bearer", "expires_at": null}),
    );
    store
}

// ---------------------------------------------------------------- responses

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

fn error_response(e: ApiError) -> Response {
    let mut response = json_response(e.status, e.body);
    if e.status == 401 {
        response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
    }
    response
}

fn reply_response(reply: Reply) -> Response {
    match reply {
        Reply::Json(status, body) => json_response(status, body),
        Reply::Empty(status) => StatusCode::from_u16(status).unwrap_or(StatusCode::NO_CONTENT).into_response(),
        Reply::Bytes { content_type, data } => {
            let mut response = Response::new(Body::from(data));
            if let Ok(v) = HeaderValue::from_str(&content_type) {
                response.headers_mut().insert(CONTENT_TYPE, v);
            }
            response
        }
    }
}

// ---------------------------------------------------------------- auth and bodies

fn check_auth(app: &App, auth: Auth, headers: &HeaderMap) -> Result<(), ApiError> {
    let header = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
    match (auth, header) {
        (Auth::Public, _) => Ok(()),
        (_, None) => Err(ApiError::detail(401, "Authentication credentials were not provided.")),
        (Auth::ApiKey, Some(h)) => match h.strip_prefix("Token ") {
            Some(key) if !app.api_key.is_empty() && key.trim() == app.api_key => Ok(()),
            _ => Err(ApiError::detail(401, "Invalid token.")),
        },
        (Auth::FormsToken, Some(h)) => {
            let token = app.forms_token();
            match h.strip_prefix("Bearer ") {
                Some(t) if !token.is_empty() && t.trim() == token => Ok(()),
                _ => Err(ApiError::detail(401, "Invalid or expired token.")),
            }
        }
    }
}

fn push_field(fields: &mut Doc, name: String, value: Value) {
    match fields.get_mut(&name) {
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
        None => {
            fields.insert(name, value);
        }
    }
}

fn parse_pairs(query: &str) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

fn bad_body(message: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(message.to_string())
}

/// Reads the body: JSON, a multipart or urlencoded form, or raw bytes.
async fn read_body(req: Request) -> Result<(Input, Bytes), ApiError> {
    let content_type =
        req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(req, &())
            .await
            .map_err(|e| bad_body(format!("Multipart form parse error - {}", e.body_text())))?;
        let mut input = Input::default();
        while let Some(field) =
            form.next_field().await.map_err(|e| bad_body(format!("Multipart form parse error - {}", e.body_text())))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(filename) => {
                    let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
                    let data = field.bytes().await.map_err(|e| bad_body(e.body_text()))?;
                    input.files.push(UploadedFile { field: name, filename, content_type, data });
                }
                None => {
                    let text = field.text().await.map_err(|e| bad_body(e.body_text()))?;
                    push_field(&mut input.fields, name, Value::String(text));
                }
            }
        }
        return Ok((input, Bytes::new()));
    }
    let bytes =
        to_bytes(req.into_body(), BODY_LIMIT).await.map_err(|_| ApiError::detail(413, "Request body is too large."))?;
    let mut input = Input::default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        for (k, v) in parse_pairs(&String::from_utf8_lossy(&bytes)) {
            push_field(&mut input.fields, k, Value::String(v));
        }
        return Ok((input, Bytes::new()));
    }
    let json_like = content_type.contains("json") || content_type.is_empty();
    if json_like && !bytes.iter().all(u8::is_ascii_whitespace) {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(fields)) => input.fields = fields,
            Ok(other) => {
                let kind = match other {
                    Value::Array(_) => "list",
                    Value::String(_) => "str",
                    Value::Number(_) => "int",
                    Value::Bool(_) => "bool",
                    _ => "NoneType",
                };
                return Err(ApiError::field(
                    "non_field_errors",
                    format!("Invalid data. Expected a dictionary, but got {kind}."),
                ));
            }
            Err(e) if content_type.contains("json") => return Err(bad_body(format!("JSON parse error - {e}"))),
            Err(_) => return Ok((input, bytes)),
        }
        return Ok((input, Bytes::new()));
    }
    Ok((input, bytes))
}

// ---------------------------------------------------------------- dispatch

/// What a route does.
#[derive(Clone, Copy)]
enum Endpoint {
    List(&'static ResourceSpec),
    Create(&'static ResourceSpec),
    Get(&'static ResourceSpec),
    Update(&'static ResourceSpec),
    Delete(&'static ResourceSpec),
    Action(&'static Action),
}

impl Endpoint {
    fn auth(self) -> Auth {
        match self {
            Endpoint::List(s) | Endpoint::Create(s) | Endpoint::Get(s) | Endpoint::Update(s) | Endpoint::Delete(s) => {
                s.auth
            }
            Endpoint::Action(a) => a.auth,
        }
    }
}

fn run(store: &mut Store, endpoint: Endpoint, call: &Call) -> Result<Reply, ApiError> {
    let key = call.key.as_deref().unwrap_or_default();
    match endpoint {
        Endpoint::List(spec) => Ok(Reply::Json(200, store.list(spec.name, &call.params, &[], &call.link_base)?)),
        Endpoint::Get(spec) => Ok(Reply::Json(200, Value::Object(store.get(spec.name, key)?))),
        Endpoint::Create(spec) => {
            let doc = store.create(spec.name, call.input.clone())?;
            match spec.envelope {
                None => Ok(Reply::Json(201, Value::Object(doc))),
                Some(envelope) => {
                    let what = format!("{} {}", spec.verbose, doc.get("name").and_then(Value::as_str).unwrap_or(""));
                    let job = provisioning_job(store, envelope.task, what.trim())?;
                    Ok(Reply::Json(202, json!({ envelope.key: doc, "job_id": job })))
                }
            }
        }
        Endpoint::Update(spec) => {
            Ok(Reply::Json(200, Value::Object(store.update(spec.name, key, call.input.clone())?)))
        }
        Endpoint::Delete(spec) => {
            store.delete(spec.name, key)?;
            Ok(Reply::Empty(204))
        }
        Endpoint::Action(action) => (action.run)(store, call),
    }
}

async fn dispatch(app: Arc<App>, endpoint: Endpoint, params: HashMap<String, String>, req: Request) -> Response {
    if let Err(e) = check_auth(&app, endpoint.auth(), req.headers()) {
        return error_response(e);
    }
    let host = req.headers().get(HOST).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let link_base = match host {
        Some(host) => format!("http://{host}{}", req.uri().path()),
        None => format!("{}{}", lock(&app.store).base_url(), req.uri().path()),
    };
    let query = parse_pairs(req.uri().query().unwrap_or_default());
    let user_agent = req.headers().get(USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (input, raw) = match read_body(req).await {
        Ok(body) => body,
        Err(e) => return error_response(e),
    };
    let call = Call {
        key: params.get("id").cloned(),
        filename: params.get("filename").cloned(),
        params: query,
        input,
        raw,
        link_base,
        user_agent,
    };
    let result = run(&mut lock(&app.store), endpoint, &call);
    match result {
        Ok(reply) => reply_response(reply),
        Err(e) => error_response(e),
    }
}

fn method_filter(verb: &str) -> MethodFilter {
    match verb {
        "GET" => MethodFilter::GET,
        "POST" => MethodFilter::POST,
        "PUT" => MethodFilter::PUT,
        "PATCH" => MethodFilter::PATCH,
        _ => MethodFilter::DELETE,
    }
}

fn endpoint_route(verb: &str, endpoint: Endpoint) -> MethodRouter<Arc<App>> {
    on(
        method_filter(verb),
        move |State(app): State<Arc<App>>, path: Option<Path<HashMap<String, String>>>, req: Request| {
            dispatch(app, endpoint, path.map(|Path(p)| p).unwrap_or_default(), req)
        },
    )
}

// ---------------------------------------------------------------- admin endpoints

async fn admin_requests(State(app): State<Arc<App>>) -> Response {
    json_response(200, serde_json::to_value(lock(&app.log).clone()).unwrap_or(Value::Null))
}

async fn admin_clear_requests(State(app): State<Arc<App>>) -> Response {
    lock(&app.log).clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn admin_faults(State(app): State<Arc<App>>) -> Response {
    json_response(200, serde_json::to_value(lock(&app.faults).clone()).unwrap_or(Value::Null))
}

async fn admin_add_fault(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let parsed: Result<Vec<Fault>, _> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => items.into_iter().map(serde_json::from_value).collect(),
        Ok(one) => serde_json::from_value(one).map(|f| vec![f]),
        Err(e) => Err(e),
    };
    match parsed {
        Ok(faults) => {
            let mut pending = lock(&app.faults);
            pending.extend(faults);
            json_response(201, serde_json::to_value(pending.clone()).unwrap_or(Value::Null))
        }
        Err(e) => json_response(400, json!({"detail": format!("Invalid fault: {e}")})),
    }
}

async fn admin_clear_faults(State(app): State<Arc<App>>) -> Response {
    lock(&app.faults).clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn admin_reset(State(app): State<Arc<App>>) -> Response {
    reset(&app);
    StatusCode::NO_CONTENT.into_response()
}

fn reset(app: &App) {
    let mut store = lock(&app.store);
    let token = forms_token(&store);
    let base = store.base_url().to_owned();
    *store = fresh_store(&base, Some(token));
    drop(store);
    lock(&app.faults).clear();
    lock(&app.log).clear();
}

async fn admin_collection(State(app): State<Arc<App>>, Path(name): Path<String>) -> Response {
    let store = lock(&app.store);
    match store.spec(&name) {
        Ok(spec) => {
            let docs: Vec<Value> = store
                .docs(&name)
                .iter()
                .map(|d| Value::Object(store.render(spec, d, crate::store::View::Detail)))
                .collect();
            json_response(200, Value::Array(docs))
        }
        Err(e) => error_response(e),
    }
}

async fn admin_create(State(app): State<Arc<App>>, Path(name): Path<String>, body: Bytes) -> Response {
    let fields = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        _ => return json_response(400, json!({"detail": "Expected a JSON object."})),
    };
    match lock(&app.store).create(&name, Input::json(fields)) {
        Ok(doc) => json_response(201, Value::Object(doc)),
        Err(e) => error_response(e),
    }
}

async fn admin_not_found() -> Response {
    json_response(404, json!({"detail": "Not found."}))
}

// ---------------------------------------------------------------- middleware: log and faults

/// Closes the connection a request arrived on (for [`FaultKind::Drop`]).
#[derive(Clone)]
struct ConnectionKiller(Arc<Notify>);

async fn capture_json(req: Request) -> Result<(Request, Option<Value>), Response> {
    let is_json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().contains("json"));
    if !is_json {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| json_response(413, json!({"detail": "Request body is too large."})))?;
    let value = serde_json::from_slice(&bytes).ok();
    Ok((Request::from_parts(parts, Body::from(bytes)), value))
}

async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    if bytes.is_empty() {
        return Response::from_parts(parts, Body::empty());
    }
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    // The error comes a moment after the first half, so that half is
    // flushed to the client before the connection is aborted.
    let cut = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(io::Error::other("body truncated by an injected fault"))
    };
    let stream = futures::stream::iter([Ok::<Bytes, io::Error>(half)]).chain(futures::stream::once(cut));
    Response::from_parts(parts, Body::from_stream(stream))
}

async fn front(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/__mock/") && !path.starts_with("/__mock/upload-target/") {
        return next.run(req).await;
    }
    let method = req.method().as_str().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let (req, body) = match capture_json(req).await {
        Ok(captured) => captured,
        Err(response) => return response,
    };
    let fault = faults::take(&mut lock(&app.faults), &method, &path);
    let mut record = RecordedRequest { method, path, query, body, status: None, fault: fault.clone() };
    let response = match fault {
        Some(FaultKind::RateLimit { retry_after }) => {
            let mut r = json_response(
                429,
                json!({"detail": format!("Request was throttled. Expected available in {retry_after} seconds.")}),
            );
            r.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after));
            r
        }
        Some(FaultKind::Status { status }) => {
            json_response(status, json!({"detail": format!("Injected failure (HTTP {status}).")}))
        }
        Some(FaultKind::Drop) => {
            lock(&app.log).push(record);
            match req.extensions().get::<ConnectionKiller>() {
                Some(killer) => {
                    killer.0.notify_one();
                    return std::future::pending().await;
                }
                None => return StatusCode::BAD_GATEWAY.into_response(),
            }
        }
        Some(FaultKind::Delay { millis }) => {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            next.run(req).await
        }
        Some(FaultKind::Truncate) => truncate(next.run(req).await).await,
        None => next.run(req).await,
    };
    record.status = Some(response.status().as_u16());
    lock(&app.log).push(record);
    response
}

fn router(app: Arc<App>) -> Router {
    let mut routes: BTreeMap<String, MethodRouter<Arc<App>>> = BTreeMap::new();
    let mut add = |path: String, route: MethodRouter<Arc<App>>| {
        let merged = match routes.remove(&path) {
            Some(existing) => existing.merge(route),
            None => route,
        };
        routes.insert(path, merged);
    };
    for spec in RESOURCES.iter().filter(|s| !s.path.is_empty()) {
        let slash = if spec.trailing_slash { "/" } else { "" };
        let collection = format!("{}{slash}", spec.path);
        let detail = format!("{}/{{id}}{slash}", spec.path);
        if spec.ops.list {
            add(collection.clone(), endpoint_route("GET", Endpoint::List(spec)));
        }
        if spec.ops.create {
            add(collection.clone(), endpoint_route("POST", Endpoint::Create(spec)));
        }
        if spec.ops.get {
            add(detail.clone(), endpoint_route("GET", Endpoint::Get(spec)));
        }
        if spec.ops.update {
            add(detail.clone(), endpoint_route("PATCH", Endpoint::Update(spec)));
        }
        if spec.ops.delete {
            add(detail.clone(), endpoint_route("DELETE", Endpoint::Delete(spec)));
        }
    }
    for action in ACTIONS {
        let verb = match action.verb {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
        };
        add(action.path.to_owned(), endpoint_route(verb, Endpoint::Action(action)));
    }
    let mut router = Router::new();
    for (path, route) in routes {
        router = router.route(&path, route);
    }
    router
        .route("/__mock/requests", axum::routing::get(admin_requests).delete(admin_clear_requests))
        .route("/__mock/faults", axum::routing::get(admin_faults).post(admin_add_fault).delete(admin_clear_faults))
        .route("/__mock/reset", axum::routing::post(admin_reset))
        .route("/__mock/collections/{name}", axum::routing::get(admin_collection).post(admin_create))
        .fallback(admin_not_found)
        .layer(middleware::from_fn_with_state(app.clone(), front))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

// ---------------------------------------------------------------- accept loop

async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off briefly.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let killer = Arc::new(Notify::new());
            let handle = ConnectionKiller(killer.clone());
            let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(handle.clone());
                let router = router.clone();
                async move { Ok::<_, Infallible>(router.oneshot(req).await.unwrap_or_else(|e| match e {})) }
            });
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = killer.notified() => {}
                _ = stop.changed() => {}
            }
        });
    }
}

// ---------------------------------------------------------------- the handle

/// A running mock Konigle server on `127.0.0.1` (or the builder's host).
///
/// Point a client at [`base_url`](MockServer::base_url) (for both the API
/// and the forms service) with [`api_key`](MockServer::api_key). The
/// server stops when the handle is dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let server = konigle_mock::MockServer::start().await;
/// let body = reqwest::Client::new()
///     .post(format!("{}/admin/api/products", server.base_url()))
///     .header("Authorization", format!("Token {}", server.api_key()))
///     .header("Content-Type", "application/json")
///     .body(r#"{"title": "Mug", "price": "9.5"}"#)
///     .send()
///     .await
///     .unwrap()
///     .text()
///     .await
///     .unwrap();
/// let product: serde_json::Value = serde_json::from_str(&body).unwrap();
/// assert_eq!(product["handle"], "mug");
/// assert_eq!(product["price"], "9.50");
/// assert_eq!(server.request_count("POST", "/admin/api/products"), 1);
/// # }
/// ```
pub struct MockServer {
    base_url: String,
    addr: SocketAddr,
    api_key: String,
    app: Arc<App>,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

/// Options of a [`MockServer`]: API key, host and port.
#[derive(Debug, Clone)]
pub struct MockServerBuilder {
    api_key: String,
    host: IpAddr,
    port: u16,
}

impl Default for MockServerBuilder {
    fn default() -> Self {
        MockServerBuilder {
            api_key: MockServer::DEFAULT_API_KEY.to_owned(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
        }
    }
}

impl MockServerBuilder {
    /// The API key the server accepts (`Authorization: Token <key>`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = key.into();
        self
    }

    /// The port to listen on (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The address to listen on (default `127.0.0.1`).
    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    fn app(&self, addr: SocketAddr) -> (String, Arc<App>) {
        let shown = if addr.ip().is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { addr.ip() };
        let base_url = format!("http://{}", SocketAddr::new(shown, addr.port()));
        let app = App {
            store: Mutex::new(fresh_store(&base_url, None)),
            api_key: self.api_key.clone(),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
        };
        (base_url, Arc::new(app))
    }

    fn handle(self, addr: SocketAddr, base_url: String, app: Arc<App>, shutdown: watch::Sender<bool>) -> MockServer {
        MockServer { base_url, addr, api_key: self.api_key, app, shutdown, thread: None }
    }

    /// Starts the server on the current tokio runtime.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn start(self) -> io::Result<MockServer> {
        let listener = TcpListener::bind((self.host, self.port)).await?;
        let addr = listener.local_addr()?;
        let (base_url, app) = self.app(addr);
        let (shutdown, stop) = watch::channel(false);
        tokio::spawn(serve(listener, router(app.clone()), stop));
        Ok(self.handle(addr, base_url, app, shutdown))
    }

    /// Starts the server on a runtime of its own, in a background thread,
    /// for blocking code (no tokio runtime needed in the caller).
    ///
    /// # Errors
    /// When the address cannot be bound or the runtime cannot start.
    pub fn start_blocking(self) -> io::Result<MockServer> {
        let listener = std::net::TcpListener::bind((self.host, self.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (base_url, app) = self.app(addr);
        let (shutdown, stop) = watch::channel(false);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let router = router(app.clone());
        let thread = std::thread::Builder::new().name("konigle-mock".into()).spawn(move || {
            runtime.block_on(async move {
                if let Ok(listener) = TcpListener::from_std(listener) {
                    serve(listener, router, stop).await;
                }
            });
        })?;
        let mut server = self.handle(addr, base_url, app, shutdown);
        server.thread = Some(thread);
        Ok(server)
    }
}

impl MockServer {
    /// The API key a server accepts unless the builder sets another.
    pub const DEFAULT_API_KEY: &'static str = "mock-key";

    /// Options for a server.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// Starts a server on an ephemeral port of `127.0.0.1`, on the current
    /// tokio runtime. Use it with the async client; blocking code (which
    /// would stall a runtime it shares with the server) wants
    /// [`start_blocking`](Self::start_blocking).
    ///
    /// # Panics
    /// When no local port can be bound (use [`MockServerBuilder::start`] to
    /// get the error instead).
    pub async fn start() -> MockServer {
        match MockServer::builder().start().await {
            Ok(server) => server,
            Err(e) => panic!("konigle-mock: cannot start the server: {e}"),
        }
    }

    /// Starts a server on an ephemeral port of `127.0.0.1` with its own
    /// runtime thread, for blocking clients and plain `#[test]`s.
    ///
    /// # Panics
    /// When no local port can be bound (use
    /// [`MockServerBuilder::start_blocking`] to get the error instead).
    pub fn start_blocking() -> MockServer {
        match MockServer::builder().start_blocking() {
            Ok(server) => server,
            Err(e) => panic!("konigle-mock: cannot start the server: {e}"),
        }
    }

    /// The server's URL, e.g. `http://127.0.0.1:41234`. Use it as both the
    /// API base URL and the forms base URL of a client.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A client configuration for this server: its API key, and every base
    /// URL (the main API and the forms service) pointed at it. Adjust other
    /// settings with [`config_builder`](Self::config_builder).
    ///
    /// # Panics
    /// When the server was built with an API key no client accepts (blank,
    /// or with control characters).
    ///
    /// ```no_run
    /// # async fn run() {
    /// let server = konigle_mock::MockServer::start().await;
    /// let config = server.config();
    /// assert_eq!(config.forms_base_url(), server.base_url());
    /// # }
    /// ```
    pub fn config(&self) -> konigle_core::Config {
        // Both URLs are this server's own, so the settings are always valid.
        self.config_builder().build().expect("a loopback URL and a non-empty key are a valid configuration")
    }

    /// A configuration builder with the key and base URLs of
    /// [`config`](Self::config), for tests that change other settings
    /// (timeouts, retries).
    pub fn config_builder(&self) -> konigle_core::ConfigBuilder {
        konigle_core::Config::builder(self.api_key.clone()).base_url(&self.base_url).forms_base_url(&self.base_url)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the server accepts.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The access token the `konigle_forms` connection hands out, which
    /// the forms endpoints accept as `Authorization: Bearer <token>`.
    pub fn forms_token(&self) -> String {
        self.app.forms_token()
    }

    /// Replaces the forms access token: the old one is answered with 401
    /// from now on, and `get-credentials` hands out the new one.
    pub fn rotate_forms_token(&self) -> String {
        let mut store = lock(&self.app.store);
        let token = format!("forms_{}", store.token(32));
        let mut credentials = store.credentials(FORMS_PROVIDER).cloned().unwrap_or_else(|| json!({}));
        if let Value::Object(c) = &mut credentials {
            c.insert("access_token".into(), json!(token));
        }
        store.set_credentials(FORMS_PROVIDER, credentials);
        token
    }

    /// Queues a fault for the next matching requests.
    pub fn inject(&self, fault: Fault) {
        lock(&self.app.faults).push(fault);
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        lock(&self.app.faults).clear();
    }

    /// The faults not used up yet.
    pub fn pending_faults(&self) -> Vec<Fault> {
        lock(&self.app.faults).clone()
    }

    /// Every request received so far (admin endpoints excluded), in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.app.log).clone()
    }

    /// How many `method` requests were sent to exactly `path` (no query).
    pub fn request_count(&self, method: &str, path: &str) -> usize {
        lock(&self.app.log).iter().filter(|r| r.method.eq_ignore_ascii_case(method) && r.path == path).count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.app.log).clear();
    }

    /// Clears every collection, fault and recorded request (the forms
    /// token stays the same).
    pub fn reset(&self) {
        reset(&self.app);
    }

    /// Every document of a collection (see [`collections`](crate::collections)),
    /// as the detail endpoint would answer them.
    pub fn documents(&self, collection: &str) -> Vec<Value> {
        let store = lock(&self.app.store);
        let Ok(spec) = store.spec(collection) else { return Vec::new() };
        store
            .docs(collection)
            .iter()
            .map(|d| Value::Object(store.render(spec, d, crate::store::View::Detail)))
            .collect()
    }

    /// One document of a collection by its id (or lookup key).
    pub fn document(&self, collection: &str, key: &str) -> Option<Value> {
        lock(&self.app.store).get(collection, key).ok().map(Value::Object)
    }

    /// Creates a document exactly as a `POST` would (validation, defaults,
    /// derived fields), for seeding.
    ///
    /// # Errors
    /// The 400 the API would answer, or 404 for an unknown collection.
    pub fn create(&self, collection: &str, fields: Value) -> Result<Value, ApiError> {
        let Value::Object(fields) = fields else {
            return Err(ApiError::field("non_field_errors", "Expected a dictionary."));
        };
        lock(&self.app.store).create(collection, Input::json(fields)).map(Value::Object)
    }

    /// Stores a document as given, without validation (an id and
    /// timestamps are added when missing): for states the API cannot
    /// produce, like a suspended channel.
    ///
    /// # Errors
    /// 404 for an unknown collection.
    pub fn insert(&self, collection: &str, doc: Value) -> Result<Value, ApiError> {
        let Value::Object(doc) = doc else {
            return Err(ApiError::field("non_field_errors", "Expected a dictionary."));
        };
        lock(&self.app.store).insert_raw(collection, doc).map(Value::Object)
    }

    /// Changes a stored document in place.
    ///
    /// # Errors
    /// 404 when there is no such document.
    pub fn modify(
        &self,
        collection: &str,
        key: &str,
        f: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<Value, ApiError> {
        lock(&self.app.store).modify(collection, key, f).map(Value::Object)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded() {
        assert_eq!(
            parse_pairs("q=price+list&tags=a%2Cb&empty=&flag"),
            vec![
                ("q".into(), "price list".into()),
                ("tags".into(), "a,b".into()),
                ("empty".into(), String::new()),
                ("flag".into(), String::new())
            ]
        );
        assert_eq!(parse_pairs("bad=%zz%4"), vec![("bad".into(), "%zz%4".into())]);
    }

    #[test]
    fn repeated_form_fields_become_lists() {
        let mut fields = Doc::new();
        push_field(&mut fields, "to".into(), json!("a"));
        push_field(&mut fields, "to".into(), json!("b"));
        push_field(&mut fields, "to".into(), json!("c"));
        assert_eq!(fields["to"], json!(["a", "b", "c"]));
    }
}
