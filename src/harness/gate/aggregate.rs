//! What a summary derives from its scenarios, so that a run and a merge of shards derive it
//! alike: the counts, each catalogue entry's and each operation's verdict, the run's verdict.

use super::catalogue::{Entry, section_title};
use super::judge::{DeviationStatus, ScenarioVerdict};
use super::summary::{
    BaselineSummary, Counts, EntrySummary, GroupVerdict, OperationSummary, ScenarioSummary,
};
use std::collections::BTreeSet;

/// The verdict of a group of scenarios: a new failure outweighs a known one, which outweighs
/// no judgeable answer; a pass needs one scenario that passed; skipped when all were skipped.
pub fn group_verdict<'a>(scenarios: impl IntoIterator<Item = &'a ScenarioSummary>) -> GroupVerdict {
    let verdicts: BTreeSet<ScenarioVerdict> = scenarios.into_iter().map(|s| s.verdict).collect();
    let any = |v: ScenarioVerdict| verdicts.contains(&v);
    if any(ScenarioVerdict::Fail) || any(ScenarioVerdict::Undefined) {
        GroupVerdict::Fail
    } else if any(ScenarioVerdict::Known) {
        GroupVerdict::Known
    } else if any(ScenarioVerdict::Inconclusive) {
        GroupVerdict::Inconclusive
    } else if any(ScenarioVerdict::Pass) {
        GroupVerdict::Pass
    } else if any(ScenarioVerdict::Skipped) {
        GroupVerdict::Skipped
    } else {
        GroupVerdict::NotRun
    }
}

/// The scenario counts; steps, calls and scenarios never started come from elsewhere.
pub fn counts(scenarios: &[ScenarioSummary], not_started: usize, http_calls: usize) -> Counts {
    let n = |v: ScenarioVerdict| scenarios.iter().filter(|s| s.verdict == v).count();
    Counts {
        scenarios: scenarios.len() + not_started,
        pass: n(ScenarioVerdict::Pass),
        fail: n(ScenarioVerdict::Fail),
        known: n(ScenarioVerdict::Known),
        undefined: n(ScenarioVerdict::Undefined),
        inconclusive: n(ScenarioVerdict::Inconclusive),
        skipped: n(ScenarioVerdict::Skipped),
        stopped: n(ScenarioVerdict::Stopped),
        not_started,
        steps: scenarios.iter().map(|s| s.steps).sum(),
        http_calls,
    }
}

/// Each catalogue entry with the verdict of the scenarios citing it, in catalogue order.
pub fn entries(catalogue: &[Entry], scenarios: &[ScenarioSummary]) -> Vec<EntrySummary> {
    catalogue
        .iter()
        .map(|e| {
            let citing: Vec<&ScenarioSummary> = scenarios
                .iter()
                .filter(|s| s.behaviours.contains(&e.id))
                .collect();
            let verdict = group_verdict(citing.iter().copied());
            let skip_reason = (verdict == GroupVerdict::Skipped)
                .then(|| {
                    let reasons: BTreeSet<&str> = citing
                        .iter()
                        .filter_map(|s| s.skip_reason.as_deref())
                        .collect();
                    reasons.into_iter().collect::<Vec<_>>().join("; ")
                })
                .filter(|r| !r.is_empty());
            EntrySummary {
                id: e.id.clone(),
                section: e.section().to_owned(),
                section_title: section_title(e.section()).to_owned(),
                evidence: e.evidence.clone(),
                verdict,
                scenarios: citing.len(),
                seconds: citing.iter().fold(0.0, |t, s| t + s.seconds),
                skip_reason,
            }
        })
        .collect()
}

/// Gives each operation the verdict and durations of the scenarios whose `@op:` tags name it.
pub fn judge_operations(operations: &mut [OperationSummary], scenarios: &[ScenarioSummary]) {
    for op in operations {
        let bare = op
            .operation
            .split_once(':')
            .map_or(op.operation.as_str(), |(_, o)| o);
        let naming: Vec<&ScenarioSummary> = scenarios
            .iter()
            .filter(|s| s.operations.iter().any(|o| o == bare || *o == op.operation))
            .collect();
        op.verdict = group_verdict(naming.iter().copied());
        op.scenarios = naming.len();
        // A fold from +0.0: an empty f64 sum is -0.0.
        op.seconds = naming.iter().fold(0.0, |t, s| t + s.seconds);
    }
}

/// The run's verdict, as [`super::judge::Judgement::verdict`] gives it, from a summary's parts.
pub fn run_verdict(
    counts: &Counts,
    baseline: Option<&BaselineSummary>,
    parse_errors: usize,
    interrupted: bool,
) -> &'static str {
    let failing_deviation = baseline.is_some_and(|b| {
        b.deviations.iter().any(|d| {
            d.expired
                || (b.strict
                    && matches!(
                        d.status,
                        DeviationStatus::Fixed | DeviationStatus::NotInSuite
                    ))
        })
    });
    if interrupted {
        "interrupted"
    } else if parse_errors > 0 || counts.scenarios == 0 {
        "nothing-judged"
    } else if counts.fail + counts.undefined > 0 || failing_deviation {
        "fail"
    } else if counts.inconclusive > 0 {
        "inconclusive"
    } else {
        "pass"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::report::ScenarioId;

    fn s(name: &str, verdict: ScenarioVerdict, behaviour: &str) -> ScenarioSummary {
        ScenarioSummary {
            id: ScenarioId::new("a.feature", name),
            feature_name: "A".into(),
            line: 1,
            verdict,
            evidence: "doc".into(),
            behaviours: vec![behaviour.into()],
            operations: vec!["CreateChannel".into()],
            seconds: 0.5,
            steps: 3,
            skip_reason: (verdict == ScenarioVerdict::Skipped).then(|| "needs clock".into()),
            known_reason: None,
            failure: None,
        }
    }

    #[test]
    fn a_group_fails_on_a_new_failure_and_is_known_on_a_known_one() {
        use ScenarioVerdict::*;
        let v = |vs: &[ScenarioVerdict]| {
            let list: Vec<ScenarioSummary> = vs.iter().map(|v| s("x", *v, "B-X-1")).collect();
            group_verdict(&list)
        };
        assert_eq!(v(&[Pass, Known, Fail]), GroupVerdict::Fail);
        assert_eq!(v(&[Pass, Known]), GroupVerdict::Known);
        assert_eq!(v(&[Pass, Inconclusive]), GroupVerdict::Inconclusive);
        assert_eq!(v(&[Pass, Skipped]), GroupVerdict::Pass);
        assert_eq!(v(&[Skipped]), GroupVerdict::Skipped);
        assert_eq!(v(&[]), GroupVerdict::NotRun);
    }

    #[test]
    fn entries_and_operations_follow_their_scenarios() {
        let scenarios = [
            s("a", ScenarioVerdict::Pass, "B-X-1"),
            s("b", ScenarioVerdict::Skipped, "B-X-2"),
        ];
        let catalogue = [
            Entry {
                id: "B-X-1".into(),
                evidence: "doc".into(),
            },
            Entry {
                id: "B-X-2".into(),
                evidence: "model".into(),
            },
            Entry {
                id: "B-X-3".into(),
                evidence: "doc".into(),
            },
        ];
        let e = entries(&catalogue, &scenarios);
        assert_eq!(e[0].verdict, GroupVerdict::Pass);
        assert_eq!(e[1].verdict, GroupVerdict::Skipped);
        assert_eq!(e[1].skip_reason.as_deref(), Some("needs clock"));
        assert_eq!(e[2].verdict, GroupVerdict::NotRun);
        let c = counts(&scenarios, 0, 7);
        assert_eq!((c.scenarios, c.pass, c.skipped, c.steps), (2, 1, 1, 6));
        assert_eq!(run_verdict(&c, None, 0, false), "pass");
        assert_eq!(run_verdict(&c, None, 1, false), "nothing-judged");
        let mut ops = vec![OperationSummary {
            operation: "messaging:CreateChannel".into(),
            verdict: GroupVerdict::NotRun,
            scenarios: 0,
            seconds: 0.0,
            calls: 1,
            successes: 1,
            errors: Default::default(),
            unmodelled_errors: Default::default(),
            members: Default::default(),
        }];
        judge_operations(&mut ops, &scenarios);
        assert_eq!((ops[0].verdict, ops[0].scenarios), (GroupVerdict::Pass, 2));
    }
}
