//! `chime-conformance run`.

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("error: run: not built yet");
    super::exit::USAGE
}
