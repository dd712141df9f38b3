//! Snapshots in a run: where they are kept and in which mode, what the run checked, and the
//! snapshots it left unreferenced.

use super::file::{EXTENSION, read_provenance};
use super::key::SnapshotKey;
use super::provenance::Provenance;
use super::store::{SnapshotMode, SnapshotOutcome, SnapshotStore};
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

    /// Every snapshot this recording writes says where it came from.
    pub fn with_provenance(mut self, provenance: Provenance) -> Recording {
        self.store = self.store.map(|s| s.with_provenance(provenance));
        self
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
            provenance: Vec::new(),
        };
        let Some(store) = &self.store else {
            return report;
        };
        report.provenance = store
            .referenced()
            .into_iter()
            .map(|name| {
                let p = read_provenance(&store.dir().join(&name));
                (name, p)
            })
            .collect();
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
    let cut = name.len() - "step_00.".len() - EXTENSION.len();
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
    /// Where each snapshot the run referenced came from, by file name.
    pub provenance: Vec<(String, Provenance)>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
