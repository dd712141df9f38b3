//! Checks a decoded input against the model: types, required members, enums, lengths and
//! ranges. The first problem becomes the error message, naming the member by its path. The
//! generated schema (`schema::validate_input`) is the judge and also checks the patterns (in the
//! model's Java dialect); this check runs once it has found a problem, to word it.

use crate::model::{ServiceModel, ShapeKind, Structure};
use serde_json::{Map, Value};

/// A problem with the input: the member path and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// The member is a required one that is absent.
    pub missing: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.path, self.message)
    }
}

/// The first problem of an input structure, if any.
pub fn check_input(
    model: &ServiceModel,
    structure: &Structure,
    input: &Map<String, Value>,
) -> Option<Problem> {
    check_structure(model, structure, input, "")
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_structure(
    model: &ServiceModel,
    structure: &Structure,
    object: &Map<String, Value>,
    prefix: &str,
) -> Option<Problem> {
    for name in &structure.required {
        if object.get(name).is_none_or(Value::is_null) {
            return Some(Problem {
                path: join(prefix, name),
                message: "is required".into(),
                missing: true,
            });
        }
    }
    structure.members.iter().find_map(|(name, member)| {
        let value = object.get(name).filter(|v| !v.is_null())?;
        check_value(model, &member.target, value, &join(prefix, name))
    })
}

fn check_value(model: &ServiceModel, target: &str, value: &Value, path: &str) -> Option<Problem> {
    let problem = |message: String| {
        Some(Problem {
            path: path.to_owned(),
            message,
            missing: false,
        })
    };
    let shape = model.shape(target)?;
    match &shape.kind {
        ShapeKind::Structure(s) => match value {
            Value::Object(o) => check_structure(model, s, o, path),
            _ => problem("must be an object".into()),
        },
        ShapeKind::List { member, min, max } => {
            let Value::Array(items) = value else {
                return problem("must be a list".into());
            };
            if let Some(p) = length(items.len(), *min, *max, "items") {
                return problem(p);
            }
            items
                .iter()
                .enumerate()
                .find_map(|(i, v)| check_value(model, member, v, &format!("{path}[{i}]")))
        }
        ShapeKind::Map {
            key,
            value: item,
            min,
            max,
        } => {
            let Value::Object(entries) = value else {
                return problem("must be a map".into());
            };
            if let Some(p) = length(entries.len(), *min, *max, "entries") {
                return problem(p);
            }
            entries.iter().find_map(|(k, v)| {
                let at = format!("{path}.{k}");
                check_value(model, key, &Value::String(k.clone()), &at)
                    .or_else(|| check_value(model, item, v, &at))
            })
        }
        ShapeKind::String(s) => {
            let Value::String(text) = value else {
                return problem("must be a string".into());
            };
            if let Some(allowed) = &s.enum_values
                && !allowed.iter().any(|a| a == text)
            {
                return problem(format!("must be one of {}", allowed.join(", ")));
            }
            length(text.chars().count(), s.min, s.max, "characters").and_then(problem)
        }
        ShapeKind::Integer { .. } | ShapeKind::Long { .. } => {
            let (min, max) = shape.kind.integer_range()?;
            let in_range = value.as_i64().is_some_and(|n| (min..=max).contains(&n));
            if value.is_u64() || value.is_i64() {
                (!in_range)
                    .then(|| format!("must be between {min} and {max}"))
                    .and_then(problem)
            } else {
                problem("must be an integer".into())
            }
        }
        ShapeKind::Double | ShapeKind::Timestamp => {
            if value.is_number() {
                None
            } else if matches!(shape.kind, ShapeKind::Timestamp) {
                problem("must be a timestamp in epoch seconds".into())
            } else {
                problem("must be a number".into())
            }
        }
        ShapeKind::Boolean => {
            if value.is_boolean() {
                None
            } else {
                problem("must be true or false".into())
            }
        }
        ShapeKind::Blob { .. } => {
            if value.is_string() {
                None
            } else {
                problem("must be a base64 string".into())
            }
        }
    }
}

fn length(n: usize, min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    let n = n as u64;
    match (min, max) {
        (Some(lo), Some(hi)) if n < lo || n > hi => {
            Some(format!("must have {lo} to {hi} {unit}, has {n}"))
        }
        (Some(lo), None) if n < lo => Some(format!("must have at least {lo} {unit}, has {n}")),
        (None, Some(hi)) if n > hi => Some(format!("must have at most {hi} {unit}, has {n}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::messaging;
    use serde_json::json;

    fn check(op: &str, input: Value) -> Option<Problem> {
        let m = messaging();
        let s = m.input_structure(&m.operations[op]).unwrap();
        check_input(m, s, input.as_object().unwrap())
    }

    const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";

    #[test]
    fn a_valid_input_passes() {
        let input = json!({"ChannelArn": CHANNEL, "ChimeBearer": CHANNEL, "Content": "hi",
            "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "abc-123"});
        assert_eq!(check("SendChannelMessage", input), None);
    }

    #[test]
    fn problems_name_the_member() {
        let base = json!({"ChannelArn": CHANNEL, "ChimeBearer": CHANNEL, "Content": "hi",
            "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "abc"});
        let with = |k: &str, v: Value| {
            let mut i = base.clone();
            i[k] = v;
            check("SendChannelMessage", i).expect("a problem")
        };
        let p = with("Type", json!("LOUD"));
        assert_eq!(p.path, "Type");
        assert!(p.message.contains("STANDARD"), "{p}");
        assert_eq!(with("Content", json!(5)).path, "Content");
        assert_eq!(
            with("ClientRequestToken", json!("a")).path,
            "ClientRequestToken"
        );
        let p = with("MessageAttributes", json!({"k": {"StringValues": "x"}}));
        assert_eq!(p.path, "MessageAttributes.k.StringValues");
        let mut missing = base.clone();
        missing.as_object_mut().unwrap().remove("Content");
        let p = check("SendChannelMessage", missing).unwrap();
        assert!(p.missing);
        assert_eq!(p.path, "Content");
    }

    #[test]
    fn ranges_and_nested_structures_are_checked() {
        let p = check(
            "CreateChannel",
            json!({"AppInstanceArn": CHANNEL, "Name": "n", "ChimeBearer": CHANNEL,
                "ClientRequestToken": "tok1",
                "ExpirationSettings": {"ExpirationDays": 0, "ExpirationCriterion": "CREATED_TIMESTAMP"}}),
        )
        .unwrap();
        assert_eq!(p.path, "ExpirationSettings.ExpirationDays");
        assert!(p.message.contains("between 1 and 5475"), "{p}");
    }
}
