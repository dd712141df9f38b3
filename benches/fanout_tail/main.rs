//! The tail latency of the WebSocket fan-out round after round, while some rounds add a slow
//! consumer and others a reconnect storm: no round's p99 may be more than 3x the median of
//! all rounds' p99.
//!
//! One channel; `BENCH_SESSIONS` (default 200) healthy sessions of its members read every
//! CREATE_CHANNEL_MESSAGE of messages sent through SendChannelMessage at a steady
//! `BENCH_RATE` (default 20 a second). `BENCH_ROUNDS` (default 12, at least 4) rounds of
//! `BENCH_SECONDS` (default 3) follow the fixed pattern quiet, slow, quiet, storm, and each
//! gives the send-to-receive latency over the healthy sessions (p50, p99, max) and the
//! deliveries made of those due:
//!
//! - quiet: the steady messages only.
//! - slow: `BENCH_SLOW` (default 3, at most 10) more members connect a session each, take its
//!   SESSION_ESTABLISHED and read nothing more, over sockets with a 2 KiB receive buffer and
//!   536-byte segments. At the steady rate their queues (1,000 frames) would take 50 s to
//!   fill, and the server's 10 s write timeout would end them first, silently; so they are
//!   also the members of a side channel that gets `BENCH_BURST` (default 1,200) messages over
//!   the round's first two thirds, and their queues overflow within the round. After the
//!   round each is read, to see how it ended: the server's 1013 after how many frames, or not.
//! - storm: `BENCH_STORM` (default 200) more members' sessions, connected and read all along
//!   but not measured (so every round fans out to them too), all close and reconnect at once
//!   a third into the round; the time from each one's connect to its SESSION_ESTABLISHED is
//!   given.
//!
//! The server runs in a child process of its own (this binary again, its role in
//! `CHIME_SESSIONS_BENCH_ROLE`), seeded as the sessions bench seeds it (whose modules this
//! bench includes), with a user for every session of the three groups. This process holds
//! every client socket and the sender; the send time travels in each message's Content.
//!
//! Run with `cargo bench --bench fanout_tail`. It ends by itself (within about 2 minutes at
//! the defaults) with exit 1 when a round's p99 is over 3x the median round's, a delivery to a
//! healthy session is lost or duplicated, a send fails or a storm session fails to reconnect
//! (`BENCH_NO_GATE=1` only reports), and with exit 2 when the run could not be made.

#[allow(dead_code)] // The bare broadcast's and the saturation rounds' parts are unused here.
#[path = "../sessions/shared.rs"]
mod common;
#[allow(dead_code)]
#[path = "../sessions/fleet.rs"]
mod fleet;
mod report;
#[allow(dead_code)]
#[path = "../sessions/rounds.rs"]
mod rounds;
#[allow(dead_code)]
#[path = "../sessions/servers.rs"]
mod servers;
mod shared;
mod slow;
mod storm;

use chime_conformance::server::sessions::hub::QUEUE_BOUND;
use fleet::{Fleet, connect_fleet, encode, session_endpoint};
use report::{Kind, Measured};
use rounds::{Pace, Round, Sender, round};
use serde_json::Value;
use servers::{reference_server, serve_child, spawn_child_with, stop_child};
use shared::{
    CONNECTIONS, ROLE, STEP, USERS, cpu_seconds, env_or, fail, load_average, lock,
    raise_open_files, text,
};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use storm::Storm;
use tokio::sync::watch;
use tokio::time::{Instant, timeout};

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The rounds' pattern, repeated: half of the rounds quiet, so the median is a quiet one's.
const PATTERN: [Kind; 4] = [Kind::Quiet, Kind::Slow, Kind::Quiet, Kind::Storm];

/// What the run is asked for (environment variables, see the top of this file).
struct Settings {
    sessions: usize,
    rate: f64,
    seconds: f64,
    rounds: usize,
    storm: usize,
    slow: usize,
    burst: u32,
}

impl Settings {
    fn from_env() -> Settings {
        Settings {
            sessions: env_or("BENCH_SESSIONS", 200).max(1) as usize,
            rate: env_or("BENCH_RATE", 20).max(1) as f64,
            seconds: env_or("BENCH_SECONDS", 3).max(1) as f64,
            rounds: env_or("BENCH_ROUNDS", 12).max(PATTERN.len() as u64) as usize,
            storm: env_or("BENCH_STORM", 200).max(1) as usize,
            // CreateChannel takes at most 10 MemberArns.
            slow: env_or("BENCH_SLOW", 3).clamp(1, 10) as usize,
            // The queue's bound, and room for what the kernel buffers hold.
            burst: env_or("BENCH_BURST", QUEUE_BOUND as u64 + 200) as u32,
        }
    }

    fn users(&self) -> usize {
        self.sessions + self.storm + self.slow
    }

    /// The whole run's bound: setting up, and every round with what follows it.
    fn budget(&self) -> Duration {
        Duration::from_secs_f64(30.0 + self.rounds as f64 * (self.seconds + 4.0))
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(format!("a tokio runtime: {e}")));
    let settings = Settings::from_env();
    let budget = settings.budget();
    match std::env::var(ROLE).as_deref() {
        Ok("reference") => {
            // The child outlives the run's budget a little, so the run can still stop it.
            let child = async {
                let (ready, server) = reference_server().await;
                serve_child(ready).await;
                drop(server);
            };
            let _ = runtime.block_on(async { timeout(budget + STEP, child).await });
        }
        Ok(other) => fail(format!("unknown role {other:?}")),
        Err(_) => match runtime.block_on(async { timeout(budget, run(settings)).await }) {
            Ok(code) => std::process::exit(code),
            Err(_) => fail(format!("gave up after {budget:?}")),
        },
    }
}

async fn run(s: Settings) -> i32 {
    let (soft_before, soft, hard) =
        raise_open_files().unwrap_or_else(|e| fail(format!("RLIMIT_NOFILE: {e}")));
    // Every session here, and a storm's new sockets while its old ones close.
    let needed = (s.users() + s.storm) as u64 + 256;
    if soft < needed {
        fail(format!(
            "{} sessions need {needed} open files; the limit is {soft} (hard {hard})",
            s.users()
        ));
    }
    println!("RLIMIT_NOFILE: soft {soft_before} raised to {soft} (hard {hard})");
    let load = load_average();
    let env = [
        (USERS, s.users().to_string()),
        // Room for a storm's new sockets while its old ones close, and for the REST calls.
        (CONNECTIONS, (s.users() + s.storm + 64).to_string()),
    ];
    let (child, ready) = spawn_child_with("reference", &env).await;
    let code = measure(&s, child.id(), &ready).await;
    stop_child(child).await;
    println!("load average before {load}, after {}", load_average());
    code
}

async fn measure(s: &Settings, pid: Option<u32>, ready: &Value) -> i32 {
    let client = reqwest::Client::builder()
        .timeout(STEP)
        .pool_max_idle_per_host(16)
        .build()
        .unwrap_or_else(|e| fail(format!("a REST client: {e}")));
    let base = text(ready, "url");
    let channel = text(ready, "channel");
    let bearer = text(ready, "sender");
    let host = session_endpoint(&client, &base).await;
    let users: Vec<String> = ready["users"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if users.len() != s.users() {
        fail(format!("{} users seeded, {} asked", users.len(), s.users()));
    }
    let url = |i: usize| {
        format!(
            "ws://{host}/connect?userArn={}&sessionId={i}",
            encode(&users[i])
        )
    };
    let (healthy, storm_group, slow_group) = (
        0..s.sessions,
        s.sessions..s.sessions + s.storm,
        s.sessions + s.storm..s.users(),
    );
    let (stop, stopped) = watch::channel(false);
    let fleet = Arc::new(Fleet::new(s.sessions, &channel));
    connect_fleet(&fleet, healthy.map(url).collect(), true, &stopped).await;
    let storm = Storm::connect(storm_group.map(url).collect(), &stopped).await;
    let side = slow::side_channel(&base, &channel, &bearer, &users[slow_group.clone()]).await;
    let slow_urls: Vec<String> = slow_group.map(url).collect();
    let sender = Sender::Reference {
        client,
        url: format!("{base}/channels/{}/messages", encode(&channel)),
        bearer,
    };
    let pace = Pace::Steady(s.rate);
    let warm = round(&fleet, &sender, pace, 1.0).await;
    if warm.delivered != warm.expected || warm.failed_sends > 0 {
        fail(format!(
            "the warm-up round delivered {} of {} events, {} sends failed; first malformed \
             frame: {:?}",
            warm.delivered,
            warm.expected,
            warm.failed_sends,
            lock(&fleet.malformed).first()
        ));
    }
    println!(
        "{} healthy sessions, {} msg/s, rounds of {} s; {} slow consumers a slow round (a \
         {}-message burst on their side channel), {} sessions in each storm",
        s.sessions, s.rate, s.seconds, s.slow, s.burst, s.storm
    );
    report::header();

    let cpu = || pid.and_then(cpu_seconds);
    let mut rounds: Vec<Measured> = Vec::new();
    let (mut outcomes, mut strikes) = (Vec::new(), Vec::new());
    let mut side_failed = 0;
    for i in 0..s.rounds {
        let kind = PATTERN[i % PATTERN.len()];
        let before = cpu();
        let (r, after, note): (Round, _, String) = match kind {
            Kind::Quiet => {
                let r = round(&fleet, &sender, pace, s.seconds).await;
                (r, cpu(), String::new())
            }
            Kind::Slow => {
                let sockets = slow::connect(&host, &slow_urls).await;
                let over = Duration::from_secs_f64(s.seconds * 2.0 / 3.0);
                let (r, burst) = tokio::join!(
                    round(&fleet, &sender, pace, s.seconds),
                    slow::burst(&side, i, s.burst, over)
                );
                let after = cpu();
                // Read only now: until the round's end they are consumers that never read.
                let these = slow::settle(sockets).await;
                side_failed += burst.failed;
                let note = format!(
                    "slow consumers: {}; burst {} sent in {:.1} s, {} failed",
                    report::outcomes(&these),
                    burst.sent,
                    burst.seconds,
                    burst.failed
                );
                outcomes.extend(these);
                (r, after, note)
            }
            Kind::Storm => {
                let n = strikes.len() as u32 + 1;
                let strike = async {
                    tokio::time::sleep(Duration::from_secs_f64(s.seconds / 3.0)).await;
                    storm.strike(n, Instant::now() + STEP).await
                };
                let (r, strike) = tokio::join!(round(&fleet, &sender, pace, s.seconds), strike);
                let note = format!("storm: {}", report::storm_note(&strike));
                strikes.push(strike);
                (r, cpu(), note)
            }
        };
        let m = Measured {
            kind,
            cpu: before.zip(after).map(|(b, a)| a - b),
            round: r,
        };
        report::line(i, &m, &note);
        let lost = m.round.delivered < m.round.expected;
        rounds.push(m);
        if lost {
            // A session that missed a message is likely gone: every later round would wait
            // out its drain for nothing.
            println!("deliveries lost in round {}: the rest is not run", i + 1);
            break;
        }
    }
    let _ = stop.send(true);

    let worst = report::figure(&rounds);
    report::slow_summary(
        &outcomes,
        rounds.iter().filter(|m| m.kind == Kind::Slow).count(),
    );
    report::storm_summary(&strikes);
    let storm_frames = storm.frames.load(Ordering::Relaxed);
    let storm_ended = lock(&storm.ended).clone();
    println!(
        "storm sessions: {storm_frames} frames read; ended outside a storm: {}{}",
        storm_ended.len(),
        storm_ended
            .first()
            .map_or(String::new(), |w| format!(" (first: {w})"))
    );

    let mut missed = Vec::new();
    if worst > report::TARGET {
        missed.push(format!("a round's p99 is {worst:.2}x the median's"));
    }
    if rounds.len() < s.rounds {
        missed.push(format!("{} of {} rounds run", rounds.len(), s.rounds));
    }
    let wrong: Vec<String> = rounds
        .iter()
        .enumerate()
        .filter(|(_, m)| m.round.delivered != m.round.expected)
        .map(|(i, m)| {
            format!(
                "round {}: {}/{}",
                i + 1,
                m.round.delivered,
                m.round.expected
            )
        })
        .collect();
    if !wrong.is_empty() {
        missed.push(format!(
            "deliveries lost or duplicated ({})",
            wrong.join(", ")
        ));
    }
    let failed_sends: usize = rounds.iter().map(|m| m.round.failed_sends).sum();
    if failed_sends + side_failed > 0 {
        missed.push(format!(
            "{failed_sends} sends failed, {side_failed} of the bursts"
        ));
    }
    let ended = lock(&fleet.ended).clone();
    let malformed = lock(&fleet.malformed).clone();
    let others = fleet.other_frames.load(Ordering::Relaxed);
    if !ended.is_empty() || !malformed.is_empty() || others > 0 {
        missed.push(format!(
            "healthy sessions ended: {ended:?}; malformed frames: {:?}; {others} frames of \
             another kind",
            malformed.first()
        ));
    }
    let reconnects_failed: usize = strikes.iter().map(|s| s.failed.len() + s.missing).sum();
    if reconnects_failed > 0 || !storm_ended.is_empty() {
        missed.push(format!(
            "{reconnects_failed} storm reconnects failed, {} storm sessions ended",
            storm_ended.len()
        ));
    }
    if missed.is_empty() {
        println!(
            "every delivery to a healthy session arrived once, every send answered; target met"
        );
        return 0;
    }
    for m in &missed {
        println!("missed: {m}");
    }
    if std::env::var_os("BENCH_NO_GATE").is_some() {
        return 0;
    }
    1
}
