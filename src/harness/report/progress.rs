//! How far a run has got, for the person waiting on it: on a terminal a bar (scenarios done of
//! the total, failures so far, elapsed and estimated time left); elsewhere (CI logs) a plain
//! line now and then, so a long run against a remote target is never silent for long.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// How often a plain line is printed when there is no terminal.
pub const PLAIN_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Progress {
    total: usize,
    done: usize,
    failed: usize,
    started: Instant,
    last_line: Instant,
    /// The bar, on a terminal; `None`: plain lines.
    bar: Option<ProgressBar>,
    lines_printed: usize,
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines otherwise.
    pub fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{elapsed:>4} [{bar:30}] {pos}/{len} scenarios, {msg}, about {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("0 failed");
            bar
        });
        let now = Instant::now();
        Progress {
            total,
            done: 0,
            failed: 0,
            started: now,
            last_line: now,
            bar,
            lines_printed: 0,
        }
    }

    /// A scenario finished; `failed` when it failed or had an undefined step.
    pub fn finished(&mut self, failed: bool) {
        self.done += 1;
        self.failed += usize::from(failed);
        match &self.bar {
            Some(bar) => {
                bar.set_message(format!("{} failed", self.failed));
                bar.inc(1);
            }
            None => {
                let now = Instant::now();
                if now.duration_since(self.last_line) >= PLAIN_EVERY {
                    self.last_line = now;
                    self.lines_printed += 1;
                    eprintln!("{}", self.line(now.duration_since(self.started)));
                }
            }
        }
    }

    /// Prints a line of the run's own without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| println!("{line}")),
            None => println!("{line}"),
        }
    }

    /// Ends the display: the bar is cleared; plain output, when it said anything, says the end.
    pub fn finish(&mut self) {
        match self.bar.take() {
            Some(bar) => bar.finish_and_clear(),
            None if self.lines_printed > 0 => {
                eprintln!("{}", self.line(self.started.elapsed()));
            }
            None => {}
        }
    }

    /// `progress: 40/210 scenarios, 2 failed, 12s elapsed, about 51s left`.
    pub fn line(&self, elapsed: Duration) -> String {
        let left = if self.done == 0 || self.done >= self.total {
            String::new()
        } else {
            let per = elapsed.as_secs_f64() / self.done as f64;
            let rest = per * (self.total - self.done) as f64;
            format!(", about {}s left", rest.round() as u64)
        };
        format!(
            "progress: {}/{} scenarios, {} failed, {}s elapsed{left}",
            self.done,
            self.total,
            self.failed,
            elapsed.as_secs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_line_counts_failures_and_estimates_what_is_left() {
        let mut p = Progress::new(10);
        // Under `cargo test` stderr is not a terminal here only when captured; either way the
        // counts are the same.
        p.finished(false);
        p.finished(true);
        assert_eq!(
            p.line(Duration::from_secs(4)),
            "progress: 2/10 scenarios, 1 failed, 4s elapsed, about 16s left"
        );
        for _ in 0..8 {
            p.finished(false);
        }
        assert_eq!(
            p.line(Duration::from_secs(20)),
            "progress: 10/10 scenarios, 1 failed, 20s elapsed"
        );
        p.finish();
    }
}
