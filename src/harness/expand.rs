//! Placeholders in step text and doc strings.
//!
//! `{alice}` is replaced by whatever the scenario remembered under `alice` (a user's ARN, a
//! channel's ARN, a message id, a remembered response value); `{x*4097}` by 4097 repetitions of
//! `x` (any single character, so `{é*2049}` is 4098 UTF-8 bytes); `{token}` by a fresh
//! idempotency token. JSON braces never match, because a placeholder is a bare name.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn placeholder() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\{(?:(?P<rep>.)\*(?P<count>\d{1,6})|(?P<name>[A-Za-z][A-Za-z0-9_-]*))\}")
            .expect("placeholder pattern is valid")
    })
}

/// Replaces every placeholder of `text`; an unknown name is an error naming the known ones.
pub fn expand(text: &str, names: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for caps in placeholder().captures_iter(text) {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        out.push_str(&text[last..whole.start]);
        last = whole.end;
        if let (Some(rep), Some(count)) = (caps.name("rep"), caps.name("count")) {
            let n: usize = count
                .as_str()
                .parse()
                .map_err(|e| format!("bad repeat count in {}: {e}", &text[whole.clone()]))?;
            out.push_str(&rep.as_str().repeat(n));
        } else if let Some(name) = caps.name("name") {
            let name = name.as_str();
            if name == "token" {
                out.push_str(&uuid::Uuid::new_v4().simple().to_string());
            } else if let Some(value) = names.get(name) {
                out.push_str(value);
            } else {
                let known: Vec<&str> = names.keys().map(String::as_str).collect();
                return Err(format!(
                    "nothing is remembered as {{{name}}} (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ));
            }
        }
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// Splits "alice, bob and carol" into names.
pub fn name_list(text: &str) -> Vec<String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "and")
        .map(|s| s.trim_matches('"').to_string())
        .collect()
}

/// The quoted strings of `"a", "b" and "c"`, in order.
pub fn quoted_list(text: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#""([^"]*)""#).expect("quoted pattern is valid"));
    re.captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> BTreeMap<String, String> {
        BTreeMap::from([("alice".to_string(), "arn:aws:chime:u/alice".to_string())])
    }

    #[test]
    fn replaces_names_and_leaves_json_alone() {
        let out = expand(r#"{"ChimeBearer": "{alice}", "X": {"Y": 1}}"#, &names()).unwrap();
        assert_eq!(
            out,
            r#"{"ChimeBearer": "arn:aws:chime:u/alice", "X": {"Y": 1}}"#
        );
    }

    #[test]
    fn repeats_characters_including_multibyte_ones() {
        assert_eq!(expand("{x*3}", &names()).unwrap(), "xxx");
        assert_eq!(expand("{é*2}", &names()).unwrap().len(), 4);
    }

    #[test]
    fn unknown_names_are_errors_naming_the_known_ones() {
        let err = expand("{bob}", &names()).unwrap_err();
        assert!(err.contains("{bob}") && err.contains("alice"), "{err}");
    }

    #[test]
    fn tokens_are_fresh() {
        let a = expand("{token}", &names()).unwrap();
        let b = expand("{token}", &names()).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn lists_split_on_commas_and_and() {
        assert_eq!(name_list("alice, bob and carol"), ["alice", "bob", "carol"]);
        assert_eq!(quoted_list(r#""c", "b" and "a""#), ["c", "b", "a"]);
    }
}
