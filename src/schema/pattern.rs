//! The model's string patterns, carried over to JSON Schema `pattern`, which is an ECMA-262
//! expression searched anywhere in the value (the `jsonschema` crate translates ECMA-262 to the
//! Rust `regex` syntax before compiling).
//!
//! # Two readings of a pattern, and which one judges what
//!
//! A model pattern has two readings, and they disagree:
//!
//! - [`Reading::Java`]: a Java expression matched with `Matcher.matches()`, implicitly anchored
//!   at both ends, with Java's `.` (no line terminators) and `\s` (ASCII white space). The
//!   patterns are written in Java's dialect (`\u10000`, identity escapes such as `\:`), and
//!   this is how the API reference reads to a person: `Pattern: [-_a-zA-Z0-9]*` for a token
//!   means the whole token.
//! - [`Reading::Smithy`]: what the Smithy specification says `@pattern` is, an ECMA-262
//!   expression that "does not implicitly add a leading `^` or trailing `$`": it must match
//!   somewhere in the value, with ECMA's `.` and `\s` (Unicode white space). AWS's server SDKs
//!   (smithy-rs, smithy-typescript) search this way.
//!
//! They part on values with line breaks in `.*` members (`Metadata`, `NextToken` and others:
//! Java refuses `"a\nb"`, Smithy accepts it, as it accepts everything for `.*`), on text around
//! an ARN, and on Unicode spaces in `.*\S.*` names (U+00A0 alone is a name to Java, blank to
//! ECMA). Which one the real service applies can't be observed from here, so:
//!
//! - **Responses** (what a target answers, judged by the harness) are judged leniently
//!   ([`Side::Response`]): a value breaks a pattern only when *both* readings refuse it, so the
//!   suite never fails a service for a value one reasonable reading of its own model allows.
//!   A pattern that the Smithy reading satisfies with every value (`.*`, `[-_a-zA-Z0-9]*`)
//!   constrains nothing and is left out of the response schemas.
//! - **Requests** (what a client sends, and what the reference server accepts) are judged by
//!   the Java reading ([`Side::Request`]): a client that keeps to it is understood by either
//!   kind of service, and the reference server refuses what a Java service would refuse
//!   (`"has spaces in it"` as a ClientRequestToken, `-starts-with-dash` as a ChannelId).
//!
//! # The translation
//!
//! Each reading is rewritten into the subset ECMA-262 and Rust read alike:
//!
//! - Every code point escape is written `\u{XXXX}` (ECMA-262 Unicode mode and Rust read it alike);
//!   the model's `\u10000-\u10FFFF` (five or six hex digits naming a code point above the BMP,
//!   which Java itself would read as `\u1000` followed by `0`) becomes the astral range
//!   `\u{10000}-\u{10FFFF}` the model means.
//! - `.` becomes the reading's "anything but a line terminator" (Java also excludes U+0085,
//!   ECMA does not).
//! - `\s` and `\S` outside a class become the reading's white-space sets; inside a class they
//!   are kept (so `[\s\S]` still means "anything").
//! - Identity escapes of punctuation that is not syntax (`\:`, `\_`, `\@`) become the plain
//!   character, because ECMA-262 in Unicode mode rejects them; a literal `-` in a class is
//!   written `\-` so neither dialect can read it as a range.
//! - The Java reading is anchored as `^(?:...)$`; the Smithy reading keeps the pattern's own
//!   anchors and no others.
//! - Constructs without a common reading (back references, nested classes, class
//!   intersection, `\Q..\E` is expanded) are refused with an error naming them.

use std::fmt;

/// Java's `\s`: space, tab, newline, vertical tab, form feed, carriage return.
const JAVA_SPACE: &str = r"\t\n\u{000B}\f\r ";
/// Java's `.` without DOTALL: everything except the line terminators.
const JAVA_DOT: &str = r"[^\n\r\u{0085}\u{2028}\u{2029}]";
/// ECMA-262's `\s`: its WhiteSpace and LineTerminator code points.
const ECMA_SPACE: &str = r"\t\n\u{000B}\f\r \u{00A0}\u{1680}\u{2000}-\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}";
/// ECMA-262's `.` without the `s` flag: everything except its line terminators.
const ECMA_DOT: &str = r"[^\n\r\u{2028}\u{2029}]";

/// How a model pattern is read (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Java's `Matcher.matches()`: the whole value, Java's `.` and `\s`.
    Java,
    /// Smithy's `@pattern`: ECMA-262, searched anywhere unless the pattern anchors itself.
    Smithy,
}

/// Which side of the wire a schema judges, which decides how its patterns are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// What a client sends: the Java reading.
    Request,
    /// What a service answers: either reading suffices.
    Response,
}

/// A pattern that cannot be carried over faithfully.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern {pattern:?}: {reason} at offset {offset}")]
pub struct PatternError {
    pub pattern: String,
    pub offset: usize,
    pub reason: String,
}

/// The JSON Schema pattern judging one side of the wire, or `None` when the pattern accepts
/// every string on that side.
pub fn for_side(model: &str, side: Side) -> Result<Option<String>, PatternError> {
    match side {
        Side::Request if accepts_everything(model) => Ok(None),
        Side::Request => translate(model).map(Some),
        Side::Response => {
            let smithy = read(model, Reading::Smithy)?;
            if smithy.matches_anything() || accepts_everything(model) {
                return Ok(None);
            }
            // ECMA's `.` and `\s` take in all Java's do, and a whole-value match is also a match
            // somewhere, so the Smithy reading alone is the union unless it has ECMA's narrower
            // `\S`.
            if !smithy.narrower {
                return Ok(Some(smithy.text));
            }
            Ok(Some(format!("{}|(?:{})", translate(model)?, smithy.text)))
        }
    }
}

/// Translates a model pattern in the Java reading: an anchored JSON Schema pattern.
pub fn translate(java: &str) -> Result<String, PatternError> {
    translate_as(java, Reading::Java)
}

/// Translates a model pattern in the given reading.
pub fn translate_as(model: &str, reading: Reading) -> Result<String, PatternError> {
    read(model, reading).map(|t| t.text)
}

/// Whether a Java pattern matches every string, so that carrying it over would only cost time.
pub fn accepts_everything(java: &str) -> bool {
    matches!(
        strip_anchors(java),
        r"[\s\S]*" | r"[\S\s]*" | r"[\w\W]*" | r"[\W\w]*" | r"[\d\D]*" | r"[\D\d]*" | "(?s).*"
    )
}

/// A translated pattern, whether it asserts anything about positions (`^`, `$`, `\b`), and
/// whether it has a set narrower than Java's (ECMA's `\S` outside a class).
struct Translated {
    text: String,
    asserts: bool,
    narrower: bool,
}

impl Translated {
    /// An unanchored pattern that matches the empty string is found in every value. Without
    /// assertions a match of no characters is one at any position, so the shortest match the
    /// syntax allows tells it, and no automaton is built (the model's ARN pattern makes a large
    /// one).
    fn matches_anything(&self) -> bool {
        !self.asserts
            && regex_syntax::parse(&self.text)
                .is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
    }
}

fn read(model: &str, reading: Reading) -> Result<Translated, PatternError> {
    let body = match reading {
        Reading::Java => strip_anchors(model),
        Reading::Smithy => model,
    };
    let mut t = Translator {
        source: model,
        reading,
        chars: body.char_indices().collect(),
        pos: 0,
        out: String::with_capacity(body.len() + 8),
        asserts: false,
        narrower: false,
    };
    if reading == Reading::Java {
        t.out.push_str("^(?:");
        t.top()?;
        t.out.push_str(")$");
        t.asserts = true;
    } else {
        t.top()?;
    }
    Ok(Translated {
        text: t.out,
        asserts: t.asserts,
        narrower: t.narrower,
    })
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
    reading: Reading,
    chars: Vec<(usize, char)>,
    pos: usize,
    out: String,
    /// Whether an anchor or word boundary was written.
    asserts: bool,
    /// Whether ECMA's `\S` (narrower than Java's) was written outside a class.
    narrower: bool,
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

    fn dot(&self) -> &'static str {
        match self.reading {
            Reading::Java => JAVA_DOT,
            Reading::Smithy => ECMA_DOT,
        }
    }

    fn space(&self) -> &'static str {
        match self.reading {
            Reading::Java => JAVA_SPACE,
            Reading::Smithy => ECMA_SPACE,
        }
    }

    fn top(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.next() {
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '.' => self.out.push_str(self.dot()),
                '^' | '$' => {
                    self.asserts = true;
                    self.out.push(c);
                }
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
                self.out.push_str(self.space());
                self.out.push(']');
            }
            'S' => {
                self.narrower |= self.reading == Reading::Smithy;
                self.out.push_str("[^");
                self.out.push_str(self.space());
                self.out.push(']');
            }
            'b' | 'B' => {
                self.asserts = true;
                self.out.push('\\');
                self.out.push(c);
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
        super::super::options::options()
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

    /// The pattern one side of the wire is judged by, compiled as the validators compile it;
    /// `None` when that side leaves the value unconstrained.
    fn judged(model: &str, side: Side) -> Option<jsonschema::Validator> {
        let pattern = for_side(model, side).unwrap_or_else(|e| panic!("{e}"))?;
        let schema = json!({"type": "string", "pattern": pattern});
        Some(super::super::options::options().build(&schema).unwrap())
    }

    /// Responses: a value breaks a pattern only when both readings refuse it; requests: the
    /// Java reading. Each assertion names a value the two sides judge differently.
    #[test]
    fn responses_are_judged_leniently_and_requests_strictly() {
        // `.*`: a line break is refused in a request, and constrains nothing in a response.
        let strict = judged(".*", Side::Request).expect("a request pattern");
        assert!(!strict.is_valid(&json!("line\nbreak")));
        assert!(strict.is_valid(&json!("one line")));
        assert!(judged(".*", Side::Response).is_none());
        assert!(judged("[-_a-zA-Z0-9]*", Side::Response).is_none());
        let token = judged("[-_a-zA-Z0-9]*", Side::Request).unwrap();
        assert!(!token.is_valid(&json!("has spaces in it")));

        // A ChannelId: whole-value in requests, somewhere in responses.
        let id = r"[A-Za-z0-9]([A-Za-z0-9\:\-\_\.\@]{0,62}[A-Za-z0-9])?";
        let request = judged(id, Side::Request).unwrap();
        let response = judged(id, Side::Response).unwrap();
        assert!(!request.is_valid(&json!("-starts-with-dash")));
        assert!(response.is_valid(&json!("-starts-with-dash")));
        // Neither reading finds an alphanumeric in punctuation: a violation on both sides.
        assert!(!request.is_valid(&json!("--")));
        assert!(!response.is_valid(&json!("--")));

        // ARNs: the response side finds one anywhere, and still needs one.
        let arn = r"arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}";
        let response = judged(arn, Side::Response).unwrap();
        let framed = "x arn:aws:chime:us-east-1:123456789012:app-instance/a";
        assert!(response.is_valid(&json!(framed)));
        assert!(!judged(arn, Side::Request).unwrap().is_valid(&json!(framed)));
        assert!(!response.is_valid(&json!("not-an-arn")));

        // A non-blank name: U+00A0 alone is a name to Java, blank to ECMA; a response passes
        // when either reading accepts it, and fails when both refuse it.
        let name = judged(r".*\S.*", Side::Response).unwrap();
        assert!(name.is_valid(&json!("\u{A0}")));
        assert!(name.is_valid(&json!("two\nlines")));
        assert!(!name.is_valid(&json!(" \t\n")));
        let name = judged(r".*\S.*", Side::Request).unwrap();
        assert!(name.is_valid(&json!("\u{A0}")));
        assert!(!name.is_valid(&json!("two\nlines")));

        // A pattern that anchors itself is anchored in both readings.
        let anchored = judged("^([A-Za-z]_?)+$", Side::Response).unwrap();
        assert!(!anchored.is_valid(&json!("1 Ab")));
        assert!(anchored.is_valid(&json!("Ab_c")));
    }

    #[test]
    fn the_smithy_reading_searches_with_ecma_sets() {
        assert_eq!(
            translate_as("a.b", Reading::Smithy).unwrap(),
            r"a[^\n\r\u{2028}\u{2029}]b"
        );
        assert_eq!(translate_as("^a$", Reading::Smithy).unwrap(), "^a$");
        assert!(
            translate_as(r"\S", Reading::Smithy)
                .unwrap()
                .contains(r"\u{3000}")
        );
        assert_eq!(
            for_side("[abc]", Side::Response).unwrap().as_deref(),
            Some("[abc]")
        );
        // Only ECMA's narrower `\S` needs the Java reading beside it.
        let both = for_side(r".*\S.*", Side::Response).unwrap().unwrap();
        assert!(
            both.starts_with("^(?:") && both.contains(")$|(?:"),
            "{both}"
        );
        assert_eq!(
            for_side(r"\bx", Side::Response).unwrap().as_deref(),
            Some(r"\bx")
        );
        assert_eq!(for_side(r"[\s\S]*", Side::Request).unwrap(), None);
    }

    #[test]
    fn quoting_and_control_escapes() {
        assert_eq!(translate(r"\Qa.b\E").unwrap(), r"^(?:a\.b)$");
        assert_eq!(translate(r"\a\x41").unwrap(), r"^(?:\u{0007}\u{0041})$");
    }
}
