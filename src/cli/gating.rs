//! `run`'s gating flags: a baseline of known deviations, the summary JSON and HTML report,
//! shards and progress; read before the run (a bad file is a usage error, nothing runs) and
//! applied after it.

use crate::harness::gate::baseline::{self, Baseline};
use crate::harness::gate::judge::{Judgement, ScenarioVerdict, judge};
use crate::harness::gate::rebaseline::rebaseline;
use crate::harness::gate::shard::Shard;
use crate::harness::gate::summarise::{RunInfo, summarise};
use crate::harness::gate::summary::Summary;
use crate::harness::gate::{html, judge::SuiteScenario};
use crate::harness::report::{ScenarioId, ScenarioResult};
use crate::harness::{RunOutcome, Verdict};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct GateArgs {
    /// Known deviations (TOML; docs/gating.md): a failure listed there is reported as known and
    /// does not fail the run; a new failure or an expired deviation fails it; a listed scenario
    /// that passes now is reported.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline, also fail when a deviation passes now or names no scenario of the suite
    /// (keeps the baseline from going stale).
    #[arg(long, requires = "baseline")]
    pub strict_baseline: bool,
    /// Write a baseline of this run's failures here, each reason left for a person to fill in
    /// (deviations --baseline already has keep theirs).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Write the machine-readable summary here (JSON: per scenario, catalogue entry and
    /// operation the verdict, counts and durations; fields in docs/gating.md).
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Write the conformance report here: one self-contained HTML file (no network).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Run only shard I of N (counted from 1): a deterministic part of the selected scenarios,
    /// balanced by cost; the N shards together run each scenario once.
    #[arg(long, value_name = "I/N", value_parser = |s: &str| s.parse::<Shard>())]
    pub shard: Option<Shard>,
    /// Balance --shard by the scenario durations in an earlier run's --summary-json file instead
    /// of step counts.
    #[arg(long, value_name = "FILE", requires = "shard")]
    pub shard_durations: Option<PathBuf>,
    /// Show no progress (by default a bar on a terminal, a plain line every 10 s elsewhere).
    #[arg(long)]
    pub no_progress: bool,
}

/// What the gating flags read before the run.
#[derive(Debug, Default)]
pub struct Prepared {
    pub baseline: Baseline,
    pub durations: Option<BTreeMap<ScenarioId, f64>>,
}

impl GateArgs {
    /// Reads the baseline and the shard durations; an error is a usage error.
    pub fn prepare(&self) -> Result<Prepared, String> {
        let baseline = match &self.baseline {
            Some(path) => {
                let b = Baseline::read(path).map_err(|e| format!("--baseline {e}"))?;
                let missing = b.without_reason();
                if missing > 0 {
                    eprintln!(
                        "warning: run: --baseline {}: {missing} deviation(s) without a reason yet",
                        path.display()
                    );
                }
                b
            }
            None => Baseline::default(),
        };
        let durations = self
            .shard_durations
            .as_deref()
            .map(read_durations)
            .transpose()?;
        Ok(Prepared {
            baseline,
            durations,
        })
    }

    /// Judges the outcome against the baseline, prints the baseline's part of the summary and
    /// writes the files asked for; returns the judgement, or a usage error for a file that
    /// could not be written.
    pub fn finish(
        &self,
        outcome: &RunOutcome,
        prepared: &Prepared,
        options: BTreeMap<String, String>,
    ) -> Result<Judgement, String> {
        let suite: Vec<SuiteScenario> = outcome
            .suite
            .iter()
            .map(|p| SuiteScenario {
                id: p.id.clone(),
                behaviours: p.behaviours(),
            })
            .collect();
        let today = chrono::Utc::now().date_naive();
        let judgement = judge(
            &prepared.baseline,
            &outcome.scenarios,
            &outcome.skipped,
            &suite,
            today,
            self.strict_baseline,
        );
        let known = |s: &ScenarioResult| {
            judgement
                .deviation_of(&s.id())
                .filter(|_| judgement.verdict_of(&s.id()) == Some(ScenarioVerdict::Known))
                .map(|d| d.deviation.reason.clone())
        };
        print!("{}", outcome.summary_with_known(&known));
        if let Some(path) = &self.baseline {
            print!("{}", judgement.summary(&path.display().to_string()));
        }
        if let Some(path) = &self.write_baseline {
            let written = rebaseline(&judgement, &prepared.baseline);
            let header = format!(
                "Known deviations of {} ({}), written by chime-conformance run --write-baseline\non {} from {} failure(s). Fill in each reason; review it like code.",
                outcome.target.url,
                outcome.target.kind.as_str(),
                today.format("%Y-%m-%d"),
                written.deviations.len()
            );
            write(
                path,
                &baseline::render(&written, &header),
                "--write-baseline",
            )?;
            println!(
                "Baseline of {} deviation(s) written to {}",
                written.deviations.len(),
                path.display()
            );
        }
        if self.summary_json.is_some() || self.html.is_some() {
            let info = RunInfo {
                options,
                baseline: self.baseline.as_ref().map(|p| p.display().to_string()),
            };
            let summary = summarise(outcome, &judgement, &info);
            if let Some(path) = &self.summary_json {
                write(path, &summary.to_json(), "--summary-json")?;
            }
            if let Some(path) = &self.html {
                write(path, &html::render(&summary), "--html")?;
            }
        }
        Ok(judgement)
    }

    /// The verdict the run gates on.
    pub fn verdict(judgement: &Judgement, outcome: &RunOutcome) -> Verdict {
        judgement.verdict(outcome.verdict())
    }
}

fn write(path: &Path, text: &str, flag: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{flag} {}: {e}", path.display()))
}

/// Scenario id -> seconds, from an earlier run's summary.
fn read_durations(path: &Path) -> Result<BTreeMap<ScenarioId, f64>, String> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--shard-durations {name}: {e}"))?;
    let summary = Summary::from_json(&text, &name).map_err(|e| format!("--shard-durations {e}"))?;
    Ok(summary
        .scenarios
        .into_iter()
        .filter(|s| s.seconds > 0.0)
        .map(|s| (s.id, s.seconds))
        .collect())
}
