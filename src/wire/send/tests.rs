use super::*;
use crate::wire::ClientConfig;
use crate::wire::retry::RetryPolicy;
use serde_json::json;
use std::sync::{Arc, Mutex};

/// A target answering each request with the next status of `script` (an error named after
/// its status), then 201; it keeps the bodies it got.
async fn scripted(script: &[u16]) -> (String, Arc<Mutex<Vec<Value>>>) {
    let script: Arc<Mutex<Vec<u16>>> = Arc::new(Mutex::new(script.iter().rev().copied().collect()));
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen = bodies.clone();
    let app = axum::Router::new().fallback(move |body: bytes::Bytes| {
        let script = script.clone();
        let seen = seen.clone();
        async move {
            seen.lock()
                .unwrap()
                .push(serde_json::from_slice(&body).unwrap_or(Value::Null));
            let status = script.lock().unwrap().pop().unwrap_or(201);
            let shape = match status {
                429 => "ThrottledClientException",
                503 => "ServiceUnavailableException",
                500 => "ServiceFailureException",
                400 => "BadRequestException",
                _ => "",
            };
            let mut r = axum::response::Response::builder()
                .status(status)
                .header("content-type", "application/json");
            if !shape.is_empty() {
                r = r.header("x-amzn-errortype", shape);
            }
            r.body(axum::body::Body::from(r#"{"Message": "scripted"}"#))
                .unwrap()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, bodies)
}

fn client(url: &str, max_attempts: u32) -> Client {
    Client::new(ClientConfig {
        endpoint: Some(url.into()),
        timeout: std::time::Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts,
            ..RetryPolicy::default()
        },
        ..ClientConfig::default()
    })
    .unwrap()
}

fn message() -> Value {
    json!({"ChannelArn": "arn:aws:chime:us-east-1:1:app-instance/a/channel/c", "ChimeBearer": "u", "Content": "hi"})
}

#[tokio::test]
async fn server_faults_are_retried_with_the_same_idempotency_token() {
    let (url, bodies) = scripted(&[503, 500]).await;
    let sent = client(&url, 3)
        .send("SendChannelMessage", message(), &CallOptions::default())
        .await;
    assert_eq!(sent.result.as_ref().map(|r| r.status).ok(), Some(201));
    assert_eq!(sent.attempts(), 3);
    assert!(sent.gave_up.is_none());
    assert!(
        sent.retried[0]
            .answer
            .contains("HTTP 503 ServiceUnavailableException")
    );
    assert!(sent.retried[1].answer.contains("ServiceFailureException"));
    let tokens: Vec<Value> = bodies
        .lock()
        .unwrap()
        .iter()
        .map(|b| b["ClientRequestToken"].clone())
        .collect();
    assert_eq!(tokens.len(), 3);
    assert!(
        tokens[0].is_string() && tokens.iter().all(|t| *t == tokens[0]),
        "{tokens:?}"
    );
}

#[tokio::test]
async fn attempts_run_out_and_the_last_answer_is_kept() {
    let (url, bodies) = scripted(&[503, 503, 503, 503]).await;
    let sent = client(&url, 2)
        .send("SendChannelMessage", message(), &CallOptions::default())
        .await;
    assert_eq!(sent.gave_up, Some(GaveUp::Attempts(2)));
    assert_eq!(sent.attempts(), 2);
    assert!(sent.transient().is_some());
    assert_eq!(bodies.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_caller_that_expects_a_throttle_gets_it_at_once() {
    let (url, bodies) = scripted(&[429]).await;
    let opts = CallOptions {
        retry: false,
        ..CallOptions::default()
    };
    let sent = client(&url, 3)
        .send("SendChannelMessage", message(), &opts)
        .await;
    assert_eq!(sent.gave_up, Some(GaveUp::NotAsked));
    assert_eq!(sent.result.unwrap().status, 429);
    assert_eq!(bodies.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_throttle_is_retried_and_client_errors_are_not() {
    let (url, bodies) = scripted(&[429, 400]).await;
    let sent = client(&url, 3)
        .send("SendChannelMessage", message(), &CallOptions::default())
        .await;
    // The 400 is an answer to judge, not a reason to try again.
    assert_eq!(sent.result.unwrap().status, 400);
    assert_eq!(sent.retried.len(), 1);
    assert!(sent.retried[0].cause.is_throttling());
    assert!(sent.retried[0].waited <= std::time::Duration::from_secs(1));
    assert_eq!(bodies.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_connection_closed_before_an_answer_is_retried() {
    // Reads each request, then hangs up without a word; the second connection is answered.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut n = 0;
        while let Ok((mut socket, _)) = listener.accept().await {
            n += 1;
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            if n > 1 {
                let _ = socket
                    .write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n{}")
                    .await;
            }
        }
    });
    let sent = client(&url, 3)
        .send("SendChannelMessage", message(), &CallOptions::default())
        .await;
    assert_eq!(
        sent.result.as_ref().map(|r| r.status).ok(),
        Some(201),
        "{sent:?}"
    );
    assert_eq!(
        sent.retried[0].cause,
        Transient::NoAnswer {
            kind: "connection closed before an answer"
        },
        "{sent:?}"
    );
}

#[tokio::test]
async fn a_cancelled_caller_stops_retrying_at_once() {
    let (url, _) = scripted(&[503; 10]).await;
    let (stop, cancel) = watch::channel(None);
    let opts = CallOptions {
        cancel: Some(cancel),
        ..CallOptions::default()
    };
    let c = client(&url, 10);
    stop.send_replace(Some(Instant::now() + Duration::from_secs(30)));
    let sent = c.send("SendChannelMessage", message(), &opts).await;
    // Cancelled before pacing: nothing was sent.
    assert!(matches!(
        sent.result,
        Err(WireError::Abandoned {
            why: Abandoned::Cancelled,
            ..
        })
    ));
    let opts = CallOptions {
        pace: false,
        ..opts
    };
    let sent = c.send("SendChannelMessage", message(), &opts).await;
    assert_eq!(sent.gave_up, Some(GaveUp::Cancelled));
    assert_eq!(sent.attempts(), 1);
}

#[tokio::test]
async fn a_deadline_ends_a_silent_attempt_and_says_so() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let opts = CallOptions {
        deadline: Some(Instant::now() + Duration::from_millis(200)),
        ..CallOptions::default()
    };
    let started = Instant::now();
    let sent = client(&url, 3)
        .send("SendChannelMessage", message(), &opts)
        .await;
    assert!(started.elapsed() < Duration::from_secs(2));
    let e = sent.result.unwrap_err();
    assert!(e.to_string().contains("deadline"), "{e}");
}

#[tokio::test]
async fn an_empty_quota_stops_retries() {
    let (url, _) = scripted(&[503; 200]).await;
    let c = client(&url, 2);
    let mut emptied = false;
    // 500 tokens pay for 35 retries after server faults.
    for _ in 0..40 {
        let sent = c
            .send("SendChannelMessage", message(), &CallOptions::default())
            .await;
        if sent.gave_up == Some(GaveUp::QuotaEmpty) {
            emptied = true;
            break;
        }
    }
    assert!(emptied, "the quota never ran dry");
}
