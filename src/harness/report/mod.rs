//! What a run reports: the results cucumber reports per scenario, and the files made of them.
//!
//! - `collector`: the cucumber writer keeping every scenario's result, a line per scenario.
//! - `scenario`: one scenario's result (steps, statuses, failure, behaviours), and a scenario
//!   skipped for a capability the target lacks.
//! - `junit` and `cucumber_json`: the JUnit XML and cucumber JSON files.
//! - [`retries`]: the calls each scenario retried, and the run's tally of retries and pacing.

mod collector;
mod cucumber_json;
mod junit;
pub mod retries;
mod scenario;

#[cfg(test)]
mod fixtures;

pub use collector::Collector;
pub use cucumber_json::cucumber_json;
pub use junit::junit;
pub use retries::{Journal, RetryNote, RetryTally, ScenarioKey};
pub use scenario::{Ending, ScenarioResult, SkippedScenario, StepResult, StepStatus};
