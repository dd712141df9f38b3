//! The reference server's real-time messaging sessions, from the outside: users and channels
//! made through REST with the official SDK, sessions opened with a plain WebSocket client
//! (tokio-tungstenite), as `docs/messaging-sessions.md` describes them. Every wait is bounded.

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use futures::{SinkExt, StreamExt};
use messaging::types::{ChannelMessagePersistenceType, ChannelMessageType, Target};
use serde_json::Value;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a frame that is due may take to arrive.
const DUE: Duration = Duration::from_secs(5);
/// How long a session is watched to see that nothing arrives.
const QUIET: Duration = Duration::from_millis(300);

struct World {
    server: RunningServer,
    identity: identity::Client,
    messaging: messaging::Client,
    app: String,
}

impl World {
    async fn start() -> World {
        Self::start_with(ServerConfig::default()).await
    }

    async fn start_with(config: ServerConfig) -> World {
        let server = server::spawn(config).await.expect("the server starts");
        let credentials =
            messaging::config::Credentials::new("AKIDTEST", "secret", None, None, "test");
        let timeout = messaging::config::timeout::TimeoutConfig::builder()
            .operation_timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .build();
        let messaging = messaging::Client::from_conf(
            messaging::Config::builder()
                .behavior_version(messaging::config::BehaviorVersion::latest())
                .region(messaging::config::Region::new("us-east-1"))
                .credentials_provider(credentials.clone())
                .endpoint_url(&server.url)
                .timeout_config(timeout.clone())
                .retry_config(messaging::config::retry::RetryConfig::disabled())
                .build(),
        );
        let identity = identity::Client::from_conf(
            identity::Config::builder()
                .behavior_version(identity::config::BehaviorVersion::latest())
                .region(identity::config::Region::new("us-east-1"))
                .credentials_provider(credentials)
                .endpoint_url(&server.url)
                .timeout_config(timeout)
                .retry_config(identity::config::retry::RetryConfig::disabled())
                .build(),
        );
        let app = identity
            .create_app_instance()
            .name("sessions")
            .client_request_token("app-token")
            .send()
            .await
            .expect("CreateAppInstance")
            .app_instance_arn
            .expect("AppInstanceArn");
        World {
            server,
            identity,
            messaging,
            app,
        }
    }

    async fn user(&self, id: &str) -> String {
        self.identity
            .create_app_instance_user()
            .app_instance_arn(&self.app)
            .app_instance_user_id(id)
            .name(id)
            .client_request_token(format!("{id}-token"))
            .send()
            .await
            .expect("CreateAppInstanceUser")
            .app_instance_user_arn
            .expect("AppInstanceUserArn")
    }

    async fn channel(&self, creator: &str) -> String {
        self.messaging
            .create_channel()
            .app_instance_arn(&self.app)
            .name("room")
            .chime_bearer(creator)
            .send()
            .await
            .expect("CreateChannel")
            .channel_arn
            .expect("ChannelArn")
    }

    async fn join(&self, channel: &str, by: &str, member: &str) {
        self.messaging
            .create_channel_membership()
            .channel_arn(channel)
            .member_arn(member)
            .r#type(messaging::types::ChannelMembershipType::Default)
            .chime_bearer(by)
            .send()
            .await
            .expect("CreateChannelMembership");
    }

    fn message(
        &self,
        channel: &str,
        sender: &str,
        content: &str,
    ) -> messaging::operation::send_channel_message::builders::SendChannelMessageFluentBuilder {
        self.messaging
            .send_channel_message()
            .channel_arn(channel)
            .content(content)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(sender)
    }

    async fn send(&self, channel: &str, sender: &str, content: &str) -> String {
        self.message(channel, sender, content)
            .send()
            .await
            .expect("SendChannelMessage")
            .message_id
            .expect("MessageId")
    }

    /// The endpoint as GetMessagingSessionEndpoint answers it.
    async fn endpoint(&self) -> String {
        self.messaging
            .get_messaging_session_endpoint()
            .send()
            .await
            .expect("GetMessagingSessionEndpoint")
            .endpoint
            .and_then(|e| e.url)
            .expect("Endpoint.Url")
    }

    /// A session of `user` as the JS client opens it (without a signature: this server checks
    /// none), and its SESSION_ESTABLISHED read.
    async fn session(&self, user: &str) -> Socket {
        let mut ws = self.connect(&connect_query(user, "")).await;
        let first = next_frame(&mut ws).await;
        assert_eq!(event_type(&first), "SESSION_ESTABLISHED", "{first}");
        ws
    }

    /// A WebSocket to `/connect?{query}` at the advertised endpoint.
    async fn connect(&self, query: &str) -> Socket {
        let url = format!("ws://{}/connect?{query}", self.endpoint().await);
        let (ws, response) = tokio::time::timeout(DUE, tokio_tungstenite::connect_async(url))
            .await
            .expect("the upgrade answers in time")
            .expect("the upgrade succeeds");
        assert_eq!(response.status(), 101);
        ws
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The connect query of the JS client for `user`, plus `extra` parameters.
fn connect_query(user: &str, extra: &str) -> String {
    let session = uuid::Uuid::new_v4();
    format!(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDTEST%2F20240102%2Fus-east-1%2Fchime%2Faws4_request\
         &X-Amz-Date=20240102T030405Z&X-Amz-Expires=10&X-Amz-SignedHeaders=host\
         &X-Amzn-User-Agent=node-NaN&X-Amzn-Version=3.32.0{extra}&sessionId={session}&userArn={}\
         &X-Amz-Signature=0123456789abcdef",
        encode(user)
    )
}

/// The next text frame, as JSON (pings are skipped).
async fn next_frame(ws: &mut Socket) -> Value {
    let frame = tokio::time::timeout(DUE, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(t))) => return serde_json::from_str::<Value>(&t).ok(),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => panic!("a text frame was due, got {other:?}"),
            }
        }
    })
    .await
    .expect("a frame arrives in time");
    frame.expect("the frame is JSON")
}

/// Nothing but pings arrives for [`QUIET`].
async fn assert_quiet(ws: &mut Socket) {
    let got = tokio::time::timeout(QUIET, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => return other,
            }
        }
    })
    .await;
    if let Ok(frame) = got {
        panic!("nothing was due, got {frame:?}");
    }
}

fn event_type(frame: &Value) -> &str {
    frame["Headers"]["x-amz-chime-event-type"]
        .as_str()
        .unwrap_or_default()
}

/// The Payload, which is a JSON document in a string (B-WS-03).
fn payload(frame: &Value) -> Value {
    let text = frame["Payload"]
        .as_str()
        .unwrap_or_else(|| panic!("Payload is a string: {frame}"));
    serde_json::from_str(text).expect("the Payload string is JSON")
}

/// The next frame, checked to be of `kind`; its payload.
async fn expect_event(ws: &mut Socket, kind: &str) -> Value {
    let frame = next_frame(ws).await;
    assert_eq!(event_type(&frame), kind, "{frame}");
    payload(&frame)
}

#[tokio::test]
async fn b_ws_01_the_endpoint_is_the_bare_host_and_port_the_client_reached() {
    let w = World::start().await;
    let url = w.endpoint().await;
    assert_eq!(url, w.server.addr.to_string());
    assert!(!url.contains("://") && !url.contains('/'), "{url}");
    // Reached by another name, the server answers that name.
    let answer = reqwest::Client::new()
        .get(format!(
            "http://localhost:{}/endpoints/messaging-session",
            w.server.addr.port()
        ))
        .timeout(DUE)
        .send()
        .await
        .expect("the endpoint answers");
    let body: Value = answer.json().await.expect("a JSON body");
    assert_eq!(
        body["Endpoint"]["Url"],
        format!("localhost:{}", w.server.addr.port())
    );
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_03_04_05_a_member_is_told_of_new_messages_and_a_non_member_is_not() {
    let w = World::start().await;
    let (alice, bob, carol) = (
        w.user("alice").await,
        w.user("bob").await,
        w.user("carol").await,
    );
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let mut bob_ws = w.session(&bob).await;
    let mut carol_ws = w.session(&carol).await;
    let id = w.send(&ch, &alice, "hello").await;
    let frame = next_frame(&mut bob_ws).await;
    assert_eq!(event_type(&frame), "CREATE_CHANNEL_MESSAGE");
    assert_eq!(frame["Headers"]["x-amz-chime-message-type"], "STANDARD");
    let got = payload(&frame);
    assert_eq!(got["MessageId"], id.as_str());
    assert_eq!(got["ChannelArn"], ch.as_str());
    assert_eq!(got["Content"], "hello");
    assert_eq!(got["Sender"]["Arn"], alice.as_str());
    // B-WS-14: an ISO-8601 time in milliseconds, UTC.
    let created = got["CreatedTimestamp"]
        .as_str()
        .expect("a string timestamp");
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok() && created.ends_with('Z'),
        "{created}"
    );
    assert_eq!(created.len(), "2024-01-02T03:04:05.678Z".len(), "{created}");
    // The same message the REST API answers.
    let rest = w
        .messaging
        .get_channel_message()
        .channel_arn(&ch)
        .message_id(&id)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("GetChannelMessage")
        .channel_message
        .expect("ChannelMessage");
    assert_eq!(rest.content.as_deref(), got["Content"].as_str());
    let rest_created = rest.created_timestamp.expect("CreatedTimestamp");
    let ws_created = chrono::DateTime::parse_from_rfc3339(created).unwrap();
    // The SDK reads epoch seconds as a float: compare to the millisecond.
    let rest_millis = (rest_created.as_secs_f64() * 1000.0).round() as i64;
    assert_eq!(rest_millis, ws_created.timestamp_millis());
    assert_quiet(&mut carol_ws).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_07_a_targeted_message_reaches_its_target_and_its_sender_only() {
    let w = World::start().await;
    let (alice, bob, carol) = (
        w.user("alice").await,
        w.user("bob").await,
        w.user("carol").await,
    );
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    w.join(&ch, &alice, &carol).await;
    let mut sessions = Vec::new();
    for u in [&alice, &bob, &carol] {
        sessions.push(w.session(u).await);
    }
    w.message(&ch, &alice, "psst")
        .target(Target::builder().member_arn(&bob).build())
        .send()
        .await
        .expect("SendChannelMessage");
    for ws in &mut sessions[..2] {
        let got = expect_event(ws, "CREATE_CHANNEL_MESSAGE").await;
        assert_eq!(got["Target"][0]["MemberArn"], bob.as_str());
    }
    assert_quiet(&mut sessions[2]).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_12_an_unknown_user_is_upgraded_then_closed_with_4401() {
    let w = World::start().await;
    let ghost = format!("{}/user/ghost", w.app);
    for user in [ghost.as_str(), w.app.as_str(), "not-an-arn"] {
        let mut ws = w.connect(&connect_query(user, "")).await;
        let end = tokio::time::timeout(DUE, ws.next())
            .await
            .expect("the close arrives in time");
        match end {
            Some(Ok(Message::Close(Some(frame)))) => {
                assert_eq!(u16::from(frame.code), 4401, "{user}");
                assert_eq!(frame.reason.as_str(), "Unauthorized");
            }
            other => panic!("{user}: a close with 4401 was due, got {other:?}"),
        }
    }
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn bad_upgrades_are_bad_requests_with_a_request_id() {
    let w = World::start().await;
    let alice = w.user("alice").await;
    let base = format!("http://{}/connect", w.endpoint().await);
    let http = reqwest::Client::new();
    let cases = [
        format!("{base}?sessionId=s"),
        format!("{base}?userArn={}", encode(&alice)),
        // Every parameter, but no upgrade.
        format!("{base}?{}", connect_query(&alice, "")),
    ];
    for url in cases {
        let answer = http.get(&url).timeout(DUE).send().await.expect("an answer");
        assert_eq!(answer.status(), 400, "{url}");
        assert_eq!(answer.headers()["x-amzn-errortype"], "BadRequestException");
        assert!(answer.headers().contains_key("x-amzn-requestid"));
        let body: Value = answer.json().await.expect("a JSON body");
        assert_eq!(body["Code"], "BadRequest");
    }
    // The REST side serves on.
    assert_eq!(w.endpoint().await, w.server.addr.to_string());
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn unexpected_client_frames_are_ignored_and_pings_answered() {
    let w = World::start().await;
    let (alice, bob) = (w.user("alice").await, w.user("bob").await);
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let mut ws = w.session(&bob).await;
    ws.send(Message::text("{\"Headers\":{}}"))
        .await
        .expect("send text");
    ws.send(Message::binary(vec![0u8, 1, 2]))
        .await
        .expect("send binary");
    ws.send(Message::Ping(b"are you there".to_vec().into()))
        .await
        .expect("send ping");
    let pong = tokio::time::timeout(DUE, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Pong(p))) => return p,
                Some(Ok(Message::Ping(_))) => continue,
                other => panic!("a pong was due, got {other:?}"),
            }
        }
    })
    .await
    .expect("the pong arrives in time");
    assert_eq!(&pong[..], b"are you there");
    w.send(&ch, &alice, "still here").await;
    assert_eq!(
        expect_event(&mut ws, "CREATE_CHANNEL_MESSAGE").await["Content"],
        "still here"
    );
    w.server.shutdown().await.expect("shutdown");
}
