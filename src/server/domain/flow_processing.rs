//! Channel flows at work: a STANDARD message is held PENDING while the flow's processors are
//! asked, then sent, changed or denied by the processor's callback (B-FLOW-02..09).

use super::access::{deny, target};
use super::context::{Ctx, Handler};
use super::enums::{MessagePersistence, MessageStatus, MessageType};
use super::error::ApiError;
use super::expiration::message_sent;
use super::ids::new_simple_id;
use super::instances::Domain;
use super::message_rules::check_sizes;
use super::message_views::{full_value, status_value};
use super::push::{MessageChange, push_message};
use super::records::{Flow, Message, MessageAttributes, missing_channel};
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::HashMap;

/// How long a processor has to call back (B-FLOW-06).
pub const CALLBACK_WINDOW_SECONDS: f64 = 48.0 * 3600.0;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("ChannelFlowCallback", flow_callback);
    t.insert("GetChannelMessageStatus", message_status);
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
pub fn apply_flow(cx: &mut Ctx, arn: &str, m: &mut Message) {
    m.status = MessageStatus::Sent;
    m.callback = None;
    if m.kind != MessageType::Standard && !cx.d.fault(Fault::ControlThroughFlow) {
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
            m.status = MessageStatus::Failed;
            m.status_detail = Some("the channel flow processor could not be reached".into());
        }
        FlowOutcome::Pending => {
            m.status = if cx.d.fault(Fault::FlowNeverPending) {
                MessageStatus::Sent
            } else {
                MessageStatus::Pending
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

fn message_status(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, _) = target(cx)?;
    let id = cx.args.str("MessageId")?;
    let ch = cx.st.channel(&arn)?;
    let m = ch
        .message(id)
        .ok_or_else(|| ApiError::not_found(format!("message {id} does not exist")))?;
    // B-FLOW-08: the sender only; no status for DENIED messages.
    if *m.sender != *caller && !cx.d.fault(Fault::StatusForAnyone) {
        return Err(deny("read the status of another member's message"));
    }
    if m.status == MessageStatus::Denied {
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
    let attributes = cm
        .get("MessageAttributes")
        .filter(|v| !v.is_null())
        .map(MessageAttributes::read)
        .transpose()?;
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
    let m = ch.stored_message_mut(&id)?;
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
    let change = match m.last_edited {
        Some(_) => MessageChange::Updated,
        None => MessageChange::Created,
    };
    if delete {
        // B-FLOW-05: DENIED, not stored and not listed; its sender is told (B-WS-08).
        m.status = MessageStatus::Denied;
        m.content.clear();
        m.metadata = None;
        let denied = m.clone();
        push_message(cx.d, cx.st, &denied, change);
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
    if attributes.is_some() {
        m.attributes = attributes;
    }
    m.status = MessageStatus::Sent;
    m.updated = now;
    let sent = m.clone();
    if change == MessageChange::Created {
        let persistent = sent.persistence == MessagePersistence::Persistent;
        message_sent(cx.st, &arn, now, persistent);
    }
    // B-WS-08: let through, the message reaches the members.
    push_message(cx.d, cx.st, &sent, change);
    Ok(json!({"ChannelArn": arn, "CallbackId": callback_id}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, LAMBDA, callback, err, flowed_channel};
    use serde_json::json;

    #[test]
    fn b_flow_02_03_04_05_09_pending_event_and_callback_with_changes() {
        let fx = Fx::new();
        let (_, ch) = flowed_channel(&fx, "CONTINUE");
        let s = fx.send(&ch, "bob", "raw");
        assert_eq!(s["Status"]["Value"], "PENDING");
        let id = s["MessageId"].as_str().unwrap().to_owned();
        // only its sender may read it meanwhile
        assert_eq!(fx.contents(&ch, "bob", json!({})), vec!["raw"]);
        assert!(fx.contents(&ch, "alice", json!({})).is_empty());
        let e = fx.err(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
        );
        assert_eq!(e.shape, "NotFoundException");
        let events = fx.d.flow_events(&ch).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0]["EventType"], "CHANNEL_MESSAGE_EVENT");
        assert!(events[0]["CallbackId"].is_string());
        assert_eq!(events[0]["ChannelMessage"]["MessageId"], id);
        let out = callback(
            &fx,
            &ch,
            json!({"MessageId": id, "Content": "clean", "Metadata": "m2", "ContentType": "text/plain"}),
            false,
        )
        .unwrap();
        assert_eq!(out["ChannelArn"], ch);
        assert!(out["CallbackId"].is_string());
        let m = fx.ok(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
        )["ChannelMessage"]
            .clone();
        assert_eq!(m["Status"]["Value"], "SENT");
        assert_eq!(m["Content"], "clean");
        assert_eq!(m["Metadata"], "m2");
        assert_eq!(m["ContentType"], "text/plain");
        // a second, different callback for a settled message is refused
        assert!(
            callback(
                &fx,
                &ch,
                json!({"MessageId": id, "Content": "again"}),
                false
            )
            .is_err()
        );
        // a CallbackId other than the event's is refused
        let s2 = fx.send(&ch, "bob", "second");
        let e = err(
            &fx.d,
            "ChannelFlowCallback",
            json!({"ChannelArn": ch, "CallbackId": "0123456789abcdef0123456789abcdef",
                   "ChannelMessage": {"MessageId": s2["MessageId"]}}),
        );
        assert_eq!(e.shape, "BadRequestException");
        callback(&fx, &ch, json!({"MessageId": s2["MessageId"]}), false).unwrap();
        // CONTROL messages skip the flow
        let c = fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "ctl",
                   "Type": "CONTROL", "Persistence": "PERSISTENT", "ClientRequestToken": "t-ctl"}),
        );
        assert_eq!(c["Status"]["Value"], "SENT");
        // an edit of a persistent STANDARD message goes through the flow again
        let u = fx.ok(
            "UpdateChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id, "Content": "edit"}),
        );
        assert_eq!(u["Status"]["Value"], "PENDING");
        assert_eq!(fx.d.flow_events(&ch).unwrap().len(), 3);
        // no change -> SENT as sent
        callback(&fx, &ch, json!({"MessageId": id}), false).unwrap();
        assert_eq!(
            fx.contents(&ch, "alice", json!({})),
            vec!["ctl", "second", "edit"]
        );
    }

    #[test]
    fn b_flow_05_08_denied_message_is_gone_and_has_no_status() {
        let fx = Fx::new();
        let (_, ch) = flowed_channel(&fx, "CONTINUE");
        let id = fx.send(&ch, "bob", "bad")["MessageId"].clone();
        let st = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id});
        assert_eq!(
            fx.ok("GetChannelMessageStatus", st.clone())["Status"]["Value"],
            "PENDING"
        );
        // the sender only
        let other = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id});
        assert_eq!(
            fx.err("GetChannelMessageStatus", other).shape,
            "ForbiddenException"
        );
        callback(&fx, &ch, json!({"MessageId": id}), true).unwrap();
        assert_eq!(fx.ok("GetChannelMessageStatus", st), json!({}));
        assert!(fx.contents(&ch, "bob", json!({})).is_empty());
        let e = fx.err(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id}),
        );
        assert_eq!(e.shape, "NotFoundException");
    }

    #[test]
    fn b_flow_06_callback_after_48_hours_is_forbidden() {
        let fx = Fx::new();
        let (_, ch) = flowed_channel(&fx, "CONTINUE");
        let id = fx.send(&ch, "bob", "late")["MessageId"].clone();
        fx.d.advance_clock(&fx.inst, 48.0 * 3600.0 + 1.0).unwrap();
        let e = callback(&fx, &ch, json!({"MessageId": id}), false).unwrap_err();
        assert_eq!(e.shape, "ForbiddenException");
    }

    #[test]
    fn b_flow_07_unreachable_processor_abort_and_continue() {
        let fx = Fx::new();
        fx.d.set_processor_reachable(LAMBDA, false);
        let (_, aborting) = flowed_channel(&fx, "ABORT");
        let s = fx.send(&aborting, "bob", "x");
        assert_eq!(s["Status"]["Value"], "FAILED");
        assert!(fx.contents(&aborting, "alice", json!({})).is_empty());
        let (_, continuing) = flowed_channel(&fx, "CONTINUE");
        let s = fx.send(&continuing, "bob", "y");
        assert_eq!(s["Status"]["Value"], "SENT");
        assert_eq!(fx.contents(&continuing, "alice", json!({})), vec!["y"]);
        assert!(fx.d.flow_events(&continuing).unwrap().is_empty());
        fx.d.set_processor_reachable(LAMBDA, true);
        assert_eq!(
            fx.send(&continuing, "bob", "z")["Status"]["Value"],
            "PENDING"
        );
    }
}
