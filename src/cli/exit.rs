//! The exit codes every command shares, and the one a run's verdict maps to.

use crate::harness::Verdict;

/// Everything passed.
pub const OK: u8 = 0;
/// A conformance failure: a violation, a failed scenario, a schema drift.
pub const FAILURE: u8 = 1;
/// A usage or connection problem: nothing was judged; or the target gave no judgeable answer
/// where nothing failed (inconclusive).
pub const USAGE: u8 = 2;
/// The run was interrupted (SIGINT or SIGTERM), as shells report 128 + SIGINT.
pub const INTERRUPTED: u8 = 130;

/// The exit code of a run with this verdict.
pub fn of_verdict(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Passed => OK,
        Verdict::Failed => FAILURE,
        Verdict::Inconclusive | Verdict::NothingJudged => USAGE,
        Verdict::Interrupted => INTERRUPTED,
    }
}
