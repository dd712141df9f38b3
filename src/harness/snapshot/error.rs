//! Why a snapshot check failed: missing, different, unreadable, or not normalisable.

use super::diff::Differences;
use super::normalise::NormaliseError;
use std::path::PathBuf;

/// Why a snapshot check failed.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(
        "snapshot {path} for {key} does not exist (run in update mode to record it); the response was:\n{found}"
    )]
    Missing {
        path: PathBuf,
        key: String,
        /// The snapshot JSON that would have been written.
        found: String,
    },
    #[error("snapshot {path} for {key} differs:{differences}")]
    Mismatch {
        path: PathBuf,
        key: String,
        differences: Differences,
    },
    #[error("snapshot {path}: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("snapshot {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("snapshot of the response: {0}")]
    Normalise(#[from] NormaliseError),
    /// Two different keys sanitise to the same file name within one run.
    #[error("snapshot {path} is claimed by both \"{first}\" and \"{second}\": give one a name")]
    NameClash {
        path: PathBuf,
        first: String,
        second: String,
    },
}
