//! The error an answer names, found as the official SDKs find it (B-WIRE-07).

use serde_json::Value;

/// The error an answer carries, classified as the SDKs classify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error type the SDKs find: an error shape (`ForbiddenException`), or only the service's
    /// error code (`BadRequest`) when a body's `Code` is all that names one; empty when nothing
    /// does.
    pub shape: String,
    /// The body's `Code` (the service's ErrorCode, e.g. `Forbidden`).
    pub code: Option<String>,
    pub message: Option<String>,
}

/// The body members that name the error type when no `x-amzn-ErrorType` header does, in the
/// order the SDKs ask them: `code` first (all of them), `Code` (botocore and the JavaScript SDK;
/// the Rust SDK does not read it), then `__type`.
const BODY_TYPE_MEMBERS: [&str; 3] = ["code", "Code", "__type"];

/// The error an answer names, as the SDKs find it: the `x-amzn-ErrorType` header, else the
/// body's `code`, `Code` or `__type`; each without a `:` suffix (a documentation link) or a `#`
/// namespace prefix. Then `Code`, and `Message` or `message`. `None` for every 2xx answer, which
/// the SDKs read as a success whatever it names; any other answer is an error, with an empty
/// shape when it names no type.
pub fn classify_error(
    status: u16,
    headers: &http::HeaderMap,
    body: Option<&Value>,
) -> Option<ErrorInfo> {
    if (200..300).contains(&status) {
        return None;
    }
    let obj = body.and_then(Value::as_object);
    let field = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_str);
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(type_name)
        .filter(|t| !t.is_empty());
    let from_body = || {
        BODY_TYPE_MEMBERS
            .into_iter()
            .filter_map(field)
            .map(type_name)
            .find(|t| !t.is_empty())
    };
    let shape = from_header.or_else(from_body);
    Some(ErrorInfo {
        shape: shape.unwrap_or_default().to_owned(),
        code: field("Code").map(str::to_owned),
        message: field("Message")
            .or_else(|| field("message"))
            .map(str::to_owned),
    })
}

/// `aws.chime#ForbiddenException:http://internal.amazon.com/...` to `ForbiddenException`: the
/// link after the first `:` goes first (it may hold a `#` of its own), then the namespace.
fn type_name(raw: &str) -> &str {
    let t = raw.split(':').next().unwrap_or_default();
    t.rsplit('#').next().unwrap_or_default().trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_error_type_header_wins_and_loses_its_suffix() {
        let h = headers(&[(
            "x-amzn-ErrorType",
            "ForbiddenException:http://internal.amazon.com/coral/com.amazonaws.chime/",
        )]);
        let body = json!({"Code": "Forbidden", "Message": "no", "__type": "Other"});
        let e = classify_error(403, &h, Some(&body)).unwrap();
        assert_eq!(
            e,
            ErrorInfo {
                shape: "ForbiddenException".into(),
                code: Some("Forbidden".into()),
                message: Some("no".into()),
            }
        );
    }

    #[test]
    fn the_body_type_is_used_without_the_header() {
        let body = json!({"__type": "com.amazonaws.chime#NotFoundException", "message": "gone"});
        let e = classify_error(404, &http::HeaderMap::new(), Some(&body)).unwrap();
        assert_eq!(e.shape, "NotFoundException");
        assert_eq!(e.message.as_deref(), Some("gone"));
        assert_eq!(e.code, None);
        let body = json!({"code": "aws.protocoltests#ThrottledClientException"});
        let e = classify_error(429, &http::HeaderMap::new(), Some(&body)).unwrap();
        assert_eq!(e.shape, "ThrottledClientException");
    }

    #[test]
    fn errors_without_a_type_are_still_reported() {
        let e = classify_error(500, &http::HeaderMap::new(), None).unwrap();
        assert_eq!(e.shape, "");
        assert!(classify_error(200, &http::HeaderMap::new(), Some(&json!({"a": 1}))).is_none());
        assert!(classify_error(204, &http::HeaderMap::new(), None).is_none());
        // An empty header does not hide the body's type.
        let h = headers(&[("x-amzn-errortype", "")]);
        let body = json!({"__type": "BadRequestException"});
        assert_eq!(
            classify_error(400, &h, Some(&body)).unwrap().shape,
            "BadRequestException"
        );
    }

    #[test]
    fn a_namespaced_header_loses_its_namespace_and_its_link() {
        let h = headers(&[(
            "x-amzn-ErrorType",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )]);
        assert_eq!(classify_error(400, &h, None).unwrap().shape, "FooError");
    }

    #[test]
    fn the_body_is_read_in_the_sdks_order() {
        let none = http::HeaderMap::new();
        let shape = |body: Value| classify_error(400, &none, Some(&body)).unwrap().shape;
        // What the service's own body carries, without the header: botocore and the JavaScript
        // SDK find `Code`; it names no modelled shape.
        let only_code = json!({"Code": "BadRequest", "Message": "no"});
        assert_eq!(shape(only_code), "BadRequest");
        assert_eq!(
            shape(json!({"__type": "ns#BadRequestException", "code": "Throttled"})),
            "Throttled"
        );
        assert_eq!(
            shape(json!({"__type": "ns#BadRequestException", "Code": "BadRequest"})),
            "BadRequest"
        );
        // An empty or non-string member does not hide the next one.
        assert_eq!(
            shape(json!({"code": "", "Code": 7, "__type": "ns#NotFoundException"})),
            "NotFoundException"
        );
    }

    #[test]
    fn a_2xx_answer_is_a_success_whatever_it_names() {
        let h = headers(&[("x-amzn-ErrorType", "ForbiddenException")]);
        let body = json!({"__type": "ForbiddenException", "Code": "Forbidden"});
        assert!(classify_error(200, &h, Some(&body)).is_none());
        assert!(classify_error(201, &h, None).is_none());
        assert!(classify_error(299, &http::HeaderMap::new(), Some(&body)).is_none());
        assert!(classify_error(300, &h, None).is_some());
    }
}
