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
