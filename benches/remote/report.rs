//! The figures: per concurrency the runs straight against the server and through the proxy,
//! and the proxied runs' wall times over the critical path.

use crate::suite::Ran;

pub const TARGET: f64 = 1.5;

/// One concurrency's runs.
pub struct Level {
    pub concurrency: usize,
    pub direct: Vec<Ran>,
    pub proxied: Vec<Ran>,
}

impl Level {
    /// The proxied runs' wall times over the critical path.
    pub fn ratios(&self, critical: f64) -> Vec<f64> {
        self.proxied.iter().map(|r| r.wall() / critical).collect()
    }

    /// Whether every proxied run met the target.
    pub fn met(&self, critical: f64) -> bool {
        self.ratios(critical).iter().all(|r| *r <= TARGET)
    }
}

/// `7.30` for one figure, `7.30-7.74` for several (with two decimals).
fn range(values: impl IntoIterator<Item = f64>) -> String {
    range_of(values, 2)
}

fn range_of(values: impl IntoIterator<Item = f64>, decimals: usize) -> String {
    let v: Vec<f64> = values.into_iter().collect();
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    match v.len() {
        0 => "-".into(),
        _ if format!("{lo:.decimals$}") == format!("{hi:.decimals$}") => {
            format!("{lo:.decimals$}")
        }
        _ => format!("{lo:.decimals$}-{hi:.decimals$}"),
    }
}

/// `pass`, or `pass, fail` when the runs' verdicts differ.
fn verdicts(runs: &[Ran]) -> String {
    let mut all: Vec<&str> = runs.iter().map(|r| r.summary.verdict.as_str()).collect();
    all.dedup();
    all.join(",")
}

pub fn table(levels: &[Level], critical: f64, default: usize) {
    println!();
    println!(
        "{:>12} {:>12} {:>13} {:>15} {:>17} {:>14} {:>15} {:>7}",
        "concurrency",
        "direct s",
        "proxied s",
        "proxied/direct",
        "proxied/critical",
        "proxied call/s",
        "verdicts d/p",
        "target"
    );
    let mut sorted: Vec<&Level> = levels.iter().collect();
    sorted.sort_by_key(|l| l.concurrency);
    for l in sorted {
        let direct_mean = l.direct.iter().map(Ran::wall).sum::<f64>() / l.direct.len() as f64;
        let star = if l.concurrency == default { "*" } else { "" };
        let verdict = if l.proxied.iter().any(|r| r.summary.verdict != "pass") {
            "invalid"
        } else if l.met(critical) {
            "met"
        } else {
            "missed"
        };
        println!(
            "{:>12} {:>12} {:>13} {:>15} {:>16}x {:>14} {:>15} {:>7}",
            format!("{}{star}", l.concurrency),
            range(l.direct.iter().map(Ran::wall)),
            range(l.proxied.iter().map(Ran::wall)),
            range(l.proxied.iter().map(|r| r.wall() / direct_mean)),
            range(l.ratios(critical)),
            range_of(l.proxied.iter().map(Ran::calls_per_second), 0),
            format!("{}/{}", verdicts(&l.direct), verdicts(&l.proxied)),
            verdict
        );
    }
    println!(
        "* the default concurrency. Walls are the runs' durationSeconds; the critical path is \
         the longest scenario alone through the proxy ({critical:.2} s); target: every proxied \
         run at most {TARGET}x the critical path; \"invalid\": a proxied run did not pass, so \
         its time says nothing"
    );
}
