//! Response snapshots: the normalised status, `x-amzn-ErrorType` and body of a response, kept
//! as files under `snapshots/` and compared on later runs.
//!
//! - `key`: which snapshot a step takes, and its file name (from the feature file, the
//!   scenario and the step, so the same on every run whatever the scheduling).
//! - `content`: what a snapshot records of a response, and how two differ (`diff`);
//!   `scrub` replaces known values inside error messages.
//! - `file`: insta's `.snap` layout, read and written.
//! - `store`: one run's snapshot directory and mode, checking and recording snapshots;
//!   `error`: why a check failed.
//! - [`normalise`]: the placeholders that make responses of different runs comparable.
//! - [`provenance`]: which target recorded a snapshot, with which model, when, and when the
//!   real service last matched it (in the `.snap` header's `info`).
//! - [`recording`]: what a run did with its snapshots, for the summary; `scope`: which step
//!   of which scenario a snapshot belongs to.

mod content;
mod diff;
mod error;
mod file;
mod key;
pub mod normalise;
pub mod provenance;
pub mod recording;
mod scope;
mod scrub;
mod store;

#[cfg(test)]
mod fixtures;

pub use content::Snapshot;
pub use diff::{Difference, Differences};
pub use error::SnapshotError;
pub use file::EXTENSION;
pub use key::{SnapshotKey, StepRef, sanitise};
pub use normalise::{NormaliseError, Normaliser};
pub use provenance::Provenance;
pub use recording::{DEFAULT_DIR, Recording, SnapshotOptions, SnapshotReport};
pub use scope::SnapshotScope;
pub use store::{SnapshotMode, SnapshotOutcome, SnapshotStore, ci_from_env};
