//! Judges one answer against its operation's contract in the model: status code, error shape
//! and body schema.

use super::called::Called;
use crate::schema::{self, ResponseView};
use crate::wire;
use serde_json::Value;

/// Validates a response against the operation's model: status, error shape, body schema.
pub fn validate(called: &Called) -> Vec<schema::Violation> {
    let r = &called.response;
    schema::validate_response(
        r.service,
        called
            .operation
            .rsplit(':')
            .next()
            .unwrap_or(&called.operation),
        &ResponseView {
            status: r.status,
            error_type: judged_error_type(r),
            body: r.body.as_ref(),
        },
    )
}

/// The error type an answer is judged by (B-WIRE-07): the one [`wire::classify_error`] found,
/// as the `call` command judges it, except for an error type that is present but names
/// nothing. The SDKs take a present `x-amzn-ErrorType` header as the error's code even when it
/// is empty, and never look at the body then; the wire's classification skips an empty header
/// and falls back to the body. Until it keeps an empty one, such an answer is judged here as
/// naming the error "", which no operation lists.
fn judged_error_type(r: &wire::Response) -> Option<&str> {
    if names_an_empty_error_type(r) {
        Some("")
    } else {
        r.error_type()
    }
}

/// An `x-amzn-ErrorType` header with nothing before its `:`, or, without the header, a body
/// `__type` (else `code`) string the wire's classification found no name in.
fn names_an_empty_error_type(r: &wire::Response) -> bool {
    if r.is_success() {
        return false;
    }
    let header = r
        .headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    match header {
        Some(h) => h.split(':').next().unwrap_or_default().trim().is_empty(),
        None => {
            r.error_type().is_none()
                && ["__type", "code"].iter().any(|k| {
                    r.body
                        .as_ref()
                        .and_then(|b| b.get(*k))
                        .is_some_and(Value::is_string)
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Service;
    use crate::schema::ViolationKind;
    use serde_json::json;
    use std::time::Duration;

    /// A DescribeChannel answer with `status`, `headers` and `body`, classified by the wire.
    fn answer(status: u16, headers: &[(&'static str, &str)], body: Value) -> Called {
        let mut map = http::HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, v.parse().unwrap());
        }
        let error = wire::classify_error(status, &map, Some(&body));
        Called {
            operation: "DescribeChannel".into(),
            response: wire::Response {
                service: Service::Messaging,
                operation: "DescribeChannel".into(),
                status,
                headers: map,
                raw_body: bytes::Bytes::from(body.to_string()),
                body: Some(body),
                body_error: None,
                request_id: None,
                latency: Duration::from_millis(1),
                error,
            },
        }
    }

    fn kinds(called: &Called) -> Vec<ViolationKind> {
        validate(called).into_iter().map(|v| v.kind).collect()
    }

    const FORBIDDEN: &str = "ForbiddenException";

    #[test]
    fn the_header_names_the_error_without_its_suffix_and_the_body_code_is_never_read() {
        let body = json!({"Code": "Forbidden", "Message": "no"});
        let named = answer(
            403,
            &[("x-amzn-errortype", "ForbiddenException:http://internal/")],
            body.clone(),
        );
        assert_eq!(kinds(&named), []);
        let unnamed = answer(403, &[], body);
        assert_eq!(kinds(&unnamed), [ViolationKind::MissingErrorType]);
    }

    #[test]
    fn without_the_header_the_body_type_names_the_error() {
        let called = answer(
            403,
            &[],
            json!({"__type": "aws.chime#ForbiddenException", "Message": "no"}),
        );
        assert_eq!(judged_error_type(&called.response), Some(FORBIDDEN));
        // `__type` itself is a member the error shape does not model, nothing worse.
        assert_eq!(kinds(&called), [ViolationKind::UnknownMember]);
    }

    #[test]
    fn an_empty_error_type_names_an_unlisted_error_as_the_sdks_read_it() {
        // The SDKs take the empty header and never look at the body's __type.
        let header = answer(
            403,
            &[("x-amzn-errortype", "")],
            json!({"__type": FORBIDDEN, "Message": "no"}),
        );
        assert_eq!(judged_error_type(&header.response), Some(""));
        assert_eq!(kinds(&header), [ViolationKind::UnmodelledError]);
        let body = answer(403, &[], json!({"__type": "", "Message": "no"}));
        assert_eq!(kinds(&body), [ViolationKind::UnmodelledError]);
    }

    #[test]
    fn a_success_names_no_error() {
        let called = answer(
            200,
            &[("x-amzn-errortype", FORBIDDEN)],
            json!({"Channel": {"Name": "n"}}),
        );
        assert!(!names_an_empty_error_type(&called.response));
        assert!(!kinds(&called).contains(&ViolationKind::UnmodelledError));
    }
}
