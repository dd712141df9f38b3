//! One received frame read as a session event and judged against the documents: the envelope
//! (B-WS-03: a text frame holding a JSON object with `Headers` naming the event and message
//! types, and a `Payload` that is a JSON document in a string) and the payload against the
//! schema of its event type, generated from the model with ISO-8601 timestamps (B-WS-14).

use crate::schema::events::{self, EventType, Payload};
use crate::schema::{Violation, ViolationKind};
use crate::wire::session::{Frame, FrameData};
use serde_json::{Map, Value};
use std::time::Instant;

pub const EVENT_TYPE_HEADER: &str = "x-amz-chime-event-type";
pub const MESSAGE_TYPE_HEADER: &str = "x-amz-chime-message-type";

/// A frame read as an event.
#[derive(Debug, Clone)]
pub struct Event {
    /// The frame's position in its session, from 0.
    pub index: usize,
    pub received: Instant,
    pub event_type: String,
    pub message_type: Option<String>,
    pub headers: Map<String, Value>,
    /// The decoded payload; `None` when the frame has none.
    pub payload: Option<Value>,
}

/// What reading one frame found: the event, when the frame names one, and every way the
/// frame breaks the documents.
#[derive(Debug, Default)]
pub struct Reading {
    pub event: Option<Event>,
    pub violations: Vec<Violation>,
}

fn violation(pointer: &str, expected: &str, found: impl Into<String>) -> Violation {
    Violation::new(ViolationKind::Schema, pointer, expected, found)
}

/// A value for a message, cut short.
fn shown(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// Reads frame `index` of a session.
pub fn read(frame: &Frame, index: usize) -> Reading {
    let mut out = Reading::default();
    let text = match &frame.data {
        FrameData::Text(t) => t,
        FrameData::Binary(b) => {
            out.violations.push(violation(
                "",
                "a text frame",
                format!("a binary frame of {} bytes", b.len()),
            ));
            return out;
        }
    };
    let envelope = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(o)) => o,
        Ok(other) => {
            out.violations
                .push(violation("", "a JSON object", shown(&other)));
            return out;
        }
        Err(e) => {
            out.violations
                .push(violation("", "a JSON object", format!("not JSON ({e})")));
            return out;
        }
    };
    for key in envelope
        .keys()
        .filter(|k| !["Headers", "Payload"].contains(&k.as_str()))
    {
        out.violations.push(Violation::new(
            ViolationKind::UnknownMember,
            format!("/{key}"),
            "only Headers and Payload",
            key.clone(),
        ));
    }
    let Some(Value::Object(headers)) = envelope.get("Headers") else {
        let found = envelope.get("Headers").map_or("no Headers".into(), shown);
        out.violations
            .push(violation("/Headers", "an object of headers", found));
        return out;
    };
    let header = |name: &str| headers.get(name).and_then(Value::as_str).map(str::to_owned);
    let Some(event_type) = header(EVENT_TYPE_HEADER) else {
        out.violations.push(violation(
            &format!("/Headers/{EVENT_TYPE_HEADER}"),
            "the event type as a string",
            headers
                .get(EVENT_TYPE_HEADER)
                .map_or("nothing".into(), shown),
        ));
        return out;
    };
    let documented = events::event_type(&event_type);
    if documented.is_none() {
        // The service may add event types; like an unknown member, this fails when strict.
        out.violations.push(Violation::new(
            ViolationKind::UnknownMember,
            format!("/Headers/{EVENT_TYPE_HEADER}"),
            "one of the event types the developer guide lists",
            event_type.clone(),
        ));
    }
    let payload = read_payload(envelope.get("Payload"), documented, &mut out.violations);
    let message_type = header(MESSAGE_TYPE_HEADER);
    if let Some(documented) = documented {
        check_message_type(
            documented,
            message_type.as_deref(),
            payload.as_ref(),
            &mut out.violations,
        );
        if let Some(p) = &payload {
            for mut v in events::validate_payload(&event_type, p) {
                v.pointer = format!("/Payload{}", v.pointer);
                out.violations.push(v);
            }
        }
    }
    out.event = Some(Event {
        index,
        received: frame.received,
        event_type,
        message_type,
        headers: headers.clone(),
        payload,
    });
    out
}

/// The decoded payload. It must be a string holding a JSON document; SESSION_ESTABLISHED has
/// none (absent, null or empty). An object sent in its place is kept, so the event can still
/// be matched, and reported.
fn read_payload(
    raw: Option<&Value>,
    documented: Option<&EventType>,
    out: &mut Vec<Violation>,
) -> Option<Value> {
    let expects_payload = documented.is_none_or(|e| e.payload != Payload::None);
    match raw {
        None | Some(Value::Null) if !expects_payload => None,
        Some(Value::String(s)) if s.is_empty() && !expects_payload => None,
        None | Some(Value::Null) => {
            out.push(violation(
                "/Payload",
                "a JSON document in a string",
                "no Payload",
            ));
            None
        }
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(v) => Some(v),
            Err(e) => {
                out.push(violation(
                    "/Payload",
                    "a JSON document in a string",
                    format!("a string that is not JSON ({e})"),
                ));
                None
            }
        },
        Some(other) => {
            out.push(violation(
                "/Payload",
                "a JSON document in a string",
                format!("{} {}", kind_of(other), shown(other)),
            ));
            Some(other.clone())
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        _ => "a value",
    }
}

/// STANDARD or CONTROL (the message's Type) for a channel message, SYSTEM for the rest.
fn check_message_type(
    event: &EventType,
    found: Option<&str>,
    payload: Option<&Value>,
    out: &mut Vec<Violation>,
) {
    let pointer = format!("/Headers/{MESSAGE_TYPE_HEADER}");
    let found_text = found.map_or_else(|| "nothing".to_owned(), |f| format!("{f:?}"));
    if !event.is_channel_message() {
        if found != Some("SYSTEM") {
            out.push(violation(&pointer, "SYSTEM", found_text));
        }
        return;
    }
    let message_type = payload.and_then(|p| p.get("Type")).and_then(Value::as_str);
    match (found, message_type) {
        (Some(f), Some(t)) if f == t => {}
        (Some("STANDARD" | "CONTROL"), None) => {}
        (_, Some(t)) => out.push(violation(
            &pointer,
            &format!("{t}, the message's Type"),
            found_text,
        )),
        (_, None) => out.push(violation(&pointer, "STANDARD or CONTROL", found_text)),
    }
}

impl Event {
    /// Whether `value` is one of the payload's string values, anywhere in it (exact, never a
    /// substring): the event is about that message, channel or user.
    pub fn is_about(&self, value: &str) -> bool {
        fn find(v: &Value, wanted: &str) -> bool {
            match v {
                Value::String(s) => s == wanted,
                Value::Array(items) => items.iter().any(|i| find(i, wanted)),
                Value::Object(map) => map.values().any(|i| find(i, wanted)),
                _ => false,
            }
        }
        self.payload.as_ref().is_some_and(|p| find(p, value))
    }

    /// Whether the event's subject is `value`: the message of a message event, the channel of
    /// a channel event or of CHANNEL_DETAILS, the member of a membership event (any of the
    /// members of a batch). An undocumented event is about whatever it mentions.
    pub fn is_for(&self, value: &str) -> bool {
        let Some(payload) = &self.payload else {
            return false;
        };
        let at = |pointer: &str| payload.pointer(pointer).and_then(Value::as_str) == Some(value);
        match events::event_type(&self.event_type).map(|e| e.payload) {
            Some(Payload::Shape("ChannelMessage")) => at("/MessageId"),
            Some(Payload::Shape("Channel")) => at("/ChannelArn"),
            Some(Payload::Shape("ChannelMembership")) => at("/Member/Arn"),
            Some(Payload::Shape("BatchChannelMemberships")) => payload
                .get("Members")
                .and_then(Value::as_array)
                .is_some_and(|m| {
                    m.iter()
                        .any(|m| m.get("Arn").and_then(Value::as_str) == Some(value))
                }),
            Some(Payload::ChannelDetails) => at("/Channel/ChannelArn"),
            Some(Payload::None) => false,
            Some(Payload::Shape(_)) | None => self.is_about(value),
        }
    }
}

#[cfg(test)]
mod tests;
