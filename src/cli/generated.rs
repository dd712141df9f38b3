//! What `schemas` and `features` share: writing files generated from the models, and checking
//! the checked-in ones for drift, with the same messages and exit codes.

use super::exit;
use crate::generated::Drift;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Args {
    /// Write the files from the models (and remove those no longer generated).
    Generate(DirArg),
    /// Regenerate in memory and fail, naming the files, when the checked-in ones differ.
    Check(DirArg),
}

#[derive(Debug, clap::Args)]
pub struct DirArg {
    /// The directory of the generated files (schemas: `schemas`, features: `features/generated`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// One kind of generated file.
pub struct Kind {
    /// The command (`schemas`), also the plural noun in messages.
    pub command: &'static str,
    pub default_dir: &'static str,
    pub count: fn() -> usize,
    pub write: fn(&Path) -> io::Result<usize>,
    pub drift: fn(&Path) -> io::Result<Vec<Drift>>,
}

pub fn run(kind: &Kind, args: Args) -> u8 {
    let (check, dir) = match args {
        Args::Generate(d) => (false, d.dir),
        Args::Check(d) => (true, d.dir),
    };
    let dir = dir.unwrap_or_else(|| PathBuf::from(kind.default_dir));
    let what = kind.command;
    if !check {
        return match (kind.write)(&dir) {
            Ok(n) => {
                println!("wrote {n} {what} files to {}", dir.display());
                exit::OK
            }
            Err(e) => {
                eprintln!("error: {what} generate: {e}");
                exit::USAGE
            }
        };
    }
    match (kind.drift)(&dir) {
        Ok(drift) if drift.is_empty() => {
            println!(
                "{} {what} files in {} match the models",
                (kind.count)(),
                dir.display()
            );
            exit::OK
        }
        Ok(drift) => {
            for d in &drift {
                eprintln!("{d}");
            }
            eprintln!(
                "error: {} {what} file(s) in {} differ from the models; run `chime-conformance {what} generate --dir {}`",
                drift.len(),
                dir.display(),
                dir.display()
            );
            exit::FAILURE
        }
        Err(e) => {
            eprintln!("error: {what} check: {e}");
            exit::USAGE
        }
    }
}
