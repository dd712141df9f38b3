//! Judges one answer against its operation's contract in the model: status code, error shape
//! and body schema.

use super::called::Called;
use crate::schema::{self, ResponseView};
use crate::wire;
use serde_json::Value;

/// Validates a response against the operation's model: status, error shape, body schema.
pub fn validate(called: &Called) -> Vec<schema::Violation> {
    let r = &called.response;
    let error_type = error_type(r);
    schema::validate_response(
        r.service,
        called
            .operation
            .rsplit(':')
            .next()
            .unwrap_or(&called.operation),
        &ResponseView {
            status: r.status,
            error_type: error_type.as_deref(),
            body: r.body.as_ref(),
        },
    )
}

/// The error type as the official SDKs find it (B-WIRE-07): the `x-amzn-ErrorType` header,
/// else a body `__type` or `code`; never the body's `Code`, which they do not read.
pub fn error_type(r: &wire::Response) -> Option<String> {
    if r.status < 300 {
        return None;
    }
    if let Some(h) = r
        .headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
    {
        return Some(h.split(':').next().unwrap_or(h).to_string());
    }
    let body = r.body.as_ref()?;
    ["__type", "code"].iter().find_map(|k| {
        body.get(*k).and_then(Value::as_str).map(|s| {
            let s = s.rsplit('#').next().unwrap_or(s);
            s.split(':').next().unwrap_or(s).to_string()
        })
    })
}
