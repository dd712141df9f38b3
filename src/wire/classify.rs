//! The error an answer names, classified as the SDKs classify it (B-WIRE-07).

use serde_json::Value;

/// The error an answer carries, classified as the SDKs classify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error shape (`ForbiddenException`); empty when the answer names none.
    pub shape: String,
    /// The body's `Code` (the service's ErrorCode, e.g. `Forbidden`).
    pub code: Option<String>,
    pub message: Option<String>,
}

/// The error an answer names, as the SDKs find it: the `x-amzn-ErrorType` header (anything
/// after `:` dropped), else the body's `__type` or `code` (a `#` namespace prefix dropped);
/// then `Code`, and `Message` or `message`. `None` for a 2xx answer that names no error.
pub fn classify_error(
    status: u16,
    headers: &http::HeaderMap,
    body: Option<&Value>,
) -> Option<ErrorInfo> {
    let obj = body.and_then(Value::as_object);
    let field = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_str);
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(|t| t.split(':').next().unwrap_or_default().trim())
        .filter(|t| !t.is_empty());
    let from_body = || {
        field("__type")
            .or_else(|| field("code"))
            .map(|t| {
                let t = t.rsplit('#').next().unwrap_or_default();
                t.split(':').next().unwrap_or_default().trim()
            })
            .filter(|t| !t.is_empty())
    };
    let shape = from_header.or_else(from_body);
    if shape.is_none() && (200..300).contains(&status) {
        return None;
    }
    Some(ErrorInfo {
        shape: shape.unwrap_or_default().to_owned(),
        code: field("Code").map(str::to_owned),
        message: field("Message")
            .or_else(|| field("message"))
            .map(str::to_owned),
    })
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
}
