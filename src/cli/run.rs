//! `chime-conformance run`: the conformance suite against the embedded reference server, or
//! against `--endpoint`.

use crate::harness::snapshot::SnapshotMode;
use crate::harness::snapshot::SnapshotOptions;
use crate::harness::{Endpoint, RunOptions, RunOutcome, report, run_suite};
use crate::server::{self, ServerConfig};
use std::path::PathBuf;
use std::time::Duration;

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
    /// How many scenarios run at once (each has its own AppInstance).
    #[arg(long, default_value_t = 16)]
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
    /// The timeout of every HTTP call, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
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
    let endpoint = args.endpoint.map(|url| Endpoint {
        url,
        identity_url: args.identity_endpoint,
    });
    let opts = RunOptions {
        region: args.region,
        tags: args.tags,
        concurrency: args.concurrency,
        strict: args.strict,
        timeout: Duration::from_secs(args.timeout.max(1)),
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
    };
    let outcome = match runtime.block_on(run_against(endpoint, opts)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: run: {e}");
            return super::exit::USAGE;
        }
    };
    print!("{}", outcome.summary());
    if let Some(path) = &args.junit
        && let Err(e) = std::fs::write(path, report::junit(&outcome.scenarios, &outcome.skipped))
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
    let mut code = super::exit::of_verdict(outcome.verdict());
    if let Some(min) = args.min_coverage
        && let Err(e) = outcome.coverage.check_min_coverage(min)
    {
        eprintln!("error: run: {e}");
        if code == super::exit::OK {
            code = super::exit::FAILURE;
        }
    }
    code
}

/// Runs the suite against `endpoint`, or without one against the reference server (with the
/// test-control protocol) started for the run on an ephemeral port and stopped after it.
async fn run_against(endpoint: Option<Endpoint>, opts: RunOptions) -> Result<RunOutcome, String> {
    if let Some(endpoint) = endpoint {
        return run_suite(&endpoint, opts).await.map_err(|e| e.to_string());
    }
    let config = ServerConfig {
        control: true,
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
