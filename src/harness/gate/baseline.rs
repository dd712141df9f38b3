//! The baseline file: a target's known deviations, checked in beside its CI configuration.
//!
//! TOML, because it is the format people edit by hand with the fewest surprises: comments are
//! allowed (a reviewer can say why), nothing hangs on indentation, strings are always quoted
//! (no YAML `no` turning into `false`), dates are a native type (`expires = 2026-03-31`), and
//! each `[[deviation]]` is a block of its own, so adding or removing one is a small diff.

use crate::harness::report::ScenarioId;
use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::Path;

/// The version of the format this harness reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The reason a written baseline leaves for a person to fill in.
pub const REASON_TO_FILL_IN: &str = "";

/// What a deviation names: one scenario, or every scenario citing a catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Scenario(ScenarioId),
    /// A catalogue entry id (`B-MSG-08`).
    Behaviour(String),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Scenario(id) => write!(f, "{id}"),
            Subject::Behaviour(b) => write!(f, "every scenario of {b}"),
        }
    }
}

/// One known deviation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    pub subject: Subject,
    /// Why the deviation is known (an issue, a decision); empty until a person says.
    pub reason: String,
    /// The last day the entry holds; after it the run fails until someone renews or removes it.
    pub expires: Option<NaiveDate>,
}

impl Deviation {
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires.is_some_and(|last| today > last)
    }
}

/// A parsed baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub deviations: Vec<Deviation>,
}

/// Why a baseline could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a baseline: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: deviation {index} ({near}): {message}")]
    Entry {
        path: String,
        index: usize,
        near: String,
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: u32,
    #[serde(default, rename = "deviation")]
    deviations: Vec<RawDeviation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeviation {
    feature: Option<String>,
    scenario: Option<String>,
    example: Option<String>,
    behaviour: Option<String>,
    reason: Option<String>,
    expires: Option<toml::value::Datetime>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Baseline::parse(&text, &path.display().to_string())
    }

    /// Parses a baseline's text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Baseline, BaselineError> {
        let syntax = |message: String| BaselineError::Syntax {
            path: path.to_owned(),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| syntax(e.to_string()))?;
        if raw.version != FORMAT_VERSION {
            return Err(syntax(format!(
                "version {} (this harness reads version {FORMAT_VERSION})",
                raw.version
            )));
        }
        let mut deviations: Vec<Deviation> = Vec::new();
        for (i, r) in raw.deviations.into_iter().enumerate() {
            let near = r
                .scenario
                .clone()
                .or_else(|| r.behaviour.clone())
                .unwrap_or_else(|| "no scenario, no behaviour".into());
            let entry = |message: String| BaselineError::Entry {
                path: path.to_owned(),
                index: i + 1,
                near: near.clone(),
                message,
            };
            let d = deviation(r).map_err(entry)?;
            if let Some(first) = deviations.iter().position(|o| o.subject == d.subject) {
                return Err(entry(format!(
                    "names the same {} as deviation {}",
                    d.subject,
                    first + 1
                )));
            }
            deviations.push(d);
        }
        Ok(Baseline { deviations })
    }

    /// The deviations without a reason yet.
    pub fn without_reason(&self) -> usize {
        self.deviations
            .iter()
            .filter(|d| d.reason.trim().is_empty())
            .count()
    }
}

fn deviation(r: RawDeviation) -> Result<Deviation, String> {
    let subject = match (r.feature, r.scenario, r.example, r.behaviour) {
        (Some(feature), Some(scenario), example, None) => {
            if !feature.ends_with(".feature") || feature.contains('/') {
                return Err(format!(
                    "feature \"{feature}\": the feature file's name, e.g. \"messages.feature\""
                ));
            }
            Subject::Scenario(ScenarioId::new(feature, scenario).with_example(example))
        }
        (None, None, None, Some(b)) => {
            if !b.starts_with("B-") || b.contains(char::is_whitespace) {
                return Err(format!(
                    "behaviour \"{b}\": a catalogue entry id, e.g. \"B-MSG-08\""
                ));
            }
            Subject::Behaviour(b)
        }
        (_, _, _, Some(_)) => {
            return Err("names both a behaviour and a scenario; give one or the other".into());
        }
        (None, Some(_), _, None) => return Err("a scenario needs its feature file".into()),
        (Some(_), None, _, None) => return Err("a feature needs its scenario".into()),
        (None, None, Some(_), None) => return Err("an example needs its scenario".into()),
        (None, None, None, None) => {
            return Err("names nothing: give feature and scenario, or behaviour".into());
        }
    };
    let reason = r
        .reason
        .ok_or_else(|| "has no reason (write reason = \"...\")".to_string())?;
    let expires = r.expires.map(date).transpose()?;
    Ok(Deviation {
        subject,
        reason,
        expires,
    })
}

/// A TOML local date (`2026-03-31`), nothing more precise.
fn date(d: toml::value::Datetime) -> Result<NaiveDate, String> {
    match (d.date, d.time, d.offset) {
        (Some(date), None, None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| format!("expires = {d}: no such day")),
        _ => Err(format!(
            "expires = {d}: a date, e.g. 2026-03-31, with no time"
        )),
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Writes a baseline's text: a header saying how it was made, then one block per deviation,
/// sorted, so that two baselines written from similar runs differ only where the runs did.
pub fn render(baseline: &Baseline, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(
        out,
        "# Each deviation names a scenario (feature, scenario, and an outline's example row) or\n\
         # a catalogue entry (behaviour), says why it is known, and may expire (a date, the last\n\
         # day it holds). See docs/gating.md.\n\nversion = {FORMAT_VERSION}"
    );
    let mut deviations = baseline.deviations.clone();
    deviations.sort_by(|a, b| a.subject.cmp(&b.subject));
    for d in &deviations {
        out.push_str("\n[[deviation]]\n");
        match &d.subject {
            Subject::Scenario(id) => {
                let _ = writeln!(out, "feature = {}", quoted(&id.feature));
                let _ = writeln!(out, "scenario = {}", quoted(&id.scenario));
                if let Some(example) = &id.example {
                    let _ = writeln!(out, "example = {}", quoted(example));
                }
            }
            Subject::Behaviour(b) => {
                let _ = writeln!(out, "behaviour = {}", quoted(b));
            }
        }
        if d.reason.trim().is_empty() {
            let _ = writeln!(out, "reason = \"\"  # TODO: why is this deviation known?");
        } else {
            let _ = writeln!(out, "reason = {}", quoted(&d.reason));
        }
        match d.expires {
            Some(day) => {
                let _ = writeln!(out, "expires = {}", day.format("%Y-%m-%d"));
            }
            None => out.push_str("# expires = YYYY-MM-DD\n"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
# a comment a reviewer wrote
version = 1

[[deviation]]
feature = "listing.feature"
scenario = "Newest first"
reason = "we list oldest first, issue 12"
expires = 2026-03-31

[[deviation]]
feature = "channels.feature"
scenario = "CreateChannel rejects a long name"
example = "a long name | 257"
reason = ""

[[deviation]]
behaviour = "B-WS-13"
reason = "no ordering yet"
"#;

    #[test]
    fn a_baseline_reads_scenarios_outline_rows_and_behaviours() {
        let b = Baseline::parse(SAMPLE, "b.toml").unwrap();
        assert_eq!(b.deviations.len(), 3);
        assert_eq!(
            b.deviations[0].subject,
            Subject::Scenario(ScenarioId::new("listing.feature", "Newest first"))
        );
        assert_eq!(
            b.deviations[0].expires,
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
        assert_eq!(
            b.deviations[1].subject,
            Subject::Scenario(
                ScenarioId::new("channels.feature", "CreateChannel rejects a long name")
                    .with_example(Some("a long name | 257".into()))
            )
        );
        assert_eq!(
            b.deviations[2].subject,
            Subject::Behaviour("B-WS-13".into())
        );
        assert_eq!(b.without_reason(), 1);
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert!(!b.deviations[0].expired(day(31)));
        assert!(b.deviations[0].expired(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()));
        assert!(!b.deviations[2].expired(day(1)));
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let b = Baseline::parse(SAMPLE, "b.toml").unwrap();
        let text = render(&b, "written for a test");
        assert!(text.starts_with("# written for a test\n"), "{text}");
        assert!(text.contains("reason = \"\"  # TODO"), "{text}");
        let back = Baseline::parse(&text, "again.toml").unwrap();
        let mut sorted = b.deviations.clone();
        sorted.sort_by(|a, b| a.subject.cmp(&b.subject));
        assert_eq!(back.deviations, sorted);
        // Quotes and backslashes in names survive.
        let odd = Baseline {
            deviations: vec![Deviation {
                subject: Subject::Scenario(ScenarioId::new("a.feature", "say \"hi\" \\ bye")),
                reason: "it's \"fine\"".into(),
                expires: None,
            }],
        };
        assert_eq!(Baseline::parse(&render(&odd, ""), "x").unwrap(), odd);
    }

    #[test]
    fn mistakes_are_named_with_the_entry_they_are_in() {
        let err = |text: &str| Baseline::parse(text, "b.toml").unwrap_err().to_string();
        assert!(err("version = 2").contains("version 2 (this harness reads version 1)"));
        assert!(err("nonsense").starts_with("b.toml: not a baseline: "));
        let e = err("version = 1\n[[deviation]]\nscenario = \"x\"\nreason = \"r\"\n");
        assert_eq!(
            e,
            "b.toml: deviation 1 (x): a scenario needs its feature file"
        );
        let e = err("version = 1\n[[deviation]]\nbehaviour = \"B-X-1\"\n");
        assert!(e.contains("has no reason"), "{e}");
        let e = err(
            "version = 1\n[[deviation]]\nbehaviour = \"B-X-1\"\nreason = \"\"\nexpires = 2026-02-30\n",
        );
        assert!(e.contains("line 5") && e.contains("invalid date"), "{e}");
        let e = err(
            "version = 1\n[[deviation]]\nbehaviour = \"B-X-1\"\nreason = \"\"\nexpires = 2026-02-03T10:00:00Z\n",
        );
        assert!(e.contains("a date, e.g. 2026-03-31"), "{e}");
        let e = err(
            "version = 1\n[[deviation]]\nbehaviour = \"B-X-1\"\nreason = \"\"\nowner = \"me\"\n",
        );
        assert!(e.contains("unknown field `owner`"), "{e}");
        let twice = "version = 1\n[[deviation]]\nbehaviour = \"B-X-1\"\nreason = \"\"\n[[deviation]]\nbehaviour = \"B-X-1\"\nreason = \"\"\n";
        assert!(
            err(twice).contains(
                "deviation 2 (B-X-1): names the same every scenario of B-X-1 as deviation 1"
            ),
            "{}",
            err(twice)
        );
        let e = err(
            "version = 1\n[[deviation]]\nfeature = \"features/a.feature\"\nscenario = \"x\"\nreason = \"\"\n",
        );
        assert!(e.contains("the feature file's name"), "{e}");
    }
}
