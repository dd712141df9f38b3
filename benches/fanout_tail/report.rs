//! The lines the run prints: one per round as it ends, then the figure (each round's p99
//! against the median round's), what happened to the slow consumers and how the storms'
//! reconnects went.

use crate::rounds::Round;
use crate::shared::quantile;
use crate::slow::{End, Outcome};
use crate::storm::Strike;
use std::time::Duration;

/// The ratio no round's p99 may exceed, to the median of all rounds' p99.
pub const TARGET: f64 = 3.0;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Quiet,
    Slow,
    Storm,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quiet => "quiet",
            Kind::Slow => "slow",
            Kind::Storm => "storm",
        }
    }
}

/// One round's figures.
pub struct Measured {
    pub kind: Kind,
    pub round: Round,
    /// The server process's CPU seconds over the round.
    pub cpu: Option<f64>,
}

pub fn header() {
    println!(
        "{:>5} {:<6} {:>9} {:>9} {:>9} {:>13} {:>8}  what else happened",
        "round", "kind", "p50", "p99", "max", "delivered", "srv CPU"
    );
}

pub fn line(index: usize, m: &Measured, note: &str) {
    let r = &m.round;
    let cpu = m.cpu.map_or("?".into(), |c| format!("{:.2} s", c));
    println!(
        "{:>5} {:<6} {:>9.1?} {:>9.1?} {:>9.1?} {:>13} {:>8}  {note}",
        index + 1,
        m.kind.name(),
        r.quantile(0.5),
        r.quantile(0.99),
        r.quantile(1.0),
        format!("{}/{}", r.delivered, r.expected),
        cpu
    );
}

/// How slow sessions ended, alike ones counted together: "3x closed 1013 after 66 frames".
pub fn outcomes(outcomes: &[Outcome]) -> String {
    let mut groups: Vec<(&Outcome, usize)> = Vec::new();
    for o in outcomes {
        match groups.iter_mut().find(|(g, _)| *g == o) {
            Some((_, n)) => *n += 1,
            None => groups.push((o, 1)),
        }
    }
    let each: Vec<String> = groups
        .iter()
        .map(|(o, n)| {
            let how = match &o.end {
                End::Closed(Some(code)) => format!("closed {code}"),
                End::Closed(None) => "closed without a code".into(),
                End::Ended(why) => format!("{why} without a close"),
                End::Open => "still open".into(),
            };
            format!("{n}x {how} after {} frames", o.frames)
        })
        .collect();
    each.join(", ")
}

pub fn storm_note(s: &Strike) -> String {
    let mut note = format!(
        "{} reconnected in {:.0?}: p50 {:.1?}, p99 {:.1?}",
        s.times.len(),
        s.took,
        quantile(&s.times, 0.5),
        quantile(&s.times, 0.99)
    );
    if !s.failed.is_empty() || s.missing > 0 {
        note += &format!(
            "; {} failed, {} did not report (first: {:?})",
            s.failed.len(),
            s.missing,
            s.failed.first()
        );
    }
    note
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    match v.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2,
    }
}

/// Prints the figure; returns the worst round's p99 as a ratio to the median round's.
pub fn figure(rounds: &[Measured]) -> f64 {
    let p99s: Vec<Duration> = rounds.iter().map(|m| m.round.quantile(0.99)).collect();
    let mid = median(p99s.clone());
    let ratios: Vec<f64> = p99s
        .iter()
        .map(|p| p.as_secs_f64() / mid.as_secs_f64().max(1e-9))
        .collect();
    let (worst_at, worst) =
        ratios.iter().copied().enumerate().fold(
            (0, 0.0),
            |best, (i, r)| if r > best.1 { (i, r) } else { best },
        );
    let shown: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
    println!(
        "p99 of each round / the median round's p99 ({mid:.1?}): {}",
        shown.join(" ")
    );
    for kind in [Kind::Quiet, Kind::Slow, Kind::Storm] {
        let mut of: Vec<Duration> = rounds
            .iter()
            .zip(&p99s)
            .filter(|(m, _)| m.kind == kind)
            .map(|(_, p)| *p)
            .collect();
        of.sort_unstable();
        if let (Some(lo), Some(hi)) = (of.first(), of.last()) {
            println!(
                "  {} rounds ({}): p99 {lo:.1?} - {hi:.1?}",
                kind.name(),
                of.len()
            );
        }
    }
    if let Some(m) = rounds.get(worst_at) {
        println!(
            "worst round: {} ({}), p99 {:.1?}, {worst:.2}x the median (target <= {TARGET}x)",
            worst_at + 1,
            m.kind.name(),
            p99s[worst_at]
        );
    }
    worst
}

/// The slow consumers over the run.
pub fn slow_summary(all: &[Outcome], rounds: usize) {
    println!(
        "slow consumers: {} sessions over {rounds} rounds, read after their round: {}",
        all.len(),
        outcomes(all)
    );
}

/// The storms' reconnects over the run.
pub fn storm_summary(strikes: &[Strike]) {
    let mut all: Vec<Duration> = strikes.iter().flat_map(|s| s.times.clone()).collect();
    all.sort_unstable();
    let failed: usize = strikes.iter().map(|s| s.failed.len() + s.missing).sum();
    let took: Vec<String> = strikes.iter().map(|s| format!("{:.0?}", s.took)).collect();
    println!(
        "storm reconnects: {} over {} storms, connect to SESSION_ESTABLISHED p50 {:.1?}, \
         p99 {:.1?}, max {:.1?}; each storm done in {}; {failed} failed or missing",
        all.len(),
        strikes.len(),
        quantile(&all, 0.5),
        quantile(&all, 0.99),
        quantile(&all, 1.0),
        took.join(", ")
    );
}
