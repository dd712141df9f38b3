//! The checked-in `schemas/` must be exactly what the models generate.

use chime_conformance::schema;
use std::path::Path;

#[test]
fn checked_in_schemas_match_the_models() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    match schema::check(&dir) {
        Ok(n) => assert_eq!(n, schema::generate_all().len()),
        Err(drift) => panic!(
            "schemas/ differs from the models; run `cargo run -- schemas generate`:\n{}",
            drift.join("\n")
        ),
    }
}

#[test]
fn checked_in_schemas_validate_a_response() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let text = std::fs::read_to_string(dir.join("messaging/CreateChannel.response.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["properties"]["ChannelArn"]["$ref"], "#/$defs/ChimeArn");
    let violations = schema::validate_response(
        chime_conformance::model::Service::Messaging,
        "CreateChannel",
        &schema::ResponseView {
            status: 201,
            error_type: None,
            body: Some(&serde_json::json!({"ChannelArn": 7})),
            headers: None,
        },
    );
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].pointer, "/ChannelArn");
}
