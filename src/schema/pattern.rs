//! The model's string patterns are Java regular expressions matched with `Matcher.matches()`
//! (implicitly anchored at both ends). JSON Schema `pattern` is an ECMA-262 expression searched
//! anywhere in the string; the `jsonschema` crate translates ECMA-262 to the Rust `regex` syntax
//! before compiling. This module rewrites a Java pattern into the common subset both read the same
//! way, anchored as `^(?:...)$`:
//!
//! - Every code point escape is written `\u{XXXX}` (ECMA-262 Unicode mode and Rust read it alike);
//!   the model's `\u10000-\u10FFFF` (five or six hex digits naming a code point above the BMP,
//!   which Java itself would read as `\u1000` followed by `0`) becomes the astral range
//!   `\u{10000}-\u{10FFFF}` the model means.
//! - `.` becomes Java's "anything but a line terminator" (Java also excludes U+0085, ECMA does not).
//! - `\s` and `\S` outside a class become Java's ASCII whitespace sets; inside a class they are
//!   kept (so `[\s\S]` still means "anything").
//! - Identity escapes of punctuation that is not syntax (`\:`, `\_`, `\@`) become the plain
//!   character, because ECMA-262 in Unicode mode rejects them; a literal `-` in a class is
//!   written `\-` so neither dialect can read it as a range.
//! - Constructs without a common reading (back references, nested classes, class
//!   intersection, `\Q..\E` is expanded) are refused with an error naming them.

use std::fmt;

/// Java's `\s`: space, tab, newline, vertical tab, form feed, carriage return.
const JAVA_SPACE: &str = r"\t\n\u{000B}\f\r ";
/// Java's `.` without DOTALL: everything except the line terminators.
const JAVA_DOT: &str = r"[^\n\r\u{0085}\u{2028}\u{2029}]";

/// A pattern that cannot be carried over faithfully.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern {pattern:?}: {reason} at offset {offset}")]
pub struct PatternError {
    pub pattern: String,
    pub offset: usize,
    pub reason: String,
}

/// Translates a model (Java) pattern into an anchored JSON Schema pattern.
pub fn translate(java: &str) -> Result<String, PatternError> {
    let body = strip_anchors(java);
    let mut t = Translator {
        source: java,
        chars: body.char_indices().collect(),
        pos: 0,
        out: String::with_capacity(body.len() + 8),
    };
    t.out.push_str("^(?:");
    t.top()?;
    t.out.push_str(")$");
    Ok(t.out)
}

/// Whether a Java pattern matches every string, so that carrying it over would only cost time.
pub fn accepts_everything(java: &str) -> bool {
    matches!(
        strip_anchors(java),
        r"[\s\S]*" | r"[\S\s]*" | r"[\w\W]*" | r"[\W\w]*" | r"[\d\D]*" | r"[\D\d]*" | "(?s).*"
    )
}

/// `matches()` already anchors, so a leading `^` and a trailing unescaped `$` add nothing.
fn strip_anchors(p: &str) -> &str {
    let mut body = p.strip_prefix('^').unwrap_or(p);
    if let Some(rest) = body.strip_suffix('$') {
        let backslashes = rest.chars().rev().take_while(|&c| c == '\\').count();
        if backslashes % 2 == 0 {
            body = rest;
        }
    }
    body
}

struct Translator<'a> {
    source: &'a str,
    chars: Vec<(usize, char)>,
    pos: usize,
    out: String,
}

/// What the last item in a character class was, to tell a range `-` from a literal one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClassPrev {
    Start,
    /// A single character that can start a range.
    Char,
    /// A range end or a class escape like `\d`: a following `-` is literal.
    NotChar,
}

impl Translator<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|&(_, c)| c)
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn fail(&self, reason: impl fmt::Display) -> PatternError {
        let offset = self
            .chars
            .get(self.pos.saturating_sub(1))
            .map_or(self.source.len(), |&(i, _)| i);
        PatternError {
            pattern: self.source.to_owned(),
            offset,
            reason: reason.to_string(),
        }
    }

    fn top(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.next() {
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '.' => self.out.push_str(JAVA_DOT),
                _ => self.out.push(c),
            }
        }
        Ok(())
    }

    fn escape_outside(&mut self) -> Result<(), PatternError> {
        let c = self.next().ok_or_else(|| self.fail("trailing backslash"))?;
        match c {
            's' => {
                self.out.push('[');
                self.out.push_str(JAVA_SPACE);
                self.out.push(']');
            }
            'S' => {
                self.out.push_str("[^");
                self.out.push_str(JAVA_SPACE);
                self.out.push(']');
            }
            'Q' => self.quoted(),
            _ => {
                let piece = self.common_escape(c)?;
                self.out.push_str(&piece.text);
            }
        }
        Ok(())
    }

    /// `\Q...\E`: every character literal.
    fn quoted(&mut self) {
        while let Some(c) = self.next() {
            if c == '\\' && self.peek() == Some('E') {
                self.pos += 1;
                return;
            }
            push_literal(&mut self.out, c, false);
        }
    }

    fn class(&mut self) -> Result<(), PatternError> {
        self.out.push('[');
        if self.peek() == Some('^') {
            self.pos += 1;
            self.out.push('^');
        }
        let mut prev = ClassPrev::Start;
        loop {
            let c = self
                .next()
                .ok_or_else(|| self.fail("unterminated character class"))?;
            match c {
                ']' if prev != ClassPrev::Start => {
                    self.out.push(']');
                    return Ok(());
                }
                '[' => return Err(self.fail("nested character classes are not supported")),
                '&' if self.peek() == Some('&') => {
                    return Err(self.fail("class intersection is not supported"));
                }
                '-' if prev == ClassPrev::Char && !matches!(self.peek(), Some(']') | None) => {
                    self.out.push('-');
                    let end = self.next().ok_or_else(|| self.fail("unterminated range"))?;
                    let single = match end {
                        '\\' => self.escape_in_class()?,
                        '[' => return Err(self.fail("nested character classes are not supported")),
                        c => {
                            push_literal(&mut self.out, c, true);
                            true
                        }
                    };
                    if !single {
                        return Err(self.fail("a range cannot end in a class escape"));
                    }
                    prev = ClassPrev::NotChar;
                }
                '\\' => {
                    prev = if self.escape_in_class()? {
                        ClassPrev::Char
                    } else {
                        ClassPrev::NotChar
                    };
                }
                c => {
                    push_literal(&mut self.out, c, true);
                    prev = ClassPrev::Char;
                }
            }
        }
    }

    /// Writes the escape after a `\` inside a class; true when it stands for one character.
    fn escape_in_class(&mut self) -> Result<bool, PatternError> {
        let c = self.next().ok_or_else(|| self.fail("trailing backslash"))?;
        if matches!(c, 's' | 'S') {
            // Kept in the ECMA reading: `[\s\S]` must keep meaning "any character".
            self.out.push('\\');
            self.out.push(c);
            return Ok(false);
        }
        if c.is_ascii_punctuation() {
            push_literal(&mut self.out, c, true);
            return Ok(true);
        }
        let piece = self.common_escape(c)?;
        self.out.push_str(&piece.text);
        Ok(piece.single)
    }

    /// Escapes that read the same inside and outside a class.
    fn common_escape(&mut self, c: char) -> Result<Piece, PatternError> {
        let text = match c {
            'u' => return self.unicode_escape(),
            'x' => {
                let hex = self.hex_digits(2, 2);
                let value = u32::from_str_radix(&hex, 16)
                    .map_err(|_| self.fail("\\x needs two hex digits"))?;
                return Ok(Piece::char(value));
            }
            't' | 'n' | 'r' | 'f' => return Ok(Piece::single(format!("\\{c}"))),
            'a' => return Ok(Piece::char(0x07)),
            'e' => return Ok(Piece::char(0x1B)),
            'd' | 'D' | 'w' | 'W' => format!("\\{c}"),
            'b' | 'B' => format!("\\{c}"),
            'p' | 'P' => {
                let mut text = format!("\\{c}");
                if self.peek() == Some('{') {
                    while let Some(d) = self.next() {
                        text.push(d);
                        if d == '}' {
                            break;
                        }
                    }
                } else {
                    let d = self
                        .next()
                        .ok_or_else(|| self.fail("\\p needs a property"))?;
                    text.push(d);
                }
                text
            }
            c if c.is_ascii_punctuation() => {
                let mut s = String::new();
                push_literal(&mut s, c, false);
                return Ok(Piece::single(s));
            }
            c if c.is_ascii_digit() => {
                return Err(self.fail("back references and octal escapes are not supported"));
            }
            c => return Err(self.fail(format!("unsupported escape \\{c}"))),
        };
        Ok(Piece {
            text,
            single: false,
        })
    }

    /// `\uXXXX`, or the model's `\u10000`..`\u10FFFF` naming an astral code point.
    fn unicode_escape(&mut self) -> Result<Piece, PatternError> {
        let start = self.pos;
        let long = self.hex_digits(1, 6);
        if long.len() >= 5
            && let Ok(value) = u32::from_str_radix(&long, 16)
            && (0x10000..=0x10FFFF).contains(&value)
        {
            return Ok(Piece::char(value));
        }
        self.pos = start;
        let hex = self.hex_digits(4, 4);
        let value =
            u32::from_str_radix(&hex, 16).map_err(|_| self.fail("\\u needs four hex digits"))?;
        Ok(Piece::char(value))
    }

    /// Up to `max` hex digits; fewer than `min` yields an empty string.
    fn hex_digits(&mut self, min: usize, max: usize) -> String {
        let start = self.pos;
        let mut hex = String::new();
        while hex.len() < max {
            match self.peek() {
                Some(d) if d.is_ascii_hexdigit() => {
                    hex.push(d);
                    self.pos += 1;
                }
                _ => break,
            }
        }
        if hex.len() < min {
            self.pos = start;
            return String::new();
        }
        hex
    }
}

/// One translated escape, and whether it names a single character (so it can bound a range).
struct Piece {
    text: String,
    single: bool,
}

impl Piece {
    fn single(text: String) -> Piece {
        Piece { text, single: true }
    }

    /// A code point as `\u{XXXX}`, which both dialects read (ECMA-262 in Unicode mode), in and
    /// above the BMP alike. One notation for all code points also lets the `jsonschema` crate
    /// recognise `^[class]*$` and count characters instead of running a regex.
    fn char(value: u32) -> Piece {
        Piece::single(format!("\\u{{{value:04X}}}"))
    }
}

/// A literal character, escaped only where one of the dialects would read it as syntax.
fn push_literal(out: &mut String, c: char, in_class: bool) {
    let special = if in_class {
        matches!(c, '\\' | ']' | '[' | '^' | '-')
    } else {
        matches!(
            c,
            '\\' | '^'
                | '$'
                | '.'
                | '|'
                | '?'
                | '*'
                | '+'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '/'
        )
    };
    if special {
        out.push('\\');
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeKind, identity, messaging};
    use serde_json::json;

    /// The translated pattern, compiled the way the validators compile it.
    fn compiled(java: &str) -> jsonschema::Validator {
        let pattern = translate(java).unwrap_or_else(|e| panic!("{e}"));
        let schema = json!({"type": "string", "pattern": pattern});
        super::super::validators::options()
            .build(&schema)
            .unwrap_or_else(|e| panic!("{java} -> {pattern}: {e}"))
    }

    fn model_patterns() -> Vec<String> {
        let mut all: Vec<String> = [messaging(), identity()]
            .iter()
            .flat_map(|m| m.shapes.values())
            .filter_map(|s| match &s.kind {
                ShapeKind::String(s) => s.pattern.clone(),
                _ => None,
            })
            .collect();
        all.sort();
        all.dedup();
        all
    }

    #[test]
    fn every_model_pattern_translates_and_compiles() {
        let patterns = model_patterns();
        assert!(patterns.len() >= 10, "{patterns:?}");
        for p in patterns {
            let v = compiled(&p);
            let _ = v.is_valid(&json!("x"));
        }
    }

    #[test]
    fn astral_ranges_become_code_point_ranges() {
        let java =
            r"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*";
        let t = translate(java).unwrap();
        assert_eq!(
            t,
            r"^(?:[\u{0009}\u{000A}\u{000D}\u{0020}-\u{007E}\u{0085}\u{00A0}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]*)$"
        );
        let v = compiled(java);
        assert!(v.is_valid(&json!("plain text\twith tab\nand newline")));
        assert!(v.is_valid(&json!("emoji \u{1F600} and astral \u{10FFFF}")));
        assert!(v.is_valid(&json!("")));
        // Control characters other than tab, LF and CR are outside the set.
        assert!(!v.is_valid(&json!("bell \u{7}")));
        assert!(!v.is_valid(&json!("nul \u{0}")));
        assert!(!v.is_valid(&json!("esc \u{1B}")));
        assert!(!v.is_valid(&json!("\u{FFFE}")));
    }

    #[test]
    fn arns_are_matched_whole() {
        let java = r"arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}";
        let v = compiled(java);
        assert!(v.is_valid(&json!(
            "arn:aws:chime:us-east-1:123456789012:app-instance/a1b2/channel/c3d4"
        )));
        assert!(!v.is_valid(&json!("not-an-arn")));
        // The implicit anchor: a valid ARN inside a longer string does not match.
        assert!(!v.is_valid(&json!(
            "x arn:aws:chime:us-east-1:123456789012:app-instance/a"
        )));
        // `.` stops at line terminators, as in Java.
        assert!(!v.is_valid(&json!(
            "arn:aws:chime:us-east-1:123456789012:app-instance/a\nb"
        )));
        assert!(!v.is_valid(&json!("arn:aws:chime:us-east-1:123456789012:/a")));
        assert!(!v.is_valid(&json!("arn:AWS:chime:us-east-1:1:x")));
    }

    #[test]
    fn lambda_and_lex_arns() {
        let lambda = compiled(
            r"arn:aws:lambda:[a-z]{2}-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9\-_\.]+(:(\$LATEST|[a-zA-Z0-9\-_]+))?",
        );
        assert!(lambda.is_valid(&json!(
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn"
        )));
        assert!(lambda.is_valid(&json!(
            "arn:aws:lambda:us-east-1:123456789012:function:my_fn.v2:$LATEST"
        )));
        assert!(lambda.is_valid(&json!(
            "arn:aws:lambda:eu-west-2:123456789012:function:fn:prod-1"
        )));
        assert!(!lambda.is_valid(&json!("arn:aws:lambda:us-east-1:12345:function:my-fn")));
        assert!(!lambda.is_valid(&json!(
            "arn:aws:lambda:us-east-1:123456789012:function:fn:$OTHER"
        )));
        let lex = compiled(
            r"arn:aws:lex:[a-z]{2}-[a-z]+-\d{1}:\d{12}:bot-alias/[A-Z0-9]{10}/[A-Z0-9]{10}",
        );
        assert!(lex.is_valid(&json!(
            "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDE12345/ZYXWV98765"
        )));
        assert!(!lex.is_valid(&json!(
            "arn:aws:lex:us-east-1:123456789012:bot-alias/abcde12345/ZYXWV98765"
        )));
    }

    #[test]
    fn channel_ids_and_identity_escapes() {
        let java = r"[A-Za-z0-9]([A-Za-z0-9\:\-\_\.\@]{0,62}[A-Za-z0-9])?";
        assert_eq!(
            translate(java).unwrap(),
            r"^(?:[A-Za-z0-9]([A-Za-z0-9:\-_.@]{0,62}[A-Za-z0-9])?)$"
        );
        let v = compiled(java);
        assert!(v.is_valid(&json!("a")));
        assert!(v.is_valid(&json!("channel-1_a.b@c:d")));
        assert!(!v.is_valid(&json!("-leading")));
        assert!(!v.is_valid(&json!("trailing-")));
        assert!(!v.is_valid(&json!("has space")));
        assert!(!v.is_valid(&json!(format!("a{}b", "x".repeat(63)))));
    }

    #[test]
    fn whitespace_classes_follow_java_outside_a_class() {
        let non_blank = compiled(r".*\S.*");
        assert!(non_blank.is_valid(&json!("  x  ")));
        assert!(!non_blank.is_valid(&json!("   ")));
        assert!(!non_blank.is_valid(&json!("\t\n")));
        // U+00A0 is not whitespace to Java.
        assert!(non_blank.is_valid(&json!("\u{A0}")));
        let anything = compiled(r"[\s\S]*");
        assert!(anything.is_valid(&json!("line\nbreaks\r\n\u{A0}\u{1F600}")));
    }

    #[test]
    fn explicit_anchors_are_not_doubled() {
        assert_eq!(translate("^([A-Za-z]_?)+$").unwrap(), "^(?:([A-Za-z]_?)+)$");
        let v = compiled("^([A-Za-z]_?)+$");
        assert!(v.is_valid(&json!("Ab_c")));
        assert!(!v.is_valid(&json!("a__b")));
        assert_eq!(translate(r"a\$").unwrap(), r"^(?:a\$)$");
    }

    #[test]
    fn punctuation_outside_a_class() {
        let v = compiled(r"a/b\-c\_d\{e");
        assert!(v.is_valid(&json!("a/b-c_d{e")));
        assert!(!v.is_valid(&json!("a/b-c_d{ex")));
        let v = compiled("[~&]+x");
        assert!(v.is_valid(&json!("~~&&x")));
    }

    #[test]
    fn vacuous_patterns_are_recognised() {
        assert!(accepts_everything(r"[\s\S]*"));
        assert!(accepts_everything(r"^[\s\S]*$"));
        assert!(!accepts_everything(".*"));
        assert!(!accepts_everything(r"[\s\S]+"));
    }

    #[test]
    fn hyphens_in_classes() {
        assert_eq!(
            translate("[-_a-zA-Z0-9]*").unwrap(),
            r"^(?:[\-_a-zA-Z0-9]*)$"
        );
        assert_eq!(translate(r"[a-z0-9-\.]").unwrap(), r"^(?:[a-z0-9\-.])$");
        assert_eq!(translate("[a-]").unwrap(), r"^(?:[a\-])$");
        let v = compiled("[-_a-zA-Z0-9]*");
        assert!(v.is_valid(&json!("a-b_C9")));
        assert!(!v.is_valid(&json!("a.b")));
    }

    #[test]
    fn unsupported_constructs_are_named() {
        let e = translate(r"(a)\1").unwrap_err();
        assert!(e.reason.contains("back references"), "{e}");
        let e = translate("[a[b]]").unwrap_err();
        assert!(e.reason.contains("nested"), "{e}");
        let e = translate("[a-z&&[^b]]").unwrap_err();
        assert!(e.reason.contains("intersection"), "{e}");
        assert!(translate("[abc").is_err());
        assert!(translate("abc\\").is_err());
        assert!(translate(r"\u12").is_err());
    }

    #[test]
    fn quoting_and_control_escapes() {
        assert_eq!(translate(r"\Qa.b\E").unwrap(), r"^(?:a\.b)$");
        assert_eq!(translate(r"\a\x41").unwrap(), r"^(?:\u{0007}\u{0041})$");
    }
}
