//! The Gherkin suite runner: cucumber World, steps, hooks, waiters and reports.
//!
//! - [`context`]: what one run shares between scenarios (client, capabilities, counters).
//! - [`control`]: the test-control protocol client (clock, sweeper, flow events, processors).
//! - [`world`]: the per-scenario state and the one place every call goes through.
//! - [`steps`]: the step definitions, thin over [`world::ChimeWorld::call`].
//! - [`expand`] and [`json`]: placeholders in step text and evidence-strength JSON checks.
//! - [`report`]: the scenario collector, the JUnit and cucumber JSON files.
//! - [`runner`]: runs a set of features against an endpoint (it starts no target) and judges
//!   the outcome.
//! - [`features`]: the suite's feature files, shipped inside the binary.
//! - [`snapshot`]: normalised responses recorded under `snapshots/`, and what a run did with
//!   them.
//! - [`coverage`]: what a run exercised of the models and the catalogue.
//! - [`model_version`]: the models a run judges by, as reports name them.
//! - [`gate`]: baselines of known deviations, the summary JSON, the HTML report, shards.
//! - [`session_probe`]: whether the target's messaging sessions can be connected (the
//!   `messaging-session` capability).

pub mod context;
pub mod control;
pub mod coverage;
pub mod expand;
pub mod features;
pub mod gate;
pub mod json;
pub mod model_version;
pub mod report;
pub mod runner;
pub mod session_probe;
pub mod snapshot;
pub mod steps;
pub mod world;

pub use context::RunContext;
pub use runner::{Endpoint, RunOptions, RunOutcome, Verdict, run_suite};
pub use world::ChimeWorld;
