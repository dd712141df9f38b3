//! How a run goes: region, selection, concurrency, strictness, timeouts, retries and pacing,
//! features, snapshots, and the signal that stops it.

use super::interrupt::Interrupt;
use crate::harness::gate::shard::Shard;
use crate::harness::report::ScenarioId;
use crate::harness::snapshot::SnapshotOptions;
use crate::wire::{Rates, RetryPolicy};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub region: String,
    /// A cucumber tag expression, e.g. `@B-EXP-03 or (@op:CreateChannel and not @assumed)`.
    pub tags: Option<String>,
    pub concurrency: usize,
    pub strict: bool,
    /// The timeout of every HTTP attempt, from connecting to the answer's last byte.
    pub timeout: Duration,
    /// The timeout of connecting, within `timeout`.
    pub connect_timeout: Duration,
    /// How long one scenario's steps may take (its clean-up aside); past it the scenario is
    /// inconclusive.
    pub scenario_timeout: Duration,
    /// How long sessions must stay silent before "received nothing" holds; `None`: the
    /// run follows the deliveries it sees ([`QuietPeriod::adaptive`](crate::harness::world::sessions::quiet::QuietPeriod::adaptive)).
    pub quiet: Option<Duration>,
    /// How failed attempts are retried.
    pub retry: RetryPolicy,
    /// The rates calls are paced to: none by default (the reference server does not throttle
    /// unless asked); [`Rates::service_quotas`] against the real service.
    pub rates: Rates,
    /// Stops the run when given (Ctrl-C); none: the run goes to its end.
    pub interrupt: Option<Interrupt>,
    /// Features to run instead of the embedded suite.
    pub features_dir: Option<PathBuf>,
    /// Where snapshot steps find their snapshots, and whether they record them.
    pub snapshots: SnapshotOptions,
    /// Print a line per finished scenario.
    pub verbose: bool,
    /// Start no scenario after the first failure (scenarios in flight finish).
    pub fail_fast: bool,
    /// Run only this shard of the selected scenarios.
    pub shard: Option<Shard>,
    /// Measured seconds per scenario (from an earlier run's summary), to balance shards by.
    pub shard_durations: Option<BTreeMap<ScenarioId, f64>>,
    /// The target is the reference server the caller started for this run.
    pub embedded_target: bool,
    /// Show progress: a bar on a terminal, a plain line now and then elsewhere.
    pub progress: bool,
}

/// How many scenarios run at once unless told. A run spends most of its time waiting for
/// answers, so against a target 50 ms away 256 keep it within 1.5x of its longest scenario
/// (`cargo bench --bench remote`); against the embedded server it costs nothing.
pub const DEFAULT_CONCURRENCY: usize = 256;

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            region: "us-east-1".to_string(),
            tags: None,
            concurrency: DEFAULT_CONCURRENCY,
            strict: false,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(3),
            scenario_timeout: Duration::from_secs(300),
            quiet: None,
            retry: RetryPolicy::default(),
            rates: Rates::none(),
            interrupt: None,
            features_dir: None,
            snapshots: SnapshotOptions::default(),
            verbose: false,
            fail_fast: false,
            shard: None,
            shard_durations: None,
            embedded_target: false,
            progress: false,
        }
    }
}
