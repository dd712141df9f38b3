//! Runs a set of features against one endpoint and judges the outcome.
//!
//! - [`endpoint`]: the target, known only by its endpoints.
//! - [`interrupt`]: the signal that stops a run, and the grace its clean-up gets.
//! - [`options`]: how a run goes.
//! - [`selection`]: which scenarios run, and which are skipped for a missing capability.
//! - [`plan`]: the scenarios of the features before the run (shards are cut from them).
//! - [`order`]: the order scenarios start in, the costliest first.
//! - [`run`]: the run itself, from the capability probe to the gathered outcome.
//! - [`outcome`]: what the run found, its verdict and its summary.

pub mod endpoint;
pub mod interrupt;
pub mod options;
pub mod order;
pub mod outcome;
pub mod plan;
pub mod run;
pub mod selection;

pub use endpoint::{Endpoint, TargetKind, identity_for};
pub use interrupt::Interrupt;
pub use options::RunOptions;
pub use outcome::{RunOutcome, TargetInfo, Verdict};
pub use plan::Planned;
pub use run::{RunError, run_suite};
pub use selection::{known_capabilities, needs};
