//! An answer as the SDKs read it: the JSON body, output members bound to headers merged in by
//! member name, the request id and the classified error.

use super::classify::{ErrorInfo, classify_error};
use crate::model::{Location, Operation, Service, ServiceModel, ShapeKind};
use crate::schema::ResponseView;
use crate::schema::headers::Headers;
use serde_json::{Map, Value};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Response {
    pub service: Service,
    pub operation: String,
    pub status: u16,
    pub headers: http::HeaderMap,
    /// The parsed JSON body, with output members bound to headers merged in by member name.
    /// `None` for an empty body or one that is not JSON (see `body_error`).
    pub body: Option<Value>,
    pub raw_body: bytes::Bytes,
    /// Why a non-empty body could not be read as JSON.
    pub body_error: Option<String>,
    pub request_id: Option<String>,
    /// From sending the request to the last byte of the answer (signing not included).
    pub latency: Duration,
    /// Present on every answer outside 2xx.
    pub error: Option<ErrorInfo>,
}

impl Response {
    /// Reads the answer to `op` of `service` from its status, headers and body bytes.
    pub(crate) fn read(
        service: Service,
        op: &Operation,
        status: u16,
        headers: http::HeaderMap,
        raw_body: bytes::Bytes,
        latency: Duration,
    ) -> Response {
        let (mut body, body_error) = if raw_body.is_empty() {
            (None, None)
        } else {
            match serde_json::from_slice::<Value>(&raw_body) {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(format!("the body is not JSON: {e}"))),
            }
        };
        let error = classify_error(status, &headers, body.as_ref());
        if error.is_none() {
            merge_header_members(service.model(), op, &headers, &mut body);
        }
        let request_id = headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Response {
            service,
            operation: op.name.clone(),
            status,
            headers,
            body,
            raw_body,
            body_error,
            request_id,
            latency,
            error,
        }
    }

    /// The error type the answer names, if it names one (what response validation needs); an
    /// empty `x-amzn-ErrorType` header names the empty type, which no operation lists.
    pub fn error_type(&self) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|e| e.named)
            .map(|e| e.shape.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// What response validation judges of this answer: status, error type, body and headers.
    pub fn view(&self) -> ResponseView<'_> {
        ResponseView {
            status: self.status,
            error_type: self.error_type(),
            body: self.body.as_ref(),
            headers: Some(Headers {
                content_type: self
                    .headers
                    .get(http::header::CONTENT_TYPE)
                    .map(|v| v.to_str().unwrap_or("(not text)")),
                request_id: self.request_id.as_deref(),
                has_body: !self.raw_body.is_empty(),
            }),
        }
    }
}

/// Output members bound to headers join the body under their member name.
fn merge_header_members(
    model: &ServiceModel,
    op: &Operation,
    headers: &http::HeaderMap,
    body: &mut Option<Value>,
) {
    let Some(st) = model.output_structure(op) else {
        return;
    };
    let mut found = Map::new();
    for m in st.members.values() {
        let Location::Header(name) = &m.location else {
            continue;
        };
        let Some(text) = headers.get(name.as_str()).and_then(|v| v.to_str().ok()) else {
            continue;
        };
        let value = match model.shape(&m.target).map(|s| &s.kind) {
            Some(ShapeKind::Integer { .. } | ShapeKind::Long { .. }) => text
                .trim()
                .parse::<i64>()
                .map_or_else(|_| Value::from(text), Value::from),
            Some(ShapeKind::Boolean) => match text.trim() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::from(text),
            },
            Some(ShapeKind::Timestamp) => chrono::DateTime::parse_from_rfc2822(text)
                .map_or_else(|_| Value::from(text), |t| Value::from(t.timestamp())),
            _ => Value::from(text),
        };
        found.insert(m.name.clone(), value);
    }
    if found.is_empty() {
        return;
    }
    match body {
        Some(Value::Object(o)) => o.extend(found),
        None => *body = Some(Value::Object(found)),
        // A body that is not an object is reported as it is.
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn output_members_bound_to_headers_join_the_body() {
        let text = r#"{
          "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                       "serviceFullName": "X", "protocol": "rest-json"},
          "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/x"},
                                "output": {"shape": "Out"}}},
          "shapes": {
            "Out": {"type": "structure", "members": {
              "Etag": {"shape": "S", "location": "header", "locationName": "ETag"},
              "Count": {"shape": "I", "location": "header", "locationName": "x-count"},
              "Name": {"shape": "S"}}},
            "S": {"type": "string"},
            "I": {"type": "integer"}
          }
        }"#;
        let model = ServiceModel::from_json(text).unwrap();
        let op = &model.operations["Op"];
        let h = headers(&[("etag", "abc"), ("x-count", "3")]);
        let mut body = Some(json!({"Name": "n"}));
        merge_header_members(&model, op, &h, &mut body);
        assert_eq!(body, Some(json!({"Name": "n", "Etag": "abc", "Count": 3})));
        let mut empty = None;
        merge_header_members(&model, op, &headers(&[("etag", "e")]), &mut empty);
        assert_eq!(empty, Some(json!({"Etag": "e"})));
        let mut untouched = Some(json!({"Name": "n"}));
        merge_header_members(&model, op, &http::HeaderMap::new(), &mut untouched);
        assert_eq!(untouched, Some(json!({"Name": "n"})));
    }
}
