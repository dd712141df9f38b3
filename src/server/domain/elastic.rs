//! Elastic channels: their configuration (B-EL-01/03), the sub-channel a new member joins and
//! the one a message operation addresses (B-EL-02), and listing sub-channels.

use super::access::manager_target;
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::ids::new_id;
use super::paging::{page, with_token};
use super::records::{Channel, Elastic};
use crate::server::faults::{Fault, FaultSet};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("ListSubChannels", list_sub_channels);
}

/// Reads an `ElasticChannelConfiguration`, which stays as created (B-EL-03).
pub fn read_elastic(v: &Value) -> Result<Elastic, ApiError> {
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

/// Where a new member of a channel goes.
pub enum Placement {
    /// The channel is not elastic: no sub-channel.
    NotElastic,
    /// A regular member already placed stays in its sub-channel.
    AlreadyIn(Option<String>),
    /// The member joins this sub-channel.
    Joins(String),
}

/// B-EL-02: a moderator's membership names its sub-channel; a regular member's is chosen by
/// the service: the least-filled sub-channel below target, a new one while under the maximum,
/// (assumed) else the least-filled one even above target.
pub fn place_member(
    ch: &mut Channel,
    member: &str,
    given: Option<&str>,
) -> Result<Placement, ApiError> {
    let Some(el) = &ch.elastic else {
        return Ok(Placement::NotElastic);
    };
    if ch.moderators.contains_key(member) {
        let sub = given.ok_or_else(|| {
            ApiError::bad_request(
                "a moderator's membership in an elastic channel needs a SubChannelId",
            )
        })?;
        if !ch.sub_channels.contains_key(sub) {
            return Err(ApiError::not_found(format!(
                "sub-channel {sub} does not exist"
            )));
        }
        return Ok(Placement::Joins(sub.to_owned()));
    }
    if given.is_some() {
        return Err(ApiError::bad_request(
            "a regular member's SubChannelId is chosen by the service",
        ));
    }
    if let Some(m) = ch.members.get(member) {
        return Ok(Placement::AlreadyIn(m.sub_channels.iter().next().cloned()));
    }
    let least = ch
        .sub_channels
        .iter()
        .min_by_key(|(_, m)| m.len())
        .map(|(id, m)| (id.clone(), m.len()));
    let sub = match least {
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
    };
    Ok(Placement::Joins(sub))
}

/// The sub-channel a message operation addresses (B-EL-02).
pub fn sub_channel_of(
    faults: &FaultSet,
    ch: &Channel,
    given: Option<&str>,
) -> Result<Option<String>, ApiError> {
    match (&ch.elastic, given) {
        (Some(_), Some(s)) if ch.sub_channels.contains_key(s) => Ok(Some(s.to_owned())),
        (Some(_), Some(s)) => Err(ApiError::not_found(format!(
            "sub-channel {s} does not exist"
        ))),
        // (assumed) Listing or sending in an elastic channel without a sub-channel is refused.
        (Some(_), None) if faults.has(Fault::ElasticSubChannelOptional) => Ok(None),
        (Some(_), None) => Err(ApiError::bad_request(
            "a message operation in an elastic channel needs a SubChannelId",
        )),
        (None, Some(_)) => Err(ApiError::bad_request(
            "SubChannelId applies to elastic channels only",
        )),
        (None, None) => Ok(None),
    }
}

fn list_sub_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = manager_target(cx, "list this channel's sub-channels")?;
    let ch = cx.st.channel(&arn)?;
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

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn b_el_01_02_03_elastic_channels() {
        let fx = Fx::new();
        let cfg = json!({"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10});
        let e = fx.err(
            "CreateChannel",
            json!({"AppInstanceArn": fx.inst, "Name": "e", "ChimeBearer": fx.user("alice"), "ClientRequestToken": "t-e1",
                   "ElasticChannelConfiguration": cfg, "Mode": "UNRESTRICTED"}),
        );
        assert_eq!(e.shape, "BadRequestException");
        let e = fx.err(
            "CreateChannel",
            json!({"AppInstanceArn": fx.inst, "Name": "e", "ChimeBearer": fx.user("alice"), "ClientRequestToken": "t-e2",
                   "ElasticChannelConfiguration": cfg, "MemberArns": [fx.user("bob")]}),
        );
        assert_eq!(e.shape, "BadRequestException");
        let ch = fx.channel("alice", json!({"ElasticChannelConfiguration": cfg}));
        // the creator is a moderator but not a member
        let e = fx.err(
            "DescribeChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice")}),
        );
        assert_eq!(e.shape, "NotFoundException");
        // regular members may not name a sub-channel
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("bob"),
                   "Type": "DEFAULT", "SubChannelId": "x"}),
        );
        assert_eq!(e.shape, "BadRequestException");
        let mut subs = Vec::new();
        for who in ["bob", "carol", "dave"] {
            let r = fx.ok(
                "CreateChannelMembership",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user(who), "Type": "DEFAULT"}),
            );
            subs.push(r["SubChannelId"].as_str().unwrap().to_owned());
        }
        assert_eq!(subs[0], subs[1]);
        assert_ne!(subs[0], subs[2]);
        let l = fx.ok(
            "ListSubChannels",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        let mut counts: Vec<u64> = l["SubChannels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["MembershipCount"].as_u64().unwrap())
            .collect();
        counts.sort();
        assert_eq!(counts, vec![1, 2]);
        // sending needs a SubChannelId
        let e = fx.err(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
                   "Persistence": "PERSISTENT", "ClientRequestToken": "t-e3"}),
        );
        assert_eq!(e.shape, "BadRequestException");
        let s = fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
                   "Persistence": "PERSISTENT", "ClientRequestToken": "t-e4", "SubChannelId": subs[0]}),
        );
        assert_eq!(s["SubChannelId"], subs[0]);
        assert_eq!(
            fx.contents(&ch, "carol", json!({"SubChannelId": subs[0]})),
            vec!["x"]
        );
        // a moderator's membership names its sub-channel
        fx.ok(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("alice"),
                   "Type": "DEFAULT", "SubChannelId": subs[2]}),
        );
        // read markers are not kept for elastic channels
        let e = fx.err(
            "UpdateChannelReadMarker",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(e.shape, "BadRequestException");
        // B-EL-03: the configuration stays as created.
        let d = fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(d["Channel"]["ElasticChannelConfiguration"], cfg);
    }
}
