//! The reference server under load, on loopback, against figures measured in the same run:
//!
//! 1. SendChannelMessage requests per second with 64 concurrent connections, as a ratio to a
//!    bare axum handler that answers a fixed 201 (target >= 0.5);
//! 2. the latency of a 50-message ListChannelMessages page in a channel of 1,000,000 messages
//!    as a ratio to one of 1,000 (target <= 1.5);
//! 3. the memory per stored message (resident set growth over the million, from /proc).
//!
//! The server runs with the binary's allocator (mimalloc); `--features system-allocator`
//! measures it with the system's instead.
//!
//! Run with `cargo bench --bench server`. `BENCH_SECONDS` bounds each throughput round (default
//! 3; three rounds of each, alternating, best kept) and `BENCH_BIG_CHANNEL` the size of the big
//! channel (default 1,000,000).

#[path = "common/seed.rs"]
mod seed;

use axum::Router;
use axum::http::StatusCode;
use chime_conformance::model::Service;
use chime_conformance::server::domain::Domain;
use chime_conformance::server::{self, ServerConfig};
use serde_json::{Map, Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CONNECTIONS: usize = 64;
const MAX_REQUESTS: usize = 200_000;
const LIST_SAMPLES: usize = 300;
const ROUNDS: usize = 3;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn call(domain: &Domain, service: Service, op: &str, input: Value) -> Value {
    domain
        .handle(service, op, &object(input))
        .unwrap_or_else(|e| panic!("seeding {op}: {e}"))
}

/// An AppInstance, a user in it and `channels` channels the user created: (user, channels).
fn seed(domain: &Domain, channels: usize) -> (String, Vec<String>) {
    seed::user_and_channels(domain, channels).expect("seeding the domain")
}

fn fill(domain: &Domain, channel: &str, user: &str, count: usize) {
    // Tokens are per AppInstance: make them unique per channel.
    let prefix = channel.rsplit('/').next().unwrap_or(channel);
    for i in 0..count {
        call(
            domain,
            Service::Messaging,
            "SendChannelMessage",
            json!({"ChannelArn": channel, "ChimeBearer": user, "Content": format!("message {i}"),
                   "Type": "STANDARD", "Persistence": "PERSISTENT",
                   "ClientRequestToken": format!("{prefix}-{i}")}),
        );
    }
}

fn encode(arn: &str) -> String {
    percent_encoding::utf8_percent_encode(arn, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Requests per second for `CONNECTIONS` concurrent senders, bounded by count and time.
async fn throughput(
    client: &reqwest::Client,
    url: &str,
    bearer: &str,
    seconds: u64,
    round: usize,
) -> (f64, usize) {
    let sent = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|task| {
            let (client, url, bearer) = (client.clone(), url.to_owned(), bearer.to_owned());
            let (sent, failed) = (sent.clone(), failed.clone());
            tokio::spawn(async move {
                let mut i = 0usize;
                while Instant::now() < deadline
                    && sent.fetch_add(1, Ordering::Relaxed) < MAX_REQUESTS
                {
                    i += 1;
                    let body = json!({"Content": "hello", "Type": "STANDARD",
                        "Persistence": "PERSISTENT", "ClientRequestToken": format!("r{round}-t{task}-{i}")});
                    let ok = client
                        .post(&url)
                        .header("x-amz-chime-bearer", &bearer)
                        .json(&body)
                        .send()
                        .await
                        .is_ok_and(|r| r.status() == StatusCode::CREATED);
                    if !ok {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let done = sent.load(Ordering::Relaxed).min(MAX_REQUESTS);
    (done as f64 / elapsed, failed.load(Ordering::Relaxed))
}

/// Median latency of a 50-message page.
async fn page_latency(client: &reqwest::Client, url: &str, bearer: &str) -> Duration {
    let mut samples = Vec::with_capacity(LIST_SAMPLES);
    for _ in 0..LIST_SAMPLES {
        let started = Instant::now();
        let r = client
            .get(url)
            .header("x-amz-chime-bearer", bearer)
            .send()
            .await
            .expect("ListChannelMessages answers");
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.expect("JSON page");
        samples.push(started.elapsed());
        assert_eq!(
            body["ChannelMessages"].as_array().map(Vec::len),
            Some(50),
            "a full page"
        );
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let seconds = env_or("BENCH_SECONDS", 3);
    let big = env_or("BENCH_BIG_CHANNEL", 1_000_000) as usize;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .expect("client");

    // 1. Throughput against a bare handler.
    let bare = Router::new().fallback(|| async {
        (
            StatusCode::CREATED,
            [("content-type", "application/json")],
            r#"{"ChannelArn":"arn","MessageId":"id"}"#,
        )
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let bare_url = format!(
        "http://{}/channels/x/messages",
        listener.local_addr().expect("addr")
    );
    let bare_task = tokio::spawn(async move { axum::serve(listener, bare).await });

    let domain = Arc::new(Domain::new());
    let (user, channels) = seed(&domain, 3);
    let server = server::spawn_with_domain(ServerConfig::default(), domain.clone())
        .await
        .expect("server");
    let send_url = format!("{}/channels/{}/messages", server.url, encode(&channels[0]));

    // The machine is shared: alternate the two phases and keep each one's best round, so a
    // burst of outside load in one round does not decide the ratio.
    let (mut bare_rps, mut bare_failed, mut send_rps, mut send_failed) = (0.0f64, 0, 0.0f64, 0);
    for round in 0..ROUNDS {
        let (rps, failed) = throughput(&client, &bare_url, &user, seconds, round).await;
        bare_rps = bare_rps.max(rps);
        bare_failed += failed;
        let (rps, failed) = throughput(&client, &send_url, &user, seconds, round).await;
        send_rps = send_rps.max(rps);
        send_failed += failed;
    }
    bare_task.abort();
    let allocator = if cfg!(feature = "system-allocator") {
        "system"
    } else {
        "mimalloc"
    };
    println!("allocator:            {allocator:>10}");
    println!("bare axum 201:       {bare_rps:>10.0} req/s ({bare_failed} failed)");
    println!("SendChannelMessage:   {send_rps:>10.0} req/s ({send_failed} failed)");
    println!(
        "throughput ratio:     {:>10.3} (target >= 0.5)",
        send_rps / bare_rps
    );

    // 2. and 3. A page from a small and from a big channel; memory per message.
    fill(&domain, &channels[1], &user, 1_000);
    let before = resident_bytes();
    let started = Instant::now();
    fill(&domain, &channels[2], &user, big);
    let seeded = started.elapsed();
    let after = resident_bytes();
    let list = |c: &str| {
        format!(
            "{}/channels/{}/messages?max-results=50",
            server.url,
            encode(c)
        )
    };
    let small = page_latency(&client, &list(&channels[1]), &user).await;
    let large = page_latency(&client, &list(&channels[2]), &user).await;
    println!("seeded {big} messages in {:.1} s", seeded.as_secs_f64());
    println!("page of 50, 1,000 messages:     {small:>10.2?} (median of {LIST_SAMPLES})");
    println!("page of 50, {big} messages: {large:>10.2?}");
    println!(
        "latency ratio:        {:>10.3} (target <= 1.5)",
        large.as_secs_f64() / small.as_secs_f64()
    );
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "memory per message:   {:>10.0} bytes (RSS {:.1} MiB -> {:.1} MiB)",
            a.saturating_sub(b) as f64 / big as f64,
            b as f64 / 1048576.0,
            a as f64 / 1048576.0
        ),
        _ => println!("memory per message:   unknown (/proc/self/statm unreadable)"),
    }
    let _ = server.shutdown().await;
}
