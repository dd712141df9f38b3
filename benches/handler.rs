//! The reference server's own work for one SendChannelMessage, in process: the whole router
//! (routing, decoding, validation, the domain, the answer) called as a tower service, without
//! sockets, beside a bare axum router answering a fixed 201 called the same way. What the
//! tail bench's server CPU a request is made of, less the kernel's and hyper's share, and
//! steadier, because no load generator shares the machine.
//!
//! Batches of requests alternate between the two routers on one thread; each prints the
//! median and the fastest batch's time a request. Every request stores a new message with a
//! new token, so the channel grows as in the tail bench.
//!
//! Run with `cargo bench --bench handler`. `BENCH_BATCHES` (default 40) and
//! `BENCH_BATCH_REQUESTS` (default 20,000) size the run.

#[path = "common/seed.rs"]
mod seed;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chime_conformance::server::domain::Domain;
use chime_conformance::server::{self, ServerConfig};
use http_body_util::BodyExt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fail(why: impl std::fmt::Display) -> ! {
    eprintln!("handler bench: {why}");
    std::process::exit(1)
}

/// A router of the reference server with one AppInstance, a user and her channel; the path
/// of SendChannelMessage on that channel and the user's ARN.
fn reference() -> (Router, String, String) {
    let domain = Arc::new(Domain::new());
    let (user, channels) = seed::user_and_channels(&domain, 1).unwrap_or_else(|e| fail(e));
    let channel = &channels[0];
    let path = format!(
        "/channels/{}/messages",
        percent_encoding::utf8_percent_encode(channel, percent_encoding::NON_ALPHANUMERIC)
    );
    (server::router(&ServerConfig::default(), domain), path, user)
}

fn bare() -> Router {
    Router::new().fallback(|| async {
        (
            StatusCode::CREATED,
            [("content-type", "application/json")],
            r#"{"ChannelArn":"arn","MessageId":"id"}"#,
        )
    })
}

/// Sends `n` requests one after another; the time a request.
async fn batch(app: &Router, path: &str, bearer: &str, n: usize, first: usize) -> Duration {
    let started = Instant::now();
    for i in first..first + n {
        let body = format!(
            r#"{{"Content":"hello","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"t-{i}"}}"#
        );
        let request = Request::post(path)
            .header("content-type", "application/json")
            .header("x-amz-chime-bearer", bearer)
            .body(Body::from(body))
            .unwrap_or_else(|e| fail(e));
        let response = app
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        if response.status() != StatusCode::CREATED {
            fail(format!("request {i} answered {}", response.status()));
        }
        let body = response.into_body().collect().await;
        if body.is_err() {
            fail(format!("request {i}: the body did not arrive"));
        }
    }
    started.elapsed().div_f64(n as f64)
}

fn summary(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[0])
}

fn main() {
    // As `serve` does.
    if let Err(e) = server::memory::no_transparent_huge_pages() {
        fail(format!("no_transparent_huge_pages: {e}"));
    }
    let batches = env_or("BENCH_BATCHES", 40).max(1);
    let per_batch = env_or("BENCH_BATCH_REQUESTS", 20_000).max(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(e));
    runtime.block_on(async {
        let (ours, path, bearer) = reference();
        let theirs = bare();
        let (mut our_times, mut their_times) = (Vec::new(), Vec::new());
        println!(
            "{batches} batches of {per_batch} SendChannelMessage requests, in process, one thread"
        );
        for b in 0..batches {
            our_times.push(batch(&ours, &path, &bearer, per_batch, b * per_batch).await);
            their_times.push(batch(&theirs, &path, &bearer, per_batch, b * per_batch).await);
        }
        let (our_median, our_best) = summary(&mut our_times);
        let (their_median, their_best) = summary(&mut their_times);
        println!(
            "reference router: median {:.2} us, best {:.2} us a request ({} messages stored)",
            our_median.as_secs_f64() * 1e6,
            our_best.as_secs_f64() * 1e6,
            batches * per_batch
        );
        println!(
            "bare router:      median {:.2} us, best {:.2} us a request",
            their_median.as_secs_f64() * 1e6,
            their_best.as_secs_f64() * 1e6
        );
        println!(
            "ratio of medians: {:.2}x",
            our_median.as_secs_f64() / their_median.as_secs_f64().max(1e-12)
        );
    });
}
