//! The whole conformance suite against the embedded reference server: every scenario passes,
//! no step is undefined, nothing is skipped, and every checked-in snapshot under `snapshots/`
//! matches (verify mode). Then again against a server with the control protocol turned off:
//! exactly the scenarios that need a control capability are skipped and the rest pass, the
//! messaging-session ones included (sessions are no part of the control protocol).

use chime_conformance::harness::control::KNOWN_CAPABILITIES;
use chime_conformance::harness::session_probe;
use chime_conformance::harness::snapshot::SnapshotMode;
use chime_conformance::harness::snapshot::SnapshotOptions;
use chime_conformance::harness::{RunOptions, RunOutcome};
use std::path::Path;
use std::process::ExitCode;

#[path = "common/embedded.rs"]
mod embedded;

fn run(control: bool) -> Result<RunOutcome, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    runtime
        .block_on(embedded::run_embedded(
            control,
            RunOptions {
                // The checked-in snapshots, verified: a changed response fails its scenario.
                snapshots: SnapshotOptions {
                    dir: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")),
                    mode: SnapshotMode::Verify,
                },
                ..RunOptions::default()
            },
        ))
        .map_err(|e| format!("the suite did not run: {e}"))
}

/// Problems with a run that should be clean apart from the expected skips.
fn problems(outcome: &RunOutcome) -> Vec<String> {
    let mut out = Vec::new();
    if outcome.scenarios.is_empty() {
        out.push("no scenario ran".to_string());
    }
    for s in outcome.failed() {
        out.push(format!(
            "failed: {} / {}: {}",
            s.feature,
            s.name,
            s.failure().unwrap_or_default()
        ));
    }
    for s in outcome.undefined() {
        out.push(format!(
            "undefined step: {} / {}: {}",
            s.feature,
            s.name,
            s.failure().unwrap_or_default()
        ));
    }
    for e in &outcome.parse_errors {
        out.push(format!("feature error: {e}"));
    }
    out
}

fn main() -> ExitCode {
    let mut failures = Vec::new();

    match run(true) {
        Err(e) => failures.push(e),
        Ok(full) => {
            println!("with control:{}", full.summary());
            failures.extend(problems(&full));
            let recorded =
                std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"))
                    .map(|d| d.count())
                    .unwrap_or(0);
            let s = &full.snapshots;
            if recorded == 0 || s.matched != recorded || s.created + s.updated > 0 {
                failures.push(format!(
                    "every one of the {recorded} recorded snapshots should match once: {s:?}"
                ));
            }
            if !s.unreferenced.is_empty() {
                failures.push(format!("unreferenced snapshots: {:?}", s.unreferenced));
            }
            for s in &full.skipped {
                failures.push(format!(
                    "skipped although the reference server has every capability: {} / {} (needs {})",
                    s.feature,
                    s.name,
                    s.missing.join(", ")
                ));
            }
            let needs = |s: &&chime_conformance::harness::report::ScenarioResult, caps: &[&str]| {
                s.tags
                    .iter()
                    .filter_map(|t| t.strip_prefix("needs:"))
                    .any(|n| caps.contains(&n))
            };
            let mut needing: Vec<String> = full
                .scenarios
                .iter()
                .filter(|s| needs(s, &KNOWN_CAPABILITIES))
                .map(|s| format!("{} / {}", s.feature, s.name))
                .collect();
            needing.sort();
            if needing.is_empty() {
                failures.push("no scenario needs a control capability".to_string());
            }
            let sessions = full
                .scenarios
                .iter()
                .filter(|s| needs(s, &[session_probe::CAPABILITY]))
                .count();
            println!(
                "{} scenarios need a control capability, {sessions} need messaging sessions",
                needing.len()
            );
            if sessions == 0 {
                failures.push("no scenario needs messaging sessions".to_string());
            }

            match run(false) {
                Err(e) => failures.push(e),
                Ok(bare) => {
                    println!("without control:{}", bare.summary());
                    failures.extend(problems(&bare));
                    let mut skipped: Vec<String> = bare
                        .skipped
                        .iter()
                        .map(|s| format!("{} / {}", s.feature, s.name))
                        .collect();
                    skipped.sort();
                    if skipped != needing {
                        failures.push(format!(
                            "without control the skipped scenarios should be exactly those needing a control capability\n  skipped: {skipped:?}\n  needing: {needing:?}"
                        ));
                    }
                    if !bare.capabilities.contains(session_probe::CAPABILITY) {
                        failures.push(format!(
                            "without control the server should still offer messaging sessions: {:?}",
                            bare.unavailable
                        ));
                    }
                    if bare.scenarios.len() + bare.skipped.len() != full.scenarios.len() {
                        failures.push(format!(
                            "{} scenarios ran and {} were skipped without control, {} ran with it",
                            bare.scenarios.len(),
                            bare.skipped.len(),
                            full.scenarios.len()
                        ));
                    }
                }
            }
        }
    }

    if failures.is_empty() {
        println!("suite: ok");
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("suite: {f}");
        }
        ExitCode::FAILURE
    }
}
