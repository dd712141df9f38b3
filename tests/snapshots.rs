//! Snapshot steps in real runs: a response that changed since it was recorded fails its
//! snapshot step with the JSON path of the change, whether the change comes from the target or
//! from the recorded file; update mode records what verify mode then accepts; stale snapshots
//! are reported.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chime_conformance::cli::exit;
use chime_conformance::harness::snapshot::SnapshotOptions;
use chime_conformance::harness::snapshot::{SnapshotMode, ci_from_env};
use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, run_suite};
use chime_conformance::server;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

#[path = "common/embedded.rs"]
mod embedded;

/// Runs in one process share the installed run context: one at a time.
static RUNS: Mutex<()> = Mutex::new(());

const SNAPSHOT_FEATURE: &str = "snapshots.feature";

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "chime-snapshot-test-{what}-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A features directory holding only the snapshot feature.
fn snapshot_features() -> TempDir {
    let dir = TempDir::new("features");
    std::fs::copy(
        repo("features").join(SNAPSHOT_FEATURE),
        dir.0.join(SNAPSHOT_FEATURE),
    )
    .expect("the snapshot feature copies");
    dir
}

/// A copy of the recorded snapshots.
fn recorded_copy() -> TempDir {
    let dir = TempDir::new("snapshots");
    for entry in std::fs::read_dir(repo("snapshots")).expect("snapshots/ is readable") {
        let entry = entry.expect("a directory entry");
        std::fs::copy(entry.path(), dir.0.join(entry.file_name())).expect("a snapshot copies");
    }
    dir
}

/// Runs `features` against `target` ([`EMBEDDED`] or an endpoint of the test's own).
fn run(
    target: Option<Endpoint>,
    features: &Path,
    tags: Option<&str>,
    snapshots: &Path,
    mode: SnapshotMode,
) -> RunOutcome {
    let _one_at_a_time = RUNS.lock().unwrap_or_else(|e| e.into_inner());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let opts = RunOptions {
        tags: tags.map(str::to_string),
        features_dir: Some(features.to_path_buf()),
        timeout: Duration::from_secs(10),
        snapshots: SnapshotOptions {
            dir: Some(snapshots.to_path_buf()),
            mode,
        },
        ..RunOptions::default()
    };
    runtime
        .block_on(async {
            match target {
                Some(endpoint) => run_suite(&endpoint, opts).await.map_err(|e| e.to_string()),
                None => embedded::run_embedded(true, opts).await,
            }
        })
        .expect("the run starts")
}

fn failures(outcome: &RunOutcome) -> Vec<String> {
    outcome
        .failed()
        .iter()
        .map(|s| format!("{}: {}", s.name, s.failure().unwrap_or_default()))
        .collect()
}

/// The reference server with the test-control protocol, started for the run.
const EMBEDDED: Option<Endpoint> = None;

/// Forwards everything to `upstream`, and turns the Status of every sent message into
/// PENDING: a target whose answer differs in one field from the one recorded.
async fn altering_proxy(upstream: String) -> String {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    let app = Router::new()
        .fallback(
            |State((client, upstream)): State<(reqwest::Client, String)>,
             method: Method,
             uri: Uri,
             headers: HeaderMap,
             body: Bytes| async move {
                let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                let mut request = client.request(method.clone(), format!("{upstream}{path}"));
                for (name, value) in &headers {
                    if name != "host" && name != "content-length" {
                        request = request.header(name, value);
                    }
                }
                let answer = match request.body(body.to_vec()).send().await {
                    Ok(a) => a,
                    Err(e) => return (StatusCode::BAD_GATEWAY, e.to_string()).into_response(),
                };
                let status = answer.status();
                let mut out_headers = HeaderMap::new();
                for (name, value) in answer.headers() {
                    if name != "content-length" && name != "transfer-encoding" {
                        out_headers.insert(name.clone(), value.clone());
                    }
                }
                let mut bytes = answer.bytes().await.unwrap_or_default().to_vec();
                let sent_message = method == Method::POST
                    && uri.path().ends_with("/messages")
                    && status.is_success();
                if sent_message && let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) {
                    v["Status"] = json!({"Value": "PENDING"});
                    bytes = serde_json::to_vec(&v).unwrap_or_default();
                }
                let mut response = Response::new(axum::body::Body::from(bytes));
                *response.status_mut() = status;
                *response.headers_mut() = out_headers;
                response
            },
        )
        .with_state((client, upstream));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[test]
fn a_target_whose_answer_changed_fails_the_snapshot_step_naming_the_path() {
    let features = snapshot_features();
    let recorded = repo("snapshots");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (server, proxy) = runtime.block_on(async {
        let server = server::spawn(server::ServerConfig::default())
            .await
            .expect("the reference server starts");
        let proxy = altering_proxy(server.url.clone()).await;
        (server, proxy)
    });
    let target = Some(Endpoint::new(proxy));
    let tags = Some("@op:SendChannelMessage");

    let outcome = run(target, &features.0, tags, &recorded, SnapshotMode::Verify);
    runtime.block_on(async {
        let _ = server.shutdown().await;
    });

    let failed = failures(&outcome);
    assert_eq!(failed.len(), 1, "{failed:#?}");
    let message = &failed[0];
    assert!(
        message.contains("SendChannelMessage snapshots"),
        "{message}"
    );
    assert!(
        message.contains("sendchannelmessage_snapshots__success.snap")
            && message.contains("differs"),
        "{message}"
    );
    assert!(
        message.contains(r#"/Status/Value: expected "SENT", found "PENDING""#),
        "{message}"
    );
    // Only the changed field is named.
    assert!(!message.contains("/MessageId"), "{message}");
    assert_eq!(exit::of_verdict(outcome.verdict()), 1);
}

#[test]
fn a_recorded_value_that_differs_fails_the_step_with_its_path_and_the_rest_pass() {
    let features = snapshot_features();
    let snapshots = recorded_copy();
    let file = snapshots
        .0
        .join("snapshots__getchannelmessage_snapshots__success.snap");
    let text = std::fs::read_to_string(&file).expect("the GetChannelMessage snapshot exists");
    assert!(text.contains(r#""ContentType": "text/markdown""#), "{text}");
    std::fs::write(
        &file,
        text.replace(
            r#""ContentType": "text/markdown""#,
            r#""ContentType": "text/plain""#,
        ),
    )
    .expect("the snapshot is writable");

    let outcome = run(
        EMBEDDED,
        &features.0,
        None,
        &snapshots.0,
        SnapshotMode::Verify,
    );
    let failed = failures(&outcome);
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert!(
        failed[0].contains("GetChannelMessage snapshots"),
        "{failed:#?}"
    );
    assert!(
        failed[0].contains(
            r#"/ChannelMessage/ContentType: expected "text/plain", found "text/markdown""#
        ),
        "{failed:#?}"
    );
    // Verify mode leaves the file as it was.
    assert!(
        std::fs::read_to_string(&file)
            .expect("still there")
            .contains("text/plain")
    );
    assert!(outcome.snapshots.matched > 0);
    assert_eq!(outcome.snapshots.created + outcome.snapshots.updated, 0);
    // The failed scenario never reached its "error" snapshot; that does not make it stale.
    assert!(
        outcome.snapshots.unreferenced.is_empty(),
        "{:?}",
        outcome.snapshots.unreferenced
    );
}

#[test]
fn update_mode_records_what_verify_mode_then_accepts_and_stale_files_are_reported() {
    let features = snapshot_features();
    let snapshots = TempDir::new("fresh");
    let stale = snapshots.0.join("snapshots__a_scenario_gone__step_03.snap");
    std::fs::write(&stale, "{}").expect("a stale file");
    // Only the snapshot feature runs here; other features' snapshots are not recorded.
    let recorded = std::fs::read_dir(repo("snapshots"))
        .expect("snapshots/ is readable")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("snapshots__"))
        })
        .count();

    let first = run(
        EMBEDDED,
        &features.0,
        None,
        &snapshots.0,
        SnapshotMode::Update,
    );
    if ci_from_env() {
        // Under CI=true update mode verifies: the missing snapshots fail, nothing is written.
        assert!(!first.failed().is_empty());
        assert!(first.summary().contains("CI=true"), "{}", first.summary());
        assert_eq!(std::fs::read_dir(&snapshots.0).expect("dir").count(), 1);
        return;
    }
    assert!(failures(&first).is_empty(), "{:#?}", failures(&first));
    assert_eq!(first.snapshots.created, recorded, "{:?}", first.snapshots);
    assert_eq!(first.snapshots.unreferenced, vec![stale.clone()]);
    assert!(
        first
            .summary()
            .contains("warning: 1 unreferenced snapshot(s)"),
        "{}",
        first.summary()
    );

    let second = run(
        EMBEDDED,
        &features.0,
        None,
        &snapshots.0,
        SnapshotMode::Verify,
    );
    assert!(failures(&second).is_empty(), "{:#?}", failures(&second));
    assert_eq!(second.snapshots.matched, recorded);
    assert_eq!(second.snapshots.created + second.snapshots.updated, 0);

    // The recorded files are the checked-in ones, byte for byte but for their provenance (who
    // recorded them, and when): normalisation is stable.
    for entry in std::fs::read_dir(repo("snapshots")).expect("snapshots/ is readable") {
        let entry = entry.expect("an entry");
        if !entry
            .file_name()
            .to_string_lossy()
            .starts_with("snapshots__")
        {
            continue;
        }
        let ours = std::fs::read_to_string(snapshots.0.join(entry.file_name()))
            .expect("recorded by the update run");
        let theirs = std::fs::read_to_string(entry.path()).expect("checked in");
        assert_eq!(
            without_provenance(&ours),
            without_provenance(&theirs),
            "{}",
            entry.path().display()
        );
    }
}

/// A snapshot file without the provenance lines of its header (`recorded_by`, `recorded_at`,
/// `last_validated_against_aws`), which change with who records it and on what day.
fn without_provenance(snapshot: &str) -> String {
    let dated = [
        "recorded_by:",
        "recorded_at:",
        "last_validated_against_aws:",
    ];
    snapshot
        .lines()
        .filter(|line| !dated.contains(&line.split_whitespace().next().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_missing_snapshot_fails_in_verify_mode_and_shows_the_response() {
    let features = snapshot_features();
    let empty = TempDir::new("empty");
    let outcome = run(
        EMBEDDED,
        &features.0,
        Some("@op:CreateChannel"),
        &empty.0,
        SnapshotMode::Verify,
    );
    let failed = failures(&outcome);
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert!(failed[0].contains("does not exist"), "{failed:#?}");
    assert!(failed[0].contains("<ChannelArn:1>"), "{failed:#?}");
    assert_eq!(std::fs::read_dir(&empty.0).expect("dir").count(), 0);
}

/// `run` as a user starts it, on the snapshot feature only, with the given environment.
fn run_cli(args: &[&str], ci: Option<&str>) -> (Option<i32>, String) {
    let features = snapshot_features();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_chime-conformance"));
    command
        .arg("run")
        .arg("--quiet")
        .arg("--features")
        .arg(&features.0)
        .args(["--tags", "@op:CreateChannel", "--timeout", "10"])
        .args(args);
    match ci {
        Some(v) => command.env("CI", v),
        None => command.env_remove("CI"),
    };
    let out = command.output().expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn run_update_snapshots_records_and_writes_nothing_under_ci() {
    let dir = TempDir::new("cli");
    let path = dir.0.to_str().expect("a UTF-8 temp path");

    let (code, out) = run_cli(&["--snapshots", path, "--update-snapshots"], Some("true"));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("CI=true: snapshots are verified, not updated; nothing is written"),
        "{out}"
    );
    assert_eq!(std::fs::read_dir(&dir.0).expect("dir").count(), 0, "{out}");

    let (code, out) = run_cli(&["--snapshots", path, "--update-snapshots"], None);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 matched, 2 created, 0 updated"), "{out}");
    let mut names: Vec<String> = std::fs::read_dir(&dir.0)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "snapshots__createchannel_snapshots__error.snap",
            "snapshots__createchannel_snapshots__success.snap"
        ]
    );

    let (code, out) = run_cli(&["--snapshots", path], Some("true"));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("2 matched, 0 created, 0 updated"), "{out}");
}
