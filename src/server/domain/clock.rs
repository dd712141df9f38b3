//! Time: where real time comes from, and the millisecond precision every timestamp is kept in.

use std::sync::Arc;

/// The source of real time, in epoch seconds; replaceable so tests control time.
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

pub fn system_clock() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Rounds to milliseconds: the precision of every timestamp the server hands out.
pub fn to_ms(t: f64) -> f64 {
    (t * 1000.0).round() / 1000.0
}

/// Milliseconds as the ordering key of a time in seconds.
pub fn ms(t: f64) -> i64 {
    (t * 1000.0).round() as i64
}
