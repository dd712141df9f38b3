//! Stopping a run as a user or a CI runner does: the first SIGINT or SIGTERM lets the running
//! scenarios clean up, writes the reports and exits 130, leaving no AppInstance behind; a
//! second signal exits at once.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

#[path = "common/flaky.rs"]
mod flaky;
#[path = "common/slow_target.rs"]
mod slow_target;

use slow_target::{SlowTarget, finish, start_run, wait};

/// Sends `SIGINT` or `SIGTERM`.
fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{}", name.trim_start_matches("SIG")))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{name} failed");
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "chime-conformance-interrupt-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Stops a run with `name` and checks what it left: exit 130, a summary that says so,
/// both reports, and no AppInstance on the server.
fn stopped_cleanly_by(name: &str) {
    let target = SlowTarget::start(Duration::from_millis(40));
    let dir = temp_dir(name);
    let (mut child, rest) = start_run(&target.url(), &dir, 3);
    let signalled = Instant::now();
    signal(&child, name);
    let status = wait(&mut child, Duration::from_secs(60));
    let took = signalled.elapsed();
    let (stdout, stderr) = finish(&mut child, rest);
    let stdout = stdout.join("\n");
    assert_eq!(status.code(), Some(130), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("INTERRUPTED ({name})")),
        "{stdout}"
    );
    assert!(stderr.contains(&format!("{name}: stopping")), "{stderr}");
    let not_started = stdout
        .lines()
        .find_map(|l| {
            l.split(" not started")
                .next()?
                .rsplit(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .expect("a count of scenarios not started");
    assert!(not_started > 0, "{stdout}");
    let junit = std::fs::read_to_string(dir.join("junit.xml")).expect("the JUnit report");
    assert!(junit.contains("<testsuites"), "{junit}");
    let cucumber = std::fs::read_to_string(dir.join("cucumber.json")).expect("cucumber JSON");
    assert!(serde_json::from_str::<serde_json::Value>(&cucumber).is_ok());
    assert_eq!(
        target.app_instances(),
        Vec::<String>::new(),
        "left behind\n{stdout}"
    );
    println!(
        "{name}: exited 130 {took:?} after the signal, {not_started} scenarios not started, 0 AppInstances left"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigint_stops_the_run_cleanly() {
    stopped_cleanly_by("SIGINT");
}

#[test]
fn sigterm_stops_the_run_cleanly() {
    stopped_cleanly_by("SIGTERM");
}

#[test]
fn a_second_sigint_exits_at_once() {
    // Slow enough that the clean-up after the first signal takes seconds.
    let target = SlowTarget::start(Duration::from_millis(400));
    let dir = temp_dir("twice");
    let (mut child, rest) = start_run(&target.url(), &dir, 1);
    signal(&child, "SIGINT");
    std::thread::sleep(Duration::from_millis(300));
    let second = Instant::now();
    signal(&child, "SIGINT");
    let status = wait(&mut child, Duration::from_secs(10));
    let took = second.elapsed();
    assert_eq!(status.code(), Some(130));
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let (stdout, stderr) = finish(&mut child, rest);
    assert!(
        !stdout.iter().any(|l| l.contains("INTERRUPTED")),
        "the summary of a run that was left at once: {stdout:?}"
    );
    assert!(stderr.contains("again: exiting now"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
