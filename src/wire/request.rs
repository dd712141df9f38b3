//! An operation's input, in SDK member names, to an HTTP request as the restJson1 SDKs send it:
//! labels in the path (percent-encoded), query members, header members, and the remaining
//! members as the JSON body.

use super::error::WireError;
use super::timestamps::{date_time, epoch_number, http_date, timestamp};
use crate::model::{Location, Member, Operation, Service, ServiceModel, ShapeKind};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

/// Query keys and values: everything but the RFC 3986 unreserved characters is encoded.
const QUERY_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Builds the unsigned request. The URI is origin-form (`/path?query`); the client puts the
/// endpoint in front and sets `Host`. Deterministic apart from filled idempotency tokens.
pub fn build_request(
    service: Service,
    op: &Operation,
    input: &Value,
) -> Result<http::Request<Vec<u8>>, WireError> {
    let model = service.model();
    let given = input
        .as_object()
        .ok_or_else(|| WireError::bad_input("input", format!("not a JSON object: {input}")))?;
    let empty = Default::default();
    let st = model.input_structure(op).unwrap_or(&empty);
    for name in given.keys() {
        if !st.members.contains_key(name) {
            let shape = op.input.as_deref().unwrap_or("(no input)");
            return Err(WireError::bad_input(
                name,
                format!("not a member of {shape} for {}", op.name),
            ));
        }
    }
    // Null means "not set", as in the SDKs' Option.
    let mut values: Map<String, Value> = given
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for m in st.members.values() {
        if m.idempotency_token && !values.contains_key(&m.name) {
            values.insert(
                m.name.clone(),
                Value::String(uuid::Uuid::new_v4().to_string()),
            );
        }
    }

    let mut labels = std::collections::BTreeMap::new();
    let mut query: Vec<String> = op
        .http
        .uri
        .query_literals
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        })
        .collect();
    let mut headers = Vec::new();
    let mut body = Map::new();
    for m in st.members.values() {
        let Some(v) = values.get(&m.name) else {
            continue;
        };
        match &m.location {
            Location::Uri(label) => {
                let text = scalar_text(model, m, v, Timestamps::DateTime)?;
                if text.is_empty() {
                    return Err(WireError::bad_input(
                        &m.name,
                        format!("URI label {label} is empty"),
                    ));
                }
                labels.insert(label.clone(), text);
            }
            Location::Query(key) => {
                for text in texts(model, m, v, Timestamps::DateTime)? {
                    query.push(format!(
                        "{}={}",
                        utf8_percent_encode(key, QUERY_ENCODE),
                        utf8_percent_encode(&text, QUERY_ENCODE)
                    ));
                }
            }
            Location::Header(name) => {
                let text = texts(model, m, v, Timestamps::HttpDate)?.join(",");
                let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                    WireError::bad_input(&m.name, format!("header name {name}: {e}"))
                })?;
                let value = http::HeaderValue::from_str(&text).map_err(|_| {
                    WireError::bad_input(&m.name, "not a valid header value (visible ASCII only)")
                })?;
                headers.push((name, value));
            }
            Location::Body { json_name } => {
                body.insert(json_name.clone(), body_value(model, &m.target, v.clone()));
            }
        }
    }

    let mut path = op
        .http
        .uri
        .expand(|l| labels.get(l).cloned())
        .map_err(|label| {
            let member = st
                .members
                .values()
                .find(|m| m.location == Location::Uri(label.clone()))
                .map_or(label.clone(), |m| m.name.clone());
            WireError::bad_input(member, format!("required URI label {label} is missing"))
        })?;
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }

    let mut builder = http::Request::builder()
        .method(op.http.method.clone())
        .uri(path);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // As the SDKs do: an operation with body members always sends a JSON object, `{}` when
    // none is set; one without body members sends no body and no content type.
    let bytes = if body.is_empty() && st.body_members().next().is_none() {
        Vec::new()
    } else {
        builder = builder.header(http::header::CONTENT_TYPE, "application/json");
        serde_json::to_vec(&Value::Object(body))
            .map_err(|e| WireError::bad_input("input", e.to_string()))?
    };
    builder
        .body(bytes)
        .map_err(|e| WireError::bad_input("input", e.to_string()))
}

#[derive(Clone, Copy)]
enum Timestamps {
    /// ISO 8601 with `Z` (labels and query strings).
    DateTime,
    /// RFC 7231 IMF-fixdate (headers, the restJson1 default).
    HttpDate,
}

/// The texts of a bound member: one per list element, one otherwise.
fn texts(
    model: &ServiceModel,
    m: &Member,
    v: &Value,
    ts: Timestamps,
) -> Result<Vec<String>, WireError> {
    if let Some(ShapeKind::List { member, .. }) = model.shape(&m.target).map(|s| &s.kind) {
        let items = v
            .as_array()
            .ok_or_else(|| WireError::bad_input(&m.name, format!("expected a list, got {v}")))?;
        return items
            .iter()
            .map(|item| text_of(model, &m.name, member, item, ts))
            .collect();
    }
    Ok(vec![scalar_text(model, m, v, ts)?])
}

fn scalar_text(
    model: &ServiceModel,
    m: &Member,
    v: &Value,
    ts: Timestamps,
) -> Result<String, WireError> {
    text_of(model, &m.name, &m.target, v, ts)
}

fn text_of(
    model: &ServiceModel,
    member: &str,
    shape: &str,
    v: &Value,
    ts: Timestamps,
) -> Result<String, WireError> {
    let kind = model
        .shape(shape)
        .map(|s| &s.kind)
        .ok_or_else(|| WireError::bad_input(member, format!("unknown shape {shape}")))?;
    let wrong = |want: &str| WireError::bad_input(member, format!("expected {want}, got {v}"));
    match kind {
        ShapeKind::String(_) => v
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong("a string")),
        ShapeKind::Integer { .. } | ShapeKind::Long { .. } => v
            .as_i64()
            .map(|n| n.to_string())
            .ok_or_else(|| wrong("an integer")),
        ShapeKind::Double => v
            .as_f64()
            .map(|n| n.to_string())
            .ok_or_else(|| wrong("a number")),
        ShapeKind::Boolean => v
            .as_bool()
            .map(|b| b.to_string())
            .ok_or_else(|| wrong("a boolean")),
        ShapeKind::Timestamp => {
            let t = timestamp(v)
                .ok_or_else(|| wrong("a timestamp (epoch seconds or an RFC 3339 date-time)"))?;
            Ok(match ts {
                Timestamps::DateTime => date_time(t),
                Timestamps::HttpDate => http_date(t),
            })
        }
        ShapeKind::Blob { .. } => v
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong("a base64 string")),
        ShapeKind::Structure(_) | ShapeKind::List { .. } | ShapeKind::Map { .. } => Err(wrong(
            "a scalar (the model binds this member outside the body)",
        )),
    }
}

/// Body values travel as given, except timestamps written as RFC 3339 strings, which become
/// the epoch-second numbers restJson1 puts in bodies. Values of the wrong type are left alone:
/// a conformance suite must be able to send them.
fn body_value(model: &ServiceModel, shape: &str, v: Value) -> Value {
    let Some(kind) = model.shape(shape).map(|s| &s.kind) else {
        return v;
    };
    match (kind, v) {
        (ShapeKind::Timestamp, Value::String(s)) => match timestamp(&Value::String(s.clone())) {
            Some(t) => epoch_number(t),
            None => Value::String(s),
        },
        (ShapeKind::Structure(st), Value::Object(o)) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let v = match st.members.get(&k) {
                        Some(m) => body_value(model, &m.target, v),
                        None => v,
                    };
                    (k, v)
                })
                .collect(),
        ),
        (ShapeKind::List { member, .. }, Value::Array(a)) => Value::Array(
            a.into_iter()
                .map(|v| body_value(model, member, v))
                .collect(),
        ),
        (ShapeKind::Map { value, .. }, Value::Object(o)) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (k, body_value(model, value, v)))
                .collect(),
        ),
        (_, v) => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Service, sample};
    use percent_encoding::percent_decode_str;
    use serde_json::json;

    fn op(svc: Service, name: &str) -> &'static Operation {
        &svc.model().operations[name]
    }

    fn body_of(req: &http::Request<Vec<u8>>) -> Option<Value> {
        (!req.body().is_empty()).then(|| serde_json::from_slice(req.body()).unwrap())
    }

    fn query_pairs(req: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
        req.uri()
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                let d = |s: &str| percent_decode_str(s).decode_utf8().unwrap().into_owned();
                (d(k), d(v))
            })
            .collect()
    }

    /// Every operation of both services, from its sample input: method, path, query, headers
    /// and body follow the model's bindings exactly.
    #[test]
    fn every_operation_builds_from_its_sample_input() {
        let mut count = 0;
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                count += 1;
                let input = sample::input(svc, op);
                let req =
                    build_request(svc, op, &input).unwrap_or_else(|e| panic!("{}: {e}", op.name));
                let name = &op.name;
                assert_eq!(req.method(), op.http.method, "{name}");
                let st = model.input_structure(op).cloned().unwrap_or_default();

                // Path: the template with each label percent-encoded, and the server's matcher
                // gets the same values back.
                let path = req.uri().path();
                let matched = op
                    .http
                    .uri
                    .matches(path, &query_pairs(&req))
                    .unwrap_or_else(|| panic!("{name}: {path} does not match its template"));
                for m in st.members.values() {
                    if let Location::Uri(label) = &m.location {
                        assert_eq!(matched.labels[label], input[&m.name], "{name}.{label}");
                        let v = input[&m.name].as_str().unwrap();
                        if v.contains(':') {
                            assert!(path.contains("%3A"), "{name}: {path}");
                        }
                        if v.contains('/') {
                            assert!(path.contains("%2F"), "{name}: {path}");
                        }
                    }
                }
                assert_eq!(
                    model
                        .route(&op.http.method, path, &query_pairs(&req))
                        .map(|(o, _)| &o.name),
                    Some(name),
                    "{name}: routes back to itself"
                );

                // Query: the literals, then one pair per query member (list elements repeat).
                let pairs = query_pairs(&req);
                for (k, v) in &op.http.uri.query_literals {
                    assert!(
                        pairs
                            .iter()
                            .any(|(pk, pv)| pk == k && v.as_ref().is_none_or(|v| v == pv)),
                        "{name}: literal {k} missing from {pairs:?}"
                    );
                }
                let mut want_query = op.http.uri.query_literals.len();
                for m in st.members.values() {
                    if let Location::Query(key) = &m.location {
                        want_query += input[&m.name].as_array().map_or(1, Vec::len);
                        let got = pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
                        let want = match &input[&m.name] {
                            Value::String(s) => s.clone(),
                            v if model
                                .shape(&m.target)
                                .is_some_and(|s| matches!(s.kind, ShapeKind::Timestamp)) =>
                            {
                                date_time(timestamp(v).unwrap())
                            }
                            v => v.to_string(),
                        };
                        assert_eq!(got, Some(want), "{name}: query {key}");
                    }
                }
                assert_eq!(pairs.len(), want_query, "{name}: {pairs:?}");

                // Headers: exactly the header members (the bearer among them).
                let mut want_headers = 0;
                for m in st.members.values() {
                    if let Location::Header(h) = &m.location {
                        want_headers += 1;
                        assert_eq!(
                            req.headers()[h.as_str()],
                            input[&m.name].as_str().unwrap(),
                            "{name}: header {h}"
                        );
                    }
                }

                // Body: exactly the body members under their JSON names, or nothing.
                let want_body: Map<String, Value> = st
                    .body_members()
                    .map(|(json, m)| (json.to_owned(), input[&m.name].clone()))
                    .collect();
                match body_of(&req) {
                    None => {
                        assert!(want_body.is_empty(), "{name}: body missing");
                        assert!(req.headers().get("content-type").is_none(), "{name}");
                    }
                    Some(body) => {
                        assert_eq!(body, Value::Object(want_body), "{name}: body");
                        assert_eq!(req.headers()["content-type"], "application/json");
                        want_headers += 1;
                    }
                }
                assert_eq!(
                    req.headers().len(),
                    want_headers,
                    "{name}: {:?}",
                    req.headers()
                );
            }
        }
        assert_eq!(count, 81);
    }

    #[test]
    fn list_channel_messages_binds_query_and_bearer() {
        let o = op(Service::Messaging, "ListChannelMessages");
        let input = json!({
            "ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c",
            "ChimeBearer": "arn:aws:chime:us-east-1:1:app-instance/a/user/u",
            "NotBefore": 1700000000,
            "NotAfter": "2023-11-14T22:13:20.5Z",
            "MaxResults": 5,
            "SortOrder": "ASCENDING",
        });
        let req = build_request(Service::Messaging, o, &input).unwrap();
        assert_eq!(req.method(), http::Method::GET);
        assert_eq!(
            req.uri().path(),
            "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fc/messages"
        );
        let q = query_pairs(&req);
        assert!(q.contains(&("not-before".into(), "2023-11-14T22:13:20Z".into())));
        assert!(q.contains(&("not-after".into(), "2023-11-14T22:13:20.5Z".into())));
        assert!(q.contains(&("max-results".into(), "5".into())));
        assert!(q.contains(&("sort-order".into(), "ASCENDING".into())));
        assert_eq!(
            req.headers()["x-amz-chime-bearer"],
            "arn:aws:chime:us-east-1:1:app-instance/a/user/u"
        );
        assert!(req.body().is_empty());
        assert!(req.headers().get("content-type").is_none());
    }

    #[test]
    fn idempotency_tokens_are_filled_unless_given() {
        let o = op(Service::Messaging, "SendChannelMessage");
        let mut input = sample::input(Service::Messaging, o);
        input.as_object_mut().unwrap().remove("ClientRequestToken");
        let a = body_of(&build_request(Service::Messaging, o, &input).unwrap()).unwrap();
        let b = body_of(&build_request(Service::Messaging, o, &input).unwrap()).unwrap();
        let token = a["ClientRequestToken"].as_str().unwrap();
        assert!(uuid::Uuid::parse_str(token).is_ok(), "{token}");
        assert_ne!(a["ClientRequestToken"], b["ClientRequestToken"]);
        input["ClientRequestToken"] = json!("mine");
        let c = body_of(&build_request(Service::Messaging, o, &input).unwrap()).unwrap();
        assert_eq!(c["ClientRequestToken"], "mine");
    }

    #[test]
    fn bodies_follow_the_sdks() {
        let o = op(Service::Messaging, "UpdateChannelReadMarker");
        // No body members: no body at all.
        let input = json!({"ChannelArn": "a:b/c", "ChimeBearer": "u"});
        let req = build_request(Service::Messaging, o, &input).unwrap();
        assert!(req.body().is_empty());
        // Body members, none set: an empty object.
        let o = op(Service::Messaging, "RedactChannelMessage");
        let input = json!({"ChannelArn": "a", "MessageId": "m", "ChimeBearer": "u"});
        let req = build_request(Service::Messaging, o, &input).unwrap();
        assert_eq!(req.body(), b"{}");
        assert_eq!(req.headers()["content-type"], "application/json");
        let o = op(Service::Messaging, "PutChannelExpirationSettings");
        let input = json!({
            "ChannelArn": "a",
            "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}
        });
        let body = body_of(&build_request(Service::Messaging, o, &input).unwrap()).unwrap();
        assert_eq!(body["ExpirationSettings"]["ExpirationDays"], 1);
        assert_eq!(
            body_value(
                crate::model::messaging(),
                "Timestamp",
                json!("2023-11-14T22:13:20Z")
            ),
            json!(1_700_000_000)
        );
        assert_eq!(
            body_value(crate::model::messaging(), "Timestamp", json!("soon")),
            json!("soon")
        );
    }

    #[test]
    fn bad_input_names_the_member() {
        let o = op(Service::Messaging, "DescribeChannel");
        let err = |input: Value| build_request(Service::Messaging, o, &input).unwrap_err();
        let msg = err(json!([1])).to_string();
        assert!(
            msg.contains("input") && msg.contains("not a JSON object"),
            "{msg}"
        );
        let msg = err(json!({"ChannelArn": "a", "ChimeBearer": "u", "Bogus": 1})).to_string();
        assert!(msg.contains("Bogus"), "{msg}");
        let msg = err(json!({"ChimeBearer": "u"})).to_string();
        assert!(
            msg.contains("ChannelArn") && msg.contains("missing"),
            "{msg}"
        );
        let msg = err(json!({"ChannelArn": 7, "ChimeBearer": "u"})).to_string();
        assert!(
            msg.contains("ChannelArn") && msg.contains("string"),
            "{msg}"
        );
        let msg = err(json!({"ChannelArn": "a", "ChimeBearer": "u\nx"})).to_string();
        assert!(msg.contains("ChimeBearer"), "{msg}");
        let msg = err(json!({"ChannelArn": "", "ChimeBearer": "u"})).to_string();
        assert!(msg.contains("ChannelArn") && msg.contains("empty"), "{msg}");
        let list = op(Service::Messaging, "ListChannels");
        let msg = build_request(
            Service::Messaging,
            list,
            &json!({"AppInstanceArn": "a", "ChimeBearer": "u", "MaxResults": "5"}),
        )
        .unwrap_err()
        .to_string();
        assert!(
            msg.contains("MaxResults") && msg.contains("integer"),
            "{msg}"
        );
        let msgs = op(Service::Messaging, "ListChannelMessages");
        let msg = build_request(
            Service::Messaging,
            msgs,
            &json!({"ChannelArn": "a", "ChimeBearer": "u", "NotBefore": "yesterday"}),
        )
        .unwrap_err()
        .to_string();
        assert!(
            msg.contains("NotBefore") && msg.contains("timestamp"),
            "{msg}"
        );
    }

    #[test]
    fn null_members_count_as_unset() {
        let o = op(Service::Messaging, "ListChannels");
        let input = json!({"AppInstanceArn": "a", "ChimeBearer": "u", "NextToken": null});
        let req = build_request(Service::Messaging, o, &input).unwrap();
        assert_eq!(query_pairs(&req), [("app-instance-arn".into(), "a".into())]);
    }
}
