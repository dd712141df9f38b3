//! A run judged against a baseline: each scenario's verdict (a listed failure is known, an
//! unlisted one new), each deviation's fate (still failing, fixed, expired, gone from the
//! suite), and the verdict the run gates on. Without a baseline every failure is new.

use super::baseline::{Baseline, Deviation, Subject};
use crate::harness::report::{Ending, ScenarioId, ScenarioResult, SkippedScenario};
use crate::harness::runner::outcome::Verdict;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// How one scenario came out, the baseline taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioVerdict {
    Pass,
    /// A failure the baseline does not list: it fails the run.
    Fail,
    /// A failure (or undefined step) the baseline lists: reported, not failing.
    Known,
    /// A step no definition matches, not listed in the baseline.
    Undefined,
    /// No judgeable answer: neither pass nor fail.
    Inconclusive,
    /// Left out for a capability the target lacks.
    Skipped,
    /// Stopped by the run's interruption.
    Stopped,
}

impl ScenarioVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioVerdict::Pass => "pass",
            ScenarioVerdict::Fail => "fail",
            ScenarioVerdict::Known => "known",
            ScenarioVerdict::Undefined => "undefined",
            ScenarioVerdict::Inconclusive => "inconclusive",
            ScenarioVerdict::Skipped => "skipped",
            ScenarioVerdict::Stopped => "stopped",
        }
    }

    /// Whether the scenario fails the run.
    pub fn fails(self) -> bool {
        matches!(self, ScenarioVerdict::Fail | ScenarioVerdict::Undefined)
    }
}

/// What became of a deviation in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeviationStatus {
    /// Its scenarios still fail.
    Known,
    /// Its scenarios ran and passed: remove it from the baseline.
    Fixed,
    /// None of its scenarios ran (filtered out, another shard, skipped or inconclusive).
    NotRun,
    /// No scenario of the suite is what it names: renamed or removed.
    NotInSuite,
}

/// A deviation and its fate.
#[derive(Debug, Clone)]
pub struct DeviationResult {
    pub deviation: Deviation,
    pub status: DeviationStatus,
    pub expired: bool,
    /// The scenarios of this run it matched.
    pub scenarios: Vec<ScenarioId>,
}

/// One scenario of the suite, as a baseline sees it: its id and the entries it cites.
#[derive(Debug, Clone)]
pub struct SuiteScenario {
    pub id: ScenarioId,
    pub behaviours: Vec<String>,
}

/// A run judged against a baseline.
#[derive(Debug, Clone, Default)]
pub struct Judgement {
    /// Each scenario that ran or was skipped, with its verdict and the deviation it matched.
    pub scenarios: Vec<(ScenarioId, ScenarioVerdict, Option<usize>)>,
    pub deviations: Vec<DeviationResult>,
    /// Fixed and gone deviations fail the run.
    pub strict: bool,
    pub today: Option<NaiveDate>,
}

/// The verdict of a scenario that ran, before the baseline.
fn plain_verdict(s: &ScenarioResult) -> ScenarioVerdict {
    match s.ending() {
        Ending::Passed => ScenarioVerdict::Pass,
        Ending::Failed => ScenarioVerdict::Fail,
        Ending::Undefined => ScenarioVerdict::Undefined,
        Ending::Inconclusive => ScenarioVerdict::Inconclusive,
        Ending::Interrupted => ScenarioVerdict::Stopped,
    }
}

/// The deviation that lists a scenario: one naming it exactly, else the first naming one of
/// its catalogue entries.
fn listing(baseline: &Baseline, id: &ScenarioId, behaviours: &[&str]) -> Option<usize> {
    let d = &baseline.deviations;
    d.iter()
        .position(|d| d.subject == Subject::Scenario(id.clone()))
        .or_else(|| {
            d.iter().position(
                |d| matches!(&d.subject, Subject::Behaviour(b) if behaviours.contains(&b.as_str())),
            )
        })
}

/// Judges `ran` and `skipped` against `baseline` on `today`. `suite` is every scenario of the
/// features (to tell a deviation whose scenario is gone from one that did not run); empty when
/// unknown.
pub fn judge(
    baseline: &Baseline,
    ran: &[ScenarioResult],
    skipped: &[SkippedScenario],
    suite: &[SuiteScenario],
    today: NaiveDate,
    strict: bool,
) -> Judgement {
    let mut scenarios = Vec::new();
    let mut failing = vec![false; baseline.deviations.len()];
    let mut passing = vec![false; baseline.deviations.len()];
    let mut matched: Vec<Vec<ScenarioId>> = vec![Vec::new(); baseline.deviations.len()];
    for s in ran {
        let id = s.id();
        let mut verdict = plain_verdict(s);
        let listed = listing(baseline, &id, &s.behaviours());
        if let Some(i) = listed {
            matched[i].push(id.clone());
            if verdict.fails() {
                verdict = ScenarioVerdict::Known;
                failing[i] = true;
            } else if verdict == ScenarioVerdict::Pass {
                passing[i] = true;
            }
        }
        scenarios.push((id, verdict, listed));
    }
    for s in skipped {
        let id = s.id();
        let behaviours: Vec<&str> = s
            .tags
            .iter()
            .filter(|t| t.starts_with("B-"))
            .map(String::as_str)
            .collect();
        let listed = listing(baseline, &id, &behaviours);
        scenarios.push((id, ScenarioVerdict::Skipped, listed));
    }
    let in_suite = |d: &Deviation| match &d.subject {
        Subject::Scenario(id) => suite.iter().any(|s| &s.id == id),
        Subject::Behaviour(b) => suite.iter().any(|s| s.behaviours.contains(b)),
    };
    let deviations = baseline
        .deviations
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let status = if failing[i] {
                DeviationStatus::Known
            } else if passing[i] {
                DeviationStatus::Fixed
            } else if !suite.is_empty() && !in_suite(d) {
                DeviationStatus::NotInSuite
            } else {
                DeviationStatus::NotRun
            };
            DeviationResult {
                deviation: d.clone(),
                status,
                expired: d.expired(today),
                scenarios: std::mem::take(&mut matched[i]),
            }
        })
        .collect();
    Judgement {
        scenarios,
        deviations,
        strict,
        today: Some(today),
    }
}

impl Judgement {
    pub fn verdict_of(&self, id: &ScenarioId) -> Option<ScenarioVerdict> {
        self.scenarios
            .iter()
            .find(|(s, _, _)| s == id)
            .map(|(_, v, _)| *v)
    }

    /// The deviation that lists a scenario of this run.
    pub fn deviation_of(&self, id: &ScenarioId) -> Option<&DeviationResult> {
        self.scenarios
            .iter()
            .find(|(s, _, _)| s == id)
            .and_then(|(_, _, d)| d.map(|i| &self.deviations[i]))
    }

    pub fn count(&self, verdict: ScenarioVerdict) -> usize {
        self.scenarios
            .iter()
            .filter(|(_, v, _)| *v == verdict)
            .count()
    }

    fn with_status(&self, status: DeviationStatus) -> impl Iterator<Item = &DeviationResult> {
        self.deviations.iter().filter(move |d| d.status == status)
    }

    /// The deviations that fail the run by themselves: expired ones, and under strict the
    /// fixed ones and those the suite no longer has.
    pub fn failing_deviations(&self) -> impl Iterator<Item = &DeviationResult> {
        self.deviations.iter().filter(|d| {
            d.expired
                || (self.strict
                    && matches!(
                        d.status,
                        DeviationStatus::Fixed | DeviationStatus::NotInSuite
                    ))
        })
    }

    /// The run's verdict once the baseline has spoken. `plain` is the run's own verdict: an
    /// interrupted run, or one that judged nothing, stays so; otherwise only new failures and
    /// failing deviations fail it.
    pub fn verdict(&self, plain: Verdict) -> Verdict {
        if matches!(plain, Verdict::Interrupted | Verdict::NothingJudged) {
            return plain;
        }
        let new = self.scenarios.iter().any(|(_, v, _)| v.fails());
        if new || self.failing_deviations().next().is_some() {
            Verdict::Failed
        } else if self.count(ScenarioVerdict::Inconclusive) > 0 {
            Verdict::Inconclusive
        } else {
            Verdict::Passed
        }
    }

    /// The baseline's part of the run summary.
    pub fn summary(&self, path: &str) -> String {
        let mut out = String::new();
        let new: Vec<&ScenarioId> = self
            .scenarios
            .iter()
            .filter(|(_, v, _)| v.fails())
            .map(|(id, _, _)| id)
            .collect();
        let fixed: Vec<&DeviationResult> = self.with_status(DeviationStatus::Fixed).collect();
        let gone: Vec<&DeviationResult> = self.with_status(DeviationStatus::NotInSuite).collect();
        let expired: Vec<&DeviationResult> = self.deviations.iter().filter(|d| d.expired).collect();
        let _ = writeln!(
            out,
            "\nBaseline {path}: {} deviation(s); {} known failure(s), {} new, {} fixed, {} expired, {} not in the suite, {} not run",
            self.deviations.len(),
            self.count(ScenarioVerdict::Known),
            new.len(),
            fixed.len(),
            expired.len(),
            gone.len(),
            self.with_status(DeviationStatus::NotRun).count(),
        );
        for id in &new {
            let _ = writeln!(out, "  NEW FAILURE {id}: not in the baseline");
        }
        let strictly = if self.strict {
            " (fails the run: --strict-baseline)"
        } else {
            ""
        };
        for d in &fixed {
            let _ = writeln!(
                out,
                "  FIXED {}: passes now; remove it from the baseline{strictly}",
                d.deviation.subject
            );
        }
        for d in &gone {
            let _ = writeln!(
                out,
                "  NOT IN THE SUITE {}: no scenario matches it; remove it from the baseline{strictly}",
                d.deviation.subject
            );
        }
        for d in &expired {
            let last = d
                .deviation
                .expires
                .map(|e| e.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  EXPIRED {}: held until {last}; renew or remove it (fails the run)",
                d.deviation.subject
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::gate::baseline::Deviation;
    use crate::harness::report::StepStatus;
    use crate::harness::report::fixtures::scenario;

    fn named(name: &str, status: StepStatus, behaviour: &str) -> ScenarioResult {
        let mut s = scenario(status);
        s.name = name.into();
        s.tags = vec![behaviour.into(), "doc".into()];
        s
    }

    fn dev(subject: Subject, expires: Option<NaiveDate>) -> Deviation {
        Deviation {
            subject,
            reason: "r".into(),
            expires,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    fn id(name: &str) -> ScenarioId {
        ScenarioId::new("messages.feature", name)
    }

    #[test]
    fn listed_failures_are_known_and_new_ones_fail() {
        let ran = [
            named("a", StepStatus::Failed, "B-MSG-01"),
            named("b", StepStatus::Failed, "B-MSG-02"),
            named("c", StepStatus::Failed, "B-MSG-03"),
            named("d", StepStatus::Passed, "B-MSG-04"),
        ];
        let baseline = Baseline {
            deviations: vec![
                dev(Subject::Scenario(id("a")), None),
                dev(Subject::Behaviour("B-MSG-02".into()), Some(day(10))),
            ],
        };
        let j = judge(&baseline, &ran, &[], &[], day(10), false);
        assert_eq!(j.verdict_of(&id("a")), Some(ScenarioVerdict::Known));
        assert_eq!(j.verdict_of(&id("b")), Some(ScenarioVerdict::Known));
        assert_eq!(j.verdict_of(&id("c")), Some(ScenarioVerdict::Fail));
        assert_eq!(j.verdict(Verdict::Failed), Verdict::Failed);
        let summary = j.summary("b.toml");
        assert!(
            summary.contains("NEW FAILURE messages.feature: c: not in the baseline"),
            "{summary}"
        );
        // Without c the known failures do not fail the run.
        let j = judge(&baseline, &ran[..2], &[], &[], day(10), false);
        assert_eq!(j.verdict(Verdict::Failed), Verdict::Passed);
        assert!(
            j.deviations
                .iter()
                .all(|d| d.status == DeviationStatus::Known)
        );
    }

    #[test]
    fn fixed_expired_and_gone_deviations_are_told() {
        let ran = [named("a", StepStatus::Passed, "B-MSG-01")];
        let suite = [SuiteScenario {
            id: id("a"),
            behaviours: vec!["B-MSG-01".into()],
        }];
        let fixed = Baseline {
            deviations: vec![dev(Subject::Scenario(id("a")), None)],
        };
        let j = judge(&fixed, &ran, &[], &suite, day(1), false);
        assert_eq!(j.deviations[0].status, DeviationStatus::Fixed);
        assert_eq!(j.verdict(Verdict::Passed), Verdict::Passed);
        assert!(
            j.summary("b")
                .contains("FIXED messages.feature: a: passes now; remove it from the baseline")
        );
        let strict = judge(&fixed, &ran, &[], &suite, day(1), true);
        assert_eq!(strict.verdict(Verdict::Passed), Verdict::Failed);

        let expired = Baseline {
            deviations: vec![dev(Subject::Behaviour("B-MSG-09".into()), Some(day(1)))],
        };
        let j = judge(&expired, &ran, &[], &suite, day(2), false);
        assert!(j.deviations[0].expired);
        assert_eq!(j.deviations[0].status, DeviationStatus::NotInSuite);
        assert_eq!(j.verdict(Verdict::Passed), Verdict::Failed);
        assert!(
            j.summary("b")
                .contains("EXPIRED every scenario of B-MSG-09: held until 2026-01-01")
        );
        // The last day still holds.
        let j = judge(&expired, &ran, &[], &[], day(1), false);
        assert_eq!(j.deviations[0].status, DeviationStatus::NotRun);
        assert_eq!(j.verdict(Verdict::Passed), Verdict::Passed);
    }

    #[test]
    fn an_interrupted_or_empty_run_keeps_its_own_verdict() {
        let j = judge(&Baseline::default(), &[], &[], &[], day(1), false);
        assert_eq!(j.verdict(Verdict::Interrupted), Verdict::Interrupted);
        assert_eq!(j.verdict(Verdict::NothingJudged), Verdict::NothingJudged);
        let ran = [named("i", StepStatus::Inconclusive, "B-MSG-01")];
        let j = judge(&Baseline::default(), &ran, &[], &[], day(1), false);
        assert_eq!(j.verdict(Verdict::Inconclusive), Verdict::Inconclusive);
    }
}
