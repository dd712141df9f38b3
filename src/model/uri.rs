//! URI templates: `/channels/{channelArn}/messages/{messageId}?operation=redact`.
//!
//! The client expands them (labels percent-encoded), the server matches them (the raw path is
//! split first, then each segment is decoded, so an encoded `/` inside an ARN stays in its label).
//!
//! Matching keeps empty segments: `/app-instances/` is two segments, the second empty, so it is
//! not `/app-instances` (ListAppInstances) but `/app-instances/{appInstanceArn}` with an empty
//! label, and an empty label is not a label: the member stays unset, and the operation refuses
//! the request for lacking it. An empty segment where the template has a literal matches
//! nothing. This is how AWS's own Rust server SDK (smithy-rs) routes, after the Smithy team's
//! answer that empty segments are significant (smithy-lang/smithy#1024); the prose of the Smithy
//! specification, which calls trailing slashes optional, was not followed, because it lets a
//! client whose label came out empty reach a different operation than the one it called.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Everything but the RFC 3986 unreserved characters is encoded, as the SDKs do for labels.
pub const LABEL_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Greedy labels (`{Key+}`) keep their slashes.
const GREEDY_ENCODE: &AsciiSet = &LABEL_ENCODE.remove(b'/');

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Label { name: String, greedy: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    pub raw: String,
    pub segments: Vec<Segment>,
    /// Fixed query parameters that select the operation (`operation=redact`, `scope=...`).
    pub query_literals: Vec<(String, Option<String>)>,
}

/// A request path matched against a template: the decoded labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UriMatch {
    pub labels: BTreeMap<String, String>,
    /// Labels whose percent-decoding is not UTF-8; a server answers these with a client error.
    pub undecodable: Vec<String>,
}

impl UriTemplate {
    pub fn parse(raw: &str) -> Result<UriTemplate, String> {
        let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
        if !path.starts_with('/') {
            return Err(format!("URI template {raw} does not start with /"));
        }
        let mut segments = Vec::new();
        for seg in path.split('/').skip(1).filter(|s| !s.is_empty()) {
            if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                let (name, greedy) = match inner.strip_suffix('+') {
                    Some(n) => (n, true),
                    None => (inner, false),
                };
                if name.is_empty() {
                    return Err(format!("URI template {raw} has an empty label"));
                }
                segments.push(Segment::Label {
                    name: name.to_owned(),
                    greedy,
                });
            } else if seg.contains(['{', '}']) {
                return Err(format!(
                    "URI template {raw}: partial labels are not supported"
                ));
            } else {
                segments.push(Segment::Literal(seg.to_owned()));
            }
        }
        let query_literals = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (p.to_owned(), None),
            })
            .collect();
        Ok(UriTemplate {
            raw: raw.to_owned(),
            segments,
            query_literals,
        })
    }

    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Label { name, .. } => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// Used to pick between templates that both match: fixed query literals first, then the
    /// number of literal path segments.
    pub fn specificity(&self) -> (usize, usize) {
        let literals = self
            .segments
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count();
        (self.query_literals.len(), literals)
    }

    /// The path with every label filled in and percent-encoded. `None` names a missing label.
    pub fn expand(&self, label: impl Fn(&str) -> Option<String>) -> Result<String, String> {
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Literal(l) => out.push_str(l),
                Segment::Label { name, greedy } => {
                    let value = label(name).ok_or_else(|| name.clone())?;
                    let set = if *greedy { GREEDY_ENCODE } else { LABEL_ENCODE };
                    out.extend(utf8_percent_encode(&value, set));
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        Ok(out)
    }

    /// Matches a raw (still percent-encoded) path and its decoded query pairs. A label whose
    /// segment is empty is left out of the match (see the module documentation).
    pub fn matches(&self, raw_path: &str, query: &[(String, String)]) -> Option<UriMatch> {
        for (key, value) in &self.query_literals {
            let present = query
                .iter()
                .any(|(k, v)| k == key && value.as_ref().is_none_or(|want| want == v));
            if !present {
                return None;
            }
        }
        let parts = path_segments(raw_path)?;
        let mut found = UriMatch::default();
        let mut i = 0;
        for (n, seg) in self.segments.iter().enumerate() {
            match seg {
                Segment::Literal(l) => {
                    if parts.get(i) != Some(&l.as_str()) {
                        return None;
                    }
                    i += 1;
                }
                Segment::Label { name, greedy } => {
                    let raw = if *greedy {
                        // A greedy label takes all but what the remaining literals need.
                        let rest = self.segments.len() - n - 1;
                        let end = parts.len().checked_sub(rest)?;
                        if end <= i {
                            return None;
                        }
                        let joined = parts[i..end].join("/");
                        i = end;
                        Cow::Owned(joined)
                    } else {
                        let part = parts.get(i)?;
                        i += 1;
                        Cow::Borrowed(*part)
                    };
                    if raw.is_empty() {
                        continue;
                    }
                    match percent_decode(&raw) {
                        Some(v) => {
                            found.labels.insert(name.clone(), v);
                        }
                        None => found.undecodable.push(name.clone()),
                    }
                }
            }
        }
        (i == parts.len()).then_some(found)
    }
}

/// A label's value: `%XX` escapes decoded, anything else (a `%` without two hex digits after
/// it included) kept as it is, as `percent_encoding` decodes; `None` when the result is not
/// UTF-8. Every request decodes its labels, and copying whole runs between escapes costs a
/// fraction of decoding byte by byte.
fn percent_decode(raw: &str) -> Option<String> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| b == b'%') {
        out.extend_from_slice(&rest[..at]);
        match (
            rest.get(at + 1).copied().and_then(hex),
            rest.get(at + 2).copied().and_then(hex),
        ) {
            (Some(hi), Some(lo)) => {
                out.push(hi << 4 | lo);
                rest = &rest[at + 3..];
            }
            _ => {
                out.push(b'%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.extend_from_slice(rest);
    String::from_utf8(out).ok()
}

/// The segments of a raw path, empty ones included: `/` has none, `/a/` has `a` and an empty
/// one. `None` when the path does not start with `/`.
pub fn path_segments(raw_path: &str) -> Option<Vec<&str>> {
    let rest = raw_path.strip_prefix('/')?;
    Some(if rest.is_empty() {
        Vec::new()
    } else {
        rest.split('/').collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels decode as `percent_encoding` decodes them, malformed escapes and all.
    #[test]
    fn labels_decode_as_percent_encoding_does() {
        let cases = [
            "",
            "plain",
            "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fa",
            "%",
            "a%",
            "%4",
            "%4g",
            "%G1x",
            "100%25",
            "%%41",
            "caf%C3%A9",
            "%c3%a9",
            "%FF",
            "%C3",
            "é%20é",
        ];
        for raw in cases {
            let theirs = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .ok()
                .map(|c| c.into_owned());
            assert_eq!(percent_decode(raw), theirs, "{raw:?}");
        }
    }

    #[test]
    fn parses_labels_and_query_literals() {
        let t = UriTemplate::parse("/channels/{channelArn}/messages/{messageId}?operation=redact")
            .unwrap();
        assert_eq!(t.labels().collect::<Vec<_>>(), ["channelArn", "messageId"]);
        assert_eq!(
            t.query_literals,
            [("operation".to_owned(), Some("redact".to_owned()))]
        );
        assert_eq!(t.specificity(), (1, 2));
    }

    #[test]
    fn expands_with_percent_encoded_arns() {
        let t = UriTemplate::parse("/channels/{channelArn}").unwrap();
        let path = t
            .expand(|_| Some("arn:aws:chime:us-east-1:1:app-instance/a/channel/c".into()))
            .unwrap();
        assert_eq!(
            path,
            "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fc"
        );
        assert_eq!(t.expand(|_| None).unwrap_err(), "channelArn");
    }

    #[test]
    fn matching_splits_before_decoding() {
        let t = UriTemplate::parse("/channels/{channelArn}/messages/{messageId}").unwrap();
        let m = t
            .matches("/channels/a%2Fb/messages/m%201", &[])
            .expect("matches");
        assert_eq!(m.labels["channelArn"], "a/b");
        assert_eq!(m.labels["messageId"], "m 1");
        assert!(t.matches("/channels/a/b/messages/m", &[]).is_none());
        assert!(t.matches("/channels/a/messages", &[]).is_none());
        let bad = t.matches("/channels/%FF/messages/m", &[]).unwrap();
        assert_eq!(bad.undecodable, ["channelArn"]);
    }

    #[test]
    fn empty_segments_are_kept_and_an_empty_label_is_no_label() {
        let list = UriTemplate::parse("/app-instances").unwrap();
        let describe = UriTemplate::parse("/app-instances/{appInstanceArn}").unwrap();
        let admins = UriTemplate::parse("/app-instances/{appInstanceArn}/admins").unwrap();
        let admin =
            UriTemplate::parse("/app-instances/{appInstanceArn}/admins/{appInstanceAdminArn}")
                .unwrap();
        assert!(list.matches("/app-instances", &[]).is_some());
        // A trailing slash is an empty last segment: not the list, the describe with no label.
        assert!(list.matches("/app-instances/", &[]).is_none());
        let m = describe.matches("/app-instances/", &[]).expect("matches");
        assert!(m.labels.is_empty(), "{m:?}");
        assert!(admins.matches("/app-instances/a/admins/", &[]).is_none());
        let m = admin
            .matches("/app-instances/a/admins/", &[])
            .expect("matches");
        assert_eq!(m.labels.len(), 1);
        assert_eq!(m.labels["appInstanceArn"], "a");
        // An empty segment in the middle is an empty label, or no match against a literal.
        let m = admins
            .matches("/app-instances//admins", &[])
            .expect("matches");
        assert!(m.labels.is_empty());
        assert!(describe.matches("/app-instances//admins", &[]).is_none());
        assert!(list.matches("//app-instances", &[]).is_none());
        assert!(list.matches("/app-instances//", &[]).is_none());
        assert_eq!(path_segments("/"), Some(vec![]));
        assert_eq!(path_segments("/a/"), Some(vec!["a", ""]));
        assert_eq!(path_segments("a"), None);
    }

    #[test]
    fn query_literals_must_be_present() {
        let t = UriTemplate::parse("/channels?operation=search").unwrap();
        assert!(t.matches("/channels", &[]).is_none());
        let q = [("operation".to_owned(), "search".to_owned())];
        assert!(t.matches("/channels", &q).is_some());
        let wrong = [("operation".to_owned(), "other".to_owned())];
        assert!(t.matches("/channels", &wrong).is_none());
    }

    #[test]
    fn greedy_labels_keep_slashes() {
        let t = UriTemplate::parse("/objects/{Key+}/meta").unwrap();
        assert_eq!(
            t.expand(|_| Some("a/b c".into())).unwrap(),
            "/objects/a/b%20c/meta"
        );
        let m = t.matches("/objects/a/b%20c/meta", &[]).unwrap();
        assert_eq!(m.labels["Key"], "a/b c");
    }
}
