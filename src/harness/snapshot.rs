//! Response snapshots: the normalised status, `x-amzn-ErrorType` and body of a response, kept
//! as files under `snapshots/` and compared on later runs.
//!
//! The files use insta's `.snap` layout (a `---` header with `source` and `expression`, then
//! the pretty JSON), read and written here rather than through insta's macros: those panic on
//! a mismatch and name snapshots after the calling function, neither of which suits scenarios
//! running concurrently. Names come from the feature file, the scenario and the step, so they
//! are the same on every run whatever the scheduling.
//!
//! Verify is the default mode: a missing or different snapshot is an error listing each
//! difference by its JSON pointer. Update writes new and changed snapshots, except under
//! `CI=true`, where nothing is ever written and Update verifies instead.

use super::normalise::NormaliseError;
use super::normalise::Normaliser;
use crate::wire;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file extension insta uses.
pub const EXTENSION: &str = "snap";
/// The longest a scenario or step part of a name may be before it is cut and hashed.
const MAX_PART: usize = 80;
/// At most this many differences are listed in one error.
const MAX_DIFFERENCES: usize = 30;

/// What to do with a snapshot that is missing or differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnapshotMode {
    /// Missing or different snapshots are errors; nothing is written.
    #[default]
    Verify,
    /// Missing or different snapshots are written.
    Update,
}

/// Where a snapshot belongs: a step of a scenario of a feature file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SnapshotKey {
    /// The feature file; only its file stem counts, so the directory it runs from does not.
    pub feature: String,
    pub scenario: String,
    /// The row of a scenario outline's examples, which share the scenario's name.
    pub example: Option<usize>,
    pub step: StepRef,
}

/// The step a snapshot is taken at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StepRef {
    Index(usize),
    /// A name given in the step text, stable when steps are added before it.
    Named(String),
}

impl SnapshotKey {
    pub fn new(feature: impl AsRef<str>, scenario: impl Into<String>, step: usize) -> SnapshotKey {
        SnapshotKey {
            feature: feature.as_ref().to_owned(),
            scenario: scenario.into(),
            example: None,
            step: StepRef::Index(step),
        }
    }

    /// A key whose step part is a given name instead of the step index.
    pub fn named(
        feature: impl AsRef<str>,
        scenario: impl Into<String>,
        name: impl Into<String>,
    ) -> SnapshotKey {
        SnapshotKey {
            step: StepRef::Named(name.into()),
            ..SnapshotKey::new(feature, scenario, 0)
        }
    }

    pub fn with_example(mut self, row: usize) -> SnapshotKey {
        self.example = Some(row);
        self
    }

    fn feature_stem(&self) -> &str {
        let path = Path::new(&self.feature);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem.is_empty() { &self.feature } else { stem }
    }

    /// The file name: `<feature>__<scenario>[__ex<n>]__<step>.snap`, each part sanitised.
    pub fn file_name(&self) -> String {
        let mut parts = vec![sanitise(self.feature_stem()), sanitise(&self.scenario)];
        if let Some(row) = self.example {
            parts.push(format!("ex{row}"));
        }
        parts.push(match &self.step {
            StepRef::Index(i) => format!("step_{i:02}"),
            StepRef::Named(n) => sanitise(n),
        });
        format!("{}.{EXTENSION}", parts.join("__"))
    }

    /// The source feature file, as the header names it.
    fn source(&self) -> String {
        format!("{}.feature", self.feature_stem())
    }
}

impl fmt::Display for SnapshotKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source(), self.scenario)?;
        if let Some(row) = self.example {
            write!(f, " (example {row})")?;
        }
        match &self.step {
            StepRef::Index(i) => write!(f, ", step {i}"),
            StepRef::Named(n) => write!(f, ", {n}"),
        }
    }
}

/// Lowercase ASCII letters and digits, everything else one `_`; a part longer than
/// [`MAX_PART`] is cut and given a hash of the whole, so long names stay distinct.
pub fn sanitise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    let mut part = if trimmed.is_empty() {
        "unnamed".to_owned()
    } else {
        trimmed.to_owned()
    };
    if part.len() > MAX_PART {
        part.truncate(MAX_PART);
        let cut = part.trim_end_matches('_').len();
        part.truncate(cut);
        part.push_str(&format!("_{:08x}", fnv1a(text.as_bytes()) as u32));
    }
    part
}

/// FNV-1a: stable across runs, platforms and Rust versions, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What a snapshot records of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub status: u16,
    /// The `x-amzn-ErrorType` header without its `:...` suffix or `#` namespace.
    pub error_type: Option<String>,
    /// The normalised body; `None` when the response has none.
    pub body: Option<Value>,
}

impl Snapshot {
    pub fn new(status: u16, error_type: Option<&str>, body: Option<Value>) -> Snapshot {
        Snapshot {
            status,
            error_type: error_type.map(str::to_owned),
            body,
        }
    }

    /// The snapshot of a response, its body normalised with the scenario's normaliser. Error
    /// bodies are not output shapes: ARNs and other values the normaliser has already given
    /// placeholders are replaced inside their `Message` text instead.
    pub fn of_response(
        response: &wire::Response,
        normaliser: &mut Normaliser,
    ) -> Result<Snapshot, NormaliseError> {
        let error_type = response
            .headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(clean_error_type);
        let body = match &response.body {
            None => response
                .body_error
                .as_ref()
                .map(|_| json!({"<not JSON>": String::from_utf8_lossy(&response.raw_body)})),
            Some(body) if response.is_success() && response.error.is_none() => {
                Some(normaliser.normalise(response.service, &response.operation, body)?)
            }
            Some(body) => Some(scrub_error_body(body, normaliser)),
        };
        Ok(Snapshot {
            status: response.status,
            error_type,
            body,
        })
    }

    /// The JSON kept in the file.
    pub fn to_json(&self) -> Value {
        json!({
            "status": self.status,
            "x-amzn-ErrorType": self.error_type,
            "body": self.body,
        })
    }

    /// The file content: pretty JSON with status and error type ahead of the body, where a
    /// reader looks first (serde_json alone would sort the keys).
    pub fn to_pretty(&self) -> String {
        let body = pretty(self.body.as_ref().unwrap_or(&Value::Null)).replace('\n', "\n  ");
        format!(
            "{{\n  \"status\": {},\n  \"x-amzn-ErrorType\": {},\n  \"body\": {body}\n}}",
            self.status,
            json!(self.error_type)
        )
    }

    /// Reads the JSON kept in a file.
    pub fn from_json(v: &Value) -> Result<Snapshot, String> {
        let obj = v.as_object().ok_or("the snapshot is not a JSON object")?;
        let status = obj
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .ok_or("no numeric \"status\"")?;
        let error_type = match obj.get("x-amzn-ErrorType") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => return Err(format!("\"x-amzn-ErrorType\" is not a string: {other}")),
        };
        let body = match obj.get("body") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.clone()),
        };
        Ok(Snapshot {
            status,
            error_type,
            body,
        })
    }

    /// Every difference between this (expected) snapshot and `found`, in document order.
    pub fn differences(&self, found: &Snapshot) -> Vec<Difference> {
        let mut out = Vec::new();
        if self.status != found.status {
            out.push(Difference {
                path: "status".into(),
                expected: Some(Value::from(self.status)),
                found: Some(Value::from(found.status)),
            });
        }
        if self.error_type != found.error_type {
            out.push(Difference {
                path: "x-amzn-ErrorType".into(),
                expected: Some(json!(self.error_type)),
                found: Some(json!(found.error_type)),
            });
        }
        match (&self.body, &found.body) {
            (Some(e), Some(f)) => diff_values("", e, f, &mut out),
            (None, None) => {}
            (e, f) => out.push(Difference {
                path: "body".into(),
                expected: Some(e.clone().unwrap_or(Value::Null)),
                found: Some(f.clone().unwrap_or(Value::Null)),
            }),
        }
        out
    }
}

fn clean_error_type(raw: &str) -> String {
    let t = raw.split(':').next().unwrap_or_default();
    t.rsplit('#').next().unwrap_or_default().trim().to_owned()
}

/// `Message` (or `message`) texts with known values replaced by their placeholders and any
/// other ARN by `<Arn>`, so messages naming this run's resources compare across runs.
fn scrub_error_body(body: &Value, normaliser: &Normaliser) -> Value {
    let mut body = body.clone();
    if let Value::Object(map) = &mut body {
        for key in ["Message", "message"] {
            if let Some(Value::String(text)) = map.get_mut(key) {
                *text = scrub_text(text, normaliser);
            }
        }
    }
    body
}

fn scrub_text(text: &str, normaliser: &Normaliser) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !is_separator(c)) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(is_separator).unwrap_or(rest.len());
        let mut token = &rest[..end];
        // A sentence may end right after a value.
        let trailing = token.len() - token.trim_end_matches(['.', ',', ';', ':']).len();
        token = &token[..token.len() - trailing];
        match normaliser.placeholder_of(token) {
            Some(p) => out.push_str(p),
            None if token.starts_with("arn:") => out.push_str("<Arn>"),
            None => out.push_str(token),
        }
        out.push_str(&rest[token.len()..end]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>'
        )
}

/// One difference between an expected and a found snapshot. `None` means absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// A JSON pointer into the body (`/ChannelMessages/0/Content`), or `status`,
    /// `x-amzn-ErrorType` or `body` for the parts outside it.
    pub path: String,
    pub expected: Option<Value>,
    pub found: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        match (&self.expected, &self.found) {
            (Some(e), Some(v)) => write!(f, "{path}: expected {}, found {}", shown(e), shown(v)),
            (Some(e), None) => write!(f, "{path}: missing, expected {}", shown(e)),
            (None, Some(v)) => write!(f, "{path}: unexpected, found {}", shown(v)),
            (None, None) => write!(f, "{path}: differs"),
        }
    }
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 100 {
        format!("{}...", s.chars().take(100).collect::<String>())
    } else {
        s
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Objects by key (sorted), arrays by index; anything else must be equal.
fn diff_values(path: &str, expected: &Value, found: &Value, out: &mut Vec<Difference>) {
    match (expected, found) {
        (Value::Object(e), Value::Object(f)) => {
            let keys: std::collections::BTreeSet<&String> = e.keys().chain(f.keys()).collect();
            for k in keys {
                let at = format!("{path}/{}", escape_pointer(k));
                match (e.get(k), f.get(k)) {
                    (Some(a), Some(b)) => diff_values(&at, a, b, out),
                    (a, b) => out.push(Difference {
                        path: at,
                        expected: a.cloned(),
                        found: b.cloned(),
                    }),
                }
            }
        }
        (Value::Array(e), Value::Array(f)) => {
            for i in 0..e.len().max(f.len()) {
                let at = format!("{path}/{i}");
                match (e.get(i), f.get(i)) {
                    (Some(a), Some(b)) => diff_values(&at, a, b, out),
                    (a, b) => out.push(Difference {
                        path: at,
                        expected: a.cloned(),
                        found: b.cloned(),
                    }),
                }
            }
        }
        // 1 and 1.0 are the same number to a JSON reader.
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => out.push(Difference {
            path: path.to_owned(),
            expected: Some(a.clone()),
            found: Some(b.clone()),
        }),
    }
}

/// The differences of one snapshot, listed one a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Differences(pub Vec<Difference>);

impl fmt::Display for Differences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.iter().take(MAX_DIFFERENCES) {
            write!(f, "\n  {d}")?;
        }
        if self.0.len() > MAX_DIFFERENCES {
            write!(f, "\n  ... and {} more", self.0.len() - MAX_DIFFERENCES)?;
        }
        Ok(())
    }
}

/// Why a snapshot check failed.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(
        "snapshot {path} for {key} does not exist (run in update mode to record it); the response was:\n{found}"
    )]
    Missing {
        path: PathBuf,
        key: String,
        /// The snapshot JSON that would have been written.
        found: String,
    },
    #[error("snapshot {path} for {key} differs:{differences}")]
    Mismatch {
        path: PathBuf,
        key: String,
        differences: Differences,
    },
    #[error("snapshot {path}: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("snapshot {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("snapshot of the response: {0}")]
    Normalise(#[from] NormaliseError),
    /// Two different keys sanitise to the same file name within one run.
    #[error("snapshot {path} is claimed by both \"{first}\" and \"{second}\": give one a name")]
    NameClash {
        path: PathBuf,
        first: String,
        second: String,
    },
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
        }
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
                    Ok(SnapshotOutcome::Matched)
                } else if mode == SnapshotMode::Update {
                    write_snap(&path, key, found)?;
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
                write_snap(&path, key, found)?;
                Ok(SnapshotOutcome::Created)
            }
            (None, SnapshotMode::Verify) => Err(SnapshotError::Missing {
                path,
                key: key.to_string(),
                found: found.to_pretty(),
            }),
        }
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

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// The stored snapshot at `path`, `None` when there is no file.
fn read_snap(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
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

/// The content of a `.snap` file: everything after the header's closing `---` line.
/// A file without a header is all content, as insta also reads it.
fn snap_content(text: &str) -> Result<&str, String> {
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
fn write_snap(path: &Path, key: &SnapshotKey, snapshot: &Snapshot) -> Result<(), SnapshotError> {
    let io = |source| SnapshotError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let text = format!(
        "---\nsource: {}\nexpression: {}\n---\n{}\n",
        yaml_scalar(&key.source()),
        yaml_scalar(&key.to_string()),
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
mod tests;
