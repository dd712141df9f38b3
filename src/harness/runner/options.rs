//! How a run goes: region, selection, concurrency, strictness, timeouts, features, snapshots.

use crate::harness::snapshot::SnapshotOptions;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub region: String,
    /// A cucumber tag expression, e.g. `@B-EXP-03 or (@op:CreateChannel and not @assumed)`.
    pub tags: Option<String>,
    pub concurrency: usize,
    pub strict: bool,
    /// The timeout of every HTTP call.
    pub timeout: Duration,
    /// Features to run instead of the embedded suite.
    pub features_dir: Option<PathBuf>,
    /// Where snapshot steps find their snapshots, and whether they record them.
    pub snapshots: SnapshotOptions,
    /// Print a line per finished scenario.
    pub verbose: bool,
    /// Start no scenario after the first failure (scenarios in flight finish).
    pub fail_fast: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            region: "us-east-1".to_string(),
            tags: None,
            concurrency: 16,
            strict: false,
            timeout: Duration::from_secs(30),
            features_dir: None,
            snapshots: SnapshotOptions::default(),
            verbose: false,
            fail_fast: false,
        }
    }
}
