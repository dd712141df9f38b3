//! What got better and what got worse between two runs' summaries: two versions of a mock, or
//! a mock before and after an API update. Verdicts are ranked pass > known > fail; a scenario,
//! catalogue entry or operation whose verdict fell is a regression. One that was judged in one
//! run only (skipped, inconclusive, filtered out, not in the suite) is listed apart, since
//! nothing can be said about it either way.

use super::judge::ScenarioVerdict;
use super::summary::{GroupVerdict, Summary};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One thing whose verdict changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `scenario listing.feature: …`, `entry B-LIST-01`, `operation messaging:ListChannelMessages`.
    pub what: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub worse: Vec<Change>,
    pub better: Vec<Change>,
    /// Judged in one run and not the other.
    pub not_compared: Vec<Change>,
    /// Context lines: target, model version, counts.
    pub context: Vec<String>,
}

/// A verdict's rank; `None` when it judged nothing.
fn scenario_rank(v: Option<ScenarioVerdict>) -> Option<u8> {
    match v? {
        ScenarioVerdict::Pass => Some(2),
        ScenarioVerdict::Known => Some(1),
        ScenarioVerdict::Fail | ScenarioVerdict::Undefined => Some(0),
        ScenarioVerdict::Inconclusive | ScenarioVerdict::Skipped | ScenarioVerdict::Stopped => None,
    }
}

fn group_rank(v: Option<GroupVerdict>) -> Option<u8> {
    match v? {
        GroupVerdict::Pass => Some(2),
        GroupVerdict::Known => Some(1),
        GroupVerdict::Fail => Some(0),
        GroupVerdict::Inconclusive | GroupVerdict::Skipped | GroupVerdict::NotRun => None,
    }
}

impl Comparison {
    fn sort_in(&mut self, what: String, old: (Option<u8>, String), new: (Option<u8>, String)) {
        if old.1 == new.1 {
            return;
        }
        let change = Change {
            what,
            old: old.1,
            new: new.1,
        };
        match (old.0, new.0) {
            (Some(a), Some(b)) if b < a => self.worse.push(change),
            (Some(a), Some(b)) if b > a => self.better.push(change),
            (Some(_), Some(_)) => {}
            _ => self.not_compared.push(change),
        }
    }

    pub fn regressions(&self) -> usize {
        self.worse.len()
    }

    /// The diff as a person reads it.
    pub fn render(&self, old: &str, new: &str) -> String {
        let mut out = format!("compare {old} -> {new}\n");
        for line in &self.context {
            let _ = writeln!(out, "  {line}");
        }
        let mut list = |title: &str, mark: char, changes: &[Change]| {
            if changes.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n{title} ({}):", changes.len());
            for c in changes {
                let _ = writeln!(out, "  {mark} {}: {} -> {}", c.what, c.old, c.new);
            }
        };
        list("Worse", '-', &self.worse);
        list("Better", '+', &self.better);
        list(
            "Not compared, judged in one run only",
            '?',
            &self.not_compared,
        );
        if self.worse.is_empty() {
            out.push_str("\nNo regression.\n");
        } else {
            let _ = writeln!(out, "\n{} regression(s).", self.worse.len());
        }
        out
    }
}

pub fn compare(old: &Summary, new: &Summary) -> Comparison {
    let mut c = Comparison::default();
    let target = |s: &Summary| format!("{} ({})", s.target.url, s.target.kind);
    if target(old) == target(new) {
        c.context.push(format!("target: {}", target(new)));
    } else {
        c.context
            .push(format!("target: {} -> {}", target(old), target(new)));
    }
    if old.model_version == new.model_version {
        c.context.push(format!("model: {}", new.model_version));
    } else {
        c.context.push(format!(
            "model: {} -> {}",
            old.model_version, new.model_version
        ));
    }
    let (a, b) = (&old.counts, &new.counts);
    let mut counts = Vec::new();
    for (name, x, y) in [
        ("scenarios", a.scenarios, b.scenarios),
        ("pass", a.pass, b.pass),
        ("fail", a.fail + a.undefined, b.fail + b.undefined),
        ("known", a.known, b.known),
        ("inconclusive", a.inconclusive, b.inconclusive),
        ("skipped", a.skipped, b.skipped),
    ] {
        let delta = y as i64 - x as i64;
        if delta == 0 {
            counts.push(format!("{name} {y}"));
        } else {
            counts.push(format!("{name} {x} -> {y} ({delta:+})"));
        }
    }
    c.context.push(format!("counts: {}", counts.join(", ")));
    c.context.push(format!(
        "verdict: {} -> {}, {:.1}s -> {:.1}s",
        old.verdict, new.verdict, old.duration_seconds, new.duration_seconds
    ));

    let mut ids: BTreeMap<String, (Option<ScenarioVerdict>, Option<ScenarioVerdict>)> =
        BTreeMap::new();
    for s in &old.scenarios {
        ids.entry(s.id.to_string()).or_default().0 = Some(s.verdict);
    }
    for s in &new.scenarios {
        ids.entry(s.id.to_string()).or_default().1 = Some(s.verdict);
    }
    let shown = |v: Option<ScenarioVerdict>| v.map_or("absent", ScenarioVerdict::as_str).to_owned();
    for (id, (o, n)) in ids {
        c.sort_in(
            format!("scenario {id}"),
            (scenario_rank(o), shown(o)),
            (scenario_rank(n), shown(n)),
        );
    }
    let groups = |old: Vec<(String, GroupVerdict)>,
                  new: Vec<(String, GroupVerdict)>,
                  kind: &str,
                  c: &mut Comparison| {
        let mut all: BTreeMap<String, (Option<GroupVerdict>, Option<GroupVerdict>)> =
            BTreeMap::new();
        for (k, v) in old {
            all.entry(k).or_default().0 = Some(v);
        }
        for (k, v) in new {
            all.entry(k).or_default().1 = Some(v);
        }
        let shown = |v: Option<GroupVerdict>| v.map_or("absent", GroupVerdict::as_str).to_owned();
        for (k, (o, n)) in all {
            c.sort_in(
                format!("{kind} {k}"),
                (group_rank(o), shown(o)),
                (group_rank(n), shown(n)),
            );
        }
    };
    let entries = |s: &Summary| {
        s.entries
            .iter()
            .map(|e| (e.id.clone(), e.verdict))
            .collect()
    };
    groups(entries(old), entries(new), "entry", &mut c);
    let ops = |s: &Summary| {
        s.operations
            .iter()
            .map(|o| (o.operation.clone(), o.verdict))
            .collect()
    };
    groups(ops(old), ops(new), "operation", &mut c);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A summary of three scenarios with these verdicts, read from JSON as `compare` reads it.
    fn summary(verdicts: [&str; 3]) -> Summary {
        let scenarios: Vec<_> = verdicts
            .iter()
            .enumerate()
            .map(|(i, v)| {
                json!({"feature": "a.feature", "scenario": format!("s{i}"), "featureName": "A",
                       "line": i, "verdict": v, "evidence": "doc", "behaviours": [format!("B-A-{i}")],
                       "operations": [], "seconds": 0.1, "steps": 2})
            })
            .collect();
        let entries: Vec<_> = verdicts
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let v = if *v == "undefined" { "fail" } else { v };
                json!({"id": format!("B-A-{i}"), "section": "B-A", "sectionTitle": "A",
                       "evidence": "doc", "verdict": v, "scenarios": 1, "seconds": 0.1})
            })
            .collect();
        let text = json!({
            "format": "chime-conformance-summary", "version": 1, "toolVersion": "0",
            "target": {"url": "http://x", "kind": "endpoint", "capabilities": []},
            "modelVersion": "m", "startedAt": "2026-01-01T00:00:00Z", "durationSeconds": 1.0,
            "options": {}, "shards": [], "verdict": "pass",
            "counts": {"scenarios": 3, "pass": 0, "fail": 0, "known": 0, "undefined": 0,
                       "inconclusive": 0, "skipped": 0, "stopped": 0, "notStarted": 0,
                       "steps": 6, "httpCalls": 9},
            "scenarios": scenarios, "entries": entries, "operations": []
        });
        Summary::from_json(&text.to_string(), "s.json").unwrap()
    }

    #[test]
    fn a_pass_turned_known_is_worse_and_a_skip_is_not_compared() {
        let c = compare(
            &summary(["pass", "fail", "pass"]),
            &summary(["known", "pass", "skipped"]),
        );
        let whats = |v: &[Change]| v.iter().map(|c| c.what.clone()).collect::<Vec<_>>();
        assert_eq!(whats(&c.worse), ["scenario a.feature: s0", "entry B-A-0"]);
        assert_eq!(whats(&c.better), ["scenario a.feature: s1", "entry B-A-1"]);
        assert_eq!(
            whats(&c.not_compared),
            ["scenario a.feature: s2", "entry B-A-2"]
        );
        assert_eq!(c.regressions(), 2);
        let text = c.render("old.json", "new.json");
        assert!(text.starts_with("compare old.json -> new.json\n"), "{text}");
        assert!(
            text.contains("  - scenario a.feature: s0: pass -> known\n"),
            "{text}"
        );
        assert!(
            text.contains("  ? scenario a.feature: s2: pass -> skipped\n"),
            "{text}"
        );
        assert!(text.ends_with("\n2 regression(s).\n"), "{text}");
        let same = compare(
            &summary(["pass", "fail", "pass"]),
            &summary(["pass", "fail", "pass"]),
        );
        assert_eq!(same.regressions(), 0);
        assert!(same.render("a", "b").ends_with("\nNo regression.\n"));
    }

    #[test]
    fn other_formats_and_versions_are_refused_by_name() {
        let e = Summary::from_json("{\"format\": \"x\"}", "c.json").unwrap_err();
        assert!(
            e.starts_with("c.json: not a chime-conformance summary"),
            "{e}"
        );
        let e = Summary::from_json(
            "{\"format\": \"chime-conformance-summary\", \"version\": 9}",
            "c.json",
        )
        .unwrap_err();
        assert!(
            e.contains("summary version 9 (this chime-conformance reads version 1)"),
            "{e}"
        );
        assert!(
            Summary::from_json("nope", "c.json")
                .unwrap_err()
                .contains("not JSON")
        );
    }
}
