use clap::Parser;
use std::process::ExitCode;

// The server allocates a handful of small objects per request from many threads; mimalloc
// serves that pattern at a fraction of the system allocator's cost.
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    chime_conformance::cli::main(chime_conformance::cli::Cli::parse())
}
