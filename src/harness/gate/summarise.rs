//! A run's outcome, judged against its baseline, as a [`Summary`].

use super::aggregate;
use super::catalogue;
use super::judge::{DeviationResult, Judgement, ScenarioVerdict};
use super::summary::{
    BaselineSummary, DeviationSummary, Failure, OperationSummary, SUMMARY_FORMAT, SUMMARY_VERSION,
    ScenarioSummary, SnapshotSummary, Summary, Target,
};
use crate::harness::model_version::model_version;
use crate::harness::report::{ScenarioResult, SkippedScenario};
use crate::harness::runner::outcome::{RunOutcome, Verdict};
use std::collections::BTreeMap;

/// What the summary says beyond the outcome: the run's options as given, and the baseline.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub options: BTreeMap<String, String>,
    /// The baseline file the run was judged against.
    pub baseline: Option<String>,
}

pub fn summarise(outcome: &RunOutcome, judgement: &Judgement, info: &RunInfo) -> Summary {
    let mut scenarios: Vec<ScenarioSummary> = outcome
        .scenarios
        .iter()
        .map(|s| ran(s, judgement))
        .chain(outcome.skipped.iter().map(|s| skipped(s, outcome)))
        .collect();
    scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    let mut operations: Vec<OperationSummary> = outcome
        .coverage
        .per_operation
        .iter()
        .map(|(name, c)| OperationSummary {
            operation: name.clone(),
            verdict: super::summary::GroupVerdict::NotRun,
            scenarios: 0,
            seconds: 0.0,
            calls: c.calls,
            successes: c.successes,
            errors: c.errors.clone(),
            unmodelled_errors: c.unmodelled_errors.clone(),
            members: c.response_members.clone(),
        })
        .collect();
    aggregate::judge_operations(&mut operations, &scenarios);
    let counts = aggregate::counts(
        &scenarios,
        outcome.not_started,
        outcome.http_calls + outcome.control_calls,
    );
    let baseline = info.baseline.as_ref().map(|path| BaselineSummary {
        path: path.clone(),
        strict: judgement.strict,
        deviations: judgement.deviations.iter().map(deviation).collect(),
    });
    let verdict = match judgement.verdict(outcome.verdict()) {
        Verdict::Passed => "pass",
        Verdict::Failed => "fail",
        Verdict::Inconclusive => "inconclusive",
        Verdict::NothingJudged => "nothing-judged",
        Verdict::Interrupted => "interrupted",
    };
    let started: chrono::DateTime<chrono::Utc> = outcome.started_at.into();
    Summary {
        format: SUMMARY_FORMAT.to_owned(),
        version: SUMMARY_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        target: Target {
            url: outcome.target.url.clone(),
            identity_url: outcome.target.identity_url.clone(),
            kind: outcome.target.kind.as_str().to_owned(),
            capabilities: outcome.capabilities.iter().cloned().collect(),
            unavailable: outcome.unavailable.clone(),
        },
        model_version: model_version(),
        started_at: started.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        duration_seconds: outcome.elapsed.as_secs_f64(),
        options: info.options.clone(),
        shards: outcome.shard.iter().map(ToString::to_string).collect(),
        verdict: verdict.to_owned(),
        counts,
        entries: aggregate::entries(&catalogue::entries(), &scenarios),
        scenarios,
        operations,
        baseline,
        snapshots: outcome
            .snapshots
            .provenance
            .iter()
            .map(|(file, p)| SnapshotSummary {
                file: file.clone(),
                recorded_by: p.recorded_by.clone(),
                model_version: p.model_version.clone(),
                recorded_at: p.recorded_at.clone(),
                last_validated_against_aws: p.last_validated_against_aws.clone(),
            })
            .collect(),
        parse_errors: outcome.parse_errors.clone(),
    }
}

fn operations_of(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter_map(|t| t.strip_prefix("op:"))
        .map(str::to_owned)
        .collect()
}

fn ran(s: &ScenarioResult, judgement: &Judgement) -> ScenarioSummary {
    let id = s.id();
    let verdict = judgement
        .verdict_of(&id)
        .unwrap_or(ScenarioVerdict::Inconclusive);
    let failure = (!s.passed()).then(|| failure(s)).flatten();
    ScenarioSummary {
        known_reason: (verdict == ScenarioVerdict::Known)
            .then(|| {
                judgement
                    .deviation_of(&id)
                    .map(|d| d.deviation.reason.clone())
            })
            .flatten(),
        id,
        feature_name: s.feature.clone(),
        line: s.line,
        verdict,
        evidence: s.evidence().to_owned(),
        behaviours: s.behaviours().into_iter().map(str::to_owned).collect(),
        operations: operations_of(&s.tags),
        seconds: s.seconds,
        steps: s.steps.len(),
        skip_reason: None,
        failure,
    }
}

/// The step that ended a scenario that did not pass, with the call it was judging.
fn failure(s: &ScenarioResult) -> Option<Failure> {
    if let Some(step) = s.failed_step() {
        return Some(Failure {
            step: format!("{} {}", step.keyword.trim(), step.text),
            line: step.line,
            message: step.error.clone().unwrap_or_else(|| "failed".into()),
            exchange: step.exchange.clone(),
        });
    }
    s.failure().map(|message| Failure {
        step: String::new(),
        line: s.line,
        message,
        exchange: None,
    })
}

fn skipped(s: &SkippedScenario, outcome: &RunOutcome) -> ScenarioSummary {
    let why: Vec<String> = s
        .missing
        .iter()
        .map(|m| match outcome.unavailable.get(m) {
            Some(reason) => format!("{m} ({reason})"),
            None => m.clone(),
        })
        .collect();
    let line = outcome
        .suite
        .iter()
        .find(|p| p.id == s.id())
        .map_or(0, |p| p.line);
    ScenarioSummary {
        id: s.id(),
        feature_name: s.feature.clone(),
        line,
        verdict: ScenarioVerdict::Skipped,
        evidence: s
            .tags
            .iter()
            .find(|t| crate::harness::world::Evidence::TAGS.contains(&t.as_str()))
            .cloned()
            .unwrap_or_else(|| "untagged".into()),
        behaviours: s
            .tags
            .iter()
            .filter(|t| t.starts_with("B-"))
            .cloned()
            .collect(),
        operations: operations_of(&s.tags),
        seconds: 0.0,
        steps: 0,
        skip_reason: Some(format!("the target lacks {}", why.join(", "))),
        known_reason: None,
        failure: None,
    }
}

fn deviation(d: &DeviationResult) -> DeviationSummary {
    DeviationSummary {
        subject: d.deviation.subject.to_string(),
        reason: d.deviation.reason.clone(),
        expires: d
            .deviation
            .expires
            .map(|e| e.format("%Y-%m-%d").to_string()),
        status: d.status,
        expired: d.expired,
        scenarios: d.scenarios.clone(),
    }
}
