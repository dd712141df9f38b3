//! The delaying TCP proxy: every connection accepted is joined to a new connection to the
//! upstream, and every chunk of bytes read on either side is written to the other side
//! `one_way` after it arrived. Each direction of each connection has its own queue of
//! (release time, chunk), so order is kept within a direction and nothing waits for another
//! connection; a request and its answer so cost two one-way delays, one round trip. It knows
//! nothing of HTTP: WebSocket upgrades pass through as the bytes they are.

use bytes::Bytes;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep_until, timeout};

/// Connecting to the upstream, for one accepted connection.
const CONNECT: Duration = Duration::from_secs(3);
/// A direction that carries nothing this long is closed (longer than the server's idle
/// timeout of 120 s, so the server always closes first).
const IDLE: Duration = Duration::from_secs(300);
/// One write to a peer that does not read.
const WRITE: Duration = Duration::from_secs(30);
const READ_BUFFER: usize = 64 * 1024;

/// What the proxy carried, for the report.
#[derive(Debug, Default)]
pub struct Counters {
    pub accepted: AtomicU64,
    pub connect_failures: AtomicU64,
    pub bytes: AtomicU64,
}

/// A running proxy; dropping it stops accepting (connections in flight end on their own).
pub struct DelayProxy {
    pub url: String,
    pub counters: Arc<Counters>,
    accept_loop: JoinHandle<()>,
}

impl Drop for DelayProxy {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

/// Listens on an ephemeral loopback port and forwards to `upstream`, each chunk held back
/// `one_way` in each direction.
pub async fn start(upstream: SocketAddr, one_way: Duration) -> std::io::Result<DelayProxy> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let counters = Arc::new(Counters::default());
    let shared = counters.clone();
    let accept_loop = tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((client, _)) => {
                    shared.accepted.fetch_add(1, Ordering::Relaxed);
                    tokio::spawn(join(client, upstream, one_way, shared.clone()));
                }
                // Out of descriptors, say: wait a little rather than spin.
                Err(e) => {
                    eprintln!("proxy: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    });
    Ok(DelayProxy {
        url,
        counters,
        accept_loop,
    })
}

/// One proxied connection: both directions, until both have ended.
async fn join(client: TcpStream, upstream: SocketAddr, one_way: Duration, counters: Arc<Counters>) {
    let server = match timeout(CONNECT, TcpStream::connect(upstream)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return connect_failed(&counters, upstream, &e.to_string()),
        Err(_) => {
            let why = format!("no connection within {CONNECT:?}");
            return connect_failed(&counters, upstream, &why);
        }
    };
    // Small writes go out at once: Nagle's algorithm would add delays of its own.
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    tokio::join!(
        direction(client_read, server_write, one_way, &counters),
        direction(server_read, client_write, one_way, &counters),
    );
}

/// The accepted connection is dropped unanswered; the first failure is told, the rest counted
/// for the report.
fn connect_failed(counters: &Counters, upstream: SocketAddr, why: &str) {
    if counters.connect_failures.fetch_add(1, Ordering::Relaxed) == 0 {
        eprintln!("proxy: connecting to {upstream}: {why} (later failures are only counted)");
    }
}

/// A chunk to write at its release time; `None` passes the end of the stream on.
type Queued = (Instant, Option<Bytes>);

/// One direction: the reader queues each chunk with its release time (arrival + delay), the
/// writer sleeps until each release time in turn and writes the chunk. The reader never waits
/// for the writer, so a chunk's delay does not grow with the chunks queued before it.
async fn direction(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    one_way: Duration,
    counters: &Counters,
) {
    let (queue, mut queued) = mpsc::unbounded_channel::<Queued>();
    let read = async move {
        let mut buf = vec![0u8; READ_BUFFER];
        loop {
            match timeout(IDLE, from.read(&mut buf)).await {
                Ok(Ok(0)) => {
                    let _ = queue.send((Instant::now() + one_way, None));
                    return;
                }
                Ok(Ok(n)) => {
                    let chunk = Bytes::copy_from_slice(&buf[..n]);
                    if queue.send((Instant::now() + one_way, Some(chunk))).is_err() {
                        return;
                    }
                }
                // A reset or an idle direction: the queue's end tells the writer to stop.
                Ok(Err(_)) | Err(_) => return,
            }
        }
    };
    let write = async move {
        while let Some((due, chunk)) = queued.recv().await {
            sleep_until(due).await;
            let Some(chunk) = chunk else {
                let _ = timeout(WRITE, to.shutdown()).await;
                return;
            };
            match timeout(WRITE, to.write_all(&chunk)).await {
                Ok(Ok(())) => {
                    counters
                        .bytes
                        .fetch_add(chunk.len() as u64, Ordering::Relaxed);
                }
                // The peer is gone: dropping the queue's receiver ends the reader too.
                Ok(Err(_)) | Err(_) => return,
            }
        }
    };
    tokio::join!(read, write);
}
