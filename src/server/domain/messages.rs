//! Messages: sending, getting, editing, redacting and deleting them (B-MSG-01..09).

use super::access::{deny, target};
use super::clock::ms;
use super::context::{Ctx, Handler};
use super::elastic::sub_channel_of;
use super::enums::{MessagePersistence, MessageStatus, MessageType};
use super::error::ApiError;
use super::expiration::message_sent;
use super::flow_processing::apply_flow;
use super::message_rules::{check_sizes, kept_in_history, may_read, visible};
use super::message_views::{full_value, status_value};
use super::output::compact;
use super::push::{MessageChange, push_message};
use super::records::{Message, MessageAttributes, MsgKey, missing_channel};
use crate::server::faults::Fault;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("SendChannelMessage", send_message);
    t.insert("GetChannelMessage", get_message);
    t.insert("UpdateChannelMessage", update_message);
    t.insert("RedactChannelMessage", redact_message);
    t.insert("DeleteChannelMessage", delete_message);
}

fn send_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    // B-AUTH-06: admins and moderators must hold a membership before they send.
    if !r.member && !cx.d.fault(Fault::NonMemberSends) {
        return Err(deny("send to a channel without a membership"));
    }
    let a = &cx.args;
    let kind: MessageType = a.enum_member("Type")?;
    let content = a.str("Content")?.to_owned();
    let metadata = a.opt_str("Metadata").map(str::to_owned);
    check_sizes(&cx.st.faults, kind, &content, metadata.as_deref())?;
    let persistence: MessagePersistence = a.enum_member("Persistence")?;
    let ch = cx.st.channel(&arn)?;
    let sub = sub_channel_of(&cx.st.faults, ch, a.opt_str("SubChannelId"))?;
    if let Some(s) = &sub
        && !ch
            .members
            .get(&caller)
            .is_some_and(|m| m.sub_channels.contains(s))
    {
        return Err(deny("send to a sub-channel the caller does not belong to"));
    }
    let target_list = match a.opt_value("Target") {
        Some(Value::Array(t)) => {
            let arns: Vec<String> = t
                .iter()
                .filter_map(|x| {
                    x.get("MemberArn")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .collect();
            // B-MSG-07: exactly one target member.
            if arns.len() != 1 {
                return Err(ApiError::bad_request("Target names exactly one member"));
            }
            if !ch.members.contains_key(&arns[0]) {
                return Err(ApiError::bad_request(format!(
                    "target {} is not a member of the channel",
                    arns[0]
                )));
            }
            Some(arns)
        }
        _ => None,
    };
    let attributes = a
        .opt_value("MessageAttributes")
        .map(MessageAttributes::read)
        .transpose()?;
    let seq = cx.st.next_seq;
    cx.st.next_seq += 1;
    let key: MsgKey = (ms(cx.now), seq);
    let mut m = Message {
        id: cx.st.channel_mut(&arn)?.new_message_id(),
        channel_arn: cx.st.share(&arn),
        sub_channel: sub.clone(),
        content,
        metadata,
        content_type: a
            .opt_str("ContentType")
            .filter(|_| !cx.d.fault(Fault::ContentTypeDropped))
            .map(str::to_owned),
        attributes,
        kind,
        persistence,
        sender: cx.st.share(&caller),
        created: cx.now,
        updated: cx.now,
        last_edited: None,
        redacted: false,
        status: MessageStatus::Sent,
        status_detail: None,
        target: target_list,
        callback: None,
        key,
    };
    apply_flow(cx, &arn, &mut m);
    if m.status == MessageStatus::Sent {
        let persistent = m.persistence == MessagePersistence::Persistent;
        message_sent(cx.st, &arn, cx.now, persistent);
    }
    push_message(cx.d, cx.st, &m, MessageChange::Created);
    let mut out = Map::with_capacity(4);
    out.insert("ChannelArn".into(), Value::String(arn.clone()));
    out.insert("MessageId".into(), Value::String(m.id.clone()));
    out.insert("Status".into(), status_value(&m));
    if let Some(s) = &sub {
        out.insert("SubChannelId".into(), Value::String(s.clone()));
    }
    // B-MSG-03: a NON_PERSISTENT message is delivered, not kept (unless a flow still holds it).
    let keep = kept_in_history(cx.d.faults(), m.persistence);
    if keep || m.status == MessageStatus::Pending || m.callback.is_some() {
        cx.st.channel_mut(&arn)?.keep_message(m);
    }
    Ok(Value::Object(out))
}

fn get_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let id = cx.args.str("MessageId")?;
    let ch = cx.st.channel(&arn)?;
    may_read(cx.st, ch, r)?;
    let m = ch.message(id).filter(|m| visible(cx.st, m, &caller));
    let Some(m) = m else {
        return Err(ApiError::not_found(format!("message {id} does not exist")));
    };
    Ok(json!({"ChannelMessage": full_value(cx.st, m)}))
}

/// The message an edit, redaction or deletion acts on, checked to be sent and in the
/// named sub-channel.
fn sent_message<'s>(cx: &'s mut Ctx, arn: &str) -> Result<&'s mut Message, ApiError> {
    let id = cx.args.str("MessageId")?;
    let sub_given = cx.args.opt_str("SubChannelId");
    let ch = cx
        .st
        .channels
        .get_mut(arn)
        .ok_or_else(|| missing_channel(arn))?;
    let sub = sub_channel_of(&cx.st.faults, ch, sub_given)?;
    let m = ch.stored_message_mut(id)?;
    if m.sub_channel != sub {
        return Err(ApiError::not_found(format!(
            "message {id} is not in that sub-channel"
        )));
    }
    if m.status != MessageStatus::Sent {
        return Err(ApiError::forbidden(format!(
            "message {id} is {} and can't be changed",
            m.status
        )));
    }
    Ok(m)
}

fn update_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    if !(r.member || r.manager()) {
        return Err(deny("edit messages in this channel"));
    }
    let content = cx.args.str("Content")?.to_owned();
    let metadata = cx.args.opt_str("Metadata").map(str::to_owned);
    let content_type = cx.args.opt_str("ContentType").map(str::to_owned);
    let now = cx.now;
    let faults = cx.st.faults.clone();
    let m = sent_message(cx, &arn)?;
    // roles.md: everyone edits only their own messages.
    if *m.sender != *caller && !faults.has(Fault::MemberEditsAnyMessage) {
        return Err(deny("edit another member's message"));
    }
    if m.redacted {
        return Err(ApiError::bad_request("a redacted message can't be edited"));
    }
    check_sizes(&faults, m.kind, &content, metadata.as_deref())?;
    if !faults.has(Fault::EditShowsOriginal) {
        m.content = content;
        m.metadata = metadata;
        if content_type.is_some() && !faults.has(Fault::ContentTypeDropped) {
            m.content_type = content_type;
        }
    }
    m.last_edited = Some(now);
    m.updated = now;
    // (assumed) An edit under a channel flow applies at once and, while PENDING, the message
    // is visible to its sender only, like a new message.
    let mut edited = m.clone();
    apply_flow(cx, &arn, &mut edited);
    push_message(cx.d, cx.st, &edited, MessageChange::Updated);
    let out = compact(json!({
        "ChannelArn": arn, "MessageId": edited.id, "Status": status_value(&edited),
        "SubChannelId": edited.sub_channel,
    }));
    let ch = cx.st.channel_mut(&arn)?;
    let id = edited.id.clone();
    *ch.stored_message_mut(&id)? = edited;
    Ok(out)
}

fn redact_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let now = cx.now;
    let any = cx.d.fault(Fault::MemberRedactsAnyMessage);
    let visible_after = cx.d.fault(Fault::RedactedContentVisible);
    let m = sent_message(cx, &arn)?;
    // roles.md: managers redact any message, members only their own.
    if !(r.manager() || (r.member && (*m.sender == *caller || any))) {
        return Err(deny("redact this message"));
    }
    // B-MSG-08: the message stays, marked Redacted, with empty content and no metadata.
    m.redacted = true;
    if !visible_after {
        m.content.clear();
        m.metadata = None;
    }
    m.updated = now;
    let redacted = m.clone();
    if !cx.d.fault(Fault::RedactionNotPushed) {
        push_message(cx.d, cx.st, &redacted, MessageChange::Redacted);
    }
    Ok(compact(json!({
        "ChannelArn": arn, "MessageId": redacted.id, "SubChannelId": redacted.sub_channel,
    })))
}

fn delete_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    // B-AUTH-06: only an AppInstanceAdmin deletes messages.
    if !(r.admin || (r.moderator && cx.d.fault(Fault::ModeratorDeletesMessages))) {
        return Err(deny("delete messages (AppInstanceAdmin only)"));
    }
    let gone = sent_message(cx, &arn)?.clone();
    let bucket = gone.sub_channel.clone().unwrap_or_default();
    let ch = cx.st.channel_mut(&arn)?;
    ch.unindex_message(&gone.id);
    if let Some(b) = ch.messages.get_mut(&bucket)
        && !cx.d.fault(Fault::DeletedMessageListed)
    {
        b.remove(&gone.key);
    }
    push_message(cx.d, cx.st, &gone, MessageChange::Deleted);
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0};
    use serde_json::json;

    #[test]
    fn b_msg_01_04_06_send_and_get() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let s = fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "{\"a\":1}",
                   "ContentType": "application/json", "Metadata": "meta",
                   "MessageAttributes": {"k": {"StringValues": ["v"]}},
                   "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-1"}),
        );
        assert_eq!(s["ChannelArn"], ch);
        assert_eq!(s["Status"]["Value"], "SENT");
        let m = fx.ok(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": s["MessageId"]}),
        )["ChannelMessage"]
            .clone();
        assert_eq!(m["Content"], "{\"a\":1}");
        assert_eq!(m["ContentType"], "application/json");
        assert_eq!(m["Metadata"], "meta");
        assert_eq!(m["MessageAttributes"]["k"]["StringValues"][0], "v");
        assert_eq!(m["Sender"]["Arn"], fx.user("alice"));
        assert_eq!(m["Persistence"], "PERSISTENT");
        assert_eq!(m["Status"]["Value"], "SENT");
        assert_eq!(m["CreatedTimestamp"], T0);
        assert_eq!(m["Redacted"], false);
        let l = fx.list(&ch, "alice", json!({}));
        assert_eq!(l["ChannelMessages"][0]["ContentType"], "application/json");
    }

    /// A message id spells the message's slot in its channel and a random tag: an id with the
    /// slot right and the tag wrong, or a message's id in another channel, names no message,
    /// and deleting by it removes nothing.
    #[test]
    fn an_id_names_its_message_in_its_channel_only() {
        let fx = Fx::new();
        let (ch, other) = (
            fx.channel("alice", json!({})),
            fx.channel("alice", json!({})),
        );
        let id = fx.send(&ch, "alice", "kept")["MessageId"]
            .as_str()
            .unwrap()
            .to_owned();
        let last = if id.ends_with('0') { '1' } else { '0' };
        let wrong_tag = format!("{}{last}", &id[..31]);
        let alice = fx.user("alice");
        for (channel, message) in [(&ch, &wrong_tag), (&other, &id)] {
            let e = fx.err(
                "GetChannelMessage",
                json!({"ChannelArn": channel, "ChimeBearer": alice, "MessageId": message}),
            );
            assert_eq!(e.shape, "NotFoundException", "{channel} {message}: {e}");
        }
        let e = fx.err(
            "DeleteChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": wrong_tag}),
        );
        assert_eq!(e.shape, "NotFoundException", "{e}");
        let m = fx.ok(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": alice, "MessageId": id}),
        );
        assert_eq!(m["ChannelMessage"]["Content"], "kept");
    }

    #[test]
    fn b_msg_03_non_persistent_messages_are_not_kept() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let s = fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "poof",
                   "Type": "STANDARD", "Persistence": "NON_PERSISTENT", "ClientRequestToken": "t-np"}),
        );
        assert_eq!(s["Status"]["Value"], "SENT");
        let e = fx.err(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": s["MessageId"]}),
        );
        assert_eq!(e.shape, "NotFoundException");
        assert!(fx.contents(&ch, "alice", json!({})).is_empty());
    }

    #[test]
    fn b_msg_05_update_shows_last_edited_and_latest_version() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let id = fx.send(&ch, "alice", "v1")["MessageId"].clone();
        fx.d.advance_clock(&fx.inst, 5.0).unwrap();
        let u = fx.ok(
            "UpdateChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id, "Content": "v2",
                   "ContentType": "text/markdown"}),
        );
        assert_eq!(u["Status"]["Value"], "SENT");
        let l = fx.list(&ch, "alice", json!({}));
        let msgs = l["ChannelMessages"].as_array().unwrap();
        assert_eq!(msgs.len(), 1);
        assert_eq!(msgs[0]["Content"], "v2");
        assert_eq!(msgs[0]["ContentType"], "text/markdown");
        assert_eq!(msgs[0]["LastEditedTimestamp"], T0 + 5.0);
        assert_eq!(msgs[0]["CreatedTimestamp"], T0);
    }

    #[test]
    fn b_msg_07_targeted_message_seen_by_target_and_sender_only() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        fx.join(&ch, "alice", "carol");
        fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "psst",
                   "Target": [{"MemberArn": fx.user("bob")}],
                   "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-tg"}),
        );
        assert_eq!(fx.contents(&ch, "alice", json!({})), vec!["psst"]);
        assert_eq!(fx.contents(&ch, "bob", json!({})), vec!["psst"]);
        assert!(fx.contents(&ch, "carol", json!({})).is_empty());
        let l = fx.list(&ch, "bob", json!({}));
        assert_eq!(
            l["ChannelMessages"][0]["Target"][0]["MemberArn"],
            fx.user("bob")
        );
    }

    #[test]
    fn b_msg_08_09_b_list_03_redact_and_delete() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let a = fx.send(&ch, "alice", "one")["MessageId"].clone();
        let b = fx.send(&ch, "alice", "two")["MessageId"].clone();
        fx.ok(
            "RedactChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": a}),
        );
        fx.ok(
            "DeleteChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": b}),
        );
        let l = fx.list(&ch, "alice", json!({}));
        let msgs = l["ChannelMessages"].as_array().unwrap();
        assert_eq!(msgs.len(), 1);
        assert_eq!(msgs[0]["MessageId"], a);
        assert_eq!(msgs[0]["Redacted"], true);
        assert_eq!(msgs[0]["Content"], "");
        assert!(msgs[0].get("Metadata").is_none());
        let e = fx.err(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": b}),
        );
        assert_eq!(e.shape, "NotFoundException");
    }
}
