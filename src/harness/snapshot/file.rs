//! The `.snap` file format: insta's layout (a `---` header with `source` and `expression`,
//! then the pretty JSON), read and written here rather than through insta's macros, which
//! panic on a mismatch and name snapshots after the calling function.

use super::content::Snapshot;
use super::error::SnapshotError;
use super::provenance::Provenance;
use serde_json::Value;
use std::path::Path;

/// The file extension insta uses.
pub const EXTENSION: &str = "snap";

/// The stored snapshot at `path`, `None` when there is no file.
pub fn read_snap(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SnapshotError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    let corrupt = |reason: String| SnapshotError::Corrupt {
        path: path.to_owned(),
        reason,
    };
    let content = snap_content(&text).map_err(corrupt)?;
    let value: Value = serde_json::from_str(content)
        .map_err(|e| corrupt(format!("the content is not JSON: {e}")))?;
    Snapshot::from_json(&value).map(Some).map_err(corrupt)
}

/// The provenance in the header of the file at `path`; `unknown` when it has none or cannot
/// be read.
pub fn read_provenance(path: &Path) -> Provenance {
    std::fs::read_to_string(path)
        .map(|text| Provenance::of_header(&text))
        .unwrap_or_else(|_| Provenance::of_header(""))
}

/// The content of a `.snap` file: everything after the header's closing `---` line.
/// A file without a header is all content, as insta also reads it.
pub fn snap_content(text: &str) -> Result<&str, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(text.trim());
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return Ok(rest[offset..].trim());
        }
    }
    Err("the header has no closing ---".into())
}

/// Plain when that is unambiguous YAML, else a JSON string, which YAML reads as a
/// double-quoted scalar (insta's header is YAML).
fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric());
    if plain {
        s.to_owned()
    } else {
        Value::String(s.to_owned()).to_string()
    }
}

/// Writes through a temporary file and a rename, so a reader never sees half a snapshot.
/// `source` and `expression` are the header's fields: the feature file and the key; the
/// provenance, when given, goes in the header's `info`.
pub fn write_snap(
    path: &Path,
    source: &str,
    expression: &str,
    provenance: Option<&Provenance>,
    snapshot: &Snapshot,
) -> Result<(), SnapshotError> {
    let io = |source| SnapshotError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let info = provenance.map_or(String::new(), |p| format!("{}\n", p.to_header()));
    let text = format!(
        "---\nsource: {}\nexpression: {}\n{info}---\n{}\n",
        yaml_scalar(source),
        yaml_scalar(expression),
        snapshot.to_pretty()
    );
    let tmp = path.with_extension(format!("{EXTENSION}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::snapshot::fixtures::listing;

    #[test]
    fn the_file_puts_status_first_and_parses_back() {
        let snap = listing("hi");
        let text = snap.to_pretty();
        assert!(text.starts_with("{\n  \"status\": 200,\n  \"x-amzn-ErrorType\": null,\n  \"body\": {\n    \"ChannelArn\""), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(Snapshot::from_json(&back).unwrap(), snap);
        assert_eq!(yaml_scalar("listing.feature"), "listing.feature");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
    }
}
