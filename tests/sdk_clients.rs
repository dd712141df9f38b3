//! The reference server, called by the official AWS SDK for Rust clients: every operation the
//! server implements must be sent and parsed by clients this project did not write, and errors
//! must arrive typed.

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use messaging::types::{ChannelMessagePersistenceType, ChannelMessageType, ChannelPrivacy};
use std::time::Duration;

struct Clients {
    server: RunningServer,
    identity: identity::Client,
    messaging: messaging::Client,
}

async fn start() -> Clients {
    let server = server::spawn(ServerConfig::default())
        .await
        .expect("server starts");
    let credentials = messaging::config::Credentials::new("AKIDTEST", "secret", None, None, "test");
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
    Clients {
        server,
        identity,
        messaging,
    }
}

/// An AppInstance with one user: (app instance ARN, user ARN).
async fn app_with_user(c: &Clients, name: &str) -> (String, String) {
    let app = c
        .identity
        .create_app_instance()
        .name(name)
        .client_request_token(format!("{name}-token"))
        .send()
        .await
        .expect("CreateAppInstance")
        .app_instance_arn
        .expect("AppInstanceArn");
    let user = c
        .identity
        .create_app_instance_user()
        .app_instance_arn(&app)
        .app_instance_user_id(format!("{name}-user"))
        .name("first user")
        .client_request_token(format!("{name}-user-token"))
        .send()
        .await
        .expect("CreateAppInstanceUser")
        .app_instance_user_arn
        .expect("AppInstanceUserArn");
    (app, user)
}

#[tokio::test]
async fn identity_operations_round_trip() {
    let c = start().await;
    let (app, user) = app_with_user(&c, "identity-round-trip").await;
    let described = c
        .identity
        .describe_app_instance()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("DescribeAppInstance")
        .app_instance
        .expect("AppInstance");
    assert_eq!(described.app_instance_arn.as_deref(), Some(app.as_str()));
    assert_eq!(described.name.as_deref(), Some("identity-round-trip"));
    assert!(described.created_timestamp.is_some());

    let u = c
        .identity
        .describe_app_instance_user()
        .app_instance_user_arn(&user)
        .send()
        .await
        .expect("DescribeAppInstanceUser")
        .app_instance_user
        .expect("AppInstanceUser");
    assert_eq!(u.app_instance_user_arn.as_deref(), Some(user.as_str()));
    assert_eq!(u.name.as_deref(), Some("first user"));

    let users = c
        .identity
        .list_app_instance_users()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("ListAppInstanceUsers");
    let listed: Vec<_> = users
        .app_instance_users()
        .iter()
        .filter_map(|u| u.app_instance_user_arn.as_deref())
        .collect();
    assert_eq!(listed, [user.as_str()]);
    c.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn channels_and_messages_round_trip() {
    let c = start().await;
    let (app, user) = app_with_user(&c, "messages-round-trip").await;
    let channel = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("general")
        .privacy(ChannelPrivacy::Private)
        .metadata("about things")
        .chime_bearer(&user)
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");
    assert!(channel.starts_with(&app), "{channel} is inside {app}");

    let described = c
        .messaging
        .describe_channel()
        .channel_arn(&channel)
        .chime_bearer(&user)
        .send()
        .await
        .expect("DescribeChannel")
        .channel
        .expect("Channel");
    assert_eq!(described.name.as_deref(), Some("general"));
    assert_eq!(described.privacy, Some(ChannelPrivacy::Private));
    assert_eq!(described.metadata.as_deref(), Some("about things"));
    assert!(described.created_timestamp.is_some());

    let mut sent = Vec::new();
    for text in ["one", "two", "three"] {
        let out = c
            .messaging
            .send_channel_message()
            .channel_arn(&channel)
            .content(text)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&user)
            .send()
            .await
            .expect("SendChannelMessage");
        assert_eq!(out.channel_arn.as_deref(), Some(channel.as_str()));
        sent.push(out.message_id.expect("MessageId"));
    }

    let listed = c
        .messaging
        .list_channel_messages()
        .channel_arn(&channel)
        .sort_order(messaging::types::SortOrder::Ascending)
        .chime_bearer(&user)
        .send()
        .await
        .expect("ListChannelMessages");
    let contents: Vec<_> = listed
        .channel_messages()
        .iter()
        .filter_map(|m| m.content.as_deref())
        .collect();
    assert_eq!(contents, ["one", "two", "three"]);
    let ids: Vec<_> = listed
        .channel_messages()
        .iter()
        .filter_map(|m| m.message_id.clone())
        .collect();
    assert_eq!(ids, sent);
    assert!(listed.next_token.as_deref().is_none_or(str::is_empty));

    let one = c
        .messaging
        .get_channel_message()
        .channel_arn(&channel)
        .message_id(&sent[1])
        .chime_bearer(&user)
        .send()
        .await
        .expect("GetChannelMessage")
        .channel_message
        .expect("ChannelMessage");
    assert_eq!(one.content.as_deref(), Some("two"));
    c.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn errors_arrive_typed() {
    let c = start().await;
    let (app, user) = app_with_user(&c, "typed-errors").await;
    let missing = format!("{app}/channel/does-not-exist");
    let err = c
        .messaging
        .describe_channel()
        .channel_arn(&missing)
        .chime_bearer(&user)
        .send()
        .await
        .expect_err("no such channel");
    // DescribeChannel does not model NotFoundException: a missing channel is forbidden.
    assert_eq!(
        err.as_service_error().map(|e| e.is_forbidden_exception()),
        Some(true),
        "{err:?}"
    );

    let err = c
        .messaging
        .send_channel_message()
        .channel_arn(&missing)
        .content("")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(&user)
        .send()
        .await
        .expect_err("empty content");
    assert_eq!(
        err.as_service_error().map(|e| e.is_bad_request_exception()),
        Some(true),
        "{err:?}"
    );
    c.server.shutdown().await.expect("shutdown");
}
