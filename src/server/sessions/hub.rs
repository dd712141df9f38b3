//! The registry of connected sessions: per AppInstance and user, each session's bounded
//! outbound queue. It is the domain's event sink: it encodes an event once and puts it in the
//! queue of every session of its recipients, never waiting for one (B-WS-13). A session whose
//! queue is full is dropped from the registry and told to close (`socket.rs`).

use super::frame::{encode, session_established};
use crate::server::domain::{Domain, MAX_PREFETCHED_CHANNELS};
use crate::server::domain::{Event, EventSink};
use crate::server::faults::{Fault, FaultSet};
use axum::extract::ws::Utf8Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use tokio::sync::{Notify, mpsc};

/// (assumed) How many frames may wait for a session that does not read: enough for a burst
/// at the service's write quotas, and for SESSION_ESTABLISHED and 50 CHANNEL_DETAILS.
pub const QUEUE_BOUND: usize = 1000;

// A new session's queue takes SESSION_ESTABLISHED and every CHANNEL_DETAILS without waiting.
const _: () = assert!(QUEUE_BOUND > MAX_PREFETCHED_CHANNELS + 1);

/// A frame waiting to be written to one session.
#[derive(Debug, Clone)]
pub struct Outbound {
    pub text: Utf8Bytes,
    /// Channel traffic, not the session's own bootstrap frames.
    pub channel_traffic: bool,
}

/// What a registered session's socket task holds.
pub struct Registration {
    pub id: u64,
    pub app_instance: String,
    pub rx: mpsc::Receiver<Outbound>,
    /// Fired when the queue overflowed and the session was dropped.
    pub overflowed: Arc<Notify>,
}

struct Entry {
    id: u64,
    tx: mpsc::Sender<Outbound>,
    overflowed: Arc<Notify>,
}

#[derive(Default)]
struct Registry {
    /// AppInstance ARN -> user ARN -> the user's sessions.
    instances: HashMap<String, HashMap<String, Vec<Entry>>>,
    next_id: u64,
}

/// The sessions connected to one server.
#[derive(Default)]
pub struct Hub {
    registry: Mutex<Registry>,
    /// How many sessions the registry holds, readable without its lock: every action asks
    /// who is connected, and most of the time no one is.
    open: AtomicUsize,
    /// The server's deliberate deviations (self-check); empty for the faithful server.
    faults: FaultSet,
}

impl Hub {
    /// A hub that `domain` hands its events to for as long as the hub lives.
    pub fn install(domain: &Domain) -> Arc<Hub> {
        let hub = Arc::new(Hub {
            registry: Mutex::default(),
            open: AtomicUsize::new(0),
            faults: domain.faults().clone(),
        });
        let weak: Weak<Hub> = Arc::downgrade(&hub);
        domain.install_sink(weak);
        hub
    }

    fn registry(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a session of `user`: its queue starts with SESSION_ESTABLISHED (B-WS-04),
    /// then `details` (B-WS-11), before any event can follow.
    pub fn register(&self, app_instance: &str, user: &str, details: Vec<Event>) -> Registration {
        let (tx, rx) = mpsc::channel(QUEUE_BOUND);
        let established =
            Some(session_established()).filter(|_| !self.faults.has(Fault::NoSessionEstablished));
        for event in established.into_iter().chain(details) {
            // The queue is new and larger than the bootstrap (asserted at QUEUE_BOUND).
            let queued = tx.try_send(self.outbound(&event));
            debug_assert!(queued.is_ok(), "a new session's queue took its bootstrap");
        }
        let overflowed = Arc::new(Notify::new());
        let mut guard = self.registry();
        let r = &mut *guard;
        r.next_id += 1;
        self.open.fetch_add(1, Ordering::Relaxed);
        let id = r.next_id;
        r.instances
            .entry(app_instance.to_owned())
            .or_default()
            .entry(user.to_owned())
            .or_default()
            .push(Entry {
                id,
                tx,
                overflowed: overflowed.clone(),
            });
        Registration {
            id,
            app_instance: app_instance.to_owned(),
            rx,
            overflowed,
        }
    }

    /// Forgets session `id` of `user` (its socket closed); a no-op if it was dropped already.
    pub fn unregister(&self, app_instance: &str, user: &str, id: u64) {
        let mut guard = self.registry();
        let r = &mut *guard;
        let Some(users) = r.instances.get_mut(app_instance) else {
            return;
        };
        let Some(sessions) = users.get_mut(user) else {
            return;
        };
        let before = sessions.len();
        sessions.retain(|e| e.id != id);
        let removed = before - sessions.len();
        if sessions.is_empty() {
            users.remove(user);
        }
        if users.is_empty() {
            r.instances.remove(app_instance);
        }
        self.open.fetch_sub(removed, Ordering::Relaxed);
    }

    fn outbound(&self, event: &Event) -> Outbound {
        Outbound {
            text: Utf8Bytes::from(encode(event, &self.faults)),
            channel_traffic: event.kind.is_channel_traffic(),
        }
    }

    /// How many sessions are open.
    pub fn open_sessions(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }
}

impl EventSink for Hub {
    fn connected(&self, app_instance: &str) -> Vec<String> {
        // A session registers under its AppInstance's lock, which the caller holds: a count
        // of zero cannot miss a session of this AppInstance.
        if self.open.load(Ordering::Relaxed) == 0 {
            return Vec::new();
        }
        self.registry()
            .instances
            .get(app_instance)
            .map(|users| users.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn deliver(&self, app_instance: &str, event: Event, recipients: Vec<String>) {
        let frame = self.outbound(&event);
        let mut guard = self.registry();
        let r = &mut *guard;
        let Some(users) = r.instances.get_mut(app_instance) else {
            return;
        };
        let mut dropped = 0;
        for user in &recipients {
            let Some(sessions) = users.get_mut(user) else {
                continue;
            };
            sessions.retain(|e| match e.tx.try_send(frame.clone()) {
                Ok(()) => true,
                Err(mpsc::error::TrySendError::Full(_)) => {
                    e.overflowed.notify_one();
                    dropped += 1;
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    dropped += 1;
                    false
                }
            });
            if sessions.is_empty() {
                users.remove(user);
            }
        }
        if users.is_empty() {
            r.instances.remove(app_instance);
        }
        self.open.fetch_sub(dropped, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::domain::EventType;
    use serde_json::json;

    fn event(n: u64) -> Event {
        Event::system(
            EventType::UpdateChannel,
            Some(json!({ "Name": n.to_string() })),
        )
    }

    #[test]
    fn b_ws_04_13_the_bootstrap_comes_first_and_events_follow_in_order() {
        let hub = Hub::default();
        let details = vec![Event::system(EventType::ChannelDetails, Some(json!({})))];
        let mut reg = hub.register("inst", "inst/user/a", details);
        assert_eq!(hub.connected("inst"), vec!["inst/user/a".to_owned()]);
        for n in 0..3 {
            hub.deliver(
                "inst",
                event(n),
                vec!["inst/user/a".into(), "inst/user/b".into()],
            );
        }
        let mut texts = Vec::new();
        while let Ok(f) = reg.rx.try_recv() {
            texts.push(f.text.as_str().to_owned());
        }
        assert_eq!(texts.len(), 5);
        assert!(texts[0].contains("SESSION_ESTABLISHED"));
        assert!(texts[1].contains("CHANNEL_DETAILS"));
        for (n, t) in texts[2..].iter().enumerate() {
            assert!(t.contains(&format!("{{\\\"Name\\\":\\\"{n}\\\"}}")), "{t}");
        }
        hub.unregister("inst", "inst/user/a", reg.id);
        assert!(hub.connected("inst").is_empty());
        assert_eq!(hub.open_sessions(), 0);
    }

    #[test]
    fn a_full_queue_drops_its_session_and_spares_the_others() {
        let hub = Hub::default();
        let slow = hub.register("inst", "u/slow", Vec::new());
        let mut quick = hub.register("inst", "u/quick", Vec::new());
        let both = || vec!["u/slow".to_owned(), "u/quick".to_owned()];
        for n in 0..QUEUE_BOUND as u64 {
            hub.deliver("inst", event(n), both());
            // The quick session reads as it goes.
            while quick.rx.try_recv().is_ok() {}
        }
        assert_eq!(hub.open_sessions(), 1, "the slow session overflowed");
        assert_eq!(hub.connected("inst"), vec!["u/quick".to_owned()]);
        // The overflow was signalled: a permit is stored for the socket task.
        let signalled = slow.overflowed.notified();
        futures::pin_mut!(signalled);
        assert!(futures::FutureExt::now_or_never(signalled).is_some());
        hub.deliver("inst", event(0), both());
        assert!(quick.rx.try_recv().is_ok());
        hub.unregister("inst", "u/slow", slow.id);
        assert_eq!(hub.open_sessions(), 1, "unregistering twice counts once");
    }
}
