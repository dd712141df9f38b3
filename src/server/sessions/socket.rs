//! One session's socket: opening the session once the upgrade is done (or closing with 4401,
//! B-WS-12), then writing its queue out, answering the client, pinging it, and closing with a
//! code that says why.
//!
//! Every wait is bounded: a write that does not complete within [`WRITE_TIMEOUT`] ends the
//! connection, a close that cannot be written within [`CLOSE_WAIT`] is given up, and a client
//! that answers nothing for two ping intervals is gone. A queue that overflows while a write
//! waits on a client that does not read ends the session then, not at the write timeout.

use super::hub::{Hub, Outbound, Registration};
use crate::server::domain::{Domain, PrefetchSort};
use crate::server::faults::Fault;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::{Instant, MissedTickBehavior, interval_at, timeout};

/// B-WS-12: the userArn names no AppInstanceUser (final: the client must not reconnect).
pub const UNAUTHORIZED: u16 = 4401;
/// (assumed) The session's outbound queue overflowed: nothing final happened, so the code is
/// one that invites a reconnect (1013, "Try Again Later").
pub const QUEUE_OVERFLOW: u16 = 1013;
/// The server is shutting down (1001, "Going Away": clients reconnect).
pub const GOING_AWAY: u16 = 1001;

/// (assumed) How long one frame may take to be written before the client counts as gone.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// (assumed) How often the server pings an idle client; silence for two intervals ends it.
pub const PING_EVERY: Duration = Duration::from_secs(30);
/// How long the server waits to write a close, and then for the client's answer to it.
const CLOSE_WAIT: Duration = Duration::from_secs(2);
/// Client frames are not expected; none may be larger than this.
pub const MAX_CLIENT_FRAME: usize = 64 * 1024;

/// What the client asked for in its connect URL.
#[derive(Debug, Clone)]
pub struct SessionRequest {
    pub user: String,
    pub prefetch: Option<PrefetchSort>,
}

/// How long the `events-reordered` fault holds a channel event back for the next one.
const REORDER_HOLD: Duration = Duration::from_millis(500);

/// Runs one upgraded connection to its end.
pub async fn run(mut ws: WebSocket, hub: Weak<Hub>, domain: Arc<Domain>, request: SessionRequest) {
    let reorder = domain.faults().has(Fault::EventsReordered);
    let registration = match open(&hub, &domain, &request) {
        Ok(registration) => registration,
        Err(Refused::NotAUser) => {
            close(&mut ws, UNAUTHORIZED, "Unauthorized").await;
            return;
        }
        // Nothing final happened to the user: invite the reconnect.
        Err(Refused::ShuttingDown) => {
            close(&mut ws, GOING_AWAY, "server stopping").await;
            return;
        }
    };
    let (app_instance, id) = (registration.app_instance.clone(), registration.id);
    let ending = pump(&mut ws, registration, reorder).await;
    if let Some(hub) = hub.upgrade() {
        hub.unregister(&app_instance, &request.user, id);
    }
    if let Some((code, reason)) = ending {
        close(&mut ws, code, reason).await;
    }
}

/// Why a session was not registered.
enum Refused {
    NotAUser,
    ShuttingDown,
}

/// Registers the session, if the user is one and the server still serves.
fn open(
    hub: &Weak<Hub>,
    domain: &Domain,
    request: &SessionRequest,
) -> Result<Registration, Refused> {
    let hub = hub.upgrade().ok_or(Refused::ShuttingDown)?;
    domain
        .open_session(&request.user, request.prefetch, |app_instance, details| {
            hub.register(app_instance, &request.user, details)
        })
        .map_err(|_| Refused::NotAUser)
}

/// How a session ends: the close to send, if one is due.
type Ending = Option<(u16, &'static str)>;

const OVERFLOWED: Ending = Some((QUEUE_OVERFLOW, "outbound queue overflow"));

/// Writes the queue out until the session ends; returns the close to send, if one is due.
/// With `reorder` (the `events-reordered` fault) a channel event is held back until the next
/// one has been written, or for [`REORDER_HOLD`].
async fn pump(ws: &mut WebSocket, mut reg: Registration, reorder: bool) -> Ending {
    let mut ping = interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut heard_since_ping = true;
    let mut held: Option<Outbound> = None;
    let release = tokio::time::sleep(REORDER_HOLD);
    tokio::pin!(release);
    loop {
        tokio::select! {
            biased;
            () = reg.overflowed.notified() => return OVERFLOWED,
            () = &mut release, if held.is_some() => {
                if let Some(first) = held.take() && let Err(ending) = write(ws, first, &reg.overflowed).await {
                    return ending;
                }
            }
            frame = reg.rx.recv() => match frame {
                Some(frame) if reorder && frame.channel_traffic && held.is_none() => {
                    held = Some(frame);
                    release.as_mut().reset(Instant::now() + REORDER_HOLD);
                }
                Some(frame) => {
                    if let Err(ending) = write(ws, frame, &reg.overflowed).await {
                        return ending;
                    }
                    if let Some(first) = held.take() && let Err(ending) = write(ws, first, &reg.overflowed).await {
                        return ending;
                    }
                }
                // The hub is gone: the server stopped serving.
                None => return Some((GOING_AWAY, "server stopping")),
            },
            incoming = ws.recv() => match incoming {
                // The client closed (tungstenite answers the close) or the connection broke.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                    finish_close(ws).await;
                    return None;
                }
                // Pings are answered by tungstenite; other frames are not part of the
                // protocol and are ignored (docs/messaging-sessions.md).
                Some(Ok(_)) => heard_since_ping = true,
            },
            _ = ping.tick() => {
                if !heard_since_ping {
                    return None;
                }
                heard_since_ping = false;
                if !send(ws, Message::Ping(Default::default())).await {
                    return None;
                }
            }
        }
    }
}

/// Writes one frame, unless the queue overflows while the write waits (the client reads
/// nothing): then the session ends at once. The frame is then either whole in the socket's
/// write buffer or not begun, so a close written after it follows a complete frame.
async fn write(ws: &mut WebSocket, frame: Outbound, overflowed: &Notify) -> Result<(), Ending> {
    tokio::select! {
        biased;
        () = overflowed.notified() => Err(OVERFLOWED),
        written = send(ws, Message::Text(frame.text)) => if written { Ok(()) } else { Err(None) },
    }
}

async fn send(ws: &mut WebSocket, message: Message) -> bool {
    matches!(timeout(WRITE_TIMEOUT, ws.send(message)).await, Ok(Ok(())))
}

/// Sends a close with `code` and waits, briefly, for the client's answer.
async fn close(ws: &mut WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let sent = timeout(CLOSE_WAIT, ws.send(Message::Close(Some(frame)))).await;
    if matches!(sent, Ok(Ok(()))) {
        finish_close(ws).await;
    }
}

/// Reads until the connection ends (the close handshake completes), for at most
/// [`CLOSE_WAIT`].
async fn finish_close(ws: &mut WebSocket) {
    let _ = timeout(CLOSE_WAIT, async {
        while let Some(Ok(_)) = ws.recv().await {}
    })
    .await;
}
