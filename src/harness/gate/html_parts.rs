//! The pieces the HTML report is made of: escaping, the style sheet, verdict badges and
//! definition lists. No script and no link: the file shows the same offline, from a CI
//! artifact, as an e-mail attachment.

use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values: the JUnit report's escaping, which
/// HTML5 reads alike.
pub use crate::harness::report::escape_markup as esc;

/// A verdict as a coloured word (`pass`, `fail`, `known`, ...).
pub fn badge(verdict: &str) -> String {
    format!(
        "<span class=\"badge v-{}\">{}</span>",
        esc(verdict),
        esc(verdict)
    )
}

/// A two-column list of names and values.
pub fn definitions(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"meta\">");
    for (name, value) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(name), esc(value));
    }
    out.push_str("</dl>");
    out
}

/// A id usable in an `href="#…"` for any text.
pub fn anchor(text: &str) -> String {
    let mut out = String::from("s-");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// Pretty JSON, or nothing for null.
pub fn json_text(value: &serde_json::Value) -> String {
    if value.is_null() {
        String::new()
    } else {
        serde_json::to_string_pretty(value).unwrap_or_default()
    }
}

pub const STYLE: &str = r#"
:root { --pass: #1a7f37; --fail: #cf222e; --known: #9a6700; --inc: #8250df; --skip: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, section { padding: 12px 28px; }
header { background: #f6f8fa; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 4px 0 8px; }
h2 { font-size: 18px; margin: 18px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 6px 0; }
dl.meta dt { font-weight: bold; color: #57606a; }
dl.meta dd { margin: 0; }
.verdict { display: inline-block; font-size: 18px; font-weight: bold; padding: 2px 14px; border-radius: 6px; color: #fff; }
.badge { display: inline-block; min-width: 5.5em; text-align: center; font-weight: bold; font-size: 12px; padding: 1px 6px; border-radius: 10px; color: #fff; background: var(--skip); }
.v-pass { background: var(--pass); } .v-fail, .v-undefined { background: var(--fail); }
.v-known { background: var(--known); } .v-inconclusive, .v-nothing-judged { background: var(--inc); }
.v-skipped, .v-not-run, .v-stopped, .v-interrupted { background: var(--skip); }
.v-fixed { background: #0969da; } .v-expired, .v-not-in-suite { background: var(--fail); }
ul.tiles { list-style: none; display: flex; flex-wrap: wrap; gap: 10px; padding: 0; margin: 8px 0; }
ul.tiles li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
ul.tiles li b { display: block; font-size: 24px; }
ul.tiles li.t-pass b { color: var(--pass); } ul.tiles li.t-fail b { color: var(--fail); }
ul.tiles li.t-known b { color: var(--known); } ul.tiles li.t-inconclusive b { color: var(--inc); }
table#sections { width: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
tr.section th { background: #eaeef2; font-size: 14px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.failure { border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.failure.known { border-left-color: var(--known); }
.failure.inconclusive { border-left-color: var(--inc); }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font: 12px/1.4 "DejaVu Sans Mono", monospace; margin: 4px 0; }
summary { cursor: pointer; font-weight: bold; }
.muted { color: #57606a; }
.bar { display: inline-flex; width: 160px; height: 10px; border-radius: 5px; overflow: hidden; background: #eaeef2; vertical-align: middle; }
.bar span { display: block; height: 100%; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_anchors_are_plain() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(
            anchor("listing.feature: A <b> c"),
            "s-listing-feature-a-b-c"
        );
        assert_eq!(badge("fail"), "<span class=\"badge v-fail\">fail</span>");
        assert_eq!(json_text(&serde_json::Value::Null), "");
    }
}
