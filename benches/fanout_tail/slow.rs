//! The slow consumers: members' sessions that take their SESSION_ESTABLISHED and then read
//! nothing, over sockets that buffer little; the side channel whose burst fills their
//! queues within a round; and, after the round, what the server did to each.

use crate::fleet::encode;
use crate::shared::{CLIENT_READ_BUFFER, STEP, fail, text};
use futures::StreamExt;
use serde_json::{Value, json};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, MissedTickBehavior, interval, timeout};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::error::ProtocolError;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Error, Message};

/// The slow sockets' receive buffer (the kernel doubles it) and segment size. The segment
/// size matters as much: on loopback the server's send buffer grows with it, to the 4 MiB
/// maximum for 64 KiB segments (over 3,000 frames held whatever the receive buffer); with
/// 536-byte segments the two buffers hold about 60 frames.
const RECEIVE_BUFFER: u32 = 2048;
const SEGMENT: libc::c_int = 536;
/// Burst messages in flight at once: the burst is paced, this only bounds a stalled server.
const IN_FLIGHT: usize = 8;
/// How long a slow session is read after its round for the server's close to arrive.
const SETTLE: Duration = Duration::from_secs(3);

pub type SlowSocket = WebSocketStream<TcpStream>;

/// The side channel: the slow consumers' users are its only members but its creator.
pub struct Side {
    client: reqwest::Client,
    url: String,
    bearer: String,
}

/// Creates the side channel in the main channel's AppInstance, with `members` (at most 10).
pub async fn side_channel(base: &str, channel: &str, sender: &str, members: &[String]) -> Side {
    let client = reqwest::Client::builder()
        .timeout(STEP)
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .unwrap_or_else(|e| fail(format!("a REST client: {e}")));
    // `…:app-instance/{id}/channel/{id}`: the AppInstance's ARN is the part before /channel/.
    let app = channel.split("/channel/").next().unwrap_or_default();
    let body = json!({"AppInstanceArn": app, "Name": "bench-side", "MemberArns": members,
                      "ClientRequestToken": "bench-side"});
    let answer = async {
        let r = client
            .post(format!("{base}/channels"))
            .header("x-amz-chime-bearer", sender)
            .json(&body)
            .send()
            .await?;
        r.error_for_status()?.json::<Value>().await
    };
    let side = match answer.await {
        Ok(v) => text(&v, "ChannelArn"),
        Err(e) => fail(format!("CreateChannel (the side channel): {e}")),
    };
    Side {
        url: format!("{base}/channels/{}/messages", encode(&side)),
        client,
        bearer: sender.to_owned(),
    }
}

/// What a burst did.
pub struct Burst {
    pub sent: u32,
    pub failed: usize,
    /// From the first send to the last one issued.
    pub seconds: f64,
}

/// `count` messages on the side channel, evenly over `over`; round `round` names their tokens.
pub async fn burst(side: &Side, round: usize, count: u32, over: Duration) -> Burst {
    let started = Instant::now();
    let in_flight = Arc::new(Semaphore::new(IN_FLIGHT));
    let failed = Arc::new(AtomicUsize::new(0));
    let mut tick = interval((over / count.max(1)).max(Duration::from_micros(10)));
    tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let mut calls = Vec::with_capacity(count as usize);
    let mut sent = 0;
    for i in 0..count {
        tick.tick().await;
        let Ok(Ok(permit)) = timeout(STEP, in_flight.clone().acquire_owned()).await else {
            break;
        };
        // NON_PERSISTENT: delivered like the others, and the store does not grow with them.
        let request = side
            .client
            .post(&side.url)
            .header("x-amz-chime-bearer", &side.bearer)
            .json(&json!({"Content": format!("side-{round}-{i}"), "Type": "STANDARD",
                "Persistence": "NON_PERSISTENT", "ClientRequestToken": format!("side-{round}-{i}")}));
        let failed = failed.clone();
        calls.push(tokio::spawn(async move {
            let answer = request.send().await;
            if !answer.is_ok_and(|r| r.status() == reqwest::StatusCode::CREATED) {
                failed.fetch_add(1, Ordering::Relaxed);
            }
            drop(permit);
        }));
        sent += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    // Each call has the client's timeout: all have answered before failures are counted.
    for call in calls {
        let _ = call.await;
    }
    Burst {
        sent,
        failed: failed.load(Ordering::Relaxed) + (count - sent) as usize,
        seconds,
    }
}

/// Connects a session of each of `urls` on a socket that buffers little, and reads its
/// SESSION_ESTABLISHED; nothing after that until [`settle`].
pub async fn connect(host: &str, urls: &[String]) -> Vec<SlowSocket> {
    let mut sockets = Vec::new();
    for url in urls {
        match timeout(STEP, connect_one(host, url)).await {
            Ok(Ok(ws)) => sockets.push(ws),
            Ok(Err(e)) => fail(format!("a slow consumer: {e}")),
            Err(_) => fail("a slow consumer's connect timed out"),
        }
    }
    sockets
}

async fn connect_one(host: &str, url: &str) -> Result<SlowSocket, String> {
    let addr = tokio::net::lookup_host(host)
        .await
        .map_err(|e| format!("{host}: {e}"))?
        .next()
        .ok_or_else(|| format!("{host}: no address"))?;
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    }
    .map_err(|e| format!("a socket: {e}"))?;
    socket
        .set_recv_buffer_size(RECEIVE_BUFFER)
        .map_err(|e| format!("SO_RCVBUF: {e}"))?;
    let segment = SEGMENT;
    // SAFETY: setsockopt reads `segment`, alive across the call, for a socket owned here.
    let set = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_MAXSEG,
            (&raw const segment).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if set != 0 {
        return Err(format!("TCP_MAXSEG: {}", std::io::Error::last_os_error()));
    }
    let tcp = socket
        .connect(addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let config = WebSocketConfig::default().read_buffer_size(CLIENT_READ_BUFFER);
    let (mut ws, _) = tokio_tungstenite::client_async_with_config(url, tcp, Some(config))
        .await
        .map_err(|e| format!("the upgrade failed: {e}"))?;
    match ws.next().await {
        Some(Ok(Message::Text(t))) if t.contains("SESSION_ESTABLISHED") => Ok(ws),
        first => Err(format!("no SESSION_ESTABLISHED: {first:?}")),
    }
}

/// How a slow session ended.
#[derive(PartialEq)]
pub enum End {
    /// The server's close, with its code.
    Closed(Option<u16>),
    /// The connection ended without a close.
    Ended(String),
    /// Nothing ended it within [`SETTLE`] of reading it (this bench then closes it).
    Open,
}

/// What a slow session received after its SESSION_ESTABLISHED, and how it ended.
#[derive(PartialEq)]
pub struct Outcome {
    pub frames: u32,
    pub end: End,
}

/// Reads each slow session until the server's close (or [`SETTLE`]), all at once. Read
/// within the server's write timeout of their blocking: a session that never reads gets no
/// close at all (the connection is reset once that write times out).
pub async fn settle(sockets: Vec<SlowSocket>) -> Vec<Outcome> {
    futures::future::join_all(sockets.into_iter().map(settle_one)).await
}

async fn settle_one(mut ws: SlowSocket) -> Outcome {
    let mut frames = 0;
    let read = timeout(SETTLE, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(_))) => frames += 1,
                Some(Ok(Message::Close(c))) => return End::Closed(c.map(|c| c.code.into())),
                Some(Ok(_)) => {}
                Some(Err(Error::Protocol(ProtocolError::ResetWithoutClosingHandshake))) => {
                    return End::Ended("reset".into());
                }
                Some(Err(e)) => return End::Ended(format!("broke ({e})")),
                None => return End::Ended("ended".into()),
            }
        }
    })
    .await;
    let end = read.unwrap_or(End::Open);
    // Answer the server's close (the reply goes out as the stream is read on), or close.
    let _ = timeout(Duration::from_secs(1), async {
        if matches!(end, End::Open) {
            let _ = ws.close(None).await;
        }
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
    Outcome { frames, end }
}
