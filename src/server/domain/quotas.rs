//! The service's message-write quotas, enforced only when asked for (`serve --quotas`).
//!
//! The Chime SDK quotas page lists 30 message writes per second per channel and 10 per second
//! per bearer. The reference server does not throttle by default, as local mocks of AWS services
//! generally do not, so that suites and load tests run at full speed; with quotas on, writes over
//! either limit are refused with ThrottledClientException (HTTP 429), which lets a client test its
//! retry and back-off. Windows are whole seconds of the AppInstance's clock (a choice: the
//! service does not document how it counts).

use super::clock::ms;
use super::error::ApiError;

/// Message writes per second per channel.
pub const PER_CHANNEL: u32 = 30;
/// Message writes per second per bearer.
pub const PER_BEARER: u32 = 10;

/// The operations that count as message writes.
pub const MESSAGE_WRITES: [&str; 4] = [
    "SendChannelMessage",
    "UpdateChannelMessage",
    "RedactChannelMessage",
    "DeleteChannelMessage",
];

/// Writes counted in the current one-second window.
#[derive(Debug, Default, Clone, Copy)]
pub struct Window {
    second: i64,
    count: u32,
}

impl Window {
    fn used(&self, second: i64) -> u32 {
        if self.second == second { self.count } else { 0 }
    }

    fn record(&mut self, second: i64) {
        self.count = self.used(second) + 1;
        self.second = second;
    }
}

/// Admits one write at `now` (epoch seconds) against a channel's and a bearer's windows, or
/// refuses it without counting it.
pub fn admit(
    channel: &mut Window,
    bearer: &mut Window,
    now: f64,
    what: &str,
) -> Result<(), ApiError> {
    let second = ms(now).div_euclid(1000);
    if channel.used(second) >= PER_CHANNEL {
        return Err(ApiError::throttled(format!(
            "{what}: the channel already took {PER_CHANNEL} message writes this second"
        )));
    }
    if bearer.used(second) >= PER_BEARER {
        return Err(ApiError::throttled(format!(
            "{what}: the bearer already made {PER_BEARER} message writes this second"
        )));
    }
    channel.record(second);
    bearer.record(second);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_gets_ten_writes_a_second() {
        let (mut ch, mut who) = (Window::default(), Window::default());
        for _ in 0..PER_BEARER {
            admit(&mut ch, &mut who, 100.2, "send").unwrap();
        }
        let e = admit(&mut ch, &mut who, 100.9, "send").unwrap_err();
        assert_eq!(e.shape, "ThrottledClientException");
        assert!(e.message.contains("bearer"), "{}", e.message);
        admit(&mut ch, &mut who, 101.0, "send").expect("a new second");
    }

    #[test]
    fn a_channel_gets_thirty_writes_a_second_from_all_bearers() {
        let mut ch = Window::default();
        let mut bearers = [Window::default(); 4];
        let mut admitted = 0;
        for i in 0..40 {
            if admit(&mut ch, &mut bearers[i % 4], 7.5, "send").is_ok() {
                admitted += 1;
            }
        }
        assert_eq!(admitted, PER_CHANNEL);
        let e = admit(&mut ch, &mut Window::default(), 7.99, "send").unwrap_err();
        assert!(e.message.contains("channel"), "{}", e.message);
    }
}
