//! Reading a botocore service model (JSON) into the typed view.

use super::operation::{HttpBinding, Operation};
use super::service_model::{Metadata, ServiceModel};
use super::shape::{ErrorInfo, Location, Member, Shape, ShapeKind, StringShape, Structure};
use super::uri::UriTemplate;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Why a text is not a usable service model. The message names the JSON path at fault.
#[derive(Debug, thiserror::Error)]
#[error("not a service model: {0}")]
pub struct ModelError(String);

fn err(path: &str, what: impl std::fmt::Display) -> ModelError {
    ModelError(format!("{path}: {what}"))
}

impl ServiceModel {
    /// Reads a botocore model. Defined here rather than beside [`ServiceModel`] so that the
    /// typed view does not depend on its reader.
    pub fn from_json(text: &str) -> Result<ServiceModel, ModelError> {
        parse(text)
    }
}

fn parse(text: &str) -> Result<ServiceModel, ModelError> {
    let root: Value = serde_json::from_str(text).map_err(|e| err("$", e))?;
    let root = root.as_object().ok_or_else(|| err("$", "not an object"))?;
    let metadata = metadata(obj(root, "metadata", "$")?)?;
    let mut shapes = BTreeMap::new();
    for (name, shape) in obj(root, "shapes", "$")? {
        let path = format!("$.shapes.{name}");
        let shape = shape
            .as_object()
            .ok_or_else(|| err(&path, "not an object"))?;
        shapes.insert(name.clone(), parse_shape(name, shape, &path)?);
    }
    let mut operations = BTreeMap::new();
    for (name, op) in obj(root, "operations", "$")? {
        let path = format!("$.operations.{name}");
        let op = op.as_object().ok_or_else(|| err(&path, "not an object"))?;
        operations.insert(name.clone(), parse_operation(name, op, &path)?);
    }
    let model = ServiceModel {
        metadata,
        operations,
        shapes,
    };
    check_references(&model)?;
    Ok(model)
}

fn obj<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a Map<String, Value>, ModelError> {
    parent
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| err(&format!("{path}.{key}"), "missing or not an object"))
}

fn string(parent: &Map<String, Value>, key: &str, path: &str) -> Result<String, ModelError> {
    parent
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| err(&format!("{path}.{key}"), "missing or not a string"))
}

fn opt_string(parent: &Map<String, Value>, key: &str) -> Option<String> {
    parent.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn opt_u64(parent: &Map<String, Value>, key: &str) -> Option<u64> {
    parent.get(key).and_then(Value::as_u64)
}

fn opt_i64(parent: &Map<String, Value>, key: &str) -> Option<i64> {
    parent.get(key).and_then(Value::as_i64)
}

fn metadata(m: &Map<String, Value>) -> Result<Metadata, ModelError> {
    let p = "$.metadata";
    Ok(Metadata {
        api_version: string(m, "apiVersion", p)?,
        endpoint_prefix: string(m, "endpointPrefix", p)?,
        signing_name: opt_string(m, "signingName")
            .unwrap_or_else(|| opt_string(m, "endpointPrefix").unwrap_or_default()),
        service_id: string(m, "serviceId", p)?,
        service_full_name: string(m, "serviceFullName", p)?,
        protocol: string(m, "protocol", p)?,
        uid: opt_string(m, "uid").unwrap_or_default(),
    })
}

fn parse_shape(name: &str, s: &Map<String, Value>, path: &str) -> Result<Shape, ModelError> {
    let kind = match string(s, "type", path)?.as_str() {
        "structure" => ShapeKind::Structure(parse_structure(s, path)?),
        "list" => ShapeKind::List {
            member: target(obj(s, "member", path)?, &format!("{path}.member"))?,
            min: opt_u64(s, "min"),
            max: opt_u64(s, "max"),
        },
        "map" => ShapeKind::Map {
            key: target(obj(s, "key", path)?, &format!("{path}.key"))?,
            value: target(obj(s, "value", path)?, &format!("{path}.value"))?,
            min: opt_u64(s, "min"),
            max: opt_u64(s, "max"),
        },
        "string" => ShapeKind::String(StringShape {
            enum_values: s.get("enum").and_then(Value::as_array).map(|vals| {
                vals.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            }),
            min: opt_u64(s, "min"),
            max: opt_u64(s, "max"),
            pattern: opt_string(s, "pattern"),
        }),
        "integer" => ShapeKind::Integer {
            min: opt_i64(s, "min"),
            max: opt_i64(s, "max"),
        },
        "long" => ShapeKind::Long {
            min: opt_i64(s, "min"),
            max: opt_i64(s, "max"),
        },
        "double" | "float" => ShapeKind::Double,
        "boolean" => ShapeKind::Boolean,
        "timestamp" => ShapeKind::Timestamp,
        "blob" => ShapeKind::Blob {
            min: opt_u64(s, "min"),
            max: opt_u64(s, "max"),
        },
        other => {
            return Err(err(
                &format!("{path}.type"),
                format!("unknown type {other}"),
            ));
        }
    };
    let error = if s.get("exception").and_then(Value::as_bool) == Some(true) {
        let status = s
            .get("error")
            .and_then(Value::as_object)
            .and_then(|e| opt_u64(e, "httpStatusCode"))
            .unwrap_or(400);
        Some(ErrorInfo {
            http_status: u16::try_from(status)
                .map_err(|_| err(&format!("{path}.error"), "status out of range"))?,
            fault: s.get("fault").and_then(Value::as_bool) == Some(true),
        })
    } else {
        None
    };
    Ok(Shape {
        name: name.to_owned(),
        kind,
        sensitive: s.get("sensitive").and_then(Value::as_bool) == Some(true),
        error,
    })
}

fn target(m: &Map<String, Value>, path: &str) -> Result<String, ModelError> {
    string(m, "shape", path)
}

fn parse_structure(s: &Map<String, Value>, path: &str) -> Result<Structure, ModelError> {
    let mut members = BTreeMap::new();
    for (name, m) in obj(s, "members", path)? {
        let mpath = format!("{path}.members.{name}");
        let m = m.as_object().ok_or_else(|| err(&mpath, "not an object"))?;
        let location_name = opt_string(m, "locationName");
        let location = match opt_string(m, "location").as_deref() {
            None => Location::Body {
                json_name: location_name.unwrap_or_else(|| name.clone()),
            },
            Some(kind) => {
                let wire = location_name
                    .ok_or_else(|| err(&mpath, "a bound member needs a locationName"))?;
                match kind {
                    "uri" => Location::Uri(wire),
                    "querystring" => Location::Query(wire),
                    "header" => Location::Header(wire),
                    other => return Err(err(&mpath, format!("unsupported location {other}"))),
                }
            }
        };
        members.insert(
            name.clone(),
            Member {
                name: name.clone(),
                target: target(m, &mpath)?,
                location,
                idempotency_token: m.get("idempotencyToken").and_then(Value::as_bool) == Some(true),
            },
        );
    }
    let required = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Structure { members, required })
}

fn parse_operation(
    name: &str,
    op: &Map<String, Value>,
    path: &str,
) -> Result<Operation, ModelError> {
    let http = obj(op, "http", path)?;
    let hpath = format!("{path}.http");
    let method = string(http, "method", &hpath)?;
    let method = http::Method::from_bytes(method.as_bytes())
        .map_err(|_| err(&hpath, format!("bad method {method}")))?;
    let uri = string(http, "requestUri", &hpath)?;
    let success_code = opt_u64(http, "responseCode").unwrap_or(200);
    let shape_ref = |key: &str| {
        op.get(key)
            .and_then(Value::as_object)
            .and_then(|r| opt_string(r, "shape"))
    };
    Ok(Operation {
        name: name.to_owned(),
        http: HttpBinding {
            method,
            uri: UriTemplate::parse(&uri).map_err(|e| err(&hpath, e))?,
            success_code: u16::try_from(success_code)
                .map_err(|_| err(&hpath, "responseCode out of range"))?,
        },
        input: shape_ref("input"),
        output: shape_ref("output"),
        errors: op
            .get("errors")
            .and_then(Value::as_array)
            .map(|errs| {
                errs.iter()
                    .filter_map(|e| e.get("shape").and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// Every shape a model names must exist, and every URI label must have a member.
fn check_references(model: &ServiceModel) -> Result<(), ModelError> {
    let known = |name: &str, path: &str| {
        if model.shapes.contains_key(name) {
            Ok(())
        } else {
            Err(err(path, format!("unknown shape {name}")))
        }
    };
    for shape in model.shapes.values() {
        let path = format!("$.shapes.{}", shape.name);
        match &shape.kind {
            ShapeKind::Structure(s) => {
                for m in s.members.values() {
                    known(&m.target, &path)?;
                }
            }
            ShapeKind::List { member, .. } => known(member, &path)?,
            ShapeKind::Map { key, value, .. } => {
                known(key, &path)?;
                known(value, &path)?;
            }
            _ => {}
        }
    }
    for op in model.operations.values() {
        let path = format!("$.operations.{}", op.name);
        for name in op.input.iter().chain(&op.output).chain(&op.errors) {
            known(name, &path)?;
        }
        let input = model.input_structure(op);
        for label in op.http.uri.labels() {
            let bound = input.is_some_and(|s| {
                s.members
                    .values()
                    .any(|m| m.location == Location::Uri(label.to_owned()))
            });
            if !bound {
                return Err(err(&path, format!("URI label {{{label}}} has no member")));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{identity, messaging};

    #[test]
    fn malformed_input_is_an_error_naming_the_path() {
        assert!(parse("not json").is_err());
        assert!(parse("[]").is_err());
        let e = parse(r#"{"metadata": {}}"#).unwrap_err().to_string();
        assert!(e.contains("$.metadata.apiVersion"), "{e}");
    }

    #[test]
    fn dangling_shape_references_are_refused() {
        let text = r#"{
          "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                       "serviceFullName": "X", "protocol": "rest-json"},
          "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/x"},
                                "input": {"shape": "Missing"}}},
          "shapes": {}
        }"#;
        let e = parse(text).unwrap_err().to_string();
        assert!(e.contains("unknown shape Missing"), "{e}");
    }

    #[test]
    fn success_codes_follow_the_model_and_default_to_200() {
        let m = messaging();
        assert_eq!(m.operations["CreateChannel"].http.success_code, 201);
        assert_eq!(m.operations["DeleteChannel"].http.success_code, 204);
        assert_eq!(m.operations["AssociateChannelFlow"].http.success_code, 200);
        // ListAppInstances has no responseCode in the model.
        assert_eq!(
            identity().operations["ListAppInstances"].http.success_code,
            200
        );
    }

    #[test]
    fn members_carry_their_locations() {
        let m = messaging();
        let input = m
            .input_structure(&m.operations["ListChannelMessages"])
            .unwrap();
        assert_eq!(
            input.members["ChannelArn"].location,
            Location::Uri("channelArn".into())
        );
        assert_eq!(
            input.members["NotBefore"].location,
            Location::Query("not-before".into())
        );
        assert_eq!(
            input.members["ChimeBearer"].location,
            Location::Header("x-amz-chime-bearer".into())
        );
        let send = m
            .input_structure(&m.operations["SendChannelMessage"])
            .unwrap();
        assert!(send.members["ClientRequestToken"].idempotency_token);
        assert!(send.is_required("Content"));
        assert!(matches!(
            send.members["Content"].location,
            Location::Body { ref json_name } if json_name == "Content"
        ));
    }

    #[test]
    fn string_constraints_are_read() {
        let m = messaging();
        let ShapeKind::String(s) = &m.shapes["ContentType"].kind else {
            panic!("ContentType is a string")
        };
        assert_eq!(s.max, Some(45));
        let ShapeKind::Integer { min, max } = &m.shapes["ExpirationDays"].kind else {
            panic!("ExpirationDays is an integer")
        };
        assert_eq!((*min, *max), (Some(1), Some(5475)));
    }
}
