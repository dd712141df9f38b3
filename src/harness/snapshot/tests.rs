use super::*;
use crate::model::Service;
use std::time::Duration;

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("chime-snapshots-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn listing(content: &str) -> Snapshot {
    Snapshot::new(
        200,
        None,
        Some(json!({
            "ChannelArn": "<ChannelArn:1>",
            "ChannelMessages": [{"MessageId": "<MessageId:2>", "Content": content}]
        })),
    )
}

fn key() -> SnapshotKey {
    SnapshotKey::new(
        "/tmp/x/listing.feature",
        "Messages come back newest first",
        3,
    )
}

#[test]
fn a_snapshot_round_trips_through_its_file() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let snap = listing("hi");
    assert_eq!(
        store.check(&key(), &snap).unwrap(),
        SnapshotOutcome::Created
    );
    let text = std::fs::read_to_string(store.path_of(&key())).unwrap();
    assert!(
        text.starts_with("---\nsource: listing.feature\nexpression: "),
        "{text}"
    );
    assert!(text.contains("\n---\n{\n"), "{text}");

    let verify = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    assert_eq!(
        verify.check(&key(), &snap).unwrap(),
        SnapshotOutcome::Matched
    );
    assert_eq!(read_snap(&store.path_of(&key())).unwrap(), Some(snap));
}

#[test]
fn a_changed_field_fails_with_its_json_path() {
    let tmp = TempDir::new();
    let update = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    update.check(&key(), &listing("hi")).unwrap();

    let verify = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    let err = verify.check(&key(), &listing("hello")).unwrap_err();
    let SnapshotError::Mismatch { differences, .. } = &err else {
        panic!("expected a mismatch, got {err}");
    };
    assert_eq!(differences.0.len(), 1);
    assert_eq!(
        differences.0[0].to_string(),
        r#"/ChannelMessages/0/Content: expected "hi", found "hello""#
    );
    let text = err.to_string();
    assert!(
        text.contains("listing__messages_come_back_newest_first__step_03.snap"),
        "{text}"
    );
    // Verify never rewrites the file.
    let again = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    assert_eq!(
        again.check(&key(), &listing("hi")).unwrap(),
        SnapshotOutcome::Matched
    );
}

#[test]
fn update_mode_rewrites_a_changed_snapshot() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    store.check(&key(), &listing("hi")).unwrap();
    let second = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    assert_eq!(
        second.check(&key(), &listing("hello")).unwrap(),
        SnapshotOutcome::Updated
    );
    assert_eq!(
        read_snap(&second.path_of(&key())).unwrap(),
        Some(listing("hello"))
    );
}

#[test]
fn differences_name_status_error_type_missing_and_extra_members() {
    let expected = Snapshot::new(
        403,
        Some("ForbiddenException"),
        Some(json!({"Code": "Forbidden", "List": [1, 2], "a/b": 1})),
    );
    let found = Snapshot::new(
        404,
        Some("NotFoundException"),
        Some(json!({"Code": "Forbidden", "List": [1, 2, 3], "a/b": 1.0, "Extra": true})),
    );
    let lines: Vec<String> = expected
        .differences(&found)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "status: expected 403, found 404",
            r#"x-amzn-ErrorType: expected "ForbiddenException", found "NotFoundException""#,
            "/Extra: unexpected, found true",
            "/List/2: unexpected, found 3",
        ]
    );
    let gone = Snapshot::new(200, None, Some(json!({"Name": "x"})));
    let lines: Vec<String> = gone
        .differences(&Snapshot::new(200, None, Some(json!({}))))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines, [r#"/Name: missing, expected "x""#]);
}

#[test]
fn under_ci_update_verifies_and_writes_nothing() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, true);
    assert_eq!(store.mode(), SnapshotMode::Verify);
    assert!(store.notice().unwrap().contains("CI=true"));
    let err = store.check(&key(), &listing("hi")).unwrap_err();
    assert!(matches!(err, SnapshotError::Missing { .. }), "{err}");
    assert!(err.to_string().contains("\"Content\": \"hi\""), "{err}");
    assert!(files(&tmp.0).is_empty());

    // An existing snapshot that differs is not rewritten either.
    SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false)
        .check(&key(), &listing("hi"))
        .unwrap();
    let before = std::fs::read(store.path_of(&key())).unwrap();
    let err = store.check(&key(), &listing("hello")).unwrap_err();
    assert!(matches!(err, SnapshotError::Mismatch { .. }), "{err}");
    assert_eq!(std::fs::read(store.path_of(&key())).unwrap(), before);
    assert_eq!(files(&tmp.0).len(), 1);

    let plain = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    assert!(plain.notice().is_none());
}

#[test]
fn names_are_sanitised_and_stable() {
    let k = SnapshotKey::new(
        "/tmp/run-1234/features/Channel Flows.feature",
        "A  DENIED message (callback) -> not listed!",
        7,
    );
    assert_eq!(
        k.file_name(),
        "channel_flows__a_denied_message_callback_not_listed__step_07.snap"
    );
    // Where the feature file was written to does not matter.
    let elsewhere = SnapshotKey::new(
        "channel Flows.feature",
        "A  DENIED message (callback) -> not listed!",
        7,
    );
    assert_eq!(k.file_name(), elsewhere.file_name());

    let named = SnapshotKey::named("messages.feature", "Édition", "after the edit").with_example(2);
    assert_eq!(
        named.file_name(),
        "messages__dition__ex2__after_the_edit.snap"
    );
    assert_eq!(sanitise("?!"), "unnamed");

    let long_a = "word ".repeat(40) + "a";
    let long_b = "word ".repeat(40) + "b";
    let (a, b) = (sanitise(&long_a), sanitise(&long_b));
    assert_ne!(a, b);
    assert!(a.len() <= MAX_PART + 9, "{a}");
    // The hash is fixed, not seeded per process.
    assert_eq!(a, sanitise(&long_a));
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn two_keys_on_one_file_clash_and_the_same_key_twice_does_not() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let a = SnapshotKey::new("f.feature", "Send a message", 1);
    let b = SnapshotKey::new("f.feature", "Send a message!", 1);
    store.check(&a, &listing("hi")).unwrap();
    store.check(&a, &listing("hi")).unwrap();
    let err = store.check(&b, &listing("hi")).unwrap_err();
    assert!(matches!(err, SnapshotError::NameClash { .. }), "{err}");
}

#[test]
fn unreferenced_lists_the_stale_files() {
    let tmp = TempDir::new();
    let first = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let old = SnapshotKey::new("f.feature", "Old scenario", 1);
    first.check(&old, &listing("hi")).unwrap();
    first.check(&key(), &listing("hi")).unwrap();
    std::fs::write(tmp.0.join("notes.txt"), "not a snapshot").unwrap();

    let second = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    second.check(&key(), &listing("hi")).unwrap();
    assert_eq!(second.referenced(), [key().file_name()]);
    assert_eq!(
        second.unreferenced().unwrap(),
        [tmp.0.join("f__old_scenario__step_01.snap")]
    );
    assert_eq!(
        second.unreferenced_for(&["features/f.feature"]).unwrap(),
        [tmp.0.join("f__old_scenario__step_01.snap")]
    );
    assert!(
        second
            .unreferenced_for(&["listing.feature"])
            .unwrap()
            .is_empty()
    );
    let empty = SnapshotStore::with_ci(tmp.0.join("none"), SnapshotMode::Verify, false);
    assert!(empty.unreferenced().unwrap().is_empty());
}

#[test]
fn concurrent_checks_each_write_their_own_file() {
    let tmp = TempDir::new();
    let store = std::sync::Arc::new(SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false));
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            std::thread::spawn(move || {
                let k = SnapshotKey::new("c.feature", format!("Scenario {i}"), 1);
                store.check(&k, &listing(&i.to_string())).unwrap()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), SnapshotOutcome::Created);
    }
    assert_eq!(files(&tmp.0).len(), 8);
    assert_eq!(store.referenced().len(), 8);
}

#[test]
fn a_corrupt_file_is_reported_with_its_path() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    std::fs::write(store.path_of(&key()), "---\nsource: x\n---\n{not json").unwrap();
    let err = store.check(&key(), &listing("hi")).unwrap_err();
    assert!(matches!(err, SnapshotError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("not JSON"), "{err}");
    assert_eq!(
        snap_content("---\nsource: x\n"),
        Err("the header has no closing ---".into())
    );
    assert_eq!(snap_content("{}\n"), Ok("{}"));
}

fn response(status: u16, headers: &[(&'static str, &str)], body: Value) -> wire::Response {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(*k, v.parse().unwrap());
    }
    let error = wire::classify_error(status, &map, Some(&body));
    wire::Response {
        service: Service::Messaging,
        operation: "DescribeChannel".into(),
        status,
        headers: map,
        raw_body: bytes::Bytes::from(body.to_string()),
        body: Some(body),
        body_error: None,
        request_id: None,
        latency: Duration::from_millis(3),
        error,
    }
}

#[test]
fn responses_are_snapshotted_normalised() {
    let arn = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
    let now = 1_700_000_000.0;
    let mut n = Normaliser::new(now);
    let ok = response(
        200,
        &[],
        json!({"Channel": {"ChannelArn": arn, "Name": "n", "CreatedTimestamp": now}}),
    );
    let snap = Snapshot::of_response(&ok, &mut n).unwrap();
    assert_eq!(snap.status, 200);
    assert_eq!(snap.error_type, None);
    assert_eq!(
        snap.body,
        Some(json!({"Channel": {
            "ChannelArn": "<ChannelArn:1>", "Name": "n", "CreatedTimestamp": "<Timestamp:2>"
        }}))
    );

    let denied = response(
        403,
        &[(
            "x-amzn-ErrorType",
            "ForbiddenException:http://internal.amazon.com/coral/",
        )],
        json!({"Code": "Forbidden", "Message": format!("User may not read {arn}. Nor arn:aws:chime:us-east-1:123456789012:app-instance/zz")}),
    );
    let snap = Snapshot::of_response(&denied, &mut n).unwrap();
    assert_eq!(snap.error_type.as_deref(), Some("ForbiddenException"));
    assert_eq!(
        snap.body,
        Some(
            json!({"Code": "Forbidden", "Message": "User may not read <ChannelArn:1>. Nor <Arn>"})
        )
    );
    assert_eq!(Snapshot::from_json(&snap.to_json()).unwrap(), snap);
}

#[test]
fn a_body_that_fails_normalisation_is_an_error() {
    let mut n = Normaliser::new(1_700_000_000.0);
    let bad = response(200, &[], json!({"Channel": {"ChannelArn": "not-an-arn"}}));
    assert!(Snapshot::of_response(&bad, &mut n).is_err());
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let err = store.check_response(&key(), &bad, &mut n).unwrap_err();
    assert!(matches!(err, SnapshotError::Normalise(_)), "{err}");
    assert!(err.to_string().contains("/Channel/ChannelArn"), "{err}");
    assert!(files(&tmp.0).is_empty());
}

#[test]
fn check_response_records_and_then_matches() {
    let tmp = TempDir::new();
    let arn = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
    let ok = response(
        200,
        &[],
        json!({"Channel": {"ChannelArn": arn, "Name": "n"}}),
    );
    let update = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let outcome = update
        .check_response(&key(), &ok, &mut Normaliser::new(0.0))
        .unwrap();
    assert_eq!(outcome, SnapshotOutcome::Created);
    // Another run, other ARNs: the placeholders make them equal.
    let other = "arn:aws:chime:us-east-1:123456789012:app-instance/a2/channel/c9";
    let again = response(
        200,
        &[],
        json!({"Channel": {"ChannelArn": other, "Name": "n"}}),
    );
    let verify = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false);
    let outcome = verify
        .check_response(&key(), &again, &mut Normaliser::new(0.0))
        .unwrap();
    assert_eq!(outcome, SnapshotOutcome::Matched);
}

#[test]
fn the_store_is_shareable() {
    fn is<T: Send + Sync>() {}
    is::<SnapshotStore>();
}

#[test]
fn the_file_puts_status_first_and_parses_back() {
    let snap = listing("hi");
    let text = snap.to_pretty();
    assert!(text.starts_with("{\n  \"status\": 200,\n  \"x-amzn-ErrorType\": null,\n  \"body\": {\n    \"ChannelArn\""), "{text}");
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(Snapshot::from_json(&back).unwrap(), snap);
    assert_eq!(yaml_scalar("listing.feature"), "listing.feature");
    assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
}

#[test]
fn insta_reads_the_files() {
    let tmp = TempDir::new();
    let store = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false);
    let named = SnapshotKey::named("messages.feature", "Edit: \"quoted\" #1", "after the edit");
    store.check(&named, &listing("hi")).unwrap();
    let snap = insta::Snapshot::from_file(&store.path_of(&named)).unwrap();
    assert_eq!(snap.metadata().source(), Some("messages.feature"));
    assert_eq!(
        snap.metadata().expression(),
        Some("messages.feature: Edit: \"quoted\" #1, after the edit")
    );
    let insta::internals::SnapshotContents::Text(text) = snap.contents() else {
        panic!("a text snapshot");
    };
    let content: Value = serde_json::from_str(&text.to_string()).unwrap();
    assert_eq!(Snapshot::from_json(&content).unwrap(), listing("hi"));
}
