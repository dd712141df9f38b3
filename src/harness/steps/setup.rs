//! Given: the cast of a scenario (users, admins, channels, members, moderators, messages).

use super::parameters::{ChannelKind, ChannelName, RememberedName, Text, User, Users};
use crate::harness::world::{ChimeWorld, obj, str_at, token};
use anyhow::Context;
use cucumber::given;
use serde_json::json;

#[given(expr = "the user(s) {users}")]
async fn the_users(w: &mut ChimeWorld, names: Users) -> anyhow::Result<()> {
    let r = async {
        for name in names.0 {
            w.user(&name).await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[given(expr = "{user} is an AppInstanceAdmin")]
async fn is_admin(w: &mut ChimeWorld, name: User) -> anyhow::Result<()> {
    let r = async {
        let arn = w.user(&name).await?;
        let app = w.app_instance().await?;
        w.call_ok(
            "CreateAppInstanceAdmin",
            obj(json!({"AppInstanceArn": app, "AppInstanceAdminArn": arn})),
            None,
        )
        .await
        .with_context(|| format!("making {name} an AppInstanceAdmin"))?;
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// Creates a channel as `creator` and remembers its ARN under `name`.
pub async fn create_channel(
    w: &mut ChimeWorld,
    name: &str,
    creator: &str,
    extra: serde_json::Value,
) -> anyhow::Result<String> {
    let app = w.app_instance().await?;
    let mut input = obj(json!({
        "AppInstanceArn": app,
        "Name": name,
        "ClientRequestToken": token(),
    }));
    input.extend(obj(extra));
    let body = w
        .call_as(creator, "CreateChannel", input)
        .await
        .and_then(|c| {
            if c.response.status >= 300 {
                anyhow::bail!("{} failed", c.describe())
            }
            Ok(c.body().cloned().unwrap_or_default())
        })
        .with_context(|| format!("creating the channel \"{name}\" as {creator}"))?;
    let arn = str_at(&body, "/ChannelArn")?;
    w.remember(name, arn.clone());
    w.channel_creators
        .insert(name.to_string(), creator.to_string());
    Ok(arn)
}

/// Adds each member to a channel, as `actor`.
pub async fn add_members(
    w: &mut ChimeWorld,
    actor: &str,
    members: &[String],
    channel: &str,
) -> anyhow::Result<()> {
    let arn = w.channel(channel)?;
    for member in members {
        let member_arn = w.user(member).await?;
        let called = w
            .call_as(
                actor,
                "CreateChannelMembership",
                obj(json!({"ChannelArn": arn, "MemberArn": member_arn, "Type": "DEFAULT"})),
            )
            .await?;
        if called.response.status >= 300 {
            anyhow::bail!(
                "{actor} adding {member} to \"{channel}\": {} failed",
                called.describe()
            );
        }
    }
    Ok(())
}

#[given(expr = r#"a(n) {channel_kind} channel "{channel}" created by {user}"#)]
async fn a_channel(
    w: &mut ChimeWorld,
    kind: ChannelKind,
    name: ChannelName,
    creator: User,
) -> anyhow::Result<()> {
    a_channel_with_members(w, kind, name, creator, Users::default()).await
}

#[given(
    expr = r#"a(n) {channel_kind} channel "{channel}" created by {user} with member(s) {users}"#
)]
async fn a_channel_with_members(
    w: &mut ChimeWorld,
    kind: ChannelKind,
    name: ChannelName,
    creator: User,
    members: Users,
) -> anyhow::Result<()> {
    let r = async {
        create_channel(
            w,
            &name,
            &creator,
            json!({"Mode": kind.mode, "Privacy": kind.privacy}),
        )
        .await?;
        add_members(w, &creator, &members.0, &name).await
    }
    .await;
    w.verdict(r)
}

#[given(expr = r#"an elastic channel "{channel}" created by {user}"#)]
async fn an_elastic_channel(
    w: &mut ChimeWorld,
    name: ChannelName,
    creator: User,
) -> anyhow::Result<()> {
    let r = create_channel(
        w,
        &name,
        &creator,
        json!({
            "Mode": "RESTRICTED",
            "Privacy": "PRIVATE",
            "ElasticChannelConfiguration": {
                "MaximumSubChannels": 2,
                "TargetMembershipsPerSubChannel": 2,
                "MinimumMembershipPercentage": 10
            }
        }),
    )
    .await
    .map(|_| ());
    w.verdict(r)
}

#[given(expr = r#"{user} added {users} to "{channel}""#)]
async fn added_members(
    w: &mut ChimeWorld,
    actor: User,
    members: Users,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = add_members(w, &actor, &members.0, &channel).await;
    w.verdict(r)
}

#[given(expr = r#"{user} is a moderator of "{channel}""#)]
async fn is_moderator(w: &mut ChimeWorld, name: User, channel: ChannelName) -> anyhow::Result<()> {
    let r = async {
        let creator = w
            .channel_creators
            .get(channel.0.as_str())
            .cloned()
            .with_context(|| format!("\"{channel}\" was not created by a Given step"))?;
        let arn = w.channel(&channel)?;
        let user = w.user(&name).await?;
        add_members(w, &creator, std::slice::from_ref(&name.0), &channel).await?;
        let called = w
            .call_as(
                &creator,
                "CreateChannelModerator",
                obj(json!({"ChannelArn": arn, "ChannelModeratorArn": user})),
            )
            .await?;
        if called.response.status >= 300 {
            anyhow::bail!("making {name} a moderator: {} failed", called.describe());
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// Sends a STANDARD PERSISTENT message and remembers its id as "message" (and `alias`).
pub async fn send(
    w: &mut ChimeWorld,
    sender: &str,
    content: &str,
    channel: &str,
    alias: &str,
    must_succeed: bool,
) -> anyhow::Result<()> {
    let arn = w.channel(channel)?;
    let content = w.expand(content)?;
    let called = w
        .call_as(
            sender,
            "SendChannelMessage",
            obj(json!({
                "ChannelArn": arn,
                "Content": content,
                "Type": "STANDARD",
                "Persistence": "PERSISTENT",
                "ClientRequestToken": token(),
            })),
        )
        .await?;
    let ok = called.response.status < 300;
    if must_succeed && !ok {
        anyhow::bail!(
            "{sender} sending to \"{channel}\": {} failed",
            called.describe()
        );
    }
    if ok {
        let id = str_at(
            called.body().unwrap_or(&serde_json::Value::Null),
            "/MessageId",
        )?;
        w.remember("message", id.clone());
        if !alias.is_empty() {
            w.remember(alias, id);
        }
    }
    Ok(())
}

#[given(expr = r#"{user} sent "{text}" to "{channel}""#)]
async fn sent(
    w: &mut ChimeWorld,
    sender: User,
    content: Text,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = send(w, &sender, &content, &channel, "", true).await;
    w.verdict(r)
}

#[given(expr = r#"{user} sent "{text}" to "{channel}" as "{name}""#)]
async fn sent_as(
    w: &mut ChimeWorld,
    sender: User,
    content: Text,
    channel: ChannelName,
    alias: RememberedName,
) -> anyhow::Result<()> {
    let r = send(w, &sender, &content, &channel, &alias, true).await;
    w.verdict(r)
}

#[given(expr = r#"{user} sent {int} messages to "{channel}""#)]
async fn sent_many(
    w: &mut ChimeWorld,
    sender: User,
    count: usize,
    channel: ChannelName,
) -> anyhow::Result<()> {
    let r = async {
        for i in 1..=count {
            send(w, &sender, &format!("message {i}"), &channel, "", true).await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}
