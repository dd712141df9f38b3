//! One user's view across channels: the channels a user is a member or a moderator of
//! (non-admins only for their own ARN, roles.md).

use super::access::deny;
use super::channels::summary;
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::output::compact;
use super::paging::{page, with_token};
use super::records::Membership;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert(
        "ListChannelMembershipsForAppInstanceUser",
        list_memberships_for_user,
    );
    t.insert(
        "DescribeChannelMembershipForAppInstanceUser",
        describe_membership_for_user,
    );
    t.insert(
        "ListChannelsModeratedByAppInstanceUser",
        list_moderated_by_user,
    );
    t.insert(
        "DescribeChannelModeratedByAppInstanceUser",
        describe_moderated_by_user,
    );
}

/// The user a per-user scope is about: non-admins only for their own ARN (roles.md).
fn scoped_user(cx: &Ctx) -> Result<String, ApiError> {
    let caller = cx.caller()?;
    let user = cx
        .args
        .opt_str("AppInstanceUserArn")
        .map(str::to_owned)
        .unwrap_or_else(|| caller.clone());
    if user != caller && !cx.st.admins.contains_key(&caller) {
        return Err(deny("read another user's channels"));
    }
    Ok(user)
}

fn user_membership_summary(m: &Membership) -> Value {
    compact(json!({
        "Type": m.kind, "ReadMarkerTimestamp": m.read_marker,
        "SubChannelId": m.sub_channels.iter().next(),
    }))
}

fn list_memberships_for_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let user = scoped_user(cx)?;
    let (items, next) = page(&cx.st.channels, &cx.args, "um", |ch| {
        ch.members.contains_key(&user)
    })?;
    let items: Vec<Value> = items
        .into_iter()
        .filter_map(|(_, ch)| {
            let m = ch.members.get(&user)?;
            Some(json!({
                "ChannelSummary": summary(ch),
                "AppInstanceUserMembershipSummary": user_membership_summary(m),
            }))
        })
        .collect();
    Ok(with_token(json!({"ChannelMemberships": items}), next))
}

fn describe_membership_for_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let user = scoped_user(cx)?;
    let arn = cx.args.str("ChannelArn")?;
    let ch = cx.st.channel(arn)?;
    let m = ch
        .members
        .get(&user)
        .ok_or_else(|| ApiError::not_found(format!("{user} is not a member of {arn}")))?;
    Ok(json!({"ChannelMembership": {
        "ChannelSummary": summary(ch),
        "AppInstanceUserMembershipSummary": user_membership_summary(m),
    }}))
}

fn list_moderated_by_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let user = scoped_user(cx)?;
    let (items, next) = page(&cx.st.channels, &cx.args, "um", |ch| {
        ch.moderators.contains_key(&user)
    })?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, ch)| json!({"ChannelSummary": summary(ch)}))
        .collect();
    Ok(with_token(json!({"Channels": items}), next))
}

fn describe_moderated_by_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let user = scoped_user(cx)?;
    let arn = cx.args.str("ChannelArn")?;
    let ch = cx.st.channel(arn)?;
    if !ch.moderators.contains_key(&user) {
        return Err(ApiError::not_found(format!(
            "{user} does not moderate {arn}"
        )));
    }
    Ok(json!({"Channel": {"ChannelSummary": summary(ch)}}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn per_user_views_show_the_users_own_channels() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
        fx.join(&ch, "alice", "bob");
        fx.ok(
            "CreateChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("bob")}),
        );
        let m = fx.ok(
            "ListChannelsModeratedByAppInstanceUser",
            json!({"ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(m["Channels"][0]["ChannelSummary"]["ChannelArn"], ch);
        fx.ok(
            "DescribeChannelModeratedByAppInstanceUser",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
        );
        let d = fx.ok(
            "DescribeChannelMembershipForAppInstanceUser",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(
            d["ChannelMembership"]["AppInstanceUserMembershipSummary"]["Type"],
            "DEFAULT"
        );
        // non-admins only for their own ARN; admins for anyone
        let e = fx.err(
            "ListChannelMembershipsForAppInstanceUser",
            json!({"ChimeBearer": fx.user("carol"), "AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let l = fx.ok(
            "ListChannelMembershipsForAppInstanceUser",
            json!({"ChimeBearer": fx.user("admin"), "AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(l["ChannelMemberships"].as_array().unwrap().len(), 1);
    }
}
