//! Channels, memberships, moderators, bans, elastic sub-channels, expiration, per-user scopes.

use super::identity::{identity_of, require_identity};
use super::state::{
    AppInstanceState, Channel, Elastic, Membership, Record, compact, ms, new_id, page, read_tags,
    with_token,
};
use super::{ApiError, Ctx, Handler};
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(super) fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateChannel", create_channel);
    t.insert("DescribeChannel", describe_channel);
    t.insert("UpdateChannel", update_channel);
    t.insert("DeleteChannel", delete_channel);
    t.insert("ListChannels", list_channels);
    t.insert("SearchChannels", search_channels);
    t.insert("CreateChannelMembership", create_membership);
    t.insert("BatchCreateChannelMembership", batch_create_membership);
    t.insert("DescribeChannelMembership", describe_membership);
    t.insert("ListChannelMemberships", list_memberships);
    t.insert("DeleteChannelMembership", delete_membership);
    t.insert("CreateChannelModerator", create_moderator);
    t.insert("DescribeChannelModerator", |cx| {
        describe_entry(cx, &MODERATORS)
    });
    t.insert("ListChannelModerators", |cx| list_entries(cx, &MODERATORS));
    t.insert("DeleteChannelModerator", |cx| delete_entry(cx, &MODERATORS));
    t.insert("CreateChannelBan", create_ban);
    t.insert("DescribeChannelBan", |cx| describe_entry(cx, &BANS));
    t.insert("ListChannelBans", |cx| list_entries(cx, &BANS));
    t.insert("DeleteChannelBan", |cx| delete_entry(cx, &BANS));
    t.insert("ListSubChannels", list_sub_channels);
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
    t.insert("PutChannelExpirationSettings", put_expiration);
    t.insert("UpdateChannelReadMarker", update_read_marker);
    t.insert("PutChannelMembershipPreferences", put_preferences);
    t.insert("GetChannelMembershipPreferences", get_preferences);
}

/// Service quotas (Chime SDK endpoints and quotas page): memberships and moderators per channel.
pub const MAX_MEMBERSHIPS: usize = 10_000;
pub const MAX_MODERATORS: usize = 1_000;

/// The caller's roles on one channel; roles add up (roles.md).
#[derive(Debug, Clone, Copy)]
pub(super) struct Roles {
    pub admin: bool,
    pub moderator: bool,
    pub member: bool,
}

impl Roles {
    pub fn manager(self) -> bool {
        self.admin || self.moderator
    }
}

pub(super) fn roles(st: &AppInstanceState, ch: &Channel, caller: &str) -> Roles {
    Roles {
        admin: st.admins.contains_key(caller),
        moderator: ch.moderators.contains_key(caller),
        member: ch.members.contains_key(caller),
    }
}

pub(super) fn deny(what: &str) -> ApiError {
    ApiError::forbidden(format!("the caller is not allowed to {what}"))
}

/// B-CH-09: a channel that does not exist (or no longer exists).
pub(super) fn missing_channel(arn: &str) -> ApiError {
    ApiError::not_found(format!("channel {arn} does not exist"))
}

pub(super) fn channel_mut<'s>(
    st: &'s mut AppInstanceState,
    arn: &str,
) -> Result<&'s mut Channel, ApiError> {
    st.channels.get_mut(arn).ok_or_else(|| missing_channel(arn))
}

pub(super) fn channel<'s>(st: &'s AppInstanceState, arn: &str) -> Result<&'s Channel, ApiError> {
    st.channels.get(arn).ok_or_else(|| missing_channel(arn))
}

/// The channel named by `ChannelArn` and the caller's roles on it.
pub(super) fn target(cx: &Ctx) -> Result<(String, String, Roles), ApiError> {
    let caller = cx.caller()?;
    let arn = cx.args.str("ChannelArn")?.to_owned();
    let ch = channel(cx.st, &arn)?;
    let mut r = roles(cx.st, ch, &caller);
    if cx.d.fault(Fault::MemberActsAsModerator) && r.member {
        r.moderator = true;
    }
    Ok((arn, caller, r))
}

pub(super) fn summary(ch: &Channel) -> Value {
    compact(json!({
        "ChannelArn": ch.arn, "Name": ch.name, "Metadata": ch.metadata, "Mode": ch.mode,
        "Privacy": ch.privacy, "LastMessageTimestamp": ch.last_message,
    }))
}

fn new_membership(arn: &str, kind: &str, invited_by: &str, now: f64) -> Membership {
    Membership {
        arn: arn.to_owned(),
        kind: kind.to_owned(),
        invited_by: invited_by.to_owned(),
        created: now,
        updated: now,
        read_marker: None,
        sub_channels: BTreeSet::new(),
        preferences: None,
    }
}

/// Deletes a channel and everything in it; memberships become inaccessible at once (B-CH-07).
pub(super) fn remove_channel(st: &mut AppInstanceState, arn: &str) {
    if let Some(ch) = st.channels.remove(arn) {
        if let Some(k) = ch.expiry_key {
            st.expiry.remove(&(k, arn.to_owned()));
        }
        if let Some(f) = ch.flow.as_ref().and_then(|f| st.flows.get_mut(f)) {
            f.channels.remove(arn);
        }
        st.tags.remove(arn);
    }
}

/// Recomputes a channel's place in the expiry index from its settings (B-EXP-01/03/05).
pub(super) fn set_expiry(st: &mut AppInstanceState, arn: &str) {
    let Some(ch) = st.channels.get_mut(arn) else {
        return;
    };
    if let Some(k) = ch.expiry_key.take() {
        st.expiry.remove(&(k, arn.to_owned()));
    }
    let Some(exp) = ch.expiration.as_ref().or(ch.removed_expiration.as_ref()) else {
        return;
    };
    let days = exp
        .get("ExpirationDays")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let base = match exp.get("ExpirationCriterion").and_then(Value::as_str) {
        Some("LAST_MESSAGE_TIMESTAMP") if !st.faults.has(Fault::LastMessageIgnored) => {
            ch.last_message.unwrap_or(ch.created)
        }
        _ => ch.created,
    };
    let day = if st.faults.has(Fault::ExpirationDaysAsHours) {
        3_600.0
    } else {
        86_400.0
    };
    let key = ms(base + days * day);
    ch.expiry_key = Some(key);
    st.expiry.insert((key, arn.to_owned()));
}

fn read_elastic(v: &Value) -> Result<Elastic, ApiError> {
    let num = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (max, target, min) = (
        num("MaximumSubChannels"),
        num("TargetMembershipsPerSubChannel"),
        num("MinimumMembershipPercentage"),
    );
    if max < 2 || target < 2 || !(1..=40).contains(&min) {
        return Err(ApiError::bad_request(
            "ElasticChannelConfiguration needs MaximumSubChannels >= 2, \
             TargetMembershipsPerSubChannel >= 2 and MinimumMembershipPercentage 1..40",
        ));
    }
    Ok(Elastic {
        config: v.clone(),
        maximum: max as usize,
        target: target as usize,
    })
}

fn create_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let caller = cx.caller()?;
    let a = &cx.args;
    if a.str("AppInstanceArn")? != cx.st.arn {
        return Err(ApiError::bad_request(
            "AppInstanceArn does not match the bearer",
        ));
    }
    let id = a
        .opt_str("ChannelId")
        .map(str::to_owned)
        .unwrap_or_else(new_id);
    let arn = format!("{}/channel/{id}", cx.st.arn);
    if cx.st.channels.contains_key(&arn) {
        return Err(ApiError::conflict(format!("channel {arn} already exists")));
    }
    let elastic = a
        .opt_value("ElasticChannelConfiguration")
        .map(read_elastic)
        .transpose()?;
    let mode = match (a.opt_str("Mode"), &elastic) {
        // B-EL-01: an elastic channel can't be UNRESTRICTED.
        (Some("UNRESTRICTED"), Some(_)) if !cx.d.fault(Fault::ElasticUnrestricted) => {
            return Err(ApiError::bad_request(
                "an elastic channel can't be UNRESTRICTED",
            ));
        }
        (Some(m), _) => m,
        // (assumed) Elastic channels default to RESTRICTED, others to UNRESTRICTED.
        (None, Some(_)) => "RESTRICTED",
        (None, None) => "UNRESTRICTED",
    };
    let members = a.str_list("MemberArns");
    let moderators = a.str_list("ModeratorArns");
    if elastic.is_some() && !members.is_empty() {
        return Err(ApiError::bad_request(
            "an elastic channel takes no MemberArns at creation",
        ));
    }
    for m in members.iter().chain(&moderators) {
        require_identity(cx.st, m)?;
    }
    let tags = read_tags(a.opt_value("Tags"))?;
    let now = cx.now;
    let mut ch = Channel {
        arn: arn.clone(),
        name: a.str("Name")?.to_owned(),
        mode: mode.to_owned(),
        privacy: a.opt_str("Privacy").unwrap_or("PUBLIC").to_owned(),
        metadata: a.opt_str("Metadata").map(str::to_owned),
        created_by: caller.clone(),
        created: now,
        updated: now,
        last_message: None,
        flow: None,
        elastic: None,
        expiration: a.opt_value("ExpirationSettings").cloned(),
        expiry_key: None,
        removed_expiration: None,
        members: BTreeMap::new(),
        moderators: BTreeMap::new(),
        bans: BTreeMap::new(),
        sub_channels: BTreeMap::new(),
        messages: Default::default(),
        message_index: Default::default(),
        writes: Default::default(),
        flow_events: Vec::new(),
    };
    let record = Record {
        created_by: caller.clone(),
        created: now,
    };
    ch.moderators.insert(caller.clone(), record.clone());
    for m in &moderators {
        ch.moderators.insert(m.clone(), record.clone());
    }
    if elastic.is_some() && cx.d.fault(Fault::ElasticCreatorMember) {
        ch.members.insert(
            caller.clone(),
            new_membership(&caller, "DEFAULT", &caller, now),
        );
    }
    if elastic.is_some() {
        // (assumed) An elastic channel starts with one empty sub-channel so that moderators
        // can join one before any member arrives.
        ch.sub_channels.insert(new_id(), BTreeSet::new());
    } else {
        // B-CH-05: the creator is a member and a moderator. (assumed) Moderators named at
        // creation are members too.
        let creator = Some(&caller).filter(|_| !cx.d.fault(Fault::CreatorNotMember));
        for m in creator.into_iter().chain(&members).chain(&moderators) {
            ch.members
                .entry(m.clone())
                .or_insert_with(|| new_membership(m, "DEFAULT", &caller, now));
        }
    }
    ch.elastic = elastic;
    cx.st.channels.insert(arn.clone(), ch);
    set_expiry(cx.st, &arn);
    if !tags.is_empty() {
        cx.st.tags.insert(arn.clone(), tags);
    }
    Ok(json!({ "ChannelArn": arn }))
}

fn describe_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    let ch = channel(cx.st, &arn)?;
    // roles.md note (1), assumed: members and moderators see their channel, others PUBLIC only.
    if !(r.admin || r.moderator || r.member || ch.privacy == "PUBLIC") {
        return Err(deny("describe this PRIVATE channel"));
    }
    let metadata = ch
        .metadata
        .as_ref()
        .filter(|_| !cx.d.fault(Fault::DescribeOmitsMetadata));
    Ok(compact(json!({"Channel": {
        "ChannelArn": ch.arn, "Name": ch.name, "Metadata": metadata, "Mode": ch.mode,
        "Privacy": ch.privacy, "CreatedBy": identity_of(cx.st, &ch.created_by),
        "CreatedTimestamp": ch.created, "LastUpdatedTimestamp": ch.updated,
        "LastMessageTimestamp": ch.last_message, "ChannelFlowArn": ch.flow,
        "ElasticChannelConfiguration": ch.elastic.as_ref().map(|e| e.config.clone()),
        "ExpirationSettings": ch.expiration,
    }})))
}

fn update_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("update this channel"));
    }
    let (name, mode, metadata) = (
        cx.args.opt_str("Name"),
        cx.args.opt_str("Mode"),
        cx.args.opt_str("Metadata"),
    );
    let now = cx.now;
    let ch = channel_mut(cx.st, &arn)?;
    if ch.elastic.is_some() && mode == Some("UNRESTRICTED") {
        return Err(ApiError::bad_request(
            "an elastic channel can't be UNRESTRICTED",
        ));
    }
    if let Some(n) = name {
        ch.name = n.to_owned();
    }
    if let Some(m) = mode {
        ch.mode = m.to_owned();
    }
    if let Some(m) = metadata {
        ch.metadata = Some(m.to_owned());
    }
    ch.updated = now;
    Ok(json!({ "ChannelArn": arn }))
}

fn delete_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("delete this channel"));
    }
    if cx.d.fault(Fault::DeletedChannelLingers) {
        return Ok(json!({}));
    }
    remove_channel(cx.st, &arn);
    Ok(json!({}))
}

fn list_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let caller = cx.caller()?;
    let admin = cx.st.admins.contains_key(&caller);
    let privacy = cx.args.opt_str("Privacy");
    // roles.md: non-admins see PUBLIC channels; PRIVATE listing is admin-only.
    if privacy == Some("PRIVATE") && !admin {
        return Err(deny("list PRIVATE channels"));
    }
    let (items, next) = page(&cx.st.channels, &cx.args, "ch", |ch| match privacy {
        Some(p) => ch.privacy == p,
        // (assumed) Without a filter an admin sees every channel, others the PUBLIC ones.
        None => admin || ch.privacy == "PUBLIC",
    })?;
    let items: Vec<Value> = items.into_iter().map(|(_, ch)| summary(ch)).collect();
    Ok(with_token(json!({ "Channels": items }), next))
}

fn search_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let caller = cx.caller()?;
    let admin = cx.st.admins.contains_key(&caller);
    let mut fields = Vec::new();
    if let Some(Value::Array(items)) = cx.args.opt_value("Fields") {
        for f in items {
            let op = f
                .get("Operator")
                .and_then(Value::as_str)
                .unwrap_or("EQUALS");
            let values: BTreeSet<String> = f
                .get("Values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            fields.push((op == "INCLUDES", values));
        }
    }
    // Non-admins search the channels they belong to; admins search all of them.
    let (items, next) = page(&cx.st.channels, &cx.args, "se", |ch| {
        (admin || ch.members.contains_key(&caller))
            && fields.iter().all(|(includes, values)| {
                if *includes {
                    values.iter().all(|v| ch.members.contains_key(v))
                } else {
                    values.len() == ch.members.len()
                        && values.iter().all(|v| ch.members.contains_key(v))
                }
            })
    })?;
    let items: Vec<Value> = items.into_iter().map(|(_, ch)| summary(ch)).collect();
    Ok(with_token(json!({ "Channels": items }), next))
}

/// Adds one member (B-CH-03, B-CH-10, B-EL-02); returns the sub-channel it landed in.
fn add_member(
    st: &mut AppInstanceState,
    arn: &str,
    member: &str,
    kind: &str,
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
    let Some(el) = &ch.elastic else {
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
    };
    let sub = if ch.moderators.contains_key(member) {
        // B-EL-02: a moderator's membership names its sub-channel.
        let sub = sub_channel.ok_or_else(|| {
            ApiError::bad_request(
                "a moderator's membership in an elastic channel needs a SubChannelId",
            )
        })?;
        if !ch.sub_channels.contains_key(sub) {
            return Err(ApiError::not_found(format!(
                "sub-channel {sub} does not exist"
            )));
        }
        sub.to_owned()
    } else {
        if sub_channel.is_some() {
            return Err(ApiError::bad_request(
                "a regular member's SubChannelId is chosen by the service",
            ));
        }
        if let Some(m) = ch.members.get(member) {
            return Ok(m.sub_channels.iter().next().cloned());
        }
        // The least-filled sub-channel below target; a new one while under the maximum;
        // (assumed) else the least-filled one even above target.
        let least = ch
            .sub_channels
            .iter()
            .min_by_key(|(_, m)| m.len())
            .map(|(id, m)| (id.clone(), m.len()));
        match least {
            Some((id, n)) if n < el.target => id,
            _ if ch.sub_channels.len() < el.maximum => {
                let id = new_id();
                ch.sub_channels.insert(id.clone(), BTreeSet::new());
                id
            }
            Some((id, _)) => id,
            None => {
                return Err(ApiError::resource_limit(
                    "the channel has no room for members",
                ));
            }
        }
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
    let ch = channel(cx.st, arn)?;
    let unrestricted = ch.mode == "UNRESTRICTED" || cx.d.fault(Fault::RestrictedModeNotEnforced);
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
    let kind = cx.args.opt_str("Type").unwrap_or("DEFAULT");
    let sub = add_member(
        cx.st,
        &arn,
        member,
        kind,
        cx.args.opt_str("SubChannelId"),
        &caller,
        cx.now,
    )?;
    Ok(compact(json!({
        "ChannelArn": arn, "Member": identity_of(cx.st, member), "SubChannelId": sub,
    })))
}

fn batch_create_membership(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    may_add(cx, &arn, r)?;
    let kind = cx.args.opt_str("Type").unwrap_or("DEFAULT").to_owned();
    let sub_in = cx.args.opt_str("SubChannelId");
    let mut added = Vec::new();
    let mut errors = Vec::new();
    let mut sub_out = None;
    for m in cx.args.str_list("MemberArns") {
        match add_member(cx.st, &arn, &m, &kind, sub_in, &caller, cx.now) {
            Ok(sub) => {
                sub_out = sub_out.or(sub);
                added.push(identity_of(cx.st, &m));
            }
            Err(e) => errors.push(json!({
                "MemberArn": m, "ErrorCode": e.code, "ErrorMessage": e.message,
            })),
        }
    }
    Ok(compact(json!({
        "BatchChannelMemberships": {
            "ChannelArn": arn, "InvitedBy": identity_of(cx.st, &caller), "Type": kind,
            "Members": added, "SubChannelId": sub_out,
        },
        "Errors": errors,
    })))
}

fn membership_value(st: &AppInstanceState, arn: &str, m: &Membership, sub: Option<&str>) -> Value {
    compact(json!({"ChannelMembership": {
        "ChannelArn": arn, "Member": identity_of(st, &m.arn), "Type": m.kind,
        "InvitedBy": identity_of(st, &m.invited_by), "CreatedTimestamp": m.created,
        "LastUpdatedTimestamp": m.updated,
        "SubChannelId": sub.map(str::to_owned).or_else(|| m.sub_channels.iter().next().cloned()),
    }}))
}

/// DescribeChannelMembership and ListChannelMemberships: everyone with a role; non-members
/// on PUBLIC channels only.
fn may_read_members(st: &AppInstanceState, arn: &str, r: Roles) -> Result<(), ApiError> {
    let ch = channel(st, arn)?;
    if r.admin || r.moderator || r.member || ch.privacy == "PUBLIC" {
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
    let ch = channel(cx.st, &arn)?;
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
    let ch = channel(cx.st, &arn)?;
    // (documented in the API reference) HIDDEN members are listed only when asked for.
    let kind = cx.args.opt_str("Type").unwrap_or("DEFAULT");
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
    let ch = channel_mut(cx.st, &arn)?;
    // (assumed) Members remove themselves, or anyone in an UNRESTRICTED channel.
    let allowed = r.manager() || (r.member && (member == caller || ch.mode == "UNRESTRICTED"));
    if !allowed {
        return Err(deny("remove members from this channel"));
    }
    let Some(m) = ch.members.get_mut(&member) else {
        return Err(ApiError::not_found(format!(
            "{member} is not a member of {arn}"
        )));
    };
    if ch.elastic.is_some() {
        if ch.moderators.contains_key(&member) {
            let sub = sub.ok_or_else(|| {
                ApiError::bad_request(
                    "a moderator's membership in an elastic channel needs a SubChannelId",
                )
            })?;
            m.sub_channels.remove(sub);
            if let Some(s) = ch.sub_channels.get_mut(sub) {
                s.remove(&member);
            }
            if !m.sub_channels.is_empty() {
                return Ok(json!({}));
            }
        } else if sub.is_some() {
            return Err(ApiError::bad_request(
                "a regular member's SubChannelId is chosen by the service",
            ));
        }
    }
    if let Some(m) = ch.members.remove(&member) {
        for s in &m.sub_channels {
            if let Some(set) = ch.sub_channels.get_mut(s) {
                set.remove(&member);
            }
        }
    }
    Ok(json!({}))
}

fn create_moderator(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("add moderators to this channel"));
    }
    let m = cx.args.str("ChannelModeratorArn")?.to_owned();
    require_identity(cx.st, &m)?;
    let now = cx.now;
    let ch = channel_mut(cx.st, &arn)?;
    // roles.md: a moderator needs a membership first (elastic moderators are not members).
    if ch.elastic.is_none() && !ch.members.contains_key(&m) {
        return Err(ApiError::bad_request(format!(
            "{m} must be a member of the channel before becoming a moderator"
        )));
    }
    if !ch.moderators.contains_key(&m) && ch.moderators.len() >= MAX_MODERATORS {
        return Err(ApiError::resource_limit(format!(
            "a channel holds at most {MAX_MODERATORS} moderators"
        )));
    }
    ch.moderators.entry(m.clone()).or_insert(Record {
        created_by: caller,
        created: now,
    });
    Ok(json!({"ChannelArn": arn, "ChannelModerator": identity_of(cx.st, &m)}))
}

fn manager_target(cx: &Ctx, what: &str) -> Result<String, ApiError> {
    let (arn, _, r) = target(cx)?;
    if r.manager() {
        Ok(arn)
    } else {
        Err(deny(what))
    }
}

/// Moderators and bans are both per-channel rosters of users, each entry with who added it and
/// when; their Describe, List and Delete operations differ only in names.
struct Roster {
    /// The input member naming the user.
    user_input: &'static str,
    /// The output member naming the user, and the wrappers of one entry and of a list.
    user_output: &'static str,
    one: &'static str,
    many: &'static str,
    token_prefix: &'static str,
    noun: &'static str,
    /// How a missing entry is said: "{user} {absent} {channel}".
    absent: &'static str,
    entries: fn(&Channel) -> &BTreeMap<String, Record>,
    entries_mut: fn(&mut Channel) -> &mut BTreeMap<String, Record>,
}

const MODERATORS: Roster = Roster {
    user_input: "ChannelModeratorArn",
    user_output: "Moderator",
    one: "ChannelModerator",
    many: "ChannelModerators",
    token_prefix: "mo",
    noun: "moderators",
    absent: "is not a moderator of",
    entries: |ch| &ch.moderators,
    entries_mut: |ch| &mut ch.moderators,
};

const BANS: Roster = Roster {
    user_input: "MemberArn",
    user_output: "Member",
    one: "ChannelBan",
    many: "ChannelBans",
    token_prefix: "ba",
    noun: "bans",
    absent: "is not banned from",
    entries: |ch| &ch.bans,
    entries_mut: |ch| &mut ch.bans,
};

fn describe_entry(cx: &mut Ctx, r: &Roster) -> Result<Value, ApiError> {
    let arn = manager_target(cx, &format!("read this channel's {}", r.noun))?;
    let user = cx.args.str(r.user_input)?;
    let rec = (r.entries)(channel(cx.st, &arn)?)
        .get(user)
        .ok_or_else(|| ApiError::not_found(format!("{user} {} {arn}", r.absent)))?;
    Ok(json!({r.one: {
        "ChannelArn": arn, r.user_output: identity_of(cx.st, user),
        "CreatedBy": identity_of(cx.st, &rec.created_by), "CreatedTimestamp": rec.created,
    }}))
}

fn list_entries(cx: &mut Ctx, r: &Roster) -> Result<Value, ApiError> {
    let arn = manager_target(cx, &format!("list this channel's {}", r.noun))?;
    let ch = channel(cx.st, &arn)?;
    let (items, next) = page((r.entries)(ch), &cx.args, r.token_prefix, |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(a, _)| json!({r.user_output: identity_of(cx.st, a)}))
        .collect();
    Ok(with_token(json!({"ChannelArn": arn, r.many: items}), next))
}

fn delete_entry(cx: &mut Ctx, r: &Roster) -> Result<Value, ApiError> {
    let arn = manager_target(cx, &format!("change this channel's {}", r.noun))?;
    let user = cx.args.str(r.user_input)?;
    let ch = channel_mut(cx.st, &arn)?;
    (r.entries_mut)(ch)
        .remove(user)
        .ok_or_else(|| ApiError::not_found(format!("{user} {} {arn}", r.absent)))?;
    Ok(json!({}))
}

fn create_ban(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = manager_target(cx, "ban members of this channel")?;
    let caller = cx.caller()?;
    let m = cx.args.str("MemberArn")?.to_owned();
    require_identity(cx.st, &m)?;
    let admin = cx.st.admins.contains_key(&m);
    let now = cx.now;
    let ch = channel_mut(cx.st, &arn)?;
    // B-CH-10: an AppInstanceAdmin or a moderator of the channel can't be banned.
    if (admin || ch.moderators.contains_key(&m)) && !cx.d.fault(Fault::ModeratorBannable) {
        return Err(ApiError::bad_request(format!(
            "{m} is an AppInstanceAdmin or a moderator of the channel and can't be banned"
        )));
    }
    if ch.bans.contains_key(&m) {
        return Err(ApiError::conflict(format!("{m} is already banned")));
    }
    ch.bans.insert(
        m.clone(),
        Record {
            created_by: caller,
            created: now,
        },
    );
    // B-CH-10: the ban removes the membership.
    let keep = cx.d.fault(Fault::BanKeepsMembership);
    if !keep && let Some(mem) = ch.members.remove(&m) {
        for s in &mem.sub_channels {
            if let Some(set) = ch.sub_channels.get_mut(s) {
                set.remove(&m);
            }
        }
    }
    Ok(json!({"ChannelArn": arn, "Member": identity_of(cx.st, &m)}))
}

fn list_sub_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = manager_target(cx, "list this channel's sub-channels")?;
    let ch = channel(cx.st, &arn)?;
    if ch.elastic.is_none() {
        return Err(ApiError::bad_request(format!(
            "{arn} is not an elastic channel"
        )));
    }
    let (items, next) = page(&ch.sub_channels, &cx.args, "sc", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(id, m)| json!({"SubChannelId": id, "MembershipCount": m.len()}))
        .collect();
    Ok(with_token(
        json!({"ChannelArn": arn, "SubChannels": items}),
        next,
    ))
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
    let ch = channel(cx.st, arn)?;
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
    let ch = channel(cx.st, arn)?;
    if !ch.moderators.contains_key(&user) {
        return Err(ApiError::not_found(format!(
            "{user} does not moderate {arn}"
        )));
    }
    Ok(json!({"Channel": {"ChannelSummary": summary(ch)}}))
}

fn put_expiration(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    // (assumed) Expiration is managed by moderators and admins, like UpdateChannel.
    if !r.manager() {
        return Err(deny("change this channel's expiration"));
    }
    let settings = cx.args.opt_value("ExpirationSettings").cloned();
    let now = cx.now;
    let ch = channel_mut(cx.st, &arn)?;
    // B-EXP-04: no settings removes them. B-EXP-03: new settings are honoured even when the
    // channel already expired and was not yet deleted.
    let had = ch.expiration.take();
    if settings.is_none() && cx.d.fault(Fault::RemovedExpirationApplied) {
        ch.removed_expiration = had;
    } else {
        ch.removed_expiration = None;
    }
    ch.expiration = settings.clone();
    ch.updated = now;
    let stale = ch.expiry_key.is_some() && settings.is_some();
    if !(stale && cx.d.fault(Fault::ExpirationUpdateIgnored)) {
        set_expiry(cx.st, &arn);
    }
    let echoed = settings.filter(|_| !cx.d.fault(Fault::ExpirationNotEchoed));
    Ok(compact(
        json!({"ChannelArn": arn, "ExpirationSettings": echoed}),
    ))
}

fn update_read_marker(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, _) = target(cx)?;
    let now = cx.now;
    let ch = channel_mut(cx.st, &arn)?;
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
    let ch = channel_mut(cx.st, &arn)?;
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
