//! `chime-conformance self-check`: the suite against the faithful reference server and against
//! each deliberate fault; every fault must be caught.

use crate::self_check::{SelfCheckOptions, self_check};
use crate::server::faults::{Fault, FaultSet};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Try only this fault (repeatable); all of them without it. `serve --list-faults` lists
    /// them.
    #[arg(long = "fault", value_name = "NAME")]
    pub faults: Vec<String>,
    /// How many suite runs go on at once, each against its own server.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub concurrency: usize,
    /// How many scenarios run at once within one run.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub scenarios: usize,
    /// The timeout of every HTTP call, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub timeout: u64,
    /// List every scenario that caught each fault, not just the first two.
    #[arg(long, short)]
    pub verbose: bool,
    /// Stop each fault's run at its first catch: faster, but the matrix names fewer scenarios.
    #[arg(long)]
    pub first_catch: bool,
    /// Print the matrix as a Markdown table.
    #[arg(long)]
    pub markdown: bool,
}

pub fn run(args: Args) -> u8 {
    let faults = match FaultSet::from_names(&args.faults) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: self-check: --fault: {e}");
            return super::exit::USAGE;
        }
    };
    if args.concurrency == 0 || args.scenarios == 0 {
        eprintln!("error: self-check: --concurrency and --scenarios must be at least 1");
        return super::exit::USAGE;
    }
    let opts = SelfCheckOptions {
        faults: faults.iter().collect(),
        concurrency: args.concurrency,
        scenarios_per_run: args.scenarios,
        timeout: Duration::from_secs(args.timeout.max(1)),
        first_catch: args.first_catch,
    };
    let count = if opts.faults.is_empty() {
        Fault::ALL.len()
    } else {
        opts.faults.len()
    };
    eprintln!(
        "self-check: the suite against the clean server and {count} fault(s), {} at a time",
        opts.concurrency
    );
    let report = self_check(&opts);
    if args.markdown {
        print!("{}", report.markdown());
    } else {
        print!("{}", report.matrix(args.verbose));
    }
    println!();
    print!("{}", report.summary());
    if report.clean.error.is_some() {
        return super::exit::USAGE;
    }
    if report.passed() {
        super::exit::OK
    } else {
        super::exit::FAILURE
    }
}
