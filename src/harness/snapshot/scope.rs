//! Which step of which scenario a snapshot belongs to: a scenario's feature file, name,
//! examples row and step positions, turned into a step's snapshot key.

use super::error::SnapshotError;
use super::key::SnapshotKey;
use cucumber::gherkin::{Feature, LineCol, Rule, Scenario};
use std::path::{Path, PathBuf};

/// Where a scenario's snapshots belong: its feature file, its name, its examples row, and the
/// positions of its steps (backgrounds first) so a step can tell its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotScope {
    pub feature: String,
    pub scenario: String,
    pub example: Option<usize>,
    steps: Vec<LineCol>,
}

impl SnapshotScope {
    /// The scope of a scenario about to run (outlines arrive expanded, one per examples row).
    pub fn of(feature: &Feature, rule: Option<&Rule>, scenario: &Scenario) -> SnapshotScope {
        let file = feature
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| feature.name.clone());
        // An expanded row sits `row + 1` lines below its examples keyword (the header between).
        let example = scenario.examples.first().map(|ex| {
            scenario
                .position
                .line
                .saturating_sub(ex.position.line)
                .saturating_sub(1)
        });
        let steps = feature
            .background
            .iter()
            .chain(rule.and_then(|r| r.background.as_ref()))
            .flat_map(|b| &b.steps)
            .chain(&scenario.steps)
            .map(|s| s.position)
            .collect();
        SnapshotScope {
            feature: file,
            scenario: scenario.name.clone(),
            example,
            steps,
        }
    }

    /// The key of the snapshot taken at the step at `position`: its 1-based index among the
    /// scenario's steps, or `name` when the step gives one.
    pub fn key(&self, position: LineCol, name: Option<&str>) -> Result<SnapshotKey, SnapshotError> {
        let key = match name {
            Some(name) => SnapshotKey::named(&self.feature, self.scenario.clone(), name),
            None => {
                let index = self
                    .steps
                    .iter()
                    .position(|p| *p == position)
                    .ok_or_else(|| SnapshotError::Corrupt {
                        path: PathBuf::from(&self.feature),
                        reason: format!(
                            "the step at line {} is not a step of \"{}\"",
                            position.line, self.scenario
                        ),
                    })?;
                SnapshotKey::new(&self.feature, self.scenario.clone(), index + 1)
            }
        };
        Ok(match self.example {
            Some(row) => key.with_example(row),
            None => key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cucumber::gherkin::GherkinEnv;

    const FEATURE: &str = "\
Feature: F
  Background:
    Given the users alice

  Scenario: Plain
    When alice calls X
    Then the response matches the snapshot

  Scenario Outline: Row <n>
    When alice calls X
    Then the response matches the snapshot

    Examples:
      | n |
      | 1 |
      | 2 |
";

    fn parsed() -> Feature {
        let mut f = Feature::parse(FEATURE, GherkinEnv::default()).unwrap();
        f.path = Some(PathBuf::from("/somewhere/things.feature"));
        f
    }

    #[test]
    fn a_step_is_keyed_by_its_index_counting_the_background() {
        let f = parsed();
        let scope = SnapshotScope::of(&f, None, &f.scenarios[0]);
        let step = &f.scenarios[0].steps[1];
        let key = scope.key(step.position, None).unwrap();
        assert_eq!(key.file_name(), "things__plain__step_03.snap");
        let named = scope.key(step.position, Some("after send")).unwrap();
        assert_eq!(named.file_name(), "things__plain__after_send.snap");
        assert!(scope.key(LineCol { line: 99, col: 1 }, None).is_err());
    }

    #[test]
    fn outline_rows_get_their_own_snapshots() {
        use cucumber::feature::Ext as _;
        let f = parsed().expand_examples().unwrap();
        let rows: Vec<String> = f
            .scenarios
            .iter()
            .skip(1)
            .map(|s| {
                let scope = SnapshotScope::of(&f, None, s);
                scope.key(s.steps[1].position, None).unwrap().file_name()
            })
            .collect();
        assert_eq!(
            rows,
            [
                "things__row_1__ex1__step_03.snap",
                "things__row_2__ex2__step_03.snap"
            ]
        );
    }
}
