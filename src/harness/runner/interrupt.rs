//! The run's stop signal. Once it is given, no scenario starts, the running ones stop at their
//! next call and clean up, and every call, clean-up included, ends by the grace period's end;
//! the run then reports what ran.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// A handle to stop one run, shared by whoever may stop it and the run itself.
#[derive(Debug, Clone)]
pub struct Interrupt {
    /// `Some(end of the grace period)` once given.
    stop: Arc<watch::Sender<Option<Instant>>>,
    why: Arc<OnceLock<String>>,
    grace: Duration,
}

impl Interrupt {
    /// The default time the running scenarios get to clean up.
    pub const DEFAULT_GRACE: Duration = Duration::from_secs(30);

    pub fn new(grace: Duration) -> Interrupt {
        Interrupt {
            stop: Arc::new(watch::Sender::new(None)),
            why: Arc::new(OnceLock::new()),
            grace,
        }
    }

    /// Stops the run, saying why (`SIGINT`); a second call changes nothing.
    pub fn trigger(&self, why: &str) {
        if self.why.set(why.to_string()).is_ok() {
            self.stop.send_replace(Some(Instant::now() + self.grace));
        }
    }

    pub fn is_set(&self) -> bool {
        self.why.get().is_some()
    }

    /// Why the run was stopped, once it was.
    pub fn why(&self) -> Option<&str> {
        self.why.get().map(String::as_str)
    }

    /// When everything must have ended, once the run was stopped.
    pub fn hard_deadline(&self) -> Option<Instant> {
        *self.stop.borrow()
    }

    pub fn grace(&self) -> Duration {
        self.grace
    }

    /// What a call watches to stop retrying and waiting.
    pub fn cancel(&self) -> crate::wire::Cancel {
        self.stop.subscribe()
    }
}

impl Default for Interrupt {
    fn default() -> Self {
        Interrupt::new(Self::DEFAULT_GRACE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reason_stands_and_the_deadline_follows_the_grace() {
        let i = Interrupt::new(Duration::from_secs(5));
        let cancel = i.cancel();
        assert!(!i.is_set() && cancel.borrow().is_none());
        let before = Instant::now();
        i.trigger("SIGTERM");
        i.trigger("SIGINT");
        assert_eq!(i.why(), Some("SIGTERM"));
        let deadline = cancel.borrow().expect("set");
        assert!(deadline >= before + Duration::from_secs(5));
        assert_eq!(i.hard_deadline(), Some(deadline));
    }
}
