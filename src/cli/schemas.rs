//! `chime-conformance schemas generate|check`: the JSON Schemas derived from the service models.

use super::exit;
use crate::schema;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Args {
    /// Write the JSON Schemas for every operation of both services.
    Generate(DirArg),
    /// Regenerate in memory and fail, naming the files, when the checked-in schemas differ.
    Check(DirArg),
}

#[derive(Debug, clap::Args)]
pub struct DirArg {
    /// The schema directory.
    #[arg(long, default_value = "schemas")]
    pub dir: PathBuf,
}

pub fn run(args: Args) -> u8 {
    match args {
        Args::Generate(DirArg { dir }) => match schema::write_all(&dir) {
            Ok(n) => {
                println!("wrote {n} schemas to {}", dir.display());
                exit::OK
            }
            Err(e) => {
                eprintln!("error: schemas generate: {e}");
                exit::USAGE
            }
        },
        Args::Check(DirArg { dir }) => match schema::drift(&dir) {
            Ok(drift) if drift.is_empty() => {
                println!(
                    "{} schemas in {} match the model",
                    schema::generate_all().len(),
                    dir.display()
                );
                exit::OK
            }
            Ok(drift) => {
                for d in &drift {
                    eprintln!("{d}");
                }
                eprintln!(
                    "error: {} schema file(s) in {} differ from the model; run `chime-conformance schemas generate --dir {}`",
                    drift.len(),
                    dir.display(),
                    dir.display()
                );
                exit::FAILURE
            }
            Err(e) => {
                eprintln!("error: schemas check: {e}");
                exit::USAGE
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(subcommand)]
        args: Args,
    }

    fn temp_dir() -> PathBuf {
        std::env::temp_dir().join(format!("chime-conformance-cli-{}", uuid::Uuid::new_v4()))
    }

    #[test]
    fn dir_defaults_to_schemas() {
        let cli = Cli::try_parse_from(["x", "check"]).unwrap();
        let Args::Check(DirArg { dir }) = cli.args else {
            panic!("check parsed as {:?}", cli.args)
        };
        assert_eq!(dir, PathBuf::from("schemas"));
    }

    #[test]
    fn exit_codes_follow_drift_and_io_errors() {
        let dir = temp_dir();
        let arg = || DirArg { dir: dir.clone() };
        // A directory that does not exist cannot be compared.
        assert_eq!(run(Args::Check(arg())), exit::USAGE);
        assert_eq!(run(Args::Generate(arg())), exit::OK);
        assert_eq!(run(Args::Check(arg())), exit::OK);
        std::fs::write(dir.join("messaging/DescribeChannel.response.json"), "{}\n").unwrap();
        assert_eq!(run(Args::Check(arg())), exit::FAILURE);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
