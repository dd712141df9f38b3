//! The harness judges: a wrong answer fails its step with a readable report, an `@assumed`
//! failure is a warning unless strict, an undefined step is reported, and every response is
//! validated against the model even when the scenario asserts nothing about it.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use chime_conformance::cli::exit;
use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, run_suite};
use chime_conformance::model::{self, Service};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[path = "common/embedded.rs"]
mod embedded;

/// Runs use a process-wide context, so the tests of this file take turns.
static SERIAL: Mutex<()> = Mutex::new(());

fn features(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "chime-conformance-verdicts-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("check.feature"), text).expect("feature written");
    dir
}

/// The reference server with the test-control protocol, started for the run.
const EMBEDDED: Option<Endpoint> = None;

/// Runs the features of `dir` against `target` ([`EMBEDDED`] or an endpoint of the test's own).
fn run(target: Option<Endpoint>, dir: &Path, strict: bool) -> RunOutcome {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let opts = RunOptions {
        strict,
        features_dir: Some(dir.to_path_buf()),
        ..RunOptions::default()
    };
    runtime
        .block_on(async {
            match target {
                Some(endpoint) => run_suite(&endpoint, opts).await.map_err(|e| e.to_string()),
                None => embedded::run_embedded(true, opts).await,
            }
        })
        .expect("the run completes")
}

const VERDICTS: &str = r#"
Feature: Verdicts

  @B-MSG-01 @doc @op:CreateChannel
  Scenario: a documented expectation that the target does not meet
    Given the users alice
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "n"}
      """
    Then the call fails with NotFoundException

  @B-WIRE-12 @assumed @op:CreateChannel
  Scenario: an assumed expectation that the target does not meet
    Given the users alice
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "n"}
      """
    Then the response field "/ChannelArn" is "not this"

  @B-CH-01 @doc @op:CreateChannel
  Scenario: a step nobody defined
    Given the users alice
    When alice juggles
"#;

#[test]
fn failures_name_their_behaviours_and_assumed_ones_are_warnings_unless_strict() {
    let dir = features("verdicts", VERDICTS);
    let outcome = run(EMBEDDED, &dir, false);
    let failed = outcome.failed();
    assert_eq!(failed.len(), 1, "{}", outcome.summary());
    assert_eq!(failed[0].behaviours(), ["B-MSG-01"]);
    let why = failed[0].failure().unwrap_or_default();
    assert!(why.contains("expected NotFoundException"), "{why}");
    assert!(why.contains("request id"), "{why}");
    assert_eq!(outcome.undefined().len(), 1);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    assert!(outcome.warnings[0].message.contains("not this"));
    assert_eq!(exit::of_verdict(outcome.verdict()), 1);
    assert!(outcome.summary().contains("Behaviours broken: B-MSG-01"));

    let strict = run(EMBEDDED, &dir, true);
    assert_eq!(strict.failed().len(), 2, "{}", strict.summary());
    assert!(strict.warnings.is_empty());
}

/// A target that answers every operation with its modelled success code and a canned body,
/// except DescribeChannel, whose channel name is a number, and CreateChannel, which answers
/// 200 instead of 201.
async fn broken(request: Request<Body>) -> Response<Body> {
    let path = request.uri().path().to_string();
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect();
    let found = [Service::Messaging, Service::Identity]
        .into_iter()
        .find_map(|s| s.model().route(request.method(), &path, &query));
    let app = "arn:aws:chime:us-east-1:123456789012:app-instance/app";
    let (status, body) = match found.map(|(op, _)| op) {
        Some(op) => match op.name.as_str() {
            "CreateAppInstance" => (op.http.success_code, json!({"AppInstanceArn": app})),
            "CreateAppInstanceUser" => (
                op.http.success_code,
                json!({"AppInstanceUserArn": format!("{app}/user/alice")}),
            ),
            "CreateChannel" => (200, json!({"ChannelArn": format!("{app}/channel/c")})),
            "DescribeChannel" => (200, json!({"Channel": {"Name": 5}})),
            _ => (op.http.success_code, Value::Null),
        },
        None => (404, Value::Null),
    };
    // Broken only where the scenarios say: labelled JSON and with a request id otherwise.
    let mut response = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
        .header("x-amzn-requestid", "req-1");
    let body = if body.is_null() {
        Body::empty()
    } else {
        response = response.header("content-type", "application/json");
        Body::from(body.to_string())
    };
    response.body(body).unwrap_or_default()
}

const VALIDATED: &str = r#"
Feature: Validation of every response

  @B-WIRE-05 @model @op:CreateChannel
  Scenario: a wrong success code
    Given the users alice
    When alice calls CreateChannel
      """
      {"AppInstanceArn": "{app}", "Name": "n"}
      """

  @B-CH-06 @doc @op:DescribeChannel
  Scenario: a body that breaks the schema
    Given the users alice
    When alice calls DescribeChannel
      """
      {"ChannelArn": "{app}/channel/c"}
      """
"#;

#[test]
fn every_response_is_validated_against_the_model() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    runtime.spawn(async move {
        let app = Router::new().fallback(broken);
        let _ = axum::serve(listener, app).await;
    });
    assert!(model::find_operation("DescribeChannel").is_some());
    let dir = features("validated", VALIDATED);
    let outcome = run(Some(Endpoint::new(format!("http://{addr}"))), &dir, false);
    assert!(outcome.capabilities.is_empty());
    let failed = outcome.failed();
    assert_eq!(failed.len(), 2, "{}", outcome.summary());
    let text: Vec<String> = failed.iter().filter_map(|s| s.failure()).collect();
    let all = text.join("\n");
    assert!(
        all.contains("CreateChannel") && all.contains("201"),
        "{all}"
    );
    assert!(all.contains("/Channel/Name"), "{all}");
}
