//! The Gherkin suite runner: cucumber World, steps, hooks, waiters and reports.
//!
//! - [`context`]: what one run shares between scenarios (client, capabilities, counters).
//! - [`control`]: the test-control protocol client (clock, sweeper, flow events, processors).
//! - [`world`]: the per-scenario state and the one place every call goes through.
//! - [`steps`]: the step definitions, thin over [`world::ChimeWorld::call`].
//! - [`expand`] and [`json`]: placeholders in step text and evidence-strength JSON checks.
//! - [`report`]: the scenario collector, the JUnit and cucumber JSON files.
//! - [`runner`]: runs a set of features against a target and judges the outcome.
//! - [`features`]: the suite's feature files, shipped inside the binary.
//! - [`self_check`]: the suite against the reference server and each of its faults.
//! - [`snapshot`]: normalised responses recorded under `snapshots/`, and what a run did with
//!   them. [`normalise`] and [`recording`] only keep the old paths of two of its modules.
//! - [`coverage`]: what a run exercised of the models and the catalogue.

pub mod context;
pub mod control;
pub mod coverage;
pub mod expand;
pub mod features;
pub mod json;
pub mod normalise;
pub mod recording;
pub mod report;
pub mod runner;
pub mod self_check;
pub mod snapshot;
pub mod steps;
pub mod world;

pub use context::RunContext;
pub use runner::{RunOptions, RunOutcome, Target, run_suite};
pub use world::ChimeWorld;
