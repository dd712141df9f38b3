use super::*;
use serde_json::json;

const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";

fn text(v: Value) -> Frame {
    Frame {
        received: Instant::now(),
        data: FrameData::Text(v.to_string()),
    }
}

fn message(message_type: &str) -> Value {
    json!({
        "ChannelArn": CHANNEL, "MessageId": "m1", "Content": "hi", "Type": message_type,
        "Persistence": "PERSISTENT", "Redacted": false,
        "CreatedTimestamp": "2024-01-02T03:04:05.678Z",
        "Sender": {"Arn": USER, "Name": "u"}
    })
}

fn envelope(event: &str, message_type: &str, payload: Value) -> Value {
    json!({
        "Headers": {EVENT_TYPE_HEADER: event, MESSAGE_TYPE_HEADER: message_type},
        "Payload": payload
    })
}

fn pointers(r: &Reading) -> Vec<String> {
    r.violations.iter().map(|v| v.pointer.clone()).collect()
}

#[test]
fn a_documented_frame_reads_without_violations() {
    let frame = text(envelope(
        "CREATE_CHANNEL_MESSAGE",
        "STANDARD",
        json!(message("STANDARD").to_string()),
    ));
    let r = read(&frame, 3);
    assert_eq!(pointers(&r), Vec::<String>::new());
    let e = r.event.unwrap();
    assert_eq!(
        (e.index, e.event_type.as_str()),
        (3, "CREATE_CHANNEL_MESSAGE")
    );
    assert!(e.is_for("m1") && !e.is_for(CHANNEL));
    assert!(e.is_about(CHANNEL) && e.is_about(USER) && !e.is_about("arn:aws"));
}

#[test]
fn session_established_has_no_payload() {
    for payload in [None, Some(Value::Null), Some(json!(""))] {
        let mut v = json!({"Headers": {EVENT_TYPE_HEADER: "SESSION_ESTABLISHED", MESSAGE_TYPE_HEADER: "SYSTEM"}});
        if let Some(p) = payload {
            v["Payload"] = p;
        }
        let r = read(&text(v), 0);
        assert_eq!(pointers(&r), Vec::<String>::new());
        assert_eq!(r.event.unwrap().payload, None);
    }
}

#[test]
fn a_payload_sent_as_an_object_is_a_violation_and_still_matched() {
    let r = read(
        &text(envelope(
            "CREATE_CHANNEL_MESSAGE",
            "STANDARD",
            message("STANDARD"),
        )),
        0,
    );
    assert_eq!(pointers(&r), ["/Payload"]);
    assert!(
        r.violations[0].found.starts_with("an object"),
        "{}",
        r.violations[0]
    );
    assert!(r.event.unwrap().is_for("m1"));
}

#[test]
fn envelopes_that_break_the_documents_say_how() {
    let cases = [
        (json!([1]), ""),
        (json!({"Payload": "{}"}), "/Headers"),
        (json!({"Headers": {}}), "/Headers/x-amz-chime-event-type"),
        (
            envelope("UPDATE_CHANNEL", "SYSTEM", json!("not json")),
            "/Payload",
        ),
        (
            json!({"Headers": {EVENT_TYPE_HEADER: "UPDATE_CHANNEL", MESSAGE_TYPE_HEADER: "SYSTEM"}}),
            "/Payload",
        ),
    ];
    for (frame, pointer) in cases {
        let r = read(&text(frame.clone()), 0);
        assert_eq!(pointers(&r), [pointer], "{frame}");
    }
    let binary = Frame {
        received: Instant::now(),
        data: FrameData::Binary(vec![0; 4]),
    };
    assert_eq!(read(&binary, 0).violations[0].expected, "a text frame");
}

#[test]
fn the_message_type_is_the_messages_type_or_system() {
    let control = message("CONTROL").to_string();
    let ok = read(
        &text(envelope(
            "CREATE_CHANNEL_MESSAGE",
            "CONTROL",
            json!(control),
        )),
        0,
    );
    assert_eq!(pointers(&ok), Vec::<String>::new());
    let wrong = read(
        &text(envelope(
            "CREATE_CHANNEL_MESSAGE",
            "STANDARD",
            json!(control),
        )),
        0,
    );
    assert_eq!(pointers(&wrong), ["/Headers/x-amz-chime-message-type"]);
    let channel = json!({"Name": "n", "ChannelArn": CHANNEL}).to_string();
    let system = read(
        &text(envelope("UPDATE_CHANNEL", "SYSTEM", json!(channel))),
        0,
    );
    assert_eq!(pointers(&system), Vec::<String>::new());
    let not_system = read(
        &text(envelope("UPDATE_CHANNEL", "STANDARD", json!(channel))),
        0,
    );
    assert_eq!(pointers(&not_system), ["/Headers/x-amz-chime-message-type"]);
    assert!(system.event.unwrap().is_for(CHANNEL));
}

#[test]
fn payload_schema_violations_point_into_the_payload() {
    let mut m = message("STANDARD");
    m["CreatedTimestamp"] = json!(1_704_164_645.678);
    let r = read(
        &text(envelope(
            "CREATE_CHANNEL_MESSAGE",
            "STANDARD",
            json!(m.to_string()),
        )),
        0,
    );
    assert_eq!(pointers(&r), ["/Payload/CreatedTimestamp"]);
}

#[test]
fn undocumented_event_types_and_members_are_lenient() {
    let r = read(
        &text(
            json!({"Headers": {EVENT_TYPE_HEADER: "CREATE_CHANNEL", MESSAGE_TYPE_HEADER: "SYSTEM"},
                     "Payload": json!({"ChannelArn": CHANNEL}).to_string(), "Extra": 1}),
        ),
        0,
    );
    assert!(
        r.violations
            .iter()
            .all(|v| v.kind == ViolationKind::UnknownMember),
        "{:?}",
        r.violations
    );
    assert_eq!(r.violations.len(), 2);
    assert!(r.event.unwrap().is_for(CHANNEL));
}

#[test]
fn batch_and_membership_events_are_for_their_members() {
    let batch = json!({"ChannelArn": CHANNEL, "Type": "DEFAULT",
        "Members": [{"Arn": USER, "Name": "u"}], "InvitedBy": {"Arn": USER, "Name": "u"}});
    let r = read(
        &text(envelope(
            "BATCH_CREATE_CHANNEL_MEMBERSHIP",
            "SYSTEM",
            json!(batch.to_string()),
        )),
        0,
    );
    assert_eq!(pointers(&r), Vec::<String>::new());
    assert!(r.event.unwrap().is_for(USER));
    let membership =
        json!({"ChannelArn": CHANNEL, "Type": "DEFAULT", "Member": {"Arn": USER, "Name": "u"}});
    let r = read(
        &text(envelope(
            "DELETE_CHANNEL_MEMBERSHIP",
            "SYSTEM",
            json!(membership.to_string()),
        )),
        0,
    );
    let e = r.event.unwrap();
    assert!(e.is_for(USER) && !e.is_for(CHANNEL));
}
