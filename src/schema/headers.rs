//! What an answer carries besides its body and status, judged on every answer, success or
//! error:
//! - a body is declared JSON (`Content-Type: application/json`, B-WIRE-01): restJson1 sends
//!   its documents as `application/json`. Parameters (`; charset=utf-8`) are allowed, and so
//!   are the `application/x-amz-json-*` and `application/*+json` types AWS services also send,
//!   so that only a body labelled as something else (text, HTML, nothing) fails;
//! - a request id in `x-amzn-RequestId` (B-WIRE-13): the official SDKs read it from there to
//!   report with every error and in their logs.

use super::violation::{Violation, ViolationKind};

/// The headers judged, as the answer carried them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Headers<'a> {
    pub content_type: Option<&'a str>,
    pub request_id: Option<&'a str>,
    /// Whether the answer had a body at all (any bytes).
    pub has_body: bool,
}

/// The breaches of `headers`, appended to `out`.
pub fn check_headers(headers: &Headers<'_>, out: &mut Vec<Violation>) {
    if headers.has_body && !headers.content_type.is_some_and(is_json) {
        out.push(Violation::new(
            ViolationKind::Header,
            "",
            "Content-Type: application/json for a JSON body",
            headers
                .content_type
                .map_or("no Content-Type".to_owned(), |t| {
                    format!("Content-Type: {t}")
                }),
        ));
    }
    if headers.request_id.is_none_or(|id| id.trim().is_empty()) {
        out.push(Violation::new(
            ViolationKind::Header,
            "",
            "a request id in x-amzn-RequestId",
            "none",
        ));
    }
}

/// Whether a Content-Type value names a JSON media type.
fn is_json(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let Some(subtype) = essence.strip_prefix("application/") else {
        return false;
    };
    subtype == "json" || subtype.starts_with("x-amz-json-") || subtype.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaches(
        content_type: Option<&str>,
        request_id: Option<&str>,
        has_body: bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let headers = Headers {
            content_type,
            request_id,
            has_body,
        };
        check_headers(&headers, &mut out);
        out.into_iter().map(|v| v.expected).collect()
    }

    #[test]
    fn json_bodies_are_labelled_json_and_every_answer_has_a_request_id() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/x-amz-json-1.1",
            "application/problem+json",
        ] {
            assert!(breaches(Some(ok), Some("r-1"), true).is_empty(), "{ok}");
        }
        for bad in [
            Some("text/plain; charset=utf-8"),
            Some("text/html"),
            Some("json"),
            None,
        ] {
            assert_eq!(
                breaches(bad, Some("r-1"), true),
                ["Content-Type: application/json for a JSON body"],
                "{bad:?}"
            );
        }
        // No body (a 204), no type needed.
        assert!(breaches(None, Some("r-1"), false).is_empty());
        for missing in [None, Some(""), Some("  ")] {
            assert_eq!(
                breaches(Some("application/json"), missing, true),
                ["a request id in x-amzn-RequestId"]
            );
        }
    }
}
