//! JSON Schema 2020-12 documents derived from the service models.
//!
//! Every named shape that carries more than a bare `type` lives once in `$defs` and is referenced
//! with `$ref`, so a constraint change in the model shows up as a one-line change in one place.
//! Keys are sorted and output is pretty-printed, so a diff of `schemas/` reads as a contract diff.
//!
//! Request schemas read the model's patterns as Java does, response and error schemas accept a
//! value either reading of a pattern allows (`pattern`'s module documentation says why), and
//! every integer carries the bounds of its type's width as well as the model's.

use super::pattern::{self, Side};
use crate::model::{Member, Operation, Service, ServiceModel, ShapeKind, Structure};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The relative paths of an operation's files under `schemas/`.
pub fn request_path(service: Service, op: &str) -> String {
    format!("{}/{op}.request.json", service.slug())
}

pub fn response_path(service: Service, op: &str) -> String {
    format!("{}/{op}.response.json", service.slug())
}

pub fn error_path(service: Service, shape: &str) -> String {
    format!("{}/errors/{shape}.json", service.slug())
}

/// Every schema file of both services, by path under `schemas/`, as the text to write.
pub fn generate_all() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for service in Service::ALL {
        let model = service.model();
        for op in model.operations.values() {
            files.insert(
                request_path(service, &op.name),
                to_pretty(&request_schema(model, op)),
            );
            files.insert(
                response_path(service, &op.name),
                to_pretty(&response_schema(model, op)),
            );
        }
        for shape in model.error_shapes() {
            files.insert(
                error_path(service, &shape.name),
                to_pretty(&error_schema(model, &shape.name)),
            );
        }
    }
    files
}

/// Pretty JSON with two-space indentation, sorted keys and a trailing newline.
pub fn to_pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// Rebuilds objects with their keys in order, whatever map type serde_json was built with.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let ordered: BTreeMap<&String, Value> =
                map.iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(ordered.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The request body: the input's body members by JSON name.
pub fn request_schema(model: &ServiceModel, op: &Operation) -> Value {
    let mut g = Generator::new(model, Side::Request);
    let members = model
        .input_structure(op)
        .map(|s| body_members(s))
        .unwrap_or_default();
    let root = g.object(&members);
    g.document(
        root,
        format!("{} request body", op.name),
        format!(
            "{} {} ({}); members bound to the URI, query string or headers are not part of the body.",
            op.http.method,
            op.http.uri.raw,
            model.metadata.service_id
        ),
    )
}

/// The success response body: the output's body members, or an empty object without output.
pub fn response_schema(model: &ServiceModel, op: &Operation) -> Value {
    let mut g = Generator::new(model, Side::Response);
    let structure = model.output_structure(op);
    let members = structure.map(|s| body_members(s)).unwrap_or_default();
    let root = g.object(&members);
    let description = if structure.is_none() || op.http.success_code == 204 {
        format!(
            "Status {}; the operation has no response body.",
            op.http.success_code
        )
    } else {
        format!("Status {}.", op.http.success_code)
    };
    g.document(root, format!("{} response body", op.name), description)
}

/// The body of an error response of this shape.
pub fn error_schema(model: &ServiceModel, shape: &str) -> Value {
    let mut g = Generator::new(model, Side::Response);
    let members = model
        .structure(shape)
        .map(|s| body_members(s))
        .unwrap_or_default();
    let root = g.object(&members);
    let description = match model.error_info(shape) {
        Some(info) => format!(
            "Status {}, x-amzn-ErrorType {shape}{}.",
            info.http_status,
            if info.fault { ", a server fault" } else { "" }
        ),
        None => format!("x-amzn-ErrorType {shape}."),
    };
    g.document(root, format!("{shape} error body"), description)
}

/// The whole input of an operation by SDK member name (labels, query, headers and body
/// together), as the reference server sees it after decoding. Not written to `schemas/`.
pub fn input_schema(model: &ServiceModel, op: &Operation) -> Value {
    let mut g = Generator::new(model, Side::Request);
    let members: Vec<(String, &Member, bool)> = model
        .input_structure(op)
        .map(|s| {
            s.members
                .values()
                .map(|m| (m.name.clone(), m, s.is_required(&m.name)))
                .collect()
        })
        .unwrap_or_default();
    let root = g.object(&members);
    g.document(
        root,
        format!("{} input", op.name),
        "Every input member by SDK name.".to_owned(),
    )
}

/// Body members of a structure as (JSON name, member, required).
fn body_members(s: &Structure) -> Vec<(String, &Member, bool)> {
    s.body_members()
        .map(|(json, m)| (json.to_owned(), m, s.is_required(&m.name)))
        .collect()
}

/// How a generated schema expects timestamps: restJson1 bodies carry epoch seconds, the
/// payloads of messaging-session events ISO-8601 strings (B-WS-14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimestampFormat {
    #[default]
    EpochSeconds,
    /// UTC with milliseconds and `Z`: `2024-01-02T03:04:05.678Z`.
    Iso8601,
}

/// The pattern of [`TimestampFormat::Iso8601`] timestamps.
pub const ISO_8601_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

/// Builds one schema document: the shapes it references land in its `$defs`.
pub(super) struct Generator<'m> {
    model: &'m ServiceModel,
    /// Which side of the wire the schema judges; it decides how patterns are read.
    side: Side,
    timestamps: TimestampFormat,
    defs: BTreeMap<String, Value>,
    /// Shapes being built, so a recursive reference becomes a `$ref` instead of a loop.
    building: BTreeSet<String>,
}

impl<'m> Generator<'m> {
    pub(super) fn new(model: &'m ServiceModel, side: Side) -> Self {
        Self::with_timestamps(model, side, TimestampFormat::EpochSeconds)
    }

    pub(super) fn with_timestamps(
        model: &'m ServiceModel,
        side: Side,
        timestamps: TimestampFormat,
    ) -> Self {
        Generator {
            model,
            side,
            timestamps,
            defs: BTreeMap::new(),
            building: BTreeSet::new(),
        }
    }

    pub(super) fn document(self, root: Value, title: String, description: String) -> Value {
        let mut doc = match root {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        doc.insert("$schema".into(), json!(DRAFT_2020_12));
        doc.insert("title".into(), json!(title));
        doc.insert("description".into(), json!(description));
        if !self.defs.is_empty() {
            doc.insert(
                "$defs".into(),
                Value::Object(self.defs.into_iter().collect()),
            );
        }
        Value::Object(doc)
    }

    /// A closed object of the given (key, member, required) triples.
    pub(super) fn object(&mut self, members: &[(String, &Member, bool)]) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (key, member, is_required) in members {
            properties.insert(key.clone(), self.reference(&member.target));
            if *is_required {
                required.push(json!(key));
            }
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        if !properties.is_empty() {
            schema.insert("properties".into(), Value::Object(properties));
        }
        if !required.is_empty() {
            required.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            schema.insert("required".into(), Value::Array(required));
        }
        schema.insert("additionalProperties".into(), json!(false));
        Value::Object(schema)
    }

    /// A reference to a named shape: inline when it is a bare type, `$ref` otherwise.
    pub(super) fn reference(&mut self, name: &str) -> Value {
        let target = json!({ "$ref": format!("#/$defs/{}", pointer_escape(name)) });
        if self.defs.contains_key(name) || self.building.contains(name) {
            return target;
        }
        self.building.insert(name.to_owned());
        let schema = self.shape(name);
        self.building.remove(name);
        let bare = schema
            .as_object()
            .is_some_and(|o| o.len() == 1 && o.contains_key("type"));
        if bare && !self.defs.contains_key(name) {
            return schema;
        }
        self.defs.insert(name.to_owned(), schema);
        target
    }

    fn shape(&mut self, name: &str) -> Value {
        let Some(shape) = self.model.shape(name) else {
            // The model loader refuses dangling references, so this is unreachable in practice;
            // an open schema keeps generation total.
            return json!({ "$comment": format!("unknown shape {name}") });
        };
        let mut s = Map::new();
        match &shape.kind {
            ShapeKind::Structure(st) => {
                let members = body_members(st);
                return self.object(&members);
            }
            ShapeKind::List { member, min, max } => {
                s.insert("type".into(), json!("array"));
                s.insert("items".into(), self.reference(member));
                put(&mut s, "minItems", min.map(Value::from));
                put(&mut s, "maxItems", max.map(Value::from));
            }
            ShapeKind::Map {
                key,
                value,
                min,
                max,
            } => {
                s.insert("type".into(), json!("object"));
                let key_schema = self.reference(key);
                if key_schema != json!({"type": "string"}) {
                    s.insert("propertyNames".into(), key_schema);
                }
                s.insert("additionalProperties".into(), self.reference(value));
                put(&mut s, "minProperties", min.map(Value::from));
                put(&mut s, "maxProperties", max.map(Value::from));
            }
            ShapeKind::String(st) => {
                s.insert("type".into(), json!("string"));
                if let Some(values) = &st.enum_values {
                    s.insert("enum".into(), json!(values));
                }
                put(&mut s, "minLength", st.min.map(Value::from));
                put(&mut s, "maxLength", st.max.map(Value::from));
                // A pattern every string matches constrains nothing and costs a regex run.
                match st
                    .pattern
                    .as_deref()
                    .map(|p| pattern::for_side(p, self.side))
                {
                    Some(Ok(Some(p))) => {
                        s.insert("pattern".into(), json!(p));
                    }
                    Some(Err(e)) => {
                        s.insert(
                            "$comment".into(),
                            json!(format!("pattern not checked: {e}")),
                        );
                    }
                    Some(Ok(None)) | None => {}
                }
            }
            ShapeKind::Integer { .. } | ShapeKind::Long { .. } => {
                // The type's width bounds every integer, not only those the model bounds.
                s.insert("type".into(), json!("integer"));
                if let Some((min, max)) = shape.kind.integer_range() {
                    s.insert("minimum".into(), json!(min));
                    s.insert("maximum".into(), json!(max));
                }
            }
            ShapeKind::Double => {
                s.insert("type".into(), json!("number"));
            }
            ShapeKind::Boolean => {
                s.insert("type".into(), json!("boolean"));
            }
            ShapeKind::Timestamp => match self.timestamps {
                // restJson1 sends timestamps as epoch seconds; a date string is a violation.
                TimestampFormat::EpochSeconds => {
                    s.insert("type".into(), json!("number"));
                    s.insert("description".into(), json!("epoch seconds"));
                }
                TimestampFormat::Iso8601 => {
                    s.insert("type".into(), json!("string"));
                    s.insert("pattern".into(), json!(ISO_8601_PATTERN));
                    s.insert(
                        "description".into(),
                        json!("ISO-8601 UTC with milliseconds"),
                    );
                }
            },
            ShapeKind::Blob { .. } => {
                s.insert("type".into(), json!("string"));
                s.insert("contentEncoding".into(), json!("base64"));
            }
        }
        Value::Object(s)
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

/// A shape name as a JSON pointer token (`~` and `/` escaped).
fn pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{identity, messaging};

    fn op(model: &ServiceModel, name: &str) -> Operation {
        model.operations[name].clone()
    }

    #[test]
    fn request_body_holds_body_members_only() {
        let m = messaging();
        let s = request_schema(m, &op(m, "SendChannelMessage"));
        let props = s["properties"].as_object().unwrap();
        assert!(props.contains_key("Content"));
        assert!(props.contains_key("ClientRequestToken"));
        // URI label and bearer header are not body members.
        assert!(!props.contains_key("ChannelArn"));
        assert!(!props.contains_key("ChimeBearer"));
        assert_eq!(s["additionalProperties"], json!(false));
        let required = s["required"].as_array().unwrap();
        assert!(required.contains(&json!("Content")));
        assert!(!required.contains(&json!("ChannelArn")));
        assert_eq!(s["$schema"], json!(DRAFT_2020_12));
    }

    #[test]
    fn shared_shapes_live_in_defs() {
        let m = messaging();
        let s = response_schema(m, &op(m, "DescribeChannel"));
        assert_eq!(
            s["properties"]["Channel"],
            json!({"$ref": "#/$defs/Channel"})
        );
        let channel = &s["$defs"]["Channel"];
        assert_eq!(channel["additionalProperties"], json!(false));
        assert_eq!(
            channel["properties"]["Name"],
            json!({"$ref": "#/$defs/NonEmptyResourceName"})
        );
        let name = &s["$defs"]["NonEmptyResourceName"];
        assert_eq!(name["type"], json!("string"));
        assert!(name["maxLength"].is_u64());
        assert_eq!(s["$defs"]["Timestamp"]["type"], json!("number"));
        let mode = &s["$defs"]["ChannelMode"];
        assert_eq!(mode["enum"], json!(["UNRESTRICTED", "RESTRICTED"]));
    }

    #[test]
    fn integers_lists_and_maps_carry_their_bounds() {
        let m = messaging();
        let s = request_schema(m, &op(m, "CreateChannel"));
        let days = &s["$defs"]["ExpirationDays"];
        assert_eq!(
            (days["minimum"].as_i64(), days["maximum"].as_i64()),
            (Some(1), Some(5475))
        );
        let send = request_schema(m, &op(m, "SendChannelMessage"));
        let map = &send["$defs"]["MessageAttributeMap"];
        assert_eq!(map["type"], json!("object"));
        assert_eq!(
            map["additionalProperties"],
            json!({"$ref": "#/$defs/MessageAttributeValue"})
        );
        assert!(map["propertyNames"].is_object());
        let tags = &s["$defs"]["TagList"];
        assert_eq!(tags["type"], json!("array"));
        assert!(tags["maxItems"].is_u64());
    }

    #[test]
    fn every_integer_carries_its_width() {
        let m = messaging();
        let s = response_schema(m, &op(m, "ListSubChannels"));
        let count = &s["$defs"]["MembershipCount"];
        assert_eq!(
            (count["minimum"].as_i64(), count["maximum"].as_i64()),
            (Some(-2_147_483_648), Some(2_147_483_647))
        );
        // No model here has a `long`; one built for the purpose gets 64 bits.
        let model = crate::model::ServiceModel::from_json(
            &json!({
                "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                             "serviceFullName": "X", "protocol": "rest-json"},
                "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/op"},
                                      "output": {"shape": "Out"}}},
                "shapes": {"Out": {"type": "structure", "members": {"Size": {"shape": "Size"},
                                                                    "Few": {"shape": "Few"}}},
                           "Size": {"type": "long"},
                           "Few": {"type": "long", "min": 1, "max": 9}},
            })
            .to_string(),
        )
        .unwrap();
        let s = response_schema(&model, &op(&model, "Op"));
        let size = &s["$defs"]["Size"];
        assert_eq!(
            (size["minimum"].as_i64(), size["maximum"].as_i64()),
            (Some(i64::MIN), Some(i64::MAX))
        );
        let few = &s["$defs"]["Few"];
        assert_eq!(
            (few["minimum"].as_i64(), few["maximum"].as_i64()),
            (Some(1), Some(9))
        );
    }

    #[test]
    fn operations_without_output_get_an_empty_object() {
        let m = messaging();
        let s = response_schema(m, &op(m, "DeleteChannel"));
        assert_eq!(s["type"], json!("object"));
        assert!(s.get("properties").is_none());
        assert_eq!(s["additionalProperties"], json!(false));
        assert!(s["description"].as_str().unwrap().contains("204"));
    }

    #[test]
    fn error_shapes_describe_their_status() {
        let m = messaging();
        let s = error_schema(m, "ForbiddenException");
        assert!(s["description"].as_str().unwrap().contains("403"));
        assert_eq!(
            s["properties"]["Code"],
            json!({"$ref": "#/$defs/ErrorCode"})
        );
        assert!(s["properties"]["Message"].is_object());
    }

    #[test]
    fn whole_input_uses_sdk_member_names() {
        let m = messaging();
        let s = input_schema(m, &op(m, "ListChannelMessages"));
        let props = s["properties"].as_object().unwrap();
        for name in [
            "ChannelArn",
            "NotBefore",
            "MaxResults",
            "ChimeBearer",
            "SortOrder",
        ] {
            assert!(props.contains_key(name), "{name}");
        }
        let required = s["required"].as_array().unwrap();
        assert!(required.contains(&json!("ChannelArn")));
        assert!(required.contains(&json!("ChimeBearer")));
    }

    #[test]
    fn every_file_is_a_valid_schema_and_output_is_stable() {
        let files = generate_all();
        let m = messaging();
        let i = identity();
        let expected = 2 * (m.operations.len() + i.operations.len())
            + m.error_shapes().count()
            + i.error_shapes().count();
        assert_eq!(files.len(), expected);
        for (path, text) in &files {
            assert!(text.ends_with("}\n"), "{path}");
            let value: Value = serde_json::from_str(text).unwrap();
            super::super::options::options()
                .build(&value)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!text.contains("pattern not checked"), "{path}");
        }
        assert_eq!(files, generate_all());
        assert!(files.contains_key("messaging/CreateChannel.request.json"));
        assert!(files.contains_key("identity/errors/ThrottledClientException.json"));
    }

    #[test]
    fn keys_are_sorted_and_indented_by_two() {
        let text = to_pretty(&json!({"b": 1, "a": {"d": 1, "c": 2}}));
        assert_eq!(
            text,
            "{\n  \"a\": {\n    \"c\": 2,\n    \"d\": 1\n  },\n  \"b\": 1\n}\n"
        );
    }
}
