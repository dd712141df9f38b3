//! Time: the target's virtual clock and its expiration sweeper (control capabilities `clock`
//! and `expiration`), so days of expiry take milliseconds.

use crate::harness::world::ChimeWorld;
use anyhow::bail;
use cucumber::{then, when};

fn seconds_of(amount: f64, unit: &str) -> f64 {
    let per = match unit.trim_end_matches('s') {
        "day" => 86_400.0,
        "hour" => 3_600.0,
        "minute" => 60.0,
        _ => 1.0,
    };
    amount * per
}

#[when(regex = r"^(\d+(?:\.\d+)?) (days?|hours?|minutes?|seconds?) pass(?:es)?$")]
async fn time_passes(w: &mut ChimeWorld, amount: f64, unit: String) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        w.control("clock")?
            .advance(&app, seconds_of(amount, &unit))
            .await
            .map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(regex = r"^(\d+) days? and the deletion lag pass$")]
async fn days_and_lag_pass(w: &mut ChimeWorld, days: f64) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        let control = w.control("clock")?;
        let lag = w.control("expiration")?.deletion_lag().await?;
        control
            .advance(&app, seconds_of(days, "days") + lag + 1.0)
            .await
            .map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(regex = r#"^the clock is remembered as "([\w-]+)"$"#)]
async fn remember_clock(w: &mut ChimeWorld, name: String) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        let now = w.control("clock")?.now(&app).await?;
        w.remember(&name, now.to_string());
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(regex = r"^the expiration sweeper runs$")]
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
#[then(regex = r#"^the sweeper (deleted|did not delete) "([^"]+)"$"#)]
async fn sweeper_deleted(w: &mut ChimeWorld, verb: String, channel: String) -> anyhow::Result<()> {
    let r = async {
        let arn = w.channel(&channel)?;
        let swept = w.swept.contains(&arn);
        match (verb.as_str(), swept) {
            ("deleted", true) => return Ok(()),
            ("did not delete", true) => bail!(
                "expected the sweeper not to delete \"{channel}\"; it deleted {:?}",
                w.swept
            ),
            _ => {}
        }
        let (status, described) = super::listings::describe_as_creator(w, &channel).await?;
        match verb.as_str() {
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

#[cfg(test)]
mod tests {
    #[test]
    fn units_convert_to_seconds() {
        assert_eq!(super::seconds_of(2.0, "days"), 172_800.0);
        assert_eq!(super::seconds_of(1.0, "hour"), 3_600.0);
        assert_eq!(super::seconds_of(5.0, "seconds"), 5.0);
    }
}
