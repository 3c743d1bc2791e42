//! What the payload unit tests share: a payload's body as JSON, and a
//! multipart body as one `name=value` / `field:file name:type` line a part.

use serde_json::Value;

use crate::models::Payload;
use crate::request::{Body, Part};

/// The JSON body `p` sends; panics (fails the test) for any other body.
pub(crate) fn json_body(p: impl Payload) -> Value {
    match p.into_body() {
        Ok(Body::Json(v)) => v,
        other => panic!("expected a JSON body, got {other:?}"),
    }
}

/// The parts of a multipart body, one line each, in order.
pub(crate) fn multipart_parts(body: Body) -> Vec<String> {
    let Body::Multipart(parts) = body else { panic!("expected a multipart body, got {body:?}") };
    parts
        .iter()
        .map(|p| match p {
            Part::Text { name, value } => format!("{name}={value}"),
            Part::File(f) => format!("{}:{}:{}", f.field, f.file_name, f.content_type),
        })
        .collect()
}
