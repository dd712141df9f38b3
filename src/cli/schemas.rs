//! `chime-conformance schemas generate|check`.

#[derive(Debug, clap::Subcommand)]
pub enum Args {
    /// Write the JSON Schemas for every operation of both services.
    Generate,
    /// Regenerate in memory and fail, naming the files, when the checked-in schemas differ.
    Check,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("error: schemas: not built yet");
    super::exit::USAGE
}
