//! JSON values printed the way the AWS API changelog prints member changes: Python's `pprint`
//! at width 80 (single-quoted strings, sorted keys, long strings split at spaces).

use serde_json::Value;

const WIDTH: usize = 80;

/// `pprint.pformat(value)` of the value read as Python data.
pub fn python_repr(value: &Value) -> String {
    let mut out = String::new();
    format(value, &mut out, 0, 0, 0);
    out
}

fn format(value: &Value, out: &mut String, indent: usize, allowance: usize, level: usize) {
    let rep = flat(value);
    let max_width = WIDTH.saturating_sub(indent + allowance);
    if rep.chars().count() <= max_width {
        out.push_str(&rep);
        return;
    }
    let level = level + 1;
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            let indent = indent + 1;
            let last = map.len() - 1;
            for (i, (k, v)) in map.iter().enumerate() {
                let key = quote(k);
                out.push_str(&key);
                out.push_str(": ");
                let allow = if i == last { allowance + 1 } else { 1 };
                format(v, out, indent + key.chars().count() + 2, allow, level);
                if i != last {
                    out.push_str(",\n");
                    out.push_str(&" ".repeat(indent));
                }
            }
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            let indent = indent + 1;
            let last = items.len() - 1;
            for (i, v) in items.iter().enumerate() {
                let allow = if i == last { allowance + 1 } else { 1 };
                format(v, out, indent, allow, level);
                if i != last {
                    out.push_str(",\n");
                    out.push_str(&" ".repeat(indent));
                }
            }
            out.push(']');
        }
        Value::String(s) => split_string(s, out, indent, allowance, level),
        _ => out.push_str(&rep),
    }
}

/// A long string as adjacent literals, each fitting the line, broken after whitespace.
fn split_string(s: &str, out: &mut String, indent: usize, allowance: usize, level: usize) {
    let (indent, allowance) = if level == 1 {
        (indent + 1, allowance + 1)
    } else {
        (indent, allowance)
    };
    let max_width = WIDTH.saturating_sub(indent);
    let max_width1 = max_width.saturating_sub(allowance);
    let mut chunks: Vec<String> = Vec::new();
    let len = |s: &str| quote(s).chars().count();
    if len(s) <= max_width1 {
        chunks.push(quote(s));
    } else {
        let parts = word_parts(s);
        let mut current = String::new();
        for (j, part) in parts.iter().enumerate() {
            let candidate = format!("{current}{part}");
            let limit = if j == parts.len() - 1 {
                max_width1
            } else {
                max_width
            };
            if len(&candidate) > limit {
                if !current.is_empty() {
                    chunks.push(quote(&current));
                }
                current = (*part).to_owned();
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            chunks.push(quote(&current));
        }
    }
    let open_paren = level == 1 && chunks.len() > 1;
    if open_paren {
        out.push('(');
    }
    out.push_str(&chunks.join(&format!("\n{}", " ".repeat(indent))));
    if open_paren {
        out.push(')');
    }
}

/// Runs of non-space followed by their trailing spaces (Python's `\S*\s*`).
fn word_parts(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            parts.push(&s[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    parts
}

/// The one-line form.
fn flat(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", quote(k), flat(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(flat).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(s) => quote(s),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::Number(n) => n.to_string(),
    }
}

/// Python's `repr` of a string: single quotes unless the text has one and no double quote.
fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_values_stay_on_one_line() {
        let v = json!({"ChannelMessage": {"ContentType": "string"}});
        assert_eq!(
            python_repr(&v),
            "{'ChannelMessage': {'ContentType': 'string'}}"
        );
        assert_eq!(python_repr(&json!(["a", true])), "['a', True]");
    }

    fn lines(parts: &[(usize, &str)]) -> String {
        parts
            .iter()
            .map(|(pad, text)| format!("{}{text}", " ".repeat(*pad)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn long_values_wrap_like_pprint() {
        // The layout of the published changelog entry for CreateChannel.
        let v = json!({"ExpirationSettings": {
            "ExpirationCriterion": "CREATED_TIMESTAMP | LAST_MESSAGE_TIMESTAMP",
            "ExpirationDays": "integer"}});
        assert_eq!(
            python_repr(&v),
            lines(&[
                (
                    0,
                    "{'ExpirationSettings': {'ExpirationCriterion': 'CREATED_TIMESTAMP | '"
                ),
                (47, "'LAST_MESSAGE_TIMESTAMP',"),
                (24, "'ExpirationDays': 'integer'}}"),
            ])
        );
        // And for DescribeChannel, one level deeper.
        let v = json!({ "Channel": v });
        assert_eq!(
            python_repr(&v),
            lines(&[
                (
                    0,
                    "{'Channel': {'ExpirationSettings': {'ExpirationCriterion': 'CREATED_TIMESTAMP '"
                ),
                (59, "'| '"),
                (59, "'LAST_MESSAGE_TIMESTAMP',"),
                (36, "'ExpirationDays': 'integer'}}}"),
            ])
        );
    }

    #[test]
    fn lists_wrap_like_pprint() {
        let v =
            json!({ "A".repeat(30): ["x".repeat(30), "yyy ".repeat(12), {"k": "v".repeat(40)}] });
        assert_eq!(
            python_repr(&v),
            lines(&[
                (
                    0,
                    "{'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA': ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',"
                ),
                (36, "'yyy yyy yyy yyy yyy yyy yyy yyy yyy yyy '"),
                (36, "'yyy yyy ',"),
                (36, "{'k': 'vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv'}]}"),
            ])
        );
    }

    #[test]
    fn quotes_follow_python() {
        assert_eq!(quote("it's"), "\"it's\"");
        assert_eq!(quote("a'\"b"), "'a\\'\"b'");
        assert_eq!(quote("x\ny"), "'x\\ny'");
    }
}
