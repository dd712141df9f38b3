use super::*;
use crate::harness::snapshot::file::snap_content;
use crate::harness::snapshot::fixtures::{TempDir, files, key, listing, response};
use serde_json::{Value, json};

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

#[test]
fn recordings_say_where_they_came_from_and_the_real_service_revalidates_them() {
    use crate::harness::snapshot::provenance::Provenance;
    let tmp = TempDir::new();
    let at = |kind: &str, day: &str| {
        SnapshotStore::with_ci(&tmp.0, SnapshotMode::Update, false)
            .with_provenance(Provenance::recorded(kind, "m 1", day))
    };
    let snap = listing("hi");
    let path = at("reference-server", "2026-01-01").path_of(&key());
    at("reference-server", "2026-01-01")
        .check(&key(), &snap)
        .unwrap();
    let first = read_provenance(&path);
    assert_eq!(first.recorded_by, "reference-server");
    assert_eq!(first.recorded_at.as_deref(), Some("2026-01-01"));
    assert_eq!(first.last_validated_against_aws, None);

    // The real service matches it: only the validation day is added, the content stays.
    let outcome = at("aws", "2026-02-02").check(&key(), &snap).unwrap();
    assert_eq!(outcome, SnapshotOutcome::Matched);
    let validated = read_provenance(&path);
    assert_eq!(validated.recorded_by, "reference-server");
    assert_eq!(validated.recorded_at.as_deref(), Some("2026-01-01"));
    assert_eq!(
        validated.last_validated_against_aws.as_deref(),
        Some("2026-02-02")
    );
    assert_eq!(read_snap(&path).unwrap(), Some(snap.clone()));

    // Another target changes it: the real service's validation no longer holds.
    at("endpoint", "2026-03-03")
        .check(&key(), &listing("changed"))
        .unwrap();
    let changed = read_provenance(&path);
    assert_eq!(changed.recorded_by, "endpoint");
    assert_eq!(changed.last_validated_against_aws, None);

    // Verifying writes nothing, whoever the target.
    let verify = SnapshotStore::with_ci(&tmp.0, SnapshotMode::Verify, false)
        .with_provenance(Provenance::recorded("aws", "m 1", "2026-04-04"));
    verify.check(&key(), &listing("changed")).unwrap();
    assert_eq!(read_provenance(&path), changed);
}
