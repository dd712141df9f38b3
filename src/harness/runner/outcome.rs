//! What a finished run found: its scenarios, skips, warnings and counts, its retries, the
//! verdict on the target, and the summary printed at the end.

use super::endpoint::TargetKind;
use super::plan::Planned;
use crate::harness::context::Warning;
use crate::harness::coverage::CoverageReport;
use crate::harness::gate::shard::Shard;
use crate::harness::report::{RetryTally, ScenarioResult, SkippedScenario};
use crate::harness::snapshot::SnapshotReport;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

/// The target a run judged.
#[derive(Debug, Clone)]
pub struct TargetInfo {
    pub url: String,
    pub identity_url: Option<String>,
    pub kind: TargetKind,
}

/// What a run says about its target, as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// A scenario failed or had an undefined step.
    Failed,
    /// Nothing failed, but some step got no judgeable answer: the target was unavailable.
    Inconclusive,
    /// The features did not parse, or no scenario was selected.
    NothingJudged,
    /// The run was stopped before its end.
    Interrupted,
}

/// The judged outcome of a run.
#[derive(Debug)]
pub struct RunOutcome {
    pub target: TargetInfo,
    pub started_at: SystemTime,
    /// The shard of the suite the run ran, if it ran one.
    pub shard: Option<Shard>,
    /// Every scenario of the features read, selected or not.
    pub suite: Vec<Planned>,
    /// The scenarios that started.
    pub scenarios: Vec<ScenarioResult>,
    /// Scenarios the run's interruption kept from starting.
    pub not_started: usize,
    /// Why the run was stopped (`SIGINT`), if it was.
    pub interrupted: Option<String>,
    /// What retries and pacing came to.
    pub retries: RetryTally,
    /// The rates calls were paced to.
    pub rates: crate::wire::Rates,
    pub skipped: Vec<SkippedScenario>,
    pub warnings: Vec<Warning>,
    /// What the snapshot steps did, and the snapshots no step referenced.
    pub snapshots: SnapshotReport,
    pub parse_errors: Vec<String>,
    pub http_calls: usize,
    pub control_calls: usize,
    pub capabilities: BTreeSet<String>,
    /// Capabilities a probe found missing, and why (`messaging-session`).
    pub unavailable: BTreeMap<String, String>,
    pub elapsed: Duration,
    /// What the run exercised, measured against the models and the catalogue.
    pub coverage: CoverageReport,
}

impl RunOutcome {
    pub fn passed(&self) -> usize {
        self.scenarios.iter().filter(|s| s.passed()).count()
    }
    pub fn failed(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.failed()).collect()
    }
    pub fn undefined(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.undefined()).collect()
    }
    pub fn inconclusive(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.inconclusive()).collect()
    }
    pub fn stopped(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.interrupted()).collect()
    }
    pub fn steps(&self) -> usize {
        self.scenarios.iter().map(|s| s.steps.len()).sum()
    }

    /// Interrupted when the run was stopped; otherwise nothing was judged when the features
    /// did not parse or no scenario was selected (a filter that matches nothing judges
    /// nothing); failed when a scenario failed or had an undefined step; inconclusive when
    /// some scenario got no judgeable answer and none failed; passed when all passed.
    pub fn verdict(&self) -> Verdict {
        if self.interrupted.is_some() {
            Verdict::Interrupted
        } else if !self.parse_errors.is_empty()
            || (self.scenarios.is_empty() && self.skipped.is_empty())
        {
            Verdict::NothingJudged
        } else if self.scenarios.iter().any(|s| s.failed() || s.undefined()) {
            Verdict::Failed
        } else if self.scenarios.iter().any(ScenarioResult::inconclusive) {
            Verdict::Inconclusive
        } else {
            Verdict::Passed
        }
    }

    /// The readable summary printed at the end of a run.
    pub fn summary(&self) -> String {
        self.summary_with_known(&|_| None)
    }

    /// The summary, where `known` gives the baseline's reason for each failure it lists:
    /// those are shown in a line each, as known, and not counted as failed.
    pub fn summary_with_known(&self, known: &dyn Fn(&ScenarioResult) -> Option<String>) -> String {
        let mut out = String::new();
        let (listed, failed): (Vec<&ScenarioResult>, Vec<&ScenarioResult>) =
            self.failed().into_iter().partition(|s| known(s).is_some());
        let (listed_undefined, undefined): (Vec<&ScenarioResult>, Vec<&ScenarioResult>) = self
            .undefined()
            .into_iter()
            .partition(|s| known(s).is_some());
        for s in listed.iter().chain(&listed_undefined) {
            let reason = known(s).unwrap_or_default();
            let reason = if reason.trim().is_empty() {
                "no reason given yet".to_string()
            } else {
                reason
            };
            out.push_str(&format!(
                "\nKNOWN {} / {} (features/{}:{}): in the baseline: {reason}\n",
                s.feature, s.name, s.feature_file, s.line
            ));
        }
        for s in &failed {
            out.push_str(&format!(
                "\nFAILED {} / {} (features/{}:{})\n  broke {} [{}]\n  {}\n",
                s.feature,
                s.name,
                s.feature_file,
                s.line,
                s.behaviours().join(", "),
                if s.evidence() == "observed" {
                    "observed-only behaviour".to_string()
                } else {
                    format!("@{}", s.evidence())
                },
                s.failure().unwrap_or_default().replace('\n', "\n  ")
            ));
        }
        for s in &undefined {
            out.push_str(&format!(
                "\nUNDEFINED {} / {}: {}\n",
                s.feature,
                s.name,
                s.failure().unwrap_or_default()
            ));
        }
        let inconclusive = self.inconclusive();
        for s in &inconclusive {
            out.push_str(&format!(
                "\nINCONCLUSIVE {} / {} (features/{}:{}): no judgeable answer, neither a pass nor a failure\n  {}\n",
                s.feature,
                s.name,
                s.feature_file,
                s.line,
                s.failure().unwrap_or_default().replace('\n', "\n  ")
            ));
        }
        for e in &self.parse_errors {
            out.push_str(&format!("\nFEATURE ERROR {e}\n"));
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings (not failures unless --strict):\n");
            for w in &self.warnings {
                out.push_str(&format!(
                    "  - {}: {}\n",
                    w.scenario,
                    w.message.replace('\n', "\n    ")
                ));
            }
        }
        if !self.skipped.is_empty() {
            let mut missing: BTreeSet<&str> = BTreeSet::new();
            for s in &self.skipped {
                missing.extend(s.missing.iter().map(String::as_str));
            }
            out.push_str(&format!(
                "\nSkipped {} scenario(s): the target lacks the capabilities {}\n",
                self.skipped.len(),
                missing.iter().copied().collect::<Vec<_>>().join(", ")
            ));
            for (capability, why) in &self.unavailable {
                if missing.contains(capability.as_str()) {
                    out.push_str(&format!("  {capability}: {why}\n"));
                }
            }
            for s in &self.skipped {
                out.push_str(&format!(
                    "  - {} / {} (needs {})\n",
                    s.feature,
                    s.name,
                    s.missing.join(", ")
                ));
            }
        }
        if self.scenarios.is_empty() && self.skipped.is_empty() {
            out.push_str("\nNo scenario was selected: nothing was judged.\n");
        }
        let stopped = self.stopped();
        if let Some(why) = &self.interrupted {
            out.push_str(&format!(
                "\nINTERRUPTED ({why}): {} scenario(s) ran to their end, {} stopped at their next call and cleaned up, {} not started; the reports hold what ran\n",
                self.scenarios.len() - stopped.len(),
                stopped.len(),
                self.not_started,
            ));
        }
        let broken: BTreeSet<&str> = failed.iter().flat_map(|s| s.behaviours()).collect();
        let interruption = if self.interrupted.is_some() {
            format!(
                ", {} stopped, {} not started",
                stopped.len(),
                self.not_started
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n{} scenarios ({} passed, {} failed, {}{} inconclusive, {} undefined, {} skipped for a missing capability{interruption}), {} steps, {} warnings\n{} HTTP calls ({} control), {:.2}s\n",
            self.scenarios.len() + self.skipped.len() + self.not_started,
            self.passed(),
            failed.len(),
            match listed.len() + listed_undefined.len() {
                0 => String::new(),
                n => format!("{n} known, "),
            },
            inconclusive.len(),
            undefined.len(),
            self.skipped.len(),
            self.steps(),
            self.warnings.len(),
            self.http_calls + self.control_calls,
            self.control_calls,
            self.elapsed.as_secs_f64(),
        ));
        if !broken.is_empty() {
            out.push_str(&format!(
                "Behaviours broken: {}\n",
                broken.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        out.push_str(&self.retries.summary(&self.rates));
        out.push_str(&self.snapshots.summary());
        out
    }
}
