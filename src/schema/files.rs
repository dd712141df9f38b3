//! The schema files on disk: written from the model, and compared with it (drift).

use super::generate::generate_all;
use crate::model::Service;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// How the schema files on disk differ from the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// A file the model implies is not on disk.
    Missing(String),
    /// A `.json` file on disk the model does not imply.
    Extra(String),
    /// A file whose content is not what the model generates.
    Differs(String),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {p}"),
            Drift::Extra(p) => write!(f, "extra: {p}"),
            Drift::Differs(p) => write!(f, "differs: {p}"),
        }
    }
}

/// Writes every generated schema under `dir`, and removes `.json` files the model no longer
/// implies. Files already up to date are not rewritten. Returns the number of files generated.
pub fn write_all(dir: &Path) -> io::Result<usize> {
    let files = generate_all();
    for (rel, text) in &files {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        std::fs::write(&path, text).map_err(|e| with_path(e, &path))?;
    }
    for rel in json_files(dir)? {
        if !files.contains_key(&rel) {
            let path = dir.join(&rel);
            std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
        }
    }
    Ok(files.len())
}

/// Compares `dir` with what the model generates: every missing, extra or differing file.
pub fn drift(dir: &Path) -> io::Result<Vec<Drift>> {
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: not a directory", dir.display()),
        ));
    }
    let files = generate_all();
    let on_disk = json_files(dir)?;
    let mut out = Vec::new();
    for (rel, text) in &files {
        if !on_disk.contains(rel) {
            out.push(Drift::Missing(rel.clone()));
            continue;
        }
        let path = dir.join(rel);
        let old = std::fs::read(&path).map_err(|e| with_path(e, &path))?;
        if old != text.as_bytes() {
            out.push(Drift::Differs(rel.clone()));
        }
    }
    for rel in on_disk {
        if !files.contains_key(&rel) {
            out.push(Drift::Extra(rel));
        }
    }
    Ok(out)
}

/// `Ok(number of files)` when `dir` holds exactly the generated schemas; otherwise one line per
/// missing, extra or differing file (or the IO error that prevented the comparison).
pub fn check(dir: &Path) -> Result<usize, Vec<String>> {
    match drift(dir) {
        Ok(d) if d.is_empty() => Ok(generate_all().len()),
        Ok(d) => Err(d.iter().map(Drift::to_string).collect()),
        Err(e) => Err(vec![e.to_string()]),
    }
}

/// The schema files for one service, by path, from [`generate_all`].
pub fn files_of(service: Service) -> BTreeMap<String, String> {
    let prefix = format!("{}/", service.slug());
    generate_all()
        .into_iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .collect()
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Every `.json` file under `dir`, as a `/`-separated path relative to it.
fn json_files(dir: &Path) -> io::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound && current == dir => return Ok(out),
            Err(e) => return Err(with_path(e, &current)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| with_path(e, &current))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| with_path(e, &path))?;
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                && let Ok(rel) = path.strip_prefix(dir)
            {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "chime-conformance-schemas-{tag}-{}",
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn write_then_check_round_trips_and_names_drift() {
        let dir = temp_dir("roundtrip");
        let n = write_all(&dir).unwrap();
        assert_eq!(check(&dir), Ok(n));

        let changed = "messaging/CreateChannel.request.json";
        let missing = "identity/errors/ForbiddenException.json";
        let extra = "messaging/Old.response.json";
        std::fs::write(dir.join(changed), "{}\n").unwrap();
        std::fs::remove_file(dir.join(missing)).unwrap();
        std::fs::write(dir.join(extra), "{}\n").unwrap();
        std::fs::write(dir.join("README.md"), "not a schema").unwrap();
        let mut report = check(&dir).unwrap_err();
        report.sort();
        assert_eq!(
            report,
            vec![
                format!("differs: {changed}"),
                format!("extra: {extra}"),
                format!("missing: {missing}"),
            ]
        );

        // Generating again repairs every drift and leaves other files alone.
        write_all(&dir).unwrap();
        assert_eq!(check(&dir), Ok(n));
        assert!(dir.join("README.md").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_io_error() {
        let dir = std::env::temp_dir().join(format!("no-such-{}", uuid::Uuid::new_v4()));
        assert!(drift(&dir).is_err());
        let report = check(&dir).unwrap_err();
        assert!(report[0].contains("not a directory"), "{report:?}");
    }

    #[test]
    fn files_of_a_service_share_its_prefix() {
        let files = files_of(Service::Identity);
        assert!(!files.is_empty());
        assert!(files.keys().all(|k| k.starts_with("identity/")));
    }
}
