//! The suite against a reference server that enforces the service's message-write quotas
//! (`serve --quotas`): paced to the documented quotas, it provokes no throttling at all, so
//! nothing fails, nothing warns, nothing is retried, and its wall time stays within the least
//! time those quotas impose on it plus 1.5x the time the same suite takes unpaced, measured in
//! the same test (a bound in seconds alone would fail on a busy machine). A step that means to meet a quota asks for
//! neither pacing nor retries, and meets it.

use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, Verdict, run_suite};
use chime_conformance::server::{self, ServerConfig};
use chime_conformance::wire::Rates;
use std::path::PathBuf;

fn run(quotas: bool, features: Option<PathBuf>) -> RunOutcome {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let server = server::spawn(ServerConfig {
            quotas,
            ..ServerConfig::default()
        })
        .await
        .expect("the reference server starts");
        let opts = RunOptions {
            // Paced only against a server that enforces the quotas.
            rates: if quotas {
                Rates::service_quotas()
            } else {
                Rates::none()
            },
            features_dir: features,
            ..RunOptions::default()
        };
        let outcome = run_suite(&Endpoint::new(server.url.clone()), opts)
            .await
            .expect("the suite runs");
        let _ = server.shutdown().await;
        outcome
    })
}

#[test]
fn paced_to_the_quotas_the_suite_is_never_throttled() {
    let unpaced = run(false, None);
    assert_eq!(unpaced.verdict(), Verdict::Passed, "{}", unpaced.summary());
    let outcome = run(true, None);
    assert_eq!(outcome.verdict(), Verdict::Passed, "{}", outcome.summary());
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert_eq!(outcome.retries.attempts_retried, 0, "{}", outcome.summary());
    let floor = outcome.retries.quota_floor.as_secs_f64();
    let wall = outcome.elapsed.as_secs_f64();
    let alone = unpaced.elapsed.as_secs_f64();
    assert!(floor >= 1.0, "{}", outcome.summary());
    assert!(
        wall <= floor + 1.5 * alone,
        "{wall:.2}s against a floor of {floor}s and {alone:.2}s unpaced: {}",
        outcome.summary()
    );
    println!(
        "serve --quotas: {} scenarios passed, 0 warnings, 0 retries; {wall:.2}s wall, floor {floor}s ({:.2}x), {alone:.2}s unpaced ({})",
        outcome.passed(),
        wall / floor,
        outcome.retries.busiest.as_deref().unwrap_or_default()
    );
}

const BURST: &str = r#"
Feature: Quotas

  @doc @op:SendChannelMessage
  Scenario: A bearer's writes beyond ten a second are throttled
    Given a PUBLIC channel "general" created by alice
    When alice sends 21 messages to "general" at once, without retries
    Then the call fails with ThrottledClientException
"#;

#[test]
fn a_quota_step_is_neither_paced_nor_retried() {
    let dir = std::env::temp_dir().join(format!("chime-conformance-burst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("burst.feature"), BURST).expect("feature written");
    let throttled = run(true, Some(dir.clone()));
    assert_eq!(
        throttled.verdict(),
        Verdict::Passed,
        "{}",
        throttled.summary()
    );
    assert_eq!(throttled.retries.attempts_retried, 0);
    // Without quotas nothing throttles, and the same scenario fails: the check can fail.
    let unthrottled = run(false, Some(dir.clone()));
    assert_eq!(
        unthrottled.verdict(),
        Verdict::Failed,
        "{}",
        unthrottled.summary()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
