//! What a run exercised, measured against the models and the behaviour catalogue: the
//! operations called, the success and each modelled error observed per operation, the enum
//! values sent and seen, the response members observed and the catalogue entries exercised.
//!
//! Every total comes from the models (walked once from each operation's input, output and
//! error shapes), so the figures follow the models when they change.
//!
//! - `recorder`: [`Coverage`], what the calls of a run exercised, counted as they happen;
//!   `found` walks one value against its shape for it, `asserted` names the members an
//!   assertion checked; `listed` reads the lines of the checked-in lists.
//! - `universe`: what the models offer to be covered; `unasserted`: why some response
//!   members are not asserted.
//! - [`provokable`]: which modelled errors a client can provoke, and why the others not.
//! - `report`: [`CoverageReport`], the figures, their JSON, summary and minimum check.

mod asserted;
mod found;
mod listed;
pub mod provokable;
mod recorder;
mod report;
mod unasserted;
mod universe;

#[cfg(test)]
mod fixtures;

pub use recorder::{Coverage, catalogue_ids};
pub use report::{CoverageReport, MinCoverageError, OperationCoverage, Ratio};
