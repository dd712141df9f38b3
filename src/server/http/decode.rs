//! From an HTTP request to an operation and its input in SDK member names.
//!
//! Routing asks the model of each service; the raw path is split before labels are decoded
//! (B-WIRE-03), query members and headers are parsed by their model types, and the JSON body's
//! members are matched by their JSON names.

use crate::model::{
    Location, Operation, Segment, Service, ServiceModel, ShapeKind, Structure, UriMatch,
};
use crate::server::domain::ApiError;
use http::{HeaderMap, Method};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The query string split into pairs, each half percent-decoded. Pairs whose decoding is not
/// UTF-8 are kept (decoded lossily, so routing still works) and named in `undecodable`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
    pub undecodable: Vec<String>,
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        let mut query = Query::default();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let key = percent_decode_str(k).decode_utf8_lossy().into_owned();
            let value = match percent_decode_str(v).decode_utf8() {
                Ok(v) => v.into_owned(),
                Err(_) => {
                    query.undecodable.push(key.clone());
                    percent_decode_str(v).decode_utf8_lossy().into_owned()
                }
            };
            query.pairs.push((key, value));
        }
        query
    }

    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What routing found for a request.
#[derive(Debug)]
pub enum Route {
    /// The operations the request addresses. More than one only when both services model the
    /// same operation on the same path (the tag operations); the input then decides.
    Found(Vec<(Service, &'static Operation, UriMatch)>),
    /// The path is known, but not with this method: the methods it is known with.
    WrongMethod(Vec<Method>),
    Unknown,
}

/// Operations by the first segment of their path.
type ByFirstSegment = HashMap<String, Vec<(Service, &'static Operation)>>;

/// The operations of both services grouped by method and first path segment, so that a
/// request is matched against a handful of templates rather than every operation.
struct RouteIndex {
    by_first_segment: HashMap<Method, ByFirstSegment>,
    /// Templates whose first segment is a label (none in the current models).
    anywhere: Vec<(Service, &'static Operation)>,
}

fn index() -> &'static RouteIndex {
    static INDEX: OnceLock<RouteIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = RouteIndex {
            by_first_segment: HashMap::new(),
            anywhere: Vec::new(),
        };
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                match op.http.uri.segments.first() {
                    Some(Segment::Literal(first)) => index
                        .by_first_segment
                        .entry(op.http.method.clone())
                        .or_default()
                        .entry(first.clone())
                        .or_default()
                        .push((svc, op)),
                    _ => index.anywhere.push((svc, op)),
                }
            }
        }
        index
    })
}

/// Finds the operation(s) a request addresses in both services' models: the templates that
/// match, the most specific first (fixed query literals, then literal segments), as
/// `ServiceModel::route` picks them.
pub fn route(method: &Method, raw_path: &str, query: &Query) -> Route {
    let index = index();
    let first = raw_path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let candidates = index
        .by_first_segment
        .get(method)
        .and_then(|by_first| by_first.get(first))
        .into_iter()
        .flatten()
        .chain(
            index
                .anywhere
                .iter()
                .filter(|(_, op)| op.http.method == *method),
        );
    let parts: Vec<&str> = raw_path.split('/').filter(|p| !p.is_empty()).collect();
    let mut found: Vec<(Service, &'static Operation, UriMatch)> = candidates
        .filter(|(_, op)| plausible(&op.http.uri, &parts))
        .filter_map(|(svc, op)| {
            op.http
                .uri
                .matches(raw_path, &query.pairs)
                .map(|m| (*svc, *op, m))
        })
        .collect();
    if let Some(best) = found
        .iter()
        .map(|(_, op, _)| op.http.uri.specificity())
        .max()
    {
        found.retain(|(_, op, _)| op.http.uri.specificity() == best);
        return Route::Found(found);
    }
    let mut methods: Vec<Method> = Service::ALL
        .into_iter()
        .flat_map(|svc| svc.model().operations.values())
        .filter(|op| op.http.uri.matches(raw_path, &query.pairs).is_some())
        .map(|op| op.http.method.clone())
        .collect();
    methods.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    methods.dedup();
    if methods.is_empty() {
        Route::Unknown
    } else {
        Route::WrongMethod(methods)
    }
}

/// A cheap first look before the full match (which decodes every label): the segment count
/// and the literal segments agree. Templates with a greedy label are always worth a full look.
fn plausible(template: &crate::model::UriTemplate, parts: &[&str]) -> bool {
    let greedy = template
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Label { greedy: true, .. }));
    greedy
        || (template.segments.len() == parts.len()
            && template
                .segments
                .iter()
                .zip(parts)
                .all(|(seg, part)| match seg {
                    Segment::Literal(l) => l == part,
                    Segment::Label { .. } => true,
                }))
}

/// The service that owns a resource, by the ARN's resource type: app instances, their users
/// and bots belong to identity; channels and channel flows to messaging.
pub fn service_of_arn(arn: &str) -> Option<Service> {
    let mut parts = arn.splitn(6, ':');
    if parts.next() != Some("arn") {
        return None;
    }
    let resource = parts.nth(4)?;
    let segments: Vec<&str> = resource.split('/').collect();
    match segments.as_slice() {
        ["channel-flow", ..] => Some(Service::Messaging),
        ["app-instance", _, "channel", ..] => Some(Service::Messaging),
        ["app-instance", _, "user" | "bot", ..] | ["app-instance", _] => Some(Service::Identity),
        _ => None,
    }
}

/// Picks one of several same-path candidates by the resource ARN the input names (the first
/// member whose name ends in `ARN`/`Arn`). Without a recognisable ARN, the first candidate.
pub fn pick_by_arn(candidates: &[Service], input: &Map<String, Value>) -> Service {
    let owner = input
        .iter()
        .filter(|(name, _)| name.ends_with("ARN") || name.ends_with("Arn"))
        .find_map(|(_, v)| v.as_str().and_then(service_of_arn));
    match owner {
        Some(svc) if candidates.contains(&svc) => svc,
        _ => candidates.first().copied().unwrap_or(Service::Messaging),
    }
}

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
    use http::HeaderValue;

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
    fn query_pairs_are_decoded_and_bad_encodings_named() {
        let q = Query::parse(Some("a=1&b=x%20y&&c&d=%FF"));
        assert_eq!(
            q.pairs,
            [
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y".to_owned()),
                ("c".to_owned(), String::new()),
                ("d".to_owned(), "\u{FFFD}".to_owned()),
            ]
        );
        assert_eq!(q.undecodable, ["d"]);
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
    fn arns_are_classified_by_resource_type() {
        let arn = |r: &str| format!("arn:aws:chime:us-east-1:123456789012:{r}");
        assert_eq!(
            service_of_arn(&arn("app-instance/a")),
            Some(Service::Identity)
        );
        assert_eq!(
            service_of_arn(&arn("app-instance/a/bot/b")),
            Some(Service::Identity)
        );
        assert_eq!(
            service_of_arn(&arn("channel-flow/f")),
            Some(Service::Messaging)
        );
        assert_eq!(service_of_arn(CHANNEL), Some(Service::Messaging));
        assert_eq!(service_of_arn("not-an-arn"), None);
        assert_eq!(service_of_arn("arn:aws:chime"), None);
    }

    #[test]
    fn the_index_routes_every_operation_as_the_model_does() {
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                let path = op
                    .http
                    .uri
                    .expand(|_| Some(CHANNEL.to_owned()))
                    .expect("expands");
                let query: Vec<(String, String)> = op
                    .http
                    .uri
                    .query_literals
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone().unwrap_or_default()))
                    .collect();
                let q = Query {
                    pairs: query.clone(),
                    undecodable: Vec::new(),
                };
                let Route::Found(found) = route(&op.http.method, &path, &q) else {
                    panic!("{} does not route", op.name)
                };
                let (want, _) = model
                    .route(&op.http.method, &path, &query)
                    .expect("the model routes it");
                assert!(
                    found
                        .iter()
                        .any(|(s, o, _)| *s == svc && o.name == want.name),
                    "{svc}:{} routes to {:?}",
                    op.name,
                    found.iter().map(|(_, o, _)| &o.name).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn unknown_paths_and_wrong_methods_are_told_apart() {
        let q = Query::default();
        assert!(matches!(
            route(&Method::GET, "/nowhere", &q),
            Route::Unknown
        ));
        match route(&Method::PATCH, "/channels", &q) {
            Route::WrongMethod(m) => assert_eq!(m, [Method::GET, Method::POST]),
            other => panic!("{other:?}"),
        }
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
