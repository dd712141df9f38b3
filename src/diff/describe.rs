//! How a diff writes shapes and members: the changelog's summary of a shape, and the words for
//! a member's old and new state (`required`, `query id`, `optional string (Str)`).

use crate::model::{Location, ServiceModel, ShapeKind, StringShape};
use serde_json::{Map, Value};

pub(crate) fn required_word(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

pub(crate) fn bound_word(v: Option<i64>) -> Option<String> {
    Some(v.map_or_else(|| "none".to_owned(), |v| v.to_string()))
}

pub(crate) fn location_desc(loc: &Location) -> String {
    match loc {
        Location::Body { json_name } => format!("body {json_name}"),
        Location::Uri(l) => format!("uri {l}"),
        Location::Query(q) => format!("query {q}"),
        Location::Header(h) => format!("header {h}"),
    }
}

pub(crate) fn kind_word(kind: &ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Structure(_) => "structure",
        ShapeKind::List { .. } => "list",
        ShapeKind::Map { .. } => "map",
        ShapeKind::String(_) => "string",
        ShapeKind::Integer { .. } => "integer",
        ShapeKind::Long { .. } => "long",
        ShapeKind::Double => "double",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Timestamp => "timestamp",
        ShapeKind::Blob { .. } => "blob",
    }
}

pub(crate) fn member_desc(model: &ServiceModel, target: &str, required: bool) -> String {
    let kind = model
        .shape(target)
        .map_or("unknown", |s| kind_word(&s.kind));
    format!("{} {kind} ({target})", required_word(required))
}

/// The changelog's summary of a shape: structures as nested members, lists as a one-item list,
/// maps keyed by their key's summary, enums as their values joined by ` | `, scalars by type.
pub(crate) fn summary(model: &ServiceModel, name: &str, stack: &mut Vec<String>) -> Value {
    let Some(shape) = model.shape(name) else {
        return Value::String(name.to_owned());
    };
    if stack.iter().any(|s| s == name) {
        // A recursive shape: name it instead of unfolding it forever.
        return Value::String(name.to_owned());
    }
    stack.push(name.to_owned());
    let v = match &shape.kind {
        ShapeKind::Structure(s) => Value::Object(
            s.members
                .iter()
                .map(|(n, m)| (n.clone(), summary(model, &m.target, stack)))
                .collect(),
        ),
        ShapeKind::List { member, .. } => Value::Array(vec![summary(model, member, stack)]),
        ShapeKind::Map { key, value, .. } => {
            let key = match summary(model, key, stack) {
                Value::String(s) => s,
                _ => "string".to_owned(),
            };
            let mut m = Map::new();
            m.insert(key, summary(model, value, stack));
            Value::Object(m)
        }
        ShapeKind::String(StringShape {
            enum_values: Some(values),
            ..
        }) => Value::String(values.join(" | ")),
        other => Value::String(kind_word(other).to_owned()),
    };
    stack.pop();
    v
}
