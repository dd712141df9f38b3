//! The machine-readable summary of a run (`run --summary-json`): its target, model version,
//! options, and per scenario, catalogue entry and operation a verdict, counts and durations.
//! The field names are stable (docs/gating.md lists them); `compare`, `merge` and the HTML
//! report read nothing else, so a summary is all a shard needs to hand on.

use super::judge::{DeviationStatus, ScenarioVerdict};
use crate::harness::report::{Exchange, ScenarioId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the `format` field always says.
pub const SUMMARY_FORMAT: &str = "chime-conformance-summary";
/// The version of the fields below; a change that renames or removes one bumps it.
pub const SUMMARY_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub format: String,
    pub version: u32,
    /// The chime-conformance version that ran.
    pub tool_version: String,
    pub target: Target,
    pub model_version: String,
    /// When the run started, RFC 3339 in UTC (the earliest shard's after a merge).
    pub started_at: String,
    /// Wall-clock seconds (the longest shard's after a merge).
    pub duration_seconds: f64,
    /// The run's options, flag -> value.
    pub options: BTreeMap<String, String>,
    /// The shards this summary holds (`2/4`); empty for an unsharded run.
    pub shards: Vec<String>,
    /// `pass`, `fail`, `inconclusive`, `nothing-judged` or `interrupted`.
    pub verdict: String,
    pub counts: Counts,
    pub scenarios: Vec<ScenarioSummary>,
    pub entries: Vec<EntrySummary>,
    pub operations: Vec<OperationSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineSummary>,
    #[serde(default)]
    pub snapshots: Vec<SnapshotSummary>,
    #[serde(default)]
    pub parse_errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_url: Option<String>,
    /// `reference-server`, `endpoint` or `aws`.
    pub kind: String,
    pub capabilities: Vec<String>,
    /// Capabilities found missing, and why.
    #[serde(default)]
    pub unavailable: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub scenarios: usize,
    pub pass: usize,
    pub fail: usize,
    pub known: usize,
    pub undefined: usize,
    pub inconclusive: usize,
    pub skipped: usize,
    pub stopped: usize,
    /// Scenarios the run's interruption kept from starting.
    pub not_started: usize,
    pub steps: usize,
    pub http_calls: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioSummary {
    #[serde(flatten)]
    pub id: ScenarioId,
    /// The feature's title.
    pub feature_name: String,
    pub line: usize,
    pub verdict: ScenarioVerdict,
    pub evidence: String,
    pub behaviours: Vec<String>,
    /// The operations its `@op:` tags name.
    pub operations: Vec<String>,
    pub seconds: f64,
    pub steps: usize,
    /// Why it was skipped (the capabilities the target lacks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_reason: Option<String>,
    /// The baseline's reason, for a known failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

/// Where and why a scenario failed (or got no judgeable answer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// `Then the call succeeds`.
    pub step: String,
    pub line: usize,
    /// The step's error: the rule it checked and what the target did instead.
    pub message: String,
    /// The last call before the failure, credentials and signatures removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Exchange>,
}

/// A verdict over several scenarios: a catalogue entry's or an operation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupVerdict {
    Pass,
    Fail,
    Known,
    Inconclusive,
    Skipped,
    /// No scenario of it ran (filtered out, another shard, or none cites it).
    NotRun,
}

impl GroupVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupVerdict::Pass => "pass",
            GroupVerdict::Fail => "fail",
            GroupVerdict::Known => "known",
            GroupVerdict::Inconclusive => "inconclusive",
            GroupVerdict::Skipped => "skipped",
            GroupVerdict::NotRun => "not-run",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntrySummary {
    /// `B-MSG-08`.
    pub id: String,
    /// `B-MSG`.
    pub section: String,
    pub section_title: String,
    pub evidence: String,
    pub verdict: GroupVerdict,
    /// The scenarios citing it that ran or were skipped.
    pub scenarios: usize,
    pub seconds: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationSummary {
    /// `messaging:CreateChannel`.
    pub operation: String,
    /// Over the scenarios whose `@op:` tags name it.
    pub verdict: GroupVerdict,
    pub scenarios: usize,
    pub seconds: f64,
    pub calls: usize,
    pub successes: usize,
    /// Modelled errors provoked: shape -> times.
    pub errors: BTreeMap<String, usize>,
    /// Errors the model does not list for it.
    pub unmodelled_errors: BTreeMap<String, usize>,
    /// Each top-level output member -> whether an answer carried it.
    pub members: BTreeMap<String, bool>,
}

impl OperationSummary {
    pub fn members_seen(&self) -> usize {
        self.members.values().filter(|seen| **seen).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BaselineSummary {
    pub path: String,
    pub strict: bool,
    pub deviations: Vec<DeviationSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviationSummary {
    /// What the deviation names, as the baseline says it.
    pub subject: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub status: DeviationStatus,
    pub expired: bool,
    pub scenarios: Vec<ScenarioId>,
}

/// Where a snapshot the run used came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotSummary {
    pub file: String,
    /// `reference-server`, `endpoint`, `aws`, or `unknown` for a file without provenance.
    pub recorded_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<String>,
    /// The last day it was found matching the real service (LocalStack's
    /// `last_validated_date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_validated_against_aws: Option<String>,
}

impl Summary {
    /// Reads a summary file, refusing other formats and versions by name.
    pub fn from_json(text: &str, path: &str) -> Result<Summary, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("{path}: not JSON: {e}"))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(SUMMARY_FORMAT) {
            return Err(format!(
                "{path}: not a chime-conformance summary (no \"format\": \"{SUMMARY_FORMAT}\"); write one with run --summary-json"
            ));
        }
        let version = value.get("version").and_then(|v| v.as_u64());
        if version != Some(u64::from(SUMMARY_VERSION)) {
            return Err(format!(
                "{path}: summary version {} (this chime-conformance reads version {SUMMARY_VERSION})",
                version.map_or("missing".to_string(), |v| v.to_string())
            ));
        }
        serde_json::from_value(value).map_err(|e| format!("{path}: {e}"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn scenario(&self, id: &ScenarioId) -> Option<&ScenarioSummary> {
        self.scenarios.iter().find(|s| &s.id == id)
    }
}
