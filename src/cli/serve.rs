//! `chime-conformance serve`.

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("error: serve: not built yet");
    super::exit::USAGE
}
