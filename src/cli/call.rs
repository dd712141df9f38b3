//! `chime-conformance call OPERATION --endpoint URL --input JSON`.

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The operation, e.g. CreateChannel (identity:TagResource for the identity service's).
    pub operation: String,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("error: call: not built yet");
    super::exit::USAGE
}
