//! The reference server's real-time messaging sessions, from the outside: users and channels
//! made through REST with the official SDK, sessions opened with a plain WebSocket client
//! (tokio-tungstenite), as `docs/messaging-sessions.md` describes them. Every wait is bounded.

#[path = "common/sdk.rs"]
mod sdk;

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
        let (messaging, identity) = sdk::clients(&server.url);
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
    let post = http
        .post(format!("{base}?{}", connect_query(&alice, "")))
        .timeout(DUE)
        .send()
        .await
        .expect("an answer");
    assert_eq!(post.status(), 400, "a POST is no upgrade");
    assert_eq!(post.headers()["x-amzn-errortype"], "BadRequestException");
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

impl World {
    async fn admin(&self, id: &str) -> String {
        let user = self.user(id).await;
        self.identity
            .create_app_instance_admin()
            .app_instance_arn(&self.app)
            .app_instance_admin_arn(&user)
            .send()
            .await
            .expect("CreateAppInstanceAdmin");
        user
    }

    /// A channel of `creator` whose flow holds STANDARD messages for a processor.
    async fn flowed_channel(&self, creator: &str) -> String {
        use messaging::types::{
            FallbackAction, InvocationType, LambdaConfiguration, Processor, ProcessorConfiguration,
        };
        let lambda = LambdaConfiguration::builder()
            .resource_arn("arn:aws:lambda:us-east-1:123456789012:function:proc")
            .invocation_type(InvocationType::Async)
            .build()
            .expect("a lambda configuration");
        let processor = Processor::builder()
            .name("p")
            .execution_order(1)
            .fallback_action(FallbackAction::Continue)
            .configuration(ProcessorConfiguration::builder().lambda(lambda).build())
            .build()
            .expect("a processor");
        let flow = self
            .messaging
            .create_channel_flow()
            .app_instance_arn(&self.app)
            .name("flow")
            .processors(processor)
            .client_request_token("flow-token")
            .send()
            .await
            .expect("CreateChannelFlow")
            .channel_flow_arn
            .expect("ChannelFlowArn");
        let ch = self.channel(creator).await;
        self.messaging
            .associate_channel_flow()
            .channel_arn(&ch)
            .channel_flow_arn(flow)
            .chime_bearer(creator)
            .send()
            .await
            .expect("AssociateChannelFlow");
        ch
    }

    /// Lets message `id` through the flow (or denies it), as its processor would.
    async fn callback(&self, ch: &str, id: &str, deny: bool) {
        let events = self.server.domain.flow_events(ch).expect("flow events");
        let event = events
            .iter()
            .rev()
            .find(|e| e["ChannelMessage"]["MessageId"] == id)
            .expect("the processor was asked about the message");
        let message = messaging::types::ChannelMessageCallback::builder()
            .message_id(id)
            .build()
            .expect("a callback message");
        self.messaging
            .channel_flow_callback()
            .channel_arn(ch)
            .callback_id(event["CallbackId"].as_str().expect("a CallbackId"))
            .channel_message(message)
            .delete_resource(deny)
            .send()
            .await
            .expect("ChannelFlowCallback");
    }
}

#[tokio::test]
async fn b_ws_05_edits_redactions_and_deletions_reach_the_members_in_order() {
    let w = World::start().await;
    let (alice, bob, admin) = (
        w.user("alice").await,
        w.user("bob").await,
        w.admin("admin").await,
    );
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let mut admin_ws = w.session(&admin).await;
    let mut bob_ws = w.session(&bob).await;
    let id = w.send(&ch, &alice, "v1").await;
    w.messaging
        .update_channel_message()
        .channel_arn(&ch)
        .message_id(&id)
        .content("v2")
        .chime_bearer(&alice)
        .send()
        .await
        .expect("UpdateChannelMessage");
    w.messaging
        .redact_channel_message()
        .channel_arn(&ch)
        .message_id(&id)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("RedactChannelMessage");
    w.messaging
        .delete_channel_message()
        .channel_arn(&ch)
        .message_id(&id)
        .chime_bearer(&admin)
        .send()
        .await
        .expect("DeleteChannelMessage");
    assert_eq!(
        expect_event(&mut bob_ws, "CREATE_CHANNEL_MESSAGE").await["Content"],
        "v1"
    );
    let edited = expect_event(&mut bob_ws, "UPDATE_CHANNEL_MESSAGE").await;
    assert_eq!(edited["Content"], "v2");
    assert!(edited["LastEditedTimestamp"].is_string());
    let redacted = expect_event(&mut bob_ws, "REDACT_CHANNEL_MESSAGE").await;
    assert_eq!(
        (redacted["Redacted"].clone(), redacted["Content"].clone()),
        (true.into(), "".into())
    );
    assert_eq!(
        expect_event(&mut bob_ws, "DELETE_CHANNEL_MESSAGE").await["MessageId"],
        id.as_str()
    );
    // The AppInstanceAdmin acted on the channel but holds no membership: told nothing.
    assert_quiet(&mut admin_ws).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_06_a_non_persistent_message_reaches_the_connected_members_and_is_not_kept() {
    let w = World::start().await;
    let (alice, bob) = (w.user("alice").await, w.user("bob").await);
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let mut bob_ws = w.session(&bob).await;
    let id = w
        .message(&ch, &alice, "typing")
        .persistence(ChannelMessagePersistenceType::NonPersistent)
        .send()
        .await
        .expect("SendChannelMessage")
        .message_id
        .expect("MessageId");
    let got = expect_event(&mut bob_ws, "CREATE_CHANNEL_MESSAGE").await;
    assert_eq!(got["Persistence"], "NON_PERSISTENT");
    assert_eq!(got["MessageId"], id.as_str());
    let gone = w
        .messaging
        .get_channel_message()
        .channel_arn(&ch)
        .message_id(&id)
        .chime_bearer(&bob)
        .send()
        .await;
    assert!(gone.is_err(), "a NON_PERSISTENT message is not kept");
    // A session opened later does not find it among the channel's details.
    let mut later = w
        .connect(&connect_query(&bob, "&prefetch-on=connect"))
        .await;
    assert_eq!(
        event_type(&next_frame(&mut later).await),
        "SESSION_ESTABLISHED"
    );
    let details = expect_event(&mut later, "CHANNEL_DETAILS").await;
    assert_eq!(details["ChannelMessages"], serde_json::json!([]));
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_08_a_flow_tells_the_sender_alone_until_the_processor_lets_the_message_through() {
    let w = World::start().await;
    let (alice, bob) = (w.user("alice").await, w.user("bob").await);
    let ch = w.flowed_channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let mut alice_ws = w.session(&alice).await;
    let mut bob_ws = w.session(&bob).await;
    let id = w.send(&ch, &bob, "held").await;
    let pending = expect_event(&mut bob_ws, "PENDING_CREATE_CHANNEL_MESSAGE").await;
    assert_eq!(pending["Status"]["Value"], "PENDING");
    assert_quiet(&mut alice_ws).await;
    w.callback(&ch, &id, false).await;
    for ws in [&mut alice_ws, &mut bob_ws] {
        let sent = expect_event(ws, "CREATE_CHANNEL_MESSAGE").await;
        assert_eq!(
            (sent["MessageId"].as_str(), sent["Status"]["Value"].as_str()),
            (Some(id.as_str()), Some("SENT"))
        );
    }
    let denied = w.send(&ch, &bob, "refused").await;
    expect_event(&mut bob_ws, "PENDING_CREATE_CHANNEL_MESSAGE").await;
    w.callback(&ch, &denied, true).await;
    assert_eq!(
        expect_event(&mut bob_ws, "DENIED_CREATE_CHANNEL_MESSAGE").await["MessageId"],
        denied.as_str()
    );
    assert_quiet(&mut alice_ws).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_09_channel_and_membership_changes_reach_the_members() {
    let w = World::start().await;
    let (alice, bob, carol) = (
        w.user("alice").await,
        w.user("bob").await,
        w.user("carol").await,
    );
    let ch = w.channel(&alice).await;
    let mut alice_ws = w.session(&alice).await;
    // bob is connected before he is added: from then on he hears the channel.
    let mut bob_ws = w.session(&bob).await;
    w.join(&ch, &alice, &bob).await;
    for ws in [&mut alice_ws, &mut bob_ws] {
        let m = expect_event(ws, "CREATE_CHANNEL_MEMBERSHIP").await;
        assert_eq!(m["Member"]["Arn"], bob.as_str());
        assert_eq!(m["InvitedBy"]["Arn"], alice.as_str());
        assert!(m["CreatedTimestamp"].is_string());
    }
    w.send(&ch, &alice, "welcome").await;
    expect_event(&mut bob_ws, "CREATE_CHANNEL_MESSAGE").await;
    w.messaging
        .batch_create_channel_membership()
        .channel_arn(&ch)
        .member_arns(&carol)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("BatchCreateChannelMembership");
    let batch = expect_event(&mut bob_ws, "BATCH_CREATE_CHANNEL_MEMBERSHIP").await;
    assert_eq!(batch["Members"][0]["Arn"], carol.as_str());
    w.messaging
        .update_channel()
        .channel_arn(&ch)
        .name("renamed")
        .chime_bearer(&alice)
        .send()
        .await
        .expect("UpdateChannel");
    let updated = expect_event(&mut bob_ws, "UPDATE_CHANNEL").await;
    assert_eq!(updated["Name"], "renamed");
    assert!(updated["LastUpdatedTimestamp"].is_string());
    w.messaging
        .delete_channel_membership()
        .channel_arn(&ch)
        .member_arn(&bob)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DeleteChannelMembership");
    assert_eq!(
        expect_event(&mut bob_ws, "DELETE_CHANNEL_MEMBERSHIP").await["Member"]["Arn"],
        bob.as_str()
    );
    for kind in [
        "CREATE_CHANNEL_MESSAGE",
        "BATCH_CREATE_CHANNEL_MEMBERSHIP",
        "UPDATE_CHANNEL",
        "DELETE_CHANNEL_MEMBERSHIP",
    ] {
        expect_event(&mut alice_ws, kind).await;
    }
    // No longer a member: bob hears nothing more of it.
    w.send(&ch, &alice, "after bob left").await;
    expect_event(&mut alice_ws, "CREATE_CHANNEL_MESSAGE").await;
    w.messaging
        .delete_channel()
        .channel_arn(&ch)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DeleteChannel");
    assert_eq!(
        expect_event(&mut alice_ws, "DELETE_CHANNEL").await["ChannelArn"],
        ch.as_str()
    );
    assert_quiet(&mut bob_ws).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_10_elastic_channels_deliver_by_sub_channel_without_batch_events() {
    use messaging::types::{ChannelMode, ElasticChannelConfiguration};
    let w = World::start().await;
    let alice = w.user("alice").await;
    let mut members = Vec::new();
    for id in ["bob", "carol", "dave"] {
        members.push(w.user(id).await);
    }
    let config = ElasticChannelConfiguration::builder()
        .maximum_sub_channels(2)
        .target_memberships_per_sub_channel(2)
        .minimum_membership_percentage(10)
        .build()
        .expect("an elastic configuration");
    let ch = w
        .messaging
        .create_channel()
        .app_instance_arn(&w.app)
        .name("elastic")
        .mode(ChannelMode::Restricted)
        .elastic_channel_configuration(config)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");
    let mut sessions = Vec::new();
    for m in &members {
        sessions.push(w.session(m).await);
    }
    let mut b = w
        .messaging
        .batch_create_channel_membership()
        .channel_arn(&ch)
        .chime_bearer(&alice);
    for m in &members {
        b = b.member_arns(m);
    }
    b.send().await.expect("BatchCreateChannelMembership");
    // One CREATE_CHANNEL_MEMBERSHIP per member, to the members of its sub-channel.
    let bob_sub = {
        let own = expect_event(&mut sessions[0], "CREATE_CHANNEL_MEMBERSHIP").await;
        own["SubChannelId"]
            .as_str()
            .expect("a SubChannelId")
            .to_owned()
    };
    let mut subs = vec![bob_sub.clone()];
    for ws in &mut sessions[1..] {
        let mut mine = None;
        for _ in 0..2 {
            let p = expect_event(ws, "CREATE_CHANNEL_MEMBERSHIP").await;
            if p["Member"]["Arn"] != members[0].as_str() {
                mine = p["SubChannelId"].as_str().map(str::to_owned);
                break;
            }
        }
        subs.push(mine.expect("its own membership event"));
    }
    let same: Vec<usize> = (0..3).filter(|&i| subs[i] == bob_sub).collect();
    let other: Vec<usize> = (0..3).filter(|&i| subs[i] != bob_sub).collect();
    assert!(!other.is_empty(), "two sub-channels: {subs:?}");
    // Drain what remains of the membership events.
    for ws in sessions.iter_mut() {
        while let Ok(frame) = tokio::time::timeout(QUIET, next_frame(ws)).await {
            assert_eq!(event_type(&frame), "CREATE_CHANNEL_MEMBERSHIP");
        }
    }
    w.message(&ch, &members[0], "sub-channel only")
        .sub_channel_id(&bob_sub)
        .send()
        .await
        .expect("SendChannelMessage");
    for &i in &same {
        let got = expect_event(&mut sessions[i], "CREATE_CHANNEL_MESSAGE").await;
        assert_eq!(got["SubChannelId"], bob_sub.as_str());
    }
    for &i in &other {
        assert_quiet(&mut sessions[i]).await;
    }
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn b_ws_11_prefetch_sends_channel_details_after_session_established() {
    let w = World::start().await;
    let (alice, bob) = (w.user("alice").await, w.user("bob").await);
    let mut channels = Vec::new();
    for _ in 0..3 {
        let ch = w.channel(&alice).await;
        w.join(&ch, &alice, &bob).await;
        w.send(&ch, &alice, "hi").await;
        channels.push(ch);
    }
    let mut ws = w
        .connect(&connect_query(
            &bob,
            "&prefetch-on=connect&prefetch-sort-by=unread",
        ))
        .await;
    assert_eq!(
        event_type(&next_frame(&mut ws).await),
        "SESSION_ESTABLISHED"
    );
    let mut seen = Vec::new();
    for _ in 0..channels.len() {
        let frame = next_frame(&mut ws).await;
        assert_eq!(frame["Headers"]["x-amz-chime-message-type"], "SYSTEM");
        let d = payload(&frame);
        assert_eq!(event_type(&frame), "CHANNEL_DETAILS", "{frame}");
        assert_eq!(d["ChannelMessages"][0]["Content"], "hi");
        assert!(d["ChannelMessages"][0]["CreatedTimestamp"].is_string());
        assert_eq!(d["ChannelMessagesHasMore"], false);
        assert_eq!(d["ChannelMemberships"].as_array().map(Vec::len), Some(2));
        assert!(d["Channel"]["LastMessageTimestamp"].is_string());
        seen.push(d["Channel"]["ChannelArn"].as_str().unwrap().to_owned());
    }
    seen.sort();
    channels.sort();
    assert_eq!(seen, channels);
    assert_quiet(&mut ws).await;
    // Without prefetch-on, no details.
    let mut plain = w.session(&bob).await;
    assert_quiet(&mut plain).await;
    w.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn a_server_that_stops_closes_its_sessions_with_going_away() {
    let w = World::start().await;
    let alice = w.user("alice").await;
    let mut ws = w.session(&alice).await;
    w.server.shutdown().await.expect("shutdown");
    let end = tokio::time::timeout(DUE, ws.next())
        .await
        .expect("the close arrives in time");
    match end {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1001),
        other => panic!("a close with 1001 was due, got {other:?}"),
    }
}

/// Sends a message as `sender` straight through the server's domain: fast enough to outrun
/// any reader, which REST calls are not.
fn send_direct(w: &World, ch: &str, sender: &str, content: &str) {
    let input = serde_json::json!({
        "ChannelArn": ch, "ChimeBearer": sender, "Content": content, "Type": "STANDARD",
        "Persistence": "PERSISTENT", "ClientRequestToken": uuid::Uuid::new_v4().to_string(),
    });
    w.server
        .domain
        .handle(
            chime_conformance::model::Service::Messaging,
            "SendChannelMessage",
            input.as_object().expect("an object"),
        )
        .expect("SendChannelMessage");
}

/// A session whose socket reads little: its receive buffer is small, so a session that
/// stops reading backs up into the server soon.
async fn small_buffer_session(w: &World, user: &str) -> Socket {
    let addr = w.server.addr;
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket
        .set_recv_buffer_size(4096)
        .expect("a small receive buffer");
    let stream = tokio::time::timeout(DUE, socket.connect(addr))
        .await
        .expect("connects in time")
        .expect("connects");
    let url = format!("ws://{addr}/connect?{}", connect_query(user, ""));
    let (mut ws, _) = tokio::time::timeout(
        DUE,
        tokio_tungstenite::client_async(url, MaybeTlsStream::Plain(stream)),
    )
    .await
    .expect("upgrades in time")
    .expect("upgrades");
    assert_eq!(
        event_type(&next_frame(&mut ws).await),
        "SESSION_ESTABLISHED"
    );
    ws
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn b_ws_13_a_session_that_stops_reading_is_cut_off_and_holds_back_no_other() {
    let w = World::start().await;
    let (alice, bob, carol) = (
        w.user("alice").await,
        w.user("bob").await,
        w.user("carol").await,
    );
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    w.join(&ch, &alice, &carol).await;
    let mut stalled = small_buffer_session(&w, &carol).await;
    let mut reader = w.session(&bob).await;
    // 4 KB messages, far more than the queue bound and the socket buffers hold.
    let total = 4000;
    let body = "x".repeat(4000);
    let (tx, mut read_so_far) = tokio::sync::watch::channel(0usize);
    let reading = tokio::spawn(async move {
        let mut contents = Vec::new();
        while contents.len() < total {
            let p = expect_event(&mut reader, "CREATE_CHANNEL_MESSAGE").await;
            contents.push(p["Content"].as_str().unwrap_or_default()[..8].to_owned());
            let _ = tx.send(contents.len());
        }
        (reader, contents)
    });
    let started = std::time::Instant::now();
    for batch in 0..total / 200 {
        for i in 0..200 {
            let n = batch * 200 + i;
            send_direct(&w, &ch, &alice, &format!("{n:08}{body}"));
        }
        // The reading session keeps up; the stalled one does not read at all.
        let want = (batch + 1) * 200;
        tokio::time::timeout(DUE, read_so_far.wait_for(|n| *n >= want))
            .await
            .expect("the reading session is not held back")
            .expect("the reader runs");
    }
    let (mut reader, contents) = tokio::time::timeout(DUE, reading)
        .await
        .expect("the reader finishes")
        .expect("the reader did not fail");
    let flood = started.elapsed();
    let expected: Vec<String> = (0..total).map(|n| format!("{n:08}")).collect();
    assert_eq!(
        contents, expected,
        "every message once, in the order acknowledged"
    );
    // One more, over REST: the reading session hears it at once.
    let sent = std::time::Instant::now();
    w.send(&ch, &alice, "after the flood").await;
    assert_eq!(
        expect_event(&mut reader, "CREATE_CHANNEL_MESSAGE").await["Content"],
        "after the flood"
    );
    let latency = sent.elapsed();
    println!(
        "{total} messages of 4 KB to 2 sessions (one stalled) in {flood:?}; next message in {latency:?}"
    );
    // The stalled session now reads: what was buffered, then the close that cut it off.
    let mut buffered = 0;
    let close = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match stalled.next().await {
                Some(Ok(Message::Text(_))) => buffered += 1,
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                other => return other,
            }
            assert!(buffered <= total, "more frames than messages");
        }
    })
    .await
    .expect("the stalled session is closed in time");
    match close {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1013),
        other => panic!("a close with 1013 was due, got {other:?}"),
    }
    assert!(
        buffered < total,
        "the stalled session was cut off, {buffered} frames reached it"
    );
    println!("the stalled session got {buffered} frames, then 1013");
    w.server.shutdown().await.expect("shutdown");
}

/// The descriptors this process holds open.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_sessions_opened_and_dropped_leave_the_server_serving() {
    let w = World::start().await;
    let (alice, bob) = (w.user("alice").await, w.user("bob").await);
    let ch = w.channel(&alice).await;
    w.join(&ch, &alice, &bob).await;
    let url = format!("ws://{}/connect?", w.endpoint().await);
    let before = open_fds();
    let started = std::time::Instant::now();
    let (total, batch) = (10_000, 200);
    for round in 0..total / batch {
        let mut opening = tokio::task::JoinSet::new();
        for i in 0..batch {
            // Half of them name no user, and are closed by the server with 4401.
            let user = if i % 2 == 0 {
                bob.clone()
            } else {
                format!("{}/user/ghost{round}", w.app)
            };
            let url = format!("{url}{}", connect_query(&user, ""));
            opening.spawn(async move {
                let (mut ws, _) = tokio::time::timeout(DUE, tokio_tungstenite::connect_async(url))
                    .await
                    .expect("upgrades in time")
                    .expect("upgrades");
                // Read the first frame (or the close), then drop the socket without a close.
                let _ = tokio::time::timeout(DUE, ws.next())
                    .await
                    .expect("a first frame in time");
            });
        }
        while let Some(done) = opening.join_next().await {
            done.expect("a connection task");
        }
    }
    let elapsed = started.elapsed();
    // The server lets go of every dropped connection.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while open_fds() > before + 16 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after = open_fds();
    println!(
        "{total} sessions opened and dropped in {elapsed:?}; descriptors {before} before, {after} after"
    );
    assert!(
        after <= before + 16,
        "descriptors leak: {before} before, {after} after"
    );
    // REST and sessions still serve.
    let mut ws = w.session(&bob).await;
    w.send(&ch, &alice, "still serving").await;
    assert_eq!(
        expect_event(&mut ws, "CREATE_CHANNEL_MESSAGE").await["Content"],
        "still serving"
    );
    w.server.shutdown().await.expect("shutdown");
}

/// A server serving one deliberate fault, with alice, bob (members of alice's channel) and
/// carol (no member).
async fn faulty(fault: chime_conformance::server::faults::Fault) -> (World, [String; 3], String) {
    let w = World::start_with(ServerConfig {
        faults: fault.into(),
        ..ServerConfig::default()
    })
    .await;
    let users = [
        w.user("alice").await,
        w.user("bob").await,
        w.user("carol").await,
    ];
    let ch = w.channel(&users[0]).await;
    w.join(&ch, &users[0], &users[1]).await;
    (w, users, ch)
}

/// Each fault of the sessions really does the wrong thing it names; the suite's scenarios
/// must catch them (`tests/self_check.rs`).
mod faults {
    use super::*;
    use chime_conformance::server::faults::Fault;

    #[tokio::test]
    async fn events_to_non_members() {
        let (w, [alice, _, carol], ch) = faulty(Fault::EventsToNonMembers).await;
        let mut carol_ws = w.session(&carol).await;
        w.send(&ch, &alice, "for members").await;
        assert_eq!(
            expect_event(&mut carol_ws, "CREATE_CHANNEL_MESSAGE").await["Content"],
            "for members"
        );
    }

    #[tokio::test]
    async fn no_session_established() {
        let (w, [alice, bob, _], ch) = faulty(Fault::NoSessionEstablished).await;
        let mut ws = w.connect(&connect_query(&bob, "")).await;
        assert_quiet(&mut ws).await;
        w.send(&ch, &alice, "first").await;
        assert_eq!(
            event_type(&next_frame(&mut ws).await),
            "CREATE_CHANNEL_MESSAGE"
        );
    }

    #[tokio::test]
    async fn payload_as_object() {
        let (w, [alice, bob, _], ch) = faulty(Fault::PayloadAsObject).await;
        let mut ws = w.session(&bob).await;
        w.send(&ch, &alice, "nested").await;
        let frame = next_frame(&mut ws).await;
        assert_eq!(frame["Payload"]["Content"], "nested", "{frame}");
    }

    #[tokio::test]
    async fn redaction_not_pushed() {
        let (w, [alice, bob, _], ch) = faulty(Fault::RedactionNotPushed).await;
        let mut ws = w.session(&bob).await;
        let id = w.send(&ch, &alice, "oops").await;
        expect_event(&mut ws, "CREATE_CHANNEL_MESSAGE").await;
        w.messaging
            .redact_channel_message()
            .channel_arn(&ch)
            .message_id(&id)
            .chime_bearer(&alice)
            .send()
            .await
            .expect("RedactChannelMessage");
        assert_quiet(&mut ws).await;
    }

    #[tokio::test]
    async fn target_sender_left_out() {
        let (w, [alice, bob, _], ch) = faulty(Fault::TargetSenderLeftOut).await;
        let mut alice_ws = w.session(&alice).await;
        let mut bob_ws = w.session(&bob).await;
        w.message(&ch, &alice, "psst")
            .target(Target::builder().member_arn(&bob).build())
            .send()
            .await
            .expect("SendChannelMessage");
        expect_event(&mut bob_ws, "CREATE_CHANNEL_MESSAGE").await;
        assert_quiet(&mut alice_ws).await;
    }

    #[tokio::test]
    async fn pending_shown_to_everyone() {
        let w = World::start_with(ServerConfig {
            faults: Fault::PendingShownToEveryone.into(),
            ..ServerConfig::default()
        })
        .await;
        let (alice, bob) = (w.user("alice").await, w.user("bob").await);
        let ch = w.flowed_channel(&alice).await;
        w.join(&ch, &alice, &bob).await;
        let mut alice_ws = w.session(&alice).await;
        w.send(&ch, &bob, "held").await;
        expect_event(&mut alice_ws, "PENDING_CREATE_CHANNEL_MESSAGE").await;
    }

    #[tokio::test]
    async fn events_reordered() {
        let (w, [alice, bob, _], ch) = faulty(Fault::EventsReordered).await;
        let mut ws = w.session(&bob).await;
        for text in ["one", "two", "three"] {
            w.send(&ch, &alice, text).await;
        }
        let mut got = Vec::new();
        for _ in 0..3 {
            got.push(expect_event(&mut ws, "CREATE_CHANNEL_MESSAGE").await["Content"].clone());
        }
        assert_eq!(got, ["two", "one", "three"]);
    }
}
