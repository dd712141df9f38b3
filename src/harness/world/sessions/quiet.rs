//! How long a session must stay silent about something before "it received nothing" holds.
//!
//! Fixed, when the run is told a period. Otherwise it follows the target: [`FACTOR`] times the
//! slowest delivery the run has seen so far, within [`FLOOR`] and [`CEILING`], and the ceiling
//! until a delivery has been seen. A delivery is an awaited event, timed from the answer of the
//! call that caused it ([`Sessions::deliveries`](super::Sessions::deliveries)): zero when it
//! beat that answer. The reference server pushes before it answers, so its runs wait
//! [`FLOOR`]; a target that delivers later waits longer, and none waits more than [`CEILING`],
//! what every run waited before the period followed the target.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The period until a delivery has been seen, and the longest one the run picks itself.
pub const CEILING: Duration = Duration::from_secs(1);
/// The shortest period the run picks itself: scheduling noise on a loaded machine is tens
/// of milliseconds.
pub const FLOOR: Duration = Duration::from_millis(150);
/// How many times the slowest delivery seen a silence is given: the slowest is already a
/// loaded moment's (the embedded server's, at 256 scenarios at once, 40-100 ms).
pub const FACTOR: u32 = 3;

/// The run's quiet period.
#[derive(Debug)]
pub struct QuietPeriod {
    fixed: Option<Duration>,
    /// The slowest delivery seen, in microseconds; `u64::MAX` until one is.
    slowest_micros: AtomicU64,
}

impl QuietPeriod {
    /// A period that follows the deliveries the run sees.
    pub fn adaptive() -> QuietPeriod {
        QuietPeriod {
            fixed: None,
            slowest_micros: AtomicU64::new(u64::MAX),
        }
    }

    /// A period that stays `period` whatever the run sees.
    pub fn fixed(period: Duration) -> QuietPeriod {
        QuietPeriod {
            fixed: Some(period),
            ..QuietPeriod::adaptive()
        }
    }

    /// Notes how long a delivery took.
    pub fn delivered(&self, took: Duration) {
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX - 1);
        // The first delivery replaces "none seen"; later ones only raise the slowest.
        let _ = self
            .slowest_micros
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |seen| {
                (seen == u64::MAX || micros > seen).then_some(micros)
            });
    }

    /// The slowest delivery seen, if any.
    pub fn slowest(&self) -> Option<Duration> {
        match self.slowest_micros.load(Ordering::Relaxed) {
            u64::MAX => None,
            micros => Some(Duration::from_micros(micros)),
        }
    }

    /// The period as of now.
    pub fn period(&self) -> Duration {
        if let Some(fixed) = self.fixed {
            return fixed;
        }
        self.slowest()
            .map_or(CEILING, |s| (s * FACTOR).clamp(FLOOR, CEILING))
    }

    /// How the period is chosen, for the run's header and failure messages.
    pub fn describe(&self) -> String {
        match (self.fixed, self.slowest()) {
            (Some(p), _) => format!("{p:?} (fixed)"),
            (None, None) => format!("{CEILING:?} (no delivery seen yet)"),
            (None, Some(s)) => format!(
                "{:?} ({FACTOR}x the slowest delivery seen, {s:?}, within {FLOOR:?}..{CEILING:?})",
                self.period()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_a_delivery_is_seen_the_period_is_the_ceiling() {
        let q = QuietPeriod::adaptive();
        assert_eq!(q.period(), CEILING);
        assert!(
            q.describe().contains("no delivery seen"),
            "{}",
            q.describe()
        );
    }

    #[test]
    fn the_period_follows_the_slowest_delivery_within_its_bounds() {
        let q = QuietPeriod::adaptive();
        q.delivered(Duration::from_millis(2));
        assert_eq!(q.period(), FLOOR, "a fast target waits the floor");
        q.delivered(Duration::from_millis(60));
        assert_eq!(q.period(), Duration::from_millis(60) * FACTOR);
        q.delivered(Duration::from_millis(10));
        assert_eq!(
            q.slowest(),
            Some(Duration::from_millis(60)),
            "never lowered"
        );
        q.delivered(Duration::from_millis(700));
        assert_eq!(q.period(), CEILING, "never above the ceiling");
    }

    #[test]
    fn a_fixed_period_ignores_deliveries() {
        let q = QuietPeriod::fixed(Duration::from_secs(3));
        q.delivered(Duration::from_millis(1));
        assert_eq!(q.period(), Duration::from_secs(3));
        assert!(q.describe().contains("fixed"));
    }
}
