//! Shards: for N from 1 to 5 the suite's shards hold every scenario once and cost within 1.5x
//! of each other; three sharded runs merged hold what one whole run holds, and compare equal.

#[path = "common/served.rs"]
mod served;

use chime_conformance::harness::gate::shard::{costs, cut, loads};
use chime_conformance::harness::report::ScenarioId;
use chime_conformance::harness::runner::plan::plan;
use served::{arg, run};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn for_n_from_1_to_5_the_shards_are_the_suite_once_and_cost_about_the_same() {
    let suite = plan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("features"));
    assert!(suite.len() > 100, "{} scenarios", suite.len());
    let all: BTreeSet<&ScenarioId> = suite.iter().map(|p| &p.id).collect();
    assert_eq!(all.len(), suite.len(), "scenario ids are unique");
    let steps: Vec<(ScenarioId, usize)> = suite.iter().map(|p| (p.id.clone(), p.steps)).collect();
    let costs = costs(&steps, None);
    for n in 1..=5 {
        let parts = cut(&costs, n);
        assert_eq!(parts.len(), n);
        let mut union = BTreeSet::new();
        for part in &parts {
            for id in part {
                assert!(union.insert(id), "n={n}: {id} is in two shards");
            }
        }
        assert_eq!(union, all, "n={n}: the shards together are the suite");
        let l = loads(&costs, &parts);
        let lo = l.iter().copied().fold(f64::MAX, f64::min);
        let hi = l.iter().copied().fold(0.0, f64::max);
        eprintln!("n={n}: shard costs in steps {l:?} (max/min {:.3})", hi / lo);
        assert!(hi <= 1.5 * lo, "n={n}: costs {l:?}");
        assert_eq!(cut(&costs, n), parts, "n={n}: the same cut every time");
    }
}

#[test]
fn sharded_runs_merged_are_the_whole_run() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = |name: &str| dir.path().join(name);
    let (code, out, err) = run(None, &["--summary-json", arg(&path("whole.json"))]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    let mut inputs = Vec::new();
    for i in 1..=3 {
        let (json, xml) = (path(&format!("{i}.json")), path(&format!("{i}.xml")));
        let shard = format!("{i}/3");
        let (code, out, err) = run(
            None,
            &[
                "--shard",
                &shard,
                "--summary-json",
                arg(&json),
                "--junit",
                arg(&xml),
            ],
        );
        assert_eq!(code, Some(0), "shard {shard}\n{out}\n{err}");
        inputs.push(json);
        inputs.push(xml);
    }
    let mut args: Vec<&str> = vec!["merge"];
    args.extend(inputs.iter().map(|p| arg(p)));
    let (merged, html, junit) = (path("merged.json"), path("merged.html"), path("merged.xml"));
    args.extend([
        "--summary-json",
        arg(&merged),
        "--html",
        arg(&html),
        "--junit",
        arg(&junit),
    ]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(&args)
        .output()
        .expect("merge runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("merged 3 summaries (1/3, 2/3, 3/3)"),
        "{stdout}"
    );

    let read = |p: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).expect("written")).expect("JSON")
    };
    let ids = |v: &serde_json::Value| -> BTreeSet<String> {
        v["scenarios"]
            .as_array()
            .expect("scenarios")
            .iter()
            .map(|s| format!("{}|{}|{}", s["feature"], s["scenario"], s["example"]))
            .collect()
    };
    let (whole, merged_summary) = (read(&path("whole.json")), read(&merged));
    assert_eq!(ids(&merged_summary), ids(&whole));
    assert_eq!(merged_summary["counts"]["pass"], whole["counts"]["pass"]);
    assert_eq!(
        merged_summary["shards"],
        serde_json::json!(["1/3", "2/3", "3/3"])
    );
    let per_shard: Vec<usize> = (1..=3)
        .map(|i| ids(&read(&path(&format!("{i}.json")))).len())
        .collect();
    assert_eq!(
        per_shard.iter().sum::<usize>(),
        ids(&whole).len(),
        "{per_shard:?}"
    );
    let junit_text = std::fs::read_to_string(&junit).expect("merged JUnit");
    let cases = junit_text.matches("<testcase ").count();
    assert_eq!(cases, ids(&whole).len(), "one testcase per scenario");
    assert!(
        std::fs::read_to_string(&html)
            .expect("merged HTML")
            .contains("Shards")
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["compare", arg(&path("whole.json")), arg(&merged)])
        .output()
        .expect("compare runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn overlapping_or_bad_shards_are_refused() {
    let (code, _, err) = run(None, &["--shard", "4/3"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("I/N with 1 <= I <= N"), "{err}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let one = dir.path().join("one.json");
    let (code, _, _) = run(None, &["--tags", "@B-LIST-01", "--summary-json", arg(&one)]);
    assert_eq!(code, Some(0));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(["merge", arg(&one), arg(&one), "--summary-json"])
        .arg(dir.path().join("m.json"))
        .output()
        .expect("merge runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("the shards overlap"), "{err}");
}
