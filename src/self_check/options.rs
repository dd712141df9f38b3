//! How to self-check: which faults, how many runs at once, how each run goes.

use crate::server::faults::Fault;
use std::time::Duration;

/// How to self-check.
#[derive(Debug, Clone)]
pub struct SelfCheckOptions {
    /// The faults to try; all of them when empty.
    pub faults: Vec<Fault>,
    /// How many suite runs go on at once.
    pub concurrency: usize,
    /// Scenarios at once within one run.
    pub scenarios_per_run: usize,
    /// The timeout of every HTTP call.
    pub timeout: Duration,
    /// Stop each fault's run at its first catch (faster; the matrix then names fewer
    /// scenarios). The clean run always runs whole.
    pub first_catch: bool,
}

impl Default for SelfCheckOptions {
    fn default() -> Self {
        SelfCheckOptions {
            faults: Vec::new(),
            concurrency: 2,
            scenarios_per_run: 16,
            timeout: Duration::from_secs(10),
            first_catch: false,
        }
    }
}
