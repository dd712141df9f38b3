//! Waiting for the target to get somewhere, not sleeping: probe, back off, give up at a
//! deadline with the last observation.

use anyhow::bail;
use std::time::{Duration, Instant};

/// Waiting, not sleeping: a probe loop calls [`Waiter::pause`] after each observation that is
/// not yet the awaited one; it backs off from 10 ms to 500 ms and fails at the deadline with
/// the last observation.
#[derive(Debug)]
pub struct Waiter {
    start: Instant,
    deadline: Duration,
    pause: Duration,
}

impl Waiter {
    pub fn new(deadline: Duration) -> Waiter {
        Waiter {
            start: Instant::now(),
            deadline,
            pause: Duration::from_millis(10),
        }
    }

    /// Waits before the next probe, or fails with `last` once the deadline has passed.
    pub async fn pause(&mut self, last: &str) -> anyhow::Result<()> {
        let elapsed = self.start.elapsed();
        if elapsed >= self.deadline {
            bail!("still not so after {:?}: {last}", self.deadline);
        }
        tokio::time::sleep(self.pause.min(self.deadline - elapsed)).await;
        self.pause = (self.pause * 2).min(Duration::from_millis(500));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiting_ends_at_the_deadline_with_the_last_observation() {
        let mut waiter = Waiter::new(Duration::from_millis(40));
        let mut rounds = 0;
        let err = loop {
            rounds += 1;
            if let Err(e) = waiter.pause(&format!("round {rounds}")).await {
                break e;
            }
        };
        assert!(rounds >= 2, "{rounds}");
        assert!(
            err.to_string().contains(&format!("round {rounds}")),
            "{err}"
        );
    }
}
