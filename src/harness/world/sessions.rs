//! The messaging sessions of one scenario, by the user they were opened for, and what they
//! received: each frame is read and judged once ([`event`](super::event)), in arrival order.
//!
//! The bounds: a session must be established within [`ESTABLISH_TIMEOUT`], an awaited event
//! must arrive within [`RECEIVE_TIMEOUT`], and "receives nothing" is judged once the run's
//! [quiet period](quiet) has passed since the scenario's last API call was answered: an event
//! that call caused would have arrived by then.

use super::event::{Event, read};
use crate::wire::session::{Log, MAX_FRAMES, Session};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long the WebSocket handshake may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a session may take to send SESSION_ESTABLISHED.
pub const ESTABLISH_TIMEOUT: Duration = Duration::from_secs(5);
/// How long an awaited event may take to arrive.
pub const RECEIVE_TIMEOUT: Duration = Duration::from_secs(5);

pub mod quiet;

/// One open session of a user.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    pub user_arn: String,
    /// The frames read so far, as events (frames that name no event are left out).
    events: Vec<Event>,
    /// How many frames have been read.
    judged: usize,
    /// Whether frames dropped beyond the session's limit have been reported.
    overflow_reported: bool,
}

/// What judging the newly arrived frames found.
#[derive(Debug, Default)]
pub struct Judged {
    /// Breaches that fail the step.
    pub failures: Vec<String>,
    /// Breaches that fail only when strict (undocumented event types and members).
    pub warnings: Vec<String>,
    /// The event type of every frame read.
    pub event_types: Vec<String>,
}

/// The sessions of one scenario.
#[derive(Debug, Default)]
pub struct Sessions {
    users: BTreeMap<String, Vec<Opened>>,
    /// Why a user's last attempt to connect failed.
    refused: BTreeMap<String, String>,
    /// The event the last receiving step found, for the checks on "that event".
    pub last_event: Option<Event>,
    /// When each of the scenario's API calls was sent and when it was answered, in order.
    calls: Vec<(Instant, Instant)>,
}

impl Sessions {
    pub fn add(&mut self, user: &str, user_arn: &str, session: Session) {
        self.refused.remove(user);
        self.users.entry(user.to_owned()).or_default().push(Opened {
            session,
            user_arn: user_arn.to_owned(),
            events: Vec::new(),
            judged: 0,
            overflow_reported: false,
        });
    }

    pub fn refuse(&mut self, user: &str, reason: String) {
        self.refused.insert(user.to_owned(), reason);
    }

    /// Why the user's last attempt to connect failed, if it did.
    pub fn refusal(&self, user: &str) -> Option<&str> {
        self.refused.get(user).map(String::as_str)
    }

    /// The sessions of a user, at least one.
    pub fn of(&self, user: &str) -> Result<&[Opened], String> {
        match self.users.get(user) {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(match self.refusal(user) {
                Some(why) => format!("{user} has no session: {why}"),
                None => format!("{user} has no session (a step must connect them first)"),
            }),
        }
    }

    /// Every user with a session, and their sessions.
    pub fn all(&self) -> impl Iterator<Item = (&str, &[Opened])> {
        self.users.iter().map(|(u, s)| (u.as_str(), s.as_slice()))
    }

    /// Closes and forgets a user's sessions.
    pub async fn disconnect(&mut self, user: &str) {
        for opened in self.users.remove(user).unwrap_or_default() {
            opened.session.close(None).await;
        }
    }

    /// Closes every session at once (after the scenario).
    pub async fn close_all(&mut self) {
        let all = std::mem::take(&mut self.users);
        let closing = all
            .values()
            .flatten()
            .map(|opened| opened.session.close(None));
        futures::future::join_all(closing).await;
    }

    /// Notes that an API call of the scenario, sent at `sent`, was answered at `answered`.
    pub fn acknowledged(&mut self, sent: Instant, answered: Instant) {
        self.calls.push((sent, answered));
    }

    /// When a session that stayed silent about something has proved it: `quiet` after the
    /// last answered call.
    pub fn quiet_until(&self, quiet: Duration) -> Instant {
        self.calls
            .last()
            .map_or_else(Instant::now, |(_, answered)| *answered + quiet)
    }

    /// How long the first event `wanted` took to reach each of the user's sessions after the
    /// answer of the call that caused it: the last call answered before it, when the session
    /// was open by then. An event that came while a later call was in flight is that call's,
    /// and beat its answer: zero. An event that came before any answer, or to a session opened
    /// after it, times nothing.
    pub fn deliveries(&self, user: &str, wanted: impl Fn(&Event) -> bool) -> Vec<Duration> {
        let Ok(sessions) = self.of(user) else {
            return Vec::new();
        };
        sessions
            .iter()
            .filter_map(|opened| {
                let event = opened.events.iter().find(|e| wanted(e))?;
                let at = event.received;
                let cause = self.calls.iter().rev().find(|(_, a)| *a <= at)?.1;
                if opened.session.log().opened > cause {
                    return None;
                }
                let in_flight = self.calls.iter().any(|(s, _)| cause < *s && *s <= at);
                Some(if in_flight {
                    Duration::ZERO
                } else {
                    at.duration_since(cause)
                })
            })
            .collect()
    }

    /// Reads every frame that arrived since the last judgement, in every session.
    pub fn judge(&mut self, strict: bool) -> Judged {
        let mut out = Judged::default();
        for (user, sessions) in &mut self.users {
            let several = sessions.len() > 1;
            for (n, opened) in sessions.iter_mut().enumerate() {
                let label = if several {
                    format!("{user}'s session {}", n + 1)
                } else {
                    format!("{user}'s session")
                };
                // Only the new frames are copied out of the log the reader keeps writing.
                let (fresh, dropped) = {
                    let log = opened.session.log();
                    let from = opened.judged.min(log.frames.len());
                    (log.frames[from..].to_vec(), log.dropped)
                };
                if dropped > 0 && !opened.overflow_reported {
                    opened.overflow_reported = true;
                    out.failures.push(format!(
                        "{label} received more than {MAX_FRAMES} frames ({dropped} more were dropped)"
                    ));
                }
                for (offset, frame) in fresh.iter().enumerate() {
                    let index = opened.judged + offset;
                    let reading = read(frame, index);
                    let what = reading
                        .event
                        .as_ref()
                        .map_or_else(String::new, |e| format!(" ({})", e.event_type));
                    for v in reading.violations {
                        let line = format!("{label}, frame {}{what}: {v}", index + 1);
                        if v.fails(strict) {
                            out.failures.push(line);
                        } else {
                            out.warnings.push(line);
                        }
                    }
                    if let Some(e) = reading.event {
                        out.event_types.push(e.event_type.clone());
                        opened.events.push(e);
                    }
                }
                opened.judged += fresh.len();
            }
        }
        out
    }

    /// Waits until each of the user's sessions has received an event that is `wanted`, at
    /// most `limit`; the error says what they received instead.
    pub async fn wait_for(
        &self,
        user: &str,
        limit: Duration,
        wanted: impl Fn(&Event) -> bool,
    ) -> Result<(), String> {
        self.wait_until(user, limit, |events| events.iter().any(&wanted))
            .await
    }

    /// Waits until `done` holds for the events each of the user's sessions has received, at
    /// most `limit`; the error says what they received.
    pub async fn wait_until(
        &self,
        user: &str,
        limit: Duration,
        done: impl Fn(&[Event]) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        for opened in self.of(user)? {
            let left = deadline.saturating_duration_since(Instant::now());
            if !opened
                .session
                .wait_until(left, |log| done(&events_of(log)))
                .await
            {
                return Err(format!(
                    "within {:?}: {}",
                    limit,
                    received(&opened.session.log())
                ));
            }
        }
        Ok(())
    }

    /// The judged events of each of the user's sessions.
    pub fn events(&self, user: &str) -> Result<Vec<&[Event]>, String> {
        Ok(self.of(user)?.iter().map(|o| o.events.as_slice()).collect())
    }
}

/// The events of a session's frames (frames that name none left out).
fn events_of(log: &Log) -> Vec<Event> {
    log.frames
        .iter()
        .enumerate()
        .filter_map(|(i, f)| read(f, i).event)
        .collect()
}

/// What a session received, for a failure message: its events in order, and how it closed.
pub fn received(log: &Log) -> String {
    let mut types: Vec<String> = log
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            read(f, i)
                .event
                .map_or_else(|| "(not an event)".into(), |e| e.event_type)
        })
        .collect();
    if types.len() > 12 {
        let more = types.len() - 12;
        types.truncate(12);
        types.push(format!("and {more} more"));
    }
    let frames = if types.is_empty() {
        "it received no frame".to_owned()
    } else {
        format!("it received {}", types.join(", "))
    };
    match &log.closed {
        None => frames,
        Some(c) => format!(
            "{frames}; it was closed {}",
            match c.code {
                Some(code) => format!("with {code} {:?}", c.reason),
                None => format!("without a close frame ({})", c.reason),
            }
        ),
    }
}

#[cfg(test)]
mod tests;
