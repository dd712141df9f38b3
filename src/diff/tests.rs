use super::*;
use crate::model::{ServiceModel, embedded};
use serde_json::json;

fn update() -> ModelDiff {
    let old = ServiceModel::from_json(embedded::MESSAGING_1_29_97).unwrap();
    let new = ServiceModel::from_json(embedded::MESSAGING_1_29_98).unwrap();
    diff(&old, &new)
}

/// A minimal model with one operation whose request and response shapes are given.
fn model(request: Value, response: Value, extra: Value) -> ServiceModel {
    let mut shapes = json!({
        "Req": request,
        "Resp": response,
        "Str": {"type": "string"},
        "BadRequestException": {"type": "structure", "members": {}, "exception": true,
                                "error": {"httpStatusCode": 400}},
    });
    for (k, v) in extra.as_object().unwrap() {
        shapes[k] = v.clone();
    }
    let text = json!({
        "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                     "serviceFullName": "X", "protocol": "rest-json"},
        "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/op"},
                              "input": {"shape": "Req"}, "output": {"shape": "Resp"},
                              "errors": [{"shape": "BadRequestException"}]}},
        "shapes": shapes,
    });
    ServiceModel::from_json(&text.to_string()).unwrap()
}

fn only(d: &ModelDiff, kind: ChangeKind) -> Change {
    let found: Vec<Change> = d.changes().into_iter().filter(|c| c.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind} in {:#?}", d.changes());
    found[0].clone()
}

#[test]
fn the_update_adds_one_operation_and_updates_seven() {
    let d = update();
    assert_eq!(d.new_operations, ["PutChannelExpirationSettings"]);
    assert!(d.removed_operations.is_empty());
    let names: Vec<&str> = d
        .updated_operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "ChannelFlowCallback",
            "CreateChannel",
            "DescribeChannel",
            "GetChannelMessage",
            "ListChannelMessages",
            "SendChannelMessage",
            "UpdateChannelMessage",
        ]
    );
}

#[test]
fn member_changes_read_like_the_changelog() {
    let d = update();
    let expiration = json!({"ExpirationCriterion": "CREATED_TIMESTAMP | LAST_MESSAGE_TIMESTAMP",
                            "ExpirationDays": "integer"});
    let content_type = json!({"ContentType": "string"});
    let cases = [
        (
            "ChannelFlowCallback",
            Some(json!({ "ChannelMessage": content_type })),
            None,
        ),
        (
            "CreateChannel",
            Some(json!({ "ExpirationSettings": expiration })),
            None,
        ),
        (
            "DescribeChannel",
            None,
            Some(json!({"Channel": { "ExpirationSettings": expiration }})),
        ),
        (
            "GetChannelMessage",
            None,
            Some(json!({ "ChannelMessage": content_type })),
        ),
        (
            "ListChannelMessages",
            None,
            Some(json!({ "ChannelMessages": content_type })),
        ),
        ("SendChannelMessage", Some(content_type.clone()), None),
        ("UpdateChannelMessage", Some(content_type.clone()), None),
    ];
    for (name, request, response) in cases {
        let op = d.operation(name).unwrap();
        assert_eq!(op.request.added, request, "{name} request");
        assert_eq!(op.response.added, response, "{name} response");
        assert_eq!(op.request.removed, None, "{name}");
        assert_eq!(op.response.removed, None, "{name}");
    }
}

#[test]
fn unlisted_constraint_changes_are_found_and_classified() {
    let d = update();
    let op = d.operation("UpdateChannelMessage").unwrap();
    let required: Vec<&Change> = op
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Required)
        .collect();
    assert_eq!(required.len(), 1);
    let c = required[0];
    assert_eq!(
        (c.side, c.path.as_str(), c.old.as_deref(), c.new.as_deref()),
        (Side::Request, "Content", Some("optional"), Some("required"))
    );
    assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
    // Content moved to NonEmptyContent: at least one character, no upper bound any more.
    let min = op
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Min && c.path == "Content")
        .unwrap();
    assert_eq!(
        (min.old.as_deref(), min.new.as_deref()),
        (Some("0"), Some("1"))
    );
    assert_eq!(min.client, Impact::Breaking);
    let max = op
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Max && c.path == "Content")
        .unwrap();
    assert_eq!((max.client, max.server), (Impact::None, Impact::Breaking));

    // A push notification's title and body must now be non-empty, wherever they are sent.
    for (name, prefix) in [
        ("SendChannelMessage", "PushNotification"),
        ("ChannelFlowCallback", "ChannelMessage.PushNotification"),
    ] {
        let op = d.operation(name).unwrap();
        for field in ["Title", "Body"] {
            let path = format!("{prefix}.{field}");
            let c = op
                .changes
                .iter()
                .find(|c| c.path == path && c.kind == ChangeKind::Min)
                .unwrap_or_else(|| panic!("{name} {path}"));
            assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
        }
    }
    assert!(d.is_breaking());
}

#[test]
fn new_optional_members_are_classified_by_side() {
    let d = update();
    let send = d.operation("SendChannelMessage").unwrap();
    let c = send
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::MemberAdded)
        .unwrap();
    assert_eq!(c.path, "ContentType");
    // A server must accept it; older clients simply never send it.
    assert_eq!((c.client, c.server), (Impact::None, Impact::Breaking));
    let list = d.operation("ListChannelMessages").unwrap();
    let c = list
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::MemberAdded)
        .unwrap();
    assert_eq!(c.path, "ChannelMessages[].ContentType");
    assert_eq!((c.client, c.server), (Impact::Strict, Impact::None));
}

#[test]
fn a_model_against_itself_has_no_change() {
    for text in [
        embedded::MESSAGING,
        embedded::IDENTITY,
        embedded::MESSAGING_1_29_97,
    ] {
        let m = ServiceModel::from_json(text).unwrap();
        let d = diff(&m, &m);
        assert!(d.is_empty(), "{:#?}", d);
        assert!(d.changes().is_empty());
        assert!(!d.is_breaking());
    }
}

#[test]
fn removed_operations_break_clients() {
    let old = ServiceModel::from_json(embedded::MESSAGING_1_29_98).unwrap();
    let new = ServiceModel::from_json(embedded::MESSAGING_1_29_97).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.removed_operations, ["PutChannelExpirationSettings"]);
    let c = only(&d, ChangeKind::OperationRemoved);
    assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
    // Members removed from a response break the clients that read them.
    let get = d.operation("GetChannelMessage").unwrap();
    assert_eq!(
        get.response.removed,
        Some(json!({"ChannelMessage": {"ContentType": "string"}}))
    );
    let c = get
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::MemberRemoved)
        .unwrap();
    assert_eq!(c.client, Impact::Breaking);
}

#[test]
fn enum_values_added_to_a_response_break_strict_clients() {
    let req = json!({"type": "structure", "members": {}});
    let resp = json!({"type": "structure", "members": {"Mode": {"shape": "Mode"}}});
    let old = model(
        req.clone(),
        resp.clone(),
        json!({"Mode": {"type": "string", "enum": ["A"]}}),
    );
    let new = model(
        req,
        resp,
        json!({"Mode": {"type": "string", "enum": ["A", "B"]}}),
    );
    let d = diff(&old, &new);
    let c = only(&d, ChangeKind::EnumValuesAdded);
    assert_eq!(c.new.as_deref(), Some("B"));
    assert_eq!((c.client, c.server), (Impact::Strict, Impact::None));
    assert!(!d.is_breaking());
    let back = diff(&new, &old);
    let c = only(&back, ChangeKind::EnumValuesRemoved);
    assert_eq!((c.client, c.server), (Impact::None, Impact::Breaking));
}

#[test]
fn bindings_types_and_errors_are_compared() {
    let req = |loc: Value| json!({"type": "structure", "members": {"Id": loc}});
    let resp = json!({"type": "structure", "members": {"N": {"shape": "Str"}}});
    let old = model(
        req(json!({"shape": "Str", "location": "header", "locationName": "x-id"})),
        resp,
        json!({}),
    );
    let new = model(
        req(json!({"shape": "Str", "location": "querystring", "locationName": "id"})),
        json!({"type": "structure", "members": {"N": {"shape": "Num"}}}),
        json!({"Num": {"type": "integer"}}),
    );
    let d = diff(&old, &new);
    let c = only(&d, ChangeKind::Location);
    assert_eq!(c.old.as_deref(), Some("header x-id"));
    assert_eq!(c.new.as_deref(), Some("query id"));
    let c = only(&d, ChangeKind::Type);
    assert_eq!(
        (c.path.as_str(), c.old.as_deref(), c.new.as_deref()),
        ("N", Some("string"), Some("integer"))
    );
    assert!(c.is_breaking());

    let mut new2 = new.clone();
    let op = new2.operations.get_mut("Op").unwrap();
    op.errors.clear();
    op.http.success_code = 201;
    op.http.method = http::Method::PUT;
    let d = diff(&new, &new2);
    let c = only(&d, ChangeKind::ErrorRemoved);
    assert_eq!((c.client, c.server), (Impact::None, Impact::Breaking));
    assert_eq!(only(&d, ChangeKind::StatusCode).new.as_deref(), Some("201"));
    assert_eq!(only(&d, ChangeKind::HttpMethod).new.as_deref(), Some("PUT"));
    let c = only(&diff(&new2, &new), ChangeKind::ErrorAdded);
    assert_eq!(c.new.as_deref(), Some("BadRequestException"));
}

#[test]
fn recursive_shapes_end() {
    let node = |extra: bool| {
        let mut members = json!({"Next": {"shape": "Node"}});
        if extra {
            members["Tag"] = json!({"shape": "Str"});
        }
        json!({"Node": {"type": "structure", "members": members}})
    };
    let req = json!({"type": "structure", "members": {}});
    let resp = json!({"type": "structure", "members": {"Root": {"shape": "Node"}}});
    let old = model(req.clone(), resp.clone(), node(false));
    let new = model(req, resp, node(true));
    let d = diff(&old, &new);
    let op = d.operation("Op").unwrap();
    assert_eq!(op.response.added, Some(json!({"Root": {"Tag": "string"}})));
}

#[test]
fn text_output_has_the_changelog_and_the_table() {
    let text = update().to_text();
    assert!(text.starts_with("Amazon Chime SDK Messaging - 1 new 7 updated api methods\n"));
    assert!(text.contains("\nPutChannelExpirationSettings (new)\n"));
    assert!(text.contains(
        "\nChannelFlowCallback (updated)\nChanges (request)\n{'ChannelMessage': {'ContentType': 'string'}}\n"
    ));
    assert!(text.contains(
        "\nGetChannelMessage (updated)\nChanges (response)\n{'ChannelMessage': {'ContentType': 'string'}}\n"
    ));
    let row = text
        .lines()
        .find(|l| l.starts_with("UpdateChannelMessage") && l.contains("required"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "UpdateChannelMessage",
            "request",
            "Content",
            "required",
            "optional",
            "required",
            "BREAKING",
            "-"
        ]
    );
}
