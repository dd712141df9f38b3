use super::*;
use serde_json::json;
use std::time::Duration;

const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";

fn response(
    service: Service,
    operation: &str,
    status: u16,
    error_type: Option<&str>,
    body: Option<Value>,
) -> wire::Response {
    let mut headers = http::HeaderMap::new();
    if let Some(t) = error_type {
        headers.insert("x-amzn-ErrorType", t.parse().unwrap());
    }
    let error = wire::classify_error(status, &headers, body.as_ref());
    wire::Response {
        service,
        operation: operation.into(),
        status,
        headers,
        raw_body: bytes::Bytes::from(body.as_ref().map(Value::to_string).unwrap_or_default()),
        body,
        body_error: None,
        request_id: Some("r-1".into()),
        latency: Duration::from_millis(2),
        error,
    }
}

fn catalogue() -> Vec<String> {
    catalogue_ids("# entries\nB-CH-01 doc\nB-CH-04 doc\n\nB-MSG-01 doc\nB-EXP-01 doc\n")
}

#[test]
fn the_totals_come_from_the_models() {
    let report = Coverage::default().report();
    assert_eq!(report.operations, Ratio::new(0, 51 + 30));
    assert_eq!(report.successes.total, 81);
    let listed: usize = Service::ALL
        .iter()
        .flat_map(|s| s.model().operations.values())
        .map(|op| op.errors.len())
        .sum();
    assert_eq!(report.modelled_errors, Ratio::new(0, listed));
    assert!(report.enum_values_sent.total > 0);
    assert!(report.enum_values_seen.total > 0);
    assert!(report.response_members.total > 0);
    assert_eq!(report.per_operation.len(), 81);
    assert!(report.per_operation.contains_key("identity:TagResource"));
    assert!(report.per_operation.contains_key("messaging:TagResource"));
    // ChannelPrivacy is sent (CreateChannel) and seen (DescribeChannel).
    assert_eq!(
        report.enums_sent["messaging:ChannelPrivacy"].len(),
        2,
        "{:?}",
        report.enums_sent.keys().collect::<Vec<_>>()
    );
    assert!(report.enums_seen.contains_key("messaging:ErrorCode"));
}

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
fn the_summary_is_one_line_and_the_json_carries_the_figures() {
    let cov = Coverage::new(catalogue());
    cov.record(
        &response(Service::Messaging, "DeleteChannel", 204, None, None),
        &json!({"ChannelArn": CHANNEL}),
    );
    let s = cov.summary();
    assert_eq!(
        s,
        "coverage: 1/81 operations, 0/550 modelled errors, 0/4 behaviours, 1/81 successes, \
         0/42 enum values sent, 0/71 enum values seen, 0/299 response members"
    );
    assert!(!s.contains('\n'));
    let j = cov.to_json();
    assert_eq!(j["operations"], json!({"covered": 1, "total": 81}));
    assert_eq!(j["perOperation"]["messaging:DeleteChannel"]["calls"], 1);
    assert_eq!(
        j["perOperation"]["messaging:DeleteChannel"]["statuses"]["204"],
        1
    );
}

#[test]
fn min_coverage_checks_the_operations_percentage() {
    let cov = Coverage::default();
    for op in [
        "CreateChannel",
        "DescribeChannel",
        "ListChannels",
        "DeleteChannel",
    ] {
        cov.record(
            &response(Service::Messaging, op, 200, None, None),
            &json!({}),
        );
    }
    let r = cov.report();
    // 4 of 81 is 4.9%.
    assert!(r.check_min_coverage(4.9).is_ok());
    assert!(r.check_min_coverage(0.0).is_ok());
    let err = r.check_min_coverage(5.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "operation coverage 4.9% (4/81 operations) is below the minimum of 5%"
    );
    assert!(matches!(
        r.check_min_coverage(101.0),
        Err(MinCoverageError::BadMinimum(_))
    ));
    assert!(r.check_min_coverage(f64::NAN).is_err());
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
fn the_figures_of_the_shipped_models() {
    // Pinned so a model update that changes them is noticed and the docs can follow.
    let r = Coverage::default().report();
    let totals = (
        r.operations.total,
        r.modelled_errors.total,
        r.enum_values_sent.total,
        r.enum_values_seen.total,
        r.response_members.total,
    );
    assert_eq!(totals, (81, 550, 42, 71, 299));
}
