use super::*;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::routing::get;
use serde_json::json;

const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";

fn frame(event: &str, message_type: &str, payload: serde_json::Value) -> String {
    json!({
        "Headers": {"x-amz-chime-event-type": event, "x-amz-chime-message-type": message_type},
        "Payload": payload
    })
    .to_string()
}

fn message(id: &str) -> serde_json::Value {
    json!({"ChannelArn": CHANNEL, "MessageId": id, "Content": "x", "Type": "STANDARD",
           "Persistence": "PERSISTENT", "Redacted": false,
           "CreatedTimestamp": "2024-01-02T03:04:05.678Z", "Sender": {"Arn": USER, "Name": "u"}})
}

/// A session to a local server that sends `frames` and then waits.
async fn session_receiving(frames: Vec<String>) -> Session {
    let app = axum::Router::new().route(
        "/connect",
        get(move |upgrade: WebSocketUpgrade| {
            let frames = frames.clone();
            async move {
                upgrade.on_upgrade(move |mut socket: WebSocket| async move {
                    for f in frames {
                        let _ = socket.send(Message::Text(f.into())).await;
                    }
                    let _ = socket.recv().await;
                })
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url: reqwest::Url = format!("ws://{}/connect", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    crate::wire::session::connect(&url, url.as_str(), Duration::from_secs(5))
        .await
        .unwrap()
}

#[tokio::test]
async fn every_frame_is_judged_once_and_kept_as_an_event() {
    let frames = vec![
        json!({"Headers": {"x-amz-chime-event-type": "SESSION_ESTABLISHED", "x-amz-chime-message-type": "SYSTEM"}}).to_string(),
        frame("CREATE_CHANNEL_MESSAGE", "STANDARD", json!(message("m1").to_string())),
        frame("CREATE_CHANNEL_MESSAGE", "STANDARD", message("m2")),
    ];
    let mut sessions = Sessions::default();
    sessions.add("alice", USER, session_receiving(frames).await);
    let limit = Duration::from_secs(5);
    sessions
        .wait_for("alice", limit, |e| e.is_for("m2"))
        .await
        .unwrap();
    let judged = sessions.judge(false);
    assert_eq!(
        judged.event_types,
        [
            "SESSION_ESTABLISHED",
            "CREATE_CHANNEL_MESSAGE",
            "CREATE_CHANNEL_MESSAGE"
        ]
    );
    assert_eq!(judged.failures.len(), 1, "{:?}", judged.failures);
    assert!(
        judged.failures[0]
            .starts_with("alice's session, frame 3 (CREATE_CHANNEL_MESSAGE): schema at /Payload"),
        "{}",
        judged.failures[0]
    );
    // Judged once: nothing new the second time.
    let again = sessions.judge(false);
    assert!(again.failures.is_empty() && again.event_types.is_empty());
    assert_eq!(sessions.events("alice").unwrap()[0].len(), 3);
}

#[tokio::test]
async fn waiting_for_what_never_comes_says_what_came() {
    let frames = vec![frame(
        "CREATE_CHANNEL_MESSAGE",
        "STANDARD",
        json!(message("m1").to_string()),
    )];
    let mut sessions = Sessions::default();
    sessions.add("bob", USER, session_receiving(frames).await);
    let why = sessions
        .wait_for("bob", Duration::from_millis(200), |e| e.is_for("m9"))
        .await
        .unwrap_err();
    assert!(why.contains("it received CREATE_CHANNEL_MESSAGE"), "{why}");
    let missing = sessions.of("carol").unwrap_err();
    assert!(missing.contains("carol has no session"), "{missing}");
    sessions.refuse("dave", "refused with HTTP 403".into());
    assert!(sessions.of("dave").unwrap_err().contains("HTTP 403"));
}

#[test]
fn the_quiet_period_runs_from_the_last_answered_call() {
    let mut sessions = Sessions::default();
    let quiet = Duration::from_millis(150);
    let before = Instant::now();
    assert!(sessions.quiet_until(quiet) >= before);
    let answered = Instant::now();
    sessions.acknowledged(before, answered);
    assert_eq!(sessions.quiet_until(quiet), answered + quiet);
}

#[tokio::test]
async fn a_delivery_is_timed_from_the_last_answer_before_it_to_an_open_session() {
    let frames = vec![frame("CREATE_CHANNEL_MESSAGE", "STANDARD", message("m1"))];
    let mut sessions = Sessions::default();
    sessions.add("bob", USER, session_receiving(frames).await);
    sessions
        .wait_for("bob", Duration::from_secs(5), |e| e.is_for("m1"))
        .await
        .unwrap();
    sessions.judge(true);
    let opened = sessions.of("bob").unwrap()[0].session.log().opened;
    let received = sessions.events("bob").unwrap()[0][0].received;

    // An answer before the session opened times nothing: the session may have missed it.
    let ms = Duration::from_millis;
    sessions.acknowledged(opened - ms(2), opened - ms(1));
    assert!(sessions.deliveries("bob", |e| e.is_for("m1")).is_empty());
    // The last answer before the event, with the session open, is its cause.
    sessions.acknowledged(opened - ms(1), opened);
    assert_eq!(
        sessions.deliveries("bob", |e| e.is_for("m1")),
        vec![received.duration_since(opened)]
    );
    // A call sent after the event and answered later caused nothing of it.
    sessions.acknowledged(received + ms(1), received + ms(5));
    assert_eq!(
        sessions.deliveries("bob", |e| e.is_for("m1")),
        vec![received.duration_since(opened)]
    );
    // A call in flight when the event came caused it, and was beaten by it.
    sessions.acknowledged(received, received + ms(6));
    assert_eq!(
        sessions.deliveries("bob", |e| e.is_for("m1")),
        vec![Duration::ZERO]
    );
    assert!(sessions.deliveries("bob", |e| e.is_for("m9")).is_empty());
    assert!(sessions.deliveries("carol", |_| true).is_empty());
}
