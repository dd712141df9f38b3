//! One run of the check: a reference server with one fault (or none), the suite against it,
//! and what failed.

use super::options::SelfCheckOptions;
use super::report::{Catch, RunVerdict};
use crate::harness::report::ScenarioResult;
use crate::harness::{Endpoint, RunOptions, RunOutcome, run_suite};
use crate::server::{self, ServerConfig, faults::Fault, faults::FaultSet};
use std::time::{Duration, Instant};

/// One run: a server with `fault` (or none), the suite against it, the server stopped.
pub async fn judge(fault: Option<Fault>, opts: &SelfCheckOptions) -> RunVerdict {
    let started = Instant::now();
    let mut verdict = RunVerdict {
        fault,
        failed: Vec::new(),
        scenarios: 0,
        error: None,
        elapsed: Duration::ZERO,
    };
    let config = ServerConfig {
        faults: fault.map(FaultSet::from).unwrap_or_default(),
        ..ServerConfig::default()
    };
    let running = match server::spawn(config).await {
        Ok(s) => s,
        Err(e) => {
            verdict.error = Some(format!("cannot start the reference server: {e}"));
            return verdict;
        }
    };
    let outcome = run_suite(
        &Endpoint::new(running.url.clone()),
        RunOptions {
            concurrency: opts.scenarios_per_run,
            // Strict: a fault of an @assumed entry or an unknown response member must fail too.
            strict: true,
            timeout: opts.timeout,
            verbose: false,
            fail_fast: opts.first_catch && fault.is_some(),
            ..RunOptions::default()
        },
    )
    .await;
    // The verdict is in; a server that will not stop cleanly changes nothing.
    let _ = running.shutdown().await;
    match outcome {
        Ok(outcome) => judge_outcome(&mut verdict, &outcome),
        Err(e) => verdict.error = Some(e.to_string()),
    }
    verdict.elapsed = started.elapsed();
    verdict
}

fn judge_outcome(verdict: &mut RunVerdict, outcome: &RunOutcome) {
    if !outcome.parse_errors.is_empty() {
        verdict.error = Some(format!(
            "the features did not parse: {}",
            outcome.parse_errors.join("; ")
        ));
        return;
    }
    verdict.scenarios = outcome.scenarios.len();
    verdict.failed = outcome
        .scenarios
        .iter()
        .filter(|s| !s.passed())
        .map(catch_of)
        .collect();
}

fn catch_of(s: &ScenarioResult) -> Catch {
    Catch {
        scenario: format!("{} / {}", s.feature, s.name),
        behaviours: s.behaviours().into_iter().map(str::to_owned).collect(),
        failure: s.failure().unwrap_or_default(),
    }
}
