//! `diff-model` end to end: the binary on the embedded models and on bad input.

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .arg("diff-model")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("diff-model-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn the_2023_update_in_changelog_form() {
    let o = run(&["messaging-1.29.97", "messaging-1.29.98"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Amazon Chime SDK Messaging - 1 new 7 updated api methods\n"),
        "{text}"
    );
    assert_eq!(text.matches(" (new)\n").count(), 1);
    assert_eq!(text.matches(" (updated)\n").count(), 7);
    for expected in [
        "PutChannelExpirationSettings (new)\n",
        "ChannelFlowCallback (updated)\nChanges (request)\n{'ChannelMessage': {'ContentType': 'string'}}\n",
        "CreateChannel (updated)\nChanges (request)\n{'ExpirationSettings': {'ExpirationCriterion': 'CREATED_TIMESTAMP | '\n",
        "DescribeChannel (updated)\nChanges (response)\n{'Channel': {'ExpirationSettings': {'ExpirationCriterion': 'CREATED_TIMESTAMP '\n",
        "GetChannelMessage (updated)\nChanges (response)\n{'ChannelMessage': {'ContentType': 'string'}}\n",
        "ListChannelMessages (updated)\nChanges (response)\n{'ChannelMessages': {'ContentType': 'string'}}\n",
        "SendChannelMessage (updated)\nChanges (request)\n{'ContentType': 'string'}\n",
        "UpdateChannelMessage (updated)\nChanges (request)\n{'ContentType': 'string'}\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains("\nClassified changes ("));
}

#[test]
fn json_output_classifies_the_required_content() {
    let o = run(&["messaging-1.29.97", "messaging-1.29.98", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["counts"]["new"], 1);
    assert_eq!(v["counts"]["updated"], 7);
    assert_eq!(v["breaking"], true);
    let changes = v["changes"].as_array().unwrap();
    let required: Vec<&Value> = changes
        .iter()
        .filter(|c| c["operation"] == "UpdateChannelMessage" && c["kind"] == "required")
        .collect();
    assert_eq!(required.len(), 1);
    assert_eq!(required[0]["path"], "Content");
    assert_eq!(required[0]["side"], "request");
    assert_eq!(required[0]["client"], "breaking");
    assert_eq!(required[0]["server"], "none");
}

#[test]
fn fail_on_breaking_sets_the_exit_code() {
    let o = run(&[
        "messaging-1.29.97",
        "messaging-1.29.98",
        "--fail-on-breaking",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["messaging", "messaging", "--fail-on-breaking"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_model_against_itself_has_no_change() {
    let o = run(&["identity", "identity", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
    assert_eq!(v["counts"]["updated"], 0);
    let o = run(&["messaging", "messaging"]);
    assert!(stdout(&o).contains("0 new 0 updated api methods"));
}

#[test]
fn files_are_read_by_path() {
    let path = temp_file(
        "old.json",
        chime_conformance::model::embedded::MESSAGING_1_29_97,
    );
    let o = run(&[path.to_str().unwrap(), "messaging-1.29.98"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 new 7 updated"));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let not_json = temp_file("not-json.json", "this is not json");
    let not_model = temp_file("not-model.json", r#"{"metadata": {"apiVersion": 1}}"#);
    let bad_shape = temp_file(
        "bad-shape.json",
        &chime_conformance::model::embedded::MESSAGING_1_29_97
            .replacen(r#""type":"structure""#, r#""type":"sprocket""#, 1)
            .replacen(r#""type": "structure""#, r#""type": "sprocket""#, 1),
    );
    let cases = [
        ("/nonexistent/model.json", "cannot read model"),
        (not_json.to_str().unwrap(), "$"),
        (not_model.to_str().unwrap(), "$.metadata"),
        (bad_shape.to_str().unwrap(), "sprocket"),
    ];
    for (input, mention) in cases {
        let o = run(&[input, "messaging"]);
        assert_eq!(o.status.code(), Some(2), "{input}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(mention), "{mention} not in {err}");
        assert!(stdout(&o).is_empty());
    }
}
