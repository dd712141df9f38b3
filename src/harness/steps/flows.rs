//! Channel flows: the harness plays the processor. It reads the events the target sent to
//! the processor (control capability `flow-events`) and answers with ChannelFlowCallback.

use super::parameters::{ChannelName, Fallback, FlowName, MessageName, User};
use crate::harness::json::subset;
use crate::harness::world::{ChimeWorld, Waiter, obj, str_at, token};
use anyhow::{Context, anyhow, bail};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::{Value, json};
use std::time::Duration;

#[given(expr = r#"a channel flow "{flow}" whose processor falls back to {fallback}"#)]
async fn a_flow(w: &mut ChimeWorld, name: FlowName, fallback: Fallback) -> anyhow::Result<()> {
    let r = async {
        let app = w.app_instance().await?;
        // A processor ARN unique to the scenario, because reachability is set per processor.
        let lambda = format!(
            "arn:aws:lambda:{}:123456789012:function:conformance-{}-{}",
            w.ctx.region,
            w.ctx.run_id,
            token()
        );
        let body = w
            .call_ok(
                "CreateChannelFlow",
                obj(json!({
                    "AppInstanceArn": app,
                    "Name": name.0.as_str(),
                    "ClientRequestToken": token(),
                    "Processors": [{
                        "Name": "processor",
                        "Configuration": {"Lambda": {"ResourceArn": lambda, "InvocationType": "ASYNC"}},
                        "ExecutionOrder": 1,
                        "FallbackAction": fallback.0.as_str(),
                    }],
                })),
                None,
            )
            .await
            .with_context(|| format!("creating the channel flow \"{name}\""))?;
        let arn = str_at(&body, "/ChannelFlowArn")?;
        w.remember(&name, arn);
        w.processors.insert(name.0, lambda);
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[given(expr = r#"{user} associated the flow "{flow}" with "{channel}""#)]
async fn associated(
    w: &mut ChimeWorld,
    user: User,
    flow: FlowName,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = associate(w, &user, &flow, &channel, true).await;
    w.verdict(r)
}

#[when(expr = r#"{user} associates the flow "{flow}" with "{channel}""#)]
async fn associates(
    w: &mut ChimeWorld,
    user: User,
    flow: FlowName,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = associate(w, &user, &flow, &channel, false).await;
    w.verdict(r)
}

/// AssociateChannelFlow as `user`; a set-up step (`must_succeed`) fails on an error answer, an
/// action keeps the answer for the checks that follow.
async fn associate(
    w: &mut ChimeWorld,
    user: &str,
    flow: &str,
    channel: &str,
    must_succeed: bool,
) -> anyhow::Result<()> {
    let flow_arn = w.recall(flow)?.to_string();
    let arn = w.channel(channel)?;
    let called = w
        .call_as(
            user,
            "AssociateChannelFlow",
            obj(json!({"ChannelArn": arn, "ChannelFlowArn": flow_arn})),
        )
        .await?;
    if must_succeed && called.response.status >= 300 {
        bail!("{} failed", called.describe());
    }
    Ok(())
}

#[given(expr = r#"the processor of "{flow}" is unreachable"#)]
async fn unreachable(w: &mut ChimeWorld, flow: FlowName) -> anyhow::Result<()> {
    let r = async {
        let lambda = w
            .processors
            .get(flow.0.as_str())
            .cloned()
            .ok_or_else(|| anyhow!("no flow \"{flow}\" was created in this scenario"))?;
        w.control("processor-reachability")?
            .set_reachable(&lambda, false)
            .await
    }
    .await;
    w.verdict(r)
}

/// Waits for the processor event about a message of a channel.
async fn event_for(
    w: &mut ChimeWorld,
    channel: &str,
    msg: &str,
    seconds: u64,
) -> anyhow::Result<Value> {
    let arn = w.channel(channel)?;
    let id = w.recall(msg)?.to_string();
    let control = w.control("flow-events")?;
    let mut waiter = Waiter::new(Duration::from_secs(seconds));
    loop {
        let events = control.flow_events(&arn).await?;
        if let Some(e) = events.iter().rev().find(|e| {
            e.pointer("/ChannelMessage/MessageId")
                .and_then(Value::as_str)
                == Some(&id)
        }) {
            return Ok(e.clone());
        }
        waiter
            .pause(&format!(
                "{} events for \"{channel}\", none about \"{msg}\" ({id})",
                events.len()
            ))
            .await?;
    }
}

#[when(
    expr = r#"within {int} seconds the processor receives an event for "{message}" in "{channel}""#
)]
#[then(
    expr = r#"within {int} seconds the processor receives an event for "{message}" in "{channel}""#
)]
async fn receives_event(
    w: &mut ChimeWorld,
    seconds: u64,
    msg: MessageName,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = async {
        let event = event_for(w, &channel, &msg, seconds).await?;
        w.event = Some(event);
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(expr = "the event contains:")]
async fn event_contains(w: &mut ChimeWorld, step: &Step) -> anyhow::Result<()> {
    let r = (|| {
        let expected = Value::Object(w.doc_object(step.docstring.as_deref())?);
        let event = w
            .event
            .as_ref()
            .ok_or_else(|| anyhow!("no event was received yet"))?;
        subset(&expected, Some(event))
            .map_err(|(p, e, f)| anyhow!("the processor event at {p}: expected {e}, found {f}"))
    })();
    w.verdict(r)
}

#[then(expr = r#"the processor has received no event for "{message}" in "{channel}""#)]
async fn no_event(
    w: &mut ChimeWorld,
    msg: MessageName,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = async {
        let arn = w.channel(&channel)?;
        let id = w.recall(&msg)?.to_string();
        let events = w.control("flow-events")?.flow_events(&arn).await?;
        if events.iter().any(|e| {
            e.pointer("/ChannelMessage/MessageId")
                .and_then(Value::as_str)
                == Some(&id)
        }) {
            bail!("the processor received an event for \"{msg}\"");
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"the processor answers "{message}" in "{channel}" with:"#)]
async fn answers(
    w: &mut ChimeWorld,
    msg: MessageName,
    channel: ChannelName,
    step: &Step,
) -> anyhow::Result<()> {
    let r = async {
        let event = event_for(w, &channel, &msg, 10).await?;
        let callback_id = str_at(&event, "/CallbackId")?;
        let arn = w.channel(&channel)?;
        let id = w.recall(&msg)?.to_string();
        let mut input = w.doc_object(step.docstring.as_deref())?;
        input.entry("CallbackId").or_insert(json!(callback_id));
        input.entry("ChannelArn").or_insert(json!(arn));
        let message = input.entry("ChannelMessage").or_insert_with(|| json!({}));
        if let Value::Object(m) = message {
            m.entry("MessageId").or_insert(json!(id));
        }
        w.call("ChannelFlowCallback", input, None).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}
