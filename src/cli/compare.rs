//! `chime-conformance compare OLD.json NEW.json`: what got better and what got worse between
//! two runs' summaries; exit 1 on any regression.

use crate::harness::gate::compare::compare;
use crate::harness::gate::summary::Summary;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier run's summary (`run --summary-json`).
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The later run's summary.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
}

/// Reads a summary file, the error naming the file.
pub fn read_summary(path: &Path) -> Result<Summary, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    Summary::from_json(&text, &name)
}

pub fn run(args: Args) -> u8 {
    let (old, new) = match (read_summary(&args.old), read_summary(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: compare: {e}");
            return super::exit::USAGE;
        }
    };
    let comparison = compare(&old, &new);
    print!(
        "{}",
        comparison.render(
            &args.old.display().to_string(),
            &args.new.display().to_string()
        )
    );
    if comparison.regressions() > 0 {
        super::exit::FAILURE
    } else {
        super::exit::OK
    }
}
