//! `chime-conformance run`: the conformance suite against the embedded reference server, or
//! against `--endpoint`; paced to the service's quotas against an endpoint, retried as the
//! AWS SDKs retry, and stopped cleanly by the first Ctrl-C or SIGTERM (at once by a second).

use super::gating::GateArgs;
use crate::harness::gate::judge::ScenarioVerdict;
use crate::harness::runner::Interrupt;
use crate::harness::snapshot::SnapshotMode;
use crate::harness::snapshot::SnapshotOptions;
use crate::harness::{Endpoint, RunOptions, RunOutcome, report, run_suite};
use crate::server::{self, ServerConfig};
use crate::wire::{Rates, RetryMode, RetryPolicy};
use std::path::PathBuf;
use std::time::Duration;

/// The longest wait a flag may ask for, in seconds: beyond it a deadline is a mistake, and
/// `Instant + Duration` would overflow long before `u64::MAX`.
const DAY: u64 = 24 * 3600;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The messaging endpoint to judge (a mock, an emulator, or the real service's
    /// `https://messaging-chime.<region>.amazonaws.com`). Without it the embedded reference
    /// server is started on an ephemeral port.
    #[arg(long, env = "AWS_ENDPOINT_URL")]
    pub endpoint: Option<String>,
    /// The identity endpoint, when it differs from --endpoint (the real service:
    /// `https://identity-chime.<region>.amazonaws.com`).
    #[arg(long)]
    pub identity_endpoint: Option<String>,
    /// The region requests are signed for.
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    pub region: String,
    /// Run only the scenarios matching a tag expression, e.g. `@B-EXP-03 or @op:CreateChannel`.
    #[arg(long)]
    pub tags: Option<String>,
    /// How many scenarios run at once (each has its own AppInstance); lower it for an account
    /// whose AppInstance quota is smaller.
    #[arg(long, default_value_t = crate::harness::runner::options::DEFAULT_CONCURRENCY)]
    pub concurrency: usize,
    /// Write a JUnit XML report here; each failure names the behaviours it broke.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write a cucumber JSON report here.
    #[arg(long, value_name = "FILE")]
    pub cucumber_json: Option<PathBuf>,
    /// Fail on `@assumed` scenarios and on unknown response members too.
    #[arg(long)]
    pub strict: bool,
    /// The per-request timeout: one HTTP attempt, from connecting to the answer's last byte.
    #[arg(long, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=DAY))]
    pub timeout: u64,
    /// The connect timeout of every HTTP attempt.
    #[arg(long, value_name = "SECS", default_value_t = 3,
          value_parser = clap::value_parser!(u64).range(1..=DAY))]
    pub connect_timeout: u64,
    /// The per-scenario deadline: a scenario whose steps take longer is inconclusive (its
    /// clean-up still runs).
    #[arg(long, value_name = "SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=7 * DAY))]
    pub scenario_timeout: u64,
    /// How long a messaging session must stay silent, after a scenario's last answered call,
    /// before "receives nothing" holds: SECS (fractions allowed, at most 60), or auto: three
    /// times the slowest delivery the run has seen, within 0.15..1 s, and 1 s until one is seen.
    #[arg(long, value_name = "SECS|auto", default_value = "auto", value_parser = parse_quiet)]
    pub quiet_period: QuietArg,
    /// Attempts per call, the first included, for throttling, server faults (5xx) and lost
    /// connections; 1 retries nothing.
    #[arg(long, env = "AWS_MAX_ATTEMPTS", value_name = "N", default_value_t = RetryPolicy::DEFAULT_MAX_ATTEMPTS,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_attempts: u32,
    /// The AWS SDKs' retry mode: standard, or adaptive (which retries alike here: the
    /// harness paces itself instead of the SDKs' client-side rate limiter).
    #[arg(long, env = "AWS_RETRY_MODE", value_name = "MODE", default_value = "standard",
          value_parser = |s: &str| s.parse::<RetryMode>())]
    pub retry_mode: RetryMode,
    /// No retry starts once a call has taken this long.
    #[arg(long, value_name = "SECS", default_value_t = RetryPolicy::DEFAULT_BUDGET.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=DAY))]
    pub retry_budget: u64,
    /// Pace calls to another rate, NAME=CALLS_PER_SECOND or NAME=off (repeatable); NAME is
    /// bearer-writes, channel-writes, all, or an operation. Against --endpoint the service's
    /// quotas apply (bearer-writes=10, channel-writes=30); against the embedded server none.
    #[arg(long = "rate", value_name = "NAME=N")]
    pub rates: Vec<String>,
    /// Pace nothing, not even to the service's quotas.
    #[arg(long)]
    pub no_pacing: bool,
    /// After the first Ctrl-C or SIGTERM, the running scenarios get this long to clean up.
    #[arg(long, value_name = "SECS", default_value_t = Interrupt::DEFAULT_GRACE.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=DAY))]
    pub grace: u64,
    /// Run the feature files of this directory instead of the embedded suite.
    #[arg(long, value_name = "DIR")]
    pub features: Option<PathBuf>,
    /// Record new and changed snapshots instead of failing on them (never under `CI=true`).
    #[arg(long)]
    pub update_snapshots: bool,
    /// The snapshot directory [default: `snapshots/` under the current directory, when there].
    #[arg(long, value_name = "DIR")]
    pub snapshots: Option<PathBuf>,
    /// Print only the summary, not a line per scenario.
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the coverage report here (JSON): operations, modelled errors, enum values,
    /// response members and catalogue entries exercised.
    #[arg(long, value_name = "FILE")]
    pub coverage: Option<PathBuf>,
    /// Fail the run when fewer than PCT percent of the modelled operations were called.
    #[arg(long, value_name = "PCT")]
    pub min_coverage: Option<f64>,
    #[command(flatten)]
    pub gate: super::gating::GateArgs,
}

pub fn run(args: Args) -> u8 {
    if let Some(min) = args.min_coverage
        && !(0.0..=100.0).contains(&min)
    {
        eprintln!("error: run: --min-coverage {min}: a percentage from 0 to 100");
        return super::exit::USAGE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: run: cannot start the async runtime: {e}");
            return super::exit::USAGE;
        }
    };
    let rates = match rates(&args) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: run: {e}");
            return super::exit::USAGE;
        }
    };
    let prepared = match args.gate.prepare() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: run: {e}");
            return super::exit::USAGE;
        }
    };
    let shown_options = shown_options(&args);
    if args.retry_mode == RetryMode::Adaptive {
        eprintln!(
            "note: run: retry mode adaptive retries as standard does; the pacing to {} stands in for the SDKs' client-side rate limiter",
            rates.describe()
        );
    }
    let embedded = args.endpoint.is_none();
    let endpoint = args.endpoint.map(|url| Endpoint {
        url,
        identity_url: args.identity_endpoint,
    });
    let interrupt = Interrupt::new(Duration::from_secs(args.grace));
    let opts = RunOptions {
        region: args.region,
        tags: args.tags,
        concurrency: args.concurrency,
        strict: args.strict,
        timeout: Duration::from_secs(args.timeout),
        connect_timeout: Duration::from_secs(args.connect_timeout),
        scenario_timeout: Duration::from_secs(args.scenario_timeout),
        quiet: args.quiet_period.0,
        retry: RetryPolicy {
            mode: args.retry_mode,
            max_attempts: args.max_attempts,
            budget: Duration::from_secs(args.retry_budget),
            ..RetryPolicy::default()
        },
        rates,
        interrupt: Some(interrupt.clone()),
        features_dir: args.features,
        snapshots: SnapshotOptions {
            dir: args.snapshots,
            mode: if args.update_snapshots {
                SnapshotMode::Update
            } else {
                SnapshotMode::Verify
            },
        },
        verbose: !args.quiet,
        fail_fast: false,
        shard: args.gate.shard,
        shard_durations: prepared.durations.clone(),
        embedded_target: embedded,
        progress: !args.gate.no_progress,
    };
    runtime.spawn(stop_on_signals(interrupt));
    let outcome = match runtime.block_on(run_against(endpoint, opts)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: run: {e}");
            return super::exit::USAGE;
        }
    };
    let judgement = match args.gate.finish(&outcome, &prepared, shown_options) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: run: {e}");
            return super::exit::USAGE;
        }
    };
    if let Some(path) = &args.junit
        && let Err(e) = std::fs::write(
            path,
            report::junit(&outcome.scenarios, &outcome.skipped, &|s| {
                let id = s.id();
                (judgement.verdict_of(&id) == Some(ScenarioVerdict::Known)).then(|| {
                    judgement
                        .deviation_of(&id)
                        .map(|d| d.deviation.reason.clone())
                        .filter(|r| !r.is_empty())
                        .unwrap_or_else(|| "listed in the baseline, no reason given".into())
                })
            }),
        )
    {
        eprintln!("error: run: writing {}: {e}", path.display());
        return super::exit::USAGE;
    }
    if let Some(path) = &args.cucumber_json {
        let json = report::cucumber_json(&outcome.scenarios);
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: run: writing {}: {e}", path.display());
            return super::exit::USAGE;
        }
    }
    if let Some(path) = &args.coverage {
        let text = serde_json::to_string_pretty(&outcome.coverage.to_json()).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("error: run: writing {}: {e}", path.display());
            return super::exit::USAGE;
        }
    }
    println!("{}", outcome.coverage.summary());
    let mut code = super::exit::of_verdict(GateArgs::verdict(&judgement, &outcome));
    if let Some(min) = args.min_coverage
        && outcome.interrupted.is_none()
        && let Err(e) = outcome.coverage.check_min_coverage(min)
    {
        eprintln!("error: run: {e}");
        if code == super::exit::OK {
            code = super::exit::FAILURE;
        }
    }
    code
}

/// The options a report shows: those that change what is judged or how.
fn shown_options(args: &Args) -> std::collections::BTreeMap<String, String> {
    let mut o = std::collections::BTreeMap::new();
    let mut put = |k: &str, v: String| {
        o.insert(k.to_owned(), v);
    };
    put("region", args.region.clone());
    put("concurrency", args.concurrency.to_string());
    put("strict", args.strict.to_string());
    put("timeout", format!("{}s", args.timeout));
    put("scenario-timeout", format!("{}s", args.scenario_timeout));
    put(
        "quiet-period",
        args.quiet_period
            .0
            .map_or_else(|| "auto".to_owned(), |d| format!("{}s", d.as_secs_f64())),
    );
    put("max-attempts", args.max_attempts.to_string());
    put(
        "retry-mode",
        format!("{:?}", args.retry_mode).to_lowercase(),
    );
    if let Some(t) = &args.tags {
        put("tags", t.clone());
    }
    if let Some(f) = &args.features {
        put("features", f.display().to_string());
    }
    if let Some(s) = &args.gate.shard {
        put("shard", s.to_string());
    }
    if let Some(b) = &args.gate.baseline {
        put("baseline", b.display().to_string());
        put("strict-baseline", args.gate.strict_baseline.to_string());
    }
    if args.no_pacing {
        put("pacing", "off".into());
    } else if !args.rates.is_empty() {
        put("rate", args.rates.join(" "));
    }
    o
}

/// The rates of the run: the service's quotas against an endpoint, none against the embedded
/// server (it does not throttle), then `--rate` and `--no-pacing`.
fn rates(args: &Args) -> Result<Rates, String> {
    if args.no_pacing {
        return Ok(Rates::none());
    }
    let mut rates = if args.endpoint.is_some() {
        Rates::service_quotas()
    } else {
        Rates::none()
    };
    for spec in &args.rates {
        rates.set(spec)?;
    }
    Ok(rates)
}

/// The first SIGINT or SIGTERM stops the run cleanly; a second one exits at once.
async fn stop_on_signals(interrupt: Interrupt) {
    let Some(first) = next_signal().await else {
        return;
    };
    eprintln!(
        "\n{first}: stopping: no scenario starts any more, the running ones clean up (for up to {}s); Ctrl-C again exits at once",
        interrupt.grace().as_secs()
    );
    interrupt.trigger(first);
    if let Some(second) = next_signal().await {
        eprintln!(
            "{second} again: exiting now; this run's AppInstances may be left behind (`chime-conformance cleanup` deletes them)"
        );
        std::process::exit(i32::from(super::exit::INTERRUPTED));
    }
}

/// The next SIGINT (Ctrl-C) or SIGTERM (what CI runners send); `None` when no signal can be
/// listened for, and the run then goes to its end.
async fn next_signal() -> Option<&'static str> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("warning: run: cannot listen for SIGTERM: {e}");
                return None;
            }
        };
        tokio::select! {
            r = tokio::signal::ctrl_c() => r.ok().map(|()| "SIGINT"),
            _ = term.recv() => Some("SIGTERM"),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.ok().map(|()| "Ctrl-C")
    }
}

/// The connections one scenario is given room for on the embedded server: its API calls'
/// and its users' messaging sessions (and, above the server's default, what an idle
/// connection gives way for).
const CONNECTIONS_PER_SCENARIO: usize = 2;

/// Runs the suite against `endpoint`, or without one against the reference server (with the
/// test-control protocol) started for the run on an ephemeral port and stopped after it.
async fn run_against(endpoint: Option<Endpoint>, opts: RunOptions) -> Result<RunOutcome, String> {
    if let Some(endpoint) = endpoint {
        return run_suite(&endpoint, opts).await.map_err(|e| e.to_string());
    }
    // Every scenario running at once may hold an API connection and a few sessions: the
    // server started for the run is sized for it, so no call waits for a connection slot.
    let config = ServerConfig {
        control: true,
        max_connections: ServerConfig::DEFAULT_MAX_CONNECTIONS
            .max(opts.concurrency.saturating_mul(CONNECTIONS_PER_SCENARIO)),
        ..ServerConfig::default()
    };
    let server = server::spawn(config)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let outcome = run_suite(&Endpoint::new(server.url.clone()), opts).await;
    // The outcome is judged already; a server that will not stop cleanly changes nothing.
    let _ = server.shutdown().await;
    outcome.map_err(|e| e.to_string())
}

/// `--quiet-period`: a fixed period, or `None` for one that follows the target.
#[derive(Debug, Clone, Copy)]
pub struct QuietArg(pub Option<Duration>);

fn parse_quiet(text: &str) -> Result<QuietArg, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(QuietArg(None));
    }
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is neither a number of seconds nor auto"))?;
    if !(0.0..=60.0).contains(&secs) {
        return Err(format!("{secs} s is outside 0..=60"));
    }
    Ok(QuietArg(Some(Duration::from_secs_f64(secs))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quiet_period_is_seconds_or_auto() {
        assert!(parse_quiet("auto").unwrap().0.is_none());
        assert_eq!(
            parse_quiet("0.25").unwrap().0,
            Some(Duration::from_millis(250))
        );
        assert!(parse_quiet("soon").unwrap_err().contains("nor auto"));
        assert!(parse_quiet("-1").unwrap_err().contains("outside"));
        assert!(parse_quiet("61").unwrap_err().contains("outside"));
    }
}
