//! The events of a messaging session and their payloads: the 18 event types the developer
//! guide lists ("Understanding message structures", websockets.html), each with the model
//! structure its `Payload` carries, and schemas for those payloads generated from the model
//! with ISO-8601 timestamps (B-WS-14) instead of the epoch seconds of REST bodies.

use super::generate::{Generator, TimestampFormat};
use super::options::options;
use super::pattern::Side;
use super::violation::{Violation, ViolationKind, convert};
use crate::model::messaging;
use jsonschema::Validator;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What an event's `Payload` carries, once decoded from its string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// No payload (SESSION_ESTABLISHED).
    None,
    /// A structure of the messaging model.
    Shape(&'static str),
    /// A prefetched channel (CHANNEL_DETAILS): the channel's summary, its latest messages and
    /// memberships, and the user's read marker; no model structure has this shape.
    ChannelDetails,
}

/// One documented event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventType {
    pub name: &'static str,
    pub payload: Payload,
}

impl EventType {
    /// Whether the event is about a channel message: its `x-amz-chime-message-type` is the
    /// message's Type (STANDARD or CONTROL), where every other event's is SYSTEM (B-WS-03).
    pub fn is_channel_message(&self) -> bool {
        self.payload == Payload::Shape("ChannelMessage")
    }
}

const fn event(name: &'static str, payload: Payload) -> EventType {
    EventType { name, payload }
}

const MESSAGE: Payload = Payload::Shape("ChannelMessage");
const CHANNEL: Payload = Payload::Shape("Channel");
const MEMBERSHIP: Payload = Payload::Shape("ChannelMembership");

/// The event types of the developer guide, in its order.
pub const EVENT_TYPES: [EventType; 18] = [
    event("SESSION_ESTABLISHED", Payload::None),
    event("CREATE_CHANNEL_MESSAGE", MESSAGE),
    event("REDACT_CHANNEL_MESSAGE", MESSAGE),
    event("UPDATE_CHANNEL_MESSAGE", MESSAGE),
    event("DELETE_CHANNEL_MESSAGE", MESSAGE),
    event("PENDING_CREATE_CHANNEL_MESSAGE", MESSAGE),
    event("PENDING_UPDATE_CHANNEL_MESSAGE", MESSAGE),
    event("FAILED_CREATE_CHANNEL_MESSAGE", MESSAGE),
    event("FAILED_UPDATE_CHANNEL_MESSAGE", MESSAGE),
    event("DENIED_CREATE_CHANNEL_MESSAGE", MESSAGE),
    event("DENIED_UPDATE_CHANNEL_MESSAGE", MESSAGE),
    event("CHANNEL_DETAILS", Payload::ChannelDetails),
    event("UPDATE_CHANNEL", CHANNEL),
    event("DELETE_CHANNEL", CHANNEL),
    event(
        "BATCH_CREATE_CHANNEL_MEMBERSHIP",
        Payload::Shape("BatchChannelMemberships"),
    ),
    event("CREATE_CHANNEL_MEMBERSHIP", MEMBERSHIP),
    event("DELETE_CHANNEL_MEMBERSHIP", MEMBERSHIP),
    event("UPDATE_CHANNEL_MEMBERSHIP", MEMBERSHIP),
];

/// A documented event type by name.
pub fn event_type(name: &str) -> Option<&'static EventType> {
    EVENT_TYPES.iter().find(|e| e.name == name)
}

/// At most this many messages and memberships in a CHANNEL_DETAILS payload (B-WS-11).
pub const PREFETCHED_MESSAGES: u64 = 20;
pub const PREFETCHED_MEMBERSHIPS: u64 = 30;

/// The schema of an event type's decoded payload; `None` for an event without one.
pub fn payload_schema(event: &EventType) -> Option<Value> {
    let mut g = Generator::with_timestamps(messaging(), Side::Response, TimestampFormat::Iso8601);
    let root = match event.payload {
        Payload::None => return None,
        Payload::Shape(shape) => g.reference(shape),
        Payload::ChannelDetails => channel_details(&mut g),
    };
    // A `$ref` root is wrapped, so the document can carry its own keywords beside it.
    let root = if root.get("$ref").is_some() {
        json!({"allOf": [root]})
    } else {
        root
    };
    Some(
        g.document(
            root,
            format!("{} payload", event.name),
            "The Payload of a messaging-session event, decoded from its JSON string; timestamps \
         are ISO-8601 strings."
                .to_owned(),
        ),
    )
}

/// `{Channel, ChannelMessages, ChannelMessagesHasMore, ChannelMemberships,
/// ReadMarkerTimestamp}` over the model's summary shapes.
fn channel_details(g: &mut Generator<'_>) -> Value {
    let list = |g: &mut Generator<'_>, item: &str, max: u64| json!({"type": "array", "items": g.reference(item), "maxItems": max});
    let mut properties = Map::new();
    properties.insert("Channel".into(), g.reference("ChannelSummary"));
    properties.insert(
        "ChannelMessages".into(),
        list(g, "ChannelMessageSummary", PREFETCHED_MESSAGES),
    );
    properties.insert("ChannelMessagesHasMore".into(), json!({"type": "boolean"}));
    properties.insert(
        "ChannelMemberships".into(),
        list(g, "ChannelMembershipSummary", PREFETCHED_MEMBERSHIPS),
    );
    properties.insert("ReadMarkerTimestamp".into(), g.reference("Timestamp"));
    json!({
        "type": "object",
        "properties": properties,
        "required": ["Channel"],
        "additionalProperties": false,
    })
}

/// Judges a decoded payload against its event type's schema; an event type the guide does
/// not list, or one without a payload, has nothing to judge it by.
pub fn validate_payload(event: &str, payload: &Value) -> Vec<Violation> {
    type Compiled = Result<Validator, String>;
    static VALIDATORS: OnceLock<HashMap<&'static str, Compiled>> = OnceLock::new();
    let validators = VALIDATORS.get_or_init(|| {
        EVENT_TYPES
            .iter()
            .filter_map(|e| {
                let schema = payload_schema(e)?;
                let compiled = options().build(&schema).map_err(|err| {
                    format!("the {} payload schema does not compile: {err}", e.name)
                });
                Some((e.name, compiled))
            })
            .collect()
    });
    let mut out = Vec::new();
    match validators.get(event) {
        None => {}
        Some(Err(e)) => out.push(Violation::new(
            ViolationKind::Schema,
            "",
            "a compilable schema",
            e.clone(),
        )),
        Some(Ok(v)) if !v.is_valid(payload) => {
            for error in v.iter_errors(payload) {
                convert(&error, &mut out);
            }
        }
        Some(Ok(_)) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
    const USER_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";

    fn message() -> Value {
        json!({
            "ChannelArn": CHANNEL_ARN,
            "MessageId": "m1",
            "Content": "hello",
            "Type": "STANDARD",
            "Persistence": "PERSISTENT",
            "CreatedTimestamp": "2024-01-02T03:04:05.678Z",
            "LastUpdatedTimestamp": "2024-01-02T03:04:05.678Z",
            "Sender": {"Arn": USER_ARN, "Name": "u"},
            "Redacted": false,
            "Status": {"Value": "SENT"}
        })
    }

    #[test]
    fn there_are_eighteen_documented_event_types_with_unique_names() {
        let mut names: Vec<&str> = EVENT_TYPES.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 18);
        assert!(
            event_type("CREATE_CHANNEL_MESSAGE")
                .unwrap()
                .is_channel_message()
        );
        assert!(!event_type("UPDATE_CHANNEL").unwrap().is_channel_message());
        assert_eq!(event_type("CREATE_CHANNEL"), None);
    }

    #[test]
    fn every_payload_schema_compiles() {
        for e in &EVENT_TYPES {
            match payload_schema(e) {
                None => assert_eq!(e.payload, Payload::None, "{}", e.name),
                Some(schema) => {
                    options()
                        .build(&schema)
                        .unwrap_or_else(|err| panic!("{}: {err}", e.name));
                }
            }
        }
    }

    #[test]
    fn a_channel_message_payload_has_iso_timestamps() {
        assert_eq!(validate_payload("CREATE_CHANNEL_MESSAGE", &message()), []);
        let mut epoch = message();
        epoch["CreatedTimestamp"] = json!(1_704_164_645.678);
        let found = validate_payload("CREATE_CHANNEL_MESSAGE", &epoch);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/CreatedTimestamp");
        for bad in [
            "2024-01-02T03:04:05Z",
            "2024-01-02 03:04:05.678Z",
            "2024-01-02T03:04:05.678+00:00",
        ] {
            let mut m = message();
            m["CreatedTimestamp"] = json!(bad);
            assert!(
                !validate_payload("CREATE_CHANNEL_MESSAGE", &m).is_empty(),
                "{bad} accepted"
            );
        }
    }

    #[test]
    fn unknown_members_and_wrong_types_are_violations() {
        let mut m = message();
        m["Extra"] = json!(1);
        m["Redacted"] = json!("no");
        let kinds: Vec<ViolationKind> = validate_payload("UPDATE_CHANNEL_MESSAGE", &m)
            .into_iter()
            .map(|v| v.kind)
            .collect();
        assert!(kinds.contains(&ViolationKind::UnknownMember), "{kinds:?}");
        assert!(kinds.contains(&ViolationKind::Schema), "{kinds:?}");
        // A ChannelMessage is not a Channel.
        assert!(!validate_payload("UPDATE_CHANNEL", &message()).is_empty());
    }

    #[test]
    fn channel_details_hold_summaries_within_their_limits() {
        let summary = json!({"MessageId": "m1", "Content": "x", "Type": "STANDARD",
            "CreatedTimestamp": "2024-01-02T03:04:05.678Z", "Redacted": false});
        let details = |messages: usize| {
            json!({
                "Channel": {"Name": "general", "ChannelArn": CHANNEL_ARN, "Mode": "RESTRICTED",
                            "Privacy": "PRIVATE", "LastMessageTimestamp": "2024-01-02T03:04:05.678Z"},
                "ChannelMessages": vec![summary.clone(); messages],
                "ChannelMessagesHasMore": messages == 20,
                "ChannelMemberships": [{"Member": {"Arn": USER_ARN, "Name": "u"}}],
                "ReadMarkerTimestamp": "2024-01-02T03:04:05.678Z"
            })
        };
        assert_eq!(validate_payload("CHANNEL_DETAILS", &details(20)), []);
        let over = validate_payload("CHANNEL_DETAILS", &details(21));
        assert_eq!(over.len(), 1, "{over:?}");
        assert_eq!(over[0].pointer, "/ChannelMessages");
        // A message summary has no ChannelArn (it is the channel's).
        let mut leaky = details(1);
        leaky["ChannelMessages"][0]["ChannelArn"] = json!(CHANNEL_ARN);
        assert_eq!(
            validate_payload("CHANNEL_DETAILS", &leaky)[0].kind,
            ViolationKind::UnknownMember
        );
        assert!(!validate_payload("CHANNEL_DETAILS", &json!({})).is_empty());
    }

    #[test]
    fn events_without_a_schema_have_nothing_to_judge() {
        assert_eq!(validate_payload("SESSION_ESTABLISHED", &json!({})), []);
        assert_eq!(validate_payload("NOT_AN_EVENT", &json!({})), []);
    }
}
