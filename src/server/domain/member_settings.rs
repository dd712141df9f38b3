//! A member's own settings on a channel: its read marker and its notification preferences.

use super::access::{deny, target};
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::identities::identity_of;
use super::output::compact;
use super::records::Membership;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("UpdateChannelReadMarker", update_read_marker);
    t.insert("PutChannelMembershipPreferences", put_preferences);
    t.insert("GetChannelMembershipPreferences", get_preferences);
}

fn update_read_marker(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, _) = target(cx)?;
    let now = cx.now;
    let ch = cx.st.channel_mut(&arn)?;
    if ch.elastic.is_some() {
        return Err(ApiError::bad_request(
            "read markers are not kept for elastic channels",
        ));
    }
    let m = ch
        .members
        .get_mut(&caller)
        .ok_or_else(|| deny("set a read marker without a membership"))?;
    m.read_marker = Some(now);
    Ok(json!({ "ChannelArn": arn }))
}

/// (assumed) Only the member itself reads and sets its preferences.
fn own_membership<'s>(cx: &'s mut Ctx) -> Result<(String, &'s mut Membership), ApiError> {
    let (arn, caller, _) = target(cx)?;
    let member = cx.args.str("MemberArn")?;
    if member != caller {
        return Err(deny("read or change another member's preferences"));
    }
    let ch = cx.st.channel_mut(&arn)?;
    let m = ch
        .members
        .get_mut(member)
        .ok_or_else(|| deny("keep preferences without a membership"))?;
    Ok((arn, m))
}

fn put_preferences(cx: &mut Ctx) -> Result<Value, ApiError> {
    let prefs = cx.args.value("Preferences")?.clone();
    let (arn, m) = own_membership(cx)?;
    m.preferences = Some(prefs.clone());
    let member = m.arn.clone();
    Ok(json!({"ChannelArn": arn, "Member": identity_of(cx.st, &member), "Preferences": prefs}))
}

fn get_preferences(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, m) = own_membership(cx)?;
    let prefs = m.preferences.clone();
    let member = m.arn.clone();
    Ok(compact(json!({
        "ChannelArn": arn, "Member": identity_of(cx.st, &member), "Preferences": prefs,
    })))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0};
    use serde_json::json;

    #[test]
    fn read_markers_and_preferences() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        fx.ok(
            "UpdateChannelReadMarker",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        );
        let d = fx.ok(
            "DescribeChannelMembershipForAppInstanceUser",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(
            d["ChannelMembership"]["AppInstanceUserMembershipSummary"]["ReadMarkerTimestamp"],
            T0
        );
        let prefs = json!({"PushNotifications": {"AllowNotifications": "NONE"}});
        fx.ok(
            "PutChannelMembershipPreferences",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob"), "Preferences": prefs}),
        );
        let g = fx.ok(
            "GetChannelMembershipPreferences",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob")}),
        );
        assert_eq!(g["Preferences"], prefs);
        let e = fx.err(
            "GetChannelMembershipPreferences",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
    }
}
