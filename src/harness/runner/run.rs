//! Runs a set of features against one endpoint: asks the target which test-control
//! capabilities it offers, drives cucumber over the selected scenarios with the run's context,
//! and gathers the outcome.

use super::endpoint::Endpoint;
use super::options::RunOptions;
use super::outcome::RunOutcome;
use super::selection::{Selection, parse_tags, scenario_tags};
use crate::harness::context::RunContext;
use crate::harness::control::Control;
use crate::harness::features;
use crate::harness::report::Collector;
use crate::harness::session_probe;
use crate::harness::snapshot::{Recording, SnapshotScope};
use crate::harness::world::{ChimeWorld, Evidence};
use crate::wire;
use cucumber::World as _;
use cucumber::gherkin::{Feature, Rule, Scenario};
use futures::FutureExt as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why nothing could be judged.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Connection(String),
}

/// Runs the suite against `endpoint`. Connection problems and bad options are errors;
/// everything else is in the outcome.
pub async fn run_suite(endpoint: &Endpoint, opts: RunOptions) -> Result<RunOutcome, RunError> {
    let started = Instant::now();
    let tags = parse_tags(opts.tags.as_deref()).map_err(RunError::Usage)?;
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
    let control = (!capabilities.is_empty()).then_some(control);
    let mut capabilities = capabilities;
    let mut unavailable = std::collections::BTreeMap::new();
    match session_probe::probe(&client).await {
        Ok(()) => {
            capabilities.insert(session_probe::CAPABILITY.to_owned());
        }
        Err(why) => {
            unavailable.insert(session_probe::CAPABILITY.to_owned(), why);
        }
    }
    let ctx = Arc::new(RunContext::new(
        client,
        control,
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
    let selection = Arc::new(Selection::new(tags, capabilities.clone()));
    let filter = {
        let selection = selection.clone();
        move |feature: &Feature, rule: Option<&Rule>, scenario: &Scenario| {
            selection.admits(feature, rule, scenario)
        }
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
            let tags: Vec<String> = scenario_tags(feature, rule, scenario).cloned().collect();
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

    let skipped = selection.take_skipped();
    let incomplete = selection.not_passed(&collector.scenarios);
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
        unavailable,
        elapsed: started.elapsed(),
        coverage: ctx.coverage.report(),
    })
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
