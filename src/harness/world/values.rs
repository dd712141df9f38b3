//! Small values steps build requests from and read answers with.

use crate::harness::json;
use anyhow::anyhow;
use serde_json::{Map, Value};

/// A JSON object from a `json!` literal.
pub fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

/// A fresh idempotency token.
pub fn token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The string at `pointer`, or an error naming what was missing.
pub fn str_at(body: &Value, pointer: &str) -> anyhow::Result<String> {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow!(
                "the response has no string at {pointer}: {}",
                json::short(body)
            )
        })
}
