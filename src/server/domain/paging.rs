//! Paged lists: page sizes, opaque page tokens and one page of a map ordered by key
//! (B-WIRE-11, B-WIRE-12).

use super::args::Args;
use super::error::ApiError;
use serde_json::Value;
use std::collections::BTreeMap;

/// Default page size when `MaxResults` is absent (B-WIRE-12, assumed).
pub const DEFAULT_PAGE: usize = 50;

impl<'a> Args<'a> {
    /// The page size: `MaxResults` when given, else the default (B-WIRE-12).
    pub fn page_size(&self) -> usize {
        self.map
            .get("MaxResults")
            .and_then(Value::as_u64)
            .map(|n| n.max(1) as usize)
            .unwrap_or(DEFAULT_PAGE)
    }
    pub fn next_token(&self) -> Option<&'a str> {
        self.opt_str("NextToken").filter(|t| !t.is_empty())
    }
}

/// Encodes a key into an opaque page token.
pub fn encode_token(kind: &str, key: &str) -> String {
    let mut out = String::with_capacity(kind.len() + 1 + key.len() * 2);
    out.push_str(kind);
    out.push('.');
    for b in key.as_bytes() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Decodes a page token made by [`encode_token`] for the same kind of list.
pub fn decode_token(kind: &str, token: &str) -> Result<String, ApiError> {
    let bad = || ApiError::bad_request(format!("NextToken {token:?} is not valid for this list"));
    let hex = token
        .strip_prefix(kind)
        .and_then(|t| t.strip_prefix('.'))
        .ok_or_else(bad)?;
    // ASCII first: slicing by byte pairs must not split a multi-byte character.
    if !hex.is_ascii() || hex.len() % 2 != 0 {
        return Err(bad());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| bad())?;
    String::from_utf8(bytes).map_err(|_| bad())
}

/// Items of one page (key, value) and the token of the next page, if any.
pub type Page<'m, V> = (Vec<(&'m String, &'m V)>, Option<String>);

/// One page of a map ordered by key: items from the token on, `size` of them at most, with a
/// token naming the next item when more remain.
pub fn page<'m, V>(
    map: &'m BTreeMap<String, V>,
    args: &Args,
    kind: &str,
    keep: impl Fn(&V) -> bool,
) -> Result<Page<'m, V>, ApiError> {
    let start = match args.next_token() {
        Some(t) => Some(decode_token(kind, t)?),
        None => None,
    };
    let size = args.page_size();
    let iter: Box<dyn Iterator<Item = (&'m String, &'m V)>> = match start {
        Some(s) => Box::new(map.range(s..)),
        None => Box::new(map.iter()),
    };
    let mut out = Vec::new();
    let mut next = None;
    for (k, v) in iter.filter(|(_, v)| keep(v)) {
        if out.len() == size {
            next = Some(encode_token(kind, k));
            break;
        }
        out.push((k, v));
    }
    Ok((out, next))
}

/// Adds `NextToken` to an output object when there is one.
pub fn with_token(mut out: Value, next: Option<String>) -> Value {
    if let (Some(t), Some(obj)) = (next, out.as_object_mut()) {
        obj.insert("NextToken".into(), Value::String(t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_others() {
        let t = encode_token("ch", "arn:x/y");
        assert_eq!(decode_token("ch", &t).unwrap(), "arn:x/y");
        assert!(decode_token("us", &t).is_err());
        assert!(decode_token("ch", "ch.zz").is_err());
        assert!(decode_token("ch", "ch.a\u{e9}b").is_err());
    }
}
