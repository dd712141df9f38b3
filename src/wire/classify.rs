//! The error an answer names, found as the official SDKs find it (B-WIRE-07).

use serde_json::Value;

/// The error an answer carries, classified as the SDKs classify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error type the SDKs find: an error shape (`ForbiddenException`), or only the service's
    /// error code (`BadRequest`) when a body's `Code` is all that names one; empty when nothing
    /// does, or when an empty `x-amzn-ErrorType` header names the empty type.
    pub shape: String,
    /// Whether a header or body member named the type at all (an empty header does).
    pub named: bool,
    /// The body's `Code` (the service's ErrorCode, e.g. `Forbidden`).
    pub code: Option<String>,
    pub message: Option<String>,
}

/// The body members that name the error type when no `x-amzn-ErrorType` header does, in the
/// order the official Rust SDK asks them (`json_errors.rs`): `code`, then `__type`. A body's
/// `Code` (the service's ErrorCode) names no type for that SDK, so it names none here either;
/// botocore and the JavaScript SDK would read it, which makes it a weaker answer, not a better
/// one.
const BODY_TYPE_MEMBERS: [&str; 2] = ["code", "__type"];

/// The error an answer names, as the official Rust SDK finds it: the `x-amzn-ErrorType` header
/// when there is one (an empty one names the empty type, and the body is not asked then), else
/// the body's first string `code` or `__type`; each without a `:` suffix (a documentation link)
/// or a `#` namespace prefix. Then `Code`, and `Message`, `message` or `errorMessage`. `None`
/// for every 2xx answer, which the SDKs read as a success whatever it names; any other answer
/// is an error, with `named` false when nothing names its type.
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
        .map(|v| v.to_str().map(type_name).unwrap_or_default());
    let from_body = || BODY_TYPE_MEMBERS.into_iter().find_map(field).map(type_name);
    let shape = from_header.or_else(from_body);
    Some(ErrorInfo {
        named: shape.is_some(),
        shape: shape.unwrap_or_default().to_owned(),
        code: field("Code").map(str::to_owned),
        message: ["Message", "message", "errorMessage"]
            .into_iter()
            .find_map(field)
            .map(str::to_owned),
    })
}

/// `aws.chime#ForbiddenException:http://internal.amazon.com/...` to `ForbiddenException`: the
/// link from the first `:` goes first (it may hold a `#` of its own), then everything up to
/// the first `#`.
fn type_name(raw: &str) -> &str {
    let t = raw.split(':').next().unwrap_or_default();
    t.split_once('#').map_or(t, |(_, name)| name).trim()
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
                named: true,
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
        assert!(!e.named);
        assert!(classify_error(200, &http::HeaderMap::new(), Some(&json!({"a": 1}))).is_none());
        assert!(classify_error(204, &http::HeaderMap::new(), None).is_none());
        // An empty header names the empty type: the SDKs take a present header and never read
        // the body's type then.
        let h = headers(&[("x-amzn-errortype", "")]);
        let body = json!({"__type": "BadRequestException"});
        let e = classify_error(400, &h, Some(&body)).unwrap();
        assert_eq!((e.shape.as_str(), e.named), ("", true));
        let h = headers(&[("x-amzn-errortype", ":http://internal.amazon.com/")]);
        assert_eq!(classify_error(400, &h, Some(&body)).unwrap().shape, "");
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
    fn the_body_is_read_as_the_rust_sdk_reads_it() {
        let none = http::HeaderMap::new();
        let error = |body: Value| classify_error(400, &none, Some(&body)).unwrap();
        // What the service's own body carries, without the header: a `Code` names no type.
        let only_code = error(json!({"Code": "BadRequest", "Message": "no"}));
        assert_eq!((only_code.shape.as_str(), only_code.named), ("", false));
        assert_eq!(only_code.code.as_deref(), Some("BadRequest"));
        assert_eq!(
            error(json!({"__type": "ns#BadRequestException", "code": "Throttled"})).shape,
            "Throttled"
        );
        assert_eq!(
            error(json!({"__type": "ns#BadRequestException", "Code": "BadRequest"})).shape,
            "BadRequestException"
        );
        // A present string member names its type even when empty; a non-string one names none.
        let empty = error(json!({"code": "", "__type": "ns#NotFoundException"}));
        assert_eq!((empty.shape.as_str(), empty.named), ("", true));
        assert_eq!(
            error(json!({"code": 7, "__type": "ns#NotFoundException"})).shape,
            "NotFoundException"
        );
        assert_eq!(
            error(json!({"errorMessage": "why"})).message.as_deref(),
            Some("why")
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
