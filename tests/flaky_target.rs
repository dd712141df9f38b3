//! The suite against a target that throttles, refuses or hangs up on a share of the requests
//! at random (a seeded proxy in front of the reference server): at 5% every run passes with
//! nothing inconclusive, the faults retried away and counted; at 50% with few attempts the
//! run ends inconclusive (exit 2), never with a conformance failure.

use chime_conformance::cli::exit;
use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, Verdict, run_suite};
use chime_conformance::server::{self, ServerConfig};
use chime_conformance::wire::RetryPolicy;
use std::time::Duration;

#[path = "common/flaky.rs"]
mod flaky;

/// Runs the suite through a proxy with `flakiness`, allowing `max_attempts` per call.
async fn run_through(flakiness: flaky::Flakiness, max_attempts: u32) -> (RunOutcome, usize) {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("the reference server starts");
    let proxy = flaky::start(&server.url, flakiness).await;
    let opts = RunOptions {
        retry: RetryPolicy {
            max_attempts,
            ..RetryPolicy::default()
        },
        ..RunOptions::default()
    };
    let outcome = run_suite(&Endpoint::new(proxy.url.clone()), opts)
        .await
        .expect("the suite runs");
    let faults = proxy.counts.faults();
    drop(proxy);
    let _ = server.shutdown().await;
    (outcome, faults)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn at_five_percent_twenty_runs_pass_with_every_fault_retried_away() {
    let rt = runtime();
    let mut faults = 0;
    let mut retried = 0;
    let mut seconds = Vec::new();
    for seed in 1..=20 {
        let flakiness = flaky::Flakiness {
            fault_rate: 0.05,
            seed,
            delay: Duration::ZERO,
        };
        let (outcome, injected) = rt.block_on(run_through(flakiness, ATTEMPTS_AT_FIVE_PERCENT));
        assert!(
            outcome.failed().is_empty() && outcome.inconclusive().is_empty(),
            "seed {seed}: {}",
            outcome.summary()
        );
        assert_eq!(outcome.verdict(), Verdict::Passed, "seed {seed}");
        assert!(
            outcome.warnings.is_empty(),
            "seed {seed}: {:?}",
            outcome.warnings
        );
        // Every fault was retried away, and the reports say so.
        assert_eq!(outcome.retries.attempts_retried, injected, "seed {seed}");
        let noted: usize = outcome
            .scenarios
            .iter()
            .flat_map(|s| &s.retried)
            .map(|n| n.retried.len())
            .sum();
        assert_eq!(noted, injected, "seed {seed}");
        faults += injected;
        retried += outcome.retries.calls_retried;
        seconds.push(outcome.elapsed.as_secs_f64());
    }
    // 5% of some 2,260 API calls a run.
    assert!(faults > 20 * 50, "only {faults} faults in 20 runs");
    println!(
        "20 runs at 5%: {faults} faults injected, {retried} calls retried, 0 failed, 0 inconclusive; {:.1}-{:.1}s a run",
        seconds.iter().cloned().fold(f64::MAX, f64::min),
        seconds.iter().cloned().fold(0.0, f64::max)
    );
}

/// The SDKs' 3 attempts leave a call without an answer once in 8,000 at 5% (0.05^3): about
/// one run in four then has an inconclusive scenario (measured: 6 of 20 runs, one each, none
/// failed). 6 attempts make it once in 64 million calls.
const ATTEMPTS_AT_FIVE_PERCENT: u32 = 6;

#[test]
fn at_fifty_percent_with_two_attempts_the_run_is_inconclusive_never_failed() {
    let rt = runtime();
    let flakiness = flaky::Flakiness {
        fault_rate: 0.5,
        seed: 50,
        delay: Duration::ZERO,
    };
    let (outcome, injected) = rt.block_on(run_through(flakiness, 2));
    assert!(outcome.failed().is_empty(), "{}", outcome.summary());
    assert!(!outcome.inconclusive().is_empty(), "{}", outcome.summary());
    assert_eq!(outcome.verdict(), Verdict::Inconclusive);
    assert_eq!(exit::of_verdict(outcome.verdict()), 2);
    let summary = outcome.summary();
    assert!(summary.contains("INCONCLUSIVE"), "{summary}");
    assert!(summary.contains("no judgeable answer"), "{summary}");
    println!(
        "50%, 2 attempts: {injected} faults; {} inconclusive, {} passed, 0 failed; the first:\n{}",
        outcome.inconclusive().len(),
        outcome.passed(),
        outcome.inconclusive()[0].failure().unwrap_or_default()
    );
}
