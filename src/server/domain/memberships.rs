//! Channel memberships: adding members one at a time or in a batch, describing, listing and
//! removing them (B-CH-03, B-CH-10 for banned users, B-EL-02 for elastic channels).

use super::access::{Roles, deny, target};
use super::channel_views::membership_detail;
use super::context::{Ctx, Handler};
use super::elastic::{Placement, place_member};
use super::enums::{ChannelMode, ChannelPrivacy, MembershipType};
use super::error::ApiError;
use super::events::EventType;
use super::identities::{identity_of, require_identity};
use super::output::compact;
use super::paging::{page, with_token};
use super::push::{push_batch, push_membership};
use super::records::{AppInstanceState, Channel, Membership, missing_channel};
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

/// Service quota (Chime SDK endpoints and quotas page): memberships per channel.
pub const MAX_MEMBERSHIPS: usize = 10_000;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateChannelMembership", create_membership);
    t.insert("BatchCreateChannelMembership", batch_create_membership);
    t.insert("DescribeChannelMembership", describe_membership);
    t.insert("ListChannelMemberships", list_memberships);
    t.insert("DeleteChannelMembership", delete_membership);
}

pub fn new_membership(arn: &str, kind: MembershipType, invited_by: &str, now: f64) -> Membership {
    Membership {
        arn: arn.to_owned(),
        kind,
        invited_by: invited_by.to_owned(),
        created: now,
        updated: now,
        read_marker: None,
        sub_channels: BTreeSet::new(),
        preferences: None,
    }
}

/// Removes a member from the channel and from every sub-channel it was in.
pub fn remove_membership(ch: &mut Channel, member: &str) {
    if let Some(m) = ch.members.remove(member) {
        for s in &m.sub_channels {
            if let Some(set) = ch.sub_channels.get_mut(s) {
                set.remove(member);
            }
        }
    }
}

/// Adds one member (B-CH-03, B-CH-10, B-EL-02); returns the sub-channel it landed in.
fn add_member(
    st: &mut AppInstanceState,
    arn: &str,
    member: &str,
    kind: MembershipType,
    sub_channel: Option<&str>,
    invited_by: &str,
    now: f64,
) -> Result<Option<String>, ApiError> {
    require_identity(st, member)?;
    let ch = st
        .channels
        .get_mut(arn)
        .ok_or_else(|| missing_channel(arn))?;
    if ch.bans.contains_key(member) {
        return Err(ApiError::forbidden(format!(
            "{member} is banned from this channel"
        )));
    }
    if !ch.members.contains_key(member) && ch.members.len() >= MAX_MEMBERSHIPS {
        return Err(ApiError::resource_limit(format!(
            "a channel holds at most {MAX_MEMBERSHIPS} memberships"
        )));
    }
    let sub = match place_member(ch, member, sub_channel)? {
        Placement::NotElastic => {
            if sub_channel.is_some() {
                return Err(ApiError::bad_request(
                    "SubChannelId applies to elastic channels only",
                ));
            }
            // (assumed) Adding an existing member again succeeds and changes nothing.
            ch.members
                .entry(member.to_owned())
                .or_insert_with(|| new_membership(member, kind, invited_by, now));
            return Ok(None);
        }
        Placement::AlreadyIn(sub) => return Ok(sub),
        Placement::Joins(sub) => sub,
    };
    if let Some(members) = ch.sub_channels.get_mut(&sub) {
        members.insert(member.to_owned());
    }
    ch.members
        .entry(member.to_owned())
        .or_insert_with(|| new_membership(member, kind, invited_by, now))
        .sub_channels
        .insert(sub.clone());
    Ok(Some(sub))
}

/// B-CH-03: managers add anyone; members add others only in UNRESTRICTED channels.
fn may_add(cx: &Ctx, arn: &str, r: Roles) -> Result<(), ApiError> {
    let ch = cx.st.channel(arn)?;
    let unrestricted =
        ch.mode == ChannelMode::Unrestricted || cx.d.fault(Fault::RestrictedModeNotEnforced);
    if r.manager() || (r.member && unrestricted) {
        Ok(())
    } else {
        Err(deny("add members to this channel"))
    }
}

fn create_membership(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    may_add(cx, &arn, r)?;
    let member = cx.args.str("MemberArn")?;
    let kind = cx
        .args
        .opt_enum_member("Type")?
        .unwrap_or(MembershipType::Default);
    let before = membership_places(cx.st, &arn, member);
    let inviter = if cx.d.fault(Fault::InvitedByMember) {
        member.to_owned()
    } else {
        caller
    };
    let sub = add_member(
        cx.st,
        &arn,
        member,
        kind,
        cx.args.opt_str("SubChannelId"),
        &inviter,
        cx.now,
    )?;
    if is_new_place(before.as_ref(), sub.as_deref()) {
        let kind = EventType::CreateChannelMembership;
        push_membership(cx.d, cx.st, &arn, member, sub.as_deref(), kind);
    }
    Ok(compact(json!({
        "ChannelArn": arn, "Member": identity_of(cx.st, member), "SubChannelId": sub,
    })))
}

fn batch_create_membership(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    may_add(cx, &arn, r)?;
    let kind = cx
        .args
        .opt_enum_member("Type")?
        .unwrap_or(MembershipType::Default);
    let sub_in = cx.args.opt_str("SubChannelId");
    let mut added = Vec::new();
    let mut errors = Vec::new();
    let mut sub_out = None;
    let mut new_places = Vec::new();
    for m in cx.args.str_list("MemberArns") {
        let before = membership_places(cx.st, &arn, &m);
        match add_member(cx.st, &arn, &m, kind, sub_in, &caller, cx.now) {
            Ok(sub) => {
                if is_new_place(before.as_ref(), sub.as_deref()) {
                    new_places.push((m.clone(), sub.clone()));
                }
                sub_out = sub_out.or(sub);
                added.push(identity_of(cx.st, &m));
            }
            Err(e) => errors.push(json!({
                "MemberArn": m, "ErrorCode": e.code, "ErrorMessage": e.message,
            })),
        }
    }
    let batch = compact(json!({
        "ChannelArn": arn, "InvitedBy": identity_of(cx.st, &caller), "Type": kind,
        "Members": added, "SubChannelId": sub_out,
    }));
    push_batch(cx.d, cx.st, &arn, &batch, &new_places);
    Ok(compact(
        json!({ "BatchChannelMemberships": batch, "Errors": errors }),
    ))
}

/// The sub-channels `member` is in on channel `arn` (none for a regular channel), if it is a
/// member.
fn membership_places(st: &AppInstanceState, arn: &str, member: &str) -> Option<BTreeSet<String>> {
    st.channels
        .get(arn)
        .and_then(|ch| ch.members.get(member))
        .map(|m| m.sub_channels.clone())
}

/// Whether joining `sub` made a membership that was not there before: events tell of
/// changes only.
fn is_new_place(before: Option<&BTreeSet<String>>, sub: Option<&str>) -> bool {
    match (before, sub) {
        (None, _) => true,
        (Some(places), Some(s)) => !places.contains(s),
        (Some(_), None) => false,
    }
}

fn membership_value(st: &AppInstanceState, arn: &str, m: &Membership, sub: Option<&str>) -> Value {
    json!({ "ChannelMembership": membership_detail(st, arn, m, sub) })
}

/// DescribeChannelMembership and ListChannelMemberships: everyone with a role; non-members
/// on PUBLIC channels only.
fn may_read_members(st: &AppInstanceState, arn: &str, r: Roles) -> Result<(), ApiError> {
    let ch = st.channel(arn)?;
    if r.admin || r.moderator || r.member || ch.privacy == ChannelPrivacy::Public {
        Ok(())
    } else {
        Err(deny("read the members of this PRIVATE channel"))
    }
}

fn describe_membership(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    may_read_members(cx.st, &arn, r)?;
    let member = cx.args.str("MemberArn")?;
    let sub = cx.args.opt_str("SubChannelId");
    let ch = cx.st.channel(&arn)?;
    let m = ch
        .members
        .get(member)
        .filter(|m| sub.is_none_or(|s| m.sub_channels.contains(s)))
        .ok_or_else(|| ApiError::not_found(format!("{member} is not a member of {arn}")))?;
    Ok(membership_value(cx.st, &arn, m, sub))
}

fn list_memberships(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    may_read_members(cx.st, &arn, r)?;
    let ch = cx.st.channel(&arn)?;
    // (documented in the API reference) HIDDEN members are listed only when asked for.
    let kind = cx
        .args
        .opt_enum_member("Type")?
        .unwrap_or(MembershipType::Default);
    let sub = cx.args.opt_str("SubChannelId");
    let (items, next) = page(&ch.members, &cx.args, "me", |m| {
        m.kind == kind && sub.is_none_or(|s| m.sub_channels.contains(s))
    })?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(a, _)| json!({"Member": identity_of(cx.st, a)}))
        .collect();
    Ok(with_token(
        json!({"ChannelArn": arn, "ChannelMemberships": items}),
        next,
    ))
}

fn delete_membership(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let member = cx.args.str("MemberArn")?.to_owned();
    let sub = cx.args.opt_str("SubChannelId");
    let ch = cx.st.channel_mut(&arn)?;
    // (assumed) Members remove themselves, or anyone in an UNRESTRICTED channel.
    let allowed =
        r.manager() || (r.member && (member == caller || ch.mode == ChannelMode::Unrestricted));
    if !allowed {
        return Err(deny("remove members from this channel"));
    }
    let Some(m) = ch.members.get(&member) else {
        return Err(ApiError::not_found(format!(
            "{member} is not a member of {arn}"
        )));
    };
    let elastic = ch.elastic.is_some();
    let moderator = ch.moderators.contains_key(&member);
    if elastic && moderator && sub.is_none() {
        return Err(ApiError::bad_request(
            "a moderator's membership in an elastic channel needs a SubChannelId",
        ));
    }
    if elastic && !moderator && sub.is_some() {
        return Err(ApiError::bad_request(
            "a regular member's SubChannelId is chosen by the service",
        ));
    }
    // Pushed before the removal, so the member removed is told too.
    let place = sub
        .map(str::to_owned)
        .or_else(|| m.sub_channels.first().cloned());
    let kind = EventType::DeleteChannelMembership;
    push_membership(cx.d, cx.st, &arn, &member, place.as_deref(), kind);
    let ch = cx.st.channel_mut(&arn)?;
    let Some(m) = ch.members.get_mut(&member) else {
        return Ok(json!({}));
    };
    if let (true, true, Some(sub)) = (elastic, moderator, sub) {
        m.sub_channels.remove(sub);
        if let Some(s) = ch.sub_channels.get_mut(sub) {
            s.remove(&member);
        }
        if !m.sub_channels.is_empty() {
            return Ok(json!({}));
        }
    }
    remove_membership(ch, &member);
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::MAX_MEMBERSHIPS;
    use crate::server::domain::fixture::{Fx, T0};
    use crate::server::domain::instances::lock;
    use crate::server::domain::records::{Membership, User};
    use crate::server::domain::roster::MAX_MODERATORS;
    use serde_json::json;

    #[test]
    fn b_ch_03_restricted_and_unrestricted_membership() {
        let fx = Fx::new();
        let restricted = fx.channel("alice", json!({"Mode": "RESTRICTED"}));
        fx.join(&restricted, "alice", "bob");
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": restricted, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("carol"), "Type": "DEFAULT"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let open = fx.channel("alice", json!({"Mode": "UNRESTRICTED"}));
        fx.join(&open, "alice", "bob");
        fx.join(&open, "bob", "carol");
        // a non-member can't add anyone
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": open, "ChimeBearer": fx.user("dave"), "MemberArn": fx.user("dave"), "Type": "DEFAULT"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let b = fx.ok(
            "BatchCreateChannelMembership",
            json!({"ChannelArn": restricted, "ChimeBearer": fx.user("alice"),
                   "MemberArns": [fx.user("carol"), fx.user("ghost")]}),
        );
        assert_eq!(
            b["BatchChannelMemberships"]["Members"][0]["Arn"],
            fx.user("carol")
        );
        assert_eq!(b["Errors"][0]["MemberArn"], fx.user("ghost"));
        let l = fx.ok(
            "ListChannelMemberships",
            json!({"ChannelArn": restricted, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(l["ChannelMemberships"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn membership_and_moderator_quotas() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        // Fill the channel directly: going through the API for 10,000 users adds nothing here.
        {
            let shared = fx.d.instance(&fx.inst).unwrap();
            let mut st = lock(&shared);
            let now = T0;
            for i in 0..MAX_MEMBERSHIPS {
                let arn = format!("{}/user/bulk{i}", fx.inst);
                let user = User {
                    arn: arn.clone(),
                    name: arn.clone(),
                    metadata: None,
                    created: now,
                    updated: now,
                    expiration: None,
                    expiry_key: None,
                    endpoints: Default::default(),
                };
                st.users.insert(arn.clone(), user);
            }
            let c = st.channels.get_mut(&ch).unwrap();
            let template = c.members.values().next().unwrap().clone();
            for i in 0..MAX_MEMBERSHIPS - 1 {
                let arn = format!("{}/user/bulk{i}", fx.inst);
                c.members.insert(
                    arn.clone(),
                    Membership {
                        arn,
                        ..template.clone()
                    },
                );
                if c.moderators.len() < MAX_MODERATORS {
                    let rec = c.moderators.values().next().unwrap().clone();
                    c.moderators
                        .insert(format!("{}/user/bulk{i}", fx.inst), rec);
                }
            }
        }
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"), "Type": "DEFAULT"}),
        );
        assert_eq!(e.shape, "ResourceLimitExceededException");
        let e = fx.err(
            "CreateChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"),
                   "ChannelModeratorArn": format!("{}/user/bulk{}", fx.inst, MAX_MODERATORS + 5)}),
        );
        assert_eq!(e.shape, "ResourceLimitExceededException");
    }
}
