//! Sessions in elastic channels (B-WS-10): a member receives the events of their own
//! sub-channel, with its SubChannelId, and nothing of the others. Where the target placed each
//! member is asked of the target itself, as the channel's creator (a moderator).

use super::events::{Wanted, receives, receives_none};
use super::paging::all_pages;
use super::parameters::{ChannelName, EventTypeName, RememberedName, Text, User};
use crate::harness::world::{ChimeWorld, obj, str_at, token};
use anyhow::{Context, anyhow, bail};
use cucumber::{then, when};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The SubChannelId of each member of an elastic channel, by member ARN.
async fn placement(w: &mut ChimeWorld, channel: &str) -> anyhow::Result<BTreeMap<String, String>> {
    let arn = w.channel(channel)?;
    let creator = w
        .channel_creators
        .get(channel)
        .cloned()
        .with_context(|| format!("\"{channel}\" was not created by a Given step"))?;
    let subs = all_pages(
        w,
        &creator,
        "ListSubChannels",
        obj(json!({"ChannelArn": arn})),
        None,
    )
    .await?;
    let mut out = BTreeMap::new();
    for sub in subs {
        let id = str_at(&sub, "/SubChannelId")?;
        let members = all_pages(
            w,
            &creator,
            "ListChannelMemberships",
            obj(json!({"ChannelArn": arn, "SubChannelId": id})),
            None,
        )
        .await?;
        for m in members {
            out.insert(str_at(&m, "/Member/Arn")?, id.clone());
        }
    }
    Ok(out)
}

/// The sub-channel of `user` in `channel`, and every connected user's placement.
async fn sub_channel_of(
    w: &mut ChimeWorld,
    user: &str,
    channel: &str,
) -> anyhow::Result<(String, BTreeMap<String, String>)> {
    let arn = w.user(user).await?;
    let placed = placement(w, channel).await?;
    let sub = placed
        .get(&arn)
        .cloned()
        .with_context(|| format!("{user} is in no sub-channel of \"{channel}\""))?;
    Ok((sub, placed))
}

/// The connected users, split into those in `sub` and the other members of the channel.
fn connected_by_placement(
    w: &ChimeWorld,
    sub: &str,
    placed: &BTreeMap<String, String>,
) -> (Vec<String>, Vec<String>) {
    let (mut inside, mut outside) = (Vec::new(), Vec::new());
    for (user, sessions) in w.sessions.all() {
        let Some(placed_in) = sessions.first().and_then(|s| placed.get(&s.user_arn)) else {
            continue;
        };
        if placed_in == sub {
            inside.push(user.to_owned());
        } else {
            outside.push(user.to_owned());
        }
    }
    (inside, outside)
}

#[when(expr = r#"{user} sends "{text}" to their sub-channel of "{channel}" as "{name}""#)]
async fn sends_to_sub_channel(
    w: &mut ChimeWorld,
    user: User,
    content: Text,
    channel: ChannelName,
    alias: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let (sub, _) = sub_channel_of(w, &user, &channel).await?;
        let arn = w.channel(&channel)?;
        let content = w.expand(&content)?;
        let body = w
            .call_as(
                &user,
                "SendChannelMessage",
                obj(json!({
                    "ChannelArn": arn, "SubChannelId": sub, "Content": content,
                    "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": token(),
                })),
            )
            .await
            .and_then(|c| {
                if c.response.status >= 300 {
                    bail!("{} failed", c.describe());
                }
                Ok(c.body().cloned().unwrap_or_default())
            })?;
        w.remember(&alias, str_at(&body, "/MessageId")?);
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(
    expr = r#"the members of {user}'s sub-channel of "{channel}" receive a(n) {event_type} for "{name}" with its SubChannelId"#
)]
async fn sub_channel_receives(
    w: &mut ChimeWorld,
    user: User,
    channel: ChannelName,
    t: EventTypeName,
    subject: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let (sub, placed) = sub_channel_of(w, &user, &channel).await?;
        let (inside, _) = connected_by_placement(w, &sub, &placed);
        if inside.is_empty() {
            bail!("no connected user is in {user}'s sub-channel of \"{channel}\", so nothing is checked");
        }
        let wanted = Wanted::new(w, &t, Some(&subject))?;
        for member in inside {
            receives(w, &member, &wanted).await?;
            let found = w
                .sessions
                .last_event
                .as_ref()
                .and_then(|e| e.payload.as_ref())
                .and_then(|p| p.get("SubChannelId"))
                .cloned();
            if found.as_ref().and_then(Value::as_str) != Some(sub.as_str()) {
                bail!(
                    "{member}'s {wanted} carries SubChannelId {}, not {sub}",
                    found.map_or_else(|| "nothing".into(), |v| v.to_string())
                );
            }
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(
    expr = r#"the members of "{channel}" outside {user}'s sub-channel receive nothing about "{name}""#
)]
async fn others_receive_nothing(
    w: &mut ChimeWorld,
    channel: ChannelName,
    user: User,
    subject: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let (sub, placed) = sub_channel_of(w, &user, &channel).await?;
        let (_, outside) = connected_by_placement(w, &sub, &placed);
        if outside.is_empty() {
            return Err(anyhow!(
                "no connected member of \"{channel}\" is outside {user}'s sub-channel ({sub}), so \
                 nothing is checked; the target placed them all together"
            ));
        }
        let value = w.recall(&subject)?.to_owned();
        for member in outside {
            let what = format!("an event about \"{subject}\" from another sub-channel");
            receives_none(w, &member, &what, |e| e.is_about(&value)).await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}
