//! One call as the AWS SDKs make it: paced to the client's rates, retried as `retry.rs` says,
//! within the caller's deadline, stopped when the caller is cancelled; and every attempt that
//! was retried away kept, so that no verdict rests on one silently.

use super::client::Client;
use super::error::{Abandoned, WireError};
use super::response::Response;
use super::retry::{Transient, asked_wait};
use crate::model;
use serde_json::Value;
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Told when the caller stops: the moment work already in flight must end by.
pub type Cancel = watch::Receiver<Option<Instant>>;

/// How one call goes.
#[derive(Debug, Clone)]
pub struct CallOptions {
    /// Retry transient failures; off for a step that expects one (a quota test).
    pub retry: bool,
    /// Wait for the client's rates; off for a step that means to exceed them.
    pub pace: bool,
    /// No attempt, wait or answer after this.
    pub deadline: Option<Instant>,
    /// Once cancelled, no new attempt or wait starts, and an attempt in flight may go on until
    /// the moment the cancellation names.
    pub cancel: Option<Cancel>,
    /// Once cancelled, carry on (retries, waits and all) until the moment the cancellation
    /// names: for clean-up, which should finish if it can.
    pub finish_when_cancelled: bool,
}

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions {
            retry: true,
            pace: true,
            deadline: None,
            cancel: None,
            finish_when_cancelled: false,
        }
    }
}

/// An attempt whose outcome was retried away.
#[derive(Debug, Clone)]
pub struct Retried {
    pub cause: Transient,
    /// The outcome on one line: `HTTP 429 ThrottledClientException: ... (request id ...)`.
    pub answer: String,
    /// The backoff before the next attempt.
    pub waited: Duration,
    /// The answer itself, when there was one, for judging it against the contract too.
    pub response: Option<Response>,
}

/// Why a transient outcome was not retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GaveUp {
    /// The caller asked for no retries.
    NotAsked,
    /// The attempts allowed were used up.
    Attempts(u32),
    /// The next backoff would pass the call's time budget.
    Budget(Duration),
    /// The client's retry quota is empty.
    QuotaEmpty,
    /// The caller was cancelled.
    Cancelled,
    /// The next backoff would pass the caller's deadline.
    Deadline,
}

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GaveUp::NotAsked => write!(f, "retries were not asked for"),
            GaveUp::Attempts(n) => write!(f, "after {n} attempts"),
            GaveUp::Budget(d) => write!(f, "the retry budget ({}s) is spent", d.as_secs_f64()),
            GaveUp::QuotaEmpty => write!(f, "the retry quota is empty"),
            GaveUp::Cancelled => write!(f, "the caller stopped"),
            GaveUp::Deadline => write!(f, "the deadline leaves no time for a retry"),
        }
    }
}

/// What a call came to.
#[derive(Debug)]
pub struct Sent {
    /// The last attempt's outcome.
    pub result: Result<Response, WireError>,
    /// The attempts before it, retried away, oldest first.
    pub retried: Vec<Retried>,
    /// Why the last outcome was not retried, when it was transient.
    pub gave_up: Option<GaveUp>,
    /// Time spent waiting for the client's rates.
    pub paced: Duration,
}

impl Sent {
    pub fn attempts(&self) -> usize {
        self.retried.len() + 1
    }

    /// Whether the last outcome is itself one the SDKs would retry: no judgeable answer.
    pub fn transient(&self) -> Option<Transient> {
        Transient::of(&self.result)
    }
}

/// An outcome on one line.
pub fn describe(result: &Result<Response, WireError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(r) => {
            let mut s = format!("HTTP {}", r.status);
            if let Some(e) = &r.error {
                if !e.shape.is_empty() {
                    s.push_str(&format!(" {}", e.shape));
                }
                if let Some(m) = &e.message {
                    s.push_str(&format!(": {m}"));
                }
            }
            if let Some(id) = &r.request_id {
                s.push_str(&format!(" (request id {id})"));
            }
            s
        }
    }
}

impl Client {
    /// Sends `operation` with `input` as `opts` say, attempt after attempt.
    pub async fn send(&self, operation: &str, input: Value, opts: &CallOptions) -> Sent {
        let input = with_idempotency_tokens(operation, input);
        let policy = &self.config().retry;
        let first = Instant::now();
        let abandoned = |why| {
            Err(WireError::Abandoned {
                operation: operation.to_string(),
                why,
            })
        };
        let mut retried = Vec::new();
        let mut paced = Duration::ZERO;
        let mut retry_cost = None;
        let attempts = policy.max_attempts.max(1);
        let stop_on_cancel = !opts.finish_when_cancelled;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let permit = if opts.pace {
                let asked = Instant::now();
                let admitted =
                    within(self.pacer.admit(operation, &input), opts, stop_on_cancel).await;
                paced += asked.elapsed();
                match admitted {
                    Ok(permit) => Some(permit),
                    Err(why) => {
                        return Sent {
                            result: abandoned(why),
                            retried,
                            gave_up: None,
                            paced,
                        };
                    }
                }
            } else {
                None
            };
            let result = within(self.call(operation, input.clone()), opts, false)
                .await
                .unwrap_or_else(abandoned);
            drop(permit);
            let Some(cause) = Transient::of(&result) else {
                if result.is_ok() {
                    self.quota.succeeded(retry_cost);
                }
                return Sent {
                    result,
                    retried,
                    gave_up: None,
                    paced,
                };
            };
            let wait = policy.backoff(&cause, attempt, asked_wait(&result), rand::random());
            let gave_up = if !opts.retry {
                Some(GaveUp::NotAsked)
            } else if attempt >= attempts {
                Some(GaveUp::Attempts(attempt))
            } else if stop_on_cancel && is_cancelled(opts) {
                Some(GaveUp::Cancelled)
            } else if first.elapsed() + wait > policy.budget {
                Some(GaveUp::Budget(policy.budget))
            } else if deadline(opts).is_some_and(|d| Instant::now() + wait >= d) {
                Some(GaveUp::Deadline)
            } else {
                retry_cost = self.quota.take(&cause);
                retry_cost.is_none().then_some(GaveUp::QuotaEmpty)
            };
            if gave_up.is_none()
                && let Err(why) = within(tokio::time::sleep(wait), opts, stop_on_cancel).await
            {
                let gave_up = match why {
                    Abandoned::Cancelled => GaveUp::Cancelled,
                    Abandoned::Deadline => GaveUp::Deadline,
                };
                return Sent {
                    result,
                    retried,
                    gave_up: Some(gave_up),
                    paced,
                };
            }
            if gave_up.is_some() {
                return Sent {
                    result,
                    retried,
                    gave_up,
                    paced,
                };
            }
            retried.push(Retried {
                cause,
                answer: describe(&result),
                waited: wait,
                response: result.ok(),
            });
        }
    }
}

/// The caller's deadline, or the cancellation's if that comes first.
fn deadline(opts: &CallOptions) -> Option<Instant> {
    let hard = opts.cancel.as_ref().and_then(|c| *c.borrow());
    match (opts.deadline, hard) {
        (Some(d), Some(h)) => Some(d.min(h)),
        (d, h) => d.or(h),
    }
}

fn is_cancelled(opts: &CallOptions) -> bool {
    opts.cancel.as_ref().is_some_and(|c| c.borrow().is_some())
}

/// Runs `work` until it ends, the deadline passes, or the caller is cancelled: at once when
/// `stop_on_cancel`, else at the moment the cancellation names.
async fn within<T>(
    work: impl Future<Output = T>,
    opts: &CallOptions,
    stop_on_cancel: bool,
) -> Result<T, Abandoned> {
    let mut cancel = opts.cancel.clone();
    tokio::pin!(work);
    loop {
        let hard = cancel.as_ref().and_then(|c| *c.borrow());
        if stop_on_cancel && hard.is_some() {
            return Err(Abandoned::Cancelled);
        }
        let limit = match (opts.deadline, hard) {
            (Some(d), Some(h)) if h < d => Some((h, Abandoned::Cancelled)),
            (Some(d), _) => Some((d, Abandoned::Deadline)),
            (None, Some(h)) => Some((h, Abandoned::Cancelled)),
            (None, None) => None,
        };
        let expiry = async {
            match limit {
                Some((at, _)) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        let changed = async {
            match cancel.as_mut() {
                Some(c) => c.changed().await.is_ok(),
                None => std::future::pending().await,
            }
        };
        let sender_alive = tokio::select! {
            out = &mut work => return Ok(out),
            _ = expiry => return Err(limit.map_or(Abandoned::Deadline, |(_, why)| why)),
            alive = changed => alive,
        };
        // A dropped sender cancels nothing more.
        if !sender_alive {
            cancel = None;
        }
    }
}

/// The input with its idempotency tokens filled, once for all attempts, so that a retry of a
/// create or send that did reach the target is recognised as the same request.
fn with_idempotency_tokens(operation: &str, mut input: Value) -> Value {
    let Some((service, op)) = model::find_operation(operation) else {
        return input;
    };
    let (Some(st), Some(given)) = (service.model().input_structure(op), input.as_object_mut())
    else {
        return input;
    };
    for m in st.members.values() {
        if m.idempotency_token && given.get(&m.name).is_none_or(Value::is_null) {
            given.insert(
                m.name.clone(),
                Value::String(uuid::Uuid::new_v4().to_string()),
            );
        }
    }
    input
}

#[cfg(test)]
mod tests;
