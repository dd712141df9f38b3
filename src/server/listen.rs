//! The serving loop: accepts TCP connections and serves each over HTTP/1.1 with hyper, over TLS
//! when given an acceptor, within bounds a client cannot stretch. What each bound answers is in
//! `docs/http-limits.md`.
//!
//! - A request's head (request line and headers) must arrive within the header timeout,
//!   counted from the connection's start or from the head's first byte. The TLS handshake, if
//!   any, is part of the first head's time: a client that connects and never says hello is
//!   closed like one that never sends a request.
//! - A kept-alive connection may carry nothing for at most the idle timeout.
//! - At most `max_connections` connections are served at once. A newcomer at the limit is
//!   accepted and waits; one kept-alive connection that carries nothing gives way to it (an
//!   HTTP client's pool of idle connections would otherwise hold every slot for the idle
//!   timeout while its own new connections wait).
//! - A client that half-closes its side after sending (`nc -q`, HTTP/1.0 clients, some
//!   proxies) still gets its answers: hyper's `half_close`.
//!
//! The two timeouts are kept here rather than by hyper's `header_read_timeout`, whose timer
//! starts whenever hyper waits for a head, so between two requests too: it would close a
//! kept-alive connection after the header timeout, however long the idle timeout.

use axum::Router;
use axum::body::Body;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

/// Header lines a request may have. hyper's default is 100, above which hyper itself answers
/// 431 with no modelled error; raised so that only abuse gets there. With a limit above 100
/// hyper reserves and zeroes room for that many lines on the heap for every request (64 bytes
/// a line): at 1,024 lines that was 5% of the server's time under load (perf, `cargo bench
/// --bench tail`), which is why the limit is 256 (16 KiB).
pub const MAX_HEADERS: usize = 256;

/// Bytes a request's head may have, request line included; hyper answers a longer one with
/// 431. hyper's default is its read buffer (about 408 KiB). 64 KiB is still far above any
/// real client's head (an SDK's is under 2 KiB), bounds what a connection can make the server
/// buffer for a head, and sits below hyper's fixed 65,534-byte limit on the request target,
/// so a long target gets this one answer instead of another (414).
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a graceful shutdown waits for connections to finish the requests they carry
/// (idle connections close at once) before it drops them.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the accept loop pauses after an accept failed for want of resources (no
/// descriptor or memory left), instead of retrying at once in a busy loop.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// How often the loop asks again for an idle connection to give way while a newcomer waits
/// at the limit (a connection that went idle after the last ask has not heard it).
const MAKE_ROOM_EVERY: Duration = Duration::from_millis(100);

/// How long a connection must have been idle to give way to a newcomer: a client picks the
/// connection it used last from its pool, so one idle for longer is one it is not about to
/// send on (closing a connection a request is already on its way to loses that request).
const GIVE_WAY_AFTER: Duration = Duration::from_millis(500);

/// The bounds the loop keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// hyper's HTTP/1.1 settings, the same for every connection.
fn http1() -> http1::Builder {
    let mut http = http1::Builder::new();
    http.half_close(true)
        .max_headers(MAX_HEADERS)
        .max_header_size(MAX_HEAD_BYTES)
        // Kept by the loop, apart from the idle time (see the module's documentation).
        .header_read_timeout(None);
    http
}

/// Serves `app` on `listener` (over TLS with `tls`) until `shutdown` completes, then stops
/// accepting, lets the connections finish what they carry (for at most [`DRAIN_TIMEOUT`]) and
/// returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    tls: Option<TlsAcceptor>,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    // At the limit the loop accepts one newcomer and makes it wait for a free slot, rather
    // than closing it: the others wait in the kernel's listen backlog (1024 with tokio's
    // bind, capped by net.core.somaxconn) and are served, in order, as soon as a connection
    // closes. While a newcomer waits, one kept-alive connection between requests gives way to
    // it; the header and idle timeouts close the connections that stall. A client so sees a
    // slow answer rather than a closed connection it could not tell from a crash, and the
    // server never holds more than one descriptor beyond the limit.
    let slots = Arc::new(Semaphore::new(
        limits.max_connections.clamp(1, Semaphore::MAX_PERMITS),
    ));
    let (stop, stopped) = watch::channel(());
    let signals = Signals {
        stop: stopped,
        crowding: Arc::new(Crowding::default()),
    };
    let mut connections = JoinSet::new();
    let http = http1();
    let mut shutdown = pin!(shutdown);
    loop {
        let slot = slots.clone().try_acquire_owned().ok();
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = match slot {
            Some(slot) => slot,
            None => tokio::select! {
                slot = make_room(&slots, &signals.crowding) => slot,
                () = &mut shutdown => break,
            },
        };
        while let Some(ended) = connections.try_join_next() {
            log_panic(ended);
        }
        connections.spawn(accepted(
            stream,
            tls.clone(),
            slot,
            app.clone(),
            http.clone(),
            limits,
            signals.clone(),
        ));
    }
    drop(listener);
    let _ = stop.send(());
    let drained = tokio::time::timeout(DRAIN_TIMEOUT, async {
        while let Some(ended) = connections.join_next().await {
            log_panic(ended);
        }
    })
    .await;
    if drained.is_err() {
        tracing::debug!(
            left = connections.len(),
            "connections still busy after the drain timeout are dropped"
        );
        connections.shutdown().await;
    }
    Ok(())
}

/// Waits for a free slot, asking an idle connection to give way now and then meanwhile.
async fn make_room(slots: &Arc<Semaphore>, crowding: &Crowding) -> OwnedSemaphorePermit {
    loop {
        if let Ok(slot) = slots.clone().try_acquire_owned() {
            crowding.made();
            return slot;
        }
        crowding.ask();
        if let Ok(Ok(slot)) =
            tokio::time::timeout(MAKE_ROOM_EVERY, slots.clone().acquire_owned()).await
        {
            crowding.made();
            return slot;
        }
    }
}

/// What the loop tells every connection: that the server stops, and that a newcomer waits at
/// the connection limit.
#[derive(Clone)]
struct Signals {
    stop: watch::Receiver<()>,
    crowding: Arc<Crowding>,
}

/// A newcomer's ask for room: the first idle connection to take it closes, the others stay.
#[derive(Default)]
struct Crowding {
    wanted: std::sync::atomic::AtomicBool,
    asked: tokio::sync::Notify,
}

impl Crowding {
    fn ask(&self) {
        self.wanted.store(true, std::sync::atomic::Ordering::SeqCst);
        self.asked.notify_waiters();
    }

    /// The newcomer has its slot: nobody else need give way.
    fn made(&self) {
        self.wanted
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether this connection is the one to give way.
    fn take(&self) -> bool {
        self.wanted.swap(false, std::sync::atomic::Ordering::SeqCst)
    }
}

fn log_panic(ended: Result<(), tokio::task::JoinError>) {
    if let Err(e) = ended
        && e.is_panic()
    {
        tracing::error!("a connection task panicked: {e}");
    }
}

/// An accept that failed: a connection that went away before it was accepted is no reason to
/// wait; running out of descriptors or memory is, or the loop would spin.
async fn accept_failed(e: io::Error) {
    use io::ErrorKind::*;
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted
    ) {
        return;
    }
    tracing::warn!("accepting a connection failed: {e}");
    tokio::time::sleep(ACCEPT_BACKOFF).await;
}

/// Serves one accepted connection, after its TLS handshake if the loop has an acceptor.
async fn accepted(
    stream: TcpStream,
    tls: Option<TlsAcceptor>,
    slot: OwnedSemaphorePermit,
    app: Router,
    http: http1::Builder,
    limits: Limits,
    mut signals: Signals,
) {
    let opened = Instant::now();
    let Some(acceptor) = tls else {
        return connection(stream, opened, slot, app, http, limits, signals).await;
    };
    let deadline = opened + limits.header_timeout;
    let handshake = tokio::time::timeout_at(deadline, acceptor.accept(stream));
    let stream = tokio::select! {
        done = handshake => match done {
            Ok(Ok(stream)) => stream,
            // A plain-HTTP request, a client that distrusts the certificate: the client's
            // affair, not the server's.
            Ok(Err(e)) => {
                tracing::debug!("closing a connection: the TLS handshake failed: {e}");
                return;
            }
            Err(_) => {
                tracing::debug!(
                    "closing a connection: the TLS handshake did not complete within the header timeout"
                );
                return;
            }
        },
        // Like an idle connection, one without a request yet is closed at shutdown.
        _ = signals.stop.changed() => return,
    };
    connection(stream, opened, slot, app, http, limits, signals).await;
}

/// Serves one connection, opened at `opened`, until it ends, a timeout closes it, or shutdown
/// has drained it.
async fn connection<S>(
    stream: S,
    opened: Instant,
    slot: OwnedSemaphorePermit,
    app: Router,
    http: http1::Builder,
    limits: Limits,
    mut signals: Signals,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity::new(opened));
    let io = TokioIo::new(Tracked {
        stream,
        activity: activity.clone(),
        _slot: slot,
    });
    let app = TowerToHyperService::new(app);
    let service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            activity.request();
            let answer = hyper::service::Service::call(&app, request);
            let activity = activity.clone();
            async move {
                answer
                    .await
                    .map(|r| r.map(|body| Answer { body, activity }))
            }
        })
    };
    let mut conn = pin!(http.serve_connection(io, service).with_upgrades());
    let mut wake = pin!(tokio::time::sleep_until(Instant::now()));
    let mut draining = false;
    loop {
        match activity.check(Instant::now(), &limits) {
            Check::Expired(what) => {
                tracing::debug!("closing a connection: {what}");
                return;
            }
            Check::WakeAt(at) => wake.as_mut().reset(at),
        }
        tokio::select! {
            ended = conn.as_mut() => {
                if let Err(e) = ended {
                    tracing::debug!("connection ended: {e}");
                }
                return;
            }
            () = wake.as_mut() => {}
            // A dropped sender means the loop is gone: drain too.
            _ = signals.stop.changed(), if !draining => {
                draining = true;
                conn.as_mut().graceful_shutdown();
            }
            () = signals.crowding.asked.notified(), if !draining => {
                let given_way = match activity.phase() {
                    Phase::Idle(since) => since.elapsed() >= GIVE_WAY_AFTER,
                    _ => false,
                };
                if given_way && signals.crowding.take() {
                    tracing::debug!("closing a connection: idle while a newcomer waits at the connection limit");
                    return;
                }
            }
        }
    }
}

/// Where a connection stands, as far as its deadlines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request's head, since the connection opened or since the head's first
    /// byte arrived.
    Head(Instant),
    /// Serving a request: from its complete head until its answer has been handed to hyper.
    /// The request body has the application's own deadline.
    Busy,
    /// Kept alive between requests, since the last answer was handed over or, while it is
    /// still being written, since the last byte of it went out.
    Idle(Instant),
}

/// What the loop of a connection is to do next.
#[derive(Debug, PartialEq, Eq)]
enum Check {
    Expired(&'static str),
    WakeAt(Instant),
}

/// A connection's phase, moved on by its socket, its service and its answers' bodies.
#[derive(Debug)]
struct Activity {
    phase: Mutex<Phase>,
}

impl Activity {
    fn new(now: Instant) -> Self {
        Activity {
            phase: Mutex::new(Phase::Head(now)),
        }
    }

    fn update(&self, f: impl FnOnce(Phase) -> Phase) {
        let mut phase = self.phase.lock().unwrap_or_else(PoisonError::into_inner);
        *phase = f(*phase);
    }

    fn phase(&self) -> Phase {
        *self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Bytes arrived. While idle they start the next head (bytes of a pipelined request read
    /// while the one before it was served are not seen here: such a head has the idle
    /// timeout, which still bounds it).
    fn read(&self) {
        self.update(|p| match p {
            Phase::Idle(_) => Phase::Head(Instant::now()),
            p => p,
        });
    }

    /// Bytes went out: an answer still being written keeps the connection from idling.
    fn wrote(&self) {
        self.update(|p| match p {
            Phase::Idle(_) => Phase::Idle(Instant::now()),
            p => p,
        });
    }

    /// A complete head was handed to the service.
    fn request(&self) {
        self.update(|_| Phase::Busy);
    }

    /// The answer's body was written out to hyper (or dropped).
    fn answered(&self) {
        self.update(|p| match p {
            Phase::Busy => Phase::Idle(Instant::now()),
            p => p,
        });
    }

    /// The phase's deadline, if it has passed, or when to look again: never later than the
    /// shorter timeout from now, so that a phase entered after this check (whose deadline is
    /// at least that far off) is never overslept.
    fn check(&self, now: Instant, limits: &Limits) -> Check {
        let (deadline, what) = match self.phase() {
            Phase::Head(since) => (
                Some(since + limits.header_timeout),
                "the request head did not arrive within the header timeout",
            ),
            Phase::Idle(since) => (
                Some(since + limits.idle_timeout),
                "idle for the idle timeout",
            ),
            Phase::Busy => (None, ""),
        };
        let look_again = now + limits.header_timeout.min(limits.idle_timeout);
        match deadline {
            Some(deadline) if now >= deadline => Check::Expired(what),
            Some(deadline) => Check::WakeAt(deadline.min(look_again)),
            None => Check::WakeAt(look_again),
        }
    }
}

/// The socket (or the TLS stream over it), telling the connection's [`Activity`] when bytes
/// move, and holding the connection's slot for as long as the socket is open, upgraded or not.
struct Tracked<S> {
    stream: S,
    activity: Arc<Activity>,
    _slot: OwnedSemaphorePermit,
}

impl<S: AsyncRead + Unpin> AsyncRead for Tracked<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl<S> Tracked<S> {
    fn wrote(&self, polled: &Poll<io::Result<usize>>) {
        if let Poll::Ready(Ok(n)) = polled
            && *n > 0
        {
            self.activity.wrote();
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Tracked<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, data);
        self.wrote(&polled);
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, data);
        self.wrote(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// An answer's body, telling the connection's [`Activity`] when hyper is done with it.
struct Answer {
    body: Body,
    activity: Arc<Activity>,
}

impl hyper::body::Body for Answer {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Answer {
    fn drop(&mut self) {
        self.activity.answered();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        header_timeout: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(10),
        max_connections: 1,
    };

    #[test]
    fn each_phase_has_its_deadline_and_no_later_phase_is_overslept() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let a = Activity::new(t0);
        assert_eq!(a.check(t0, &LIMITS), Check::WakeAt(t0 + s(3)));
        assert!(matches!(a.check(t0 + s(3), &LIMITS), Check::Expired(_)));
        a.request();
        // Busy: no deadline, but look again within the shorter timeout.
        assert_eq!(a.check(t0 + s(100), &LIMITS), Check::WakeAt(t0 + s(103)));
        a.answered();
        let Phase::Idle(idle) = a.phase() else {
            panic!("{:?}", a.phase())
        };
        // Idle: the idle deadline, looking again after the header timeout meanwhile.
        assert_eq!(a.check(idle, &LIMITS), Check::WakeAt(idle + s(3)));
        assert_eq!(a.check(idle + s(8), &LIMITS), Check::WakeAt(idle + s(10)));
        assert!(matches!(a.check(idle + s(10), &LIMITS), Check::Expired(_)));
        // Writing keeps it from idling; reading starts a head.
        a.wrote();
        assert!(matches!(a.phase(), Phase::Idle(t) if t >= idle));
        a.read();
        assert!(matches!(a.phase(), Phase::Head(_)));
        // Reading while busy (a body) or in a head changes nothing.
        a.request();
        a.read();
        a.wrote();
        assert_eq!(a.phase(), Phase::Busy);
    }

    /// An upgraded connection leaves the HTTP loop and its timeouts, and keeps its slot.
    #[tokio::test]
    async fn upgrades_are_served_and_outlive_the_idle_timeout() {
        use axum::response::Response;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        async fn echo(mut request: axum::extract::Request) -> Response {
            let upgrade = hyper::upgrade::on(&mut request);
            tokio::spawn(async move {
                let Ok(upgraded) = upgrade.await else { return };
                let mut io = TokioIo::new(upgraded);
                let mut buf = [0u8; 64];
                while let Ok(n) = io.read(&mut buf).await {
                    if n == 0 || io.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            });
            Response::builder()
                .status(101)
                .header("connection", "upgrade")
                .header("upgrade", "echo")
                .body(Body::empty())
                .unwrap_or_default()
        }

        let limits = Limits {
            header_timeout: Duration::from_millis(200),
            idle_timeout: Duration::from_millis(300),
            max_connections: 1,
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let addr = listener.local_addr().expect("an address");
        let app = Router::new().route("/echo", axum::routing::get(echo));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app, limits, None, async {
            let _ = stopped.await;
        }));
        let wait = Duration::from_secs(10);

        let mut socket = TcpStream::connect(addr).await.expect("connects");
        socket
            .write_all(
                b"GET /echo HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: echo\r\n\r\n",
            )
            .await
            .expect("writes");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 4096 {
            let n = tokio::time::timeout(wait, socket.read(&mut byte))
                .await
                .expect("answers in time")
                .expect("reads");
            assert_eq!(n, 1, "closed after {head:?}");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).to_lowercase();
        assert!(head.starts_with("http/1.1 101"), "{head}");
        assert!(!head.contains("x-amzn-requestid"), "a bare router: {head}");

        // Past both timeouts the upgraded connection still echoes.
        tokio::time::sleep(Duration::from_millis(700)).await;
        socket.write_all(b"ping").await.expect("writes");
        let mut echoed = [0u8; 4];
        tokio::time::timeout(wait, socket.read_exact(&mut echoed))
            .await
            .expect("echoes in time")
            .expect("reads");
        assert_eq!(&echoed, b"ping");

        // It holds the only slot: a second connection is not served until it closes.
        let mut second = TcpStream::connect(addr).await.expect("connects");
        second
            .write_all(b"GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("writes");
        let early = tokio::time::timeout(Duration::from_millis(500), second.read(&mut byte)).await;
        assert!(early.is_err(), "served over the limit: {early:?}");
        drop(socket);
        let n = tokio::time::timeout(wait, second.read(&mut byte))
            .await
            .expect("served once the slot is free")
            .expect("reads");
        assert_eq!(n, 1);

        let _ = stop.send(());
        tokio::time::timeout(wait, server)
            .await
            .expect("shuts down in time")
            .expect("the loop ran")
            .expect("served");
    }
    /// At the limit, a kept-alive connection idle for a while gives way to a newcomer long
    /// before its idle timeout; the newcomer is served and the idle one is closed.
    #[tokio::test]
    async fn an_idle_connection_gives_way_to_a_newcomer_at_the_limit() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        async fn read_answer(socket: &mut TcpStream, wait: Duration) -> String {
            let mut got = Vec::new();
            let mut buf = [0u8; 256];
            while !got.ends_with(b"ok") {
                let n = tokio::time::timeout(wait, socket.read(&mut buf))
                    .await
                    .expect("answers in time")
                    .expect("reads");
                assert!(n > 0, "closed after {:?}", String::from_utf8_lossy(&got));
                got.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&got).into_owned()
        }

        let limits = Limits {
            header_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(30),
            max_connections: 1,
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let addr = listener.local_addr().expect("an address");
        let app = Router::new().route("/ok", axum::routing::get(|| async { "ok" }));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app, limits, None, async {
            let _ = stopped.await;
        }));
        let wait = Duration::from_secs(5);
        let request = b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n";

        let mut first = TcpStream::connect(addr).await.expect("connects");
        first.write_all(request).await.expect("writes");
        assert!(
            read_answer(&mut first, wait)
                .await
                .starts_with("HTTP/1.1 200")
        );
        tokio::time::sleep(GIVE_WAY_AFTER + Duration::from_millis(100)).await;

        let mut second = TcpStream::connect(addr).await.expect("connects");
        second.write_all(request).await.expect("writes");
        let answered = read_answer(&mut second, wait).await;
        assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
        let mut byte = [0u8; 1];
        let closed = tokio::time::timeout(wait, first.read(&mut byte))
            .await
            .expect("the idle connection is closed in time");
        assert!(matches!(closed, Ok(0) | Err(_)), "{closed:?}");

        let _ = stop.send(());
        tokio::time::timeout(wait, server)
            .await
            .expect("shuts down in time")
            .expect("the loop ran")
            .expect("served");
    }
}
