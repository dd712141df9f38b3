//! The channel details a session asks for with `prefetch-on=connect` (B-WS-11): one
//! CHANNEL_DETAILS event for each of up to 50 of the user's channels, each with the channel's
//! summary, its latest 20 messages the user may see (newest first) and whether there are more,
//! up to 30 of its memberships, and the user's read marker.

use super::channels::summary;
use super::enums::MembershipType;
use super::events::{Event, EventType};
use super::identities::identity_of;
use super::message_rules::visible;
use super::message_views::summary_value;
use super::output::compact;
use super::records::{AppInstanceState, Channel, Membership};
use serde_json::{Value, json};
use std::cmp::Ordering;

/// The documented limits (websockets.html, "Using prefetch to deliver channel details").
pub const MAX_CHANNELS: usize = 50;
pub const MAX_MESSAGES: usize = 20;
pub const MAX_MEMBERSHIPS: usize = 30;

/// How CHANNEL_DETAILS are chosen when a user has more channels than are sent
/// (`prefetch-sort-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefetchSort {
    /// Channels with unread messages first, then by their latest message (the default).
    Unread,
    /// By their latest message only.
    LastMessageTimestamp,
}

/// The CHANNEL_DETAILS events for `user`, the channels chosen by `sort`.
pub fn channel_details(st: &AppInstanceState, user: &str, sort: PrefetchSort) -> Vec<Event> {
    let mut channels: Vec<(&Channel, &Membership)> = st
        .channels
        .values()
        .filter_map(|ch| ch.members.get(user).map(|m| (ch, m)))
        .collect();
    channels.sort_by(|a, b| order(sort, a, b));
    channels
        .into_iter()
        .take(MAX_CHANNELS)
        .map(|(ch, m)| Event::system(EventType::ChannelDetails, Some(details(st, ch, m, user))))
        .collect()
}

/// Whether the channel has a message after the member's read marker.
fn unread(ch: &Channel, m: &Membership) -> bool {
    ch.last_message
        .is_some_and(|t| m.read_marker.is_none_or(|read| t > read))
}

/// The channels sent first come first: unread ones (for [`PrefetchSort::Unread`]), then the
/// latest message first.
fn order(sort: PrefetchSort, a: &(&Channel, &Membership), b: &(&Channel, &Membership)) -> Ordering {
    let latest = |c: &Channel| c.last_message.unwrap_or(f64::NEG_INFINITY);
    let by_time = latest(b.0).total_cmp(&latest(a.0));
    match sort {
        PrefetchSort::Unread => unread(b.0, b.1).cmp(&unread(a.0, a.1)).then(by_time),
        PrefetchSort::LastMessageTimestamp => by_time,
    }
}

fn details(st: &AppInstanceState, ch: &Channel, m: &Membership, user: &str) -> Value {
    // In an elastic channel, the messages of the member's own sub-channel.
    let bucket = m.sub_channels.first().map_or("", String::as_str);
    let mut messages = ch
        .messages
        .get(bucket)
        .into_iter()
        .flat_map(|b| b.values().rev())
        .filter(|msg| visible(st, msg, user));
    let latest: Vec<Value> = messages
        .by_ref()
        .take(MAX_MESSAGES)
        .map(|msg| summary_value(st, msg))
        .collect();
    let has_more = messages.next().is_some();
    let memberships: Vec<Value> = ch
        .members
        .values()
        .filter(|other| other.kind == MembershipType::Default)
        .take(MAX_MEMBERSHIPS)
        .map(|other| json!({"Member": identity_of(st, &other.arn)}))
        .collect();
    compact(json!({
        "Channel": summary(ch),
        "ChannelMessages": latest,
        "ChannelMessagesHasMore": has_more,
        "ChannelMemberships": memberships,
        "ReadMarkerTimestamp": m.read_marker,
    }))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_limits_are_the_judges_limits() {
        use crate::schema::events::{PREFETCHED_MEMBERSHIPS, PREFETCHED_MESSAGES};
        assert_eq!(MAX_MESSAGES as u64, PREFETCHED_MESSAGES);
        assert_eq!(MAX_MEMBERSHIPS as u64, PREFETCHED_MEMBERSHIPS);
    }

    use super::*;
    use crate::server::domain::fixture::Fx;
    use crate::server::domain::instances::lock;

    fn prefetch(fx: &Fx, user: &str, sort: PrefetchSort) -> Vec<Value> {
        let shared = fx.d.instance(&fx.inst).unwrap();
        let st = lock(&shared);
        channel_details(&st, &fx.user(user), sort)
            .into_iter()
            .map(|e| {
                assert_eq!(
                    (e.kind, e.message_type),
                    (EventType::ChannelDetails, "SYSTEM")
                );
                e.payload.unwrap()
            })
            .collect()
    }

    #[test]
    fn b_ws_11_details_hold_the_latest_visible_messages_and_the_members() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        for i in 0..(MAX_MESSAGES + 2) {
            fx.d.advance_clock(&fx.inst, 1.0).unwrap();
            fx.send(&ch, "alice", &format!("m{i}"));
        }
        fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "for alice only",
                   "Target": [{"MemberArn": fx.user("alice")}],
                   "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-tg"}),
        );
        let details = prefetch(&fx, "bob", PrefetchSort::Unread);
        assert_eq!(details.len(), 1);
        let d = &details[0];
        assert_eq!(d["Channel"]["ChannelArn"], ch);
        let contents: Vec<&str> = d["ChannelMessages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Content"].as_str().unwrap())
            .collect();
        assert_eq!(contents.len(), MAX_MESSAGES);
        assert_eq!(contents[0], format!("m{}", MAX_MESSAGES + 1));
        assert_eq!(d["ChannelMessagesHasMore"], true);
        assert_eq!(d["ChannelMemberships"].as_array().unwrap().len(), 2);
        assert!(d.get("ReadMarkerTimestamp").is_none());
        // The targeted message is alice's to see, and the summary shape has no ChannelArn.
        let alice = prefetch(&fx, "alice", PrefetchSort::Unread);
        assert_eq!(alice[0]["ChannelMessages"][0]["Content"], "for alice only");
        assert!(alice[0]["ChannelMessages"][0].get("ChannelArn").is_none());
        // Not a member: nothing.
        assert!(prefetch(&fx, "carol", PrefetchSort::Unread).is_empty());
    }

    #[test]
    fn b_ws_11_at_most_50_channels_unread_first_then_the_latest() {
        let fx = Fx::new();
        let mut channels = Vec::new();
        for _ in 0..(MAX_CHANNELS + 5) {
            let ch = fx.channel("alice", json!({}));
            fx.join(&ch, "alice", "bob");
            fx.d.advance_clock(&fx.inst, 1.0).unwrap();
            fx.send(&ch, "alice", "x");
            channels.push(ch);
        }
        // bob has read every channel but the oldest one.
        for ch in &channels[1..] {
            fx.ok(
                "UpdateChannelReadMarker",
                json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
            );
        }
        let arns = |sort| -> Vec<String> {
            prefetch(&fx, "bob", sort)
                .iter()
                .map(|d| d["Channel"]["ChannelArn"].as_str().unwrap().to_owned())
                .collect()
        };
        let unread_first = arns(PrefetchSort::Unread);
        assert_eq!(unread_first.len(), MAX_CHANNELS);
        assert_eq!(unread_first[0], channels[0]);
        assert_eq!(unread_first[1], channels[MAX_CHANNELS + 4]);
        let latest_first = arns(PrefetchSort::LastMessageTimestamp);
        assert_eq!(latest_first[0], channels[MAX_CHANNELS + 4]);
        assert!(!latest_first.contains(&channels[0]));
        let read = prefetch(&fx, "bob", PrefetchSort::Unread);
        assert!(read[1]["ReadMarkerTimestamp"].is_number());
    }
}
