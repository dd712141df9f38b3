//! Which snapshot a step takes: its key (feature, scenario, example row, step) and the file
//! name the key is stored under, the same on every run whatever the scheduling.

use super::file::EXTENSION;
use std::fmt;
use std::path::Path;

/// The longest a scenario or step part of a name may be before it is cut and hashed.
const MAX_PART: usize = 80;

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

    pub fn feature_stem(&self) -> &str {
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
    pub fn source(&self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sanitised_and_stable() {
        let k = SnapshotKey::new(
            "/tmp/run-1234/features/Channel Flows.feature",
            "A  DENIED message (callback) -> not listed!",
            7,
        );
        assert_eq!(
            k.file_name(),
            "channel_flows__a_denied_message_callback_not_listed__step_07.snap"
        );
        // Where the feature file was written to does not matter.
        let elsewhere = SnapshotKey::new(
            "channel Flows.feature",
            "A  DENIED message (callback) -> not listed!",
            7,
        );
        assert_eq!(k.file_name(), elsewhere.file_name());

        let named =
            SnapshotKey::named("messages.feature", "Édition", "after the edit").with_example(2);
        assert_eq!(
            named.file_name(),
            "messages__dition__ex2__after_the_edit.snap"
        );
        assert_eq!(sanitise("?!"), "unnamed");

        let long_a = "word ".repeat(40) + "a";
        let long_b = "word ".repeat(40) + "b";
        let (a, b) = (sanitise(&long_a), sanitise(&long_b));
        assert_ne!(a, b);
        assert!(a.len() <= MAX_PART + 9, "{a}");
        // The hash is fixed, not seeded per process.
        assert_eq!(a, sanitise(&long_a));
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
