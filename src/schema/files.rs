//! The schema files on disk: written from the model, and compared with it (drift).

use super::generate::generate_all;
use crate::generated;
pub use crate::generated::Drift;
use crate::model::Service;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Writes every generated schema under `dir`, and removes `.json` files the model no longer
/// implies. Returns the number of files generated.
pub fn write_all(dir: &Path) -> io::Result<usize> {
    generated::write(dir, &generate_all(), "json")
}

/// Compares `dir` with what the model generates: every missing, extra or differing file.
pub fn drift(dir: &Path) -> io::Result<Vec<Drift>> {
    generated::drift(dir, &generate_all(), "json")
}

/// `Ok(number of files)` when `dir` holds exactly the generated schemas; otherwise one line per
/// missing, extra or differing file.
pub fn check(dir: &Path) -> Result<usize, Vec<String>> {
    generated::check(dir, &generate_all(), "json")
}

/// The schema files for one service, by path, from [`generate_all`].
pub fn files_of(service: Service) -> BTreeMap<String, String> {
    let prefix = format!("{}/", service.slug());
    generate_all()
        .into_iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

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
