use super::*;
use serde_json::json;

const NOW: f64 = 1_700_000_000.0;
const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
const OTHER_CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c2";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/user/u1";
const MESSAGE: &str = "5f1b8a0e4c2d4e7f9a6b3c1d2e0f4a5b";

fn check_err(r: Result<Value, NormaliseError>) -> (String, String, String) {
    match r {
        Err(NormaliseError::Check {
            pointer,
            member,
            reason,
            ..
        }) => (pointer, member, reason),
        other => panic!("expected a failed check, got {other:?}"),
    }
}

#[test]
fn identity_is_preserved_across_responses() {
    let mut n = Normaliser::new(NOW);
    let sent = n
        .normalise(
            Service::Messaging,
            "SendChannelMessage",
            &json!({"ChannelArn": CHANNEL, "MessageId": MESSAGE, "Status": {"Value": "SENT"}}),
        )
        .unwrap();
    assert_eq!(
        sent,
        json!({"ChannelArn": "<ChannelArn:1>", "MessageId": "<MessageId:2>",
               "Status": {"Value": "SENT"}})
    );
    let got = n
        .normalise(
            Service::Messaging,
            "GetChannelMessage",
            &json!({"ChannelMessage": {
                "ChannelArn": CHANNEL, "MessageId": MESSAGE, "Content": "hello",
                "CreatedTimestamp": NOW - 1.5, "LastUpdatedTimestamp": NOW - 1.5,
                "Sender": {"Arn": USER, "Name": "u"}, "Redacted": false,
                "Type": "STANDARD", "Persistence": "PERSISTENT"}}),
        )
        .unwrap();
    let m = &got["ChannelMessage"];
    assert_eq!(m["ChannelArn"], "<ChannelArn:1>");
    assert_eq!(m["MessageId"], "<MessageId:2>");
    // The same instant is the same placeholder too.
    assert_eq!(m["CreatedTimestamp"], "<Timestamp:3>");
    assert_eq!(m["LastUpdatedTimestamp"], "<Timestamp:3>");
    assert_eq!(m["Sender"]["Arn"], "<AppInstanceUserArn:4>");
    assert_eq!(m["Content"], "hello");
    assert_eq!(m["Redacted"], false);
    // A different value is a different placeholder.
    let other = n
        .normalise(
            Service::Messaging,
            "CreateChannel",
            &json!({ "ChannelArn": OTHER_CHANNEL }),
        )
        .unwrap();
    assert_eq!(other["ChannelArn"], "<ChannelArn:5>");
    assert_eq!(n.placeholder_of(CHANNEL), Some("<ChannelArn:1>"));
    // A fresh normaliser starts again.
    let fresh = Normaliser::new(NOW)
        .normalise(
            Service::Messaging,
            "CreateChannel",
            &json!({ "ChannelArn": OTHER_CHANNEL }),
        )
        .unwrap();
    assert_eq!(fresh["ChannelArn"], "<ChannelArn:1>");
}

#[test]
fn malformed_arns_are_refused() {
    for bad in [
        "arn:aws:chime:us-east-1:1234:app-instance/a1/channel/c1",
        "not-an-arn",
        "arn:aws:chime:us-east-1:123456789012:",
        "arn:AWS:chime:us-east-1:123456789012:app-instance/a1/channel/c1",
    ] {
        let r = Normaliser::new(NOW).normalise(
            Service::Messaging,
            "CreateChannel",
            &json!({ "ChannelArn": bad }),
        );
        let (pointer, member, reason) = check_err(r);
        assert_eq!(pointer, "/ChannelArn");
        assert_eq!(member, "CreateChannelResponse.ChannelArn");
        assert!(reason.starts_with("malformed ARN"), "{bad}: {reason}");
    }
}

#[test]
fn arns_of_the_wrong_kind_are_refused() {
    // A user ARN where a channel ARN belongs.
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "CreateChannel",
        &json!({ "ChannelArn": USER }),
    );
    let (_, _, reason) = check_err(r);
    assert!(reason.contains("not an ARN of a channel"), "{reason}");
    // A channel ARN as a message's sender.
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "GetChannelMessage",
        &json!({"ChannelMessage": {"Sender": {"Arn": CHANNEL}}}),
    );
    let (pointer, member, _) = check_err(r);
    assert_eq!(pointer, "/ChannelMessage/Sender/Arn");
    assert_eq!(member, "Identity.Arn");
    // An app instance ARN in identity's responses.
    let ok = Normaliser::new(NOW)
        .normalise(
            Service::Identity,
            "CreateAppInstance",
            &json!({ "AppInstanceArn": APP }),
        )
        .unwrap();
    assert_eq!(ok["AppInstanceArn"], "<AppInstanceArn:1>");
}

#[test]
fn timestamps_are_epoch_seconds_near_now() {
    let list = |t: Value| {
        json!({"ChannelArn": CHANNEL, "ChannelMessages": [{"MessageId": MESSAGE,
               "CreatedTimestamp": t}]})
    };
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "ListChannelMessages",
        &list(json!(NOW * 1000.0)),
    );
    let (pointer, _, reason) = check_err(r);
    assert_eq!(pointer, "/ChannelMessages/0/CreatedTimestamp");
    assert!(reason.contains("milliseconds"), "{reason}");
    for bad in [json!(NOW - 10.0 * 86_400.0), json!(NOW + 3600.0), json!(0)] {
        let r =
            Normaliser::new(NOW).normalise(Service::Messaging, "ListChannelMessages", &list(bad));
        let (_, _, reason) = check_err(r);
        assert!(reason.contains("outside"), "{reason}");
    }
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "ListChannelMessages",
        &list(json!("2023-11-14T22:13:20Z")),
    );
    let (_, _, reason) = check_err(r);
    assert!(reason.contains("epoch seconds"), "{reason}");
    // The window can be widened, and now moved.
    let mut n = Normaliser::new(NOW).with_window(20.0 * 86_400.0, 0.0);
    n.normalise(
        Service::Messaging,
        "ListChannelMessages",
        &list(json!(NOW - 10.0 * 86_400.0)),
    )
    .unwrap();
    n.set_now(NOW - 30.0 * 86_400.0);
    assert!(
        n.normalise(Service::Messaging, "ListChannelMessages", &list(json!(NOW)))
            .is_err()
    );
}

#[test]
fn keys_counts_enums_and_text_are_untouched() {
    let body = json!({"Channel": {
        "Name": "general", "ChannelArn": CHANNEL, "Mode": "RESTRICTED", "Privacy": "PRIVATE",
        // Free text that happens to hold an ARN is not an ARN member.
        "Metadata": CHANNEL,
        "CreatedBy": {"Arn": USER, "Name": "u1"},
        "ElasticChannelConfiguration": {"MaximumSubChannels": 1700000000,
            "TargetMembershipsPerSubChannel": 2, "MinimumMembershipPercentage": 10},
        "ExpirationSettings": {"ExpirationDays": 5, "ExpirationCriterion": "CREATED_TIMESTAMP"},
        "UnknownMember": CHANNEL}});
    let out = Normaliser::new(NOW)
        .normalise(Service::Messaging, "DescribeChannel", &body)
        .unwrap();
    let c = &out["Channel"];
    assert_eq!(c["ChannelArn"], "<ChannelArn:1>");
    assert_eq!(c["CreatedBy"]["Arn"], "<AppInstanceUserArn:2>");
    for same in [
        "Name",
        "Mode",
        "Privacy",
        "Metadata",
        "ElasticChannelConfiguration",
        "ExpirationSettings",
        "UnknownMember",
    ] {
        assert_eq!(c[same], body["Channel"][same], "{same}");
    }
    assert_eq!(c["CreatedBy"]["Name"], "u1");

    // Map keys are never rewritten, not even when they look like ids.
    let body = json!({"ChannelMessage": {"MessageId": MESSAGE, "MessageAttributes": {
        MESSAGE: {"StringValues": [CHANNEL]}}}});
    let out = Normaliser::new(NOW)
        .normalise(Service::Messaging, "GetChannelMessage", &body)
        .unwrap();
    assert_eq!(
        out["ChannelMessage"]["MessageAttributes"],
        body["ChannelMessage"]["MessageAttributes"]
    );
    assert_eq!(out["ChannelMessage"]["MessageId"], "<MessageId:1>");
}

#[test]
fn lists_of_arns_and_tokens_are_replaced() {
    let body = json!({"BatchChannelMemberships": {"ChannelArn": CHANNEL, "Type": "DEFAULT",
        "Members": [{"Arn": USER, "Name": "u"}]},
        "Errors": [{"MemberArn": USER, "ErrorCode": "BadRequest", "ErrorMessage": "x"}]});
    let out = Normaliser::new(NOW)
        .normalise(Service::Messaging, "BatchCreateChannelMembership", &body)
        .unwrap();
    assert_eq!(
        out["BatchChannelMemberships"]["Members"][0]["Arn"],
        "<AppInstanceUserArn:2>"
    );
    assert_eq!(out["Errors"][0]["MemberArn"], "<AppInstanceUserArn:2>");
    assert_eq!(out["Errors"][0]["ErrorCode"], "BadRequest");

    let mut n = Normaliser::new(NOW);
    let out = n
        .normalise(
            Service::Messaging,
            "ListChannels",
            &json!({"Channels": [], "NextToken": "opaque-token-1"}),
        )
        .unwrap();
    assert_eq!(out["NextToken"], "<NextToken:1>");
    assert_eq!(out["Channels"], json!([]));
    assert_eq!(
        n.request_id("7a3c0e2e-1111-2222-3333-444455556666")
            .unwrap(),
        "<RequestId:2>"
    );
    assert!(n.request_id("").is_err());
}

#[test]
fn identifiers_are_checked_against_the_model() {
    // CallbackIdType is 32..64 characters.
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "ChannelFlowCallback",
        &json!({"ChannelArn": CHANNEL, "CallbackId": "short"}),
    );
    let (pointer, _, reason) = check_err(r);
    assert_eq!(pointer, "/CallbackId");
    assert!(reason.contains("length 5"), "{reason}");
    let r = Normaliser::new(NOW).normalise(
        Service::Messaging,
        "SendChannelMessage",
        &json!({ "MessageId": 42 }),
    );
    assert!(check_err(r).2.contains("must be a string"));
}

#[test]
fn unknown_operations_are_an_error() {
    let r = Normaliser::new(NOW).normalise(Service::Identity, "SendChannelMessage", &json!({}));
    assert!(matches!(r, Err(NormaliseError::UnknownOperation { .. })));
}

#[test]
fn event_payloads_are_normalised_with_iso_timestamps_sharing_the_epoch_placeholders() {
    let mut n = Normaliser::new(NOW);
    let rest = n
        .normalise(
            Service::Messaging,
            "GetChannelMessage",
            &json!({"ChannelArn": CHANNEL, "ChannelMessage": {"MessageId": MESSAGE, "CreatedTimestamp": NOW + 0.5}}),
        )
        .unwrap();
    let created = rest["ChannelMessage"]["CreatedTimestamp"].clone();
    let message = rest["ChannelMessage"]["MessageId"].clone();
    let payload = json!({
        "ChannelArn": CHANNEL, "MessageId": MESSAGE, "Content": "hi",
        "CreatedTimestamp": "2023-11-14T22:13:20.500Z",
        "Sender": {"Arn": USER, "Name": "u"}
    });
    let event = n
        .normalise_shape(
            Service::Messaging,
            "ChannelMessage",
            &payload,
            TimestampFormat::Iso8601,
        )
        .unwrap();
    assert_eq!(event["CreatedTimestamp"], created);
    assert_eq!(event["MessageId"], message);
    assert!(
        event["ChannelArn"]
            .as_str()
            .unwrap()
            .starts_with("<ChannelArn:")
    );
    assert!(
        event["Sender"]["Arn"]
            .as_str()
            .unwrap()
            .starts_with("<AppInstanceUserArn:")
    );
    assert_eq!(event["Content"], "hi");
    for bad in [
        json!(NOW),
        json!("2023-11-14T22:13:20Z"),
        json!("2023-11-14T22:13:20.500+00:00"),
    ] {
        let mut p = payload.clone();
        p["CreatedTimestamp"] = bad.clone();
        let (pointer, member, reason) = check_err(n.normalise_shape(
            Service::Messaging,
            "ChannelMessage",
            &p,
            TimestampFormat::Iso8601,
        ));
        assert_eq!(
            (pointer.as_str(), member.as_str()),
            ("/CreatedTimestamp", "ChannelMessage.CreatedTimestamp"),
            "{bad}"
        );
        assert!(reason.contains("ISO-8601"), "{reason}");
    }
    // Epoch seconds again after an event (a number would fail in ISO mode): the mode does not
    // stick.
    assert!(
        n.normalise(
            Service::Messaging,
            "GetChannelMessage",
            &json!({"ChannelMessage": {"CreatedTimestamp": NOW}})
        )
        .is_ok()
    );
    assert!(matches!(
        n.normalise_shape(
            Service::Messaging,
            "NoSuchShape",
            &json!({}),
            TimestampFormat::Iso8601
        ),
        Err(NormaliseError::UnknownShape { .. })
    ));
}
