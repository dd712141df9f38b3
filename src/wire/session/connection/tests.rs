use super::*;
use axum::extract::ws::{self, WebSocket, WebSocketUpgrade};
use axum::routing::get;

/// A local WebSocket server running `script` on each connection; its ws:// URL.
async fn serve<F, Fut>(script: F) -> reqwest::Url
where
    F: Fn(WebSocket) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let app = axum::Router::new().route(
        "/connect",
        get(move |upgrade: WebSocketUpgrade| {
            let script = script.clone();
            async move { upgrade.on_upgrade(script) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/connect", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url.parse().unwrap()
}

const LIMIT: Duration = Duration::from_secs(5);

#[tokio::test]
async fn frames_and_the_close_code_are_recorded_in_order() {
    let url = serve(|mut socket: WebSocket| async move {
        let _ = socket.send(ws::Message::Text("one".into())).await;
        let _ = socket.send(ws::Message::Binary(vec![1, 2].into())).await;
        let _ = socket
            .send(ws::Message::Close(Some(ws::CloseFrame {
                code: 4401,
                reason: "Unauthorized".into(),
            })))
            .await;
        // Wait for the client's answer before the socket goes.
        let _ = socket.recv().await;
    })
    .await;
    let session = connect(&url, url.as_str(), LIMIT).await.unwrap();
    assert!(session.wait_until(LIMIT, |l| l.closed.is_some()).await);
    let log = session.log();
    let data: Vec<&FrameData> = log.frames.iter().map(|f| &f.data).collect();
    assert_eq!(
        data,
        [
            &FrameData::Text("one".into()),
            &FrameData::Binary(vec![1, 2])
        ]
    );
    assert!(log.frames[0].received >= log.opened);
    let closed = log.closed.as_ref().unwrap();
    assert_eq!(closed.code, Some(4401));
    assert_eq!(closed.reason, "Unauthorized");
}

#[tokio::test]
async fn a_connection_dropped_without_a_close_frame_has_no_code() {
    let url = serve(|socket: WebSocket| async move { drop(socket) }).await;
    let session = connect(&url, url.as_str(), LIMIT).await.unwrap();
    assert!(session.wait_until(LIMIT, |l| l.closed.is_some()).await);
    assert_eq!(session.log().closed.as_ref().unwrap().code, None);
}

#[tokio::test]
async fn closing_sends_the_code_and_the_target_answers() {
    let (seen_tx, mut seen) = tokio::sync::mpsc::unbounded_channel();
    let url = serve(move |mut socket: WebSocket| {
        let seen_tx = seen_tx.clone();
        async move {
            while let Some(Ok(message)) = socket.recv().await {
                if let ws::Message::Close(frame) = message {
                    let _ = seen_tx.send(frame.map(|f| f.code));
                    break;
                }
            }
        }
    })
    .await;
    let session = connect(&url, url.as_str(), LIMIT).await.unwrap();
    session.close(Some(4002)).await;
    let code = tokio::time::timeout(LIMIT, seen.recv()).await.unwrap();
    assert_eq!(code, Some(Some(4002)));
    assert!(session.log().closed.is_some());
}

#[tokio::test]
async fn a_refused_upgrade_names_the_status() {
    let app = axum::Router::new().route(
        "/connect",
        get(|| async { (http::StatusCode::FORBIDDEN, "no session for you") }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url: reqwest::Url = format!("ws://{}/connect", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let e = connect(&url, "shown", LIMIT).await.unwrap_err();
    assert!(
        matches!(e, SessionError::Refused { status: 403, .. }),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "shown refused the WebSocket upgrade with HTTP 403: no session for you"
    );
}

#[tokio::test]
async fn a_silent_target_times_out_and_a_closed_port_is_refused() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url: reqwest::Url = format!("ws://{}/connect", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    // Accepts connections and never answers.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let started = Instant::now();
    let e = connect(&url, "shown", Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(e, SessionError::Timeout { .. }), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3));

    let url: reqwest::Url = "ws://127.0.0.1:9/connect".parse().unwrap();
    let e = connect(&url, "shown", LIMIT).await.unwrap_err();
    assert!(matches!(e, SessionError::Connect { .. }), "{e}");
}

#[tokio::test]
async fn waiting_gives_up_at_its_limit() {
    let url = serve(|mut socket: WebSocket| async move {
        let _ = socket.recv().await;
    })
    .await;
    let session = connect(&url, url.as_str(), LIMIT).await.unwrap();
    let started = Instant::now();
    assert!(
        !session
            .wait_until(Duration::from_millis(100), |l| !l.frames.is_empty())
            .await
    );
    assert!(started.elapsed() >= Duration::from_millis(100));
    assert!(started.elapsed() < Duration::from_secs(2));
}
