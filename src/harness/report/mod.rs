//! What a run reports: the results cucumber reports per scenario, and the files made of them.
//!
//! - `collector`: the cucumber writer keeping every scenario's result, a line per scenario.
//! - `scenario`: one scenario's result (steps, statuses, failure, behaviours), and a scenario
//!   skipped for a capability the target lacks.
//! - `junit` and `cucumber_json`: the JUnit XML and cucumber JSON files.
//! - [`retries`]: the calls each scenario retried, and the run's tally of retries and pacing.
//! - `scenario_id`: a scenario's stable name across runs (baselines and shards use it).
//! - `progress`: how far a run has got, a bar on a terminal and plain lines elsewhere.
//! - `exchange`: the call a failing step judged, request and answer, with credentials removed.

mod collector;
mod cucumber_json;
mod exchange;
mod junit;
mod progress;
pub mod retries;
mod scenario;
mod scenario_id;

#[cfg(test)]
pub(crate) mod fixtures;

pub use collector::Collector;
pub use cucumber_json::cucumber_json;
pub use exchange::Exchange;
pub use junit::{junit, xml as escape_markup};
pub use progress::Progress;
pub use retries::{Journal, RetryNote, RetryTally, ScenarioKey};
pub use scenario::{Ending, ScenarioResult, SkippedScenario, StepResult, StepStatus};
pub use scenario_id::{ScenarioId, example_row};
