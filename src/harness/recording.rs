//! The old path of [`snapshot::recording`](super::snapshot::recording) and of
//! [`SnapshotScope`], kept so code that imports `harness::recording` still compiles; new code
//! imports from `snapshot`.

pub use super::snapshot::SnapshotScope;
pub use super::snapshot::recording::*;
