//! The command line: one module per subcommand, each defining its flags where they are used.

pub mod call;
pub mod cleanup;
pub mod compare;
pub mod diff_model;
pub mod exit;
pub mod features;
pub mod gating;
pub mod generated;
pub mod merge;
pub mod run;
pub mod schemas;
pub mod self_check;
pub mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Contract-conformance harness and reference server for the Amazon Chime SDK Messaging API.
///
/// With no command, runs the whole suite against the embedded reference server (`run`).
#[derive(Debug, Parser)]
#[command(name = "chime-conformance", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate or check the JSON Schemas derived from the service models.
    #[command(subcommand)]
    Schemas(generated::Args),
    /// Generate or check the rule-matrix features (features/generated) derived from the models.
    #[command(subcommand)]
    Features(generated::Args),
    /// Send one call to an endpoint, print the response and every contract violation.
    Call(call::Args),
    /// Run the conformance suite (against the embedded reference server unless --endpoint).
    Run(Box<run::Args>),
    /// Delete the AppInstances earlier runs left behind (those tagged chime-conformance:run),
    /// and nothing else.
    Cleanup(cleanup::Args),
    /// Serve the reference implementation of the API.
    Serve(serve::Args),
    /// What an API update changed between two model versions, and what breaks.
    DiffModel(diff_model::Args),
    /// Prove the suite: run it against the reference server and against each deliberate
    /// fault of it; every fault must be caught.
    SelfCheck(self_check::Args),
    /// What got better and what got worse between two runs' summaries (run --summary-json);
    /// exits 1 on any regression.
    Compare(compare::Args),
    /// Combine the summaries, HTML reports and JUnit files of a run's shards into one.
    Merge(merge::Args),
}

pub fn main(cli: Cli) -> ExitCode {
    init_tracing();
    let command = cli
        .command
        .unwrap_or_else(|| Command::Run(Box::new(default_run_args())));
    let code = match command {
        Command::Schemas(args) => schemas::run(args),
        Command::Features(args) => features::run(args),
        Command::Call(args) => call::run(args),
        Command::Run(args) => run::run(*args),
        Command::Cleanup(args) => cleanup::run(args),
        Command::Serve(args) => serve::run(args),
        Command::DiffModel(args) => diff_model::run(args),
        Command::SelfCheck(args) => self_check::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Merge(args) => merge::run(args),
    };
    ExitCode::from(code)
}

/// `run`'s flags at their defaults, as clap would fill them for a bare `run`.
fn default_run_args() -> run::Args {
    #[derive(Parser)]
    struct RunOnly {
        #[command(flatten)]
        args: run::Args,
    }
    RunOnly::parse_from(["chime-conformance"]).args
}

/// Logs go to stderr, quiet unless `RUST_LOG` asks for more.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
