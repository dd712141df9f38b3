//! Files generated from the service models and checked in (the JSON Schemas, the rule-matrix
//! features): written, and compared with what the models generate now (drift).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// How the generated files on disk differ from what the models generate.
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

/// Writes every file under `dir`, and removes files with the extension `ext` that are no longer
/// generated. Files already up to date are not rewritten. Returns the number of files.
pub fn write(dir: &Path, files: &BTreeMap<String, String>, ext: &str) -> io::Result<usize> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        std::fs::write(&path, text).map_err(|e| with_path(e, &path))?;
    }
    for rel in files_with(dir, ext)? {
        if !files.contains_key(&rel) {
            let path = dir.join(&rel);
            std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
        }
    }
    Ok(files.len())
}

/// Compares `dir` with the generated files: every missing, extra or differing one.
pub fn drift(dir: &Path, files: &BTreeMap<String, String>, ext: &str) -> io::Result<Vec<Drift>> {
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: not a directory", dir.display()),
        ));
    }
    let on_disk = files_with(dir, ext)?;
    let mut out = Vec::new();
    for (rel, text) in files {
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

/// `Ok(number of files)` when `dir` holds exactly the generated files; otherwise one line per
/// missing, extra or differing file (or the IO error that prevented the comparison).
pub fn check(
    dir: &Path,
    files: &BTreeMap<String, String>,
    ext: &str,
) -> Result<usize, Vec<String>> {
    match drift(dir, files, ext) {
        Ok(d) if d.is_empty() => Ok(files.len()),
        Ok(d) => Err(d.iter().map(Drift::to_string).collect()),
        Err(e) => Err(vec![e.to_string()]),
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Every file under `dir` ending in `.{ext}`, as a `/`-separated path relative to it.
fn files_with(dir: &Path, ext: &str) -> io::Result<BTreeSet<String>> {
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
            } else if path.extension().is_some_and(|e| e == ext)
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
