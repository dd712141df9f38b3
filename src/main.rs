use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    chime_conformance::cli::main(chime_conformance::cli::Cli::parse())
}
