//! Runs a set of features against one target and judges the outcome.

use super::context::RunContext;
use super::control::{Control, KNOWN_CAPABILITIES};
use super::features;
use super::recording::{Recording, SnapshotOptions, SnapshotReport, SnapshotScope};
use super::report::{Collector, ScenarioResult, SkippedScenario};
use super::world::{ChimeWorld, Evidence};
use crate::wire;
use cucumber::World as _;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;
use futures::FutureExt as _;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The running target a run judges: a mock, an emulator, the reference server or the real
/// service. The runner asks it which test-control capabilities it offers.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The messaging endpoint, which serves the test-control protocol too when it offers it.
    pub url: String,
    /// The identity endpoint, when it is not the messaging endpoint's counterpart.
    pub identity_url: Option<String>,
}

impl Endpoint {
    /// An endpoint that serves both services (or the real service's messaging host).
    pub fn new(url: impl Into<String>) -> Endpoint {
        Endpoint {
            url: url.into(),
            identity_url: None,
        }
    }

    /// Where identity calls go: the identity endpoint given, else the real service's
    /// counterpart of a real messaging host, else the messaging endpoint itself.
    pub fn identity(&self) -> String {
        self.identity_url
            .clone()
            .or_else(|| identity_for(&self.url))
            .unwrap_or_else(|| self.url.clone())
    }
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub region: String,
    /// A cucumber tag expression, e.g. `@B-EXP-03 or (@op:CreateChannel and not @assumed)`.
    pub tags: Option<String>,
    pub concurrency: usize,
    pub strict: bool,
    /// The timeout of every HTTP call.
    pub timeout: Duration,
    /// Features to run instead of the embedded suite.
    pub features_dir: Option<PathBuf>,
    /// Where snapshot steps find their snapshots, and whether they record them.
    pub snapshots: SnapshotOptions,
    /// Print a line per finished scenario.
    pub verbose: bool,
    /// Start no scenario after the first failure (scenarios in flight finish).
    pub fail_fast: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            region: "us-east-1".to_string(),
            tags: None,
            concurrency: 16,
            strict: false,
            timeout: Duration::from_secs(30),
            features_dir: None,
            snapshots: SnapshotOptions::default(),
            verbose: false,
            fail_fast: false,
        }
    }
}

/// Why nothing could be judged.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Connection(String),
}

/// What a run says about its target, as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// A scenario failed or had an undefined step.
    Failed,
    /// The features did not parse, or no scenario was selected.
    NothingJudged,
}

/// The judged outcome of a run.
#[derive(Debug)]
pub struct RunOutcome {
    pub scenarios: Vec<ScenarioResult>,
    pub skipped: Vec<SkippedScenario>,
    pub warnings: Vec<super::context::Warning>,
    /// What the snapshot steps did, and the snapshots no step referenced.
    pub snapshots: SnapshotReport,
    pub parse_errors: Vec<String>,
    pub http_calls: usize,
    pub control_calls: usize,
    pub capabilities: BTreeSet<String>,
    pub elapsed: Duration,
    /// What the run exercised, measured against the models and the catalogue.
    pub coverage: super::coverage::CoverageReport,
}

impl RunOutcome {
    pub fn passed(&self) -> usize {
        self.scenarios.iter().filter(|s| s.passed()).count()
    }
    pub fn failed(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.failed()).collect()
    }
    pub fn undefined(&self) -> Vec<&ScenarioResult> {
        self.scenarios.iter().filter(|s| s.undefined()).collect()
    }
    pub fn steps(&self) -> usize {
        self.scenarios.iter().map(|s| s.steps.len()).sum()
    }

    /// Passed when every scenario that ran passed, failed otherwise; nothing was judged when
    /// the features did not parse or no scenario was selected (a filter that matches nothing
    /// judges nothing).
    pub fn verdict(&self) -> Verdict {
        if !self.parse_errors.is_empty() || (self.scenarios.is_empty() && self.skipped.is_empty()) {
            Verdict::NothingJudged
        } else if self.scenarios.iter().all(ScenarioResult::passed) {
            Verdict::Passed
        } else {
            Verdict::Failed
        }
    }

    /// The readable summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let failed = self.failed();
        let undefined = self.undefined();
        for s in &failed {
            out.push_str(&format!(
                "\nFAILED {} / {} (features/{}:{})\n  broke {} [{}]\n  {}\n",
                s.feature,
                s.name,
                s.feature_file,
                s.line,
                s.behaviours().join(", "),
                if s.evidence() == "observed" {
                    "observed-only behaviour".to_string()
                } else {
                    format!("@{}", s.evidence())
                },
                s.failure().unwrap_or_default().replace('\n', "\n  ")
            ));
        }
        for s in &undefined {
            out.push_str(&format!(
                "\nUNDEFINED {} / {}: {}\n",
                s.feature,
                s.name,
                s.failure().unwrap_or_default()
            ));
        }
        for e in &self.parse_errors {
            out.push_str(&format!("\nFEATURE ERROR {e}\n"));
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings (not failures unless --strict):\n");
            for w in &self.warnings {
                out.push_str(&format!(
                    "  - {}: {}\n",
                    w.scenario,
                    w.message.replace('\n', "\n    ")
                ));
            }
        }
        if !self.skipped.is_empty() {
            let mut missing: BTreeSet<&str> = BTreeSet::new();
            for s in &self.skipped {
                missing.extend(s.missing.iter().map(String::as_str));
            }
            out.push_str(&format!(
                "\nSkipped {} scenario(s): the target lacks the control capabilities {}\n",
                self.skipped.len(),
                missing.into_iter().collect::<Vec<_>>().join(", ")
            ));
            for s in &self.skipped {
                out.push_str(&format!(
                    "  - {} / {} (needs {})\n",
                    s.feature,
                    s.name,
                    s.missing.join(", ")
                ));
            }
        }
        if self.scenarios.is_empty() && self.skipped.is_empty() {
            out.push_str("\nNo scenario was selected: nothing was judged.\n");
        }
        let broken: BTreeSet<&str> = failed.iter().flat_map(|s| s.behaviours()).collect();
        out.push_str(&format!(
            "\n{} scenarios ({} passed, {} failed, {} undefined, {} skipped for a missing capability), {} steps, {} warnings\n{} HTTP calls ({} control), {:.2}s\n",
            self.scenarios.len() + self.skipped.len(),
            self.passed(),
            failed.len(),
            undefined.len(),
            self.skipped.len(),
            self.steps(),
            self.warnings.len(),
            self.http_calls + self.control_calls,
            self.control_calls,
            self.elapsed.as_secs_f64(),
        ));
        if !broken.is_empty() {
            out.push_str(&format!(
                "Behaviours broken: {}\n",
                broken.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        out.push_str(&self.snapshots.summary());
        out
    }
}

/// The capabilities a scenario needs (`@needs:clock`), from feature, rule and scenario tags.
pub fn needs<'a>(tags: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    tags.into_iter()
        .filter_map(|t| t.strip_prefix("needs:"))
        .map(str::to_string)
        .collect()
}

/// Runs the suite against `endpoint`. Connection problems and bad options are errors;
/// everything else is in the outcome.
pub async fn run_suite(endpoint: &Endpoint, opts: RunOptions) -> Result<RunOutcome, RunError> {
    let started = Instant::now();
    let tag_filter: Option<TagOperation> = match &opts.tags {
        Some(expr) => Some(
            expr.parse()
                .map_err(|e| RunError::Usage(format!("--tags \"{expr}\": {e}")))?,
        ),
        None => None,
    };
    let control = Control::new(&endpoint.url, opts.timeout.min(Duration::from_secs(5)))
        .map_err(|e| RunError::Usage(format!("{e:#}")))?;
    // One probe: a target that is not there is a connection problem, not a failure.
    let capabilities = control
        .capabilities()
        .await
        .map_err(|e| RunError::Connection(e.to_string()))?;
    let client = wire::Client::new(wire::ClientConfig {
        endpoint: Some(endpoint.url.clone()),
        identity_endpoint: Some(endpoint.identity()),
        region: opts.region.clone(),
        timeout: opts.timeout,
        connect_timeout: Duration::from_secs(3).min(opts.timeout),
    })
    .map_err(|e| RunError::Usage(format!("cannot build the API client: {e}")))?;
    let ctx = Arc::new(RunContext::new(
        client,
        (!capabilities.is_empty()).then_some(control),
        capabilities.clone(),
        opts.strict,
        opts.region.clone(),
    ));

    let (dir, temporary) = match &opts.features_dir {
        Some(d) => (d.clone(), false),
        None => {
            let d = std::env::temp_dir().join(format!("chime-conformance-features-{}", ctx.run_id));
            features::write_to(&d).map_err(|e| {
                RunError::Usage(format!("cannot write the features to {}: {e}", d.display()))
            })?;
            (d, true)
        }
    };
    if !dir.is_dir() {
        return Err(RunError::Usage(format!(
            "--features {}: not a directory",
            dir.display()
        )));
    }

    ctx.set_snapshots(Recording::new(&opts.snapshots));
    let ran_features = feature_files(&dir);
    let skipped = Arc::new(Mutex::new(Vec::<SkippedScenario>::new()));
    let filter_skipped = skipped.clone();
    // Every scenario of the features, by (feature file, name): those that do not run and pass
    // cannot tell whether their snapshots are stale.
    let seen = Arc::new(Mutex::new(BTreeSet::<(String, String)>::new()));
    let filter_seen = seen.clone();
    let caps = capabilities.clone();
    let filter = move |feature: &cucumber::gherkin::Feature,
                       rule: Option<&cucumber::gherkin::Rule>,
                       scenario: &cucumber::gherkin::Scenario| {
        let tags = || {
            feature
                .tags
                .iter()
                .chain(rule.iter().flat_map(|r| &r.tags))
                .chain(&scenario.tags)
        };
        filter_seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((feature_file(feature), scenario.name.clone()));
        if let Some(expr) = &tag_filter
            && !expr.eval(tags())
        {
            return false;
        }
        let missing: Vec<String> = needs(tags())
            .into_iter()
            .filter(|n| !caps.contains(n))
            .collect();
        if missing.is_empty() {
            return true;
        }
        filter_skipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(SkippedScenario {
                feature: feature.name.clone(),
                name: scenario.name.clone(),
                tags: tags().cloned().collect(),
                missing,
            });
        false
    };

    // A failing step panics inside cucumber; its message is in the report, so the default
    // panic hook's stderr output would only repeat it.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    // The context is the run's own (task-local), so runs in one process do not mix.
    let cucumber = ChimeWorld::cucumber()
        .with_writer(Collector::new(opts.verbose))
        .with_default_cli()
        .max_concurrent_scenarios(opts.concurrency.max(1))
        .before(|feature, rule, scenario, world| {
            world.snapshot_scope = Some(SnapshotScope::of(feature, rule, scenario));
            let tags: Vec<String> = feature
                .tags
                .iter()
                .chain(rule.iter().flat_map(|r| &r.tags))
                .chain(&scenario.tags)
                .cloned()
                .collect();
            world.scenario = format!("{}: {}", feature.name, scenario.name);
            world.evidence = Evidence::from_tags(&tags).unwrap_or_default();
            world.ctx.coverage.record_behaviours(&tags);
            async {}.boxed_local()
        })
        .after(|_, _, _, _, world| {
            async move {
                if let Some(world) = world {
                    world.clean_up().await;
                }
            }
            .boxed_local()
        });
    let cucumber = if opts.fail_fast {
        cucumber.fail_fast()
    } else {
        cucumber
    };
    let run = cucumber.filter_run(dir.clone(), filter);
    let collector = RunContext::scope(ctx.clone(), run).await;
    std::panic::set_hook(previous_hook);
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }

    let skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|e| e.into_inner()));
    let mut incomplete = std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    for s in collector.scenarios.iter().filter(|s| s.passed()) {
        incomplete.remove(&(s.feature_file.clone(), s.name.clone()));
    }
    // Outline rows share a name: one row that did not pass keeps the name incomplete.
    for s in collector.scenarios.iter().filter(|s| !s.passed()) {
        incomplete.insert((s.feature_file.clone(), s.name.clone()));
    }
    let incomplete: Vec<(String, String)> = incomplete.into_iter().collect();
    let snapshots = ctx.snapshots().report(&ran_features, &incomplete);
    Ok(RunOutcome {
        scenarios: collector.scenarios,
        skipped,
        warnings: ctx.warnings(),
        snapshots,
        parse_errors: collector.parse_errors,
        http_calls: ctx.calls(),
        control_calls: ctx.control_calls.load(std::sync::atomic::Ordering::Relaxed),
        capabilities,
        elapsed: started.elapsed(),
        coverage: ctx.coverage.report(),
    })
}

/// The file name of a feature, as snapshot names use it.
fn feature_file(feature: &cucumber::gherkin::Feature) -> String {
    feature
        .path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| feature.name.clone())
}

/// The names of the `.feature` files a run reads from `dir`, subdirectories included, as
/// cucumber reads them.
fn feature_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            // The entry's own type: a symlink to a parent directory cannot loop the walk.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "feature")
                && let Some(name) = path.file_name().and_then(|n| n.to_str())
            {
                out.push(name.to_string());
            }
        }
    }
    out.sort();
    out
}

/// The identity endpoint that goes with a real messaging endpoint
/// (`messaging-chime.<region>` -> `identity-chime.<region>`); other targets serve both.
pub fn identity_for(messaging_url: &str) -> Option<String> {
    messaging_url
        .contains("://messaging-chime.")
        .then(|| messaging_url.replacen("://messaging-chime.", "://identity-chime.", 1))
}

/// Every capability the suite knows, for `--help` texts and the catalogue test.
pub fn known_capabilities() -> &'static [&'static str] {
    &KNOWN_CAPABILITIES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_identity_host_is_derived_from_the_messaging_host() {
        assert_eq!(
            identity_for("https://messaging-chime.eu-central-1.amazonaws.com").as_deref(),
            Some("https://identity-chime.eu-central-1.amazonaws.com")
        );
        assert_eq!(identity_for("http://127.0.0.1:8080"), None);
    }

    #[test]
    fn needs_tags_name_capabilities() {
        let tags = vec![
            "doc".to_string(),
            "needs:clock".to_string(),
            "needs:flow-events".to_string(),
        ];
        assert_eq!(needs(&tags), ["clock", "flow-events"]);
    }
}
