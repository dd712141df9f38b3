//! `run --coverage FILE` and `--min-coverage PCT` as a user meets them.

use serde_json::Value;
mod common;

use common::chime;

/// `chime-conformance run ARGS...`.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    chime(&[&["run"], args].concat())
}

#[test]
fn a_run_writes_its_coverage_and_prints_the_summary_last() {
    let dir = std::env::temp_dir().join(format!("coverage-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("coverage.json");
    let (code, stdout, stderr) = run(&[
        "-q",
        "--tags",
        "@B-CH-01",
        "--coverage",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let last = stdout.trim_end().lines().last().unwrap_or_default();
    assert!(last.starts_with("coverage: "), "{stdout}");
    assert!(last.contains("/81 operations"), "{last}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("the file is written"))
            .expect("the file is JSON");
    assert_eq!(json["operations"]["total"], 81);
    assert!(
        json["operations"]["covered"].as_u64().unwrap_or(0) >= 3,
        "{}",
        json["operations"]
    );
    assert_eq!(
        json["perOperation"]["messaging:CreateChannel"]["successes"]
            .as_u64()
            .map(|n| n > 0),
        Some(true),
        "{}",
        json["perOperation"]["messaging:CreateChannel"]
    );
    let exercised: Vec<&str> = json["behavioursExercised"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // The entries of the scenarios that ran, and no others.
    assert!(exercised.contains(&"B-CH-01"), "{exercised:?}");
    assert!(!exercised.contains(&"B-FLOW-03"), "{exercised:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_below_the_minimum_coverage_fails() {
    let (code, stdout, stderr) = run(&["-q", "--tags", "@B-CH-01", "--min-coverage", "90"]);
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("below the minimum of 90%"), "{stderr}");
    let (code, _, _) = run(&["-q", "--tags", "@B-CH-01", "--min-coverage", "1"]);
    assert_eq!(code, Some(0));
    let (code, _, stderr) = run(&["-q", "--min-coverage", "101"]);
    assert_eq!(code, Some(2), "{stderr}");
}
