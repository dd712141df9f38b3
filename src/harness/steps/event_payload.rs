//! Checks on "that event", the one the last receiving step found: its message type, its
//! payload's fields, the messages of a prefetched channel, its timestamps (B-WS-14).

use super::parameters::{Contents, FieldState, MessageType, Pointer, Text};
use crate::harness::json::{short, subset};
use crate::harness::world::ChimeWorld;
use crate::harness::world::event::Event;
use anyhow::{Context, anyhow, bail};
use cucumber::gherkin::Step;
use cucumber::then;
use serde_json::Value;

fn that_event(w: &ChimeWorld) -> anyhow::Result<&Event> {
    w.sessions
        .last_event
        .as_ref()
        .ok_or_else(|| anyhow!("no event was received yet (a receiving step comes first)"))
}

fn payload_at<'a>(event: &'a Event, pointer: &str) -> Option<&'a Value> {
    event.payload.as_ref().and_then(|p| p.pointer(pointer))
}

/// An ISO-8601 timestamp of a payload as epoch seconds.
fn iso_seconds(value: &Value) -> anyhow::Result<f64> {
    let text = value
        .as_str()
        .with_context(|| format!("{} is not an ISO-8601 string", short(value)))?;
    let t = chrono::DateTime::parse_from_rfc3339(text)
        .with_context(|| format!("{text:?} is not an ISO-8601 time"))?;
    Ok(t.timestamp_millis() as f64 / 1000.0)
}

#[then(expr = "that event's message type is {message_type}")]
async fn message_type(w: &mut ChimeWorld, expected: MessageType) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        if e.message_type.as_deref() != Some(&expected) {
            bail!(
                "the {}'s x-amz-chime-message-type is {:?}, not {expected}",
                e.event_type,
                e.message_type
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "that event has no payload")]
async fn no_payload(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        if let Some(p) = &e.payload {
            bail!("the {} has a payload: {}", e.event_type, short(p));
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "that event's payload contains:")]
async fn payload_contains(w: &mut ChimeWorld, step: &Step) -> anyhow::Result<()> {
    let r = (|| {
        let expected = Value::Object(w.doc_object(step.docstring.as_deref())?);
        let e = that_event(w)?;
        subset(&expected, e.payload.as_ref()).map_err(|(p, want, found)| {
            anyhow!(
                "the {}'s payload at {p}: expected {want}, found {found}",
                e.event_type
            )
        })
    })();
    w.verdict(r)
}

#[then(expr = r#"that event's payload field "{pointer}" is "{text}""#)]
async fn field_is(w: &mut ChimeWorld, pointer: Pointer, text: Text) -> anyhow::Result<()> {
    let r = (|| {
        let expected = w.expand(&text)?;
        let e = that_event(w)?;
        let found = payload_at(e, &pointer);
        if found.and_then(Value::as_str) != Some(expected.as_str()) {
            bail!(
                "the {}'s payload at {pointer}: expected {expected:?}, found {}",
                e.event_type,
                found.map_or_else(|| "nothing".into(), short)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = r#"that event's payload field "{pointer}" is {field_state}"#)]
async fn field_state(
    w: &mut ChimeWorld,
    pointer: Pointer,
    state: FieldState,
) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        let found = payload_at(e, &pointer);
        if !state.holds(found) {
            bail!(
                "the {}'s payload at {pointer} should be {state}, found {}",
                e.event_type,
                found.map_or_else(|| "nothing".into(), short)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = r#"that event's payload field "{pointer}" has {int} item(s)"#)]
async fn field_items(w: &mut ChimeWorld, pointer: Pointer, count: usize) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        let found = payload_at(e, &pointer)
            .and_then(Value::as_array)
            .map(Vec::len);
        if found != Some(count) {
            bail!(
                "the {}'s payload at {pointer} should hold {count} items, found {}",
                e.event_type,
                found.map_or_else(|| "no list".into(), |n| n.to_string())
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "that event's messages are {contents}")]
async fn messages_are(w: &mut ChimeWorld, contents: Contents) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        let found: Vec<String> = payload_at(e, "/ChannelMessages")
            .and_then(Value::as_array)
            .with_context(|| format!("the {} has no ChannelMessages", e.event_type))?
            .iter()
            .map(|m| {
                m.get("Content")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        if found != contents.0 {
            bail!(
                "the {}'s ChannelMessages are {found:?}, not {:?}",
                e.event_type,
                contents.0
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(
    expr = r#"that event's payload field "{pointer}" is the time of the response field "{pointer}""#
)]
async fn same_time_as_response(
    w: &mut ChimeWorld,
    event_pointer: Pointer,
    response_pointer: Pointer,
) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        let event_value = payload_at(e, &event_pointer)
            .with_context(|| format!("the {} has nothing at {event_pointer}", e.event_type))?;
        let event_time = iso_seconds(event_value)?;
        let last = w.last()?;
        let rest_time = last
            .body()
            .and_then(|b| b.pointer(&response_pointer))
            .and_then(Value::as_f64)
            .with_context(|| format!("{} has no number at {response_pointer}", last.describe()))?;
        // The same instant, to the millisecond both forms carry.
        if (event_time - rest_time).abs() > 0.0015 {
            bail!(
                "the {}'s {event_pointer} is {} ({event_time}), the response's {response_pointer} is {rest_time}",
                e.event_type,
                short(event_value)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(
    expr = r#"that event's payload field "{pointer}" is an ISO-8601 time within {int} seconds of now"#
)]
async fn iso_time_near_now(
    w: &mut ChimeWorld,
    pointer: Pointer,
    seconds: u64,
) -> anyhow::Result<()> {
    let r = (|| {
        let e = that_event(w)?;
        let value = payload_at(e, &pointer)
            .with_context(|| format!("the {} has nothing at {pointer}", e.event_type))?;
        let t = iso_seconds(value)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| anyhow!("this machine's clock is before 1970: {e}"))?
            .as_secs_f64();
        if (t - now).abs() > seconds as f64 {
            bail!(
                "the {}'s {pointer} is {}, {:.0} seconds from now",
                e.event_type,
                short(value),
                t - now
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn iso_times_read_to_the_millisecond() {
        let t = super::iso_seconds(&json!("2024-01-02T03:04:05.678Z")).unwrap();
        assert!((t - 1_704_164_645.678).abs() < 1e-6, "{t}");
        assert!(super::iso_seconds(&json!(1_704_164_645.678)).is_err());
        assert!(super::iso_seconds(&json!("yesterday")).is_err());
    }
}
