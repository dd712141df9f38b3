//! Judges one answer against its operation's contract in the model: status code, error shape,
//! body schema and the headers every answer carries.

use super::called::Called;
use crate::schema;

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
        &r.view(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Service;
    use crate::schema::ViolationKind;
    use crate::wire;
    use serde_json::Value;
    use serde_json::json;
    use std::time::Duration;

    /// A DescribeChannel answer with `status`, `headers` and `body`, classified by the wire,
    /// labelled JSON and with a request id.
    fn answer(status: u16, headers: &[(&'static str, &str)], body: Value) -> Called {
        let mut map = http::HeaderMap::new();
        map.insert("content-type", "application/json".parse().unwrap());
        for (k, v) in headers {
            map.insert(*k, v.parse().unwrap());
        }
        let error = wire::classify_error(status, &map, Some(&body));
        Called {
            operation: "DescribeChannel".into(),
            input: Value::Null,
            response: wire::Response {
                service: Service::Messaging,
                operation: "DescribeChannel".into(),
                status,
                headers: map,
                raw_body: bytes::Bytes::from(body.to_string()),
                body: Some(body),
                body_error: None,
                request_id: Some("rid-1".into()),
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
        assert_eq!(called.response.error_type(), Some(FORBIDDEN));
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
        assert_eq!(header.response.error_type(), Some(""));
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
        assert_eq!(called.response.error_type(), None);
        assert!(!kinds(&called).contains(&ViolationKind::UnmodelledError));
    }

    #[test]
    fn an_answer_without_a_json_type_or_a_request_id_breaks_the_contract() {
        let mut called = answer(200, &[], json!({"Channel": {"Name": "n"}}));
        assert_eq!(kinds(&called), []);
        called
            .response
            .headers
            .insert("content-type", "text/plain".parse().unwrap());
        called.response.request_id = None;
        assert_eq!(
            kinds(&called),
            [ViolationKind::Header, ViolationKind::Header]
        );
    }
}
