//! A flaky target for the tests: a proxy in front of a reference server that answers a share
//! of the API requests, drawn at random from a seed, with a throttle (429
//! ThrottledClientException), a refusal (503 ServiceUnavailableException) or a connection
//! closed without an answer, and can slow every API request down. The faults fall before the
//! request reaches the server, so the server never sees a request whose answer was lost. The
//! test-control endpoints (`/_conformance/`) pass untouched: they are the tests' own
//! instruments, not the API under judgement. So does GetMessagingSessionEndpoint
//! (`/endpoints/messaging-session`): the harness calls it to probe messaging sessions before
//! any scenario runs, outside the journal that counts a scenario's retried calls.

#![allow(dead_code)]

use axum::body::Body;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the proxy misbehaves.
#[derive(Debug, Clone, Copy)]
pub struct Flakiness {
    /// The share of API requests answered with a fault, from 0 to 1.
    pub fault_rate: f64,
    pub seed: u64,
    /// Added to every API request before it is forwarded.
    pub delay: Duration,
}

/// What the proxy did.
#[derive(Debug, Default)]
pub struct Counts {
    pub forwarded: AtomicUsize,
    pub throttled: AtomicUsize,
    pub refused: AtomicUsize,
    pub hung_up: AtomicUsize,
}

impl Counts {
    pub fn faults(&self) -> usize {
        self.throttled.load(Ordering::Relaxed)
            + self.refused.load(Ordering::Relaxed)
            + self.hung_up.load(Ordering::Relaxed)
    }
}

pub struct FlakyProxy {
    pub url: String,
    pub counts: Arc<Counts>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FlakyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct State {
    upstream: String,
    flakiness: Flakiness,
    rng: Mutex<StdRng>,
    http: reqwest::Client,
    counts: Arc<Counts>,
}

#[derive(Debug)]
struct HangUp;

impl std::fmt::Display for HangUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hung up on purpose")
    }
}

impl std::error::Error for HangUp {}

/// Starts a proxy in front of `upstream` on an ephemeral port of this machine.
pub async fn start(upstream: &str, flakiness: Flakiness) -> FlakyProxy {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port for the proxy");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let counts = Arc::new(Counts::default());
    let state = Arc::new(State {
        upstream: upstream.trim_end_matches('/').to_string(),
        flakiness,
        rng: Mutex::new(StdRng::seed_from_u64(flakiness.seed)),
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a client"),
        counts: counts.clone(),
    });
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let state = state.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| handle(state.clone(), req));
                // A service error makes hyper close the connection without an answer.
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    FlakyProxy { url, counts, task }
}

enum Fault {
    Throttle,
    Refuse,
    HangUp,
}

async fn handle(
    state: Arc<State>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Body>, HangUp> {
    let path = req.uri().path();
    let api = !path.starts_with("/_conformance/") && path != "/endpoints/messaging-session";
    let fault = api
        .then(|| {
            let mut rng = state.rng.lock().unwrap_or_else(|e| e.into_inner());
            (rng.random::<f64>() < state.flakiness.fault_rate).then(|| {
                match rng.random_range(0..3) {
                    0 => Fault::Throttle,
                    1 => Fault::Refuse,
                    _ => Fault::HangUp,
                }
            })
        })
        .flatten();
    if api && !state.flakiness.delay.is_zero() {
        tokio::time::sleep(state.flakiness.delay).await;
    }
    let modelled = |status: u16, shape: &str| {
        hyper::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .header("x-amzn-errortype", shape)
            .header("x-amzn-requestid", "flaky-proxy")
            .body(Body::from(format!(
                r#"{{"Code": "{}", "Message": "the flaky proxy says no"}}"#,
                if status == 429 {
                    "Throttled"
                } else {
                    "ServiceUnavailable"
                }
            )))
            .map_err(|_| HangUp)
    };
    match fault {
        Some(Fault::Throttle) => {
            state.counts.throttled.fetch_add(1, Ordering::Relaxed);
            return modelled(429, "ThrottledClientException");
        }
        Some(Fault::Refuse) => {
            state.counts.refused.fetch_add(1, Ordering::Relaxed);
            return modelled(503, "ServiceUnavailableException");
        }
        Some(Fault::HangUp) => {
            state.counts.hung_up.fetch_add(1, Ordering::Relaxed);
            return Err(HangUp);
        }
        None => {}
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(Body::new(body), 16 * 1024 * 1024)
        .await
        .map_err(|_| HangUp)?;
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut forward = state
        .http
        .request(parts.method, format!("{}{path}", state.upstream))
        .body(body);
    for (name, value) in &parts.headers {
        if name != http::header::HOST && name != http::header::CONTENT_LENGTH {
            forward = forward.header(name, value);
        }
    }
    let answer = forward.send().await.map_err(|_| HangUp)?;
    state.counts.forwarded.fetch_add(1, Ordering::Relaxed);
    let mut response = hyper::Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        if name != http::header::CONTENT_LENGTH && name != http::header::TRANSFER_ENCODING {
            response = response.header(name, value);
        }
    }
    let bytes = answer.bytes().await.map_err(|_| HangUp)?;
    response.body(Body::from(bytes)).map_err(|_| HangUp)
}
