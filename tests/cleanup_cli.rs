//! `cleanup` deletes what a killed run left behind, and nothing the harness did not make: not
//! an AppInstance named like the harness's, not one whose tag only looks like its mark.

use serde_json::json;
use std::time::Duration;

#[path = "common/mod.rs"]
mod common;
#[path = "common/flaky.rs"]
mod flaky;
#[path = "common/slow_target.rs"]
mod slow_target;

use slow_target::{SlowTarget, start_run, wait};

/// The lines of `out` that start with `word`: one per AppInstance handled so.
fn lines(out: &str, word: &str) -> usize {
    out.lines().filter(|l| l.starts_with(word)).count()
}

/// AppInstances of someone else's, some of them close to the harness's marks.
const FOREIGN: [(&str, &str); 4] = [
    ("team-chat", r#"[]"#),
    ("chime-conformance-lookalike", r#"[]"#),
    (
        "tagged-by-hand",
        r#"[{"Key": "chime-conformance:run", "Value": "production"}]"#,
    ),
    ("other-tags", r#"[{"Key": "team", "Value": "0a1b2c3d"}]"#),
];

#[test]
fn cleanup_deletes_a_killed_runs_leftovers_and_nothing_else() {
    let target = SlowTarget::start(Duration::from_millis(40));
    for (name, tags) in FOREIGN {
        let mut input = json!({"Name": name, "ClientRequestToken": name});
        let tags: serde_json::Value = serde_json::from_str(tags).unwrap();
        if tags.as_array().is_some_and(|t| !t.is_empty()) {
            input["Tags"] = tags;
        }
        let (status, body) = target.call("CreateAppInstance", input);
        assert_eq!(status, 201, "{body}");
    }

    // A run killed outright (SIGKILL) in its middle: its running scenarios never clean up.
    let dir =
        std::env::temp_dir().join(format!("chime-conformance-cleanup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut child, _rest) = start_run(&target.url(), &dir, 2);
    child.kill().expect("SIGKILL");
    wait(&mut child, Duration::from_secs(10));
    let before = target.app_instances();
    // Everything but the foreign ones is the run's: a scenario may have renamed its own.
    let leftovers: Vec<&String> = before
        .iter()
        .filter(|n| !FOREIGN.iter().any(|(foreign, _)| foreign == n))
        .collect();
    assert!(
        !leftovers.is_empty(),
        "the killed run left nothing: {before:?}"
    );

    let url = target.server_url();
    // A dry run deletes nothing; the default age spares runs of the last hour.
    let (code, out, err) = common::chime(&[
        "cleanup",
        "--endpoint",
        &url,
        "--older-than",
        "0",
        "--dry-run",
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(lines(&out, "would delete"), leftovers.len(), "{out}");
    let (code, out, _) = common::chime(&["cleanup", "--endpoint", &url]);
    assert_eq!(code, Some(0));
    assert_eq!(lines(&out, "kept"), leftovers.len(), "{out}");
    assert_eq!(target.app_instances().len(), before.len());

    let (code, out, err) = common::chime(&["cleanup", "--endpoint", &url, "--older-than", "0"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(lines(&out, "deleted"), leftovers.len(), "{out}");
    assert!(
        out.contains(&format!("{} made by the harness", leftovers.len())),
        "{out}"
    );
    let mut after = target.app_instances();
    after.sort();
    let mut foreign: Vec<String> = FOREIGN.iter().map(|(n, _)| n.to_string()).collect();
    foreign.sort();
    assert_eq!(after, foreign, "{out}");
    println!(
        "cleanup: {} leftovers of a killed run deleted, {} foreign AppInstances left alone",
        leftovers.len(),
        foreign.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cleanup_says_why_when_it_cannot_reach_the_target() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let (code, _, err) = common::chime(&[
        "cleanup",
        "--endpoint",
        &format!("http://127.0.0.1:{port}"),
        "--max-attempts",
        "1",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot connect"), "{err}");
    let (code, _, err) = common::chime(&[
        "cleanup",
        "--endpoint",
        "http://127.0.0.1:9",
        "--older-than",
        "3 weeks",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("older-than"), "{err}");
}
