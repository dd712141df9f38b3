//! Snapshots in a run: where they are kept and in which mode, which scenario step a snapshot
//! belongs to, what the run checked, and the snapshots it left unreferenced.

use super::snapshot::{SnapshotError, SnapshotKey, SnapshotMode, SnapshotOutcome, SnapshotStore};
use cucumber::gherkin::{Feature, LineCol, Rule, Scenario};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The directory `run` uses when none is given: `snapshots/` under the current directory.
pub const DEFAULT_DIR: &str = "snapshots";

/// How a run treats snapshot steps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotOptions {
    /// The snapshot directory. `None`: `snapshots/` under the current directory when it is
    /// there (a run from the repository) or when updating; otherwise snapshots are not checked.
    pub dir: Option<PathBuf>,
    pub mode: SnapshotMode,
}

impl SnapshotOptions {
    /// The directory to use, or `None` when there is none to check against.
    pub fn resolve_dir(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.dir {
            return Some(dir.clone());
        }
        let default = PathBuf::from(DEFAULT_DIR);
        (default.is_dir() || self.mode == SnapshotMode::Update).then_some(default)
    }
}

/// The snapshot store of one run and what its steps did with it. Shared by the scenarios.
#[derive(Debug, Default)]
pub struct Recording {
    store: Option<SnapshotStore>,
    matched: AtomicUsize,
    created: AtomicUsize,
    updated: AtomicUsize,
    /// Responses normalised while no store was there to check them against.
    unchecked: AtomicUsize,
}

impl Recording {
    pub fn new(options: &SnapshotOptions) -> Recording {
        Recording {
            store: options
                .resolve_dir()
                .map(|dir| SnapshotStore::new(dir, options.mode)),
            ..Recording::default()
        }
    }

    pub fn store(&self) -> Option<&SnapshotStore> {
        self.store.as_ref()
    }

    pub fn count(&self, outcome: SnapshotOutcome) {
        let counter = match outcome {
            SnapshotOutcome::Matched => &self.matched,
            SnapshotOutcome::Created => &self.created,
            SnapshotOutcome::Updated => &self.updated,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn count_unchecked(&self) {
        self.unchecked.fetch_add(1, Ordering::Relaxed);
    }

    /// The end-of-run account. `features` are the feature files the run read; `incomplete`
    /// the (feature file, scenario name) pairs that were filtered out, skipped or did not
    /// pass, whose snapshots a run cannot judge stale.
    pub fn report(&self, features: &[String], incomplete: &[(String, String)]) -> SnapshotReport {
        let mut report = SnapshotReport {
            dir: self.store.as_ref().map(|s| s.dir().to_path_buf()),
            notice: self.store.as_ref().and_then(SnapshotStore::notice),
            matched: self.matched.load(Ordering::Relaxed),
            created: self.created.load(Ordering::Relaxed),
            updated: self.updated.load(Ordering::Relaxed),
            unchecked: self.unchecked.load(Ordering::Relaxed),
            unreferenced: Vec::new(),
            problem: None,
        };
        let Some(store) = &self.store else {
            return report;
        };
        let prefixes: BTreeSet<String> = incomplete
            .iter()
            .map(|(feature, scenario)| scenario_prefix(feature, scenario))
            .collect();
        match store.unreferenced_for(features) {
            Ok(files) => {
                report.unreferenced = files
                    .into_iter()
                    .filter(|p| {
                        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                        !prefixes.iter().any(|pre| name.starts_with(pre.as_str()))
                    })
                    .collect();
            }
            Err(e) => report.problem = Some(e.to_string()),
        }
        report
    }
}

/// The start every snapshot file name of a scenario shares (see [`SnapshotKey::file_name`]).
fn scenario_prefix(feature: &str, scenario: &str) -> String {
    let name = SnapshotKey::new(feature, scenario, 0).file_name();
    let cut = name.len() - "step_00.".len() - super::snapshot::EXTENSION.len();
    name[..cut].to_owned()
}

/// What a run did with snapshots, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotReport {
    /// `None` when no directory was there to check against.
    pub dir: Option<PathBuf>,
    /// Said when the mode in force is not the one asked for (`CI=true`).
    pub notice: Option<String>,
    pub matched: usize,
    pub created: usize,
    pub updated: usize,
    pub unchecked: usize,
    /// Snapshots of the features that ran that no step referenced: stale, or renamed.
    pub unreferenced: Vec<PathBuf>,
    /// Why the directory could not be listed for unreferenced snapshots.
    pub problem: Option<String>,
}

impl SnapshotReport {
    /// The lines of the run summary; empty when the run met no snapshot step and has
    /// nothing to warn about.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        if let Some(notice) = &self.notice {
            out.push_str(&format!("{notice}\n"));
        }
        match &self.dir {
            Some(dir) if self.matched + self.created + self.updated > 0 => {
                out.push_str(&format!(
                    "Snapshots ({}): {} matched, {} created, {} updated\n",
                    dir.display(),
                    self.matched,
                    self.created,
                    self.updated
                ));
            }
            Some(_) => {}
            None if self.unchecked > 0 => out.push_str(&format!(
                "Snapshots: {} response(s) normalised but not compared: no {DEFAULT_DIR}/ directory here (give --snapshots DIR)\n",
                self.unchecked
            )),
            None => {}
        }
        if !self.unreferenced.is_empty() {
            let names: Vec<String> = self
                .unreferenced
                .iter()
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| p.display().to_string())
                })
                .collect();
            out.push_str(&format!(
                "warning: {} unreferenced snapshot(s) in {}: {}\n",
                names.len(),
                self.dir
                    .as_deref()
                    .unwrap_or(Path::new(DEFAULT_DIR))
                    .display(),
                names.join(", ")
            ));
        }
        if let Some(problem) = &self.problem {
            out.push_str(&format!(
                "warning: unreferenced snapshots not listed: {problem}\n"
            ));
        }
        out
    }
}

/// Where a scenario's snapshots belong: its feature file, its name, its examples row, and the
/// positions of its steps (backgrounds first) so a step can tell its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotScope {
    pub feature: String,
    pub scenario: String,
    pub example: Option<usize>,
    steps: Vec<LineCol>,
}

impl SnapshotScope {
    /// The scope of a scenario about to run (outlines arrive expanded, one per examples row).
    pub fn of(feature: &Feature, rule: Option<&Rule>, scenario: &Scenario) -> SnapshotScope {
        let file = feature
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| feature.name.clone());
        // An expanded row sits `row + 1` lines below its examples keyword (the header between).
        let example = scenario.examples.first().map(|ex| {
            scenario
                .position
                .line
                .saturating_sub(ex.position.line)
                .saturating_sub(1)
        });
        let steps = feature
            .background
            .iter()
            .chain(rule.and_then(|r| r.background.as_ref()))
            .flat_map(|b| &b.steps)
            .chain(&scenario.steps)
            .map(|s| s.position)
            .collect();
        SnapshotScope {
            feature: file,
            scenario: scenario.name.clone(),
            example,
            steps,
        }
    }

    /// The key of the snapshot taken at the step at `position`: its 1-based index among the
    /// scenario's steps, or `name` when the step gives one.
    pub fn key(&self, position: LineCol, name: Option<&str>) -> Result<SnapshotKey, SnapshotError> {
        let key = match name {
            Some(name) => SnapshotKey::named(&self.feature, self.scenario.clone(), name),
            None => {
                let index = self
                    .steps
                    .iter()
                    .position(|p| *p == position)
                    .ok_or_else(|| SnapshotError::Corrupt {
                        path: PathBuf::from(&self.feature),
                        reason: format!(
                            "the step at line {} is not a step of \"{}\"",
                            position.line, self.scenario
                        ),
                    })?;
                SnapshotKey::new(&self.feature, self.scenario.clone(), index + 1)
            }
        };
        Ok(match self.example {
            Some(row) => key.with_example(row),
            None => key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cucumber::gherkin::GherkinEnv;

    const FEATURE: &str = "\
Feature: F
  Background:
    Given the users alice

  Scenario: Plain
    When alice calls X
    Then the response matches the snapshot

  Scenario Outline: Row <n>
    When alice calls X
    Then the response matches the snapshot

    Examples:
      | n |
      | 1 |
      | 2 |
";

    fn parsed() -> Feature {
        let mut f = Feature::parse(FEATURE, GherkinEnv::default()).unwrap();
        f.path = Some(PathBuf::from("/somewhere/things.feature"));
        f
    }

    #[test]
    fn a_step_is_keyed_by_its_index_counting_the_background() {
        let f = parsed();
        let scope = SnapshotScope::of(&f, None, &f.scenarios[0]);
        let step = &f.scenarios[0].steps[1];
        let key = scope.key(step.position, None).unwrap();
        assert_eq!(key.file_name(), "things__plain__step_03.snap");
        let named = scope.key(step.position, Some("after send")).unwrap();
        assert_eq!(named.file_name(), "things__plain__after_send.snap");
        assert!(scope.key(LineCol { line: 99, col: 1 }, None).is_err());
    }

    #[test]
    fn outline_rows_get_their_own_snapshots() {
        use cucumber::feature::Ext as _;
        let f = parsed().expand_examples().unwrap();
        let rows: Vec<String> = f
            .scenarios
            .iter()
            .skip(1)
            .map(|s| {
                let scope = SnapshotScope::of(&f, None, s);
                scope.key(s.steps[1].position, None).unwrap().file_name()
            })
            .collect();
        assert_eq!(
            rows,
            [
                "things__row_1__ex1__step_03.snap",
                "things__row_2__ex2__step_03.snap"
            ]
        );
    }

    #[test]
    fn the_summary_says_what_was_checked_and_what_was_not() {
        let checked = SnapshotReport {
            dir: Some(PathBuf::from("snapshots")),
            matched: 3,
            created: 1,
            ..SnapshotReport::default()
        };
        assert_eq!(
            checked.summary(),
            "Snapshots (snapshots): 3 matched, 1 created, 0 updated\n"
        );
        let unchecked = SnapshotReport {
            unchecked: 2,
            notice: Some("CI=true: nothing is written".into()),
            ..SnapshotReport::default()
        };
        let text = unchecked.summary();
        assert!(text.starts_with("CI=true: nothing is written\n"), "{text}");
        assert!(
            text.contains("2 response(s) normalised but not compared"),
            "{text}"
        );
        assert_eq!(SnapshotReport::default().summary(), "");
    }

    #[test]
    fn without_a_directory_nothing_is_checked_unless_updating() {
        let elsewhere = SnapshotOptions {
            dir: Some(PathBuf::from("/x/y")),
            mode: SnapshotMode::Verify,
        };
        assert_eq!(elsewhere.resolve_dir(), Some(PathBuf::from("/x/y")));
        let update = SnapshotOptions {
            dir: None,
            mode: SnapshotMode::Update,
        };
        assert_eq!(update.resolve_dir(), Some(PathBuf::from(DEFAULT_DIR)));
    }

    #[test]
    fn scenario_prefixes_end_before_the_step_part() {
        assert_eq!(scenario_prefix("a.feature", "Some name"), "a__some_name__");
    }

    #[test]
    fn stale_snapshots_are_reported_except_those_of_incomplete_scenarios() {
        let dir =
            std::env::temp_dir().join(format!("chime-recording-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "things__plain__step_03.snap",
            "things__gone__step_02.snap",
            "things__failed__step_02.snap",
            "other__x__step_01.snap",
        ] {
            std::fs::write(dir.join(name), "{}").unwrap();
        }
        let rec = Recording::new(&SnapshotOptions {
            dir: Some(dir.clone()),
            mode: SnapshotMode::Verify,
        });
        let report = rec.report(
            &["things.feature".to_owned()],
            &[("things.feature".to_owned(), "Failed".to_owned())],
        );
        let _ = std::fs::remove_dir_all(&dir);
        let names: Vec<String> = report
            .unreferenced
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["things__gone__step_02.snap", "things__plain__step_03.snap"]
        );
        assert!(
            report
                .summary()
                .contains("warning: 2 unreferenced snapshot(s)"),
            "{}",
            report.summary()
        );
    }
}
