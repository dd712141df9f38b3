//! Frames as the protocol has them (B-WS-03): a text JSON object
//! `{"Headers": {...}, "Payload": "..."}` whose Payload is the event's model structure encoded
//! as a JSON string, with its timestamps as ISO-8601 strings in milliseconds (B-WS-14), where
//! REST bodies carry epoch seconds. SESSION_ESTABLISHED has no Payload.

use crate::model::{Service, iso_8601_millis, map_timestamps};
use crate::server::domain::{Event, EventType, PayloadShape};
use crate::server::faults::{Fault, FaultSet};
use serde_json::{Map, Value};

pub const EVENT_TYPE: &str = "x-amz-chime-event-type";
pub const MESSAGE_TYPE: &str = "x-amz-chime-message-type";

/// The frame of `event`, as text; `faults` may spoil its shape (self-check).
pub fn encode(event: &Event, faults: &FaultSet) -> String {
    let mut headers = Map::with_capacity(2);
    headers.insert(EVENT_TYPE.into(), Value::from(event.kind.wire()));
    headers.insert(MESSAGE_TYPE.into(), Value::from(event.message_type));
    let mut frame = Map::with_capacity(2);
    frame.insert("Headers".into(), Value::Object(headers));
    if let Some(payload) = &event.payload {
        let mut payload = payload.clone();
        with_iso_timestamps(event.kind.payload_shape(), &mut payload);
        let payload = if faults.has(Fault::PayloadAsObject) {
            payload
        } else {
            Value::String(payload.to_string())
        };
        frame.insert("Payload".into(), payload);
    }
    Value::Object(frame).to_string()
}

/// SESSION_ESTABLISHED: the session is up (B-WS-04).
pub fn session_established() -> Event {
    Event::system(EventType::SessionEstablished, None)
}

/// Rewrites the timestamps of a payload of `shape` as ISO-8601 strings (B-WS-14).
/// A timestamp in the form sessions carry it; one chrono cannot represent stays a number.
fn as_iso(seconds: f64) -> Value {
    iso_8601_millis(seconds).map_or_else(|| Value::from(seconds), Value::String)
}

fn with_iso_timestamps(shape: PayloadShape, payload: &mut Value) {
    let model = Service::Messaging.model();
    match shape {
        PayloadShape::None => {}
        PayloadShape::Model(name) => map_timestamps(model, name, payload, &as_iso),
        PayloadShape::Members(members) => {
            for (member, name) in members {
                if let Some(v) = payload.get_mut(*member) {
                    map_timestamps(model, name, v, &as_iso);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn b_ws_03_14_a_frame_has_headers_and_a_string_payload_with_iso_timestamps() {
        let message = json!({
            "ChannelArn": "arn:c", "MessageId": "m", "Content": "hi", "Type": "STANDARD",
            "CreatedTimestamp": 1_704_164_645.678, "LastUpdatedTimestamp": 1_704_164_645.0,
            "Sender": {"Arn": "arn:u", "Name": "u"}, "Redacted": false,
            "Metadata": "1704164645",
        });
        let event = Event {
            kind: EventType::CreateChannelMessage,
            message_type: "STANDARD",
            payload: Some(message),
        };
        let frame = parse(&encode(&event, &FaultSet::new()));
        assert_eq!(
            frame["Headers"],
            json!({"x-amz-chime-event-type": "CREATE_CHANNEL_MESSAGE",
                   "x-amz-chime-message-type": "STANDARD"})
        );
        let payload = parse(frame["Payload"].as_str().expect("a string"));
        assert_eq!(payload["CreatedTimestamp"], "2024-01-02T03:04:05.678Z");
        assert_eq!(payload["LastUpdatedTimestamp"], "2024-01-02T03:04:05.000Z");
        assert_eq!(payload["Metadata"], "1704164645", "not a timestamp");
        assert_eq!(payload["Sender"]["Name"], "u");
        let spoiled = parse(&encode(&event, &FaultSet::from(Fault::PayloadAsObject)));
        assert_eq!(
            spoiled["Payload"]["CreatedTimestamp"],
            "2024-01-02T03:04:05.678Z"
        );
    }

    #[test]
    fn session_established_has_no_payload_and_details_convert_each_member() {
        let frame = parse(&encode(&session_established(), &FaultSet::new()));
        assert_eq!(frame["Headers"][EVENT_TYPE], "SESSION_ESTABLISHED");
        assert_eq!(frame["Headers"][MESSAGE_TYPE], "SYSTEM");
        assert!(frame.get("Payload").is_none());
        let details = Event::system(
            EventType::ChannelDetails,
            Some(json!({
                "Channel": {"ChannelArn": "arn:c", "LastMessageTimestamp": 1.5},
                "ChannelMessages": [{"MessageId": "m", "CreatedTimestamp": 2.0}],
                "ChannelMessagesHasMore": false,
                "ChannelMemberships": [{"Member": {"Arn": "arn:u"}}],
                "ReadMarkerTimestamp": 3.25,
            })),
        );
        let frame = parse(&encode(&details, &FaultSet::new()));
        let payload = parse(frame["Payload"].as_str().unwrap());
        assert_eq!(
            payload["Channel"]["LastMessageTimestamp"],
            "1970-01-01T00:00:01.500Z"
        );
        assert_eq!(
            payload["ChannelMessages"][0]["CreatedTimestamp"],
            "1970-01-01T00:00:02.000Z"
        );
        assert_eq!(payload["ReadMarkerTimestamp"], "1970-01-01T00:00:03.250Z");
        assert_eq!(payload["ChannelMessagesHasMore"], false);
    }
}
