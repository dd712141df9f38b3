//! The `pattern` keyword of the judging validators, remembering what each pattern said of the
//! values it saw last.
//!
//! A regex reads a value a byte at a time (about 2 ns a byte for the ARN pattern, 250 ns for
//! a channel ARN), and the same values come back request after request: every call on a
//! channel names its ARN and its bearer, every answer repeats them. So each thread keeps the
//! verdicts on its last few hundred short values, checked against the value itself, not only
//! its hash. The verdict is always the one `jsonschema`'s own `pattern` gives: a value not seen
//! is judged by a validator of `{"pattern": ...}` built with the same options.

use super::options::options;
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError, ValidationOptions, Validator};
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Verdicts kept per thread, in a table indexed by hash (a new verdict replaces the one in
/// its place).
const SLOTS: usize = 256;

/// Values longer than this (in bytes) are judged each time, so a thread keeps at most `SLOTS`
/// values of at most this length.
const LONGEST_KEPT: usize = 256;

/// One model pattern: its own validator, and a number that tells it apart in the table.
struct Pattern {
    id: u32,
    validator: Validator,
}

struct Verdict {
    pattern: u32,
    value: Box<str>,
    matched: bool,
}

thread_local! {
    static VERDICTS: RefCell<Vec<Option<Verdict>>> =
        RefCell::new((0..SLOTS).map(|_| None).collect());
}

impl Pattern {
    fn matches(&self, value: &str) -> bool {
        if value.len() > LONGEST_KEPT {
            return self.judge(value);
        }
        let mut hasher =
            foldhash::fast::FixedState::with_seed(0x7061_7474_6572_6e73).build_hasher();
        hasher.write_u32(self.id);
        hasher.write(value.as_bytes());
        let slot = (hasher.finish() as usize) % SLOTS;
        // `try_with`: a thread whose table is already gone (it is exiting) judges every value.
        let kept = VERDICTS.try_with(|v| {
            v.borrow()[slot]
                .as_ref()
                .filter(|k| k.pattern == self.id && &*k.value == value)
                .map(|k| k.matched)
        });
        if let Ok(Some(matched)) = kept {
            return matched;
        }
        let matched = self.judge(value);
        let _ = VERDICTS.try_with(|v| {
            v.borrow_mut()[slot] = Some(Verdict {
                pattern: self.id,
                value: value.into(),
                matched,
            });
        });
        matched
    }

    fn judge(&self, value: &str) -> bool {
        // The validator reads a JSON value: the text is copied into one, only when judged.
        self.validator.is_valid(&Value::String(value.to_owned()))
    }
}

/// The keyword, as compiled into one schema.
struct SeenPattern {
    pattern: Arc<Pattern>,
    text: String,
}

impl<'i> Keyword<'i> for SeenPattern {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "does not match the pattern {}",
                self.text
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance.as_str().is_none_or(|s| self.pattern.matches(s))
    }
}

/// `options` with `pattern` judged as above; each pattern alone is judged with the project's
/// plain [`options`](super::options::options).
pub(crate) fn with_seen_patterns(
    options: ValidationOptions<'static>,
) -> ValidationOptions<'static> {
    options.with_keyword(
        "pattern",
        move |_: &Map<String, Value>, value: &Value, _: Location| {
            let Some(text) = value.as_str() else {
                return Err(ValidationError::custom("pattern must be a string"));
            };
            let pattern = compiled(text).map_err(ValidationError::custom)?;
            Ok(Box::new(SeenPattern {
                pattern,
                text: text.to_owned(),
            }) as Box<dyn for<'i> Keyword<'i>>)
        },
    )
}

/// One `Pattern` per pattern text for the process: the ARN pattern is in dozens of schemas.
fn compiled(text: &str) -> Result<Arc<Pattern>, String> {
    static PATTERNS: OnceLock<Mutex<HashMap<String, Arc<Pattern>>>> = OnceLock::new();
    let mut patterns = PATTERNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(p) = patterns.get(text) {
        return Ok(p.clone());
    }
    let validator = options()
        .build(&json!({ "pattern": text }))
        .map_err(|e| format!("the pattern {text} does not compile: {e}"))?;
    let pattern = Arc::new(Pattern {
        id: u32::try_from(patterns.len()).unwrap_or(u32::MAX),
        validator,
    });
    patterns.insert(text.to_owned(), pattern.clone());
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema compiled with the pattern keyword above, and as the project compiles it.
    fn both(schema: &Value) -> (Validator, Validator) {
        let seen = with_seen_patterns(options()).build(schema).unwrap();
        (seen, options().build(schema).unwrap())
    }

    /// Seen or not, first or again, a value gets the verdict of the plain keyword.
    #[test]
    fn verdicts_are_the_plain_keyword_s_first_and_again() {
        let schema = json!({"type": "object", "properties": {
            "Arn": {"pattern": "^arn:[a-z]+:[^/].{0,10}$"},
            "Token": {"pattern": "^[-_a-zA-Z0-9]*$"}}});
        let (seen, plain) = both(&schema);
        let long = format!("arn:aws:{}", "x".repeat(LONGEST_KEPT));
        let values = [
            "arn:aws:channel",
            "arn:aws:/channel",
            "arn:aws:channel-far-too-long",
            "has spaces",
            "",
            "ümlaut",
            long.as_str(),
        ];
        for round in 0..3 {
            for v in values {
                for member in ["Arn", "Token"] {
                    let instance = json!({ member: v });
                    assert_eq!(
                        seen.is_valid(&instance),
                        plain.is_valid(&instance),
                        "round {round}: {member} = {v:?}"
                    );
                }
            }
        }
        // Not a string: the keyword does not apply.
        assert!(seen.is_valid(&json!({"Arn": 5})));
    }

    /// Two patterns that see the same value keep their own verdicts.
    #[test]
    fn patterns_do_not_share_verdicts() {
        let (seen, _) = both(&json!({"properties": {
            "Digits": {"pattern": "^[0-9]+$"}, "Letters": {"pattern": "^[a-z]+$"}}}));
        for _ in 0..2 {
            assert!(seen.is_valid(&json!({"Digits": "123"})));
            assert!(!seen.is_valid(&json!({"Letters": "123"})));
            assert!(seen.is_valid(&json!({"Letters": "abc"})));
            assert!(!seen.is_valid(&json!({"Digits": "abc"})));
        }
    }

    /// A pattern that does not compile is a schema error, not a panic.
    #[test]
    fn a_broken_pattern_is_refused() {
        let built = with_seen_patterns(options()).build(&json!({"pattern": "(unclosed"}));
        assert!(built.is_err());
    }
}
