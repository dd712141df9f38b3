//! The order the scenarios start in: the costliest first. Cucumber starts scenarios in the
//! order its parser yields them (files by path, scenarios by line) as slots of the run's
//! concurrency free up, so a long scenario that sorts late starts late and the run waits for
//! it alone at the end. Started first, it runs beside the many short ones instead (longest
//! processing time first). Only the start order changes: every report sorts by file and line.
//!
//! A scenario's cost is an estimate of its calls, before anything ran: one a step, its
//! backgrounds' steps included, and N for a step that sends N messages (those are paced
//! against a real target). Cucumber keeps a feature's scenarios together, so the features are
//! ordered by their costliest scenario, and the scenarios and rules within each by theirs.

use cucumber::gherkin::{Feature, Rule, Scenario, Step};
use cucumber::parser::{self, Parser};
use futures::stream;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The features parsed before the run (`plan::parse`), yielded costliest first; the input
/// cucumber passes is the directory they were parsed from.
#[derive(Debug, Default)]
pub struct CostliestFirst(pub Vec<parser::Result<Feature>>);

impl<I: AsRef<Path>> Parser<I> for CostliestFirst {
    type Cli = cucumber::cli::Empty;
    type Output = stream::Iter<std::vec::IntoIter<parser::Result<Feature>>>;

    fn parse(self, _input: I, _cli: Self::Cli) -> Self::Output {
        stream::iter(costliest_first(self.0))
    }
}

/// The features (and what each holds) sorted by cost, the costliest first; a feature that did
/// not parse keeps its place before the others, so its error is reported at once.
pub fn costliest_first(features: Vec<parser::Result<Feature>>) -> Vec<parser::Result<Feature>> {
    let mut costed: Vec<(usize, parser::Result<Feature>)> = features
        .into_iter()
        .map(|f| match f {
            Ok(feature) => {
                let feature = sorted(feature);
                (feature_cost(&feature), Ok(feature))
            }
            Err(e) => (usize::MAX, Err(e)),
        })
        .collect();
    // Stable: features of equal cost keep cucumber's order.
    costed.sort_by_key(|(cost, _)| std::cmp::Reverse(*cost));
    costed.into_iter().map(|(_, f)| f).collect()
}

/// One feature with its scenarios, its rules and each rule's scenarios, costliest first.
fn sorted(mut feature: Feature) -> Feature {
    let background = steps_of(feature.background.as_ref().map(|b| &b.steps[..]));
    feature
        .scenarios
        .sort_by_key(|s| std::cmp::Reverse(scenario_cost(background, s)));
    for rule in &mut feature.rules {
        let background = background + steps_of(rule.background.as_ref().map(|b| &b.steps[..]));
        rule.scenarios
            .sort_by_key(|s| std::cmp::Reverse(scenario_cost(background, s)));
    }
    feature
        .rules
        .sort_by_key(|r| std::cmp::Reverse(rule_cost(background, r)));
    feature
}

/// The cost of a feature: that of its costliest scenario.
fn feature_cost(feature: &Feature) -> usize {
    let background = steps_of(feature.background.as_ref().map(|b| &b.steps[..]));
    let own = feature
        .scenarios
        .iter()
        .map(|s| scenario_cost(background, s));
    let ruled = feature.rules.iter().map(|r| rule_cost(background, r));
    own.chain(ruled).max().unwrap_or(0)
}

fn rule_cost(feature_background: usize, rule: &Rule) -> usize {
    let background = feature_background + steps_of(rule.background.as_ref().map(|b| &b.steps[..]));
    rule.scenarios
        .iter()
        .map(|s| scenario_cost(background, s))
        .max()
        .unwrap_or(0)
}

fn scenario_cost(background: usize, scenario: &Scenario) -> usize {
    background + steps_of(Some(&scenario.steps))
}

/// The calls a list of steps is estimated to make.
fn steps_of(steps: Option<&[Step]>) -> usize {
    steps.unwrap_or_default().iter().map(step_cost).sum()
}

/// One call a step, or N for a step that sends N messages.
fn step_cost(step: &Step) -> usize {
    static SENDS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bsent (\d+) messages\b").expect("the pattern is valid"));
    SENDS
        .captures(&step.value)
        .and_then(|c| c[1].parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cucumber::gherkin::GherkinEnv;

    fn feature(text: &str) -> Feature {
        Feature::parse(text, GherkinEnv::default()).expect("the test feature parses")
    }

    fn names(feature: &Feature) -> Vec<&str> {
        feature
            .scenarios
            .iter()
            .chain(feature.rules.iter().flat_map(|r| &r.scenarios))
            .map(|s| s.name.as_str())
            .collect()
    }

    #[test]
    fn the_costliest_feature_and_scenario_start_first() {
        let short = feature("Feature: short\n  Scenario: one\n    Given a\n");
        let long = feature(
            "Feature: long\n  Background:\n    Given b\n  Scenario: two steps\n    Given a\n    Then c\n  Scenario: many messages\n    Given alice sent 51 messages to \"general\"\n",
        );
        let ordered = costliest_first(vec![Ok(short), Ok(long)]);
        let ordered: Vec<&Feature> = ordered.iter().map(|f| f.as_ref().unwrap()).collect();
        assert_eq!(ordered[0].name, "long");
        assert_eq!(names(ordered[0]), ["many messages", "two steps"]);
        assert_eq!(feature_cost(ordered[0]), 52);
        assert_eq!(ordered[1].name, "short");
    }

    #[test]
    fn rules_are_ordered_by_their_costliest_scenario_and_ties_keep_their_order() {
        let f = sorted(feature(
            "Feature: f\n  Rule: cheap\n    Scenario: c1\n      Given a\n    Scenario: c2\n      Given a\n  Rule: dear\n    Scenario: d1\n      Given a\n      And b\n      And c\n",
        ));
        assert_eq!(names(&f), ["d1", "c1", "c2"]);
    }

    #[test]
    fn a_step_costs_one_call_unless_it_sends_many_messages() {
        let f = feature(
            "Feature: f\n  Scenario: s\n    Given bob sent 21 messages to \"general\"\n    And bob sent 0 messages to \"x\"\n    Then the response field \"/ChannelMessages\" has 50 items\n",
        );
        let costs: Vec<usize> = f.scenarios[0].steps.iter().map(step_cost).collect();
        assert_eq!(costs, [21, 1, 1]);
    }
}
