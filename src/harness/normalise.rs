//! The old path of [`snapshot::normalise`](super::snapshot::normalise), kept so code that
//! imports `harness::normalise` still compiles; new code imports from `snapshot`.

pub use super::snapshot::normalise::*;
