//! Error bodies are not output shapes: their `Message` texts are scrubbed instead, known
//! values replaced by their placeholders and any other ARN by `<Arn>`.

use super::normalise::Normaliser;
use serde_json::Value;

/// `Message` (or `message`) texts with known values replaced by their placeholders and any
/// other ARN by `<Arn>`, so messages naming this run's resources compare across runs.
pub fn scrub_error_body(body: &Value, normaliser: &Normaliser) -> Value {
    let mut body = body.clone();
    if let Value::Object(map) = &mut body {
        for key in ["Message", "message"] {
            if let Some(Value::String(text)) = map.get_mut(key) {
                *text = scrub_text(text, normaliser);
            }
        }
    }
    body
}

fn scrub_text(text: &str, normaliser: &Normaliser) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !is_separator(c)) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(is_separator).unwrap_or(rest.len());
        let mut token = &rest[..end];
        // A sentence may end right after a value.
        let trailing = token.len() - token.trim_end_matches(['.', ',', ';', ':']).len();
        token = &token[..token.len() - trailing];
        match normaliser.placeholder_of(token) {
            Some(p) => out.push_str(p),
            None if token.starts_with("arn:") => out.push_str("<Arn>"),
            None => out.push_str(token),
        }
        out.push_str(&rest[token.len()..end]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>'
        )
}
