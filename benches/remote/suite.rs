//! One run of the suite as `chime-conformance run --endpoint URL --summary-json FILE` does it:
//! the built binary in a child process, killed when it outlasts its deadline, and the
//! summary it wrote.

use chime_conformance::harness::gate::judge::ScenarioVerdict;
use chime_conformance::harness::gate::summary::{ScenarioSummary, Summary};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::Command;
use tokio::time::timeout;

/// What one run is asked to do.
pub struct Run<'a> {
    pub bin: &'a Path,
    pub endpoint: &'a str,
    /// `None`: the binary's default.
    pub concurrency: Option<usize>,
    pub tags: Option<&'a str>,
    pub features: Option<&'a Path>,
    pub no_pacing: bool,
    pub deadline: Duration,
}

/// What it did.
pub struct Ran {
    /// From starting the process to its exit.
    pub process_wall: Duration,
    pub exit: Option<i32>,
    pub summary: Summary,
}

impl Ran {
    /// The run's own wall clock (`durationSeconds`): from its first probe of the target to
    /// its last scenario's end, without the process's start and the reports' writing.
    pub fn wall(&self) -> f64 {
        self.summary.duration_seconds
    }

    /// API calls a second, over the run's wall time.
    pub fn calls_per_second(&self) -> f64 {
        self.summary.counts.http_calls as f64 / self.wall().max(f64::MIN_POSITIVE)
    }

    /// The scenarios that ran (not skipped for a capability the target lacks).
    pub fn ran(&self) -> impl Iterator<Item = &ScenarioSummary> {
        self.summary
            .scenarios
            .iter()
            .filter(|s| s.verdict != ScenarioVerdict::Skipped)
    }

    /// `213 ran (213 pass), 0 skipped, 2,988 calls, verdict pass`.
    pub fn describe(&self) -> String {
        let c = &self.summary.counts;
        format!(
            "{} ran ({} pass, {} fail, {} inconclusive), {} skipped, {} calls, verdict {}, exit {}, process {:.2} s",
            c.scenarios - c.skipped,
            c.pass,
            c.fail,
            c.inconclusive,
            c.skipped,
            c.http_calls,
            self.summary.verdict,
            self.exit.map_or("none (signal)".into(), |e| e.to_string()),
            self.process_wall.as_secs_f64()
        )
    }
}

pub async fn run(spec: &Run<'_>, scratch: &Path) -> Result<Ran, String> {
    let summary_path: PathBuf = scratch.join(format!(
        "summary-{}.json",
        SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let mut command = Command::new(spec.bin);
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--quiet",
            "--no-progress",
            "--endpoint",
            spec.endpoint,
        ])
        .arg("--summary-json")
        .arg(&summary_path)
        // The reports of the run are its business; the environment's endpoint is not ours.
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if let Some(n) = spec.concurrency {
        command.args(["--concurrency", &n.to_string()]);
    }
    if let Some(t) = spec.tags {
        command.args(["--tags", t]);
    }
    if let Some(dir) = spec.features {
        command.arg("--features").arg(dir);
    }
    if spec.no_pacing {
        command.arg("--no-pacing");
    }
    let started = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("starting {}: {e}", spec.bin.display()))?;
    // On the deadline the future is dropped, and with it the child (kill_on_drop).
    let output = match timeout(spec.deadline, child.wait_with_output()).await {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => return Err(format!("waiting for {}: {e}", spec.bin.display())),
        Err(_) => {
            return Err(format!(
                "the run against {} did not end within {:?} (killed)",
                spec.endpoint, spec.deadline
            ));
        }
    };
    let process_wall = started.elapsed();
    let text = std::fs::read_to_string(&summary_path).map_err(|e| {
        format!(
            "the run against {} wrote no summary ({e}); exit {:?}; its last output:\n{}{}",
            spec.endpoint,
            output.status.code(),
            tail(&output.stdout),
            tail(&output.stderr)
        )
    })?;
    let _ = std::fs::remove_file(&summary_path);
    let summary = Summary::from_json(&text, &summary_path.display().to_string())?;
    Ok(Ran {
        process_wall,
        exit: output.status.code(),
        summary,
    })
}

static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The last lines of a child's output, for an error message.
fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(15);
    lines[start..].iter().map(|l| format!("  {l}\n")).collect()
}
