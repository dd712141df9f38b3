//! When: the generic call steps (any operation, JSON input with placeholders), sending
//! messages; and the forms for a step that means to meet a quota,
//! whose calls are neither paced nor retried.

use super::parameters::{
    ChannelName, JsonText, Operation, Pointer, RememberedName, Text, User, Users,
};
use super::setup::send;
use crate::harness::world::{ChimeWorld, obj};
use anyhow::{Context, bail};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::{Value, json};

#[when(expr = "{user} calls {operation}")]
async fn user_calls(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    step: &Step,
) -> anyhow::Result<()> {
    let r = async {
        let input = w.doc_object(step.docstring.as_deref())?;
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

/// A set-up call that must succeed, with its input on the step's line (generated features
/// have no doc strings).
#[given(expr = "{user} called {operation} with the input {json}")]
async fn user_calls_with(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    input: JsonText,
) -> anyhow::Result<()> {
    let r = async {
        let input = w.doc_object(Some(&input))?;
        let called = w.call_as(&user, &operation, input).await?;
        if called.response.status >= 300 {
            bail!("{}", called.describe());
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} calls {operation} without retries")]
async fn user_calls_without_retries(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    step: &Step,
) -> anyhow::Result<()> {
    w.retries = false;
    let r = async {
        let input = w.doc_object(step.docstring.as_deref())?;
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.retries = true;
    w.verdict(r)
}

/// Sends `count` messages as fast as the target answers, neither paced nor retried, and stops
/// at the first refusal, which stays the last response for the checks that follow.
#[when(expr = r#"{user} sends {int} messages to "{channel}" at once, without retries"#)]
async fn sends_at_once(
    w: &mut ChimeWorld,
    sender: User,
    count: u32,
    channel: ChannelName,
) -> anyhow::Result<()> {
    w.retries = false;
    let r = async {
        let arn = w.channel(&channel)?;
        for i in 1..=count {
            let input = obj(json!({
                "ChannelArn": arn,
                "Content": format!("burst {i}"),
                "Type": "STANDARD",
                "Persistence": "PERSISTENT",
            }));
            if w.call_as(&sender, "SendChannelMessage", input)
                .await?
                .response
                .status
                >= 300
            {
                break;
            }
        }
        Ok(())
    }
    .await;
    w.retries = true;
    w.verdict(r)
}

#[when(expr = "{operation} is called( with no bearer)")]
async fn called_without_bearer(
    w: &mut ChimeWorld,
    operation: Operation,
    step: &Step,
) -> anyhow::Result<()> {
    let r = async {
        // The AppInstance must exist before a doc string can name it.
        w.app_instance().await?;
        let input = w.doc_object(step.docstring.as_deref())?;
        w.call(&operation, input, None).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"{user} sends "{text}" to "{channel}""#)]
async fn sends(
    w: &mut ChimeWorld,
    sender: User,
    content: Text,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = send(w, &sender, &content, &channel, "", false).await;
    w.verdict(r)
}

#[when(expr = r#"{user} sends "{text}" to "{channel}" as "{name}""#)]
async fn sends_as(
    w: &mut ChimeWorld,
    sender: User,
    content: Text,
    channel: ChannelName,
    alias: RememberedName,
) -> anyhow::Result<()> {
    let r = send(w, &sender, &content, &channel, &alias, false).await;
    w.verdict(r)
}

#[when(expr = r#"{user} adds {users} to "{channel}""#)]
async fn adds_members(
    w: &mut ChimeWorld,
    actor: User,
    members: Users,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = async {
        let arn = w.channel(&channel)?;
        for member in members.0 {
            let member_arn = w.user(&member).await?;
            w.call_as(
                &actor,
                "CreateChannelMembership",
                obj(json!({"ChannelArn": arn, "MemberArn": member_arn, "Type": "DEFAULT"})),
            )
            .await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// Remembers a value of the last response under a name, for later placeholders.
fn remember_field(w: &mut ChimeWorld, pointer: &str, name: &str) -> anyhow::Result<()> {
    let last = w.last()?;
    let value = last
        .body()
        .and_then(|b| b.pointer(pointer))
        .cloned()
        .with_context(|| format!("{} has nothing at {pointer}", last.describe()))?;
    let text = match value {
        Value::String(s) => s,
        other => other.to_string(),
    };
    w.remember(name, text);
    Ok(())
}

#[given(expr = r#"the response field "{pointer}" is remembered as "{name}""#)]
#[when(expr = r#"the response field "{pointer}" is remembered as "{name}""#)]
#[then(expr = r#"the response field "{pointer}" is remembered as "{name}""#)]
async fn remember(
    w: &mut ChimeWorld,
    pointer: Pointer,
    name: RememberedName,
) -> anyhow::Result<()> {
    let r = remember_field(w, &pointer, &name);
    w.verdict(r)
}
