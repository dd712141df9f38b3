//! The snapshots of one run: a directory, a mode, and the files the run referenced; checks a
//! found snapshot against the stored one, writing it in Update mode.
//!
//! Verify is the default mode: a missing or different snapshot is an error listing each
//! difference by its JSON pointer. Update writes new and changed snapshots, except under
//! `CI=true`, where nothing is ever written and Update verifies instead.

use super::content::Snapshot;
use super::diff::Differences;
use super::error::SnapshotError;
use super::file::{EXTENSION, read_provenance, read_snap, write_snap};
use super::key::{SnapshotKey, sanitise};
use super::normalise::Normaliser;
use super::provenance::{AWS, Provenance};
use crate::wire;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What to do with a snapshot that is missing or differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnapshotMode {
    /// Missing or different snapshots are errors; nothing is written.
    #[default]
    Verify,
    /// Missing or different snapshots are written.
    Update,
}

/// What a successful check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotOutcome {
    Matched,
    Created,
    Updated,
}

/// The snapshots of one run: a directory, a mode, and the files the run referenced.
/// Shared by concurrent scenarios behind an `Arc`.
#[derive(Debug)]
pub struct SnapshotStore {
    dir: PathBuf,
    requested: SnapshotMode,
    mode: SnapshotMode,
    /// File name -> the key that referenced it first (shown on a clash).
    referenced: Mutex<BTreeMap<String, String>>,
    /// What the files this run writes say about where they came from.
    provenance: Option<Provenance>,
}

impl SnapshotStore {
    /// A store over `dir`; `CI` is read from the environment.
    pub fn new(dir: impl Into<PathBuf>, mode: SnapshotMode) -> SnapshotStore {
        SnapshotStore::with_ci(dir, mode, ci_from_env())
    }

    /// A store over `dir`; when `ci` is true Update degrades to Verify.
    pub fn with_ci(dir: impl Into<PathBuf>, mode: SnapshotMode, ci: bool) -> SnapshotStore {
        SnapshotStore {
            dir: dir.into(),
            requested: mode,
            mode: if ci { SnapshotMode::Verify } else { mode },
            referenced: Mutex::new(BTreeMap::new()),
            provenance: None,
        }
    }

    /// The provenance written into every snapshot this store records.
    pub fn with_provenance(mut self, provenance: Provenance) -> SnapshotStore {
        self.provenance = Some(provenance);
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The mode in force (Verify when Update was asked for under CI).
    pub fn mode(&self) -> SnapshotMode {
        self.mode
    }

    /// A line to show when the mode asked for is not the one in force.
    pub fn notice(&self) -> Option<String> {
        (self.requested != self.mode)
            .then(|| "CI=true: snapshots are verified, not updated; nothing is written".to_owned())
    }

    pub fn path_of(&self, key: &SnapshotKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// Compares `found` with the stored snapshot of `key`, writing it in Update mode when it
    /// is missing or differs.
    pub fn check(
        &self,
        key: &SnapshotKey,
        found: &Snapshot,
    ) -> Result<SnapshotOutcome, SnapshotError> {
        let path = self.claim(key)?;
        let stored = read_snap(&path)?;
        match (stored, self.mode) {
            (Some(expected), mode) => {
                let differences = expected.differences(found);
                if differences.is_empty() {
                    if mode == SnapshotMode::Update {
                        self.revalidate(&path, key, &expected)?;
                    }
                    Ok(SnapshotOutcome::Matched)
                } else if mode == SnapshotMode::Update {
                    self.write(&path, key, found)?;
                    Ok(SnapshotOutcome::Updated)
                } else {
                    Err(SnapshotError::Mismatch {
                        path,
                        key: key.to_string(),
                        differences: Differences(differences),
                    })
                }
            }
            (None, SnapshotMode::Update) => {
                self.write(&path, key, found)?;
                Ok(SnapshotOutcome::Created)
            }
            (None, SnapshotMode::Verify) => Err(SnapshotError::Missing {
                path,
                key: key.to_string(),
                found: found.to_pretty(),
            }),
        }
    }

    fn write(&self, path: &Path, key: &SnapshotKey, found: &Snapshot) -> Result<(), SnapshotError> {
        write_snap(
            path,
            &key.source(),
            &key.to_string(),
            self.provenance.as_ref(),
            found,
        )
    }

    /// A snapshot the real service matched in an updating run: its header records the day;
    /// its content and the rest of its provenance stay.
    fn revalidate(
        &self,
        path: &Path,
        key: &SnapshotKey,
        stored: &Snapshot,
    ) -> Result<(), SnapshotError> {
        let Some(run) = self.provenance.as_ref().filter(|p| p.recorded_by == AWS) else {
            return Ok(());
        };
        let mut kept = read_provenance(path);
        if kept.last_validated_against_aws == run.recorded_at {
            return Ok(());
        }
        if kept.recorded_by == "unknown" {
            kept = run.clone();
        }
        kept.last_validated_against_aws = run.recorded_at.clone();
        write_snap(path, &key.source(), &key.to_string(), Some(&kept), stored)
    }

    /// [`Snapshot::of_response`] then [`SnapshotStore::check`]: what a step calls.
    pub fn check_response(
        &self,
        key: &SnapshotKey,
        response: &wire::Response,
        normaliser: &mut Normaliser,
    ) -> Result<SnapshotOutcome, SnapshotError> {
        let found = Snapshot::of_response(response, normaliser)?;
        self.check(key, &found)
    }

    /// Records that this run uses `key`'s file; a different key on the same file is a clash.
    fn claim(&self, key: &SnapshotKey) -> Result<PathBuf, SnapshotError> {
        let name = key.file_name();
        let path = self.dir.join(&name);
        let described = key.to_string();
        let mut referenced = self.referenced.lock().unwrap_or_else(|e| e.into_inner());
        match referenced.get(&name) {
            Some(first) if *first != described => Err(SnapshotError::NameClash {
                path,
                first: first.clone(),
                second: described,
            }),
            Some(_) => Ok(path),
            None => {
                referenced.insert(name, described);
                Ok(path)
            }
        }
    }

    /// The file names this run referenced, sorted.
    pub fn referenced(&self) -> Vec<String> {
        let referenced = self.referenced.lock().unwrap_or_else(|e| e.into_inner());
        referenced.keys().cloned().collect()
    }

    /// The `.snap` files of the given features (file names or paths) that this run did not
    /// reference: what a run of only those features can tell about stale files.
    pub fn unreferenced_for<S: AsRef<str>>(
        &self,
        features: &[S],
    ) -> Result<Vec<PathBuf>, SnapshotError> {
        let prefixes: Vec<String> = features
            .iter()
            .map(|f| {
                let key = SnapshotKey::new(f.as_ref(), "", 0);
                format!("{}__", sanitise(key.feature_stem()))
            })
            .collect();
        Ok(self
            .unreferenced()?
            .into_iter()
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                prefixes.iter().any(|pre| name.starts_with(pre.as_str()))
            })
            .collect())
    }

    /// The `.snap` files in the directory that this run did not reference, sorted. Only
    /// meaningful after a run of the whole suite: a filtered run leaves others unreferenced
    /// (see [`SnapshotStore::unreferenced_for`]).
    pub fn unreferenced(&self) -> Result<Vec<PathBuf>, SnapshotError> {
        let referenced = self.referenced();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(SnapshotError::Io {
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| SnapshotError::Io {
                path: self.dir.clone(),
                source,
            })?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let is_snap = Path::new(name).extension().is_some_and(|e| e == EXTENSION);
            if is_snap && !referenced.iter().any(|r| r == name) {
                out.push(entry.path());
            }
        }
        out.sort();
        Ok(out)
    }
}

/// `CI` set to `true` or `1` (any case), as CI services set it.
pub fn ci_from_env() -> bool {
    std::env::var("CI")
        .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1"))
}

#[cfg(test)]
mod tests;
