use super::*;
use crate::diff::change::Impact;
use crate::diff::fixtures::{model, only, update};
use crate::model::embedded;
use serde_json::json;

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
