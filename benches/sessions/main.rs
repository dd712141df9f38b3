//! Messaging sessions under fan-out, on loopback, against a bare broadcast measured in the same
//! run:
//!
//! 1. one channel, `BENCH_SESSIONS` (default 1,000) connected sessions of its members, each
//!    receiving every CREATE_CHANNEL_MESSAGE of messages sent through SendChannelMessage:
//!    delivered events per second at saturation, as a ratio to a minimal tokio-tungstenite
//!    server that writes the same frames (same bytes) to as many sockets (target >= 0.5);
//! 2. send-to-receive latency (p50, p99, max) at a steady `BENCH_RATE` messages a second
//!    (default 10, so 10,000 delivered events a second; target p99 < 50 ms);
//! 3. the resident memory per idle connected session, beside the bare server's per socket.
//!
//! The bare broadcast runs twice: with tungstenite's default read buffer (128 KiB a socket,
//! which axum's upgrade keeps too: the baseline) and with a 4 KiB one, to show what that
//! buffer costs. Each phase also gives every server process's CPU time per delivered
//! event, which outside load disturbs less than it does rates and latencies.
//!
//! Each server runs in a child process of its own (this binary again, told its role by
//! `CHIME_SESSIONS_BENCH_ROLE`), so its resident set and CPU time are its own and not the
//! clients'. This process holds every client socket and the sender: the send time (taken when
//! the REST call, or the bare server's trigger, is issued) travels in the message's Content,
//! and every session reads it back on arrival. The bare server learns its frame from a real
//! CREATE_CHANNEL_MESSAGE of the reference server and swaps in each message's Content (of the
//! same length). "Saturation" is a closed loop: message k is sent once message k - 32 has
//! reached every session, so neither server's queues overflow.
//!
//! Run with `cargo bench --bench sessions`. `BENCH_SECONDS` bounds each saturation round
//! (default 3) and `BENCH_STEADY_SECONDS` each steady round (default 5); each phase runs
//! three rounds a server, alternating, and keeps the best (most events a second, lowest p99):
//! the machine is shared, and outside load only makes a round worse. The run ends by itself
//! within 170 s; a lost or duplicated delivery, a failed send or a malformed frame fails it.

mod fleet;
mod phases;
mod rounds;
mod servers;
mod shared;

use fleet::{Fleet, connect_fleet, encode, session_endpoint};
use phases::{Phase, Target, lower_p99, more_events, phase};
use rounds::{Pace, Sender, bare_sender, round};
use serde_json::Value;
use servers::{bare_server, reference_server, serve_child, spawn_child, stop_child};
use shared::{
    BUDGET, ROLE, ROUNDS, SMALL_READ_BUFFER, STEP, WINDOW, content_in, env_or, fail, load_average,
    lock, raise_open_files, resident_bytes, text,
};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::timeout;

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let limits = raise_open_files().unwrap_or_else(|e| fail(format!("RLIMIT_NOFILE: {e}")));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let role = std::env::var(ROLE).ok();
    let work = async {
        match role.as_deref() {
            Some("reference") => {
                let (ready, server) = reference_server().await;
                serve_child(ready).await;
                drop(server);
            }
            Some("bare") => serve_child(bare_server().await).await,
            _ => run(limits).await,
        }
    };
    let done = runtime.block_on(async { timeout(BUDGET, work).await });
    if done.is_err() {
        fail(format!("gave up after {BUDGET:?}"));
    }
}

/// Resident bytes per session that connecting `urls` adds to process `pid`.
async fn connect_measured(
    pid: Option<u32>,
    fleet: &Arc<Fleet>,
    urls: Vec<String>,
    established: bool,
    stop: &watch::Receiver<bool>,
) -> Option<f64> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = resident_bytes(pid?)?;
    let n = urls.len();
    connect_fleet(fleet, urls, established, stop).await;
    // Let the server finish setting up the last sessions it accepted.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = resident_bytes(pid?)?;
    Some(after.saturating_sub(before) as f64 / n as f64)
}

/// What the run is asked for (environment variables, see the top of this file).
struct Settings {
    sessions: usize,
    seconds: f64,
    steady_seconds: f64,
    rate: f64,
}

/// The servers compared, in the table's order: the reference server, the bare broadcast
/// with tungstenite's default read buffer (the baseline: axum's upgrade keeps that default
/// too) and the bare broadcast with a small one.
const SERVERS: [&str; 3] = [
    "reference server",
    "bare tungstenite",
    "bare, 4 KiB read buffer",
];

/// What the run measured, for the table; one entry per server of [`SERVERS`].
struct Figures {
    sessions: usize,
    frame_bytes: usize,
    rate: f64,
    saturated: Vec<Phase>,
    steady: Vec<Phase>,
    memory: Vec<Option<f64>>,
    reference_after: Option<u64>,
}

async fn run((soft_before, soft, hard): (u64, u64, u64)) {
    let settings = Settings {
        sessions: env_or("BENCH_SESSIONS", 1000).max(1) as usize,
        seconds: env_or("BENCH_SECONDS", 3) as f64,
        steady_seconds: env_or("BENCH_STEADY_SECONDS", 5) as f64,
        rate: env_or("BENCH_RATE", 10).max(1) as f64,
    };
    // A fleet of client sockets here per server, one server's sockets in each child.
    let needed = (SERVERS.len() * settings.sessions) as u64 + 256;
    if soft < needed {
        fail(format!(
            "{} sessions need {needed} open files; the limit is {soft} (hard {hard})",
            settings.sessions
        ));
    }
    println!("RLIMIT_NOFILE: soft {soft_before} raised to {soft} (hard {hard})");
    let load = load_average();
    let figures = measure(&settings).await;
    report(&figures);
    println!("load average before {load}, after {}", load_average());
}

async fn measure(settings: &Settings) -> Figures {
    let sessions = settings.sessions;
    let (reference, ready) = spawn_child("reference", None).await;
    let (bare, bare_ready) = spawn_child("bare", None).await;
    let (small, small_ready) = spawn_child("bare", Some(SMALL_READ_BUFFER)).await;
    let client = reqwest::Client::builder()
        .timeout(STEP)
        .pool_max_idle_per_host(WINDOW as usize * 2)
        .build()
        .expect("client");
    let base = text(&ready, "url");
    let channel = text(&ready, "channel");
    let host = session_endpoint(&client, &base).await;
    let users: Vec<String> = ready["users"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(encode).collect())
        .unwrap_or_default();
    if users.len() != sessions {
        fail(format!("{} users seeded, {sessions} asked", users.len()));
    }
    let (stop, stopped) = watch::channel(false);

    // 1. Memory per idle session: each server's growth as its sessions connect.
    let fleets: Vec<Arc<Fleet>> = SERVERS
        .iter()
        .map(|_| Arc::new(Fleet::new(sessions, &channel)))
        .collect();
    let urls = (0..sessions)
        .map(|i| format!("ws://{host}/connect?userArn={}&sessionId={i}", users[i]))
        .collect();
    let mut memory = vec![connect_measured(reference.id(), &fleets[0], urls, true, &stopped).await];
    for (child, ready, fleet) in [
        (&bare, &bare_ready, &fleets[1]),
        (&small, &small_ready, &fleets[2]),
    ] {
        let urls = vec![format!("ws://{}/", text(ready, "sessions")); sessions];
        memory.push(connect_measured(child.id(), fleet, urls, false, &stopped).await);
    }

    // 2. One real message; its frame, as session 0 got it, is the bare servers' template.
    let mut senders = vec![Sender::Reference {
        client: client.clone(),
        url: format!("{base}/channels/{}/messages", encode(&channel)),
        bearer: text(&ready, "sender"),
    }];
    let warm = round(&fleets[0], &senders[0], Pace::Steady(1.0), 1.0).await;
    let template = fleets[0].first_frame.get().cloned().unwrap_or_else(|| {
        fail(format!(
            "the first message did not reach every session ({} of {}): {:?}",
            warm.delivered,
            warm.expected,
            lock(&fleets[0].malformed).first()
        ))
    });
    let placeholder = content_in(&template).unwrap_or_default().to_owned();
    if template.matches(&placeholder).count() != 1 {
        fail(format!(
            "the frame holds its Content other than once: {template}"
        ));
    }
    for (ready, fleet) in [(&bare_ready, &fleets[1]), (&small_ready, &fleets[2])] {
        let sender = bare_sender(&text(ready, "trigger"), &template, &placeholder).await;
        let warm = round(fleet, &sender, Pace::Steady(1.0), 1.0).await;
        if warm.delivered != warm.expected {
            fail("a bare server's first frame did not reach every socket");
        }
        senders.push(sender);
    }

    // 3. Saturation, then the steady rate, each in turn on every server.
    let pids = [reference.id(), bare.id(), small.id()];
    let targets: Vec<Target> = fleets
        .iter()
        .zip(&senders)
        .zip(pids)
        .map(|((fleet, sender), pid)| Target { fleet, sender, pid })
        .collect();
    let saturated = phase(&targets, Pace::Saturate, settings.seconds, more_events).await;
    let pace = Pace::Steady(settings.rate);
    let steady = phase(&targets, pace, settings.steady_seconds, lower_p99).await;
    let reference_after = reference.id().and_then(resident_bytes);
    let _ = stop.send(true);
    for fleet in &fleets {
        let ended = lock(&fleet.ended);
        let others = fleet.other_frames.load(Ordering::Relaxed);
        if !ended.is_empty() || others > 0 {
            fail(format!(
                "sessions ended early {ended:?}, {others} frames of another kind"
            ));
        }
        if fleet.verified.load(Ordering::Relaxed) != sessions {
            fail("not every session's first frame was checked whole");
        }
    }
    drop(targets);
    drop(senders);
    for child in [reference, bare, small] {
        stop_child(child).await;
    }
    Figures {
        sessions,
        frame_bytes: template.len(),
        rate: settings.rate,
        saturated,
        steady,
        memory,
        reference_after,
    }
}

fn report(f: &Figures) {
    let allocator = if cfg!(feature = "system-allocator") {
        "system"
    } else {
        "mimalloc"
    };
    println!(
        "{} sessions a server, members of one channel; every frame {} bytes; allocator {allocator}",
        f.sessions, f.frame_bytes
    );
    let row = |what: &str, cells: Vec<String>| {
        let cells: String = cells.iter().map(|c| format!("{c:>28}")).collect();
        println!("{what:<40}{cells}");
    };
    let each = |phases: &[Phase], cell: fn(&Phase) -> String| phases.iter().map(cell).collect();
    row("", SERVERS.iter().map(|s| s.to_string()).collect());
    row(
        &format!("saturation, window {WINDOW}: events/s"),
        each(&f.saturated, |p| {
            format!("{:.0}", p.best.events_per_second())
        }),
    );
    row(
        "  messages in that round",
        each(&f.saturated, |p| p.best.messages.to_string()),
    );
    row(
        "  latency p50 / p99 / max",
        each(&f.saturated, |p| p.best.latency()),
    );
    row(
        "  server CPU per delivered event",
        each(&f.saturated, |p| format!("{:.2?}", p.cpu_per_event())),
    );
    row(
        &format!("steady {} msg/s: events/s", f.rate),
        each(&f.steady, |p| format!("{:.0}", p.best.events_per_second())),
    );
    row(
        "  latency p50 / p99 / max",
        each(&f.steady, |p| p.best.latency()),
    );
    row(
        "  p99 of each round",
        each(&f.steady, |p| {
            let all: Vec<String> = p.p99s.iter().map(|d| format!("{d:.0?}")).collect();
            all.join(" ")
        }),
    );
    row(
        "  server CPU per delivered event",
        each(&f.steady, |p| format!("{:.2?}", p.cpu_per_event())),
    );
    row(
        "memory per idle session (RSS growth / N)",
        f.memory
            .iter()
            .map(|m| m.map_or("unknown".into(), |b| format!("{b:.0} bytes")))
            .collect(),
    );
    let rate = |p: &Phase| p.best.events_per_second();
    println!(
        "best of {ROUNDS} rounds each (most events/s; lowest p99). saturation ratio {:.3} \
         (target >= 0.5); steady p99 {:.1?} (target < 50 ms)",
        rate(&f.saturated[0]) / rate(&f.saturated[1]),
        f.steady[0].best.quantile(0.99)
    );
    println!(
        "every delivery arrived, every send answered, every session's first frame checked whole; \
         reference server RSS after the traffic {:.1} MiB",
        f.reference_after.unwrap_or(0) as f64 / 1048576.0
    );
}
