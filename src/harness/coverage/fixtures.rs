//! Fixtures the coverage modules' tests share: an answered call as the wire client returns
//! it, and a small catalogue.

use super::recorder::catalogue_ids;
use crate::model::Service;
use crate::wire;
use serde_json::Value;
use std::time::Duration;

pub const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";

pub fn response(
    service: Service,
    operation: &str,
    status: u16,
    error_type: Option<&str>,
    body: Option<Value>,
) -> wire::Response {
    let mut headers = http::HeaderMap::new();
    if let Some(t) = error_type {
        headers.insert("x-amzn-ErrorType", t.parse().unwrap());
    }
    let error = wire::classify_error(status, &headers, body.as_ref());
    wire::Response {
        service,
        operation: operation.into(),
        status,
        headers,
        raw_body: bytes::Bytes::from(body.as_ref().map(Value::to_string).unwrap_or_default()),
        body,
        body_error: None,
        request_id: Some("r-1".into()),
        latency: Duration::from_millis(2),
        error,
    }
}

pub fn catalogue() -> Vec<String> {
    catalogue_ids("# entries\nB-CH-01 doc\nB-CH-04 doc\n\nB-MSG-01 doc\nB-EXP-01 doc\n")
}
