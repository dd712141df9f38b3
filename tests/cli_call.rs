//! `chime-conformance call` as a user runs it: errors give one line and a non-zero exit, and a
//! call against a small server shows its answer.

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_chime-conformance");

async fn run(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let child = tokio::process::Command::new(BIN)
        .args(args)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_PROFILE")
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(30), child)
        .await
        .expect("the binary answers within 30s")
        .expect("the binary runs");
    (out, started.elapsed())
}

fn stderr_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err:?}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[tokio::test]
async fn an_unknown_operation_is_a_usage_error() {
    let (out, _) = run(&["call", "Frobnicate", "--endpoint", "http://127.0.0.1:1"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_line(&out);
    assert!(err.contains("Frobnicate"), "{err}");
}

#[tokio::test]
async fn input_that_is_not_json_is_a_usage_error() {
    let (out, _) = run(&[
        "call",
        "DescribeChannel",
        "--endpoint",
        "http://127.0.0.1:1",
        "--input",
        "{not json",
    ])
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_line(&out);
    assert!(err.contains("not JSON"), "{err}");

    let (out, _) = run(&[
        "call",
        "DescribeChannel",
        "--endpoint",
        "http://127.0.0.1:1",
        "--input",
        "@/nonexistent/input.json",
    ])
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("/nonexistent/input.json"));

    let (out, _) = run(&[
        "call",
        "DescribeChannel",
        "--endpoint",
        "http://127.0.0.1:1",
        "--input",
        r#"{"ChannelArn": "a", "Colour": "red"}"#,
    ])
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("Colour"));
}

#[tokio::test]
async fn an_unreachable_endpoint_fails_quickly_and_names_the_url() {
    // A port that was just free: nobody listens on it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let endpoint = format!("http://127.0.0.1:{port}");
    let (out, took) = run(&[
        "call",
        "DescribeChannel",
        "--endpoint",
        &endpoint,
        "--bearer",
        "arn:aws:chime:us-east-1:1:app-instance/a/user/u",
        "--input",
        r#"{"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c"}"#,
        "--timeout",
        "3",
    ])
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_line(&out);
    assert!(err.contains(&endpoint), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[derive(Default)]
struct Seen {
    requests: Vec<(Method, String, HeaderMap, Bytes)>,
}

/// Canned answers: CreateChannel a conforming 201, DeleteChannel a 200 where the model says 204,
/// UpdateChannel a 200 with a member the model lacks, anything else a Chime-style 403.
async fn canned_server() -> (String, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let record = seen.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let record = record.clone();
            async move {
                let path = uri.to_string();
                record
                    .lock()
                    .unwrap()
                    .requests
                    .push((method.clone(), path.clone(), headers, body));
                if method == Method::POST && path == "/channels" {
                    (
                        StatusCode::CREATED,
                        [("x-amzn-RequestId", "req-123"), ("content-type", "application/json")],
                        r#"{"ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c1"}"#,
                    )
                        .into_response()
                } else if method == Method::DELETE {
                    (
                        StatusCode::OK,
                        [("x-amzn-RequestId", "req-124"), ("content-type", "application/json")],
                        "{}",
                    )
                        .into_response()
                } else if method == Method::PUT {
                    (
                        StatusCode::OK,
                        [("x-amzn-RequestId", "req-125"), ("content-type", "application/json")],
                        r#"{"ChannelArn":"arn:aws:chime:us-east-1:1:app-instance/a/channel/c","Colour":"red"}"#,
                    )
                        .into_response()
                } else {
                    (
                        StatusCode::FORBIDDEN,
                        [
                            ("x-amzn-ErrorType", "ForbiddenException:http://internal/"),
                            ("x-amzn-RequestId", "req-126"),
                            ("content-type", "application/json"),
                        ],
                        r#"{"Code":"Forbidden","Message":"not a member"}"#,
                    )
                        .into_response()
                }
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_shows_the_answer() {
    let (url, seen) = canned_server().await;
    let bearer = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";
    let (out, _) = run(&[
        "call",
        "CreateChannel",
        "--endpoint",
        &url,
        "--bearer",
        bearer,
        "--input",
        r#"{"AppInstanceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a", "Name": "general", "ClientRequestToken": "tok-1"}"#,
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("HTTP 201"), "{stdout}");
    assert!(stdout.contains("req-123"), "{stdout}");
    assert!(stdout.contains("app-instance/a/channel/c1"), "{stdout}");
    assert!(stdout.contains("conforms"), "{stdout}");

    let seen = seen.lock().unwrap();
    let (method, path, headers, body) = &seen.requests[0];
    assert_eq!(method, Method::POST);
    assert_eq!(path, "/channels");
    assert_eq!(headers["x-amz-chime-bearer"], bearer);
    assert_eq!(headers["content-type"], "application/json");
    let auth = headers["authorization"].to_str().unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential="), "{auth}");
    assert!(auth.contains("/us-east-1/chime/aws4_request"), "{auth}");
    assert!(auth.contains("x-amz-chime-bearer"), "{auth}");
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "AppInstanceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/a",
            "Name": "general",
            "ClientRequestToken": "tok-1"
        })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_answer_is_classified() {
    let (url, seen) = canned_server().await;
    let (out, _) = run(&[
        "call",
        "DescribeChannel",
        "--endpoint",
        &url,
        "--bearer",
        "arn:aws:chime:us-east-1:1:app-instance/a/user/u",
        "--input",
        r#"{"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c"}"#,
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    // A modelled error is an answer, not a failure.
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("HTTP 403"), "{stdout}");
    assert!(
        stdout.contains("error: ForbiddenException code=Forbidden message=not a member"),
        "{stdout}"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.requests[0].1,
        "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fc"
    );
    assert_eq!(seen.requests[0].0, Method::GET);
}

const CHANNEL: &str = r#"{"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c"}"#;
const BEARER: &str = "arn:aws:chime:us-east-1:1:app-instance/a/user/u";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_status_code_fails_the_call() {
    let (url, _) = canned_server().await;
    let (out, _) = run(&[
        "call",
        "DeleteChannel",
        "--endpoint",
        &url,
        "--bearer",
        BEARER,
        "--input",
        CHANNEL,
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL: status code"), "{stdout}");
    assert!(stdout.contains("204"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_members_fail_only_when_strict() {
    let (url, _) = canned_server().await;
    let input =
        r#"{"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c", "Name": "n"}"#;
    let args = [
        "call",
        "UpdateChannel",
        "--endpoint",
        &url,
        "--bearer",
        BEARER,
        "--input",
        input,
    ];
    let (out, _) = run(&args).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("note: unknown member"), "{stdout}");
    assert!(stdout.contains("Colour"), "{stdout}");

    let mut strict = args.to_vec();
    strict.push("--strict");
    let (out, _) = run(&strict).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL: unknown member"), "{stdout}");
}
