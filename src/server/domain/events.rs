//! What real-time messaging sessions are told (B-WS-03..11): the event types, the payload each
//! carries, and the sink the server installs to hand events to the connected sessions.
//!
//! The domain decides what happened and who is to receive it, at the moment of the action and
//! under the AppInstance's lock, so the events of one channel are handed over in the order the
//! API acknowledged the actions (B-WS-13). It never sees a socket: the sink does the rest.

use super::enums::{MessageType, WireEnum};
use serde_json::Value;

/// Declares the event types once: the enum, every type in order, and each one's wire name.
macro_rules! event_types {
    ($($variant:ident = $wire:literal,)+) => {
        /// The `x-amz-chime-event-type` of a frame (websockets.html, "Understanding message
        /// structures").
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EventType {
            $($variant),+
        }

        impl EventType {
            /// Every event type, in the developer guide's order.
            pub const ALL: [EventType; [$(EventType::$variant),+].len()] = [$(EventType::$variant),+];

            pub fn wire(self) -> &'static str {
                match self {
                    $(EventType::$variant => $wire),+
                }
            }
        }
    };
}

event_types! {
    SessionEstablished = "SESSION_ESTABLISHED",
    CreateChannelMessage = "CREATE_CHANNEL_MESSAGE",
    RedactChannelMessage = "REDACT_CHANNEL_MESSAGE",
    UpdateChannelMessage = "UPDATE_CHANNEL_MESSAGE",
    DeleteChannelMessage = "DELETE_CHANNEL_MESSAGE",
    PendingCreateChannelMessage = "PENDING_CREATE_CHANNEL_MESSAGE",
    PendingUpdateChannelMessage = "PENDING_UPDATE_CHANNEL_MESSAGE",
    FailedCreateChannelMessage = "FAILED_CREATE_CHANNEL_MESSAGE",
    FailedUpdateChannelMessage = "FAILED_UPDATE_CHANNEL_MESSAGE",
    DeniedCreateChannelMessage = "DENIED_CREATE_CHANNEL_MESSAGE",
    DeniedUpdateChannelMessage = "DENIED_UPDATE_CHANNEL_MESSAGE",
    ChannelDetails = "CHANNEL_DETAILS",
    UpdateChannel = "UPDATE_CHANNEL",
    DeleteChannel = "DELETE_CHANNEL",
    BatchCreateChannelMembership = "BATCH_CREATE_CHANNEL_MEMBERSHIP",
    CreateChannelMembership = "CREATE_CHANNEL_MEMBERSHIP",
    DeleteChannelMembership = "DELETE_CHANNEL_MEMBERSHIP",
    UpdateChannelMembership = "UPDATE_CHANNEL_MEMBERSHIP",
}

/// The members of a CHANNEL_DETAILS payload and the model shape of each (B-WS-11).
pub const CHANNEL_DETAILS_MEMBERS: &[(&str, &str)] = &[
    ("Channel", "ChannelSummary"),
    ("ChannelMessages", "ChannelMessageSummaryList"),
    ("ChannelMemberships", "ChannelMembershipSummaryList"),
    ("ReadMarkerTimestamp", "Timestamp"),
];

/// What a payload is, in the model's terms, so that its timestamps can be found (B-WS-14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadShape {
    /// No payload (SESSION_ESTABLISHED).
    None,
    /// One structure of the messaging model.
    Model(&'static str),
    /// An object whose members are each of a model shape.
    Members(&'static [(&'static str, &'static str)]),
}

impl EventType {
    /// The payload's shape, from the documentation's table of event types.
    pub fn payload_shape(self) -> PayloadShape {
        use EventType::*;
        match self {
            SessionEstablished => PayloadShape::None,
            CreateChannelMessage
            | UpdateChannelMessage
            | RedactChannelMessage
            | DeleteChannelMessage
            | PendingCreateChannelMessage
            | PendingUpdateChannelMessage
            | FailedCreateChannelMessage
            | FailedUpdateChannelMessage
            | DeniedCreateChannelMessage
            | DeniedUpdateChannelMessage => PayloadShape::Model("ChannelMessage"),
            ChannelDetails => PayloadShape::Members(CHANNEL_DETAILS_MEMBERS),
            UpdateChannel | DeleteChannel => PayloadShape::Model("Channel"),
            BatchCreateChannelMembership => PayloadShape::Model("BatchChannelMemberships"),
            CreateChannelMembership | DeleteChannelMembership | UpdateChannelMembership => {
                PayloadShape::Model("ChannelMembership")
            }
        }
    }

    /// Whether the event is about a channel's traffic (not the session's own bootstrap).
    pub fn is_channel_traffic(self) -> bool {
        !matches!(
            self,
            EventType::SessionEstablished | EventType::ChannelDetails
        )
    }
}

/// One event as the domain describes it: the type, the `x-amz-chime-message-type` and the
/// payload as a model structure with timestamps in epoch seconds, as REST answers hold them
/// (the sink writes them as the WebSocket protocol wants them, B-WS-14).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventType,
    /// STANDARD or CONTROL for a channel message (its Type), SYSTEM for everything else
    /// (B-WS-03).
    pub message_type: &'static str,
    pub payload: Option<Value>,
}

impl Event {
    /// An event that is not a channel message (message-type SYSTEM).
    pub fn system(kind: EventType, payload: Option<Value>) -> Event {
        Event {
            kind,
            message_type: "SYSTEM",
            payload,
        }
    }

    /// An event about a channel message of type `message_type`.
    pub fn about_message(kind: EventType, message_type: MessageType, payload: Value) -> Event {
        Event {
            kind,
            message_type: message_type.wire(),
            payload: Some(payload),
        }
    }
}

/// Where the domain hands events: the server's registry of connected sessions.
pub trait EventSink: Send + Sync {
    /// The users of `app_instance` with at least one session open now.
    fn connected(&self, app_instance: &str) -> Vec<String>;
    /// Hands `event` to every open session of each of `recipients` (users of `app_instance`),
    /// without waiting for any.
    fn deliver(&self, app_instance: &str, event: Event, recipients: Vec<String>);
}

#[cfg(test)]
pub mod recording {
    //! A sink for the domain's tests: the users it is given count as connected, and every
    //! delivery is recorded.

    use super::{Event, EventSink, EventType};
    use crate::server::domain::instances::{Domain, lock};
    use std::sync::{Arc, Mutex, Weak};

    pub struct Recorder {
        connected: Vec<String>,
        delivered: Mutex<Vec<(Event, Vec<String>)>>,
    }

    impl Recorder {
        /// Installs a recorder on `domain` with `connected` users; keep it alive while used.
        pub fn install(domain: &Domain, connected: Vec<String>) -> Arc<Recorder> {
            let r = Arc::new(Recorder {
                connected,
                delivered: Mutex::new(Vec::new()),
            });
            let weak: Weak<Recorder> = Arc::downgrade(&r);
            domain.install_sink(weak);
            r
        }

        /// Takes the deliveries so far.
        pub fn take(&self) -> Vec<(Event, Vec<String>)> {
            std::mem::take(&mut *lock(&self.delivered))
        }

        /// Takes the deliveries so far; the recipients of those of `kind`, by user id.
        pub fn who_got(&self, kind: EventType) -> Vec<Vec<String>> {
            self.take()
                .into_iter()
                .filter(|(e, _)| e.kind == kind)
                .map(|(_, to)| {
                    to.into_iter()
                        .map(|u| u.rsplit('/').next().unwrap_or_default().to_owned())
                        .collect()
                })
                .collect()
        }
    }

    impl EventSink for Recorder {
        fn connected(&self, _app_instance: &str) -> Vec<String> {
            self.connected.clone()
        }
        fn deliver(&self, _app_instance: &str, event: Event, mut recipients: Vec<String>) {
            recipients.sort();
            lock(&self.delivered).push((event, recipients));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::events::{EVENT_TYPES, Payload, event_type};

    /// The server's table and the harness's schemas are both written from the developer guide,
    /// apart; a name or a payload one side got wrong shows here.
    #[test]
    fn the_event_types_agree_with_the_judges_table() {
        let names: Vec<&str> = EventType::ALL.iter().map(|e| e.wire()).collect();
        let documented: Vec<&str> = EVENT_TYPES.iter().map(|e| e.name).collect();
        assert_eq!(names, documented);
        for e in EventType::ALL {
            let doc = event_type(e.wire()).expect("a documented event type");
            match (e.payload_shape(), doc.payload) {
                (PayloadShape::None, Payload::None)
                | (PayloadShape::Members(_), Payload::ChannelDetails) => {}
                (PayloadShape::Model(ours), Payload::Shape(theirs)) => {
                    assert_eq!(ours, theirs, "{}", e.wire())
                }
                (ours, theirs) => panic!("{}: {ours:?} here, {theirs:?} in the schemas", e.wire()),
            }
        }
    }
}
