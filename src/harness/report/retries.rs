//! The calls a run retried, kept per scenario so that the reports say which verdicts rest on
//! an answer that came after others were retried away; their tally; and the least time the
//! service's documented message-write quotas impose on the run.

use crate::wire::quotas::{
    BEARER_WRITES_PER_SECOND, CHANNEL_WRITES_PER_SECOND, MESSAGE_WRITES, Rates,
};
use crate::wire::send::{GaveUp, Sent, describe};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A scenario by its feature file, line and column, as the collector keys it.
pub type ScenarioKey = (String, usize, usize);

/// One call that needed more than one attempt, or whose last answer was still transient.
#[derive(Debug, Clone)]
pub struct RetryNote {
    /// When the call ended, in epoch seconds.
    pub at: f64,
    pub operation: String,
    /// The outcomes retried away, oldest first.
    pub retried: Vec<String>,
    /// What the call came to: the answer judged, or why no retry followed a transient one.
    pub outcome: String,
    /// The line of the step the call belongs to; `None` for the scenario's clean-up.
    pub step_line: Option<usize>,
}

impl RetryNote {
    /// `SendChannelMessage: retried HTTP 429 ThrottledClientException (...); judged HTTP 201`.
    pub fn line(&self) -> String {
        let mut s = format!("{}: ", self.operation);
        if !self.retried.is_empty() {
            s.push_str(&format!("retried {}; ", self.retried.join("; then ")));
        }
        s.push_str(&self.outcome);
        s
    }
}

/// What the run's retries and pacing came to.
#[derive(Debug, Clone, Default)]
pub struct RetryTally {
    /// Calls that needed more than one attempt.
    pub calls_retried: usize,
    /// Attempts retried away.
    pub attempts_retried: usize,
    /// Attempts retried away, by cause (`HTTP 429 ThrottledClientException`).
    pub by_cause: BTreeMap<String, usize>,
    /// Calls whose last outcome was still transient.
    pub gave_up: usize,
    /// Time calls spent waiting for the client's rates, all scenarios together.
    pub paced: Duration,
    /// The least time the documented message-write quotas impose on the run: its busiest
    /// bearer or channel, whose `n` writes span at least `(n - 1) / rate` whole seconds when
    /// no second may hold more than `rate`.
    pub quota_floor: Duration,
    /// What sets the floor (`51 message writes by one bearer`).
    pub busiest: Option<String>,
}

impl RetryTally {
    /// The summary's lines about retries and pacing to `rates`; empty when there was neither.
    pub fn summary(&self, rates: &Rates) -> String {
        let mut out = String::new();
        if self.calls_retried > 0 || self.gave_up > 0 {
            let causes: Vec<String> = self
                .by_cause
                .iter()
                .map(|(c, n)| format!("{n} {c}"))
                .collect();
            out.push_str(&format!(
                "Retries: {} call(s) retried, {} attempt(s) retried away ({}); {} call(s) still without a judgeable answer; each is listed with its scenario in the reports\n",
                self.calls_retried,
                self.attempts_retried,
                causes.join(", "),
                self.gave_up,
            ));
        }
        if let Some(busiest) = self.busiest.as_ref().filter(|_| !rates.is_empty()) {
            out.push_str(&format!(
                "Pacing ({}): {:.2}s waited in all; the documented quotas impose at least {:.0}s on this run ({busiest})\n",
                rates.describe(),
                self.paced.as_secs_f64(),
                self.quota_floor.as_secs_f64(),
            ));
        }
        out
    }
}

#[derive(Debug, Default)]
struct Kept {
    notes: HashMap<ScenarioKey, Vec<RetryNote>>,
    tally: RetryTally,
    bearer_writes: HashMap<String, u32>,
    channel_writes: HashMap<String, u32>,
}

/// The notes of a run, written by every scenario's calls.
#[derive(Debug, Default)]
pub struct Journal {
    kept: Mutex<Kept>,
}

impl Journal {
    pub fn new() -> Journal {
        Journal::default()
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes what `sent` came to for the scenario `key` (`None`: no scenario's).
    pub fn record(&self, key: Option<&ScenarioKey>, operation: &str, input: &Value, sent: &Sent) {
        let mut kept = self.kept();
        kept.tally.paced += sent.paced;
        // A throttle a step asked not to retry is the answer it judges.
        let judged = sent.transient().is_none()
            || (sent.gave_up == Some(GaveUp::NotAsked) && sent.result.is_ok());
        if judged && sent.result.as_ref().is_ok_and(|r| r.status < 300) {
            count_write(&mut kept, operation, input);
        }
        if sent.retried.is_empty() && judged {
            return;
        }
        if !sent.retried.is_empty() {
            kept.tally.calls_retried += 1;
        }
        kept.tally.attempts_retried += sent.retried.len();
        for r in &sent.retried {
            *kept.tally.by_cause.entry(r.cause.label()).or_default() += 1;
        }
        let outcome = match (&sent.gave_up, judged) {
            (_, true) => format!("judged {}", describe(&sent.result)),
            (Some(why), false) => format!("no retry ({why}): {}", describe(&sent.result)),
            (None, false) => format!("no retry: {}", describe(&sent.result)),
        };
        if !judged {
            kept.tally.gave_up += 1;
        }
        if let Some(key) = key {
            let note = RetryNote {
                at: epoch_seconds(SystemTime::now()),
                operation: operation.to_string(),
                retried: sent.retried.iter().map(|r| r.answer.clone()).collect(),
                outcome,
                step_line: None,
            };
            kept.notes.entry(key.clone()).or_default().push(note);
        }
    }

    /// Every scenario's notes, taken out of the journal.
    pub fn take_notes(&self) -> HashMap<ScenarioKey, Vec<RetryNote>> {
        std::mem::take(&mut self.kept().notes)
    }

    /// The tally so far, with the quota floor of the writes so far.
    pub fn tally(&self) -> RetryTally {
        let kept = self.kept();
        let mut tally = kept.tally.clone();
        let floor = |writes: &HashMap<String, u32>, rate: u32| {
            writes
                .values()
                .map(|&n| (n, u64::from(n.saturating_sub(1) / rate)))
                .max_by_key(|(_, secs)| *secs)
        };
        let by_bearer = floor(&kept.bearer_writes, BEARER_WRITES_PER_SECOND);
        let by_channel = floor(&kept.channel_writes, CHANNEL_WRITES_PER_SECOND);
        let busiest = match (by_bearer, by_channel) {
            (Some((n, b)), Some((_, c))) if b >= c => Some((n, b, "bearer")),
            (_, Some((n, c))) => Some((n, c, "channel")),
            (Some((n, b)), None) => Some((n, b, "bearer")),
            (None, None) => None,
        };
        if let Some((n, secs, what)) = busiest {
            tally.quota_floor = Duration::from_secs(secs);
            tally.busiest = Some(format!("{n} message writes by one {what}"));
        }
        tally
    }
}

fn count_write(kept: &mut Kept, operation: &str, input: &Value) {
    if !MESSAGE_WRITES.contains(&operation) {
        return;
    }
    let field = |k: &str| input.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(bearer) = field("ChimeBearer") {
        *kept.bearer_writes.entry(bearer).or_default() += 1;
    }
    if let Some(channel) = field("ChannelArn") {
        *kept.channel_writes.entry(channel).or_default() += 1;
    }
}

pub fn epoch_seconds(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Gives each note the step it happened in: the last step of its scenario that started
/// before it; notes after the last step ended belong to the clean-up.
pub fn attribute(notes: &mut [RetryNote], steps: &[(usize, f64, f64)]) {
    for note in notes {
        note.step_line = steps
            .iter()
            .rev()
            .find(|(_, started, ended)| *started <= note.at && note.at <= *ended + 0.001)
            .map(|(line, _, _)| *line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{GaveUp, Retried, Transient, WireError};
    use serde_json::json;

    fn sent(retried: usize, last: Result<crate::wire::Response, WireError>) -> Sent {
        Sent {
            result: last,
            retried: (0..retried)
                .map(|_| Retried {
                    cause: Transient::NoAnswer {
                        kind: "request timeout",
                    },
                    answer: "no answer".into(),
                    waited: Duration::ZERO,
                    response: None,
                })
                .collect(),
            gave_up: Some(GaveUp::Attempts(3)),
            paced: Duration::from_millis(5),
        }
    }

    #[test]
    fn calls_without_a_judgeable_answer_are_noted_and_counted() {
        let j = Journal::new();
        let key = ("a.feature".to_string(), 3, 3);
        let timeout = || {
            Err(WireError::Timeout {
                url: "u".into(),
                secs: 1.0,
            })
        };
        j.record(
            Some(&key),
            "DescribeChannel",
            &json!({}),
            &sent(2, timeout()),
        );
        let tally = j.tally();
        assert_eq!(
            (tally.calls_retried, tally.attempts_retried, tally.gave_up),
            (1, 2, 1)
        );
        assert_eq!(tally.by_cause["request timeout"], 2);
        let notes = j.take_notes();
        let line = notes[&key][0].line();
        assert!(
            line.starts_with("DescribeChannel: retried no answer; then no answer;"),
            "{line}"
        );
        assert!(line.contains("no retry (after 3 attempts)"), "{line}");
    }

    #[test]
    fn notes_belong_to_the_step_they_happened_in() {
        let note = |at| RetryNote {
            at,
            operation: "X".into(),
            retried: vec![],
            outcome: String::new(),
            step_line: None,
        };
        let mut notes = vec![note(1.5), note(2.5), note(9.0)];
        attribute(&mut notes, &[(4, 1.0, 2.0), (5, 2.0, 3.0)]);
        let lines: Vec<_> = notes.iter().map(|n| n.step_line).collect();
        assert_eq!(lines, [Some(4), Some(5), None]);
    }
}
