//! Runs a set of features against one endpoint: asks the target which test-control
//! capabilities it offers, drives cucumber over the selected scenarios with the run's context,
//! and gathers the outcome. Once the run's interrupt is given, every scenario that would start
//! is refused in its before-hook, so it runs no step.

use super::endpoint::{Endpoint, TargetKind};
use super::options::RunOptions;
use super::order::CostliestFirst;
use super::outcome::{RunOutcome, TargetInfo};
use super::plan::{Planned, feature_paths, parse, plan_of};
use super::selection::{Selection, feature_file, parse_tags, scenario_tags};
use crate::harness::context::RunContext;
use crate::harness::control::Control;
use crate::harness::features;
use crate::harness::gate::shard;
use crate::harness::model_version::model_version;
use crate::harness::report::retries::attribute;
use crate::harness::report::{Collector, ScenarioId, ScenarioResult};
use crate::harness::session_probe;
use crate::harness::snapshot::{Provenance, Recording, SnapshotScope};
use crate::harness::world::sessions::quiet::QuietPeriod;
use crate::harness::world::{ChimeWorld, Evidence, Trouble};
use crate::wire;
use cucumber::World as _;
use cucumber::gherkin::{Feature, Rule, Scenario};
use futures::FutureExt as _;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

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
    let started_at = SystemTime::now();
    // Cucumber compiles a regex for every step definition; another thread does it while this
    // one probes the target and parses the features.
    let steps = tokio::task::spawn_blocking(ChimeWorld::collection);
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
        connect_timeout: opts.connect_timeout.min(opts.timeout),
        retry: opts.retry.clone(),
        rates: opts.rates.clone(),
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
    let mut ctx = RunContext::new(
        client,
        control,
        capabilities.clone(),
        opts.strict,
        opts.region.clone(),
    );
    ctx.interrupt = opts.interrupt.clone().unwrap_or_default();
    ctx.scenario_timeout = opts.scenario_timeout;
    if let Some(period) = opts.quiet {
        ctx.quiet = QuietPeriod::fixed(period);
    }
    let ctx = Arc::new(ctx);

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

    let kind = TargetKind::of(endpoint, opts.embedded_target);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    ctx.set_snapshots(
        Recording::new(&opts.snapshots).with_provenance(Provenance::recorded(
            kind.as_str(),
            &model_version(),
            &today,
        )),
    );
    let ran_features = feature_files(&dir);
    let parsed = parse(&dir);
    let suite = plan_of(&parsed);
    let selection = Selection::new(tags, capabilities.clone());
    let in_shard = opts.shard.map(|sh| {
        let selected: Vec<(ScenarioId, usize)> = suite
            .iter()
            .filter(|p| selection.selects(p.tags.iter()))
            .map(|p| (p.id.clone(), p.steps))
            .collect();
        let costs = shard::costs(&selected, opts.shard_durations.as_ref());
        let mut parts = shard::cut(&costs, sh.count);
        parts
            .swap_remove(sh.index - 1)
            .into_iter()
            .collect::<BTreeSet<_>>()
    });
    let expected = expected_scenarios(&suite, &selection, in_shard.as_ref());
    let selection = Arc::new(selection.only(in_shard));
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
    let collector = Collector::new(opts.verbose).with_progress(opts.progress.then_some(expected));
    let steps = match steps.await {
        Ok(steps) => steps,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    let cucumber = cucumber::Cucumber::<ChimeWorld, _, std::path::PathBuf, _, _>::new()
        .steps(steps)
        .with_parser(CostliestFirst(parsed))
        .with_writer(collector)
        .with_default_cli()
        .max_concurrent_scenarios(opts.concurrency.max(1))
        .before(|feature, rule, scenario, world| {
            let refused = world.ctx.interrupt.is_set();
            if refused {
                world.trouble = Some(Trouble::NotStarted);
            } else {
                world.snapshot_scope = Some(SnapshotScope::of(feature, rule, scenario));
                let tags: Vec<String> = scenario_tags(feature, rule, scenario).cloned().collect();
                world.scenario = format!("{}: {}", feature.name, scenario.name);
                world.evidence = Evidence::from_tags(&tags).unwrap_or_default();
                world.ctx.coverage.record_behaviours(&tags);
                world.key = Some((
                    feature_file(feature),
                    scenario.position.line,
                    scenario.position.col,
                ));
                world.deadline = Some(Instant::now() + world.ctx.scenario_timeout);
            }
            async move {
                // The only way a hook keeps cucumber from running the steps.
                if refused {
                    panic!("{}", Trouble::NotStarted);
                }
            }
            .boxed_local()
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
    let mut collector = RunContext::scope(ctx.clone(), run).await;
    collector.finish_progress();
    std::panic::set_hook(previous_hook);
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }

    let mut scenarios = collector.scenarios;
    attach_retries(&ctx, &mut scenarios);
    let not_started = scenarios.iter().filter(|s| s.not_started).count();
    scenarios.retain(|s| !s.not_started);
    let skipped = selection.take_skipped();
    let incomplete = selection.not_passed(&scenarios);
    let snapshots = ctx.snapshots().report(&ran_features, &incomplete);
    Ok(RunOutcome {
        target: TargetInfo {
            url: endpoint.url.clone(),
            identity_url: endpoint.identity_url.clone(),
            kind,
        },
        started_at,
        shard: opts.shard,
        suite,
        scenarios,
        not_started,
        interrupted: ctx.interrupt.why().map(str::to_string),
        retries: ctx.journal.tally(),
        rates: opts.rates.clone(),
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

/// How many scenarios the run will start: those selected, of the shard, that the target can
/// serve (the progress display's total).
fn expected_scenarios(
    suite: &[Planned],
    selection: &Selection,
    shard: Option<&BTreeSet<ScenarioId>>,
) -> usize {
    suite
        .iter()
        .filter(|p| selection.selects(p.tags.iter()) && selection.serves(&p.tags))
        .filter(|p| shard.is_none_or(|ids| ids.contains(&p.id)))
        .count()
}

/// Gives each scenario the calls it retried, each with the step it happened in.
fn attach_retries(ctx: &RunContext, scenarios: &mut [ScenarioResult]) {
    let mut notes = ctx.journal.take_notes();
    for s in scenarios {
        if let Some(mut retried) = notes.remove(&(s.feature_file.clone(), s.line, s.column)) {
            let steps: Vec<(usize, f64, f64)> = s
                .steps
                .iter()
                .map(|st| (st.line, st.started_at, st.started_at + st.seconds))
                .collect();
            attribute(&mut retried, &steps);
            s.retried = retried;
        }
    }
}

/// The names of the `.feature` files a run reads from `dir`, subdirectories included, as
/// cucumber reads them.
fn feature_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = feature_paths(dir)
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    names.sort();
    names
}
