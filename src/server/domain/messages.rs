//! Messages, channel flows and their callbacks, streaming configurations.

use super::channels::{channel, channel_mut, deny, missing_channel, set_expiry, target};
use super::identity::identity_of;
use super::state::{
    ARN_PREFIX, AppInstanceState, Channel, Flow, Message, MsgKey, compact, decode_token,
    encode_token, enum_value, ms, new_id, new_simple_id, page, read_tags, with_token,
};
use super::{ApiError, Ctx, Domain, Handler, write};
use crate::server::faults::Fault;
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap};

/// How long a processor has to call back (B-FLOW-06).
pub const CALLBACK_WINDOW_SECONDS: f64 = 48.0 * 3600.0;

pub(super) fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("SendChannelMessage", send_message);
    t.insert("GetChannelMessage", get_message);
    t.insert("ListChannelMessages", list_messages);
    t.insert("UpdateChannelMessage", update_message);
    t.insert("RedactChannelMessage", redact_message);
    t.insert("DeleteChannelMessage", delete_message);
    t.insert("GetChannelMessageStatus", message_status);
    t.insert("CreateChannelFlow", create_flow);
    t.insert("DescribeChannelFlow", describe_flow);
    t.insert("UpdateChannelFlow", update_flow);
    t.insert("ListChannelFlows", list_flows);
    t.insert("DeleteChannelFlow", delete_flow);
    t.insert("AssociateChannelFlow", associate_flow);
    t.insert("DisassociateChannelFlow", disassociate_flow);
    t.insert("ListChannelsAssociatedWithChannelFlow", list_flow_channels);
    t.insert("ChannelFlowCallback", flow_callback);
    t.insert("PutMessagingStreamingConfigurations", put_streaming);
    t.insert("GetMessagingStreamingConfigurations", get_streaming);
    t.insert("DeleteMessagingStreamingConfigurations", delete_streaming);
}

/// (assumed) A fixed messaging-session endpoint: the server runs no WebSocket gateway.
pub(super) fn session_endpoint() -> Value {
    json!({"Endpoint": {"Url": "https://ws-messaging.chime.us-east-1.amazonaws.com"}})
}

/// B-MSG-02: limits in UTF-8 bytes (assumed); a breach is a BadRequestException.
fn check_sizes(
    cx_faults: &crate::server::faults::FaultSet,
    kind: &str,
    content: &str,
    metadata: Option<&str>,
) -> Result<(), ApiError> {
    if cx_faults.has(Fault::SizeLimitsNotEnforced) {
        return Ok(());
    }
    if cx_faults.has(Fault::LimitsCountCharacters) {
        let chars: String = content.chars().map(|_| 'x').collect();
        let meta: Option<String> = metadata.map(|m| m.chars().map(|_| 'x').collect());
        return check_sizes(&Default::default(), kind, &chars, meta.as_deref());
    }
    let meta = metadata.map_or(0, str::len);
    if kind == "CONTROL" {
        if content.len() > 30 {
            return Err(ApiError::bad_request(format!(
                "a CONTROL message carries at most 30 bytes of content, not {}",
                content.len()
            )));
        }
        if meta > 0 {
            return Err(ApiError::bad_request(
                "a CONTROL message carries no metadata",
            ));
        }
    } else {
        if content.len() > 4096 {
            return Err(ApiError::bad_request(format!(
                "a STANDARD message carries at most 4096 bytes of content, not {}",
                content.len()
            )));
        }
        if meta > 1024 {
            return Err(ApiError::bad_request(format!(
                "a message carries at most 1024 bytes of metadata, not {meta}"
            )));
        }
    }
    Ok(())
}

fn status_value(m: &Message) -> Value {
    let mut o = serde_json::Map::with_capacity(2);
    o.insert("Value".into(), Value::String(m.status.to_owned()));
    if let Some(d) = &m.status_detail {
        o.insert("Detail".into(), Value::String(d.clone()));
    }
    Value::Object(o)
}

/// The full message (GetChannelMessage, processor events).
fn full_value(st: &AppInstanceState, m: &Message) -> Value {
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
fn summary_value(st: &AppInstanceState, m: &Message) -> Value {
    // Built member by member rather than through `json!` + `compact`: this runs once per
    // listed message, so it dominates the cost of a ListChannelMessages page.
    let mut o = serde_json::Map::with_capacity(13);
    o.insert("MessageId".into(), Value::String(m.id.clone()));
    o.insert("Content".into(), Value::String(m.content.clone()));
    if let Some(md) = &m.metadata {
        o.insert("Metadata".into(), Value::String(md.clone()));
    }
    o.insert("Type".into(), Value::String(m.kind.to_owned()));
    o.insert("CreatedTimestamp".into(), json!(m.created));
    o.insert("LastUpdatedTimestamp".into(), json!(m.updated));
    if let Some(t) = m.last_edited {
        o.insert("LastEditedTimestamp".into(), json!(t));
    }
    o.insert("Sender".into(), identity_of(st, &m.sender));
    o.insert("Redacted".into(), Value::Bool(m.redacted));
    o.insert("Status".into(), status_value(m));
    if let Some(a) = &m.attributes {
        o.insert("MessageAttributes".into(), a.clone());
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

/// What `viewer` may see of the history (B-MSG-03/07/09, B-FLOW-03/05/07).
fn visible(st: &AppInstanceState, m: &Message, viewer: &str) -> bool {
    let kept = m.persistence == "PERSISTENT" || st.faults.has(Fault::NonPersistentKept);
    if m.status == "DENIED" || !kept {
        return false;
    }
    if m.status != "SENT" && *m.sender != *viewer {
        return false;
    }
    match &m.target {
        Some(_) if st.faults.has(Fault::TargetIgnored) => true,
        Some(t) => *m.sender == *viewer || t.iter().any(|a| a == viewer),
        None => true,
    }
}

/// Reading messages: members and managers; non-members on PUBLIC channels (B-CH-04).
fn may_read(
    st: &AppInstanceState,
    ch: &Channel,
    r: super::channels::Roles,
) -> Result<(), ApiError> {
    let open = ch.privacy == "PUBLIC" || st.faults.has(Fault::PrivateChannelReadable);
    if r.admin || r.moderator || r.member || open {
        Ok(())
    } else {
        Err(deny("read messages of this PRIVATE channel"))
    }
}

/// The sub-channel a message operation addresses (B-EL-02).
fn sub_channel_of(
    faults: &crate::server::faults::FaultSet,
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

enum FlowOutcome {
    Pending,
    Sent,
    Failed,
}

/// B-FLOW-07: an unreachable processor with ABORT fails the message, with CONTINUE it is
/// skipped; the message waits for a callback when a reachable processor remains.
fn run_flow(d: &Domain, flow: &Flow) -> FlowOutcome {
    let mut any_reachable = false;
    for p in flow.processors.as_array().into_iter().flatten() {
        let lambda = p
            .pointer("/Configuration/Lambda/ResourceArn")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if d.processor_reachable(lambda) {
            any_reachable = true;
        } else if p.get("FallbackAction").and_then(Value::as_str) == Some("ABORT")
            && !d.fault(Fault::AbortIgnored)
        {
            return FlowOutcome::Failed;
        }
    }
    if any_reachable {
        FlowOutcome::Pending
    } else {
        FlowOutcome::Sent
    }
}

/// Puts a new or edited STANDARD message through the channel's flow, if it has one
/// (B-FLOW-02/03/04). CONTROL messages skip the flow.
fn apply_flow(cx: &mut Ctx, arn: &str, m: &mut Message) {
    m.status = "SENT";
    m.callback = None;
    if m.kind != "STANDARD" && !cx.d.fault(Fault::ControlThroughFlow) {
        return;
    }
    let Some(flow) = cx
        .st
        .channels
        .get(arn)
        .and_then(|c| c.flow.as_ref())
        .and_then(|f| cx.st.flows.get(f))
    else {
        return;
    };
    match run_flow(cx.d, flow) {
        FlowOutcome::Sent => {}
        FlowOutcome::Failed => {
            m.status = "FAILED";
            m.status_detail = Some("the channel flow processor could not be reached".into());
        }
        FlowOutcome::Pending => {
            m.status = if cx.d.fault(Fault::FlowNeverPending) {
                "SENT"
            } else {
                "PENDING"
            };
            let callback_id = new_simple_id();
            m.callback = Some((callback_id.clone(), cx.now + CALLBACK_WINDOW_SECONDS));
            let event = json!({
                "EventType": "CHANNEL_MESSAGE_EVENT",
                "CallbackId": callback_id,
                "ChannelMessage": full_value(cx.st, m),
            });
            if let Some(ch) = cx.st.channels.get_mut(arn) {
                ch.flow_events.push(event);
            }
        }
    }
}

/// Records that a message was sent: last-message time and, for LAST_MESSAGE_TIMESTAMP,
/// a later expiry (B-EXP-05).
fn mark_sent(st: &mut AppInstanceState, arn: &str, now: f64) {
    if let Some(ch) = st.channels.get_mut(arn) {
        ch.last_message = Some(now);
    }
    set_expiry(st, arn);
}

fn send_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    // B-AUTH-06: admins and moderators must hold a membership before they send.
    if !r.member && !cx.d.fault(Fault::NonMemberSends) {
        return Err(deny("send to a channel without a membership"));
    }
    let a = &cx.args;
    let kind = enum_value("Type", a.str("Type")?, &["STANDARD", "CONTROL"])?;
    let content = a.str("Content")?.to_owned();
    let metadata = a.opt_str("Metadata").map(str::to_owned);
    check_sizes(&cx.st.faults, kind, &content, metadata.as_deref())?;
    let persistence = enum_value(
        "Persistence",
        a.str("Persistence")?,
        &["PERSISTENT", "NON_PERSISTENT"],
    )?;
    let ch = channel(cx.st, &arn)?;
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
    let seq = cx.st.next_seq;
    cx.st.next_seq += 1;
    let key: MsgKey = (ms(cx.now), seq);
    let mut m = Message {
        id: new_simple_id(),
        channel_arn: cx.st.share(&arn),
        sub_channel: sub.clone(),
        content,
        metadata,
        content_type: a
            .opt_str("ContentType")
            .filter(|_| !cx.d.fault(Fault::ContentTypeDropped))
            .map(str::to_owned),
        attributes: a.opt_value("MessageAttributes").cloned(),
        kind,
        persistence,
        sender: cx.st.share(&caller),
        created: cx.now,
        updated: cx.now,
        last_edited: None,
        redacted: false,
        status: "SENT",
        status_detail: None,
        target: target_list,
        callback: None,
        key,
    };
    apply_flow(cx, &arn, &mut m);
    if m.status == "SENT" {
        mark_sent(cx.st, &arn, cx.now);
    }
    let mut out = Map::with_capacity(4);
    out.insert("ChannelArn".into(), Value::String(arn.clone()));
    out.insert("MessageId".into(), Value::String(m.id.clone()));
    out.insert("Status".into(), status_value(&m));
    if let Some(s) = &sub {
        out.insert("SubChannelId".into(), Value::String(s.clone()));
    }
    // B-MSG-03: a NON_PERSISTENT message is delivered, not kept (unless a flow still holds it).
    let keep = m.persistence == "PERSISTENT" || cx.d.fault(Fault::NonPersistentKept);
    if keep || m.status == "PENDING" || m.callback.is_some() {
        let ch = channel_mut(cx.st, &arn)?;
        let bucket = sub.clone().unwrap_or_default();
        ch.message_index.insert(m.id.clone(), (bucket.clone(), key));
        ch.messages
            .entry(bucket)
            .or_default()
            .insert(key, Box::new(m));
    }
    Ok(Value::Object(out))
}

/// The stored message named by `MessageId` (NotFound when absent, denied or not kept).
fn stored<'s>(ch: &'s mut Channel, id: &str) -> Result<&'s mut Message, ApiError> {
    let (bucket, key) = ch
        .message_index
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("message {id} does not exist")))?;
    ch.messages
        .get_mut(&bucket)
        .and_then(|b| b.get_mut(&key))
        .map(|m| &mut **m)
        .filter(|m| m.status != "DENIED")
        .ok_or_else(|| ApiError::not_found(format!("message {id} does not exist")))
}

fn find<'s>(ch: &'s Channel, id: &str) -> Option<&'s Message> {
    let (bucket, key) = ch.message_index.get(id)?;
    ch.messages.get(bucket)?.get(key).map(|m| &**m)
}

fn get_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let id = cx.args.str("MessageId")?;
    let ch = channel(cx.st, &arn)?;
    may_read(cx.st, ch, r)?;
    let m = find(ch, id).filter(|m| visible(cx.st, m, &caller));
    let Some(m) = m else {
        return Err(ApiError::not_found(format!("message {id} does not exist")));
    };
    Ok(json!({"ChannelMessage": full_value(cx.st, m)}))
}

fn list_messages(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let ch = channel(cx.st, &arn)?;
    may_read(cx.st, ch, r)?;
    let faults = &cx.st.faults;
    let sub = sub_channel_of(faults, ch, cx.args.opt_str("SubChannelId"))?;
    let ascending = match cx.args.opt_str("SortOrder") {
        Some(order) => order == "ASCENDING",
        None => faults.has(Fault::AscendingByDefault),
    };
    let dir = if ascending { "a" } else { "d" };
    // B-LIST-02 (assumed inclusive bounds).
    let not_before = cx
        .args
        .opt_f64("NotBefore")
        .filter(|_| !faults.has(Fault::NotBeforeIgnored));
    let lo: MsgKey = (not_before.map_or(i64::MIN, ms), 0);
    let hi: MsgKey = (cx.args.opt_f64("NotAfter").map_or(i64::MAX, ms), u64::MAX);
    let (lo, hi) = match cx.args.next_token() {
        None => (lo, hi),
        Some(t) => {
            let raw = decode_token("msg", t)?;
            let bad = || ApiError::bad_request(format!("NextToken {t:?} is not valid here"));
            let mut parts = raw.split(':');
            let (Some(d), Some(ts), Some(seq), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            let resume: MsgKey = (
                ts.parse().map_err(|_| bad())?,
                seq.parse().map_err(|_| bad())?,
            );
            if d != dir {
                return Err(bad());
            }
            if ascending {
                (resume, hi)
            } else {
                (lo, resume)
            }
        }
    };
    let mut size = cx.args.page_size();
    if faults.has(Fault::DefaultPageOfTen) && cx.args.opt_value("MaxResults").is_none() {
        size = 10;
    }
    let mut out = Vec::new();
    let mut next = None;
    let mut last_listed = None;
    if lo <= hi
        && let Some(bucket) = ch.messages.get(&sub.clone().unwrap_or_default())
    {
        let range = bucket.range(lo..=hi).map(|(k, m)| (k, &**m));
        let iter: Box<dyn Iterator<Item = (&MsgKey, &Message)>> = if ascending {
            Box::new(range)
        } else {
            Box::new(range.rev())
        };
        let mut listed = iter.filter(|(_, m)| visible(cx.st, m, &caller));
        while let Some((k, m)) = listed.next() {
            if out.len() == size {
                let mut resume = *k;
                if faults.has(Fault::PaginationRepeats) {
                    resume = last_listed.unwrap_or(resume);
                }
                if faults.has(Fault::PaginationSkips) {
                    resume = listed.next().map_or(resume, |(k, _)| *k);
                }
                next = Some(encode_token(
                    "msg",
                    &format!("{dir}:{}:{}", resume.0, resume.1),
                ));
                break;
            }
            last_listed = Some(*k);
            let mut summary = summary_value(cx.st, m);
            if faults.has(Fault::SummaryLeaksChannelArn)
                && let Some(o) = summary.as_object_mut()
            {
                o.insert(
                    "ChannelArn".into(),
                    Value::String(m.channel_arn.to_string()),
                );
                o.insert("Persistence".into(), json!(m.persistence));
            }
            out.push(summary);
        }
    }
    if next.is_none() && faults.has(Fault::TokenOnLastPage) {
        next = Some(encode_token("msg", &format!("{dir}:{}:{}", i64::MIN, 0)));
    }
    // Built directly: `json!` would copy every listed message once more.
    let mut page = Map::with_capacity(4);
    page.insert("ChannelArn".into(), Value::String(arn));
    page.insert("ChannelMessages".into(), Value::Array(out));
    if let Some(sub) = sub {
        page.insert("SubChannelId".into(), Value::String(sub));
    }
    Ok(with_token(Value::Object(page), next))
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
    let m = stored(ch, id)?;
    if m.sub_channel != sub {
        return Err(ApiError::not_found(format!(
            "message {id} is not in that sub-channel"
        )));
    }
    if m.status != "SENT" {
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
    let out = compact(json!({
        "ChannelArn": arn, "MessageId": edited.id, "Status": status_value(&edited),
        "SubChannelId": edited.sub_channel,
    }));
    let ch = channel_mut(cx.st, &arn)?;
    let id = edited.id.clone();
    *stored(ch, &id)? = edited;
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
    Ok(compact(json!({
        "ChannelArn": arn, "MessageId": m.id, "SubChannelId": m.sub_channel,
    })))
}

fn delete_message(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    // B-AUTH-06: only an AppInstanceAdmin deletes messages.
    if !(r.admin || (r.moderator && cx.d.fault(Fault::ModeratorDeletesMessages))) {
        return Err(deny("delete messages (AppInstanceAdmin only)"));
    }
    let (id, key, bucket) = {
        let m = sent_message(cx, &arn)?;
        (
            m.id.clone(),
            m.key,
            m.sub_channel.clone().unwrap_or_default(),
        )
    };
    let ch = channel_mut(cx.st, &arn)?;
    ch.message_index.remove(&id);
    if let Some(b) = ch.messages.get_mut(&bucket)
        && !cx.d.fault(Fault::DeletedMessageListed)
    {
        b.remove(&key);
    }
    Ok(json!({}))
}

fn message_status(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, _) = target(cx)?;
    let id = cx.args.str("MessageId")?;
    let ch = channel(cx.st, &arn)?;
    let m =
        find(ch, id).ok_or_else(|| ApiError::not_found(format!("message {id} does not exist")))?;
    // B-FLOW-08: the sender only; no status for DENIED messages.
    if *m.sender != *caller && !cx.d.fault(Fault::StatusForAnyone) {
        return Err(deny("read the status of another member's message"));
    }
    if m.status == "DENIED" {
        return Ok(json!({}));
    }
    Ok(json!({"Status": status_value(m)}))
}

fn flow_callback(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ChannelArn")?.to_owned();
    let callback_id = cx.args.str("CallbackId")?.to_owned();
    let cm = cx.args.value("ChannelMessage")?.clone();
    let id = cm
        .get("MessageId")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("ChannelMessage.MessageId is required"))?
        .to_owned();
    let delete =
        cx.args.opt_bool("DeleteResource").unwrap_or(false) && !cx.d.fault(Fault::DenyStillStores);
    let ignore_content = cx.d.fault(Fault::CallbackContentIgnored);
    let window = !cx.d.fault(Fault::CallbackWindowUnlimited);
    let now = cx.now;
    // Direct field access: `cx.st.faults` is read below while `ch` is held.
    let ch = cx
        .st
        .channels
        .get_mut(&arn)
        .ok_or_else(|| missing_channel(&arn))?;
    let m = stored(ch, &id)?;
    let Some((expected, deadline)) = m.callback.clone() else {
        return Err(ApiError::conflict(format!(
            "message {id} is not waiting for a channel flow callback"
        )));
    };
    // The processor answers with the CallbackId of the event it received (B-FLOW-04/05).
    if expected != callback_id {
        return Err(ApiError::bad_request(format!(
            "CallbackId {callback_id} is not the one sent to the processor for message {id}"
        )));
    }
    // B-FLOW-06: the processor has 48 hours.
    if window && now > deadline {
        return Err(ApiError::forbidden(format!(
            "the callback window for message {id} closed 48 hours after it was sent"
        )));
    }
    m.callback = None;
    if delete {
        // B-FLOW-05: DENIED, not stored and not listed.
        m.status = "DENIED";
        m.content.clear();
        m.metadata = None;
        return Ok(json!({"ChannelArn": arn, "CallbackId": callback_id}));
    }
    let changes = Some(&cm).filter(|_| !ignore_content);
    let content = changes
        .and_then(|c| c.get("Content"))
        .and_then(Value::as_str);
    let metadata = changes
        .and_then(|c| c.get("Metadata"))
        .and_then(Value::as_str);
    check_sizes(
        &cx.st.faults,
        m.kind,
        content.unwrap_or(&m.content),
        metadata.or(m.metadata.as_deref()),
    )?;
    if let Some(c) = content {
        m.content = c.to_owned();
    }
    if let Some(md) = metadata {
        m.metadata = Some(md.to_owned());
    }
    if let Some(t) = changes
        .and_then(|c| c.get("ContentType"))
        .and_then(Value::as_str)
    {
        m.content_type = Some(t.to_owned());
    }
    if let Some(a) = cm.get("MessageAttributes").filter(|v| !v.is_null()) {
        m.attributes = Some(a.clone());
    }
    m.status = "SENT";
    m.updated = now;
    let edit = m.last_edited.is_some();
    if !edit {
        mark_sent(cx.st, &arn, now);
    }
    Ok(json!({"ChannelArn": arn, "CallbackId": callback_id}))
}

fn flow_value(f: &Flow, full: bool) -> Value {
    let mut v = json!({"ChannelFlowArn": f.arn, "Name": f.name, "Processors": f.processors});
    if full && let Some(o) = v.as_object_mut() {
        o.insert("CreatedTimestamp".into(), json!(f.created));
        o.insert("LastUpdatedTimestamp".into(), json!(f.updated));
    }
    v
}

fn flow_mut<'s>(st: &'s mut AppInstanceState, arn: &str) -> Result<&'s mut Flow, ApiError> {
    st.flows
        .get_mut(arn)
        .ok_or_else(|| ApiError::not_found(format!("channel flow {arn} does not exist")))
}

fn create_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    if cx.args.str("AppInstanceArn")? != cx.st.arn {
        return Err(ApiError::bad_request("AppInstanceArn does not match"));
    }
    let arn = format!("{ARN_PREFIX}channel-flow/{}", new_id());
    let tags = read_tags(cx.args.opt_value("Tags"))?;
    let f = Flow {
        arn: arn.clone(),
        name: cx.args.str("Name")?.to_owned(),
        processors: cx.args.value("Processors")?.clone(),
        created: cx.now,
        updated: cx.now,
        channels: BTreeSet::new(),
    };
    cx.st.flows.insert(arn.clone(), f);
    if !tags.is_empty() {
        cx.st.tags.insert(arn.clone(), tags);
    }
    write(&cx.d.flow_index).insert(arn.clone(), cx.st.arn.clone());
    Ok(json!({ "ChannelFlowArn": arn }))
}

fn describe_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let f = flow_mut(cx.st, cx.args.str("ChannelFlowArn")?)?;
    Ok(json!({"ChannelFlow": flow_value(f, true)}))
}

fn update_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = cx.args.str("Name")?.to_owned();
    let processors = cx.args.value("Processors")?.clone();
    let f = flow_mut(cx.st, cx.args.str("ChannelFlowArn")?)?;
    f.name = name;
    f.processors = processors;
    f.updated = now;
    Ok(json!({ "ChannelFlowArn": f.arn }))
}

fn list_flows(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (items, next) = page(&cx.st.flows, &cx.args, "fl", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, f)| flow_value(f, false))
        .collect();
    Ok(with_token(json!({ "ChannelFlows": items }), next))
}

fn delete_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ChannelFlowArn")?.to_owned();
    let f = flow_mut(cx.st, &arn)?;
    // B-FLOW-01: a flow can be deleted only when no channel uses it.
    if !f.channels.is_empty() && !cx.d.fault(Fault::FlowDeletableInUse) {
        return Err(ApiError::conflict(format!(
            "channel flow {arn} is associated with {} channel(s)",
            f.channels.len()
        )));
    }
    cx.st.flows.remove(&arn);
    cx.st.tags.remove(&arn);
    write(&cx.d.flow_index).remove(&arn);
    Ok(json!({}))
}

fn associate_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("associate a channel flow"));
    }
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    flow_mut(cx.st, &flow)?;
    let ch = channel_mut(cx.st, &arn)?;
    match &ch.flow {
        Some(f) if *f == flow => return Ok(json!({})),
        Some(f) => {
            return Err(ApiError::conflict(format!(
                "the channel already uses channel flow {f}"
            )));
        }
        None => ch.flow = Some(flow.clone()),
    }
    flow_mut(cx.st, &flow)?.channels.insert(arn);
    Ok(json!({}))
}

fn disassociate_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("disassociate a channel flow"));
    }
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    let ch = channel_mut(cx.st, &arn)?;
    if ch.flow.as_deref() != Some(flow.as_str()) {
        return Err(ApiError::not_found(format!(
            "the channel is not associated with {flow}"
        )));
    }
    ch.flow = None;
    if let Ok(f) = flow_mut(cx.st, &flow) {
        f.channels.remove(&arn);
    }
    Ok(json!({}))
}

fn list_flow_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    flow_mut(cx.st, &flow)?;
    let (items, next) = page(&cx.st.channels, &cx.args, "fc", |ch| {
        ch.flow.as_deref() == Some(flow.as_str())
    })?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, ch)| {
            compact(json!({
                "ChannelArn": ch.arn, "Name": ch.name, "Metadata": ch.metadata,
                "Mode": ch.mode, "Privacy": ch.privacy,
            }))
        })
        .collect();
    Ok(with_token(json!({ "Channels": items }), next))
}

fn put_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    let configs = cx.args.value("StreamingConfigurations")?.clone();
    cx.st.streaming = Some(configs.clone());
    Ok(json!({ "StreamingConfigurations": configs }))
}

fn get_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    match &cx.st.streaming {
        Some(c) => Ok(json!({ "StreamingConfigurations": c })),
        None => Err(ApiError::not_found(
            "the AppInstance has no streaming configurations",
        )),
    }
}

fn delete_streaming(cx: &mut Ctx) -> Result<Value, ApiError> {
    cx.st.streaming = None;
    Ok(json!({}))
}
