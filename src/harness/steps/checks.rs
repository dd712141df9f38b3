//! Then: assertions on the last response, on listings and on what a user can see, each only
//! as strong as its evidence ("empty" accepts "" or absent).

use crate::harness::expand::quoted_list;
use crate::harness::json::{at, is_empty, literal, short, subset};
use crate::harness::world::{ChimeWorld, Waiter, obj};
use anyhow::{Context, anyhow, bail};
use cucumber::gherkin::Step;
use cucumber::then;
use serde_json::{Value, json};
use std::time::Duration;

#[then(regex = r"^the call succeeds$")]
async fn succeeds(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status >= 300 || last.response.error.is_some() {
            bail!("expected success, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the call fails with (\w+)$")]
async fn fails_with(w: &mut ChimeWorld, shape: String) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = last.response.error.as_ref().map(|e| e.shape.as_str());
        if found != Some(shape.as_str()) {
            bail!("expected {shape}, got {}", last.describe());
        }
        let service = last.response.service;
        if let Some(info) = service.model().error_info(&shape)
            && info.http_status != last.response.status
        {
            bail!(
                "{shape} is modelled with HTTP {}, got {}",
                info.http_status,
                last.describe()
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the operation ([\w:]+) has no input member (\w+)$")]
async fn has_no_member(
    w: &mut ChimeWorld,
    operation: String,
    member: String,
) -> anyhow::Result<()> {
    let r = (|| {
        let (service, op) = crate::model::find_operation(&operation)
            .with_context(|| format!("{operation} is not an operation of the models"))?;
        if service
            .model()
            .input_structure(op)
            .is_some_and(|s| s.members.contains_key(&member))
        {
            bail!("{operation} has an input member {member}");
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the call fails$")]
async fn fails(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status < 400 {
            bail!("expected an error, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the HTTP status is (\d+)$")]
async fn status_is(w: &mut ChimeWorld, status: u16) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status != status {
            bail!("expected HTTP {status}, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the response has no body$")]
async fn no_body(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if !last.response.raw_body.is_empty() {
            bail!(
                "expected no body, {} answered {} bytes: {}",
                last.describe(),
                last.response.raw_body.len(),
                String::from_utf8_lossy(&last.response.raw_body)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the error type header names (\w+)$")]
async fn error_type_header(w: &mut ChimeWorld, shape: String) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let header = last
            .response
            .headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .with_context(|| format!("{} has no x-amzn-ErrorType header", last.describe()))?;
        if header.split(':').next() != Some(shape.as_str()) {
            bail!("x-amzn-ErrorType is \"{header}\", expected {shape}");
        }
        Ok(())
    })();
    w.verdict(r)
}

/// Compares the value at `pointer` of the last response with `expected`.
fn field_equals(w: &ChimeWorld, pointer: &str, expected: &Value) -> anyhow::Result<()> {
    let last = w.last()?;
    let found = at(last.body(), pointer);
    subset(expected, found).map_err(|(p, e, f)| {
        anyhow!(
            "{}: at {pointer}{p} expected {e}, found {f}",
            last.describe()
        )
    })
}

#[then(regex = r#"^the response field "([^"]+)" is "(.*)"$"#)]
async fn field_is_string(w: &mut ChimeWorld, pointer: String, text: String) -> anyhow::Result<()> {
    let r = w
        .expand(&text)
        .and_then(|t| field_equals(w, &pointer, &Value::String(t)));
    w.verdict(r)
}

#[then(regex = r#"^the response field "([^"]+)" equals (.+)$"#)]
async fn field_equals_literal(
    w: &mut ChimeWorld,
    pointer: String,
    text: String,
) -> anyhow::Result<()> {
    let r = w
        .expand(&text)
        .and_then(|t| field_equals(w, &pointer, &literal(&t)));
    w.verdict(r)
}

#[then(regex = r#"^the response field "([^"]+)" is (absent|empty|present|not empty)$"#)]
async fn field_state(w: &mut ChimeWorld, pointer: String, state: String) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer);
        let ok = match state.as_str() {
            "absent" => found.is_none_or(Value::is_null),
            "empty" => is_empty(found),
            "present" => found.is_some_and(|v| !v.is_null()),
            _ => !is_empty(found),
        };
        if !ok {
            bail!(
                "{}: expected {pointer} to be {state}, found {}",
                last.describe(),
                found.map_or_else(|| "absent".to_string(), short)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

/// A body timestamp read as epoch seconds lies within `seconds` of this machine's clock: it
/// catches milliseconds or microseconds sent where seconds are due, with room for clock skew.
#[then(regex = r#"^the response field "([^"]+)" is a time within (\d+) seconds of now$"#)]
async fn field_is_now(w: &mut ChimeWorld, pointer: String, seconds: u64) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer);
        let Some(t) = found.and_then(Value::as_f64) else {
            bail!(
                "{}: expected {pointer} to be epoch seconds, found {}",
                last.describe(),
                found.map_or_else(|| "absent".to_string(), short)
            );
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        if (t - now).abs() > seconds as f64 {
            bail!(
                "{}: {pointer} is {t}, which as epoch seconds is {:.0} s away from now ({now:.0})",
                last.describe(),
                t - now
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r#"^the response field "([^"]+)" has (\d+) items?$"#)]
async fn field_items(w: &mut ChimeWorld, pointer: String, count: usize) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if found != count {
            bail!(
                "{}: expected {count} items at {pointer}, found {found}",
                last.describe()
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the response contains:$")]
async fn response_contains(w: &mut ChimeWorld, step: &Step) -> anyhow::Result<()> {
    let r = (|| {
        let expected = Value::Object(w.doc_object(step.docstring.as_deref())?);
        field_equals(w, "", &expected)
    })();
    w.verdict(r)
}

/// The contents of a list of message summaries, in order.
fn contents(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|m| {
            m.get("Content")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[then(regex = r"^the listed messages are (.+)$")]
async fn listed_messages(w: &mut ChimeWorld, expected: String) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let items = at(last.body(), "/ChannelMessages")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let expected = if expected == "none" {
            Vec::new()
        } else {
            quoted_list(&expected)
        };
        let found = contents(&items);
        if found != expected {
            bail!(
                "{}: expected messages {expected:?}, listed {found:?}",
                last.describe()
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r"^the collected messages are (.+)$")]
async fn collected_messages(w: &mut ChimeWorld, expected: String) -> anyhow::Result<()> {
    let r = (|| {
        let found = contents(&w.collected);
        let expected = quoted_list(&expected);
        if found != expected {
            bail!("expected, across pages, {expected:?}; collected {found:?}");
        }
        let mut ids: Vec<&str> = w
            .collected
            .iter()
            .filter_map(|m| m.get("MessageId").and_then(Value::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != w.collected.len() {
            bail!("a message appeared on more than one page");
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(regex = r#"^the (\d+) messages are collected in (ascending|descending) order, each once$"#)]
async fn collected_numbered(w: &mut ChimeWorld, count: usize, order: String) -> anyhow::Result<()> {
    let mut expected: Vec<String> = (1..=count).map(|i| format!("message {i}")).collect();
    if order == "descending" {
        expected.reverse();
    }
    let r = (|| {
        let found = contents(&w.collected);
        if found != expected {
            bail!(
                "expected {count} messages in {order} order across pages, collected {} ({:?}...)",
                found.len(),
                found.iter().take(5).collect::<Vec<_>>()
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

/// Lists a channel's messages as `user`; the MessageIds listed.
async fn listed_ids(w: &mut ChimeWorld, user: &str, channel: &str) -> anyhow::Result<Vec<String>> {
    let arn = w.channel(channel)?;
    let called = w
        .call_as(
            user,
            "ListChannelMessages",
            obj(json!({"ChannelArn": arn, "MaxResults": 50})),
        )
        .await?;
    if called.response.status >= 300 {
        bail!("{user} listing \"{channel}\": {} failed", called.describe());
    }
    Ok(at(called.body(), "/ChannelMessages")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.get("MessageId").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}

#[then(regex = r#"^"([\w-]+)" is listed for (\w+) in "([^"]+)"$"#)]
async fn is_listed(
    w: &mut ChimeWorld,
    msg: String,
    user: String,
    channel: String,
) -> anyhow::Result<()> {
    let r = async {
        let id = w.recall(&msg)?.to_string();
        let ids = listed_ids(w, &user, &channel).await?;
        if !ids.contains(&id) {
            bail!(
                "\"{msg}\" ({id}) is not among the {} messages {user} lists",
                ids.len()
            );
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(regex = r#"^"([\w-]+)" is not listed for (\w+) in "([^"]+)"$"#)]
async fn is_not_listed(
    w: &mut ChimeWorld,
    msg: String,
    user: String,
    channel: String,
) -> anyhow::Result<()> {
    let r = async {
        let id = w.recall(&msg)?.to_string();
        let ids = listed_ids(w, &user, &channel).await?;
        if ids.contains(&id) {
            bail!("\"{msg}\" ({id}) is listed for {user}");
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(regex = r#"^within (\d+) seconds (\w+) sees "([\w-]+)" in "([^"]+)" with status (\w+)$"#)]
async fn sees_status(
    w: &mut ChimeWorld,
    seconds: u64,
    user: String,
    msg: String,
    channel: String,
    status: String,
) -> anyhow::Result<()> {
    let r = async {
        let id = w.recall(&msg)?.to_string();
        let arn = w.channel(&channel)?;
        let input = obj(json!({"ChannelArn": arn, "MessageId": id}));
        let mut waiter = Waiter::new(Duration::from_secs(seconds));
        loop {
            let called = w.call_as(&user, "GetChannelMessage", input.clone()).await?;
            let found = at(called.body(), "/ChannelMessage/Status/Value").and_then(Value::as_str);
            if found == Some(status.as_str()) {
                return Ok(());
            }
            let last = format!(
                "{} shows status {}",
                called.describe(),
                found.unwrap_or("(none)")
            );
            waiter.pause(&last).await?;
        }
    }
    .await;
    w.verdict(r)
}

/// DescribeChannel of a channel of this scenario, called by its creator: the status, and the
/// call described for a failure message.
pub(super) async fn describe_as_creator(
    w: &mut ChimeWorld,
    channel: &str,
) -> anyhow::Result<(u16, String)> {
    let arn = w.channel(channel)?;
    let creator = w
        .creator_of(&arn)
        .with_context(|| format!("\"{channel}\" was not created in this scenario"))?;
    let called = w
        .call(
            "DescribeChannel",
            obj(json!({"ChannelArn": arn, "ChimeBearer": creator})),
            None,
        )
        .await?;
    Ok((called.response.status, called.describe()))
}

#[then(regex = r#"^the channel "([^"]+)" (has been deleted|still exists)$"#)]
async fn channel_state(w: &mut ChimeWorld, channel: String, state: String) -> anyhow::Result<()> {
    let r = async {
        let (status, described) = describe_as_creator(w, &channel).await?;
        let gone = matches!(status, 403 | 404);
        match (state.as_str(), status) {
            ("still exists", s) if s < 300 => Ok(()),
            ("has been deleted", _) if gone => Ok(()),
            _ => {
                bail!("expected \"{channel}\" {state}; DescribeChannel by its creator: {described}")
            }
        }
    }
    .await;
    w.verdict(r)
}
