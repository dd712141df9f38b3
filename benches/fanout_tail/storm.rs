//! The reconnect storm: a group of channel members' sessions, read all along but not
//! measured, that all close and reconnect at once when struck, and how long each took from
//! its connect to its SESSION_ESTABLISHED.

use crate::fleet::connect_session;
use crate::shared::{CONNECTING_AT_ONCE, Socket, fail, lock};
use futures::StreamExt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::time::{Instant, timeout, timeout_at};
use tokio_tungstenite::tungstenite::Message;

/// How long a session waits for the server's answer to its close before it reconnects.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

pub struct Storm {
    strike: watch::Sender<u32>,
    /// Per reconnect: (strike, connect to SESSION_ESTABLISHED, or why it failed).
    results: Mutex<Vec<(u32, Result<Duration, String>)>>,
    reported: Notify,
    /// Sessions still connected (or reconnecting): the ones a strike waits for.
    alive: AtomicUsize,
    /// What ended sessions outside a strike (the server closed them, or a reconnect failed).
    pub ended: Mutex<Vec<String>>,
    /// Text frames the group received.
    pub frames: AtomicU64,
}

/// What one strike measured.
pub struct Strike {
    /// Each reconnect's time, sorted.
    pub times: Vec<Duration>,
    pub failed: Vec<String>,
    /// Sessions that had not reported by the deadline.
    pub missing: usize,
    /// From the strike to the last SESSION_ESTABLISHED.
    pub took: Duration,
}

impl Storm {
    /// Connects `urls` (a few at a time: this is not the storm) and reads them until `stop`.
    pub async fn connect(urls: Vec<String>, stop: &watch::Receiver<bool>) -> Arc<Storm> {
        let (strike, struck) = watch::channel(0);
        let storm = Arc::new(Storm {
            strike,
            results: Mutex::new(Vec::new()),
            reported: Notify::new(),
            alive: AtomicUsize::new(urls.len()),
            ended: Mutex::new(Vec::new()),
            frames: AtomicU64::new(0),
        });
        let connects = futures::stream::iter(urls)
            .map(|url| async move { connect_session(&url, true).await.map(|ws| (url, ws)) })
            .buffer_unordered(CONNECTING_AT_ONCE);
        futures::pin_mut!(connects);
        while let Some(connected) = connects.next().await {
            let (url, ws) = connected.unwrap_or_else(|e| fail(format!("a storm session: {e}")));
            let task = session(storm.clone(), url, ws, struck.clone(), stop.clone());
            tokio::spawn(task);
        }
        storm
    }

    /// Strike `n` (from 1): every session closes and reconnects at once. Waits until each has
    /// reported, or `deadline`.
    pub async fn strike(&self, n: u32, deadline: Instant) -> Strike {
        let started = Instant::now();
        let expected = self.alive.load(Ordering::Acquire);
        let _ = self.strike.send(n);
        loop {
            // Created before the count is read, so no report between the two is missed.
            let notified = self.reported.notified();
            let done = lock(&self.results).iter().filter(|(s, _)| *s == n).count();
            if done >= expected || timeout_at(deadline, notified).await.is_err() {
                break;
            }
        }
        let took = started.elapsed();
        let mine: Vec<_> = lock(&self.results)
            .iter()
            .filter(|(s, _)| *s == n)
            .map(|(_, r)| r.clone())
            .collect();
        let mut times: Vec<Duration> = mine.iter().filter_map(|r| r.clone().ok()).collect();
        times.sort_unstable();
        Strike {
            missing: expected.saturating_sub(mine.len()),
            failed: mine.into_iter().filter_map(Result::err).collect(),
            took,
            times,
        }
    }

    fn report(&self, n: u32, result: Result<Duration, String>) {
        lock(&self.results).push((n, result));
        self.reported.notify_waiters();
    }

    fn end(&self, why: String) {
        self.alive.fetch_sub(1, Ordering::AcqRel);
        lock(&self.ended).push(why);
    }
}

/// One session of the group: reads until `stop`, and closes and reconnects at each strike.
async fn session(
    storm: Arc<Storm>,
    url: String,
    mut ws: Socket,
    mut struck: watch::Receiver<u32>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            changed = struck.changed() => {
                if changed.is_err() {
                    break;
                }
                let n = *struck.borrow_and_update();
                // A clean close, as a client told to reconnect makes: the server sees it at
                // once and frees the session's slot.
                let _ = timeout(CLOSE_WAIT, async {
                    let _ = ws.close(None).await;
                    while let Some(Ok(_)) = ws.next().await {}
                })
                .await;
                let started = Instant::now();
                match connect_session(&url, true).await {
                    Ok(new) => {
                        ws = new;
                        storm.report(n, Ok(started.elapsed()));
                    }
                    Err(why) => {
                        storm.report(n, Err(why.clone()));
                        storm.end(format!("reconnect {n} failed: {why}"));
                        return;
                    }
                }
            }
            frame = ws.next() => match frame {
                Some(Ok(Message::Text(_))) => {
                    storm.frames.fetch_add(1, Ordering::Relaxed);
                }
                Some(Ok(Message::Close(c))) => return storm.end(format!("closed {c:?}")),
                Some(Ok(_)) => {}
                Some(Err(e)) => return storm.end(format!("broke: {e}")),
                None => return storm.end("ended".into()),
            },
        }
    }
    let _ = timeout(CLOSE_WAIT, ws.close(None)).await;
}
