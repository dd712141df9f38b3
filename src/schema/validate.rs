//! Judging a response (or a decoded input) against the contract: status code, error shape and
//! body schema. Validators are compiled once per (service, operation, direction) and reused.

use super::generate;
use crate::model::{Operation, Service, ServiceModel};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{
    Draft, PatternCache, PatternOptions, ValidationError, ValidationOptions, Validator,
};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

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
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ViolationKind::StatusCode => "status code",
            ViolationKind::UnmodelledError => "unmodelled error",
            ViolationKind::MissingErrorType => "missing error type",
            ViolationKind::Schema => "schema",
            ViolationKind::UnknownMember => "unknown member",
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

    fn new(
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

/// The parts of a response that are judged.
#[derive(Debug, Clone, Copy)]
pub struct ResponseView<'a> {
    pub status: u16,
    /// The classified error shape name (from `x-amzn-ErrorType` or the body), if any.
    pub error_type: Option<&'a str>,
    pub body: Option<&'a Value>,
}

/// The validator options every schema is compiled with. The `regex` engine (linear time, no
/// look-around) instead of the default `fancy-regex`: no model pattern needs back-tracking
/// features, and the server runs these patterns on untrusted input.
pub(crate) fn options() -> ValidationOptions<'static> {
    // One compiled regex per pattern for the whole process: the ARN pattern alone appears in
    // 74 schemas, and each copy of its bounded repetition is a large automaton.
    static PATTERNS: OnceLock<PatternCache> = OnceLock::new();
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_pattern_options(PatternOptions::regex())
        .with_pattern_cache(PATTERNS.get_or_init(PatternCache::new).clone())
}

/// Judges a response to `operation` of `service`. An empty result means it conforms.
pub fn validate_response(
    service: Service,
    operation: &str,
    response: &ResponseView<'_>,
) -> Vec<Violation> {
    let model = service.model();
    let Some(op) = find(model, service, operation) else {
        return vec![unknown_operation(service, operation)];
    };
    let mut out = Vec::new();
    let status = response.status;
    let allowed = || {
        let mut codes: Vec<u16> = std::iter::once(op.http.success_code)
            .chain(
                op.errors
                    .iter()
                    .filter_map(|e| model.error_info(e))
                    .map(|e| e.http_status),
            )
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    };
    if (200..300).contains(&status) {
        if status != op.http.success_code {
            out.push(Violation::new(
                ViolationKind::StatusCode,
                "",
                format!("status {}", op.http.success_code),
                format!("status {status}"),
            ));
        }
        let no_output = op.output.is_none() || op.http.success_code == 204;
        if no_output {
            if let Some(body) = response.body.filter(|b| !is_empty_body(b)) {
                out.push(Violation::new(
                    ViolationKind::Schema,
                    "",
                    "no response body",
                    truncate(body),
                ));
            }
        } else {
            match response.body {
                Some(body) => {
                    check(service, Direction::Response, &op.name, body, &mut out);
                }
                None => out.push(Violation::new(
                    ViolationKind::Schema,
                    "",
                    "a JSON object body",
                    "no body",
                )),
            }
        }
        return out;
    }
    let allowed = allowed();
    let status_listed = allowed.contains(&status);
    if !status_listed {
        out.push(Violation::new(
            ViolationKind::StatusCode,
            "",
            format!("one of {}", join(&allowed)),
            format!("status {status}"),
        ));
    }
    let Some(raw) = response.error_type else {
        out.push(Violation::new(
            ViolationKind::MissingErrorType,
            "",
            "an error shape named by x-amzn-ErrorType",
            format!("status {status} without one"),
        ));
        return out;
    };
    let shape = error_shape_name(raw);
    if !op.errors.iter().any(|e| e == shape) {
        out.push(Violation::new(
            ViolationKind::UnmodelledError,
            "",
            format!("one of {}", op.errors.join(", ")),
            shape.to_owned(),
        ));
        return out;
    }
    if let Some(info) = model.error_info(shape)
        && status_listed
        && info.http_status != status
    {
        out.push(Violation::new(
            ViolationKind::StatusCode,
            "",
            format!("status {} for {shape}", info.http_status),
            format!("status {status}"),
        ));
    }
    if let Some(body) = response.body {
        check(service, Direction::Error, shape, body, &mut out);
    }
    out
}

/// Judges the whole input of an operation, in SDK member names (labels, query, headers and body
/// members together; timestamps as epoch seconds), as the reference server decodes it.
pub fn validate_input(service: Service, operation: &str, input: &Value) -> Vec<Violation> {
    let model = service.model();
    let Some(op) = find(model, service, operation) else {
        return vec![unknown_operation(service, operation)];
    };
    let mut out = Vec::new();
    check(service, Direction::Input, &op.name, input, &mut out);
    out
}

/// Accepts `Op` and `service:Op`.
fn find<'m>(model: &'m ServiceModel, service: Service, name: &str) -> Option<&'m Operation> {
    let name = match name.split_once(':') {
        Some((svc, op)) if svc == service.slug() => op,
        _ => name,
    };
    model.operation(name)
}

fn unknown_operation(service: Service, operation: &str) -> Violation {
    Violation::new(
        ViolationKind::Schema,
        "",
        format!("an operation of the {service} model"),
        format!("unknown operation {operation}"),
    )
}

/// `x-amzn-ErrorType` may carry a namespace (`aws.chime#BadRequestException`) or a trailing
/// `:http://...` documentation link; only the shape name is compared.
fn error_shape_name(raw: &str) -> &str {
    let name = raw.split(':').next().unwrap_or(raw);
    let name = name.rsplit('#').next().unwrap_or(name);
    name.trim()
}

fn is_empty_body(body: &Value) -> bool {
    match body {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn join(codes: &[u16]) -> String {
    codes
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Direction {
    Response,
    Error,
    Input,
}

type Compiled = Result<Validator, String>;

/// Every (service, direction, name) key exists up front; each validator is compiled on first use.
fn cached(service: Service, direction: Direction, name: &str) -> Option<&'static Compiled> {
    type Table = HashMap<(Service, Direction), HashMap<&'static str, OnceLock<Compiled>>>;
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = Table::new();
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                for dir in [Direction::Response, Direction::Input] {
                    table
                        .entry((svc, dir))
                        .or_default()
                        .insert(op.name.as_str(), OnceLock::new());
                }
            }
            for shape in model.error_shapes() {
                table
                    .entry((svc, Direction::Error))
                    .or_default()
                    .insert(shape.name.as_str(), OnceLock::new());
            }
        }
        table
    });
    let (&key, slot) = table
        .get(&(service, direction))
        .and_then(|names| names.get_key_value(name))?;
    Some(slot.get_or_init(|| compile(service, direction, key)))
}

fn compile(service: Service, direction: Direction, name: &str) -> Compiled {
    let model = service.model();
    let schema = match direction {
        Direction::Error => generate::error_schema(model, name),
        Direction::Response | Direction::Input => {
            let op = model
                .operation(name)
                .ok_or_else(|| format!("no operation {name}"))?;
            if direction == Direction::Response {
                generate::response_schema(model, op)
            } else {
                generate::input_schema(model, op)
            }
        }
    };
    options()
        .build(&schema)
        .map_err(|e| format!("schema of {name} does not compile: {e}"))
}

fn check(
    service: Service,
    direction: Direction,
    name: &str,
    instance: &Value,
    out: &mut Vec<Violation>,
) {
    let validator = match cached(service, direction, name) {
        Some(Ok(v)) => v,
        None => {
            out.push(Violation::new(
                ViolationKind::Schema,
                "",
                format!("a {service} schema for {name}"),
                "none",
            ));
            return;
        }
        Some(Err(e)) => {
            out.push(Violation::new(
                ViolationKind::Schema,
                "",
                "a compilable schema",
                e.clone(),
            ));
            return;
        }
    };
    // The common case is a valid body; `is_valid` short-circuits without building errors.
    if validator.is_valid(instance) {
        return;
    }
    for error in validator.iter_errors(instance) {
        convert(&error, out);
    }
}

fn convert(error: &ValidationError<'_>, out: &mut Vec<Violation>) {
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
fn truncate(v: &Value) -> String {
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

    const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
    const USER_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/user/u1";

    fn channel() -> Value {
        json!({
            "Channel": {
                "Name": "general",
                "ChannelArn": CHANNEL_ARN,
                "Mode": "RESTRICTED",
                "Privacy": "PRIVATE",
                "Metadata": "m",
                "CreatedBy": {"Arn": USER_ARN, "Name": "alice"},
                "CreatedTimestamp": 1700000000.123,
                "LastMessageTimestamp": 1700000100.5,
                "LastUpdatedTimestamp": 1700000000.123,
                "ChannelFlowArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel-flow/f1",
                "ElasticChannelConfiguration": {
                    "MaximumSubChannels": 10,
                    "TargetMembershipsPerSubChannel": 100,
                    "MinimumMembershipPercentage": 25
                },
                "ExpirationSettings": {"ExpirationDays": 7, "ExpirationCriterion": "CREATED_TIMESTAMP"}
            }
        })
    }

    fn ok(status: u16, body: &Value) -> ResponseView<'_> {
        ResponseView {
            status,
            error_type: None,
            body: Some(body),
        }
    }

    fn describe(body: &Value) -> Vec<Violation> {
        validate_response(Service::Messaging, "DescribeChannel", &ok(200, body))
    }

    fn one(v: Vec<Violation>) -> Violation {
        assert_eq!(v.len(), 1, "{v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn a_conforming_response_has_no_violations() {
        assert_eq!(describe(&channel()), vec![]);
    }

    #[test]
    fn wrong_type() {
        let mut body = channel();
        body["Channel"]["ElasticChannelConfiguration"]["MaximumSubChannels"] = json!("10");
        let v = one(describe(&body));
        assert_eq!(v.kind, ViolationKind::Schema);
        assert_eq!(
            v.pointer,
            "/Channel/ElasticChannelConfiguration/MaximumSubChannels"
        );
        assert_eq!(v.expected, "type: integer");
        assert_eq!(v.found, "\"10\" (string)");
        assert!(v.fails(false));
    }

    #[test]
    fn missing_required_member() {
        let mut body = channel();
        body["Channel"]["ElasticChannelConfiguration"]
            .as_object_mut()
            .unwrap()
            .remove("MaximumSubChannels");
        let v = one(describe(&body));
        assert_eq!(v.kind, ViolationKind::Schema);
        assert_eq!(v.pointer, "/Channel/ElasticChannelConfiguration");
        assert_eq!(v.expected, "required: \"MaximumSubChannels\"");
    }

    #[test]
    fn value_outside_enum() {
        let mut body = channel();
        body["Channel"]["Mode"] = json!("OPEN");
        let v = one(describe(&body));
        assert_eq!(v.pointer, "/Channel/Mode");
        assert!(v.expected.starts_with("enum: "), "{v}");
        assert!(v.expected.contains("RESTRICTED"), "{v}");
        assert_eq!(v.found, "\"OPEN\"");
    }

    #[test]
    fn string_too_long() {
        let mut body = channel();
        body["Channel"]["Name"] = json!("n".repeat(300));
        let v = one(describe(&body));
        assert_eq!(v.pointer, "/Channel/Name");
        assert_eq!(v.expected, "maxLength: 256");
        assert!(v.found.ends_with("(300 characters)"), "{v}");
        assert!(v.found.len() < 200, "found is truncated: {v}");
    }

    #[test]
    fn unknown_member_fails_only_when_strict() {
        let mut body = channel();
        body["Channel"]["Colour"] = json!("blue");
        let v = one(describe(&body));
        assert_eq!(v.kind, ViolationKind::UnknownMember);
        assert_eq!(v.pointer, "/Channel/Colour");
        assert!(!v.fails(false));
        assert!(v.fails(true));
        assert!(
            v.to_string().contains("unknown member at /Channel/Colour"),
            "{v}"
        );
    }

    #[test]
    fn timestamp_sent_as_a_string() {
        let mut body = channel();
        body["Channel"]["CreatedTimestamp"] = json!("2023-11-14T22:13:20Z");
        let v = one(describe(&body));
        assert_eq!(v.pointer, "/Channel/CreatedTimestamp");
        assert_eq!(v.expected, "type: number");
        assert!(v.found.contains("(string)"), "{v}");
    }

    #[test]
    fn wrong_success_code() {
        let body = json!({"ChannelArn": CHANNEL_ARN});
        let v = one(validate_response(
            Service::Messaging,
            "CreateChannel",
            &ok(200, &body),
        ));
        assert_eq!(v.kind, ViolationKind::StatusCode);
        assert_eq!(v.expected, "status 201");
        assert_eq!(v.found, "status 200");
        assert!(validate_response(Service::Messaging, "CreateChannel", &ok(201, &body)).is_empty());
    }

    #[test]
    fn error_shape_the_operation_does_not_model() {
        // CreateChannel lists no NotFoundException (B-CH-09 maps it to Forbidden).
        let body = json!({"Code": "NotFound", "Message": "no such channel"});
        let view = ResponseView {
            status: 404,
            error_type: Some("NotFoundException"),
            body: Some(&body),
        };
        let ops = &messaging_op("CreateChannel").errors;
        assert!(!ops.iter().any(|e| e == "NotFoundException"));
        let v = validate_response(Service::Messaging, "CreateChannel", &view);
        assert!(
            v.iter().any(|v| v.kind == ViolationKind::UnmodelledError),
            "{v:#?}"
        );
        // With a status the operation does model, only the shape is at fault.
        let view = ResponseView {
            status: 400,
            ..view
        };
        let v = one(validate_response(
            Service::Messaging,
            "CreateChannel",
            &view,
        ));
        assert_eq!(v.kind, ViolationKind::UnmodelledError);
        assert_eq!(v.found, "NotFoundException");
    }

    #[test]
    fn missing_error_type() {
        let body = json!({"Code": "Forbidden", "Message": "no"});
        let view = ResponseView {
            status: 403,
            error_type: None,
            body: Some(&body),
        };
        let v = one(validate_response(
            Service::Messaging,
            "DescribeChannel",
            &view,
        ));
        assert_eq!(v.kind, ViolationKind::MissingErrorType);
    }

    #[test]
    fn modelled_errors_are_judged_by_their_shape() {
        let body = json!({"Code": "Forbidden", "Message": "no"});
        let view = ResponseView {
            status: 403,
            error_type: Some(
                "ForbiddenException:http://internal.amazon.com/coral/com.amazonaws.chime/",
            ),
            body: Some(&body),
        };
        assert_eq!(
            validate_response(Service::Messaging, "DescribeChannel", &view),
            vec![]
        );
        let bad = json!({"Code": "Nope", "Message": "no"});
        let view = ResponseView {
            body: Some(&bad),
            ..view
        };
        let v = one(validate_response(
            Service::Messaging,
            "DescribeChannel",
            &view,
        ));
        assert_eq!(
            (v.kind, v.pointer.as_str()),
            (ViolationKind::Schema, "/Code")
        );
        // A listed shape with another listed shape's status.
        let view = ResponseView {
            status: 400,
            body: Some(&body),
            ..view
        };
        let v = one(validate_response(
            Service::Messaging,
            "DescribeChannel",
            &view,
        ));
        assert_eq!(v.kind, ViolationKind::StatusCode);
        assert_eq!(v.expected, "status 403 for ForbiddenException");
    }

    #[test]
    fn no_content_responses_must_be_empty() {
        let none = ResponseView {
            status: 204,
            error_type: None,
            body: None,
        };
        assert!(validate_response(Service::Messaging, "DeleteChannel", &none).is_empty());
        let body = json!({"Deleted": true});
        let v = one(validate_response(
            Service::Messaging,
            "DeleteChannel",
            &ok(204, &body),
        ));
        assert_eq!(v.kind, ViolationKind::Schema);
        assert_eq!(v.expected, "no response body");
    }

    #[test]
    fn unknown_operations_are_reported_not_panicked_on() {
        let body = json!({});
        let v = one(validate_response(
            Service::Messaging,
            "Nope",
            &ok(200, &body),
        ));
        assert!(v.found.contains("Nope"));
        assert!(!validate_input(Service::Identity, "Nope", &body).is_empty());
    }

    #[test]
    fn identity_operations_and_prefixed_names() {
        let body =
            json!({"AppInstanceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a1"});
        let view = ok(201, &body);
        assert!(validate_response(Service::Identity, "CreateAppInstance", &view).is_empty());
        let view = ResponseView {
            status: 204,
            error_type: None,
            body: None,
        };
        assert!(validate_response(Service::Identity, "identity:TagResource", &view).is_empty());
    }

    #[test]
    fn whole_input_validation() {
        let input = json!({
            "ChannelArn": CHANNEL_ARN,
            "ChimeBearer": USER_ARN,
            "MaxResults": 50,
            "NotBefore": 1700000000.0,
            "SortOrder": "ASCENDING"
        });
        assert_eq!(
            validate_input(Service::Messaging, "ListChannelMessages", &input),
            vec![]
        );
        let mut bad = input.clone();
        bad["MaxResults"] = json!(0);
        bad.as_object_mut().unwrap().remove("ChimeBearer");
        let v = validate_input(Service::Messaging, "ListChannelMessages", &bad);
        assert_eq!(v.len(), 2, "{v:#?}");
        assert!(
            v.iter()
                .any(|v| v.expected == "minimum: 1" && v.pointer == "/MaxResults")
        );
        assert!(v.iter().any(|v| v.expected == "required: \"ChimeBearer\""));
        let v = validate_input(Service::Messaging, "ListChannelMessages", &json!([]));
        assert_eq!(one(v).expected, "type: object");
    }

    #[test]
    fn validators_are_compiled_once() {
        let a = cached(Service::Messaging, Direction::Response, "DescribeChannel");
        let b = cached(Service::Messaging, Direction::Response, "DescribeChannel");
        assert!(std::ptr::eq(a.unwrap(), b.unwrap()));
        assert!(cached(Service::Messaging, Direction::Error, "NoSuchShape").is_none());
    }

    #[test]
    fn every_validator_compiles() {
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                for dir in [Direction::Response, Direction::Input] {
                    assert!(
                        cached(svc, dir, &op.name).is_some_and(|c| c.is_ok()),
                        "{svc} {}",
                        op.name
                    );
                }
            }
            for shape in model.error_shapes() {
                assert!(cached(svc, Direction::Error, &shape.name).is_some_and(|c| c.is_ok()));
            }
        }
    }

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

    fn messaging_op(name: &str) -> &'static Operation {
        &crate::model::messaging().operations[name]
    }
}
