//! A probe: the value a rule-matrix example puts into one input member, in the words a feature
//! file shows (`257 characters`, `the number 0`, `nothing`) and as the JSON value a step sends.
//!
//! A probe is made from the member's valid value, so only the property it is about changes: a
//! string grows or shrinks but keeps its characters, a list repeats its element.

use super::shape::StringShape;
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

/// What a member is set to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// The member is left out.
    Nothing,
    /// A string of this many characters.
    Chars(u64),
    /// A list of this many elements.
    Items(u64),
    Number(i64),
    /// This exact string.
    Text(String),
}

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Probe::Nothing => f.write_str("nothing"),
            Probe::Chars(1) => f.write_str("1 character"),
            Probe::Chars(n) => write!(f, "{n} characters"),
            Probe::Items(1) => f.write_str("1 item"),
            Probe::Items(n) => write!(f, "{n} items"),
            Probe::Number(n) => write!(f, "the number {n}"),
            // JSON string syntax, so a control character stays readable and unambiguous.
            Probe::Text(s) => write!(f, "the text {}", Value::String(s.clone())),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "\"{0}\" is no probe: write nothing, N characters, N items, the number N or the text \"...\""
)]
pub struct BadProbe(String);

impl FromStr for Probe {
    type Err = BadProbe;

    fn from_str(s: &str) -> Result<Probe, BadProbe> {
        let bad = || BadProbe(s.to_owned());
        let count = |rest: &str| rest.trim().parse::<u64>().map_err(|_| bad());
        if s == "nothing" {
            return Ok(Probe::Nothing);
        }
        if let Some(text) = s.strip_prefix("the text ") {
            return serde_json::from_str::<String>(text)
                .map(Probe::Text)
                .map_err(|_| bad());
        }
        if let Some(n) = s.strip_prefix("the number ") {
            return n.trim().parse().map(Probe::Number).map_err(|_| bad());
        }
        for suffix in [" characters", " character"] {
            if let Some(n) = s.strip_suffix(suffix) {
                return count(n).map(Probe::Chars);
            }
        }
        for suffix in [" items", " item"] {
            if let Some(n) = s.strip_suffix(suffix) {
                return count(n).map(Probe::Items);
            }
        }
        Err(bad())
    }
}

/// Why a probe can't be made from a value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Unmakeable {
    #[error("{0} needs a string to start from")]
    NotAString(String),
    #[error("{0} needs a non-empty list to start from")]
    NotAList(String),
    #[error("no string of {0} characters made from {1:?} fits the pattern")]
    NoFit(u64, String),
    #[error("{0} is more than a probe makes ({MAX_SIZE}): no model bound is near it")]
    TooLarge(String),
}

/// The most characters or items a probe makes: the models' largest bound is a few thousand,
/// so a feature asking for more is a mistake, refused before it fills memory.
pub const MAX_SIZE: u64 = 1_000_000;

impl Probe {
    /// The probe's value, made from the member's valid value; `None` for [`Probe::Nothing`].
    /// `keep` is the string shape whose pattern a string keeps where some string of that
    /// length can; where none can, the string has the length alone.
    pub fn value(
        &self,
        valid: &Value,
        keep: Option<&StringShape>,
    ) -> Result<Option<Value>, Unmakeable> {
        if let Probe::Chars(n) | Probe::Items(n) = self
            && *n > MAX_SIZE
        {
            return Err(Unmakeable::TooLarge(self.to_string()));
        }
        Ok(Some(match self {
            Probe::Nothing => return Ok(None),
            Probe::Number(n) => Value::from(*n),
            Probe::Text(s) => Value::String(s.clone()),
            Probe::Chars(n) => {
                let start = valid
                    .as_str()
                    .ok_or_else(|| Unmakeable::NotAString(self.to_string()))?;
                // Past a bound, the length alone matters when no string keeps the pattern.
                let made = chars(start, *n, keep).or_else(|e| match keep {
                    Some(_) => chars(start, *n, None),
                    None => Err(e),
                });
                Value::String(made?)
            }
            Probe::Items(n) => {
                let first = valid
                    .as_array()
                    .and_then(|a| a.first())
                    .ok_or_else(|| Unmakeable::NotAList(self.to_string()))?;
                Value::Array((0..*n).map(|i| distinct(first, i)).collect())
            }
        }))
    }
}

/// A string of `n` characters: `start` cut or padded. Padding tries the characters a pattern
/// is most likely to admit; with a shape to keep, the first string that matches its pattern.
pub fn chars(start: &str, n: u64, keep: Option<&StringShape>) -> Result<String, Unmakeable> {
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let pattern = keep.and_then(|k| k.pattern.as_deref()).and_then(anchored);
    let len = start.chars().count();
    let mut tried = Vec::new();
    for pad in ['a', '0', 'A', '-', '_', ' '] {
        let s: String = if len >= n {
            start.chars().take(n).collect()
        } else {
            start
                .chars()
                .chain(std::iter::repeat_n(pad, n - len))
                .collect()
        };
        if pattern.as_ref().is_none_or(|re| re.is_match(&s)) {
            return Ok(s);
        }
        tried.push(s);
        if len >= n {
            break;
        }
    }
    // Starting over with one repeated character, for a value that can't be cut or padded.
    for pad in ['a', '0', 'A'] {
        let s: String = std::iter::repeat_n(pad, n).collect();
        if pattern.as_ref().is_none_or(|re| re.is_match(&s)) {
            return Ok(s);
        }
    }
    Err(Unmakeable::NoFit(n as u64, start.to_owned()))
}

/// Elements after the first differ, so a set stays a set: strings get a numeric suffix.
fn distinct(v: &Value, i: u64) -> Value {
    match v {
        Value::String(s) if i > 0 => Value::String(format!("{s}{i}")),
        other => other.clone(),
    }
}

/// The model's pattern as an anchored regex, compiled once. `None` when the regex dialect
/// can't read it: the length bounds still apply. The one compiled regex is shared: a clone of
/// a `Regex` starts with empty search caches, and the model's long ARN patterns are slow to
/// search until those caches fill.
pub fn anchored(pattern: &str) -> Option<Arc<Regex>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Arc<Regex>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| {
            let inner = pattern.strip_prefix('^').unwrap_or(pattern);
            let inner = inner.strip_suffix('$').unwrap_or(inner);
            Regex::new(&format!("^(?:{inner})$")).ok().map(Arc::new)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_probe_reads_back_as_written() {
        for p in [
            Probe::Nothing,
            Probe::Chars(0),
            Probe::Chars(1),
            Probe::Chars(257),
            Probe::Items(1),
            Probe::Items(51),
            Probe::Number(-1),
            Probe::Number(51),
            Probe::Text("NOT-A-VALUE".into()),
            Probe::Text("a\u{1}b \"q\" |".into()),
        ] {
            assert_eq!(p.to_string().parse::<Probe>().unwrap(), p, "{p}");
        }
        assert!("a few characters".parse::<Probe>().is_err());
        assert!("the text unquoted".parse::<Probe>().is_err());
    }

    #[test]
    fn a_string_keeps_its_characters_and_a_pattern_when_asked() {
        assert_eq!(chars("general", 3, None).unwrap(), "gen");
        assert_eq!(chars("ab", 5, None).unwrap(), "abaaa");
        let digits = StringShape {
            pattern: Some("[0-9]*".into()),
            ..StringShape::default()
        };
        assert_eq!(chars("12", 4, Some(&digits)).unwrap(), "1200");
        let letters = StringShape {
            pattern: Some("[a-z]+x".into()),
            ..StringShape::default()
        };
        assert_eq!(
            chars("abx", 5, Some(&letters)),
            Err(Unmakeable::NoFit(5, "abx".into()))
        );
    }

    #[test]
    fn values_are_made_from_the_valid_one() {
        let v = Probe::Items(3).value(&json!(["u"]), None).unwrap();
        assert_eq!(v, Some(json!(["u", "u1", "u2"])));
        assert_eq!(Probe::Nothing.value(&json!("x"), None).unwrap(), None);
        assert_eq!(
            Probe::Chars(u64::MAX).value(&json!("x"), None),
            Err(Unmakeable::TooLarge(format!("{} characters", u64::MAX)))
        );
        assert_eq!(
            Probe::Chars(2).value(&json!(3), None),
            Err(Unmakeable::NotAString("2 characters".into()))
        );
    }
}
