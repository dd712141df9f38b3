//! The suite proves itself: against the reference server it passes, and against every
//! deliberate fault of the server some scenario fails. The CLI's fault options as a user meets
//! them.

use chime_conformance::self_check::{SelfCheckOptions, self_check};
use chime_conformance::server::faults::Fault;
mod common;

use common::chime;
use std::sync::Mutex;
use std::time::Instant;

/// One test at a time: the in-process self-check silences the process-wide panic hook while it
/// runs (a failing test beside it would lose its message), and it uses both cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn every_fault_is_caught_and_the_clean_server_passes() {
    let _turn = serial();
    let started = Instant::now();
    // Each fault's run stops at its first catch: this test only asks whether it was caught.
    let report = self_check(&SelfCheckOptions {
        first_catch: true,
        ..SelfCheckOptions::default()
    });
    println!("{}", report.matrix(false));
    println!("{}", report.summary());
    println!("self-check took {:?}", started.elapsed());
    assert!(
        report.clean.error.is_none(),
        "clean run: {:?}",
        report.clean.error
    );
    assert!(
        report.clean.scenarios > 100,
        "{} scenarios",
        report.clean.scenarios
    );
    assert!(
        report.clean.failed.is_empty(),
        "the clean server fails: {:?}",
        report.clean.failed
    );
    assert_eq!(report.faults.len(), Fault::ALL.len());
    assert!(Fault::ALL.len() >= 30);
    assert!(
        report.missed().is_empty(),
        "faults no scenario caught: {:?}",
        report.missed()
    );
    assert!(report.passed());
}

#[test]
fn serve_lists_the_faults_and_refuses_an_unknown_one() {
    let _turn = serial();
    let (code, stdout, _) = chime(&["serve", "--list-faults"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout.lines().count(), Fault::ALL.len(), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("ascending-by-default") && l.contains("B-LIST-01")),
        "{stdout}"
    );
    let (code, _, stderr) = chime(&["serve", "--port", "0", "--fault", "no-such-fault"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no-such-fault"), "{stderr}");
    assert!(
        stderr.contains("pagination-skips"),
        "names the known faults: {stderr}"
    );
}

#[test]
fn self_check_refuses_an_unknown_fault_and_checks_a_named_one() {
    let _turn = serial();
    let (code, _, stderr) = chime(&["self-check", "--fault", "no-such-fault"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("target-ignored"), "{stderr}");
    let (code, stdout, stderr) = chime(&["self-check", "--fault", "target-ignored"]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with("target-ignored"))
        .unwrap_or_else(|| panic!("no matrix row: {stdout}"));
    assert!(
        row.contains("B-MSG-07") && row.contains("targeted message"),
        "{row}"
    );
    assert!(stdout.contains("1/1 faults caught"), "{stdout}");
    assert!(
        !stdout.contains("ascending-by-default"),
        "only the named fault: {stdout}"
    );
}
