//! A channel's moderators and bans: two rosters of users, each entry with who added it and
//! when (B-CH-10 for bans).

use super::access::{deny, manager_target, target};
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::events::EventType;
use super::identities::{identity_of, require_identity};
use super::memberships::remove_membership;
use super::paging::{encode_token, page, with_token};
use super::push::push_membership;
use super::records::{Channel, Record};
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Service quota (Chime SDK endpoints and quotas page): moderators per channel.
pub const MAX_MODERATORS: usize = 1_000;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
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
    let rec = (r.entries)(cx.st.channel(&arn)?)
        .get(user)
        .ok_or_else(|| ApiError::not_found(format!("{user} {} {arn}", r.absent)))?;
    Ok(json!({r.one: {
        "ChannelArn": arn, r.user_output: identity_of(cx.st, user),
        "CreatedBy": identity_of(cx.st, &rec.created_by), "CreatedTimestamp": rec.created,
    }}))
}

fn list_entries(cx: &mut Ctx, r: &Roster) -> Result<Value, ApiError> {
    let arn = manager_target(cx, &format!("list this channel's {}", r.noun))?;
    let ch = cx.st.channel(&arn)?;
    let (items, mut next) = page((r.entries)(ch), &cx.args, r.token_prefix, |_| true)?;
    if r.one == BANS.one && next.is_some() && cx.d.fault(Fault::BanPagesRepeat) {
        next = items.last().map(|(k, _)| encode_token(r.token_prefix, k));
    }
    let items: Vec<Value> = items
        .into_iter()
        .map(|(a, _)| json!({r.user_output: identity_of(cx.st, a)}))
        .collect();
    Ok(with_token(json!({"ChannelArn": arn, r.many: items}), next))
}

fn delete_entry(cx: &mut Ctx, r: &Roster) -> Result<Value, ApiError> {
    let arn = manager_target(cx, &format!("change this channel's {}", r.noun))?;
    let user = cx.args.str(r.user_input)?;
    let ch = cx.st.channel_mut(&arn)?;
    (r.entries_mut)(ch)
        .remove(user)
        .ok_or_else(|| ApiError::not_found(format!("{user} {} {arn}", r.absent)))?;
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
    let ch = cx.st.channel_mut(&arn)?;
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

fn create_ban(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = manager_target(cx, "ban members of this channel")?;
    let caller = cx.caller()?;
    let m = cx.args.str("MemberArn")?.to_owned();
    require_identity(cx.st, &m)?;
    let admin = cx.st.admins.contains_key(&m);
    let now = cx.now;
    let ch = cx.st.channel_mut(&arn)?;
    // B-CH-10: an AppInstanceAdmin or a moderator of the channel can't be banned.
    if (admin || ch.moderators.contains_key(&m)) && !cx.d.fault(Fault::ModeratorBannable) {
        return Err(ApiError::bad_request(format!(
            "{m} is an AppInstanceAdmin or a moderator of the channel and can't be banned"
        )));
    }
    if ch.bans.contains_key(&m) {
        return Err(ApiError::conflict(format!("{m} is already banned")));
    }
    let created_by = if cx.d.fault(Fault::BanCreatedByBanned) {
        m.clone()
    } else {
        caller
    };
    ch.bans.insert(
        m.clone(),
        Record {
            created_by,
            created: now,
        },
    );
    // B-CH-10: the ban removes the membership. (assumed) The members are told as for a
    // DeleteChannelMembership, the banned member too.
    if !cx.d.fault(Fault::BanKeepsMembership) {
        let kind = EventType::DeleteChannelMembership;
        push_membership(cx.d, cx.st, &arn, &m, None, kind);
        remove_membership(cx.st.channel_mut(&arn)?, &m);
    }
    Ok(json!({"ChannelArn": arn, "Member": identity_of(cx.st, &m)}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn b_ch_10_bans() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        let ban =
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")});
        fx.ok("CreateChannelBan", ban.clone());
        let e = fx.err(
            "DescribeChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob")}),
        );
        assert_eq!(e.shape, "NotFoundException");
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"), "Type": "DEFAULT"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let l = fx.ok(
            "ListChannelBans",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(l["ChannelBans"][0]["Member"]["Arn"], fx.user("bob"));
        fx.ok("DeleteChannelBan", ban);
        fx.join(&ch, "alice", "bob");
        // moderators and admins can't be banned
        for who in ["alice", "admin"] {
            let e = fx.err(
                "CreateChannelBan",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user(who)}),
            );
            assert_eq!(e.shape, "BadRequestException", "{who}");
        }
    }

    #[test]
    fn moderators_are_added_listed_and_removed() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
        fx.join(&ch, "alice", "bob");
        fx.ok(
            "CreateChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("bob")}),
        );
        let l = fx.ok(
            "ListChannelModerators",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(l["ChannelModerators"].as_array().unwrap().len(), 2);
        fx.ok(
            "DeleteChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("bob")}),
        );
        let e = fx.err(
            "ListChannelModerators",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
    }
}
