//! Then: the last response, or the last session event, normalised, matches its recorded
//! snapshot (`snapshots/`). An event is recorded like a response: the status of its session's
//! upgrade (101), no error type, and a body of its Headers and its Payload, decoded and
//! normalised with ISO-8601 timestamps (the same instant gets the placeholder it has in REST
//! answers).

use super::parameters::SnapshotName;
use crate::harness::snapshot::{NormaliseError, Normaliser, Snapshot};
use crate::harness::world::ChimeWorld;
use crate::harness::world::event::Event;
use crate::model::Service;
use crate::schema::TimestampFormat;
use crate::schema::events::{self, Payload};
use anyhow::{Context, anyhow};
use cucumber::gherkin::Step;
use cucumber::then;
use serde_json::{Value, json};
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

#[then(expr = r#"that event matches the snapshot "{snapshot}""#)]
async fn event_matches_snapshot(
    w: &mut ChimeWorld,
    name: SnapshotName,
    step: &Step,
) -> anyhow::Result<()> {
    let r = check_event(w, &name, step).await;
    w.verdict(r)
}

async fn check_event(w: &mut ChimeWorld, name: &str, step: &Step) -> anyhow::Result<()> {
    let event = w
        .sessions
        .last_event
        .clone()
        .ok_or_else(|| anyhow!("no event was received yet (a receiving step comes first)"))?;
    with_normaliser(w, |w, normaliser| {
        let found = event_snapshot(&event, normaliser)
            .with_context(|| format!("the {} cannot be normalised", event.event_type))?;
        store(w, Some(name), step, &found)
    })
    .await
}

/// The snapshot of a session event (see the module documentation).
fn event_snapshot(event: &Event, normaliser: &mut Normaliser) -> Result<Snapshot, NormaliseError> {
    let iso = TimestampFormat::Iso8601;
    let payload = match (&event.payload, events::event_type(&event.event_type)) {
        (Some(p), Some(e)) => Some(match e.payload {
            Payload::Shape(shape) => {
                normaliser.normalise_shape(Service::Messaging, shape, p, iso)?
            }
            Payload::ChannelDetails => {
                let mut out = p.clone();
                let parts = [
                    ("Channel", "ChannelSummary"),
                    ("ChannelMessages", "ChannelMessageSummaryList"),
                    ("ChannelMemberships", "ChannelMembershipSummaryList"),
                    ("ReadMarkerTimestamp", "Timestamp"),
                ];
                for (member, shape) in parts {
                    if let Some(v) = p.get(member) {
                        out[member] =
                            normaliser.normalise_shape(Service::Messaging, shape, v, iso)?;
                    }
                }
                out
            }
            Payload::None => p.clone(),
        }),
        (payload, _) => payload.clone(),
    };
    let body = json!({"Headers": Value::Object(event.headers.clone()), "Payload": payload});
    Ok(Snapshot::new(101, None, Some(body)))
}

/// Runs `f` with the scenario's normaliser, judging timestamps against the target's clock.
async fn with_normaliser(
    w: &mut ChimeWorld,
    f: impl FnOnce(&ChimeWorld, &mut Normaliser) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let now = target_now(w).await?;
    let mut normaliser = w.normaliser.take().unwrap_or_else(|| Normaliser::new(now));
    normaliser.set_now(now);
    let result = f(w, &mut normaliser);
    // Kept whatever the outcome, so later snapshots of the scenario number values alike.
    w.normaliser = Some(normaliser);
    result
}

async fn check(w: &mut ChimeWorld, name: Option<&str>, step: &Step) -> anyhow::Result<()> {
    with_normaliser(w, |w, normaliser| compare(w, name, step, normaliser)).await
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
    store(w, name, step, &found)
}

/// Compares a found snapshot with the stored one of the step (or records it).
fn store(w: &ChimeWorld, name: Option<&str>, step: &Step, found: &Snapshot) -> anyhow::Result<()> {
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
    let outcome = store.check(&key, found)?;
    recording.count(outcome);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
    const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";

    fn event(event_type: &str, payload: Value) -> Event {
        let headers =
            json!({"x-amz-chime-event-type": event_type, "x-amz-chime-message-type": "SYSTEM"});
        Event {
            index: 0,
            received: Instant::now(),
            event_type: event_type.into(),
            message_type: Some("SYSTEM".into()),
            headers: headers.as_object().cloned().unwrap_or_default(),
            payload: Some(payload),
        }
    }

    #[test]
    fn channel_details_are_normalised_member_by_member() {
        let mut n = Normaliser::new(1_704_164_645.0);
        let details = event(
            "CHANNEL_DETAILS",
            json!({
                "Channel": {"ChannelArn": CHANNEL, "Name": "general",
                            "LastMessageTimestamp": "2024-01-02T03:04:05.678Z"},
                "ChannelMessages": [{"MessageId": "m1", "Content": "hi",
                                     "CreatedTimestamp": "2024-01-02T03:04:05.678Z",
                                     "Sender": {"Arn": USER, "Name": "u"}}],
                "ChannelMessagesHasMore": false,
                "ChannelMemberships": [{"Member": {"Arn": USER, "Name": "u"}}],
                "ReadMarkerTimestamp": "2024-01-02T03:04:00.000Z"
            }),
        );
        let snap = event_snapshot(&details, &mut n).unwrap();
        assert_eq!(snap.status, 101);
        let body = snap.body.unwrap();
        assert_eq!(body["Headers"]["x-amz-chime-event-type"], "CHANNEL_DETAILS");
        let p = &body["Payload"];
        assert_eq!(p["Channel"]["ChannelArn"], "<ChannelArn:1>");
        // The same instant, the same placeholder; another instant, another.
        assert_eq!(
            p["Channel"]["LastMessageTimestamp"],
            p["ChannelMessages"][0]["CreatedTimestamp"]
        );
        assert_ne!(
            p["ReadMarkerTimestamp"],
            p["Channel"]["LastMessageTimestamp"]
        );
        assert_eq!(
            p["ChannelMessages"][0]["Sender"]["Arn"],
            p["ChannelMemberships"][0]["Member"]["Arn"]
        );
        assert_eq!(p["ChannelMessages"][0]["Content"], "hi");
        assert_eq!(p["ChannelMessagesHasMore"], false);
    }

    #[test]
    fn an_epoch_timestamp_in_an_event_fails_normalisation() {
        let mut n = Normaliser::new(1_704_164_645.0);
        let update = event(
            "UPDATE_CHANNEL",
            json!({"ChannelArn": CHANNEL, "Name": "g", "LastUpdatedTimestamp": 1_704_164_645.0}),
        );
        let e = event_snapshot(&update, &mut n).unwrap_err();
        assert!(e.to_string().contains("ISO-8601"), "{e}");
    }
}
