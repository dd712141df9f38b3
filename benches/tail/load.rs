//! The load: keep-alive HTTP/1.1 connections, each sending SendChannelMessage requests one
//! after another until the round's end, every request with a token of its own, and every
//! latency kept.

use crate::servers::fail;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// Where to send: a server's address, the request path and the bearer.
pub struct Target {
    addr: String,
    path: String,
    bearer: String,
}

impl Target {
    /// From a server's ready line.
    pub fn new(ready: &Value) -> Self {
        let text = |m: &str| ready[m].as_str().unwrap_or_default().to_owned();
        Target {
            addr: text("addr"),
            path: text("path"),
            bearer: text("bearer"),
        }
    }
}

/// One round's figures.
pub struct Round {
    pub ok: usize,
    pub failed: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Round {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// `connections` senders for `length`; round `index` names the tokens, so no two requests of
/// the run share one.
pub async fn round(target: &Target, connections: usize, length: Duration, index: usize) -> Round {
    let started = Instant::now();
    let deadline = started + length;
    let senders: Vec<_> = (0..connections)
        .map(|c| {
            let (addr, path, bearer) = (
                target.addr.clone(),
                target.path.clone(),
                target.bearer.clone(),
            );
            tokio::spawn(async move { sender(addr, path, bearer, deadline, index, c).await })
        })
        .collect();
    let (mut latencies, mut failed) = (Vec::new(), 0);
    for s in senders {
        match s.await {
            Ok((l, f)) => {
                latencies.extend(l);
                failed += f;
            }
            Err(e) => fail(format!("a sender: {e}")),
        }
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Round {
        ok: latencies.len(),
        failed,
        elapsed,
        p50: at(0.50),
        p99: at(0.99),
        max: latencies.last().copied().unwrap_or_default(),
    }
}

/// One connection's requests: the latencies of the 201s, and the count of the rest.
async fn sender(
    addr: String,
    path: String,
    bearer: String,
    deadline: Instant,
    round: usize,
    connection: usize,
) -> (Vec<Duration>, usize) {
    const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
    let (mut latencies, mut failed) = (Vec::new(), 0usize);
    let mut sequence = 0usize;
    'connect: while Instant::now() < deadline {
        let tcp = match tokio::time::timeout(REQUEST_TIMEOUT, TcpStream::connect(&addr)).await {
            Ok(Ok(tcp)) => tcp,
            _ => {
                failed += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let io = hyper_util::rt::TokioIo::new(tcp);
        let Ok((mut send, conn)) = hyper::client::conn::http1::handshake(io).await else {
            failed += 1;
            continue;
        };
        tokio::spawn(conn);
        while Instant::now() < deadline {
            sequence += 1;
            let body = format!(
                r#"{{"Content":"hello","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"r{round}-c{connection}-{sequence}"}}"#
            );
            let request = Request::post(&path)
                .header("host", &addr)
                .header("content-type", "application/json")
                .header("x-amz-chime-bearer", &bearer)
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_else(|e| fail(format!("a request: {e}")));
            let sent = Instant::now();
            let answer = tokio::time::timeout(REQUEST_TIMEOUT, async {
                let response = send.send_request(request).await?;
                let status = response.status();
                response.into_body().collect().await?;
                Ok::<_, hyper::Error>(status)
            })
            .await;
            match answer {
                Ok(Ok(status)) if status == 201 => latencies.push(sent.elapsed()),
                Ok(Ok(_)) => failed += 1,
                _ => {
                    failed += 1;
                    continue 'connect;
                }
            }
        }
    }
    (latencies, failed)
}
