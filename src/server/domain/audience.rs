//! Who receives an event of a real-time messaging session (B-WS-05..10): the channel's members
//! and no one else; in an elastic channel the members of the sub-channel concerned; a
//! targeted message its target and its sender (B-WS-07); a message a channel flow holds,
//! fails or denies its sender alone (B-WS-08).

use super::enums::MessageStatus;
use super::records::{Channel, Message};
use crate::server::faults::{Fault, FaultSet};

/// Whether `user` is a member of `ch`, and of sub-channel `sub` when one is named.
pub fn is_member(ch: &Channel, sub: Option<&str>, user: &str) -> bool {
    ch.members
        .get(user)
        .is_some_and(|m| sub.is_none_or(|s| m.sub_channels.contains(s)))
}

/// The members of `ch` (of sub-channel `sub`, when named).
pub fn members_of<'a>(ch: &'a Channel, sub: Option<&'a str>) -> impl Fn(&str) -> bool + 'a {
    move |user| is_member(ch, sub, user)
}

/// Who is told about message `m` of channel `ch` as it now stands.
pub fn message_audience<'a>(
    faults: &'a FaultSet,
    ch: &'a Channel,
    m: &'a Message,
) -> impl Fn(&str) -> bool + 'a {
    // B-WS-08: what a flow holds, fails or denies is for its sender alone.
    let sender_only = match m.status {
        MessageStatus::Sent => false,
        MessageStatus::Pending => !faults.has(Fault::PendingShownToEveryone),
        MessageStatus::Failed | MessageStatus::Denied => true,
    };
    move |user| {
        let sender = *m.sender == *user;
        if sender_only {
            return sender;
        }
        if !is_member(ch, m.sub_channel.as_deref(), user) {
            return false;
        }
        // B-WS-07: a targeted message reaches its target and its sender.
        match &m.target {
            None => true,
            Some(_) if faults.has(Fault::TargetIgnored) => true,
            Some(targets) => {
                targets.iter().any(|t| t == user)
                    || (sender && !faults.has(Fault::TargetSenderLeftOut))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::server::domain::Domain;
    use crate::server::domain::events::EventType::*;
    use crate::server::domain::events::recording::Recorder;
    use crate::server::domain::fixture::{Fx, LAMBDA, T0, callback, flowed_channel};
    use crate::server::faults::{Fault, FaultSet};
    use serde_json::json;
    use std::sync::Arc;

    const USERS: [&str; 5] = ["alice", "bob", "carol", "dave", "admin"];

    fn connected(fx: &Fx) -> Arc<Recorder> {
        Recorder::install(&fx.d, USERS.iter().map(|u| fx.user(u)).collect())
    }

    fn with_fault(fault: Fault) -> Fx {
        Fx::with(Domain::with_clock(Arc::new(|| T0)).with_faults(FaultSet::from(fault)))
    }

    #[test]
    fn b_ws_05_message_events_reach_the_members_only() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        let rec = connected(&fx);
        let id = fx.send(&ch, "bob", "hi")["MessageId"].clone();
        fx.ok(
            "UpdateChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id, "Content": "edit"}),
        );
        fx.ok(
            "RedactChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id}),
        );
        // The AppInstanceAdmin deletes it: without a membership it is not told.
        fx.ok(
            "DeleteChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": id}),
        );
        let got: Vec<_> = rec
            .take()
            .into_iter()
            .map(|(e, to)| (e.kind, to.len(), e.payload.unwrap()["MessageId"].clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (CreateChannelMessage, 2, id.clone()),
                (UpdateChannelMessage, 2, id.clone()),
                (RedactChannelMessage, 2, id.clone()),
                (DeleteChannelMessage, 2, id.clone()),
            ]
        );
        let (e, to) = {
            fx.send(&ch, "alice", "again");
            rec.take().remove(0)
        };
        assert_eq!(to, vec![fx.user("alice"), fx.user("bob")]);
        assert_eq!(e.message_type, "STANDARD");
        // The payload is the ChannelMessage the REST API answers.
        let rest = fx.ok(
            "GetChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"),
                   "MessageId": e.payload.as_ref().unwrap()["MessageId"]}),
        );
        assert_eq!(e.payload.unwrap(), rest["ChannelMessage"]);
    }

    #[test]
    fn b_ws_06_07_non_persistent_and_targeted_messages() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        fx.join(&ch, "alice", "carol");
        let rec = connected(&fx);
        fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "poof", "Type": "CONTROL",
                   "Persistence": "NON_PERSISTENT", "ClientRequestToken": "t-np"}),
        );
        let (e, to) = rec.take().remove(0);
        assert_eq!(
            (e.kind, to.len(), e.message_type),
            (CreateChannelMessage, 3, "CONTROL")
        );
        fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "psst",
                   "Target": [{"MemberArn": fx.user("bob")}],
                   "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-tg"}),
        );
        assert_eq!(
            rec.who_got(CreateChannelMessage),
            vec![vec!["alice", "bob"]]
        );

        let faulty = with_fault(Fault::TargetSenderLeftOut);
        let ch = faulty.channel("alice", json!({}));
        faulty.join(&ch, "alice", "bob");
        let rec = connected(&faulty);
        faulty.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": faulty.user("alice"), "Content": "psst",
                   "Target": [{"MemberArn": faulty.user("bob")}],
                   "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "t-tg"}),
        );
        assert_eq!(rec.who_got(CreateChannelMessage), vec![vec!["bob"]]);
    }

    #[test]
    fn b_ws_08_a_flow_tells_the_sender_alone_until_the_message_is_let_through() {
        let fx = Fx::new();
        let (_, ch) = flowed_channel(&fx, "CONTINUE");
        let rec = connected(&fx);
        let id = fx.send(&ch, "bob", "raw")["MessageId"].clone();
        assert_eq!(rec.who_got(PendingCreateChannelMessage), vec![vec!["bob"]]);
        callback(
            &fx,
            &ch,
            json!({"MessageId": id, "Content": "clean"}),
            false,
        )
        .unwrap();
        let (e, to) = rec.take().remove(0);
        assert_eq!((e.kind, to.len()), (CreateChannelMessage, 2));
        assert_eq!(e.payload.unwrap()["Content"], "clean");
        fx.ok(
            "UpdateChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": id, "Content": "v2"}),
        );
        assert_eq!(rec.who_got(PendingUpdateChannelMessage), vec![vec!["bob"]]);
        callback(&fx, &ch, json!({"MessageId": id}), true).unwrap();
        assert_eq!(rec.who_got(DeniedUpdateChannelMessage), vec![vec!["bob"]]);
        let denied = fx.send(&ch, "bob", "bad")["MessageId"].clone();
        rec.take();
        callback(&fx, &ch, json!({"MessageId": denied}), true).unwrap();
        assert_eq!(rec.who_got(DeniedCreateChannelMessage), vec![vec!["bob"]]);

        let faulty = with_fault(Fault::PendingShownToEveryone);
        let (_, ch) = flowed_channel(&faulty, "CONTINUE");
        let rec = connected(&faulty);
        faulty.send(&ch, "bob", "raw");
        assert_eq!(
            rec.who_got(PendingCreateChannelMessage),
            vec![vec!["alice", "bob"]]
        );
    }

    #[test]
    fn b_ws_08_an_unreachable_processor_fails_the_message_for_its_sender() {
        let fx = Fx::new();
        fx.d.set_processor_reachable(LAMBDA, false);
        let (_, ch) = flowed_channel(&fx, "ABORT");
        let rec = connected(&fx);
        fx.send(&ch, "bob", "x");
        assert_eq!(rec.who_got(FailedCreateChannelMessage), vec![vec!["bob"]]);
    }

    #[test]
    fn b_ws_09_channel_and_membership_changes_reach_the_members() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let rec = connected(&fx);
        fx.join(&ch, "alice", "bob");
        // The new member is told too: it is a member from then on.
        assert_eq!(
            rec.who_got(CreateChannelMembership),
            vec![vec!["alice", "bob"]]
        );
        fx.join(&ch, "alice", "bob");
        assert!(
            rec.take().is_empty(),
            "adding a member again changes nothing"
        );
        fx.ok(
            "BatchCreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"),
                   "MemberArns": [fx.user("carol"), fx.user("dave")]}),
        );
        let (e, to) = rec.take().remove(0);
        assert_eq!((e.kind, to.len()), (BatchCreateChannelMembership, 4));
        assert_eq!(e.payload.unwrap()["Members"][1]["Arn"], fx.user("dave"));
        fx.ok(
            "UpdateChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Name": "renamed"}),
        );
        let (e, to) = rec.take().remove(0);
        assert_eq!(
            (e.kind, to.len(), e.message_type),
            (UpdateChannel, 4, "SYSTEM")
        );
        assert_eq!(e.payload.unwrap()["Name"], "renamed");
        fx.ok(
            "DeleteChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("dave")}),
        );
        // The member removed is told, with the others.
        let (e, to) = rec.take().remove(0);
        assert_eq!((e.kind, to.len()), (DeleteChannelMembership, 4));
        assert_eq!(e.payload.unwrap()["Member"]["Arn"], fx.user("dave"));
        fx.ok(
            "CreateChannelBan",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("carol")}),
        );
        assert_eq!(
            rec.who_got(DeleteChannelMembership),
            vec![vec!["alice", "bob", "carol"]]
        );
        fx.ok(
            "DeleteChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(rec.who_got(DeleteChannel), vec![vec!["alice", "bob"]]);
    }

    #[test]
    fn b_ws_10_elastic_channels_push_by_sub_channel_and_never_a_batch() {
        let fx = Fx::new();
        let cfg = json!({"MaximumSubChannels": 2, "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10});
        let ch = fx.channel("alice", json!({"ElasticChannelConfiguration": cfg}));
        let rec = connected(&fx);
        fx.ok(
            "BatchCreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"),
                   "MemberArns": [fx.user("bob"), fx.user("carol"), fx.user("dave")]}),
        );
        let got = rec.take();
        assert!(got.iter().all(|(e, _)| e.kind == CreateChannelMembership));
        assert_eq!(got.len(), 3);
        let sub_of = |who: &str| {
            got.iter()
                .map(|(e, _)| e.payload.clone().unwrap())
                .find(|p| p["Member"]["Arn"] == fx.user(who))
                .unwrap()["SubChannelId"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (bob, dave) = (sub_of("bob"), sub_of("dave"));
        assert_eq!(bob, sub_of("carol"));
        assert_ne!(bob, dave);
        fx.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Content": "x", "Type": "STANDARD",
                   "Persistence": "PERSISTENT", "ClientRequestToken": "t-e", "SubChannelId": bob}),
        );
        let (e, to) = rec.take().remove(0);
        assert_eq!(to, vec![fx.user("bob"), fx.user("carol")]);
        assert_eq!(e.payload.unwrap()["SubChannelId"], bob);
    }

    #[test]
    fn faults_push_to_non_members_and_drop_redactions() {
        let fx = with_fault(Fault::EventsToNonMembers);
        let ch = fx.channel("alice", json!({}));
        let rec = connected(&fx);
        fx.send(&ch, "alice", "hi");
        assert_eq!(rec.take()[0].1.len(), USERS.len());

        let fx = with_fault(Fault::RedactionNotPushed);
        let ch = fx.channel("alice", json!({}));
        let rec = connected(&fx);
        let id = fx.send(&ch, "alice", "hi")["MessageId"].clone();
        fx.ok(
            "RedactChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
        );
        assert!(rec.who_got(RedactChannelMessage).is_empty());
    }
}
