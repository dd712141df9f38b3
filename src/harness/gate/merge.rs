//! Shards made one: their summaries merged into the summary of the whole run (from which the
//! HTML report is rendered as for any run), and their JUnit files into one file. A scenario in
//! two summaries, or two summaries of the same shard, is an error: the shards overlap.

use super::aggregate;
use super::catalogue;
use super::judge::DeviationStatus;
use super::summary::{BaselineSummary, DeviationSummary, OperationSummary, Summary};
use std::collections::BTreeMap;

/// Merges the summaries of a run's shards; `names` name them in errors.
pub fn merge_summaries(parts: &[(String, Summary)]) -> Result<(Summary, Vec<String>), String> {
    let Some((_, first)) = parts.first() else {
        return Err("no summary to merge".into());
    };
    let mut warnings = Vec::new();
    let mut merged = first.clone();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut shards: Vec<String> = Vec::new();
    let mut scenarios = Vec::new();
    let mut operations: BTreeMap<String, OperationSummary> = BTreeMap::new();
    let mut deviations: Vec<DeviationSummary> = Vec::new();
    let (mut not_started, mut calls, mut interrupted) = (0, 0, false);
    for (name, s) in parts {
        if s.model_version != first.model_version {
            return Err(format!(
                "{name}: model version \"{}\", not \"{}\" as {}: summaries of different models do not merge",
                s.model_version, first.model_version, parts[0].0
            ));
        }
        for shard in &s.shards {
            if shards.contains(shard) {
                return Err(format!("{name}: shard {shard} is merged twice"));
            }
            shards.push(shard.clone());
        }
        for sc in &s.scenarios {
            let id = sc.id.to_string();
            if let Some(other) = seen.insert(id.clone(), name) {
                return Err(format!(
                    "{name}: scenario {id} is in {other} too: the shards overlap"
                ));
            }
            scenarios.push(sc.clone());
        }
        for op in &s.operations {
            match operations.get_mut(&op.operation) {
                Some(m) => add_operation(m, op),
                None => {
                    operations.insert(op.operation.clone(), op.clone());
                }
            }
        }
        if let Some(b) = &s.baseline {
            for d in &b.deviations {
                match deviations.iter_mut().find(|x| x.subject == d.subject) {
                    Some(m) => merge_deviation(m, d),
                    None => deviations.push(d.clone()),
                }
            }
        }
        not_started += s.counts.not_started;
        calls += s.counts.http_calls;
        interrupted |= s.verdict == "interrupted";
        merged.started_at = merged.started_at.min(s.started_at.clone());
        merged.duration_seconds = merged.duration_seconds.max(s.duration_seconds);
        for snap in &s.snapshots {
            if !merged.snapshots.iter().any(|x| x.file == snap.file) {
                merged.snapshots.push(snap.clone());
            }
        }
        for e in &s.parse_errors {
            if !merged.parse_errors.contains(e) {
                merged.parse_errors.push(e.clone());
            }
        }
    }
    if let Some(missing) = missing_shards(&shards) {
        warnings.push(missing);
    }
    scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    let mut operations: Vec<OperationSummary> = operations.into_values().collect();
    aggregate::judge_operations(&mut operations, &scenarios);
    merged.snapshots.sort_by(|a, b| a.file.cmp(&b.file));
    merged.options.remove("shard");
    merged.shards = shards;
    merged.counts = aggregate::counts(&scenarios, not_started, calls);
    merged.entries = aggregate::entries(&catalogue::entries(), &scenarios);
    merged.operations = operations;
    merged.baseline = first.baseline.as_ref().map(|b| BaselineSummary {
        path: b.path.clone(),
        strict: b.strict,
        deviations,
    });
    merged.verdict = aggregate::run_verdict(
        &merged.counts,
        merged.baseline.as_ref(),
        merged.parse_errors.len(),
        interrupted,
    )
    .to_owned();
    merged.scenarios = scenarios;
    Ok((merged, warnings))
}

fn add_operation(into: &mut OperationSummary, op: &OperationSummary) {
    into.calls += op.calls;
    into.successes += op.successes;
    for (e, n) in &op.errors {
        *into.errors.entry(e.clone()).or_default() += n;
    }
    for (e, n) in &op.unmodelled_errors {
        *into.unmodelled_errors.entry(e.clone()).or_default() += n;
    }
    for (m, seen) in &op.members {
        *into.members.entry(m.clone()).or_default() |= seen;
    }
}

/// A deviation seen by several shards: still failing anywhere is known; else passing anywhere
/// is fixed; it ran nowhere otherwise.
fn merge_deviation(into: &mut DeviationSummary, d: &DeviationSummary) {
    let rank = |s: DeviationStatus| match s {
        DeviationStatus::Known => 3,
        DeviationStatus::Fixed => 2,
        DeviationStatus::NotInSuite => 1,
        DeviationStatus::NotRun => 0,
    };
    if rank(d.status) > rank(into.status) {
        into.status = d.status;
    }
    into.expired |= d.expired;
    for s in &d.scenarios {
        if !into.scenarios.contains(s) {
            into.scenarios.push(s.clone());
        }
    }
    into.scenarios.sort();
}

/// A warning when the shards merged are not all N of them.
fn missing_shards(shards: &[String]) -> Option<String> {
    let parsed: Vec<(usize, usize)> = shards
        .iter()
        .filter_map(|s| {
            let (i, n) = s.split_once('/')?;
            Some((i.parse().ok()?, n.parse().ok()?))
        })
        .collect();
    let count = parsed.first()?.1;
    if parsed.iter().any(|(_, n)| *n != count) {
        return Some(format!(
            "the shards merged ({}) are of different counts",
            shards.join(", ")
        ));
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| !parsed.iter().any(|(j, _)| j == i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "{} of {count} shards merged; missing: {}",
            parsed.len(),
            missing.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_shards_are_named() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(missing_shards(&s(&["1/2", "2/2"])), None);
        assert_eq!(
            missing_shards(&s(&["1/3"])).as_deref(),
            Some("1 of 3 shards merged; missing: 2/3, 3/3")
        );
        assert!(
            missing_shards(&s(&["1/2", "1/3"]))
                .unwrap()
                .contains("different counts")
        );
        assert_eq!(missing_shards(&[]), None);
    }
}
