//! Where a snapshot came from: which kind of target recorded it (the reference server, an
//! endpoint, the real service), with which model version and on which day, and the last day it
//! was found matching the real service (LocalStack's `last_validated_date`).
//!
//! It is kept in the `.snap` header's `info` map, which insta's format leaves to its users, so
//! files without it (recorded before) still verify, and insta's tools still read the files:
//!
//! ```text
//! ---
//! source: snapshots.feature
//! expression: "snapshots.feature: CreateChannel snapshots, success"
//! info:
//!   recorded_by: reference-server
//!   model_version: "chime-sdk-messaging 2021-05-15, … (botocore 1.44.8)"
//!   recorded_at: 2025-12-01
//! ---
//! ```

use serde_json::Value;
use std::fmt::Write as _;

/// `recorded_by` of the real service: snapshots it recorded or matched were validated there.
pub const AWS: &str = "aws";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// `reference-server`, `endpoint` or `aws`; `unknown` for a file without provenance.
    pub recorded_by: String,
    pub model_version: Option<String>,
    /// The day it was recorded (`YYYY-MM-DD`).
    pub recorded_at: Option<String>,
    /// The last day it was recorded or matched against the real service.
    pub last_validated_against_aws: Option<String>,
}

/// The keys, in the order they are written.
const KEYS: [&str; 4] = [
    "recorded_by",
    "model_version",
    "recorded_at",
    "last_validated_against_aws",
];

impl Provenance {
    /// What a recording by `recorded_by` today records.
    pub fn recorded(recorded_by: &str, model_version: &str, today: &str) -> Provenance {
        Provenance {
            recorded_by: recorded_by.to_owned(),
            model_version: Some(model_version.to_owned()),
            recorded_at: Some(today.to_owned()),
            last_validated_against_aws: (recorded_by == AWS).then(|| today.to_owned()),
        }
    }

    /// The provenance a file's header holds; `unknown` when it holds none.
    pub fn of_header(text: &str) -> Provenance {
        let mut p = Provenance {
            recorded_by: "unknown".to_owned(),
            ..Provenance::default()
        };
        let Some(header) = header(text) else {
            return p;
        };
        let mut in_info = false;
        for line in header.lines() {
            if line.trim_end() == "info:" {
                in_info = true;
                continue;
            }
            if !line.starts_with("  ") {
                in_info = false;
                continue;
            }
            let Some((key, value)) = line.trim().split_once(':').filter(|_| in_info) else {
                continue;
            };
            let value = unquote(value.trim());
            match key {
                "recorded_by" => p.recorded_by = value,
                "model_version" => p.model_version = Some(value),
                "recorded_at" => p.recorded_at = Some(value),
                "last_validated_against_aws" => p.last_validated_against_aws = Some(value),
                _ => {}
            }
        }
        p
    }

    /// The header's `info` block (without a trailing newline).
    pub fn to_header(&self) -> String {
        let values = [
            Some(&self.recorded_by),
            self.model_version.as_ref(),
            self.recorded_at.as_ref(),
            self.last_validated_against_aws.as_ref(),
        ];
        let mut out = String::from("info:");
        for (key, value) in KEYS.iter().zip(values) {
            if let Some(v) = value {
                let _ = write!(out, "\n  {key}: {}", quote(v));
            }
        }
        out
    }
}

/// The header between the opening and closing `---`, if the file has one.
fn header(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(&rest[..offset]);
        }
        offset += line.len();
    }
    None
}

/// Plain when unambiguous YAML, else a JSON string (a YAML double-quoted scalar).
fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric());
    if plain {
        s.to_owned()
    } else {
        Value::String(s.to_owned()).to_string()
    }
}

fn unquote(s: &str) -> String {
    if s.starts_with('"')
        && let Ok(Value::String(v)) = serde_json::from_str(s)
    {
        return v;
    }
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_is_written_in_the_header_and_read_back() {
        let p = Provenance::recorded("aws", "m 1, n 2 (botocore 1.44.8)", "2026-01-02");
        let header = p.to_header();
        assert_eq!(
            header,
            "info:\n  recorded_by: aws\n  model_version: \"m 1, n 2 (botocore 1.44.8)\"\n  recorded_at: 2026-01-02\n  last_validated_against_aws: 2026-01-02"
        );
        let file = format!("---\nsource: a.feature\n{header}\nexpression: x\n---\n{{}}\n");
        assert_eq!(Provenance::of_header(&file), p);
    }

    #[test]
    fn a_file_without_provenance_is_unknown() {
        let old = "---\nsource: a.feature\nexpression: x\n---\n{\"status\": 200}\n";
        assert_eq!(Provenance::of_header(old).recorded_by, "unknown");
        assert_eq!(Provenance::of_header("{}").recorded_by, "unknown");
        let p = Provenance::recorded("reference-server", "m", "2026-01-02");
        assert_eq!(p.last_validated_against_aws, None);
    }
}
