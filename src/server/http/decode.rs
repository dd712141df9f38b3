//! From an HTTP request to an operation and its input in SDK member names.
//!
//! Routing asks the model of each service (`route`); the raw path is split before labels are
//! decoded (B-WIRE-03), query members and headers are parsed by their model types, and the JSON
//! body's members are matched by their JSON names.

use crate::model::{Location, Operation, Service, ServiceModel, ShapeKind, Structure, UriMatch};
use crate::server::domain::ApiError;
use http::HeaderMap;
use serde_json::{Map, Number, Value};

// The handler reaches the query and routing through `decode::`.
pub use super::query::Query;
pub use super::route::{Route, pick_by_arn, route, service_of_arn};

/// Everything about a request the decoder reads.
pub struct RawRequest<'a> {
    pub labels: &'a UriMatch,
    pub query: &'a Query,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// Merges labels, query members, headers and body members into one object keyed by SDK member
/// name, each value converted to the member's model type (timestamps as epoch seconds).
pub fn decode_input(
    service: Service,
    op: &Operation,
    req: &RawRequest<'_>,
) -> Result<Map<String, Value>, ApiError> {
    let model = service.model();
    let Some(structure) = model.input_structure(op) else {
        return Ok(Map::new());
    };
    if let Some(label) = req.labels.undecodable.first() {
        return Err(ApiError::bad_request(format!(
            "the URI label {label} is not valid percent-encoded UTF-8"
        )));
    }
    let has_body_members = structure.body_members().next().is_some();
    // Operations without body members ignore whatever body came along, as the SDKs send `{}`.
    let mut input = if has_body_members && !req.body.iter().all(u8::is_ascii_whitespace) {
        body_input(structure, req.body)?
    } else {
        Map::new()
    };
    for (name, member) in &structure.members {
        match &member.location {
            Location::Uri(label) => {
                if let Some(raw) = req.labels.labels.get(label) {
                    input.insert(name.clone(), scalar(model, &member.target, raw, name)?);
                }
            }
            Location::Query(key) => {
                if req.query.undecodable.iter().any(|k| k == key) {
                    return Err(ApiError::bad_request(format!(
                        "the query parameter {key} ({name}) is not valid percent-encoded UTF-8"
                    )));
                }
                let values: Vec<&str> = req.query.values(key).collect();
                if values.is_empty() {
                    continue;
                }
                let value = match model.shape(&member.target).map(|s| &s.kind) {
                    Some(ShapeKind::List { member: item, .. }) => Value::Array(
                        values
                            .iter()
                            .map(|v| scalar(model, item, v, name))
                            .collect::<Result<_, _>>()?,
                    ),
                    _ if values.len() > 1 => {
                        return Err(ApiError::bad_request(format!(
                            "the query parameter {key} ({name}) is given {} times; it takes one value",
                            values.len()
                        )));
                    }
                    _ => scalar(model, &member.target, values[0], name)?,
                };
                input.insert(name.clone(), value);
            }
            Location::Header(header) => {
                let mut values = req.headers.get_all(header.as_str()).iter();
                let Some(raw) = values.next() else { continue };
                if values.next().is_some() {
                    return Err(ApiError::bad_request(format!(
                        "the header {header} ({name}) is given more than once"
                    )));
                }
                let raw = raw.to_str().map_err(|_| {
                    ApiError::bad_request(format!(
                        "the header {header} ({name}) is not visible ASCII"
                    ))
                })?;
                input.insert(name.clone(), scalar(model, &member.target, raw, name)?);
            }
            Location::Body { .. } => {}
        }
    }
    Ok(input)
}

/// The body's members keyed by member name. Members the input does not have are dropped, and
/// JSON null is the same as leaving the member out. The parsed object is kept and only renamed
/// where a JSON name differs, so the common case copies nothing.
fn body_input(structure: &Structure, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let body: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the request body is not valid JSON: {e}")))?;
    let Value::Object(mut body) = body else {
        return Err(ApiError::bad_request(
            "the request body must be a JSON object",
        ));
    };
    let mut renamed = Vec::new();
    body.retain(|json_name, value| {
        let member = structure
            .body_members()
            .find(|(j, _)| *j == json_name.as_str())
            .map(|(_, m)| m);
        match member {
            Some(_) if value.is_null() => false,
            Some(m) if m.name != *json_name => {
                renamed.push((m.name.clone(), value.take()));
                false
            }
            Some(_) => true,
            None => false,
        }
    });
    body.extend(renamed);
    Ok(body)
}

/// Converts one string from a label, a query parameter or a header to the member's type.
fn scalar(model: &ServiceModel, target: &str, raw: &str, member: &str) -> Result<Value, ApiError> {
    let bad = |what: &str| {
        ApiError::bad_request(format!(
            "{member} must be {what}, got {:?}",
            truncate(raw, 64)
        ))
    };
    let Some(shape) = model.shape(target) else {
        return Ok(Value::String(raw.to_owned()));
    };
    Ok(match &shape.kind {
        ShapeKind::Integer { .. } | ShapeKind::Long { .. } => raw
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| bad("an integer"))?,
        ShapeKind::Double => raw
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| bad("a number"))?,
        ShapeKind::Boolean => match raw {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("true or false")),
        },
        ShapeKind::Timestamp => parse_timestamp(raw).ok_or_else(|| bad("an ISO-8601 date-time"))?,
        ShapeKind::String(_) | ShapeKind::Blob { .. } => Value::String(raw.to_owned()),
        ShapeKind::Structure(_) | ShapeKind::List { .. } | ShapeKind::Map { .. } => {
            return Err(bad("a single value"));
        }
    })
}

/// ISO-8601 (RFC 3339) date-times, as the SDKs send them in query strings, or epoch seconds.
/// Whole seconds become integers so they read back exactly.
pub fn parse_timestamp(raw: &str) -> Option<Value> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        // The domain keeps milliseconds; a client that wrote an f64 with more digits
        // (`.566999912`) means the nearest one, so round rather than truncate.
        let millis =
            t.timestamp() * 1000 + i64::from((t.timestamp_subsec_nanos() + 500_000) / 1_000_000);
        return Some(if millis % 1000 == 0 {
            Value::from(millis / 1000)
        } else {
            Number::from_f64(millis as f64 / 1000.0).map(Value::Number)?
        });
    }
    let secs = raw.parse::<f64>().ok().filter(|s| s.is_finite())?;
    Number::from_f64(secs).map(Value::Number)
}

/// At most `max` characters of a value, for quoting client input in messages.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderValue, Method};

    #[test]
    fn query_timestamps_round_to_the_nearest_millisecond() {
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:54.566999912Z"),
            Some(serde_json::json!(1_700_000_034.567))
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:54.9999Z"),
            Some(serde_json::json!(1_700_000_035))
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:54Z"),
            Some(serde_json::json!(1_700_000_034))
        );
    }

    const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";

    fn encoded(arn: &str) -> String {
        arn.replace(':', "%3A").replace('/', "%2F")
    }

    fn decode(
        method: Method,
        path: &str,
        query: &str,
        headers: &HeaderMap,
        body: &str,
    ) -> Result<(Service, String, Map<String, Value>), ApiError> {
        let query = Query::parse(Some(query));
        let Route::Found(found) = route(&method, path, &query) else {
            panic!("{method} {path}?{query:?} routes")
        };
        let mut decoded = Vec::new();
        for (svc, op, labels) in &found {
            let req = RawRequest {
                labels,
                query: &query,
                headers,
                body: body.as_bytes(),
            };
            decoded.push((*svc, op.name.clone(), decode_input(*svc, op, &req)?));
        }
        let services: Vec<Service> = decoded.iter().map(|d| d.0).collect();
        let pick = pick_by_arn(&services, &decoded[0].2);
        Ok(decoded.into_iter().find(|d| d.0 == pick).unwrap())
    }

    #[test]
    fn list_channel_messages_merges_label_query_and_header() {
        let mut headers = HeaderMap::new();
        headers.insert("x-amz-chime-bearer", HeaderValue::from_static("arn:bearer"));
        let path = format!("/channels/{}/messages", encoded(CHANNEL));
        let (svc, op, input) = decode(
            Method::GET,
            &path,
            "max-results=7&not-before=2024-01-02T03%3A04%3A05Z&sort-order=ASCENDING",
            &headers,
            "",
        )
        .unwrap();
        assert_eq!(
            (svc, op.as_str()),
            (Service::Messaging, "ListChannelMessages")
        );
        assert_eq!(input["ChannelArn"], CHANNEL);
        assert_eq!(input["MaxResults"], 7);
        assert_eq!(input["NotBefore"], 1_704_164_645);
        assert_eq!(input["SortOrder"], "ASCENDING");
        assert_eq!(input["ChimeBearer"], "arn:bearer");
    }

    #[test]
    fn typed_query_members_reject_bad_values_naming_the_member() {
        let path = format!("/channels/{}/messages", encoded(CHANNEL));
        let err = decode(Method::GET, &path, "max-results=ten", &HeaderMap::new(), "").unwrap_err();
        assert_eq!(err.shape, "BadRequestException");
        assert!(err.message.contains("MaxResults"), "{}", err.message);
        let err = decode(
            Method::GET,
            &path,
            "not-after=yesterday",
            &HeaderMap::new(),
            "",
        )
        .unwrap_err();
        assert!(err.message.contains("NotAfter"), "{}", err.message);
        let err = decode(
            Method::GET,
            &path,
            "next-token=%C3%28",
            &HeaderMap::new(),
            "",
        )
        .unwrap_err();
        assert!(err.message.contains("NextToken"), "{}", err.message);
    }

    #[test]
    fn body_members_are_read_by_json_name_and_nulls_dropped() {
        let path = format!("/channels/{}/messages", encoded(CHANNEL));
        let (_, op, input) = decode(
            Method::POST,
            &path,
            "",
            &HeaderMap::new(),
            r#"{"Content":"hi","Type":"STANDARD","Metadata":null,"Unknown":1}"#,
        )
        .unwrap();
        assert_eq!(op, "SendChannelMessage");
        assert_eq!(input["Content"], "hi");
        assert!(!input.contains_key("Metadata"));
        assert!(!input.contains_key("Unknown"));
        for bad in ["{", "[1]", "\"x\""] {
            let err = decode(Method::POST, &path, "", &HeaderMap::new(), bad).unwrap_err();
            assert_eq!(err.shape, "BadRequestException", "{bad}");
        }
    }

    #[test]
    fn encoded_slashes_stay_inside_labels() {
        let path = format!("/channels/{}", encoded(CHANNEL));
        let (_, op, input) = decode(Method::GET, &path, "", &HeaderMap::new(), "").unwrap();
        assert_eq!(op, "DescribeChannel");
        assert_eq!(input["ChannelArn"], CHANNEL);
        let bad = decode(Method::GET, "/channels/%FF", "", &HeaderMap::new(), "").unwrap_err();
        assert!(bad.message.contains("channelArn"), "{}", bad.message);
    }

    #[test]
    fn tag_operations_go_to_the_service_owning_the_arn() {
        let user = "arn:aws:chime:us-east-1:1:app-instance/a/user/u";
        let (svc, op, _) = decode(
            Method::GET,
            "/tags",
            &format!("arn={}", encoded(user)),
            &HeaderMap::new(),
            "",
        )
        .unwrap();
        assert_eq!(
            (svc, op.as_str()),
            (Service::Identity, "ListTagsForResource")
        );
        let (svc, _, _) = decode(
            Method::GET,
            "/tags",
            &format!("arn={}", encoded(CHANNEL)),
            &HeaderMap::new(),
            "",
        )
        .unwrap();
        assert_eq!(svc, Service::Messaging);
        let body = format!(r#"{{"ResourceARN":"{user}","Tags":[{{"Key":"k","Value":"v"}}]}}"#);
        let (svc, op, _) = decode(
            Method::POST,
            "/tags",
            "operation=tag-resource",
            &HeaderMap::new(),
            &body,
        )
        .unwrap();
        assert_eq!((svc, op.as_str()), (Service::Identity, "TagResource"));
    }

    #[test]
    fn timestamps_parse_from_iso_8601_or_epoch_seconds() {
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:10Z"),
            Some(Value::from(10))
        );
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:10.5+00:00"),
            Some(serde_json::json!(10.5))
        );
        assert_eq!(parse_timestamp("12.25"), Some(serde_json::json!(12.25)));
        assert_eq!(parse_timestamp("soon"), None);
        assert_eq!(parse_timestamp("NaN"), None);
    }
}
