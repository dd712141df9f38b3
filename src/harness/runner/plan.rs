//! The scenarios of a features directory before the run: each one's stable id, tags and
//! steps, read the way cucumber reads them (outlines expanded into their rows). Shards are cut
//! from this list, and baselines told which scenarios the suite has.

use crate::harness::report::ScenarioId;
use cucumber::Parser as _;
use cucumber::gherkin;
use cucumber::parser;
use std::path::Path;

/// One scenario of the suite.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub id: ScenarioId,
    /// The line of its keyword (an outline row's: the row's line).
    pub line: usize,
    /// Feature, rule and scenario tags, without `@`.
    pub tags: Vec<String>,
    /// Its steps, the backgrounds' included: what it costs when no durations are known.
    pub steps: usize,
}

impl Planned {
    pub fn behaviours(&self) -> Vec<String> {
        self.tags
            .iter()
            .filter(|t| t.starts_with("B-"))
            .cloned()
            .collect()
    }
}

/// Every scenario of the `.feature` files under `dir`, sorted by id. A file that does not
/// parse is left out here; the run itself reports it.
pub fn plan(dir: &Path) -> Vec<Planned> {
    plan_of(&parse(dir))
}

/// The `.feature` files under `dir` parsed as cucumber's own parser reads them (files by path,
/// outlines expanded), once: the run plans from them and then runs them.
pub fn parse(dir: &Path) -> Vec<parser::Result<gherkin::Feature>> {
    let parsed = parser::Basic::new().parse(dir, parser::basic::Cli::default());
    futures::executor::block_on_stream(parsed).collect()
}

/// Every scenario of the features that parsed, sorted by id.
pub fn plan_of(features: &[parser::Result<gherkin::Feature>]) -> Vec<Planned> {
    let mut out: Vec<Planned> = features.iter().flatten().flat_map(scenarios_of).collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The scenarios of one parsed (and expanded) feature.
pub fn scenarios_of(feature: &gherkin::Feature) -> Vec<Planned> {
    let file = super::selection::feature_file(feature);
    let background = feature.background.as_ref().map_or(0, |b| b.steps.len());
    let mut out = Vec::new();
    let mut add = |rule: Option<&gherkin::Rule>, scenario: &gherkin::Scenario| {
        let rule_background = rule
            .and_then(|r| r.background.as_ref())
            .map_or(0, |b| b.steps.len());
        out.push(Planned {
            id: ScenarioId::of(&file, scenario),
            line: scenario.position.line,
            tags: super::selection::scenario_tags(feature, rule, scenario)
                .cloned()
                .collect(),
            steps: background + rule_background + scenario.steps.len(),
        });
    };
    for s in &feature.scenarios {
        add(None, s);
    }
    for r in &feature.rules {
        for s in &r.scenarios {
            add(Some(r), s);
        }
    }
    out
}

/// The `.feature` files under `dir`, subdirectories included, sorted. The walk follows each
/// entry's own type, so a symlink to a parent directory cannot loop it.
pub(super) fn feature_paths(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "feature") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_counts_background_steps_and_expands_outlines() {
        let dir =
            std::env::temp_dir().join(format!("chime-plan-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(
            dir.join("a.feature"),
            "@B-X-1\nFeature: A\n  Background:\n    Given one\n  @op:CreateChannel\n  Scenario: s\n    Given two\n    Then three\n  Scenario Outline: o <n>\n    Given <n>\n    Examples:\n      | n |\n      | 1 |\n      | 2 |\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("sub/b.feature"),
            "Feature: B\n  Scenario: t\n    Given x\n",
        )
        .unwrap();
        std::fs::write(dir.join("broken.feature"), "no feature here").unwrap();
        let plan = plan(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let shown: Vec<(String, usize)> =
            plan.iter().map(|p| (p.id.to_string(), p.steps)).collect();
        assert_eq!(
            shown,
            [
                ("a.feature: o 1 [example: 1]".to_string(), 2),
                ("a.feature: o 2 [example: 2]".to_string(), 2),
                ("a.feature: s".to_string(), 3),
                ("b.feature: t".to_string(), 1),
            ]
        );
        assert_eq!(plan[2].tags, ["B-X-1", "op:CreateChannel"]);
        assert_eq!(plan[2].behaviours(), ["B-X-1"]);
    }
}
