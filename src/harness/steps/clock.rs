//! Time: the target's virtual clock and its expiration sweeper (control capabilities `clock`
//! and `expiration`), so days of expiry take milliseconds.

use super::listings::describe_as_creator;
use super::parameters::{ChannelName, DeletedOrNot, RememberedName, TimeSpan, seconds_of};
use crate::harness::world::ChimeWorld;
use anyhow::bail;
use cucumber::{then, when};

#[when(expr = "{duration} pass(es)")]
async fn time_passes(w: &mut ChimeWorld, duration: TimeSpan) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        w.control("clock")?
            .advance(&app, duration.seconds)
            .await
            .map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{int} day(s) and the deletion lag pass")]
async fn days_and_lag_pass(w: &mut ChimeWorld, days: u64) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        let control = w.control("clock")?;
        let lag = w.control("expiration")?.deletion_lag().await?;
        control
            .advance(&app, seconds_of(days as f64, "days") + lag + 1.0)
            .await
            .map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"the clock is remembered as "{name}""#)]
async fn remember_clock(w: &mut ChimeWorld, name: RememberedName) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        let now = w.control("clock")?.now(&app).await?;
        w.remember(&name, now.to_string());
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "the expiration sweeper runs")]
async fn sweeper_runs(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        w.swept = w.control("expiration")?.sweep(&app).await?;
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// The server may also sweep in the background (B-EXP-02: "a background process deletes
/// it"), so a channel the background got first counts as deleted; and a channel counts as not
/// deleted only while it still exists.
#[then(expr = r#"the sweeper {deleted_or_not} "{channel}""#)]
async fn sweeper_deleted(
    w: &mut ChimeWorld,
    verb: DeletedOrNot,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = async {
        let arn = w.channel(&channel)?;
        let swept = w.swept.contains(&arn);
        match (verb.0.as_str(), swept) {
            ("deleted", true) => return Ok(()),
            ("did not delete", true) => bail!(
                "expected the sweeper not to delete \"{channel}\"; it deleted {:?}",
                w.swept
            ),
            _ => {}
        }
        let (status, described) = describe_as_creator(w, &channel).await?;
        match verb.0.as_str() {
            "deleted" if matches!(status, 403 | 404) => Ok(()),
            "did not delete" if status < 300 => Ok(()),
            _ => bail!(
                "expected the sweeper to have {verb} \"{channel}\"; it deleted {:?} and \
                 DescribeChannel by its creator answers {described}",
                w.swept
            ),
        }
    }
    .await;
    w.verdict(r)
}
