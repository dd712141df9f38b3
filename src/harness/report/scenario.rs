//! What one scenario did, as the collector saw it: its steps and their statuses, whether it
//! passed, the behaviours it checks, its first failure; and a scenario left out for a
//! capability the target lacks.

use crate::harness::world::Evidence;
use std::time::SystemTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Passed,
    Failed,
    /// No step definition matched (or an earlier step failed).
    Skipped,
}

#[derive(Debug, Clone)]
pub struct StepResult {
    pub keyword: String,
    pub text: String,
    pub line: usize,
    pub status: StepStatus,
    pub error: Option<String>,
    pub seconds: f64,
}

#[derive(Debug, Clone)]
pub struct ScenarioResult {
    pub feature: String,
    pub feature_file: String,
    pub name: String,
    pub line: usize,
    /// Feature, rule and scenario tags, without `@`.
    pub tags: Vec<String>,
    pub steps: Vec<StepResult>,
    pub hook_error: Option<String>,
    pub finished: bool,
    /// When the scenario started; set by the collector.
    pub(crate) started: Option<SystemTime>,
    pub seconds: f64,
}

impl ScenarioResult {
    pub fn failed(&self) -> bool {
        self.hook_error.is_some() || self.steps.iter().any(|s| s.status == StepStatus::Failed)
    }

    /// A step that matched no definition (not one skipped after a failure).
    pub fn undefined(&self) -> bool {
        !self.failed() && self.steps.iter().any(|s| s.status == StepStatus::Skipped)
    }

    pub fn passed(&self) -> bool {
        !self.failed() && !self.undefined()
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
        if let Some(s) = self.steps.iter().find(|s| s.status == StepStatus::Failed) {
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
    pub name: String,
    pub tags: Vec<String>,
    pub missing: Vec<String>,
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
