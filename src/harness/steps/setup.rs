//! Given: the cast of a scenario (users, admins, channels, members, moderators, messages).

use crate::harness::expand::name_list;
use crate::harness::world::{ChimeWorld, obj, str_at, token};
use anyhow::Context;
use cucumber::given;
use serde_json::json;

#[given(regex = r"^the users? (.+)$")]
async fn the_users(w: &mut ChimeWorld, names: String) -> anyhow::Result<()> {
    let r = async {
        for name in name_list(&names) {
            w.user(&name).await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[given(regex = r"^(\w+) is an AppInstanceAdmin$")]
async fn is_admin(w: &mut ChimeWorld, name: String) -> anyhow::Result<()> {
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
pub(super) async fn create_channel(
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
pub(super) async fn add_members(
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

#[given(
    regex = r#"^an? (?:(RESTRICTED|UNRESTRICTED) )?(PUBLIC|PRIVATE) channel "([^"]+)" created by (\w+)(?: with members? (.+))?$"#
)]
async fn a_channel(
    w: &mut ChimeWorld,
    mode: String,
    privacy: String,
    name: String,
    creator: String,
    members: String,
) -> anyhow::Result<()> {
    let r = async {
        let mode = if mode.is_empty() { "RESTRICTED" } else { &mode };
        create_channel(
            w,
            &name,
            &creator,
            json!({"Mode": mode, "Privacy": privacy}),
        )
        .await?;
        let members = name_list(&members);
        add_members(w, &creator, &members, &name).await
    }
    .await;
    w.verdict(r)
}

#[given(regex = r#"^an elastic channel "([^"]+)" created by (\w+)$"#)]
async fn an_elastic_channel(
    w: &mut ChimeWorld,
    name: String,
    creator: String,
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

#[given(regex = r#"^(\w+) added (.+) to "([^"]+)"$"#)]
async fn added_members(
    w: &mut ChimeWorld,
    actor: String,
    members: String,
    channel: String,
) -> anyhow::Result<()> {
    let r = add_members(w, &actor, &name_list(&members), &channel).await;
    w.verdict(r)
}

#[given(regex = r#"^(\w+) is a moderator of "([^"]+)"$"#)]
async fn is_moderator(w: &mut ChimeWorld, name: String, channel: String) -> anyhow::Result<()> {
    let r = async {
        let creator = w
            .channel_creators
            .get(&channel)
            .cloned()
            .with_context(|| format!("\"{channel}\" was not created by a Given step"))?;
        let arn = w.channel(&channel)?;
        let user = w.user(&name).await?;
        add_members(w, &creator, std::slice::from_ref(&name), &channel).await?;
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
pub(super) async fn send(
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

#[given(regex = r#"^(\w+) sent "(.*)" to "([^"]+)"(?: as "([\w-]+)")?$"#)]
async fn sent(
    w: &mut ChimeWorld,
    sender: String,
    content: String,
    channel: String,
    alias: String,
) -> anyhow::Result<()> {
    let r = send(w, &sender, &content, &channel, &alias, true).await;
    w.verdict(r)
}

#[given(regex = r#"^(\w+) sent (\d+) messages to "([^"]+)"$"#)]
async fn sent_many(
    w: &mut ChimeWorld,
    sender: String,
    count: usize,
    channel: String,
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
