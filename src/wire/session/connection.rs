//! One open session: the connection, made with a timeout, and a reader task that records every
//! frame with the time it arrived, and how the connection closed. Pings are answered by the
//! WebSocket library; the client sends no application frames (as amazon-chime-sdk-js).

use super::error::SessionError;
use futures::SinkExt;
use futures::stream::{SplitSink, StreamExt};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, watch};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The largest frame kept: a prefetch's CHANNEL_DETAILS with 20 messages of 4 KB and 30
/// members stays far below it.
pub const MAX_FRAME_BYTES: usize = 1024 * 1024;
/// The most frames one session keeps; a target that sends more has the rest dropped and
/// counted.
pub const MAX_FRAMES: usize = 10_000;
/// How long a close handshake started by the harness may take.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);

/// A frame as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameData {
    Text(String),
    Binary(Vec<u8>),
}

/// One received frame and when it arrived.
#[derive(Debug, Clone)]
pub struct Frame {
    pub received: Instant,
    pub data: FrameData,
}

/// How the connection ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Close {
    /// The close code the target sent; `None` when the connection ended without a close frame
    /// (what a browser reports as 1006).
    pub code: Option<u16>,
    pub reason: String,
    pub received: Instant,
}

/// Everything a session has received so far.
#[derive(Debug, Clone)]
pub struct Log {
    pub opened: Instant,
    pub frames: Vec<Frame>,
    /// Frames dropped beyond [`MAX_FRAMES`].
    pub dropped: usize,
    pub closed: Option<Close>,
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// An open session. Dropping it stops its reader and drops the connection.
#[derive(Debug)]
pub struct Session {
    /// The URL connected to, without its signature (for messages).
    pub url: String,
    log: watch::Receiver<Log>,
    writer: Arc<Mutex<SplitSink<Socket, Message>>>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Connects to a presigned connect URL; the handshake must finish within `timeout`. `shown`
/// is the URL as messages name it (without its signature).
pub async fn connect(
    url: &reqwest::Url,
    shown: &str,
    timeout: Duration,
) -> Result<Session, SessionError> {
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_FRAME_BYTES))
        .max_frame_size(Some(MAX_FRAME_BYTES));
    let handshake = tokio_tungstenite::connect_async_with_config(url.as_str(), Some(config), true);
    let (socket, _response) = tokio::time::timeout(timeout, handshake)
        .await
        .map_err(|_| SessionError::Timeout {
            url: shown.to_owned(),
            secs: timeout.as_secs_f64(),
        })?
        .map_err(|e| handshake_error(shown, e))?;
    let opened = Instant::now();
    let (writer, stream) = socket.split();
    let (tx, log) = watch::channel(Log {
        opened,
        frames: Vec::new(),
        dropped: 0,
        closed: None,
    });
    let reader = tokio::spawn(read(stream, tx));
    Ok(Session {
        url: shown.to_owned(),
        log,
        writer: Arc::new(Mutex::new(writer)),
        reader,
    })
}

fn handshake_error(url: &str, e: WsError) -> SessionError {
    match e {
        WsError::Http(response) => {
            let body = response
                .body()
                .as_deref()
                .map(|b| String::from_utf8_lossy(&b[..b.len().min(200)]).into_owned())
                .filter(|b| !b.trim().is_empty())
                .map(|b| format!(": {}", b.trim()))
                .unwrap_or_default();
            SessionError::Refused {
                url: url.to_owned(),
                status: response.status().as_u16(),
                body,
            }
        }
        WsError::Io(io) => SessionError::Connect {
            url: url.to_owned(),
            reason: io.to_string(),
        },
        other => SessionError::Handshake {
            url: url.to_owned(),
            reason: other.to_string(),
        },
    }
}

/// Records frames until the connection ends.
async fn read(mut stream: futures::stream::SplitStream<Socket>, tx: watch::Sender<Log>) {
    let ended = |tx: &watch::Sender<Log>, reason: String| {
        tx.send_modify(|log| {
            log.closed.get_or_insert(Close {
                code: None,
                reason,
                received: Instant::now(),
            });
        });
    };
    loop {
        let data = match stream.next().await {
            Some(Ok(Message::Text(text))) => FrameData::Text(text.as_str().to_owned()),
            Some(Ok(Message::Binary(bytes))) => FrameData::Binary(bytes.to_vec()),
            Some(Ok(Message::Close(frame))) => {
                tx.send_modify(|log| {
                    log.closed.get_or_insert(Close {
                        code: frame.as_ref().map(|f| u16::from(f.code)),
                        reason: frame
                            .map(|f| f.reason.as_str().to_owned())
                            .unwrap_or_default(),
                        received: Instant::now(),
                    });
                });
                // Reading on sends the answering close frame and sees the stream end.
                continue;
            }
            Some(Ok(_)) => continue,
            Some(Err(e)) => {
                ended(&tx, format!("the connection failed: {e}"));
                return;
            }
            None => {
                ended(&tx, "the connection ended without a close frame".into());
                return;
            }
        };
        let received = Instant::now();
        tx.send_modify(|log| {
            if log.frames.len() < MAX_FRAMES {
                log.frames.push(Frame { received, data });
            } else {
                log.dropped += 1;
            }
        });
    }
}

impl Session {
    /// What the session has received so far.
    pub fn log(&self) -> watch::Ref<'_, Log> {
        self.log.borrow()
    }

    /// Waits until `done` holds for what the session received, at most `limit`; whether it
    /// came to hold.
    pub async fn wait_until(&self, limit: Duration, mut done: impl FnMut(&Log) -> bool) -> bool {
        let mut log = self.log.clone();
        let waited = tokio::time::timeout(limit, log.wait_for(|l| done(l))).await;
        // The sender lives as long as the reader; once it is gone the log no longer changes.
        match waited {
            Ok(Ok(_)) => true,
            Ok(Err(_)) => done(&self.log.borrow()),
            Err(_) => false,
        }
    }

    /// Closes the session with `code` (1000 when `None`) and waits briefly for the target's
    /// answering close frame.
    pub async fn close(&self, code: Option<u16>) {
        let frame = CloseFrame {
            code: CloseCode::from(code.unwrap_or(1000)),
            reason: "".into(),
        };
        let send = async {
            let mut writer = self.writer.lock().await;
            writer.send(Message::Close(Some(frame))).await
        };
        if tokio::time::timeout(CLOSE_TIMEOUT, send).await.is_ok() {
            let _ = self.wait_until(CLOSE_TIMEOUT, |l| l.closed.is_some()).await;
        }
    }
}

#[cfg(test)]
mod tests;
