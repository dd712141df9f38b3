//! Sending messages at a pace, to the reference server through SendChannelMessage or to the
//! bare server through its trigger, and what a round of them measured.

use crate::fleet::Fleet;
use crate::shared::{MAX_MESSAGES, STEP, WINDOW, content, fail};
use futures::SinkExt;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};
use tokio_tungstenite::tungstenite::Message;

pub enum Sender {
    /// SendChannelMessage through the REST API, one task per message.
    Reference {
        client: reqwest::Client,
        url: String,
        bearer: String,
    },
    /// A Content on the bare server's trigger socket (written by one task, in order).
    Bare(mpsc::Sender<String>),
}

impl Sender {
    /// Sends message `seq`, its send time taken now; failures are counted in `failed`. A REST
    /// call goes on in the task returned.
    pub fn fire(&self, seq: u32, failed: &Arc<AtomicUsize>) -> Option<JoinHandle<()>> {
        let content = content(seq);
        match self {
            Sender::Reference {
                client,
                url,
                bearer,
            } => {
                let request = client
                    .post(url)
                    .header("x-amz-chime-bearer", bearer)
                    .json(&json!({"Content": content, "Type": "STANDARD",
                        "Persistence": "PERSISTENT", "ClientRequestToken": format!("bench-{seq}")}));
                let failed = failed.clone();
                Some(tokio::spawn(async move {
                    let sent = request.send().await;
                    if !sent.is_ok_and(|r| r.status() == reqwest::StatusCode::CREATED) {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }))
            }
            Sender::Bare(queue) => {
                if queue.try_send(content).is_err() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                None
            }
        }
    }
}

/// The bare server's trigger: `template` (with `placeholder` as its Content) first, then
/// each Content queued, until the queue closes.
pub async fn bare_sender(address: &str, template: &str, placeholder: &str) -> Sender {
    let url = format!("ws://{address}/");
    let (mut ws, _) = timeout(STEP, tokio_tungstenite::connect_async(url))
        .await
        .unwrap_or_else(|_| fail("the trigger's upgrade timed out"))
        .unwrap_or_else(|e| fail(format!("the trigger: {e}")));
    let first = json!({"template": template, "placeholder": placeholder}).to_string();
    if !matches!(
        timeout(STEP, ws.send(Message::text(first))).await,
        Ok(Ok(()))
    ) {
        fail("the trigger took no template");
    }
    let (queue, mut contents) = mpsc::channel::<String>(4096);
    tokio::spawn(async move {
        while let Some(c) = contents.recv().await {
            if !matches!(timeout(STEP, ws.send(Message::text(c))).await, Ok(Ok(()))) {
                return;
            }
        }
        let _ = timeout(Duration::from_secs(2), ws.close(None)).await;
    });
    Sender::Bare(queue)
}

/// What one round of messages measured.
#[derive(Default)]
pub struct Round {
    pub messages: u32,
    pub delivered: u64,
    pub expected: u64,
    pub failed_sends: usize,
    pub seconds: f64,
    pub latencies: Vec<u32>,
}

impl Round {
    pub fn events_per_second(&self) -> f64 {
        self.delivered as f64 / self.seconds
    }

    pub fn quantile(&self, q: f64) -> Duration {
        let n = self.latencies.len();
        let at = ((n as f64 * q) as usize).min(n.saturating_sub(1));
        Duration::from_micros(self.latencies.get(at).copied().unwrap_or(0).into())
    }

    pub fn latency(&self) -> String {
        format!(
            "{:.1?} / {:.1?} / {:.1?}",
            self.quantile(0.5),
            self.quantile(0.99),
            self.quantile(1.0)
        )
    }
}

/// How a round paces its messages.
#[derive(Clone, Copy)]
pub enum Pace {
    /// Message k once message k - WINDOW has reached every session.
    Saturate,
    /// This many messages a second, whatever has arrived.
    Steady(f64),
}

pub async fn round(fleet: &Fleet, sender: &Sender, pace: Pace, seconds: f64) -> Round {
    let first = fleet.next_seq.load(Ordering::Relaxed);
    let failed = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let stop_sending = started + Duration::from_secs_f64(seconds);
    let mut next = first;
    let mut stalled = false;
    let mut calls = Vec::new();
    match pace {
        Pace::Saturate => {
            while Instant::now() < stop_sending && next < MAX_MESSAGES {
                if next >= first + WINDOW
                    && !fleet
                        .wait_complete(next - WINDOW, Instant::now() + STEP)
                        .await
                {
                    stalled = true;
                    break;
                }
                calls.extend(sender.fire(next, &failed));
                next += 1;
            }
        }
        Pace::Steady(rate) => {
            let count = (rate * seconds).round() as u32;
            let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
            while next < (first + count).min(MAX_MESSAGES) {
                tick.tick().await;
                calls.extend(sender.fire(next, &failed));
                next += 1;
            }
        }
    }
    fleet.next_seq.store(next, Ordering::Relaxed);
    let drain = Instant::now() + STEP;
    for seq in first..next {
        if stalled || !fleet.wait_complete(seq, drain).await {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    // Every REST call has answered (each has its own timeout) before its failures are counted.
    for call in calls {
        let _ = call.await;
    }
    Round {
        messages: next - first,
        delivered: fleet.delivered(first..next),
        expected: u64::from(next - first) * u64::from(fleet.sessions),
        failed_sends: failed.load(Ordering::Relaxed),
        seconds,
        latencies: fleet.latencies(first..next),
    }
}
