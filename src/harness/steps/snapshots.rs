//! Then: the last response, normalised, matches its recorded snapshot (`snapshots/`).

use super::parameters::SnapshotName;
use crate::harness::snapshot::{Normaliser, Snapshot};
use crate::harness::world::ChimeWorld;
use anyhow::{Context, anyhow};
use cucumber::gherkin::Step;
use cucumber::then;
use std::sync::atomic::Ordering;

#[then(expr = "the response matches the snapshot")]
async fn matches_snapshot(w: &mut ChimeWorld, step: &Step) -> anyhow::Result<()> {
    let r = check(w, None, step).await;
    w.verdict(r)
}

#[then(expr = r#"the response matches the snapshot "{snapshot}""#)]
async fn matches_named_snapshot(
    w: &mut ChimeWorld,
    name: SnapshotName,
    step: &Step,
) -> anyhow::Result<()> {
    let r = check(w, Some(&name), step).await;
    w.verdict(r)
}

/// The target's clock when it has one (a scenario may have moved it), else this machine's:
/// timestamps are judged against it.
async fn target_now(w: &mut ChimeWorld) -> anyhow::Result<f64> {
    if w.ctx.has("clock")
        && let Some(control) = w.ctx.control.clone()
    {
        let app = w.app_instance().await?;
        w.ctx.control_calls.fetch_add(1, Ordering::Relaxed);
        return control
            .now(&app)
            .await
            .context("reading the target's clock for the snapshot");
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| anyhow!("this machine's clock is before 1970: {e}"))?;
    Ok(now.as_secs_f64())
}

async fn check(w: &mut ChimeWorld, name: Option<&str>, step: &Step) -> anyhow::Result<()> {
    let now = target_now(w).await?;
    let mut normaliser = w.normaliser.take().unwrap_or_else(|| Normaliser::new(now));
    normaliser.set_now(now);
    let result = compare(w, name, step, &mut normaliser);
    // Kept whatever the outcome, so later snapshots of the scenario number values alike.
    w.normaliser = Some(normaliser);
    result
}

fn compare(
    w: &ChimeWorld,
    name: Option<&str>,
    step: &Step,
    normaliser: &mut Normaliser,
) -> anyhow::Result<()> {
    let last = w.last()?;
    let found = Snapshot::of_response(&last.response, normaliser)
        .with_context(|| format!("{} cannot be normalised", last.describe()))?;
    let recording = w.ctx.snapshots();
    let Some(store) = recording.store() else {
        recording.count_unchecked();
        return Ok(());
    };
    let scope = w
        .snapshot_scope
        .as_ref()
        .ok_or_else(|| anyhow!("the scenario has no snapshot scope"))?;
    let key = scope.key(step.position, name)?;
    let outcome = store.check(&key, &found)?;
    recording.count(outcome);
    Ok(())
}
