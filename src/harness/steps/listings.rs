//! Then: what the target lists and shows over time: the messages of a listing or of a
//! paging run, whether a user lists a message, a message's status within a deadline, and
//! whether a channel still exists.

use super::parameters::{
    ChannelName, ChannelState, Contents, MessageName, MessageStatus, Order, User,
};
use crate::harness::json::at;
use crate::harness::world::{ChimeWorld, Waiter, obj};
use anyhow::{Context, bail};
use cucumber::then;
use serde_json::{Value, json};
use std::time::Duration;

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

#[then(expr = "the listed messages are {contents}")]
async fn listed_messages(w: &mut ChimeWorld, expected: Contents) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let items = at(last.body(), "/ChannelMessages")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let expected = expected.0;
        let found = contents(&items);
        if found != expected {
            bail!(
                "{}: expected messages {expected:?}, listed {found:?}",
                last.describe()
            );
        }
        w.asserted("/ChannelMessages/0/Content", None);
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the collected messages are {contents}")]
async fn collected_messages(w: &mut ChimeWorld, expected: Contents) -> anyhow::Result<()> {
    let r = (|| {
        let found = contents(&w.collected);
        let expected = expected.0;
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
        w.asserted("/ChannelMessages/0/Content", None);
        w.asserted("/ChannelMessages/0/MessageId", None);
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the {int} messages are collected in {order} order, each once")]
async fn collected_numbered(w: &mut ChimeWorld, count: usize, order: Order) -> anyhow::Result<()> {
    let mut expected: Vec<String> = (1..=count).map(|i| format!("message {i}")).collect();
    if order.0.as_str() == "descending" {
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
        w.asserted("/ChannelMessages/0/Content", None);
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

#[then(expr = r#""{message}" is listed for {user} in "{channel}""#)]
async fn is_listed(
    w: &mut ChimeWorld,
    msg: MessageName,
    user: User,
    channel: ChannelName,
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

#[then(expr = r#""{message}" is not listed for {user} in "{channel}""#)]
async fn is_not_listed(
    w: &mut ChimeWorld,
    msg: MessageName,
    user: User,
    channel: ChannelName,
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

#[then(
    expr = r#"within {int} seconds {user} sees "{message}" in "{channel}" with status {status}"#
)]
async fn sees_status(
    w: &mut ChimeWorld,
    seconds: u64,
    user: User,
    msg: MessageName,
    channel: ChannelName,
    status: MessageStatus,
) -> anyhow::Result<()> {
    let r = async {
        let id = w.recall(&msg)?.to_string();
        let arn = w.channel(&channel)?;
        let input = obj(json!({"ChannelArn": arn, "MessageId": id}));
        let mut waiter = Waiter::new(Duration::from_secs(seconds));
        loop {
            let called = w.call_as(&user, "GetChannelMessage", input.clone()).await?;
            let found = at(called.body(), "/ChannelMessage/Status/Value").and_then(Value::as_str);
            if found == Some(status.0.as_str()) {
                w.asserted("/ChannelMessage/Status/Value", None);
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
pub async fn describe_as_creator(
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

#[then(expr = r#"the channel "{channel}" {channel_state}"#)]
async fn channel_state(
    w: &mut ChimeWorld,
    channel: ChannelName,
    state: ChannelState,
) -> anyhow::Result<()> {
    let r = async {
        let (status, described) = describe_as_creator(w, &channel).await?;
        let gone = matches!(status, 403 | 404);
        match (state.0.as_str(), status) {
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
