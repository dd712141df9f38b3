//! The call a failing step was judging, as a report shows it: the HTTP request rebuilt from the
//! model without a signature, and the answer, both with credentials and signatures removed.

use crate::harness::world::Called;
use crate::model;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One request and its answer, safe to publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub operation: String,
    /// `POST /channels/…/messages?…`, rebuilt from the model's bindings.
    pub request_line: String,
    /// The request's headers (no `Authorization`, no session token).
    pub request_headers: Vec<(String, String)>,
    /// The request's JSON body, or its input members when the body is not JSON.
    pub request_body: Value,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The answer's body: JSON when it parsed, else its text.
    pub answer_body: Value,
}

/// Headers and query keys that carry credentials or a signature (lower case).
const SECRET_NAMES: &[&str] = &[
    "authorization",
    "x-amz-security-token",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-content-sha256",
    "cookie",
    "set-cookie",
];

/// What stands in for a removed value.
pub const REMOVED: &str = "<removed>";

impl Exchange {
    /// The exchange of a call a scenario made.
    pub fn of(called: &Called) -> Exchange {
        let r = &called.response;
        let (request_line, request_headers, request_body) = rebuild(called);
        let answer_body = match (&r.body, r.raw_body.is_empty()) {
            (Some(body), _) => body.clone(),
            (None, true) => Value::Null,
            (None, false) => Value::String(String::from_utf8_lossy(&r.raw_body).into_owned()),
        };
        Exchange {
            operation: called.operation.clone(),
            request_line: scrub_query(&request_line),
            request_headers,
            request_body: scrub_value(request_body),
            status: r.status,
            error_type: r.error.as_ref().map(|e| e.shape.clone()),
            request_id: r.request_id.clone(),
            answer_body: scrub_value(answer_body),
        }
    }
}

/// The request as the wire layer builds it, before signing; the input members alone when the
/// model cannot build it (an input the step made invalid on purpose).
fn rebuild(called: &Called) -> (String, Vec<(String, String)>, Value) {
    let built = model::find_operation(&called.operation)
        .and_then(|(service, op)| crate::wire::build_request(service, op, &called.input).ok());
    let Some(request) = built else {
        return (called.operation.clone(), Vec::new(), called.input.clone());
    };
    let line = format!("{} {}", request.method(), request.uri());
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| {
            let value = if is_secret(k.as_str()) {
                REMOVED.to_owned()
            } else {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            };
            (k.as_str().to_owned(), value)
        })
        .collect();
    let body = if request.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(request.body())
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(request.body()).into()))
    };
    (line, headers, body)
}

fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&lower.as_str())
        || lower.contains("secretaccesskey")
        || lower.contains("sessiontoken")
}

/// Removes signature and credential parameters from a request line's query.
fn scrub_query(line: &str) -> String {
    let Some((path, query)) = line.split_once('?') else {
        return line.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_secret(k) => format!("{k}={REMOVED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

/// Removes members that name credentials, anywhere in a JSON value.
fn scrub_value(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    if is_secret(&k) {
                        (k, Value::String(REMOVED.into()))
                    } else {
                        (k, scrub_value(v))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(scrub_value).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn signatures_and_credentials_are_removed_wherever_they_are() {
        assert_eq!(
            scrub_query("GET /connect?X-Amz-Signature=abc&X-Amz-Credential=AKIA/x&sessionId=1"),
            "GET /connect?X-Amz-Signature=<removed>&X-Amz-Credential=<removed>&sessionId=1"
        );
        let v = scrub_value(
            json!({"A": {"SessionToken": "t", "SecretAccessKey": "k"}, "B": [{"Authorization": "x"}], "C": "keep"}),
        );
        assert_eq!(
            v,
            json!({"A": {"SessionToken": "<removed>", "SecretAccessKey": "<removed>"}, "B": [{"Authorization": "<removed>"}], "C": "keep"})
        );
    }

    #[test]
    fn the_request_is_rebuilt_from_the_model_without_a_signature() {
        let response = crate::wire::Response {
            service: crate::model::Service::Messaging,
            operation: "DescribeChannel".into(),
            status: 404,
            headers: http::HeaderMap::new(),
            body: Some(json!({"Code": "NotFound", "Message": "no such channel"})),
            raw_body: bytes::Bytes::from_static(b"{}"),
            body_error: None,
            request_id: Some("r-1".into()),
            latency: std::time::Duration::ZERO,
            error: None,
        };
        let called = Called {
            operation: "DescribeChannel".into(),
            input: json!({"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c", "ChimeBearer": "arn:aws:chime:us-east-1:1:app-instance/a/user/u"}),
            response,
        };
        let e = Exchange::of(&called);
        assert!(
            e.request_line.starts_with("GET /channels/arn"),
            "{}",
            e.request_line
        );
        assert!(
            e.request_headers
                .iter()
                .any(|(k, v)| k == "x-amz-chime-bearer" && v.ends_with("/user/u")),
            "{:?}",
            e.request_headers
        );
        assert!(!e.request_headers.iter().any(|(k, _)| k == "authorization"));
        assert_eq!(e.status, 404);
        assert_eq!(e.answer_body["Message"], "no such channel");
    }
}
