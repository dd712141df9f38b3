//! The reference implementation of Chime SDK Messaging (and the identity operations it needs).
//!
//! Both services are served on one port; the test-control endpoints of
//! `docs/control-protocol.md` are served beside them unless turned off.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use chime_conformance::server::{spawn, ServerConfig};
//! let server = spawn(ServerConfig::default()).await?;
//! println!("listening on {}", server.url);
//! server.shutdown().await?;
//! # Ok(()) }
//! ```

pub mod control;
pub mod domain;
pub mod faults;
pub mod http;
pub mod listen;
pub mod memory;
pub mod sessions;
pub mod tls;

use axum::Router;
use axum::response::Response;
use domain::Domain;
use faults::FaultSet;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How the server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Serve the test-control endpoints (`/_conformance/v1/...`).
    pub control: bool,
    /// Request bodies larger than this are answered with a BadRequestException.
    pub max_body_bytes: usize,
    /// A request body that has not fully arrived this long after its headers is answered with a
    /// BadRequestException, so a stalled client does not hold its request open forever.
    pub body_timeout: Duration,
    /// Deliberate deviations to serve (none for the faithful server); see [`faults`].
    pub faults: FaultSet,
    /// Throttle message writes over the service's quotas ([`domain::quotas`]).
    pub quotas: bool,
    /// A connection is closed when a request's head (request line and headers) has not fully
    /// arrived this long after the connection opened or after the head's first byte.
    pub header_timeout: Duration,
    /// A kept-alive connection is closed when it has carried nothing this long since its last
    /// answer.
    pub idle_timeout: Duration,
    /// At most this many connections are served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Serve HTTPS with this certificate instead of plain HTTP (`docs/http-limits.md`); the
    /// TLS handshake counts against the header timeout.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), chime_conformance::server::tls::TlsError> {
    /// use chime_conformance::server::{ServerConfig, tls::Tls};
    /// let config = ServerConfig {
    ///     tls: Some(Tls::from_pem_files("cert.pem", "key.pem")?),
    ///     ..ServerConfig::default()
    /// };
    /// # Ok(()) }
    /// ```
    pub tls: Option<tls::Tls>,
}

impl ServerConfig {
    /// The default request body limit: 1 MiB, well above the largest modelled input.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
    /// The default body deadline: 30 seconds, as long as a request's head may take.
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default header deadline: 30 seconds. Every real client sends a request's head in one
    /// write, so this only ever ends silent or trickling connections; it is hyper's own default
    /// and leaves room to type a request into `nc` by hand.
    pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default idle limit: 120 seconds, longer than the 90 seconds for which the AWS SDKs'
    /// HTTP client (hyper-util's pool) and reqwest keep an idle connection. Those clients so
    /// always retire a kept-alive connection before the server closes it, and never send a
    /// request onto a connection the server is closing.
    pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
    /// The default connection limit: 512, half the soft descriptor limit (1024) most Linux
    /// systems start a process with, so the server runs out of connection slots before the
    /// process runs out of descriptors, and the rest are left for files and for the client
    /// sockets of a harness serving and calling from one process (`run`, `self-check`).
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

    /// The shortest and longest header and idle timeouts the accept loop keeps: a zero one
    /// would have it wake without pause and close every connection unanswered, and one near
    /// `Duration::MAX` would overflow the instants it counts from (the `serve` flags allow
    /// 1 s to 1 day).
    pub const TIMEOUT_RANGE: (Duration, Duration) =
        (Duration::from_millis(10), Duration::from_secs(7 * 86_400));

    /// The bounds the accept loop keeps, the timeouts brought into [`Self::TIMEOUT_RANGE`].
    fn limits(&self) -> listen::Limits {
        let (shortest, longest) = Self::TIMEOUT_RANGE;
        listen::Limits {
            header_timeout: self.header_timeout.clamp(shortest, longest),
            idle_timeout: self.idle_timeout.clamp(shortest, longest),
            max_connections: self.max_connections.max(1),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            host: "127.0.0.1".into(),
            port: 0,
            control: true,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            body_timeout: Self::DEFAULT_BODY_TIMEOUT,
            faults: FaultSet::new(),
            quotas: false,
            header_timeout: Self::DEFAULT_HEADER_TIMEOUT,
            idle_timeout: Self::DEFAULT_IDLE_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            tls: None,
        }
    }
}

/// A server running on the current tokio runtime.
#[derive(Debug)]
pub struct RunningServer {
    /// `http://host:port` (`https://` with TLS), without a trailing slash.
    pub url: String,
    pub addr: std::net::SocketAddr,
    /// The state behind the server, for seeding it directly in tests and benchmarks.
    pub domain: Arc<Domain>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<()>>,
}

impl RunningServer {
    /// Stops accepting connections, lets requests in flight finish, and waits for the end.
    pub async fn shutdown(mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(io::Error::other(format!("the server task failed: {e}"))),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        // Dropped without shutdown (a failing test): stop serving rather than leak the port.
        if self.stop.is_some() {
            self.task.abort();
        }
    }
}

/// Binds the configured address and serves a fresh domain in the background.
pub async fn spawn(config: ServerConfig) -> io::Result<RunningServer> {
    let domain = Arc::new(domain_for(&config));
    spawn_with_domain(config, domain).await
}

/// Like [`spawn`], serving a domain the caller keeps a handle to.
pub async fn spawn_with_domain(
    config: ServerConfig,
    domain: Arc<Domain>,
) -> io::Result<RunningServer> {
    let listener = bind(&config).await?;
    let addr = listener.local_addr()?;
    domain.set_bound_address(addr);
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(&config, domain.clone());
    let url = url_of(&config, addr);
    let task = tokio::spawn(run(listener, app, config, domain.clone(), async {
        let _ = stopped.await;
    }));
    Ok(RunningServer {
        url,
        addr,
        domain,
        stop: Some(stop),
        task,
    })
}

/// Serves until `shutdown` completes, then drains requests in flight. `on_listen` is told the
/// URL once the socket is bound.
pub async fn serve(
    config: ServerConfig,
    on_listen: impl FnOnce(&str),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let listener = bind(&config).await?;
    on_listen(&url_of(&config, listener.local_addr()?));
    let domain = Arc::new(domain_for(&config));
    domain.set_bound_address(listener.local_addr()?);
    let app = router(&config, domain.clone());
    run(listener, app, config, domain, shutdown).await
}

fn domain_for(config: &ServerConfig) -> Domain {
    Domain::new()
        .with_faults(config.faults.clone())
        .with_quotas(config.quotas)
}

/// The whole application: the control endpoints (if on), the messaging sessions' `/connect`
/// and every API operation.
pub fn router(config: &ServerConfig, domain: Arc<Domain>) -> Router {
    let api = Arc::new(http::ApiState {
        domain: domain.clone(),
        max_body_bytes: config.max_body_bytes,
        body_timeout: config.body_timeout,
        faults: config.faults.clone(),
    });
    let mut app = Router::new().merge(sessions::router(domain.clone()));
    if config.control {
        app = app.merge(control::router(domain, config.body_timeout));
    }
    let app = app.fallback(http::handle).with_state(api);
    if config.faults.has(faults::Fault::NoRequestId) {
        return app;
    }
    app.layer(axum::middleware::map_response(with_request_id))
}

/// Every answer carries a request id, as the service's do.
async fn with_request_id(mut response: Response) -> Response {
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    if let Ok(value) = ::http::HeaderValue::from_str(request_id().encode_lower(&mut text)) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

/// A unique id in UUID form: a random base drawn once plus a counter, so that answering does
/// not cost a call to the system's random source per request.
fn request_id() -> uuid::fmt::Hyphenated {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static BASE: OnceLock<u128> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let base = *BASE.get_or_init(|| uuid::Uuid::new_v4().as_u128());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    uuid::Uuid::from_u128(base ^ u128::from(n)).hyphenated()
}

/// The threads `serve` answers requests on unless told otherwise: half the machine's cores, at
/// least one. Every request on an AppInstance runs under that AppInstance's lock, so a load on
/// one AppInstance gains little from a second thread and pays for the two threads contending;
/// and a local endpoint shares its machine with the load generator. On 2 cores, with the load
/// on the same machine, one thread answered 4% fewer SendChannelMessage requests a second
/// than two did, on a sixth less CPU a request, and the worst round's p99 a quarter lower (`cargo bench
/// --bench tail`; `BENCH_SERVER_THREADS` reruns it with other counts).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

async fn bind(config: &ServerConfig) -> io::Result<TcpListener> {
    TcpListener::bind((config.host.as_str(), config.port))
        .await
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot listen on {}:{}: {e}", config.host, config.port),
            )
        })
}

fn url_of(config: &ServerConfig, addr: std::net::SocketAddr) -> String {
    let scheme = if config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{addr}")
}

async fn run(
    listener: TcpListener,
    app: Router,
    config: ServerConfig,
    domain: Arc<Domain>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let sweeper = tokio::spawn(sweep_every_second(domain));
    let tls = config.tls.as_ref().map(tls::Tls::acceptor);
    let result = listen::serve(listener, app, config.limits(), tls, shutdown).await;
    sweeper.abort();
    result
}

/// Deletes expired channels in real time, so they disappear without anyone asking.
async fn sweep_every_second(domain: Arc<Domain>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let deleted = domain.sweep_expired(None);
        if !deleted.is_empty() {
            tracing::debug!(count = deleted.len(), "expired channels deleted");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_unique_uuids() {
        let ids: std::collections::HashSet<String> =
            (0..1000).map(|_| request_id().to_string()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| uuid::Uuid::parse_str(id).is_ok()));
    }
}
