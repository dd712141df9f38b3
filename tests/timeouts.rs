//! Timeouts that name themselves: a slow answer is a request timeout, a slow scenario passes
//! its deadline, and either makes the scenario inconclusive (the target was too slow to
//! judge), never failed.

use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, Verdict, run_suite};
use chime_conformance::server::{self, ServerConfig};
use chime_conformance::wire::RetryPolicy;
use std::time::Duration;

#[path = "common/flaky.rs"]
mod flaky;

const CAST: &str = r#"
Feature: A slow target

  @doc @op:CreateAppInstanceUser
  Scenario: Four users
    Given the users alice, bob, carol and dave
"#;

/// Runs [`CAST`] against a server whose every API answer comes `delay` late.
fn run_slowly(delay: Duration, opts: RunOptions) -> RunOutcome {
    let dir = std::env::temp_dir().join(format!(
        "chime-conformance-slow-{}-{}",
        delay.as_millis(),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("slow.feature"), CAST).expect("feature written");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let outcome = rt.block_on(async {
        let server = server::spawn(ServerConfig::default())
            .await
            .expect("server");
        let flakiness = flaky::Flakiness {
            fault_rate: 0.0,
            seed: 0,
            delay,
        };
        let proxy = flaky::start(&server.url, flakiness).await;
        let opts = RunOptions {
            features_dir: Some(dir.clone()),
            ..opts
        };
        let outcome = run_suite(&Endpoint::new(proxy.url.clone()), opts).await;
        drop(proxy);
        let _ = server.shutdown().await;
        outcome.expect("the run completes")
    });
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

fn why_inconclusive(outcome: &RunOutcome) -> String {
    assert_eq!(
        outcome.verdict(),
        Verdict::Inconclusive,
        "{}",
        outcome.summary()
    );
    outcome.inconclusive()[0].failure().unwrap_or_default()
}

#[test]
fn a_slow_answer_is_a_request_timeout() {
    let outcome = run_slowly(
        Duration::from_millis(1500),
        RunOptions {
            timeout: Duration::from_secs(1),
            retry: RetryPolicy {
                max_attempts: 1,
                ..RetryPolicy::default()
            },
            ..RunOptions::default()
        },
    );
    let why = why_inconclusive(&outcome);
    assert!(why.contains("within the request timeout (1s)"), "{why}");
}

#[test]
fn a_slow_scenario_passes_its_deadline() {
    let outcome = run_slowly(
        Duration::from_millis(300),
        RunOptions {
            scenario_timeout: Duration::from_secs(1),
            ..RunOptions::default()
        },
    );
    let why = why_inconclusive(&outcome);
    assert!(why.contains("--scenario-timeout 1s"), "{why}");
    // The deadline ended the step where it stood, well before its five calls could finish.
    assert!(
        outcome.elapsed < Duration::from_secs(4),
        "{:?}",
        outcome.elapsed
    );
}
