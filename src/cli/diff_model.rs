//! `chime-conformance diff-model`.

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("error: diff-model: not built yet");
    super::exit::USAGE
}
