//! Turning received requests into the fixtures' shape and comparing.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use konigle_suite::recorder::Received;

fn decode_component(s: &str) -> String {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The request in the fixtures' JSON shape.
pub fn shape(req: &Received) -> Value {
    let (path, query) = match req.target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (req.target.clone(), String::new()),
    };
    let query: Vec<Value> = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            json!([decode_component(k), decode_component(v)])
        })
        .collect();
    let content_type = req.header("content-type").map(|v| v.split(';').next().unwrap_or("").trim().to_string());
    let body = match content_type.as_deref() {
        None if req.body.is_empty() => json!({"kind": "none"}),
        Some("application/json") => {
            json!({"kind": "json", "value": serde_json::from_slice::<Value>(&req.body).unwrap_or(Value::Null)})
        }
        Some("multipart/form-data") => multipart(req),
        Some("application/x-www-form-urlencoded") => {
            let text = String::from_utf8_lossy(&req.body).into_owned();
            let fields: Vec<Value> = text
                .split('&')
                .filter(|s| !s.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    json!([decode_component(k), decode_component(v)])
                })
                .collect();
            json!({"kind": "form", "fields": fields})
        }
        other => json!({"kind": "raw", "content_type": other, "len": req.body.len()}),
    };
    json!({
        "method": req.method,
        "path": path,
        "query": query,
        "headers": {
            "authorization": req.header("authorization"),
            "accept": req.header("accept"),
            "content_type": content_type,
        },
        "body": body,
    })
}

fn multipart(req: &Received) -> Value {
    let ct = req.header("content-type").unwrap_or("");
    let boundary = ct.split(';').find_map(|p| p.trim().strip_prefix("boundary=")).unwrap_or("").trim_matches('"');
    let delim = format!("--{boundary}");
    let body = &req.body;
    let mut fields = vec![];
    let mut files = vec![];
    let positions: Vec<usize> = find_all(body, delim.as_bytes());
    for w in positions.windows(2) {
        let start = w[0] + delim.len();
        let mut chunk = &body[start..w[1]];
        chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let Some(split) = find_all(chunk, b"\r\n\r\n").first().copied() else { continue };
        let head = String::from_utf8_lossy(&chunk[..split]).into_owned();
        let content = &chunk[split + 4..];
        let mut name = String::new();
        let mut filename = None;
        let mut part_type = None;
        for line in head.split("\r\n") {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                for attr in line.split(';').skip(1) {
                    let attr = attr.trim();
                    if let Some(v) = attr.strip_prefix("name=") {
                        name = v.trim_matches('"').to_string();
                    } else if let Some(v) = attr.strip_prefix("filename=") {
                        filename = Some(v.trim_matches('"').to_string());
                    }
                }
            } else if lower.starts_with("content-type:") {
                part_type = Some(line[13..].trim().to_string());
            }
        }
        match filename {
            Some(f) => files.push(json!({
                "name": name,
                "filename": f,
                "content_type": part_type,
                "size": content.len(),
                "sha256": hex(&Sha256::digest(content)),
            })),
            None => fields.push(json!([name, String::from_utf8_lossy(content)])),
        }
    }
    json!({"kind": "multipart", "fields": fields, "files": files})
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return vec![];
    }
    (0..=hay.len() - needle.len()).filter(|&i| &hay[i..i + needle.len()] == needle).collect()
}

/// Differences between an expected and an actual request, as readable lines.
pub fn request_diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = vec![];
    for key in ["method", "path", "query"] {
        if expected[key] != actual[key] {
            out.push(format!("{key}: expected {} got {}", expected[key], actual[key]));
        }
    }
    for h in ["authorization", "accept", "content_type"] {
        if expected["headers"][h] != actual["headers"][h] {
            out.push(format!("header {h}: expected {} got {}", expected["headers"][h], actual["headers"][h]));
        }
    }
    let (eb, ab) = (&expected["body"], &actual["body"]);
    if eb["kind"] != ab["kind"] {
        out.push(format!("body kind: expected {} got {}", eb["kind"], ab["kind"]));
        return out;
    }
    match eb["kind"].as_str() {
        Some("json") if eb["value"] != ab["value"] => {
            out.push(format!("json body: expected {} got {}", eb["value"], ab["value"]))
        }
        Some("form") | Some("multipart") => {
            let norm = |v: &Value| -> Vec<(String, Value)> {
                let mut pairs: Vec<(String, Value)> = v
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|p| {
                        let name = p[0].as_str().unwrap_or("").to_string();
                        let raw = p[1].as_str().unwrap_or("").to_string();
                        let val = match serde_json::from_str::<Value>(&raw) {
                            Ok(j @ (Value::Object(_) | Value::Array(_))) => j,
                            _ => Value::String(raw),
                        };
                        (name, val)
                    })
                    .collect();
                // Only the relative order of pairs sharing a name matters.
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                pairs
            };
            let (ef, af) = (norm(&eb["fields"]), norm(&ab["fields"]));
            if ef != af {
                out.push(format!("fields: expected {ef:?} got {af:?}"));
            }
            if eb.get("files").is_some() && eb["files"] != ab["files"] {
                out.push(format!("files: expected {} got {}", eb["files"], ab["files"]));
            }
        }
        _ => {}
    }
    out
}

/// The fixture outcome value without its type wrappers.
pub fn unwrap_typed(v: &Value) -> Value {
    let Some(obj) = v.as_object() else { return v.clone() };
    let (Some(Value::String(ty)), Some(value)) = (obj.get("type"), obj.get("value")) else { return v.clone() };
    match ty.as_str() {
        "dict" => Value::Object(
            value
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), unwrap_typed(v))).collect())
                .unwrap_or_default(),
        ),
        "list" | "tuple" => {
            Value::Array(value.as_array().map(|a| a.iter().map(unwrap_typed).collect()).unwrap_or_default())
        }
        _ => value.clone(),
    }
}

/// Paths where two JSON values differ (at most a few).
pub fn value_diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    if out.len() > 8 {
        return;
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => value_diff(&format!("{path}.{k}"), ev, av, out),
                    None => out.push(format!("{path}.{k}: missing (expected {ev})")),
                }
            }
            for k in a.keys().filter(|k| !e.contains_key(*k)) {
                out.push(format!("{path}.{k}: unexpected key"));
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                value_diff(&format!("{path}[{i}]"), ev, av, out);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        _ if expected != actual => out.push(format!("{path}: expected {expected} got {actual}")),
        _ => {}
    }
}
