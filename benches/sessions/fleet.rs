//! The clients: a fleet of sessions of one server, connected and read in a task each, and
//! the record of what each received and when.

use crate::shared::{
    BUDGET, CLIENT_READ_BUFFER, CONNECTING_AT_ONCE, CREATE_EVENT, MARK, MAX_MESSAGES, STEP, Socket,
    fail, lock, now_ns, parse_mark, text,
};
use futures::StreamExt;
use serde_json::Value;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::time::{Instant, timeout, timeout_at};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// The sessions of one server and the record of what each received.
pub struct Fleet {
    pub sessions: u32,
    pub channel: String,
    /// How many sessions received message `seq` so far.
    pub received: Vec<AtomicU32>,
    /// Told whenever a message has reached every session.
    pub complete: Notify,
    /// Per session: (seq, microseconds from send to receipt).
    pub samples: Vec<Mutex<Vec<(u32, u32)>>>,
    pub verified: AtomicUsize,
    pub malformed: Mutex<Vec<String>>,
    pub other_frames: AtomicUsize,
    pub ended: Mutex<Vec<String>>,
    /// The first message frame session 0 received, as it came.
    pub first_frame: OnceLock<String>,
    pub next_seq: AtomicU32,
}

impl Fleet {
    pub fn new(sessions: usize, channel: &str) -> Fleet {
        Fleet {
            sessions: sessions as u32,
            channel: channel.to_owned(),
            received: (0..MAX_MESSAGES).map(|_| AtomicU32::new(0)).collect(),
            complete: Notify::new(),
            samples: (0..sessions).map(|_| Mutex::new(Vec::new())).collect(),
            verified: AtomicUsize::new(0),
            malformed: Mutex::new(Vec::new()),
            other_frames: AtomicUsize::new(0),
            ended: Mutex::new(Vec::new()),
            first_frame: OnceLock::new(),
            next_seq: AtomicU32::new(0),
        }
    }

    /// One text frame of session `index`. Its first message frame is checked whole; after
    /// that, frames of the same bytes are recognised by their header and Content mark.
    pub fn on_text(&self, index: usize, text: &str, checked: &mut bool) {
        let received_ns = now_ns();
        let Some((seq, sent_ns)) = parse_mark(text).filter(|(s, _)| *s < MAX_MESSAGES) else {
            self.other_frames.fetch_add(1, Ordering::Relaxed);
            return;
        };
        if !*checked {
            *checked = true;
            match check_frame(text, &self.channel) {
                Ok(()) => self.verified.fetch_add(1, Ordering::Relaxed),
                Err(why) => {
                    lock(&self.malformed).push(why);
                    return;
                }
            };
            if index == 0 {
                let _ = self.first_frame.set(text.to_owned());
            }
        } else if !text.contains(CREATE_EVENT) && check_frame(text, &self.channel).is_err() {
            self.other_frames.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let micros = received_ns.saturating_sub(sent_ns) / 1000;
        lock(&self.samples[index]).push((seq, micros.min(u32::MAX as u64) as u32));
        if self.received[seq as usize].fetch_add(1, Ordering::AcqRel) + 1 == self.sessions {
            self.complete.notify_one();
        }
    }

    /// Waits until message `seq` has reached every session, or `deadline`.
    pub async fn wait_complete(&self, seq: u32, deadline: Instant) -> bool {
        loop {
            if self.received[seq as usize].load(Ordering::Acquire) >= self.sessions {
                return true;
            }
            if timeout_at(deadline, self.complete.notified())
                .await
                .is_err()
            {
                return self.received[seq as usize].load(Ordering::Acquire) >= self.sessions;
            }
        }
    }

    pub fn delivered(&self, seqs: std::ops::Range<u32>) -> u64 {
        seqs.map(|s| u64::from(self.received[s as usize].load(Ordering::Acquire)))
            .sum()
    }

    /// The latencies of messages `seqs`, sorted; the samples of other messages are discarded.
    pub fn latencies(&self, seqs: std::ops::Range<u32>) -> Vec<u32> {
        let mut all = Vec::new();
        for samples in &self.samples {
            let mut samples = lock(samples);
            all.extend(
                samples
                    .drain(..)
                    .filter(|(s, _)| seqs.contains(s))
                    .map(|(_, us)| us),
            );
        }
        all.sort_unstable();
        all
    }
}

/// A CREATE_CHANNEL_MESSAGE frame as B-WS-03/05/14 have it, of a message in `channel`.
fn check_frame(text: &str, channel: &str) -> Result<(), String> {
    let frame: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let headers = &frame["Headers"];
    if headers["x-amz-chime-event-type"] != "CREATE_CHANNEL_MESSAGE"
        || headers["x-amz-chime-message-type"] != "STANDARD"
    {
        return Err(format!("unexpected headers {headers}"));
    }
    let payload = frame["Payload"].as_str().ok_or("Payload is not a string")?;
    let message: Value =
        serde_json::from_str(payload).map_err(|e| format!("Payload is not JSON: {e}"))?;
    let content_ok = message["Content"]
        .as_str()
        .is_some_and(|c| c.starts_with(MARK));
    let iso = message["CreatedTimestamp"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z'));
    if message["ChannelArn"] != channel || !content_ok || !iso {
        return Err(format!("unexpected ChannelMessage {message}"));
    }
    Ok(())
}

/// Connects `urls` (one session each) and reads each until `stop` or the run's end.
pub async fn connect_fleet(
    fleet: &Arc<Fleet>,
    urls: Vec<String>,
    established: bool,
    stop: &watch::Receiver<bool>,
) {
    let deadline = Instant::now() + BUDGET;
    let connects = futures::stream::iter(urls.into_iter().enumerate())
        .map(|(index, url)| async move {
            connect_session(&url, established)
                .await
                .map(|ws| (index, ws))
        })
        .buffer_unordered(CONNECTING_AT_ONCE);
    futures::pin_mut!(connects);
    while let Some(connected) = connects.next().await {
        let (index, ws) = connected.unwrap_or_else(|e| fail(e));
        tokio::spawn(read_session(
            ws,
            index,
            fleet.clone(),
            stop.clone(),
            deadline,
        ));
    }
}

/// A new session at `url`; with `established`, once its SESSION_ESTABLISHED has arrived.
pub async fn connect_session(url: &str, established: bool) -> Result<Socket, String> {
    // The sessions read small frames: a small read buffer keeps 1,000s of them in cache
    // (tungstenite's default is 128 KiB each).
    let config = WebSocketConfig::default().read_buffer_size(CLIENT_READ_BUFFER);
    let connect = tokio_tungstenite::connect_async_with_config(url, Some(config), false);
    let (mut ws, _) = timeout(STEP, connect)
        .await
        .map_err(|_| "the upgrade timed out".to_owned())?
        .map_err(|e| format!("the upgrade failed: {e}"))?;
    if established {
        // B-WS-04: the session is up once SESSION_ESTABLISHED arrives.
        let first = timeout(STEP, ws.next()).await;
        let Ok(Some(Ok(Message::Text(t)))) = first else {
            return Err(format!("no SESSION_ESTABLISHED: {first:?}"));
        };
        if !t.contains(r#""x-amz-chime-event-type":"SESSION_ESTABLISHED""#) {
            return Err(format!("the first frame was {t}"));
        }
    }
    Ok(ws)
}

async fn read_session(
    mut ws: Socket,
    index: usize,
    fleet: Arc<Fleet>,
    mut stop: watch::Receiver<bool>,
    deadline: Instant,
) {
    let mut checked = false;
    let ended = timeout_at(deadline, async {
        loop {
            tokio::select! {
                _ = stop.changed() => return None,
                frame = ws.next() => match frame {
                    Some(Ok(Message::Text(t))) => fleet.on_text(index, t.as_str(), &mut checked),
                    Some(Ok(Message::Close(c))) => return Some(format!("closed {c:?}")),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Some(format!("broke: {e}")),
                    None => return Some("ended".to_owned()),
                },
            }
        }
    })
    .await;
    if let Ok(Some(why)) = ended {
        lock(&fleet.ended).push(why);
    }
    let _ = timeout(Duration::from_secs(2), ws.close(None)).await;
}

/// B-WS-01: the bare host:port GetMessagingSessionEndpoint gives the sessions to connect to.
pub async fn session_endpoint(client: &reqwest::Client, base: &str) -> String {
    let answer = async {
        let r = client
            .get(format!("{base}/endpoints/messaging-session"))
            .send()
            .await?;
        r.error_for_status()?.json::<Value>().await
    };
    match answer.await {
        Ok(v) => text(&v["Endpoint"], "Url"),
        Err(e) => fail(format!("GetMessagingSessionEndpoint: {e}")),
    }
}

/// A value (an ARN, a user name) percent-encoded whole, for a path segment or a query.
pub fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
