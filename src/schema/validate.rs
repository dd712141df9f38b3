//! Judging a response (or a decoded input) against the contract: status code, error shape and
//! body schema.

use super::headers::{Headers, check_headers};
use super::validators::{Direction, check};
use super::violation::truncate;
// Kept reachable at `schema::validate::` for the code that names them there.
pub use super::violation::{Violation, ViolationKind};
use crate::model::{Operation, Service, ServiceModel};
use serde_json::Value;

/// The parts of a response that are judged.
#[derive(Debug, Clone, Copy)]
pub struct ResponseView<'a> {
    pub status: u16,
    /// The classified error shape name (from `x-amzn-ErrorType` or the body), if any.
    pub error_type: Option<&'a str>,
    pub body: Option<&'a Value>,
    /// What the answer carries besides its body; `None` judges the body alone (an answer
    /// rebuilt from a record, or a test of the body rules).
    pub headers: Option<Headers<'a>>,
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
    if let Some(headers) = &response.headers {
        check_headers(headers, &mut out);
    }
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
            headers: None,
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
            headers: None,
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
            headers: None,
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
            headers: None,
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
            headers: None,
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
            headers: None,
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

    /// Smithy's `integer` is 32 bits wide: a member the model leaves unbounded above still
    /// can't hold 2^31, in a response or in an input.
    #[test]
    fn integers_are_bounded_by_their_width() {
        let mut body = channel();
        let elastic = "/Channel/ElasticChannelConfiguration/MaximumSubChannels";
        *body.pointer_mut(elastic).unwrap() = json!(2_147_483_647_i64);
        assert_eq!(describe(&body), vec![]);
        *body.pointer_mut(elastic).unwrap() = json!(2_147_483_648_i64);
        let v = one(describe(&body));
        assert_eq!(
            (v.pointer.as_str(), v.expected.as_str()),
            (elastic, "maximum: 2147483647")
        );
        let page = json!({"ChannelArn": CHANNEL_ARN,
                          "SubChannels": [{"SubChannelId": "s1", "MembershipCount": 2_147_483_648_i64}]});
        let v = one(validate_response(
            Service::Messaging,
            "ListSubChannels",
            &ok(200, &page),
        ));
        assert_eq!(v.pointer, "/SubChannels/0/MembershipCount");
        let input = json!({"AppInstanceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a1",
                           "Name": "big", "ClientRequestToken": "token-1", "ChimeBearer": USER_ARN,
                           "ElasticChannelConfiguration": {"MaximumSubChannels": 2,
                               "TargetMembershipsPerSubChannel": 2_147_483_648_i64,
                               "MinimumMembershipPercentage": 10}});
        let v = one(validate_input(Service::Messaging, "CreateChannel", &input));
        assert_eq!(v.expected, "maximum: 2147483647");
    }

    /// Responses pass a value either reading of a pattern allows; inputs are read as Java does
    /// (`pattern`'s module documentation).
    #[test]
    fn patterns_judge_responses_leniently_and_inputs_strictly() {
        let mut body = channel();
        body["Channel"]["Metadata"] = json!("{\n  \"topic\": \"multi-line JSON\"\n}");
        assert_eq!(describe(&body), vec![]);
        body["Channel"]["ChannelArn"] = json!("no ARN here");
        let v = one(describe(&body));
        assert_eq!(v.pointer, "/Channel/ChannelArn");
        assert!(v.expected.starts_with("pattern: "), "{v}");
        let input = json!({"ChannelArn": CHANNEL_ARN, "ChimeBearer": USER_ARN,
                           "Name": "n", "Metadata": "two\nlines", "Mode": "RESTRICTED"});
        let v = one(validate_input(Service::Messaging, "UpdateChannel", &input));
        assert_eq!(v.pointer, "/Metadata");
        assert!(v.expected.starts_with("pattern: "), "{v}");
    }

    fn messaging_op(name: &str) -> &'static Operation {
        &crate::model::messaging().operations[name]
    }
}
