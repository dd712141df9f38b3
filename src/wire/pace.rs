//! Pacing: a call waits until every window it counts against has room, so a client stays
//! under its rates instead of being throttled.
//!
//! A window admits `rate` calls in any second: a call in flight occupies it, and a finished
//! one occupies it for a second after its answer arrived. The answer, not the request, starts
//! the second because the target counted the call somewhere between the two: measured so, no
//! counting scheme the target may use (a fixed one-second window, a sliding one, a token bucket
//! of `rate` a second) sees more than `rate` in a second, whatever the network's delays.

pub use super::quotas::{Rates, Scope};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::Notify;
// tokio's clock, which tests can pause.
use tokio::time::Instant;

/// How long a finished call occupies its windows: a second, and a little for the target's
/// clock granularity.
const PERIOD: Duration = Duration::from_millis(1010);

#[derive(Debug, Default)]
struct Window {
    in_flight: u32,
    /// When the answers of recent calls arrived, oldest first.
    finished: VecDeque<Instant>,
}

impl Window {
    fn occupied(&mut self, now: Instant) -> u32 {
        while self
            .finished
            .front()
            .is_some_and(|t| now.duration_since(*t) >= PERIOD)
        {
            self.finished.pop_front();
        }
        self.in_flight + self.finished.len() as u32
    }

    /// When the oldest finished call leaves the window (none while only calls in flight fill it).
    fn frees_at(&self) -> Option<Instant> {
        self.finished.front().map(|t| *t + PERIOD)
    }
}

type Key = (Scope, String);

/// The windows of one client.
#[derive(Debug)]
pub struct Pacer {
    rates: Rates,
    windows: Mutex<HashMap<Key, Window>>,
    /// Told when a call finishes, for callers waiting on windows full of calls in flight.
    finished: Notify,
}

/// A call's place in its windows, held while it is in flight.
#[derive(Debug)]
pub struct Permit<'a> {
    pacer: &'a Pacer,
    keys: Vec<Key>,
}

impl Pacer {
    pub fn new(rates: Rates) -> Pacer {
        Pacer {
            rates,
            windows: Mutex::new(HashMap::new()),
            finished: Notify::new(),
        }
    }

    pub fn rates(&self) -> &Rates {
        &self.rates
    }

    /// Waits until every window `operation` with `input` counts against has room, and takes
    /// a place in each. Dropping the future gives up the wait and takes nothing.
    pub async fn admit(&self, operation: &str, input: &Value) -> Permit<'_> {
        let wanted = self.rates.windows(operation, input);
        loop {
            // Registered before looking, so a call finishing meanwhile still wakes us.
            let finished = self.finished.notified();
            let wake = {
                let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                let mut wake: Option<Option<Instant>> = None;
                for (scope, key, rate) in &wanted {
                    let w = windows.entry((scope.clone(), key.clone())).or_default();
                    if w.occupied(now) >= *rate {
                        let frees = w.frees_at();
                        wake = Some(match wake {
                            None => frees,
                            Some(earlier) => earlier.max(frees),
                        });
                    }
                }
                match wake {
                    None => {
                        let keys: Vec<Key> = wanted
                            .iter()
                            .map(|(s, k, _)| (s.clone(), k.clone()))
                            .collect();
                        for k in &keys {
                            windows.entry(k.clone()).or_default().in_flight += 1;
                        }
                        forget_idle(&mut windows, now);
                        return Permit { pacer: self, keys };
                    }
                    Some(at) => at,
                }
            };
            match wake {
                Some(at) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(at) => {}
                        _ = finished => {}
                    }
                }
                None => finished.await,
            }
        }
    }

    fn release(&self, keys: &[Key]) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        for k in keys {
            let w = windows.entry(k.clone()).or_default();
            w.in_flight = w.in_flight.saturating_sub(1);
            w.finished.push_back(now);
        }
        drop(windows);
        self.finished.notify_waiters();
    }
}

/// Keeps the map from growing with every bearer and channel a long run meets.
fn forget_idle(windows: &mut HashMap<Key, Window>, now: Instant) {
    if windows.len() > 4096 {
        windows.retain(|_, w| w.occupied(now) > 0);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.keys.is_empty() {
            self.pacer.release(&self.keys);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn send_as(bearer: &str) -> Value {
        json!({"ChimeBearer": bearer, "ChannelArn": "general"})
    }

    #[tokio::test(start_paused = true)]
    async fn a_bearer_makes_ten_writes_a_second_and_no_more() {
        let pacer = Pacer::new(Rates::service_quotas());
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..25 {
            let permit = pacer.admit("SendChannelMessage", &send_as("alice")).await;
            times.push(start.elapsed());
            drop(permit);
        }
        // Every run of 11 consecutive writes spans at least a second.
        for pair in times.windows(11) {
            assert!(pair[10] - pair[0] >= Duration::from_secs(1), "{times:?}");
        }
        assert!(times[24] < Duration::from_millis(2100), "{times:?}");
        // Another bearer is not held back by alice.
        let before = Instant::now();
        drop(pacer.admit("SendChannelMessage", &send_as("bob")).await);
        assert_eq!(before.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn calls_in_flight_hold_their_place_until_they_finish() {
        let mut rates = Rates::none();
        rates.set("DescribeChannel=2").unwrap();
        let pacer = std::sync::Arc::new(Pacer::new(rates));
        let a = pacer.admit("DescribeChannel", &json!({})).await;
        let b = pacer.admit("DescribeChannel", &json!({})).await;
        let waiting = {
            let pacer = pacer.clone();
            tokio::spawn(async move {
                let start = Instant::now();
                drop(pacer.admit("DescribeChannel", &json!({})).await);
                start.elapsed()
            })
        };
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert!(
            !waiting.is_finished(),
            "admitted while both places were held"
        );
        drop((a, b));
        let waited = waiting.await.unwrap();
        // Admitted a second after the first answer, not when it came.
        assert!(waited >= Duration::from_secs(6), "{waited:?}");
        // Operations without a rate are never held.
        drop(pacer.admit("ListChannels", &json!({})).await);
    }
}
