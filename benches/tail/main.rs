//! The tail latency of SendChannelMessage under sustained load, round after round, while one
//! channel grows from empty to millions of messages, beside a bare axum handler that answers a
//! fixed 201, measured in the same run.
//!
//! Every request stores a new message with a fresh ClientRequestToken, so whatever grows with
//! the messages and the tokens grows the whole time. Each round gives p50, p99 and max and the
//! requests per second; between reference rounds a short bare round gives the baseline. The
//! targets: every round's p99 within 3x of the bare handler's p99 (the median of its rounds),
//! and the reference server's throughput at least 0.6x the bare handler's. The last lines give
//! the resident memory per stored message.
//!
//! Each server runs in a child process of its own (this binary again, its role in
//! `CHIME_TAIL_BENCH_ROLE`), so its CPU and memory are its own; this process holds the
//! `BENCH_CONNECTIONS` (default 64) keep-alive connections of the load. Both servers answer on
//! the threads `serve` answers on by default (`server::default_threads`, half the cores), or
//! `BENCH_SERVER_THREADS`; the load runs on every core.
//!
//! Run with `cargo bench --bench tail`. `BENCH_ROUNDS` (default 12) rounds of `BENCH_SECONDS`
//! (default 5) against the reference server, each followed by a bare round of
//! `BENCH_BARE_SECONDS` (default 2). The run ends with exit 1 when a request fails or a target
//! is missed, so it can gate; `BENCH_NO_GATE=1` only reports.

mod load;
#[path = "../common/seed.rs"]
mod seed;
mod servers;

use chime_conformance::server;
use load::{Round, Target, round};
use servers::{ROLE, cpu_seconds, resident_bytes, serve_child, spawn_child};
use std::time::Duration;

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The threads each server answers on: as many as `serve`'s default, or `BENCH_SERVER_THREADS`
/// (at most 1,024, as `serve --threads` takes).
fn server_threads() -> usize {
    match env_or("BENCH_SERVER_THREADS", 0) {
        0 => server::default_threads(),
        n => n.min(1024) as usize,
    }
}

fn main() {
    let role = std::env::var(ROLE);
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if role.is_ok() {
        builder.worker_threads(server_threads());
    }
    let runtime = builder.enable_all().build().expect("a tokio runtime");
    match role.as_deref() {
        Ok(role) => runtime.block_on(serve_child(role)),
        Err(_) => std::process::exit(runtime.block_on(run())),
    }
}

async fn run() -> i32 {
    let rounds = env_or("BENCH_ROUNDS", 12) as usize;
    let seconds = Duration::from_secs(env_or("BENCH_SECONDS", 5));
    let bare_seconds = Duration::from_secs(env_or("BENCH_BARE_SECONDS", 2));
    let connections = env_or("BENCH_CONNECTIONS", 64).max(1) as usize;

    let (bare, bare_ready) = spawn_child("bare").await;
    let (reference, ready) = spawn_child("reference").await;
    let bare_target = Target::new(&bare_ready);
    let target = Target::new(&ready);
    let resident_before = resident_bytes(reference.id());

    println!(
        "{connections} connections, {rounds} rounds of {} s (bare rounds {} s), server threads: {}",
        seconds.as_secs(),
        bare_seconds.as_secs(),
        server_threads()
    );
    println!(
        "{:>5} {:>10} {:>10} {:>9} {:>9} {:>9}   bare: {:>9} {:>9} {:>10}",
        "round", "stored", "req/s", "p50", "p99", "max", "p99", "max", "req/s"
    );
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut stored = 0usize;
    // CPU seconds each server spent in its rounds: less disturbed by outside load than rates.
    let (mut our_cpu, mut their_cpu) = (0.0, 0.0);
    let cpu = |child: &tokio::process::Child| cpu_seconds(child.id()).unwrap_or(0.0);
    for i in 0..rounds {
        let before = cpu(&reference);
        let r = round(&target, connections, seconds, i).await;
        our_cpu += cpu(&reference) - before;
        let before = cpu(&bare);
        let b = round(&bare_target, connections, bare_seconds, i).await;
        their_cpu += cpu(&bare) - before;
        stored += r.ok;
        println!(
            "{:>5} {:>10} {:>10.0} {:>9.2?} {:>9.2?} {:>9.2?}   bare: {:>9.2?} {:>9.2?} {:>10.0}",
            i + 1,
            stored,
            r.per_second(),
            r.p50,
            r.p99,
            r.max,
            b.p99,
            b.max,
            b.per_second()
        );
        ours.push(r);
        theirs.push(b);
    }
    let resident_after = resident_bytes(reference.id());
    drop((bare, reference));

    let failed: usize = ours.iter().chain(&theirs).map(|r| r.failed).sum();
    let bare_p99 = median(theirs.iter().map(|r| r.p99));
    let worst = ours.iter().map(|r| r.p99).max().unwrap_or_default();
    let rate = |rs: &[Round]| {
        let ok: usize = rs.iter().map(|r| r.ok).sum();
        let time: f64 = rs.iter().map(|r| r.elapsed.as_secs_f64()).sum();
        ok as f64 / time.max(f64::MIN_POSITIVE)
    };
    let throughput = rate(&ours) / rate(&theirs).max(f64::MIN_POSITIVE);
    let p99_ratio = worst.as_secs_f64() / bare_p99.as_secs_f64().max(1e-9);
    let per_request =
        |cpu: f64, rs: &[Round]| 1e6 * cpu / rs.iter().map(|r| r.ok).sum::<usize>().max(1) as f64;
    let (ours_us, theirs_us) = (per_request(our_cpu, &ours), per_request(their_cpu, &theirs));
    println!(
        "server CPU per request: {ours_us:.1} us, the bare handler's {theirs_us:.1} us ({:.2}x)",
        ours_us / theirs_us.max(f64::MIN_POSITIVE)
    );
    println!("bare handler p99 (median of its rounds): {bare_p99:.2?}");
    println!("worst round p99: {worst:.2?}, {p99_ratio:.2}x the bare p99 (target <= 3)");
    println!(
        "throughput: {:.0} req/s, {throughput:.2}x the bare handler's {:.0} (target >= 0.6)",
        rate(&ours),
        rate(&theirs)
    );
    match (resident_before, resident_after) {
        (Some(b), Some(a)) if stored > 0 => println!(
            "memory per stored message: {:.0} bytes (RSS {:.0} MiB -> {:.0} MiB, {stored} messages)",
            a.saturating_sub(b) as f64 / stored as f64,
            b as f64 / 1048576.0,
            a as f64 / 1048576.0
        ),
        _ => println!("memory per stored message: unknown (/proc unreadable)"),
    }
    println!("failed requests: {failed}");
    let missed = failed > 0 || p99_ratio > 3.0 || throughput < 0.6;
    if missed && std::env::var_os("BENCH_NO_GATE").is_none() {
        println!("a target is missed");
        return 1;
    }
    0
}

fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let mut v: Vec<Duration> = values.collect();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}
