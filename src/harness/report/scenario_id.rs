//! The stable name of a scenario across runs, edits and shards: its feature file, its name
//! and, for a row of a Scenario Outline, the row's cells. Line numbers are left out on
//! purpose: adding a scenario above another must not rename it in a checked-in baseline.

use cucumber::gherkin::Scenario;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A scenario's stable id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ScenarioId {
    /// The feature file's name (`messages.feature`).
    pub feature: String,
    /// The scenario's name, an outline's placeholders filled in.
    pub scenario: String,
    /// The cells of an outline's example row, joined by ` | `; `None` for a plain scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

impl ScenarioId {
    pub fn new(feature: impl Into<String>, scenario: impl Into<String>) -> ScenarioId {
        ScenarioId {
            feature: feature.into(),
            scenario: scenario.into(),
            example: None,
        }
    }

    pub fn with_example(mut self, example: Option<String>) -> ScenarioId {
        self.example = example;
        self
    }

    /// The id of a parsed scenario of `feature_file`, after cucumber expanded its outline.
    pub fn of(feature_file: &str, scenario: &Scenario) -> ScenarioId {
        ScenarioId::new(feature_file, scenario.name.clone()).with_example(example_row(scenario))
    }
}

/// The example row an expanded outline scenario was made from. Cucumber expands each row into
/// a scenario holding one example whose table is the header and that row.
pub fn example_row(scenario: &Scenario) -> Option<String> {
    let [example] = scenario.examples.as_slice() else {
        return None;
    };
    let row = example.table.as_ref()?.rows.get(1)?;
    Some(row.join(" | "))
}

impl fmt::Display for ScenarioId {
    /// `messages.feature: A redacted message appears empty [example: STANDARD | 4]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.feature, self.scenario)?;
        if let Some(example) = &self.example {
            write!(f, " [example: {example}]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_shows_its_example_row_only_when_it_has_one() {
        let plain = ScenarioId::new("a.feature", "Plain");
        assert_eq!(plain.to_string(), "a.feature: Plain");
        let row = plain.clone().with_example(Some("x | 1".into()));
        assert_eq!(row.to_string(), "a.feature: Plain [example: x | 1]");
        assert_ne!(plain, row);
        let json = serde_json::to_value(&plain).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"feature": "a.feature", "scenario": "Plain"})
        );
    }

    #[test]
    fn outline_rows_are_told_apart_by_their_cells() {
        use cucumber::feature::Ext as _;
        let text = "Feature: F\n  Scenario Outline: takes <n>\n    Given <n>\n    Examples:\n      | n | m |\n      | 1 | a |\n      | 2 | b |\n  Scenario: plain\n    Given x\n";
        let feature = cucumber::gherkin::Feature::parse(text, Default::default())
            .unwrap()
            .expand_examples()
            .unwrap();
        let ids: Vec<String> = feature
            .scenarios
            .iter()
            .map(|s| ScenarioId::of("f.feature", s).to_string())
            .collect();
        assert_eq!(
            ids,
            [
                "f.feature: takes 1 [example: 1 | a]",
                "f.feature: takes 2 [example: 2 | b]",
                "f.feature: plain"
            ]
        );
    }
}
