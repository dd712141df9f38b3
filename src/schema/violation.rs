//! One breach of the contract, and how a schema validation error becomes one or more of them.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;
use std::fmt;

/// What kind of contract breach a [`Violation`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ViolationKind {
    /// The status is neither the success code nor the code of an error the operation models.
    StatusCode,
    /// An error shape the operation does not list.
    UnmodelledError,
    /// A non-2xx response without a classified error shape (no `x-amzn-ErrorType`).
    MissingErrorType,
    /// The body breaks its schema.
    Schema,
    /// A member the model does not define. Tolerated unless strict: services add members.
    UnknownMember,
    /// A header the protocol or the SDKs expect is missing or wrong (`schema::headers`).
    Header,
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ViolationKind::StatusCode => "status code",
            ViolationKind::UnmodelledError => "unmodelled error",
            ViolationKind::MissingErrorType => "missing error type",
            ViolationKind::Schema => "schema",
            ViolationKind::UnknownMember => "unknown member",
            ViolationKind::Header => "header",
        })
    }
}

/// One breach of the contract, located by a JSON pointer into the body (empty for the root or
/// for breaches outside the body).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    pub kind: ViolationKind,
    pub pointer: String,
    pub expected: String,
    pub found: String,
}

impl Violation {
    /// Whether this violation fails a check. Unknown members only fail in strict mode.
    pub fn fails(&self, strict: bool) -> bool {
        strict || self.kind != ViolationKind::UnknownMember
    }

    pub(crate) fn new(
        kind: ViolationKind,
        pointer: impl Into<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Violation {
        Violation {
            kind,
            pointer: pointer.into(),
            expected: expected.into(),
            found: found.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            String::new()
        } else {
            format!(" at {}", self.pointer)
        };
        write!(
            f,
            "{}{at}: expected {}, found {}",
            self.kind, self.expected, self.found
        )
    }
}

pub(crate) fn convert(error: &ValidationError<'_>, out: &mut Vec<Violation>) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance = error.instance();
    let keyword = error.kind().keyword().to_owned();
    let (expected, found) = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let value = instance.get(key.as_str());
                out.push(Violation::new(
                    ViolationKind::UnknownMember,
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    "only the members the model defines",
                    match value {
                        Some(v) => format!("{key:?} = {}", truncate(v)),
                        None => format!("{key:?}"),
                    },
                ));
            }
            return;
        }
        ValidationErrorKind::Required { property } => (
            format!("required: {property}"),
            format!("no {property} member"),
        ),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            (
                format!("type: {expected}"),
                format!("{} ({})", truncate(instance), type_name(instance)),
            )
        }
        ValidationErrorKind::Enum { options } => (
            format!("enum: {}", truncate_str(&options.to_string())),
            truncate(instance),
        ),
        ValidationErrorKind::MaxLength { limit } | ValidationErrorKind::MinLength { limit } => (
            format!("{keyword}: {limit}"),
            format!("{} ({} characters)", truncate(instance), char_len(instance)),
        ),
        ValidationErrorKind::MaxItems { limit } | ValidationErrorKind::MinItems { limit } => (
            format!("{keyword}: {limit}"),
            format!("{} items", instance.as_array().map_or(0, Vec::len)),
        ),
        ValidationErrorKind::MaxProperties { limit }
        | ValidationErrorKind::MinProperties { limit } => (
            format!("{keyword}: {limit}"),
            format!("{} members", instance.as_object().map_or(0, |o| o.len())),
        ),
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::Minimum { limit } => {
            (format!("{keyword}: {limit}"), truncate(instance))
        }
        ValidationErrorKind::Pattern { pattern } => {
            (format!("pattern: {pattern}"), truncate(instance))
        }
        _ => (format!("{keyword}: {error}"), truncate(instance)),
    };
    out.push(Violation::new(
        ViolationKind::Schema,
        pointer,
        expected,
        found,
    ));
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn char_len(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// The value as compact JSON, cut to a readable length.
pub(crate) fn truncate(v: &Value) -> String {
    truncate_str(&v.to_string())
}

const MAX_FOUND: usize = 80;

fn truncate_str(s: &str) -> String {
    if s.chars().count() <= MAX_FOUND {
        return s.to_owned();
    }
    let cut: String = s.chars().take(MAX_FOUND).collect();
    format!("{cut}... ({} characters)", s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn display_is_one_line() {
        let v = Violation::new(ViolationKind::StatusCode, "", "status 201", "status 200");
        assert_eq!(
            v.to_string(),
            "status code: expected status 201, found status 200"
        );
        let long = truncate(&json!("x".repeat(500)));
        assert!(long.len() < 120 && !long.contains('\n'), "{long}");
    }
}
