//! `--write-baseline`: a baseline made from a run's failures. A failure an earlier baseline
//! already listed keeps that deviation (its reason and expiry); a new one gets a deviation of
//! its own with the reason left for a person to fill in; deviations nothing failed are dropped.

use super::baseline::{Baseline, Deviation, REASON_TO_FILL_IN, Subject};
use super::judge::{Judgement, ScenarioVerdict};

pub fn rebaseline(judgement: &Judgement, earlier: &Baseline) -> Baseline {
    let mut deviations: Vec<Deviation> = Vec::new();
    for (id, verdict, listed) in &judgement.scenarios {
        if !matches!(
            verdict,
            ScenarioVerdict::Fail | ScenarioVerdict::Known | ScenarioVerdict::Undefined
        ) {
            continue;
        }
        let deviation = match listed.and_then(|i| earlier.deviations.get(i)) {
            Some(d) => d.clone(),
            None => Deviation {
                subject: Subject::Scenario(id.clone()),
                reason: REASON_TO_FILL_IN.to_owned(),
                expires: None,
            },
        };
        if !deviations.iter().any(|d| d.subject == deviation.subject) {
            deviations.push(deviation);
        }
    }
    deviations.sort_by(|a, b| a.subject.cmp(&b.subject));
    Baseline { deviations }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::gate::judge::judge;
    use crate::harness::report::fixtures::scenario;
    use crate::harness::report::{ScenarioId, StepStatus};

    #[test]
    fn failures_become_deviations_and_known_ones_keep_their_reason() {
        let mut a = scenario(StepStatus::Failed);
        a.name = "a".into();
        let mut b = scenario(StepStatus::Failed);
        b.name = "b".into();
        let mut c = scenario(StepStatus::Passed);
        c.name = "c".into();
        let earlier = Baseline {
            deviations: vec![
                Deviation {
                    subject: Subject::Behaviour("B-MSG-02".into()),
                    reason: "known since March".into(),
                    expires: None,
                },
                Deviation {
                    subject: Subject::Scenario(ScenarioId::new("messages.feature", "gone")),
                    reason: "x".into(),
                    expires: None,
                },
            ],
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let j = judge(
            &Baseline::default(),
            &[a.clone(), b.clone(), c.clone()],
            &[],
            &[],
            today,
            false,
        );
        let fresh = rebaseline(&j, &Baseline::default());
        assert_eq!(fresh.deviations.len(), 2);
        assert!(fresh.deviations.iter().all(|d| d.reason.is_empty()));
        let j = judge(&earlier, &[a, b, c], &[], &[], today, false);
        let kept = rebaseline(&j, &earlier);
        assert_eq!(kept.deviations, vec![earlier.deviations[0].clone()]);
    }
}
