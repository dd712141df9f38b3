//! Gating a real implementation on the suite: known deviations, the reports people read and
//! machines compare, and shards.
//!
//! - [`baseline`]: the baseline file of known deviations (TOML), read and written;
//!   [`rebaseline`] makes one from a run's failures.
//! - [`judge`]: a run judged against a baseline, and the verdict the run gates on.
//! - [`catalogue`]: the catalogue's entries, evidence levels and sections.
//! - [`summary`]: the machine-readable summary's fields; [`summarise`] makes it from a run,
//!   [`aggregate`] derives its counts and group verdicts (for runs and merges alike).
//! - [`compare`]: what got better and what got worse between two summaries.
//! - [`merge`]: shards' summaries made one; [`junit_merge`] their JUnit files.
//! - [`html`]: the conformance report, one self-contained HTML file; [`html_parts`] its
//!   escaping, style sheet and small pieces.
//! - [`shard`]: the suite cut into parts of about equal cost.

pub mod aggregate;
pub mod baseline;
pub mod catalogue;
pub mod compare;
pub mod html;
pub mod html_parts;
pub mod judge;
pub mod junit_merge;
pub mod merge;
pub mod rebaseline;
pub mod shard;
pub mod summarise;
pub mod summary;
