use super::*;
use crate::harness::coverage::fixtures::{CHANNEL, catalogue, response};
use serde_json::json;

#[test]
fn calls_count_operations_successes_and_errors_per_operation() {
    let cov = Coverage::new(catalogue());
    let input = json!({
        "AppInstanceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a",
        "Name": "n", "Mode": "RESTRICTED", "Privacy": "PRIVATE",
        "ChimeBearer": "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u",
        "ExpirationSettings": {"ExpirationDays": 1, "ExpirationCriterion": "CREATED_TIMESTAMP"}
    });
    let created = response(
        Service::Messaging,
        "CreateChannel",
        201,
        None,
        Some(json!({"ChannelArn": CHANNEL})),
    );
    cov.record(&created, &input);
    cov.record(&created, &input);
    let forbidden = response(
        Service::Messaging,
        "CreateChannel",
        403,
        Some("ForbiddenException"),
        Some(json!({"Code": "Forbidden", "Message": "no"})),
    );
    cov.record(&forbidden, &input);
    // NotFound is not modelled for CreateChannel; a 500 with no type names nothing.
    let unmodelled = response(
        Service::Messaging,
        "CreateChannel",
        404,
        Some("NotFoundException"),
        Some(json!({"Code": "NotFound"})),
    );
    cov.record(&unmodelled, &input);
    cov.record(
        &response(Service::Messaging, "CreateChannel", 500, None, None),
        &input,
    );
    cov.record(
        &response(Service::Identity, "TagResource", 204, None, None),
        &json!({}),
    );

    let r = cov.report();
    assert_eq!(r.operations, Ratio::new(2, 81));
    assert_eq!(r.successes, Ratio::new(2, 81));
    assert_eq!(r.modelled_errors.covered, 1);
    let op = &r.per_operation["messaging:CreateChannel"];
    assert_eq!(op.calls, 5);
    assert_eq!(op.successes, 2);
    assert_eq!(op.errors["ForbiddenException"], 1);
    assert_eq!(op.errors["ConflictException"], 0);
    assert!(!op.errors.contains_key("NotFoundException"));
    assert_eq!(
        op.unmodelled_errors,
        BTreeMap::from([("NotFoundException".into(), 1), ("<unnamed>".into(), 1)])
    );
    assert_eq!(op.statuses[&201], 2);
    assert_eq!(
        op.response_members,
        BTreeMap::from([("ChannelArn".into(), true)])
    );
    assert_eq!(r.per_operation["identity:TagResource"].successes, 1);
    assert_eq!(r.per_operation["messaging:TagResource"].calls, 0);

    let sent = &r.enums_sent;
    assert!(sent["messaging:ChannelPrivacy"]["PRIVATE"]);
    assert!(!sent["messaging:ChannelPrivacy"]["PUBLIC"]);
    assert!(sent["messaging:ChannelMode"]["RESTRICTED"]);
    // Nested in a structure.
    assert!(sent["messaging:ExpirationCriterion"]["CREATED_TIMESTAMP"]);
    // The error body's Code is an enum seen.
    assert!(r.enums_seen["messaging:ErrorCode"]["Forbidden"]);
    assert!(r.enums_seen["messaging:ErrorCode"]["NotFound"]);
    assert!(!r.enums_seen["messaging:ErrorCode"]["Conflict"]);
}

#[test]
fn enum_values_and_members_are_found_in_nested_outputs() {
    let cov = Coverage::default();
    let body = json!({
        "ChannelArn": CHANNEL,
        "ChannelMessages": [
            {"MessageId": "m1", "Type": "STANDARD", "Status": {"Value": "SENT"}, "Content": "hi"},
            {"MessageId": "m2", "Type": "CONTROL", "Redacted": false, "Content": null},
            {"MessageId": "m3", "Type": "SHOUTING"}
        ]
    });
    let listed = response(
        Service::Messaging,
        "ListChannelMessages",
        200,
        None,
        Some(body),
    );
    cov.record(
        &listed,
        &json!({"ChannelArn": CHANNEL, "SortOrder": "ASCENDING"}),
    );
    let r = cov.report();
    let seen = &r.enums_seen;
    assert!(seen["messaging:ChannelMessageType"]["STANDARD"]);
    assert!(seen["messaging:ChannelMessageType"]["CONTROL"]);
    assert!(seen["messaging:ChannelMessageStatus"]["SENT"]);
    assert!(!seen["messaging:ChannelMessageStatus"]["PENDING"]);
    assert!(r.enums_sent["messaging:SortOrder"]["ASCENDING"]);
    assert_eq!(
        r.unlisted_enum_values_seen["messaging:ChannelMessageType"],
        BTreeSet::from(["SHOUTING".to_string()])
    );
    let members = &r.per_operation["messaging:ListChannelMessages"].response_members;
    assert!(members["ChannelArn"]);
    assert!(members["ChannelMessages"]);
    assert!(!members["NextToken"]);
    assert!(
        !r.response_members_missing
            .contains(&"messaging:ChannelMessageSummary.Redacted".to_string())
    );
    // The first message carries Content, so the null in the second does not matter.
    assert!(
        !r.response_members_missing
            .contains(&"messaging:ChannelMessageSummary.Content".to_string())
    );
    assert!(
        r.response_members_missing
            .contains(&"messaging:ChannelMessageSummary.Metadata".to_string())
    );
    assert!(r.response_members.covered >= 7, "{}", r.response_members);
}

#[test]
fn a_null_member_is_not_observed() {
    let cov = Coverage::default();
    let body = json!({"ChannelArn": CHANNEL, "ChannelMessages": [{"Metadata": null}]});
    cov.record(
        &response(
            Service::Messaging,
            "ListChannelMessages",
            200,
            None,
            Some(body),
        ),
        &json!({}),
    );
    let r = cov.report();
    assert!(
        r.response_members_missing
            .contains(&"messaging:ChannelMessageSummary.Metadata".to_string())
    );
}

#[test]
fn behaviours_are_measured_against_the_catalogue() {
    let cov = Coverage::new(catalogue());
    cov.record_behaviours(["@B-CH-01", "@doc", "@B-EXP-01"]);
    cov.record_behaviours(vec!["B-CH-01".to_string(), "@B-NEW-99".to_string()]);
    let r = cov.report();
    assert_eq!(r.behaviours, Ratio::new(2, 4));
    assert_eq!(r.behaviours_exercised, ["B-CH-01", "B-EXP-01"]);
    assert_eq!(r.behaviours_missing, ["B-CH-04", "B-MSG-01"]);
    assert_eq!(r.behaviours_unknown, ["B-NEW-99"]);
    assert!(r.summary().contains("2/4 behaviours"), "{}", r.summary());
    assert!(
        Coverage::default()
            .summary()
            .contains("0 behaviours (no catalogue)"),
        "{}",
        Coverage::default().summary()
    );
}

#[test]
fn unknown_operations_are_reported_not_counted() {
    let cov = Coverage::default();
    cov.record(
        &response(Service::Messaging, "NoSuchOperation", 200, None, None),
        &json!({}),
    );
    let r = cov.report();
    assert_eq!(r.operations.covered, 0);
    assert_eq!(r.unknown_operations["messaging:NoSuchOperation"], 1);
}

#[test]
fn concurrent_recording_loses_nothing() {
    let cov = std::sync::Arc::new(Coverage::default());
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let cov = cov.clone();
            std::thread::spawn(move || {
                for _ in 0..50 {
                    cov.record(
                        &response(Service::Messaging, "ListChannels", 200, None, None),
                        &json!({}),
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(
        cov.report().per_operation["messaging:ListChannels"].calls,
        400
    );
}

#[test]
fn event_types_are_measured_against_the_documented_ones() {
    let cov = Coverage::default();
    for t in [
        "SESSION_ESTABLISHED",
        "CREATE_CHANNEL_MESSAGE",
        "SESSION_ESTABLISHED",
        "CREATE_CHANNEL",
    ] {
        cov.record_event_type(t);
    }
    let r = cov.report();
    assert_eq!(r.event_types, Ratio::new(2, 18));
    assert_eq!(r.event_types_seen.len(), 18);
    assert!(r.event_types_seen["CREATE_CHANNEL_MESSAGE"]);
    assert!(!r.event_types_seen["DELETE_CHANNEL"]);
    assert_eq!(
        r.unlisted_event_types.iter().collect::<Vec<_>>(),
        ["CREATE_CHANNEL"]
    );
    assert!(
        r.summary().ends_with("2/18 event types seen"),
        "{}",
        r.summary()
    );
}
