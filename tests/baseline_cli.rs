//! Gating on a baseline of known deviations: a baseline written against one fault of the
//! reference server lets that fault pass and fails on another one, naming its new failures; an
//! expired deviation fails the run; one whose scenario passes now is reported as fixed, and
//! fails the run only under --strict-baseline.

#[path = "common/served.rs"]
mod served;

use served::{Served, arg, run};

#[test]
fn a_baseline_written_against_one_fault_passes_it_and_fails_another_naming_the_new_failures() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let baseline = dir.path().join("baseline.toml");
    let x = Served::start(&["ascending-by-default"]);
    let (code, out, err) = run(Some(&x.url), &["--write-baseline", arg(&baseline)]);
    assert_eq!(
        code,
        Some(1),
        "without a baseline the fault fails the run\n{out}\n{err}"
    );
    let written = std::fs::read_to_string(&baseline).expect("the baseline is written");
    let deviations = written.matches("[[deviation]]").count();
    assert!(deviations > 0, "{written}");
    assert!(
        written.contains("scenario = \"Messages are listed newest first by default\""),
        "{written}"
    );
    assert!(written.contains("reason = \"\"  # TODO"), "{written}");
    assert!(
        out.contains(&format!("Baseline of {deviations} deviation(s) written")),
        "{out}"
    );

    let junit = dir.path().join("junit.xml");
    let (code, out, err) = run(
        Some(&x.url),
        &["--baseline", arg(&baseline), "--junit", arg(&junit)],
    );
    assert_eq!(
        code,
        Some(0),
        "the baseline's own fault passes\n{out}\n{err}"
    );
    // In JUnit the known failures are skipped with the baseline's word, not failed.
    let junit = std::fs::read_to_string(&junit).expect("the JUnit report is written");
    assert_eq!(
        junit
            .matches("<skipped message=\"known deviation: ")
            .count(),
        deviations,
        "{junit}"
    );
    assert!(!junit.contains("<failure"), "{junit}");
    assert!(
        out.contains(&format!(
            "{deviations} known failure(s), 0 new, 0 fixed, 0 expired"
        )),
        "{out}"
    );
    assert!(
        out.contains("KNOWN Listing messages / Messages are listed newest first by default"),
        "{out}"
    );
    assert!(err.contains("without a reason yet"), "{err}");
    drop(x);

    let y = Served::start(&["pagination-repeats"]);
    let (code, out, err) = run(Some(&y.url), &["--baseline", arg(&baseline)]);
    assert_eq!(code, Some(1), "another fault fails the run\n{out}\n{err}");
    assert!(
        out.contains("NEW FAILURE listing.feature: Paging in ascending order returns every message exactly once: not in the baseline"),
        "{out}"
    );
    // What the other fault broke and this one does not is fixed as far as this target goes.
    assert!(
        out.contains("FIXED listing.feature: Messages are listed newest first by default: passes now; remove it from the baseline"),
        "{out}"
    );
}

/// A baseline for the faithful server: one deviation whose scenario passes, one that expired.
fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the baseline is written");
    path
}

#[test]
fn an_expired_deviation_fails_and_a_fixed_one_is_reported() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fixed = write(
        dir.path(),
        "fixed.toml",
        "version = 1\n\n[[deviation]]\nfeature = \"listing.feature\"\nscenario = \"Messages are listed newest first by default\"\nreason = \"was broken in 1.0\"\n",
    );
    let tags = ["--tags", "@B-LIST-01"];
    let (code, out, err) = run(None, &[&tags[..], &["--baseline", arg(&fixed)]].concat());
    assert_eq!(
        code,
        Some(0),
        "a fixed deviation alone does not fail\n{out}\n{err}"
    );
    assert!(
        out.contains("FIXED listing.feature: Messages are listed newest first by default: passes now; remove it from the baseline"),
        "{out}"
    );
    let (code, out, _) = run(
        None,
        &[&tags[..], &["--baseline", arg(&fixed), "--strict-baseline"]].concat(),
    );
    assert_eq!(code, Some(1), "--strict-baseline fails on it\n{out}");
    assert!(out.contains("(fails the run: --strict-baseline)"), "{out}");

    let expired = write(
        dir.path(),
        "expired.toml",
        "version = 1\n\n[[deviation]]\nbehaviour = \"B-LIST-01\"\nreason = \"until the rewrite\"\nexpires = 2001-02-03\n",
    );
    let (code, out, err) = run(None, &[&tags[..], &["--baseline", arg(&expired)]].concat());
    assert_eq!(code, Some(1), "an expired deviation fails\n{out}\n{err}");
    assert!(
        out.contains(
            "EXPIRED every scenario of B-LIST-01: held until 2001-02-03; renew or remove it"
        ),
        "{out}"
    );

    let gone = write(
        dir.path(),
        "gone.toml",
        "version = 1\n\n[[deviation]]\nfeature = \"listing.feature\"\nscenario = \"No such scenario\"\nreason = \"renamed\"\n",
    );
    let (code, out, _) = run(None, &[&tags[..], &["--baseline", arg(&gone)]].concat());
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("NOT IN THE SUITE listing.feature: No such scenario: no scenario matches it"),
        "{out}"
    );
}

#[test]
fn a_bad_baseline_is_a_usage_error_before_anything_runs() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad = write(
        dir.path(),
        "bad.toml",
        "version = 1\n\n[[deviation]]\nscenario = \"x\"\nreason = \"r\"\n",
    );
    let (code, out, err) = run(None, &["--baseline", arg(&bad)]);
    assert_eq!(code, Some(2), "{out}\n{err}");
    assert!(
        err.contains("bad.toml: deviation 1 (x): a scenario needs its feature file"),
        "{err}"
    );
    assert!(!out.contains("scenarios ("), "nothing ran: {out}");
    let (code, _, err) = run(None, &["--baseline", "/nonexistent/baseline.toml"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("/nonexistent/baseline.toml"), "{err}");
    let (code, _, err) = run(None, &["--strict-baseline"]);
    assert_eq!(code, Some(2), "--strict-baseline needs --baseline: {err}");
}
