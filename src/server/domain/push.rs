//! The events the operations push to real-time messaging sessions, each built from the same
//! record the REST answer is built from (B-WS-05..10): the handlers call these at the moment
//! of the action, under the AppInstance's lock.

use super::audience::{members_of, message_audience};
use super::channel_views::{channel_detail, membership_detail};
use super::enums::MessageStatus;
use super::events::{Event, EventSink, EventType};
use super::instances::{Domain, read, write};
use super::message_views::full_value;
use super::records::{AppInstanceState, Message};
use crate::server::faults::Fault;
use serde_json::Value;
use std::sync::{Arc, Weak};

impl Domain {
    /// Installs the sink events go to. The domain keeps a weak reference: the sessions live
    /// as long as the server that serves them, not as long as the state.
    pub fn install_sink(&self, sink: Weak<dyn EventSink>) {
        *write(&self.sink) = Some(sink);
    }

    fn sink(&self) -> Option<Arc<dyn EventSink>> {
        read(&self.sink).as_ref().and_then(Weak::upgrade)
    }

    /// Tells the connected users of `st`'s AppInstance that `audience` admits about `event`,
    /// built only when someone is to receive it. Called under the AppInstance's lock.
    pub(crate) fn publish(
        &self,
        st: &AppInstanceState,
        audience: impl Fn(&str) -> bool,
        event: impl FnOnce() -> Event,
    ) {
        let Some(sink) = self.sink() else {
            return;
        };
        let mut recipients = sink.connected(&st.arn);
        if !self.fault(Fault::EventsToNonMembers) {
            recipients.retain(|u| audience(u));
        }
        if !recipients.is_empty() {
            sink.deliver(&st.arn, event(), recipients);
        }
    }
}

/// What happened to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageChange {
    Created,
    Updated,
    Redacted,
    Deleted,
}

/// The event of `change` for a message whose status is now `status` (B-WS-05/08).
fn message_event(change: MessageChange, status: MessageStatus) -> EventType {
    use EventType::*;
    use MessageChange::*;
    use MessageStatus::*;
    match (change, status) {
        (Created, Sent) => CreateChannelMessage,
        (Created, Pending) => PendingCreateChannelMessage,
        (Created, Failed) => FailedCreateChannelMessage,
        (Created, Denied) => DeniedCreateChannelMessage,
        (Updated, Sent) => UpdateChannelMessage,
        (Updated, Pending) => PendingUpdateChannelMessage,
        (Updated, Failed) => FailedUpdateChannelMessage,
        (Updated, Denied) => DeniedUpdateChannelMessage,
        (Redacted, _) => RedactChannelMessage,
        (Deleted, _) => DeleteChannelMessage,
    }
}

/// Tells the message's audience about `change` to `m` (the message as it now stands).
pub fn push_message(d: &Domain, st: &AppInstanceState, m: &Message, change: MessageChange) {
    let Some(ch) = st.channels.get(&*m.channel_arn) else {
        return;
    };
    d.publish(st, message_audience(&st.faults, ch, m), || {
        Event::about_message(message_event(change, m.status), m.kind, full_value(st, m))
    });
}

/// Tells the members of channel `arn` that it was updated or is being deleted (B-WS-09).
pub fn push_channel(d: &Domain, st: &AppInstanceState, arn: &str, kind: EventType) {
    let Some(ch) = st.channels.get(arn) else {
        return;
    };
    d.publish(st, members_of(ch, None), || {
        Event::system(kind, Some(channel_detail(st, ch)))
    });
}

/// Tells the members of channel `arn` (of sub-channel `sub` in an elastic channel) about the
/// membership of `member` there, before it is removed for a deletion (B-WS-09/10).
pub fn push_membership(
    d: &Domain,
    st: &AppInstanceState,
    arn: &str,
    member: &str,
    sub: Option<&str>,
    kind: EventType,
) {
    let Some(ch) = st.channels.get(arn) else {
        return;
    };
    let Some(m) = ch.members.get(member) else {
        return;
    };
    d.publish(st, members_of(ch, sub), || {
        Event::system(kind, Some(membership_detail(st, arn, m, sub)))
    });
}

/// Tells the members of channel `arn` about a batch of new members: one
/// BATCH_CREATE_CHANNEL_MEMBERSHIP with the answer's `BatchChannelMemberships`, or in an
/// elastic channel one CREATE_CHANNEL_MEMBERSHIP per member to its sub-channel (B-WS-09/10).
pub fn push_batch(
    d: &Domain,
    st: &AppInstanceState,
    arn: &str,
    batch: &Value,
    added: &[(String, Option<String>)],
) {
    let Some(ch) = st.channels.get(arn) else {
        return;
    };
    if added.is_empty() {
        return;
    }
    if ch.elastic.is_some() {
        for (member, sub) in added {
            push_membership(
                d,
                st,
                arn,
                member,
                sub.as_deref(),
                EventType::CreateChannelMembership,
            );
        }
        return;
    }
    d.publish(st, members_of(ch, None), || {
        Event::system(EventType::BatchCreateChannelMembership, Some(batch.clone()))
    });
}

#[cfg(test)]
mod tests {
    use super::super::events::recording::Recorder;
    use super::super::fixture::Fx;
    use super::super::instances::lock;
    use super::*;
    use std::cell::Cell;

    /// Publishes one event to `audience`; returns how often the event was built.
    fn builds(fx: &Fx, audience: impl Fn(&str) -> bool) -> usize {
        let shared = fx.d.instance(&fx.inst).expect("the AppInstance");
        let st = lock(&shared);
        let built = Cell::new(0);
        fx.d.publish(&st, audience, || {
            built.set(built.get() + 1);
            Event::system(EventType::UpdateChannel, None)
        });
        built.get()
    }

    #[test]
    fn the_event_is_built_only_when_someone_is_to_receive_it() {
        let fx = Fx::new();
        let carol = fx.user("carol");
        assert_eq!(builds(&fx, |_| true), 0, "no sink installed");
        let rec = Recorder::install(&fx.d, vec![carol.clone()]);
        assert_eq!(
            builds(&fx, |_| false),
            0,
            "no connected user is in the audience"
        );
        assert!(rec.take().is_empty());
        assert_eq!(builds(&fx, |u| u == carol), 1);
        assert_eq!(rec.take().len(), 1);
    }
}
