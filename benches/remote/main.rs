//! The whole suite against a target a fixed round trip away, beside its critical path.
//!
//! The requirement: against a target 50 ms away, the suite finishes within 1.5x of its
//! critical path at the default concurrency. This bench starts the reference server (with the
//! test-control protocol, as `run` serves it) on an ephemeral port, and in front of it a
//! delaying TCP proxy (`proxy.rs`) that holds every chunk of bytes back half the round trip in
//! each direction. Then, each time with the built binary as `chime-conformance run --endpoint
//! URL --summary-json FILE` runs it (`suite.rs`):
//!
//! 1. the suite straight against the server: the baseline;
//! 2. the suite through the proxy: its wall time (the summary's `durationSeconds`);
//! 3. the five longest scenarios of each passing proxied run, each alone through the proxy
//!    (`solo.rs`): the longest of them is the critical path, the time the suite cannot beat
//!    at any concurrency.
//!
//! The figure is the ratio of 2 to 3 (target: at most 1.5). `--sweep` measures 1 and 2 at the
//! concurrencies 16, 64, 256 and 1024 too (`--levels` at others). Everything goes through the
//! proxy: the API calls, the test-control calls (same host and port) and the messaging
//! sessions (GetMessagingSessionEndpoint answers the host:port it was reached on). Connection
//! set-up costs no extra round trip.
//!
//! Exit 1 when a proxied run at the default concurrency is over 1.5x (`BENCH_NO_GATE=1` only
//! reports), 2 when a run could not be made. `flags.rs` lists the flags.

mod flags;
mod proxy;
mod report;
mod solo;
mod suite;

use chime_conformance::harness::gate::summary::ScenarioSummary;
use chime_conformance::harness::report::ScenarioId;
use chime_conformance::server::{self, ServerConfig};
use flags::Flags;
use report::Level;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;
use suite::Run;

fn main() {
    let flags = flags::parse(std::env::args().skip(1));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => flags::usage(&format!("cannot start the async runtime: {e}")),
    };
    let code = match runtime.block_on(bench(&flags)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: remote bench: {e}");
            2
        }
    };
    std::process::exit(code)
}

async fn bench(flags: &Flags) -> Result<i32, String> {
    if !flags.bin.is_file() {
        return Err(format!(
            "{} is not there: build it (cargo build --release) or give --bin",
            flags.bin.display()
        ));
    }
    let one_way = Duration::from_millis(flags.delay_ms) / 2;
    let mut config = ServerConfig::default();
    if let Some(n) = flags.max_connections {
        config.max_connections = n;
    }
    let max_connections = config.max_connections;
    let server = server::spawn(config)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let proxy = proxy::start(server.addr, one_way)
        .await
        .map_err(|e| format!("cannot start the proxy: {e}"))?;
    let scratch = tempfile::tempdir().map_err(|e| format!("a scratch directory: {e}"))?;
    println!(
        "target: the reference server at {} (test-control on, at most {max_connections} \
         connections), through a proxy at {}",
        server.url, proxy.url
    );
    println!(
        "delay: {} ms a round trip, {:?} each way on every chunk of bytes in both directions \
         (API calls, control calls and sessions alike); connection set-up costs nothing extra",
        flags.delay_ms, one_way
    );
    println!(
        "pacing: {}",
        if flags.no_pacing {
            "off (--no-pacing)"
        } else {
            "on, as run --endpoint paces any endpoint: message writes at 10/s a bearer and 30/s a channel"
        }
    );

    let mut levels = Vec::new();
    for c in flags.all_levels() {
        let mut level = Level {
            concurrency: c,
            direct: Vec::new(),
            proxied: Vec::new(),
        };
        println!("concurrency {c}");
        for _ in 0..flags.repeat {
            for (name, url) in [("direct", &server.url), ("proxied", &proxy.url)] {
                let spec = Run {
                    bin: &flags.bin,
                    endpoint: url,
                    concurrency: flags.flag_for(c),
                    tags: None,
                    features: None,
                    no_pacing: flags.no_pacing,
                    deadline: flags.run_timeout,
                };
                let ran = suite::run(&spec, scratch.path()).await?;
                println!("  {name:<8} {:>7.2} s; {}", ran.wall(), ran.describe());
                match name {
                    "direct" => level.direct.push(ran),
                    _ => level.proxied.push(ran),
                }
            }
        }
        levels.push(level);
    }

    let critical = critical_path(flags, &levels, &proxy.url, scratch.path()).await?;
    let c = &proxy.counters;
    println!(
        "proxy: {} connections, {} of them failed to reach the server, {:.1} MiB carried",
        c.accepted.load(Ordering::Relaxed),
        c.connect_failures.load(Ordering::Relaxed),
        c.bytes.load(Ordering::Relaxed) as f64 / 1048576.0
    );
    report::table(&levels, critical, flags.default_level());
    drop(proxy);
    let _ = tokio::time::timeout(Duration::from_secs(5), server.shutdown()).await;

    let gate = std::env::var("BENCH_NO_GATE").is_err();
    Ok(if gate && !levels[0].met(critical) {
        1
    } else {
        0
    })
}

/// The longest of the candidates' times alone: each candidate (the longest scenarios of every
/// passing proxied run) is run `--repeat` times alone through the proxy, its fastest time
/// counting.
async fn critical_path(
    flags: &Flags,
    levels: &[Level],
    url: &str,
    scratch: &Path,
) -> Result<f64, String> {
    let mut candidates: BTreeMap<&ScenarioId, &ScenarioSummary> = BTreeMap::new();
    for ran in levels.iter().flat_map(|l| &l.proxied) {
        if ran.summary.verdict != "pass" {
            continue;
        }
        let mut longest: Vec<&ScenarioSummary> = ran.ran().collect();
        longest.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        for s in longest.into_iter().take(flags.candidates) {
            candidates.entry(&s.id).or_insert(s);
        }
    }
    if candidates.is_empty() {
        return Err("no proxied run passed, so there is no critical path to measure".into());
    }
    println!(
        "critical path: each of the {} longest scenarios alone through the proxy",
        candidates.len()
    );
    let mut critical: Option<(f64, &ScenarioId)> = None;
    for (id, s) in candidates {
        let mut alone = f64::INFINITY;
        let mut solo_wall = f64::INFINITY;
        for _ in 0..flags.repeat {
            let (seconds, wall) = solo(flags, url, s, scratch).await?;
            alone = alone.min(seconds);
            solo_wall = solo_wall.min(wall);
        }
        let in_default = levels[0]
            .proxied
            .first()
            .and_then(|r| r.ran().find(|x| x.id == *id));
        println!(
            "  {alone:>6.2} s alone ({} in the default run; the solo run {solo_wall:.2} s in all): {id} ({}:{})",
            in_default.map_or("absent".into(), |x| format!("{:.2} s", x.seconds)),
            id.feature,
            s.line
        );
        if critical.is_none_or(|(best, _)| alone > best) {
            critical = Some((alone, id));
        }
    }
    let (seconds, longest) = critical.ok_or("no candidate ran")?;
    println!("critical path {seconds:.2} s: {longest}");
    Ok(seconds)
}

/// The seconds `scenario` takes alone through the proxy, as its solo run's summary says, and
/// the solo run's own wall time.
async fn solo(
    flags: &Flags,
    url: &str,
    scenario: &ScenarioSummary,
    scratch: &Path,
) -> Result<(f64, f64), String> {
    let dir = tempfile::tempdir_in(scratch).map_err(|e| format!("a features directory: {e}"))?;
    solo::write_feature(scenario, dir.path())?;
    let ran = suite::run(
        &Run {
            bin: &flags.bin,
            endpoint: url,
            concurrency: None,
            tags: Some(solo::TAG),
            features: Some(dir.path()),
            no_pacing: flags.no_pacing,
            deadline: flags.run_timeout,
        },
        scratch,
    )
    .await?;
    let ran_alone: Vec<&ScenarioSummary> = ran.ran().collect();
    match ran_alone.as_slice() {
        [one] if one.id == scenario.id && one.verdict == scenario.verdict => {
            Ok((one.seconds, ran.wall()))
        }
        other => Err(format!(
            "running {} alone ran {} scenario(s): {:?}; {}",
            scenario.id,
            other.len(),
            other
                .iter()
                .map(|s| format!("{} ({})", s.id, s.verdict.as_str()))
                .collect::<Vec<_>>(),
            ran.describe()
        )),
    }
}
