//! Which scenarios of the features a run starts: those its tag expression selects whose
//! `@needs:` capabilities the target offers. Selected scenarios the target cannot serve are
//! skipped with the reason, and every scenario shown is remembered, so the run can tell which
//! snapshots it could not judge.

use crate::harness::control::KNOWN_CAPABILITIES;
use crate::harness::report::{ScenarioId, ScenarioResult, SkippedScenario, example_row};
use crate::harness::session_probe;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::gherkin::{Feature, Rule, Scenario};
use cucumber::tag::Ext as _;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// The filter of one run, and what it saw.
#[derive(Debug)]
pub struct Selection {
    tags: Option<TagOperation>,
    capabilities: BTreeSet<String>,
    skipped: Mutex<Vec<SkippedScenario>>,
    /// Every scenario of the features, by (feature file, name).
    seen: Mutex<BTreeSet<(String, String)>>,
    /// The scenarios of this run's shard; `None`: no shard, all of them.
    only: Option<BTreeSet<ScenarioId>>,
}

/// Parses a cucumber tag expression, e.g. `@B-EXP-03 or (@op:CreateChannel and not @assumed)`;
/// the error names the flag it came from.
pub fn parse_tags(expr: Option<&str>) -> Result<Option<TagOperation>, String> {
    expr.map(|expr| expr.parse().map_err(|e| format!("--tags \"{expr}\": {e}")))
        .transpose()
}

impl Selection {
    pub fn new(tags: Option<TagOperation>, capabilities: BTreeSet<String>) -> Selection {
        Selection {
            tags,
            capabilities,
            skipped: Mutex::new(Vec::new()),
            seen: Mutex::new(BTreeSet::new()),
            only: None,
        }
    }

    /// Admits only these scenarios (a shard's), whatever the tags say.
    pub fn only(mut self, ids: Option<BTreeSet<ScenarioId>>) -> Selection {
        self.only = ids;
        self
    }

    /// Whether the tag expression selects a scenario with these tags.
    pub fn selects<'a>(&self, tags: impl Iterator<Item = &'a String> + Clone) -> bool {
        self.tags.as_ref().is_none_or(|expr| expr.eval(tags))
    }

    /// Whether the target offers every capability these tags need.
    pub fn serves<'a>(&self, tags: impl IntoIterator<Item = &'a String>) -> bool {
        needs(tags).iter().all(|n| self.capabilities.contains(n))
    }

    /// Whether the run starts this scenario; a selected one that needs a capability the
    /// target lacks is recorded as skipped.
    pub fn admits(&self, feature: &Feature, rule: Option<&Rule>, scenario: &Scenario) -> bool {
        let tags = || scenario_tags(feature, rule, scenario);
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((feature_file(feature), scenario.name.clone()));
        if !self.selects(tags()) {
            return false;
        }
        if let Some(only) = &self.only
            && !only.contains(&ScenarioId::of(&feature_file(feature), scenario))
        {
            return false;
        }
        let missing: Vec<String> = needs(tags())
            .into_iter()
            .filter(|n| !self.capabilities.contains(n))
            .collect();
        if missing.is_empty() {
            return true;
        }
        self.skipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(SkippedScenario {
                feature: feature.name.clone(),
                feature_file: feature_file(feature),
                name: scenario.name.clone(),
                example: example_row(scenario),
                tags: tags().cloned().collect(),
                missing,
            });
        false
    }

    /// The selected scenarios skipped for a missing capability, in the order they were met.
    pub fn take_skipped(&self) -> Vec<SkippedScenario> {
        std::mem::take(&mut *self.skipped.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The scenarios shown, by (feature file, name), that did not run and pass: they cannot
    /// tell whether their snapshots are stale.
    pub fn not_passed(&self, ran: &[ScenarioResult]) -> Vec<(String, String)> {
        let mut incomplete = self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for s in ran.iter().filter(|s| s.passed()) {
            incomplete.remove(&(s.feature_file.clone(), s.name.clone()));
        }
        // Outline rows share a name: one row that did not pass keeps the name incomplete.
        for s in ran.iter().filter(|s| !s.passed()) {
            incomplete.insert((s.feature_file.clone(), s.name.clone()));
        }
        incomplete.into_iter().collect()
    }
}

/// A scenario's tags with those of its feature and rule, feature first.
pub fn scenario_tags<'a>(
    feature: &'a Feature,
    rule: Option<&'a Rule>,
    scenario: &'a Scenario,
) -> impl Iterator<Item = &'a String> + Clone {
    feature
        .tags
        .iter()
        .chain(rule.into_iter().flat_map(|r| &r.tags))
        .chain(&scenario.tags)
}

/// The capabilities a scenario needs (`@needs:clock`), from feature, rule and scenario tags.
pub fn needs<'a>(tags: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    tags.into_iter()
        .filter_map(|t| t.strip_prefix("needs:"))
        .map(str::to_string)
        .collect()
}

/// The file name of a feature, as snapshot names and the reports use it.
pub fn feature_file(feature: &cucumber::gherkin::Feature) -> String {
    feature
        .path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| feature.name.clone())
}

/// Every capability the suite knows, for `--help` texts and the catalogue test: the control
/// protocol's and `messaging-session`.
pub fn known_capabilities() -> &'static [&'static str] {
    static ALL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = KNOWN_CAPABILITIES.to_vec();
        all.push(session_probe::CAPABILITY);
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_tags_name_capabilities() {
        let tags = vec![
            "doc".to_string(),
            "needs:clock".to_string(),
            "needs:flow-events".to_string(),
        ];
        assert_eq!(needs(&tags), ["clock", "flow-events"]);
    }
}
