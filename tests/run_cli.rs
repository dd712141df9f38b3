//! The `run` command's exit codes as a user meets them.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn run_against_a_closed_port_exits_2_within_seconds() {
    // A port that was free a moment ago: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("an ephemeral port")
        .port();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["run", "--endpoint", &format!("http://127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the binary") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("run did not give up on a closed port within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2), "exit code");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let mut stderr = String::new();
    use std::io::Read as _;
    child
        .stderr
        .take()
        .expect("stderr piped")
        .read_to_string(&mut stderr)
        .expect("stderr readable");
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "one-line reason: {stderr}"
    );
    assert!(stderr.contains(&port.to_string()), "{stderr}");
}

#[test]
fn a_bad_tag_expression_is_a_usage_error() {
    let status = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["run", "--tags", "@(", "--endpoint", "http://127.0.0.1:9"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(2));
}

#[test]
fn retry_settings_from_the_environment_are_checked_as_the_sdks_read_them() {
    for (var, value, says) in [
        ("AWS_RETRY_MODE", "legacy", "standard or adaptive"),
        ("AWS_MAX_ATTEMPTS", "0", "max-attempts"),
        ("AWS_MAX_ATTEMPTS", "many", "max-attempts"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
            .args(["run", "--endpoint", "http://127.0.0.1:9"])
            .env(var, value)
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{var}={value}: {stderr}");
        assert!(stderr.contains(says), "{var}={value}: {stderr}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args([
            "run",
            "--endpoint",
            "http://127.0.0.1:9",
            "--rate",
            "SendChanelMessage=3",
        ])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--rate SendChanelMessage=3"), "{stderr}");
}

#[test]
fn a_wait_too_long_to_be_a_deadline_is_a_usage_error() {
    for (flag, value) in [
        ("--grace", "18446744073709551615"),
        ("--scenario-timeout", "604801"),
        ("--timeout", "0"),
        ("--retry-budget", "86401"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
            .args(["run", flag, value])
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(flag), "{flag} {value}: {stderr}");
    }
}
