//! `compare OLD.json NEW.json`: exit 1 on a regression, naming it; 0 when nothing got worse,
//! naming what got better; 2 for a file that is no summary.

#[path = "common/served.rs"]
mod served;

use served::{Served, arg, run};
use std::process::Command;

fn compare(old: &std::path::Path, new: &std::path::Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["compare", arg(old), arg(new)])
        .output()
        .expect("compare runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn compare_exits_1_on_a_regression_and_0_otherwise_with_a_readable_diff() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (clean, broken) = (
        dir.path().join("clean.json"),
        dir.path().join("broken.json"),
    );
    let tags = "@B-LIST-01 or @B-LIST-04";
    let (code, out, err) = run(None, &["--tags", tags, "--summary-json", arg(&clean)]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    let faulty = Served::start(&["ascending-by-default"]);
    let (code, out, err) = run(
        Some(&faulty.url),
        &["--tags", tags, "--summary-json", arg(&broken)],
    );
    assert_eq!(code, Some(1), "{out}\n{err}");

    let (code, out, err) = compare(&clean, &broken);
    assert_eq!(code, Some(1), "a regression\n{out}\n{err}");
    assert!(out.contains("\nWorse ("), "{out}");
    assert!(
        out.contains("  - scenario listing.feature: Messages are listed newest first by default: pass -> fail\n"),
        "{out}"
    );
    assert!(out.contains("  - entry B-LIST-01: pass -> fail\n"), "{out}");
    assert!(out.contains("regression(s)."), "{out}");
    assert!(out.contains("target: http://127.0.0.1:"), "{out}");

    let (code, out, _) = compare(&broken, &clean);
    assert_eq!(code, Some(0), "the fix is no regression\n{out}");
    assert!(
        out.contains("  + scenario listing.feature: Messages are listed newest first by default: fail -> pass\n"),
        "{out}"
    );
    assert!(out.ends_with("No regression.\n"), "{out}");

    let (code, out, _) = compare(&clean, &clean);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("Worse") && !out.contains("Better"), "{out}");
}

#[test]
fn compare_refuses_what_is_no_summary() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let junk = dir.path().join("coverage.json");
    std::fs::write(&junk, "{\"operations\": {}}").expect("written");
    let (code, _, err) = compare(&junk, &junk);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a chime-conformance summary"), "{err}");
    let (code, _, err) = compare(&dir.path().join("missing.json"), &junk);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.json"), "{err}");
}
