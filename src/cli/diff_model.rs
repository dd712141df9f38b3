//! What changed between two versions of a service model, classified as breaking or not.
//! `chime-conformance diff-model OLD NEW [--format text|json] [--fail-on-breaking]`.

use crate::diff;
use crate::model::{ServiceModel, embedded};
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older model: a botocore JSON file, or an embedded one (messaging-1.29.97,
    /// messaging-1.29.98, messaging, identity).
    pub old: String,
    /// The newer model, named the same way.
    pub new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when any change breaks clients or servers.
    #[arg(long)]
    pub fail_on_breaking: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The models shipped inside the binary, by the names the command accepts.
pub const EMBEDDED: [(&str, &str); 4] = [
    ("messaging-1.29.97", embedded::MESSAGING_1_29_97),
    ("messaging-1.29.98", embedded::MESSAGING_1_29_98),
    ("messaging", embedded::MESSAGING),
    ("identity", embedded::IDENTITY),
];

/// Reads a model named on the command line: an embedded name first, then a file path.
/// The error is one line naming the input.
pub fn load(name: &str) -> Result<ServiceModel, String> {
    let text = match EMBEDDED.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => (*text).to_owned(),
        None => std::fs::read_to_string(Path::new(name))
            .map_err(|e| format!("cannot read model {name}: {e}"))?,
    };
    ServiceModel::from_json(&text).map_err(|e| format!("{name}: {e}"))
}

pub fn run(args: Args) -> u8 {
    let models = load(&args.old).and_then(|old| load(&args.new).map(|new| (old, new)));
    let (old, new) = match models {
        Ok(models) => models,
        Err(e) => {
            eprintln!("error: {}", e.replace('\n', " "));
            return super::exit::USAGE;
        }
    };
    let d = diff::diff(&old, &new);
    match args.format {
        Format::Text => print!("{}", d.to_text()),
        Format::Json => {
            let report = serde_json::json!({
                "old": args.old,
                "new": args.new,
                "counts": diff::counts(&d),
                "breaking": d.is_breaking(),
                "diff": d,
                "changes": d.changes(),
            });
            match serde_json::to_string_pretty(&report) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("error: cannot render the diff as JSON: {e}");
                    return super::exit::USAGE;
                }
            }
        }
    }
    if args.fail_on_breaking && d.is_breaking() {
        super::exit::FAILURE
    } else {
        super::exit::OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_names_load_and_files_are_read() {
        for (name, _) in EMBEDDED {
            assert!(load(name).is_ok(), "{name}");
        }
        let e = load("/nonexistent/model.json").unwrap_err();
        assert!(
            e.starts_with("cannot read model /nonexistent/model.json:"),
            "{e}"
        );
    }
}
