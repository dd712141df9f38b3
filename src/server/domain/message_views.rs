//! Messages as the model shapes them: the full `ChannelMessage`, the list entry
//! `ChannelMessageSummary` (B-LIST-05) and the `Status` structure.

use super::enums::WireEnum;
use super::identities::identity_of;
use super::records::{AppInstanceState, Message};
use serde_json::{Map, Value, json};

pub fn status_value(m: &Message) -> Value {
    let mut o = Map::with_capacity(2);
    o.insert("Value".into(), Value::String(m.status.wire().to_owned()));
    if let Some(d) = &m.status_detail {
        o.insert("Detail".into(), Value::String(d.clone()));
    }
    Value::Object(o)
}

/// The full message (GetChannelMessage, processor events).
pub fn full_value(st: &AppInstanceState, m: &Message) -> Value {
    let mut v = summary_value(st, m);
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "ChannelArn".into(),
            Value::String(m.channel_arn.to_string()),
        );
        o.insert("Persistence".into(), json!(m.persistence));
        if let Some(s) = &m.sub_channel {
            o.insert("SubChannelId".into(), json!(s));
        }
    }
    v
}

/// A list entry (B-LIST-05): no ChannelArn, Persistence or SubChannelId.
pub fn summary_value(st: &AppInstanceState, m: &Message) -> Value {
    // Built member by member rather than through `json!` + `compact`: this runs once per
    // listed message, so it dominates the cost of a ListChannelMessages page.
    let mut o = Map::with_capacity(13);
    o.insert("MessageId".into(), Value::String(m.id.clone()));
    o.insert("Content".into(), Value::String(m.content.clone()));
    if let Some(md) = &m.metadata {
        o.insert("Metadata".into(), Value::String(md.clone()));
    }
    o.insert("Type".into(), Value::String(m.kind.wire().to_owned()));
    o.insert("CreatedTimestamp".into(), json!(m.created));
    o.insert("LastUpdatedTimestamp".into(), json!(m.updated));
    if let Some(t) = m.last_edited {
        o.insert("LastEditedTimestamp".into(), json!(t));
    }
    o.insert("Sender".into(), identity_of(st, &m.sender));
    o.insert("Redacted".into(), Value::Bool(m.redacted));
    o.insert("Status".into(), status_value(m));
    if let Some(a) = &m.attributes {
        o.insert("MessageAttributes".into(), json!(a));
    }
    if let Some(ct) = &m.content_type {
        o.insert("ContentType".into(), Value::String(ct.clone()));
    }
    if let Some(t) = &m.target {
        let list = t.iter().map(|a| json!({ "MemberArn": a })).collect();
        o.insert("Target".into(), Value::Array(list));
    }
    Value::Object(o)
}
