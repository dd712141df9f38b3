//! JSON checks at the strength the evidence allows.
//!
//! "Empty" accepts an empty string, an empty array or object, `null` or an absent member,
//! because the documents only say the content is hidden (B-MSG-08). A subset match checks the
//! members a scenario names and ignores the rest, so additive service changes do not fail it.

use serde_json::Value;

/// The value at a JSON pointer ("/Channel/Name"); `None` when absent.
pub fn at<'a>(body: Option<&'a Value>, pointer: &str) -> Option<&'a Value> {
    body.and_then(|b| b.pointer(pointer))
}

/// True for "", [], {}, null and absent.
pub fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}

/// Checks that every member named in `expected` is in `actual` with an equal value (numbers
/// compare numerically); arrays must have the same length and match element by element.
/// Returns the first difference as (pointer, expected, found).
pub fn subset(expected: &Value, actual: Option<&Value>) -> Result<(), (String, String, String)> {
    subset_at(expected, actual, String::new())
}

fn subset_at(
    expected: &Value,
    actual: Option<&Value>,
    pointer: String,
) -> Result<(), (String, String, String)> {
    let found = || actual.map_or_else(|| "absent".to_string(), short);
    match (expected, actual) {
        (Value::Object(exp), Some(Value::Object(act))) => {
            for (key, value) in exp {
                subset_at(value, act.get(key), format!("{pointer}/{key}"))?;
            }
            Ok(())
        }
        (Value::Array(exp), Some(Value::Array(act))) => {
            if exp.len() != act.len() {
                return Err((
                    pointer,
                    format!("{} items", exp.len()),
                    format!("{} items", act.len()),
                ));
            }
            for (i, (e, a)) in exp.iter().zip(act).enumerate() {
                subset_at(e, Some(a), format!("{pointer}/{i}"))?;
            }
            Ok(())
        }
        (Value::Number(e), Some(Value::Number(a))) if e.as_f64() == a.as_f64() => Ok(()),
        (e, Some(a)) if e == a => Ok(()),
        (e, _) => Err((pointer, short(e), found())),
    }
}

/// A one-line rendering of a value, shortened so reports stay readable.
pub fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 {
        let head: String = text.chars().take(100).collect();
        format!("{head}... ({} characters)", text.chars().count())
    } else {
        text
    }
}

/// Reads a literal written in a step: JSON when it parses, otherwise the text as a string.
pub fn literal(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_accepts_every_spelling_of_nothing() {
        let body = json!({"a": "", "b": null, "c": [], "d": "x"});
        for p in ["/a", "/b", "/c", "/missing"] {
            assert!(is_empty(at(Some(&body), p)), "{p}");
        }
        assert!(!is_empty(at(Some(&body), "/d")));
    }

    #[test]
    fn subset_ignores_unnamed_members_and_reports_the_first_difference() {
        let actual = json!({"Channel": {"Name": "n", "Privacy": "PRIVATE", "Extra": 1}});
        assert!(subset(&json!({"Channel": {"Name": "n"}}), Some(&actual)).is_ok());
        let (pointer, expected, found) =
            subset(&json!({"Channel": {"Privacy": "PUBLIC"}}), Some(&actual)).unwrap_err();
        assert_eq!(pointer, "/Channel/Privacy");
        assert_eq!(expected, "\"PUBLIC\"");
        assert_eq!(found, "\"PRIVATE\"");
    }

    #[test]
    fn numbers_compare_by_value_and_arrays_by_length() {
        assert!(subset(&json!({"n": 1}), Some(&json!({"n": 1.0}))).is_ok());
        assert!(subset(&json!([1, 2]), Some(&json!([1]))).is_err());
        assert!(subset(&json!({"n": 1}), Some(&json!({}))).is_err());
    }

    #[test]
    fn literals_fall_back_to_strings() {
        assert_eq!(literal("5"), json!(5));
        assert_eq!(literal("true"), json!(true));
        assert_eq!(literal("SENT"), json!("SENT"));
    }
}
