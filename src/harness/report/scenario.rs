//! What one scenario did, as the collector saw it: its steps and their statuses, how it
//! ended, the behaviours it checks, its first failure and the calls it retried; and a scenario
//! left out for a capability the target lacks.

use super::exchange::Exchange;
use super::retries::RetryNote;
use super::scenario_id::ScenarioId;
use crate::harness::world::Evidence;
use std::time::SystemTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Passed,
    Failed,
    /// No step definition matched (or an earlier step failed).
    Skipped,
    /// The target gave no judgeable answer, even after retries (or the scenario's deadline
    /// passed): neither a pass nor a conformance failure.
    Inconclusive,
    /// The run was interrupted while the step ran.
    Interrupted,
}

/// How a scenario ended, as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Passed,
    /// A step or a hook failed: the target broke the contract.
    Failed,
    /// A step matched no definition.
    Undefined,
    /// A step got no judgeable answer: the target was unavailable.
    Inconclusive,
    /// The run was interrupted during the scenario.
    Interrupted,
}

#[derive(Debug, Clone)]
pub struct StepResult {
    pub keyword: String,
    pub text: String,
    pub line: usize,
    pub status: StepStatus,
    pub error: Option<String>,
    pub seconds: f64,
    /// When the step started, in epoch seconds (0 when unknown).
    pub started_at: f64,
    /// The scenario's last call when the step failed: what the step was judging.
    pub exchange: Option<Exchange>,
}

#[derive(Debug, Clone)]
pub struct ScenarioResult {
    pub feature: String,
    pub feature_file: String,
    pub name: String,
    /// The cells of the outline row this scenario was made from (see [`ScenarioId`]).
    pub example: Option<String>,
    pub line: usize,
    /// The column of the scenario's keyword (outline rows share a line).
    pub column: usize,
    /// Feature, rule and scenario tags, without `@`.
    pub tags: Vec<String>,
    pub steps: Vec<StepResult>,
    pub hook_error: Option<String>,
    pub finished: bool,
    /// When the scenario started; set by the collector.
    pub(crate) started: Option<SystemTime>,
    pub seconds: f64,
    /// The run was interrupted before the scenario started: it ran no step.
    pub not_started: bool,
    /// The calls the scenario retried, its clean-up's included.
    pub retried: Vec<RetryNote>,
}

impl ScenarioResult {
    /// The scenario's stable id, as baselines and shards name it.
    pub fn id(&self) -> ScenarioId {
        ScenarioId::new(&self.feature_file, &self.name).with_example(self.example.clone())
    }

    /// The step that ended the scenario: the first that failed, got no judgeable answer or
    /// was stopped.
    pub fn failed_step(&self) -> Option<&StepResult> {
        self.steps.iter().find(|s| {
            matches!(
                s.status,
                StepStatus::Failed | StepStatus::Inconclusive | StepStatus::Interrupted
            )
        })
    }

    /// How the scenario ended: a failure outweighs everything, then no judgeable answer, then
    /// an interruption, then a step nobody defined.
    pub fn ending(&self) -> Ending {
        let any = |status: StepStatus| self.steps.iter().any(|s| s.status == status);
        if self.hook_error.is_some() || any(StepStatus::Failed) {
            Ending::Failed
        } else if any(StepStatus::Inconclusive) {
            Ending::Inconclusive
        } else if any(StepStatus::Interrupted) {
            Ending::Interrupted
        } else if any(StepStatus::Skipped) {
            Ending::Undefined
        } else {
            Ending::Passed
        }
    }

    pub fn failed(&self) -> bool {
        self.ending() == Ending::Failed
    }

    /// A step that matched no definition (not one skipped after a failure).
    pub fn undefined(&self) -> bool {
        self.ending() == Ending::Undefined
    }

    pub fn inconclusive(&self) -> bool {
        self.ending() == Ending::Inconclusive
    }

    pub fn interrupted(&self) -> bool {
        self.ending() == Ending::Interrupted
    }

    pub fn passed(&self) -> bool {
        self.ending() == Ending::Passed
    }

    /// The catalogue entries the scenario checks.
    pub fn behaviours(&self) -> Vec<&str> {
        let mut b: Vec<&str> = self
            .tags
            .iter()
            .filter(|t| t.starts_with("B-"))
            .map(String::as_str)
            .collect();
        b.dedup();
        b
    }

    pub fn evidence(&self) -> &str {
        self.tags
            .iter()
            .find(|t| Evidence::TAGS.contains(&t.as_str()))
            .map_or("untagged", String::as_str)
    }

    /// The first failure, as one paragraph.
    pub fn failure(&self) -> Option<String> {
        if let Some(h) = &self.hook_error {
            return Some(format!("hook failed: {h}"));
        }
        if let Some(s) = self.failed_step() {
            return Some(format!(
                "{} {} (line {}):\n{}",
                s.keyword.trim(),
                s.text,
                s.line,
                s.error.as_deref().unwrap_or("failed")
            ));
        }
        self.steps
            .iter()
            .find(|s| s.status == StepStatus::Skipped)
            .map(|s| {
                format!(
                    "no step definition matches \"{} {}\" (line {})",
                    s.keyword.trim(),
                    s.text,
                    s.line
                )
            })
    }
}

/// A scenario left out because the target lacks a capability it needs.
#[derive(Debug, Clone)]
pub struct SkippedScenario {
    pub feature: String,
    /// The feature file's name.
    pub feature_file: String,
    pub name: String,
    pub example: Option<String>,
    pub tags: Vec<String>,
    pub missing: Vec<String>,
}

impl SkippedScenario {
    pub fn id(&self) -> ScenarioId {
        ScenarioId::new(&self.feature_file, &self.name).with_example(self.example.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::report::fixtures::scenario;

    #[test]
    fn undefined_steps_are_neither_passed_nor_failed() {
        let s = scenario(StepStatus::Skipped);
        assert!(s.undefined() && !s.failed() && !s.passed());
        assert!(
            s.failure()
                .unwrap_or_default()
                .contains("no step definition")
        );
    }
}
