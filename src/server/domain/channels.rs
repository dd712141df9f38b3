//! Channels: creating, describing, updating, deleting, listing and searching them, and who may
//! see a PUBLIC or PRIVATE one (B-CH-01/02/04/05/06/07/09).

use super::access::{deny, target};
use super::channel_views::channel_detail;
use super::context::{Ctx, Handler};
use super::elastic::read_elastic;
use super::enums::{ChannelMode, ChannelPrivacy, MembershipType};
use super::error::ApiError;
use super::events::EventType;
use super::expiration::set_expiry;
use super::identities::require_identity;
use super::ids::{Kind, child_arn, new_id};
use super::memberships::new_membership;
use super::output::compact;
use super::paging::{page, with_token};
use super::push::push_channel;
use super::records::{AppInstanceState, Channel, Record};
use super::tags::read_tags;
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateChannel", create_channel);
    t.insert("DescribeChannel", describe_channel);
    t.insert("UpdateChannel", update_channel);
    t.insert("DeleteChannel", delete_channel);
    t.insert("ListChannels", list_channels);
    t.insert("SearchChannels", search_channels);
}

/// A channel as the model's `ChannelSummary`.
pub fn summary(ch: &Channel) -> Value {
    compact(json!({
        "ChannelArn": ch.arn, "Name": ch.name, "Metadata": ch.metadata, "Mode": ch.mode,
        "Privacy": ch.privacy, "LastMessageTimestamp": ch.last_persistent_message,
    }))
}

/// Deletes a channel and everything in it; memberships become inaccessible at once (B-CH-07).
pub fn remove_channel(st: &mut AppInstanceState, arn: &str) {
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
    let arn = child_arn(&cx.st.arn, Kind::Channel, &id);
    if cx.st.channels.contains_key(&arn) {
        return Err(ApiError::conflict(format!("channel {arn} already exists")));
    }
    let elastic = a
        .opt_value("ElasticChannelConfiguration")
        .map(read_elastic)
        .transpose()?;
    let mode = match (a.opt_enum_member("Mode")?, &elastic) {
        // B-EL-01: an elastic channel can't be UNRESTRICTED.
        (Some(ChannelMode::Unrestricted), Some(_)) if !cx.d.fault(Fault::ElasticUnrestricted) => {
            return Err(ApiError::bad_request(
                "an elastic channel can't be UNRESTRICTED",
            ));
        }
        (Some(m), _) => m,
        // (assumed) Elastic channels default to RESTRICTED, others to UNRESTRICTED.
        (None, Some(_)) => ChannelMode::Restricted,
        (None, None) => ChannelMode::Unrestricted,
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
        mode,
        privacy: a
            .opt_enum_member("Privacy")?
            .unwrap_or(ChannelPrivacy::Public),
        metadata: a.opt_str("Metadata").map(str::to_owned),
        created_by: caller.clone(),
        created: now,
        updated: now,
        last_message: None,
        last_persistent_message: None,
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
        message_log: Default::default(),
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
            new_membership(&caller, MembershipType::Default, &caller, now),
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
                .or_insert_with(|| new_membership(m, MembershipType::Default, &caller, now));
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
    let ch = cx.st.channel(&arn)?;
    // roles.md note (1), assumed: members and moderators see their channel, others PUBLIC only.
    if !(r.admin || r.moderator || r.member || ch.privacy == ChannelPrivacy::Public) {
        return Err(deny("describe this PRIVATE channel"));
    }
    let mut channel = channel_detail(cx.st, ch);
    if cx.d.fault(Fault::DescribeOmitsMetadata)
        && let Some(o) = channel.as_object_mut()
    {
        o.remove("Metadata");
    }
    Ok(json!({ "Channel": channel }))
}

fn update_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("update this channel"));
    }
    let (name, mode, metadata) = (
        cx.args.opt_str("Name"),
        cx.args.opt_enum_member("Mode")?,
        cx.args.opt_str("Metadata"),
    );
    let now = cx.now;
    let ch = cx.st.channel_mut(&arn)?;
    if ch.elastic.is_some() && mode == Some(ChannelMode::Unrestricted) {
        return Err(ApiError::bad_request(
            "an elastic channel can't be UNRESTRICTED",
        ));
    }
    if let Some(n) = name {
        ch.name = n.to_owned();
    }
    if let Some(m) = mode {
        ch.mode = m;
    }
    if let Some(m) = metadata {
        ch.metadata = Some(m.to_owned());
    }
    if !cx.d.fault(Fault::UpdateLeavesLastUpdated) {
        ch.updated = now;
    }
    push_channel(cx.d, cx.st, &arn, EventType::UpdateChannel);
    Ok(json!({ "ChannelArn": arn }))
}

fn delete_channel(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("delete this channel"));
    }
    push_channel(cx.d, cx.st, &arn, EventType::DeleteChannel);
    if cx.d.fault(Fault::DeletedChannelLingers) {
        return Ok(json!({}));
    }
    remove_channel(cx.st, &arn);
    Ok(json!({}))
}

fn list_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let caller = cx.caller()?;
    let admin = cx.st.admins.contains_key(&caller);
    let privacy = cx.args.opt_enum_member("Privacy")?;
    // roles.md: non-admins see PUBLIC channels; PRIVATE listing is admin-only.
    if privacy == Some(ChannelPrivacy::Private) && !admin {
        return Err(deny("list PRIVATE channels"));
    }
    let (items, next) = page(&cx.st.channels, &cx.args, "ch", |ch| match privacy {
        Some(p) => ch.privacy == p,
        // (assumed) Without a filter an admin sees every channel, others the PUBLIC ones.
        None => admin || ch.privacy == ChannelPrivacy::Public,
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

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0};
    use serde_json::json;

    #[test]
    fn b_ch_01_05_06_create_and_describe() {
        let fx = Fx::new();
        let ch = fx.channel(
            "alice",
            json!({"ChannelId": "named", "Metadata": "md", "Mode": "RESTRICTED", "Privacy": "PRIVATE"}),
        );
        assert_eq!(ch, format!("{}/channel/named", fx.inst));
        let generated = fx.channel("alice", json!({}));
        assert!(generated.starts_with(&format!("{}/channel/", fx.inst)));
        assert_ne!(generated, ch);
        let d = fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        )["Channel"]
            .clone();
        assert_eq!(d["Name"], "room");
        assert_eq!(d["Mode"], "RESTRICTED");
        assert_eq!(d["Privacy"], "PRIVATE");
        assert_eq!(d["Metadata"], "md");
        assert_eq!(d["CreatedBy"]["Arn"], fx.user("alice"));
        assert_eq!(d["CreatedTimestamp"], T0);
        // B-CH-05: the creator is a member and a moderator.
        fx.ok(
            "DescribeChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice")}),
        );
        fx.ok(
            "DescribeChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelModeratorArn": fx.user("alice")}),
        );
        let e = fx.err(
            "CreateChannel",
            json!({"AppInstanceArn": fx.inst, "Name": "x", "ChimeBearer": fx.user("alice"),
                   "ClientRequestToken": "t-dup", "ChannelId": "named"}),
        );
        assert_eq!(e.shape, "ConflictException");
    }

    #[test]
    fn b_ch_04_public_and_private_visibility() {
        let fx = Fx::new();
        let public = fx.channel("alice", json!({"Privacy": "PUBLIC"}));
        let private = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
        fx.send(&public, "alice", "hello");
        assert_eq!(fx.contents(&public, "bob", json!({})), vec!["hello"]);
        let e = fx.err(
            "SendChannelMessage",
            json!({"ChannelArn": public, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
                   "Persistence": "PERSISTENT", "ClientRequestToken": "t-nm"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let e = fx.err(
            "DescribeChannel",
            json!({"ChannelArn": private, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        // ListChannels: non-admins see PUBLIC only; admins may list PRIVATE.
        let l = fx.ok(
            "ListChannels",
            json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("bob")}),
        );
        let arns: Vec<&str> = l["Channels"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["ChannelArn"].as_str())
            .collect();
        assert_eq!(arns, vec![public.as_str()]);
        let e = fx.err(
            "ListChannels",
            json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("bob"), "Privacy": "PRIVATE"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let l = fx.ok(
            "ListChannels",
            json!({"AppInstanceArn": fx.inst, "ChimeBearer": fx.user("admin"), "Privacy": "PRIVATE"}),
        );
        assert_eq!(l["Channels"][0]["ChannelArn"], private);
    }

    #[test]
    fn b_ch_07_09_delete_channel_makes_memberships_inaccessible() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        fx.ok(
            "DeleteChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        for (op, input) in [
            (
                "DescribeChannelMembership",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MemberArn": fx.user("bob")}),
            ),
            (
                "DescribeChannel",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
            ),
            (
                "ListChannelMessages",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
            ),
        ] {
            assert_eq!(fx.err(op, input).shape, "NotFoundException", "{op}");
        }
        let l = fx.ok(
            "ListChannelMembershipsForAppInstanceUser",
            json!({"ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(l["ChannelMemberships"], json!([]));
    }

    #[test]
    fn search_finds_channels_by_their_members() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        let s = fx.ok(
            "SearchChannels",
            json!({"ChimeBearer": fx.user("bob"), "Fields": [{"Key": "MEMBERS", "Operator": "EQUALS",
                   "Values": [fx.user("alice"), fx.user("bob")]}]}),
        );
        assert_eq!(s["Channels"][0]["ChannelArn"], ch);
        let s = fx.ok(
            "SearchChannels",
            json!({"ChimeBearer": fx.user("carol"), "Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES",
                   "Values": [fx.user("bob")]}]}),
        );
        assert_eq!(s["Channels"], json!([]));
    }

    #[test]
    fn a_moderator_updates_the_channel_but_not_its_privacy() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
        // UpdateChannel by a moderator; B-CH-02 no Privacy member exists to change.
        fx.ok(
            "UpdateChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Name": "renamed", "Mode": "RESTRICTED"}),
        );
        let d = fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(d["Channel"]["Name"], "renamed");
        assert_eq!(d["Channel"]["Privacy"], "PRIVATE");
    }
}
