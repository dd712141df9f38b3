//! Shards: a deterministic cut of the suite into N parts of about equal cost, so N CI jobs
//! finish together. Each scenario costs its steps, or its measured seconds when a summary of an
//! earlier run is given; the parts are filled greedily, the dearest scenario first into the
//! cheapest part (longest-processing-time first), ties broken by id, so every job computes
//! the same cut from the same features without talking to the others.

use crate::harness::report::ScenarioId;
use std::collections::BTreeMap;
use std::fmt;

/// Shard `index` of `count`, both counted from 1 (`--shard 2/4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

/// The largest shard count accepted: more parts than that are never cheaper.
pub const MAX_SHARDS: usize = 1000;

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("--shard {s}: I/N with 1 <= I <= N <= {MAX_SHARDS}, e.g. 2/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count || count > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The cost of each scenario: its measured seconds where `durations` has them; otherwise its
/// steps, scaled by the seconds a step took on average among those measured, so both kinds
/// add up in one unit.
pub fn costs(
    scenarios: &[(ScenarioId, usize)],
    durations: Option<&BTreeMap<ScenarioId, f64>>,
) -> Vec<(ScenarioId, f64)> {
    let durations = durations.filter(|d| !d.is_empty());
    let per_step = durations.map_or(1.0, |d| {
        let (secs, steps) = scenarios
            .iter()
            .filter_map(|(id, steps)| d.get(id).map(|s| (*s, *steps)))
            .fold((0.0, 0usize), |(a, b), (s, n)| (a + s, b + n));
        if steps == 0 || secs <= 0.0 {
            1.0
        } else {
            secs / steps as f64
        }
    });
    scenarios
        .iter()
        .map(|(id, steps)| {
            let measured = durations.and_then(|d| d.get(id)).copied();
            let cost = measured.unwrap_or(*steps as f64 * per_step);
            // A scenario is never free: it has a before and an after hook at least.
            (id.clone(), cost.max(1e-3))
        })
        .collect()
}

/// Cuts `costs` into `count` parts; part `k` (from 0) holds the ids of shard `k + 1`, sorted.
pub fn cut(costs: &[(ScenarioId, f64)], count: usize) -> Vec<Vec<ScenarioId>> {
    let count = count.max(1);
    let mut order: Vec<&(ScenarioId, f64)> = costs.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut parts: Vec<Vec<ScenarioId>> = vec![Vec::new(); count];
    let mut loads = vec![0.0f64; count];
    for (id, cost) in order {
        let cheapest = (0..count)
            .min_by(|&a, &b| loads[a].total_cmp(&loads[b]).then(a.cmp(&b)))
            .unwrap_or(0);
        loads[cheapest] += cost;
        parts[cheapest].push(id.clone());
    }
    for p in &mut parts {
        p.sort();
    }
    parts
}

/// Each part's total cost, as [`cut`] made them.
pub fn loads(costs: &[(ScenarioId, f64)], parts: &[Vec<ScenarioId>]) -> Vec<f64> {
    let by_id: BTreeMap<&ScenarioId, f64> = costs.iter().map(|(id, c)| (id, *c)).collect();
    parts
        .iter()
        .map(|p| {
            p.iter()
                .filter_map(|id| by_id.get(id))
                .fold(0.0, |t, c| t + c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<(ScenarioId, usize)> {
        (0..n)
            .map(|i| {
                (
                    ScenarioId::new("a.feature", format!("s{i:03}")),
                    1 + (i * 7) % 13,
                )
            })
            .collect()
    }

    #[test]
    fn shards_parse_and_refuse_nonsense() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!("2/4".parse::<Shard>().unwrap().to_string(), "2/4");
        for bad in ["0/4", "5/4", "1/0", "x/2", "2", "1/1001", "-1/2", ""] {
            let e = bad.parse::<Shard>().unwrap_err();
            assert!(e.contains("I/N with 1 <= I <= N"), "{bad}: {e}");
        }
    }

    #[test]
    fn parts_cover_everything_once_and_weigh_about_the_same() {
        let costs = costs(&ids(100), None);
        for n in 1..=7 {
            let parts = cut(&costs, n);
            let mut all: Vec<&ScenarioId> = parts.iter().flatten().collect();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), 100);
            assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 100);
            let l = loads(&costs, &parts);
            let (lo, hi) = l
                .iter()
                .fold((f64::MAX, 0.0f64), |(a, b), x| (a.min(*x), b.max(*x)));
            assert!(hi <= lo * 1.1, "n={n}: {l:?}");
            assert_eq!(cut(&costs, n), parts, "the same cut every time");
        }
    }

    #[test]
    fn measured_durations_outweigh_steps() {
        let list = ids(4);
        let mut d = BTreeMap::new();
        d.insert(list[0].0.clone(), 100.0);
        d.insert(list[1].0.clone(), 2.0 * list[1].1 as f64);
        let c = costs(&list, Some(&d));
        assert_eq!(c[0].1, 100.0);
        // The unmeasured ones cost their steps at the measured seconds a step.
        let per_step = (100.0 + 2.0 * list[1].1 as f64) / (list[0].1 + list[1].1) as f64;
        assert!((c[2].1 - list[2].1 as f64 * per_step).abs() < 1e-9);
        // Measured, a one-step scenario of 100 s outweighs all the others together.
        let all: BTreeMap<ScenarioId, f64> = list
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), if i == 0 { 100.0 } else { 1.0 }))
            .collect();
        let parts = cut(&costs(&list, Some(&all)), 2);
        assert_eq!(parts[0], vec![list[0].0.clone()], "the dear one alone");
        assert_eq!(parts[1].len(), 3);
        let by_steps = cut(&costs(&list, None), 2);
        assert_ne!(by_steps[0], vec![list[0].0.clone()]);
    }
}
