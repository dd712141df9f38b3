//! What one run shares between its scenarios. Cucumber builds each World without arguments,
//! so the run installs its context here before it starts and every new World takes a handle.

use super::control::Control;
use super::coverage::{Coverage, catalogue_ids};
use super::report::retries::Journal;
use super::runner::interrupt::Interrupt;
use super::world::sessions::quiet::QuietPeriod;
use crate::wire;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A warning: a failure in an `@assumed` scenario, or a violation that only fails when strict.
#[derive(Debug, Clone)]
pub struct Warning {
    pub scenario: String,
    pub message: String,
}

/// The shared state of one run.
pub struct RunContext {
    pub client: wire::Client,
    pub control: Option<Control>,
    pub capabilities: BTreeSet<String>,
    pub strict: bool,
    pub region: String,
    /// Distinguishes this run's resources from other runs against the same account.
    pub run_id: String,
    /// The run's snapshot store and what its snapshot steps did.
    snapshots: std::sync::OnceLock<super::snapshot::Recording>,
    pub http_calls: AtomicUsize,
    pub control_calls: AtomicUsize,
    scenarios: AtomicUsize,
    warnings: Mutex<Vec<Warning>>,
    /// What the run exercised: every answered call and every scenario's catalogue tags.
    pub coverage: Coverage,
    /// The calls each scenario retried, and the tally of retries and pacing.
    pub journal: Journal,
    /// Stops the run: no scenario starts, running ones stop at their next call.
    pub interrupt: Interrupt,
    /// How long one scenario's steps may take.
    pub scenario_timeout: std::time::Duration,
    /// How long sessions must stay silent before "received nothing" holds.
    pub quiet: QuietPeriod,
}

/// The catalogue entry ids coverage is measured against.
pub const CATALOGUE: &str = include_str!("../../catalogue/behaviours.txt");

impl std::fmt::Debug for RunContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunContext")
            .field("capabilities", &self.capabilities)
            .field("strict", &self.strict)
            .field("run_id", &self.run_id)
            .finish_non_exhaustive()
    }
}

tokio::task_local! {
    /// The context of the run driving the current task; runs in one process (self-check)
    /// each see their own.
    static TASK_CONTEXT: Arc<RunContext>;
}

impl RunContext {
    pub fn new(
        client: wire::Client,
        control: Option<Control>,
        capabilities: BTreeSet<String>,
        strict: bool,
        region: String,
    ) -> RunContext {
        let id = uuid::Uuid::new_v4().simple().to_string();
        RunContext {
            client,
            control,
            capabilities,
            strict,
            region,
            run_id: id[..8].to_string(),
            snapshots: std::sync::OnceLock::new(),
            http_calls: AtomicUsize::new(0),
            control_calls: AtomicUsize::new(0),
            scenarios: AtomicUsize::new(0),
            warnings: Mutex::new(Vec::new()),
            coverage: Coverage::new(catalogue_ids(CATALOGUE)),
            journal: Journal::new(),
            interrupt: Interrupt::default(),
            scenario_timeout: std::time::Duration::from_secs(300),
            quiet: QuietPeriod::adaptive(),
        }
    }

    /// Runs `f` (a whole run) with `ctx` as its context, whatever other runs do meanwhile.
    pub async fn scope<F: std::future::Future>(ctx: Arc<RunContext>, f: F) -> F::Output {
        TASK_CONTEXT.scope(ctx, f).await
    }

    /// The context of the running run.
    pub fn current() -> Option<Arc<RunContext>> {
        TASK_CONTEXT.try_with(Arc::clone).ok()
    }

    pub fn has(&self, capability: &str) -> bool {
        self.capabilities.contains(capability)
    }

    /// A number unique within the run, for resource names.
    pub fn next_scenario_number(&self) -> usize {
        self.scenarios.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn warn(&self, scenario: &str, message: String) {
        let mut w = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        w.push(Warning {
            scenario: scenario.to_string(),
            message,
        });
    }

    pub fn warnings(&self) -> Vec<Warning> {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn calls(&self) -> usize {
        self.http_calls.load(Ordering::Relaxed)
    }

    /// Gives the run its snapshot store, before its scenarios start; later calls change nothing.
    pub fn set_snapshots(&self, recording: super::snapshot::Recording) {
        let _ = self.snapshots.set(recording);
    }

    /// The run's snapshot store and what its snapshot steps did; without one set, snapshot
    /// steps normalise but compare nothing.
    pub fn snapshots(&self) -> &super::snapshot::Recording {
        self.snapshots.get_or_init(Default::default)
    }
}
