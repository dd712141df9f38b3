//! The bench's flags (after `cargo bench --bench remote --`).

use std::path::PathBuf;
use std::time::Duration;

/// `run --concurrency`'s default, which a run without the flag gets.
pub use chime_conformance::harness::runner::options::DEFAULT_CONCURRENCY;
/// The concurrencies `--sweep` measures besides the default.
pub const SWEEP: &[usize] = &[16, 64, 256, 1024];

pub struct Flags {
    /// The round trip the proxy adds, in milliseconds (half of it each way).
    pub delay_ms: u64,
    /// `--concurrency N`; `None`: the binary's default, without the flag.
    pub concurrency: Option<usize>,
    /// The other concurrencies to measure (`--sweep`, or `--levels`).
    pub levels: Vec<usize>,
    pub no_pacing: bool,
    /// How many of each proxied run's longest scenarios are rerun alone.
    pub candidates: usize,
    /// How many times each run is made (the figures are then ranges).
    pub repeat: usize,
    /// The reference server's connection limit (`serve --max-connections`).
    pub max_connections: Option<usize>,
    pub run_timeout: Duration,
    pub bin: PathBuf,
}

pub const USAGE: &str = "usage: cargo bench --bench remote -- [--delay-ms MS] [--concurrency N] \
    [--sweep | --levels N,N,...] [--repeat N] [--no-pacing] [--candidates N] \
    [--max-connections N] [--run-timeout SECS] [--bin PATH]";

pub fn usage(problem: &str) -> ! {
    eprintln!("error: remote bench: {problem}\n{USAGE}");
    std::process::exit(2)
}

fn number(name: &str, v: &str) -> usize {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => n,
        _ => usage(&format!("{name} {v}: not a whole number above 0")),
    }
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Flags {
    let mut f = Flags {
        delay_ms: 50,
        concurrency: None,
        levels: Vec::new(),
        no_pacing: false,
        candidates: 5,
        repeat: 1,
        max_connections: None,
        run_timeout: Duration::from_secs(900),
        bin: PathBuf::from(env!("CARGO_BIN_EXE_chime-conformance")),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| usage(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            // What `cargo bench` passes to every bench.
            "--bench" => {}
            "--delay-ms" => {
                let v = value("--delay-ms");
                f.delay_ms = v
                    .parse()
                    .unwrap_or_else(|_| usage(&format!("--delay-ms {v}: not a whole number")));
            }
            "--concurrency" => f.concurrency = Some(number("--concurrency", &value(&arg))),
            "--sweep" => f.levels = SWEEP.to_vec(),
            "--levels" => {
                let v = value("--levels");
                f.levels = v.split(',').map(|n| number("--levels", n.trim())).collect();
            }
            "--repeat" => f.repeat = number("--repeat", &value(&arg)),
            "--no-pacing" => f.no_pacing = true,
            "--candidates" => f.candidates = number("--candidates", &value(&arg)),
            "--max-connections" => {
                f.max_connections = Some(number("--max-connections", &value(&arg)));
            }
            "--run-timeout" => {
                let secs = number("--run-timeout", &value(&arg)) as u64;
                f.run_timeout = Duration::from_secs(secs);
            }
            "--bin" => f.bin = PathBuf::from(value("--bin")),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    f
}

impl Flags {
    /// The concurrency the requirement is judged at.
    pub fn default_level(&self) -> usize {
        self.concurrency.unwrap_or(DEFAULT_CONCURRENCY)
    }

    /// Every concurrency to measure, the default first.
    pub fn all_levels(&self) -> Vec<usize> {
        let default = self.default_level();
        let mut all = vec![default];
        for &c in &self.levels {
            if !all.contains(&c) {
                all.push(c);
            }
        }
        all
    }

    /// The `--concurrency` a run at `level` is given: none at the binary's default unless
    /// the bench was asked for it, as a plain `run --endpoint` is made.
    pub fn flag_for(&self, level: usize) -> Option<usize> {
        (self.concurrency.is_some() || level != DEFAULT_CONCURRENCY).then_some(level)
    }
}
