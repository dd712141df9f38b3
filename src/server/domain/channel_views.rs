//! Channels and memberships as the model shapes them: the full `Channel` and
//! `ChannelMembership`, which DescribeChannel and DescribeChannelMembership answer and the
//! events of real-time messaging sessions carry.

use super::identities::identity_of;
use super::output::compact;
use super::records::{AppInstanceState, Channel, Membership};
use serde_json::{Value, json};

/// A channel as the model's `Channel`.
pub fn channel_detail(st: &AppInstanceState, ch: &Channel) -> Value {
    compact(json!({
        "ChannelArn": ch.arn, "Name": ch.name, "Metadata": ch.metadata, "Mode": ch.mode,
        "Privacy": ch.privacy, "CreatedBy": identity_of(st, &ch.created_by),
        "CreatedTimestamp": ch.created, "LastUpdatedTimestamp": ch.updated,
        "LastMessageTimestamp": ch.last_message, "ChannelFlowArn": ch.flow,
        "ElasticChannelConfiguration": ch.elastic.as_ref().map(|e| e.config.clone()),
        "ExpirationSettings": ch.expiration,
    }))
}

/// Membership `m` of channel `arn` as the model's `ChannelMembership`; in an elastic channel
/// the sub-channel is `sub`, else the member's first one.
pub fn membership_detail(
    st: &AppInstanceState,
    arn: &str,
    m: &Membership,
    sub: Option<&str>,
) -> Value {
    compact(json!({
        "ChannelArn": arn, "Member": identity_of(st, &m.arn), "Type": m.kind,
        "InvitedBy": identity_of(st, &m.invited_by), "CreatedTimestamp": m.created,
        "LastUpdatedTimestamp": m.updated,
        "SubChannelId": sub.map(str::to_owned).or_else(|| m.sub_channels.iter().next().cloned()),
    }))
}
