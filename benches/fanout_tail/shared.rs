//! What this bench shares with the sessions bench (its clock, the Content mark, the limits
//! and helpers of `benches/sessions/shared.rs`), and what it does differently: a run that could
//! not be made exits 2, so that exit 1 only ever means a missed target.

pub use crate::common::*;

/// Shadows the sessions bench's `fail` (a glob import yields to a local item), for this
/// bench's modules and the sessions bench's modules it includes alike.
pub fn fail(why: impl std::fmt::Display) -> ! {
    eprintln!("fanout_tail bench: {why}");
    std::process::exit(2)
}

/// Quantile `q` of `sorted` (nearest rank, as the sessions bench's rounds take it).
pub fn quantile<T: Copy + Default>(sorted: &[T], q: f64) -> T {
    let at = ((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or_default()
}
