//! What a run reports: the results cucumber reports per scenario, and the files made of them.
//!
//! - `collector`: the cucumber writer keeping every scenario's result, a line per scenario.
//! - `scenario`: one scenario's result (steps, statuses, failure, behaviours), and a scenario
//!   skipped for a capability the target lacks.
//! - `junit` and `cucumber_json`: the JUnit XML and cucumber JSON files.

mod collector;
mod cucumber_json;
mod junit;
mod scenario;

#[cfg(test)]
mod fixtures;

pub use collector::Collector;
pub use cucumber_json::cucumber_json;
pub use junit::junit;
pub use scenario::{ScenarioResult, SkippedScenario, StepResult, StepStatus};
