//! The differences between an expected and a found JSON value, each named by its JSON
//! pointer (`/ChannelMessages/0/Content: expected "hi", found "hello"`).

use serde_json::Value;
use std::fmt;

/// At most this many differences are listed in one error.
const MAX_DIFFERENCES: usize = 30;

/// One difference between an expected and a found snapshot. `None` means absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// A JSON pointer into the body (`/ChannelMessages/0/Content`), or `status`,
    /// `x-amzn-ErrorType` or `body` for the parts outside it.
    pub path: String,
    pub expected: Option<Value>,
    pub found: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        match (&self.expected, &self.found) {
            (Some(e), Some(v)) => write!(f, "{path}: expected {}, found {}", shown(e), shown(v)),
            (Some(e), None) => write!(f, "{path}: missing, expected {}", shown(e)),
            (None, Some(v)) => write!(f, "{path}: unexpected, found {}", shown(v)),
            (None, None) => write!(f, "{path}: differs"),
        }
    }
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 100 {
        format!("{}...", s.chars().take(100).collect::<String>())
    } else {
        s
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Objects by key (sorted), arrays by index; anything else must be equal.
pub fn diff_values(path: &str, expected: &Value, found: &Value, out: &mut Vec<Difference>) {
    match (expected, found) {
        (Value::Object(e), Value::Object(f)) => {
            let keys: std::collections::BTreeSet<&String> = e.keys().chain(f.keys()).collect();
            for k in keys {
                let at = format!("{path}/{}", escape_pointer(k));
                match (e.get(k), f.get(k)) {
                    (Some(a), Some(b)) => diff_values(&at, a, b, out),
                    (a, b) => out.push(Difference {
                        path: at,
                        expected: a.cloned(),
                        found: b.cloned(),
                    }),
                }
            }
        }
        (Value::Array(e), Value::Array(f)) => {
            for i in 0..e.len().max(f.len()) {
                let at = format!("{path}/{i}");
                match (e.get(i), f.get(i)) {
                    (Some(a), Some(b)) => diff_values(&at, a, b, out),
                    (a, b) => out.push(Difference {
                        path: at,
                        expected: a.cloned(),
                        found: b.cloned(),
                    }),
                }
            }
        }
        // 1 and 1.0 are the same number to a JSON reader.
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => out.push(Difference {
            path: path.to_owned(),
            expected: Some(a.clone()),
            found: Some(b.clone()),
        }),
    }
}

/// The differences of one snapshot, listed one a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Differences(pub Vec<Difference>);

impl fmt::Display for Differences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.iter().take(MAX_DIFFERENCES) {
            write!(f, "\n  {d}")?;
        }
        if self.0.len() > MAX_DIFFERENCES {
            write!(f, "\n  ... and {} more", self.0.len() - MAX_DIFFERENCES)?;
        }
        Ok(())
    }
}
