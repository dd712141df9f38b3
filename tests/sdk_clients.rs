//! The reference server, called by the official AWS SDK for Rust clients: every operation the
//! server implements must be sent and parsed by clients this project did not write, and errors
//! must arrive typed.

#[path = "common/sdk.rs"]
mod sdk;

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use messaging::types::{ChannelMessagePersistenceType, ChannelMessageType, ChannelPrivacy};
use std::time::Duration;

/// A second user in an AppInstance.
async fn another_user(c: &Clients, app: &str, id: &str) -> String {
    c.identity
        .create_app_instance_user()
        .app_instance_arn(app)
        .app_instance_user_id(id)
        .name(id)
        .client_request_token(format!("{id}-token"))
        .send()
        .await
        .expect("CreateAppInstanceUser")
        .app_instance_user_arn
        .expect("AppInstanceUserArn")
}

struct Clients {
    server: RunningServer,
    identity: identity::Client,
    messaging: messaging::Client,
}

async fn start() -> Clients {
    start_with(ServerConfig::default()).await
}

async fn start_with(config: ServerConfig) -> Clients {
    let server = server::spawn(config).await.expect("server starts");
    let (messaging, identity) = sdk::clients(&server.url);
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
async fn writes_over_the_quotas_are_throttled_when_asked_for() {
    let c = start_with(ServerConfig {
        quotas: true,
        ..ServerConfig::default()
    })
    .await;
    let (app, user) = app_with_user(&c, "quotas").await;
    let channel = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("busy")
        .chime_bearer(&user)
        .client_request_token("busy-token")
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");
    let mut throttled = None;
    // Ten writes a second per bearer: the eleventh within a second is refused (unless the
    // second turned over in between, hence a few more tries).
    for i in 0..40 {
        let sent = c
            .messaging
            .send_channel_message()
            .channel_arn(&channel)
            .content(format!("message {i}"))
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&user)
            .send()
            .await;
        if let Err(e) = sent {
            throttled = Some(e);
            break;
        }
    }
    let err = throttled.expect("a write over the quota is refused");
    assert_eq!(
        err.as_service_error()
            .map(|e| e.is_throttled_client_exception()),
        Some(true),
        "{err:?}"
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(429));
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

#[tokio::test]
async fn identity_admins_bots_endpoints_settings_and_tags() {
    use identity::types::{
        AppInstanceRetentionSettings, AppInstanceUserEndpointType, ChannelRetentionSettings,
        Configuration, EndpointAttributes, ExpirationCriterion, ExpirationSettings,
        LexConfiguration, RespondsTo, Tag,
    };
    let c = start().await;
    let (app, user) = app_with_user(&c, "identity-more").await;

    c.identity
        .update_app_instance()
        .app_instance_arn(&app)
        .name("renamed")
        .metadata("m")
        .send()
        .await
        .expect("UpdateAppInstance");
    let apps = c
        .identity
        .list_app_instances()
        .send()
        .await
        .expect("ListAppInstances");
    assert!(
        apps.app_instances()
            .iter()
            .any(|a| a.app_instance_arn.as_deref() == Some(app.as_str())
                && a.name.as_deref() == Some("renamed"))
    );
    c.identity
        .update_app_instance_user()
        .app_instance_user_arn(&user)
        .name("new name")
        .metadata("about")
        .send()
        .await
        .expect("UpdateAppInstanceUser");

    // Admins.
    c.identity
        .create_app_instance_admin()
        .app_instance_arn(&app)
        .app_instance_admin_arn(&user)
        .send()
        .await
        .expect("CreateAppInstanceAdmin");
    let admin = c
        .identity
        .describe_app_instance_admin()
        .app_instance_arn(&app)
        .app_instance_admin_arn(&user)
        .send()
        .await
        .expect("DescribeAppInstanceAdmin")
        .app_instance_admin
        .expect("AppInstanceAdmin");
    assert_eq!(
        admin.admin.and_then(|a| a.arn).as_deref(),
        Some(user.as_str())
    );
    let admins = c
        .identity
        .list_app_instance_admins()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("ListAppInstanceAdmins");
    assert_eq!(admins.app_instance_admins().len(), 1);
    c.identity
        .delete_app_instance_admin()
        .app_instance_arn(&app)
        .app_instance_admin_arn(&user)
        .send()
        .await
        .expect("DeleteAppInstanceAdmin");

    // Retention and user expiration settings.
    let retention = AppInstanceRetentionSettings::builder()
        .channel_retention_settings(
            ChannelRetentionSettings::builder()
                .retention_days(30)
                .build(),
        )
        .build();
    c.identity
        .put_app_instance_retention_settings()
        .app_instance_arn(&app)
        .app_instance_retention_settings(retention)
        .send()
        .await
        .expect("PutAppInstanceRetentionSettings");
    let got = c
        .identity
        .get_app_instance_retention_settings()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("GetAppInstanceRetentionSettings");
    assert_eq!(
        got.app_instance_retention_settings
            .and_then(|s| s.channel_retention_settings)
            .and_then(|s| s.retention_days),
        Some(30)
    );
    let expiry = ExpirationSettings::builder()
        .expiration_days(7)
        .expiration_criterion(ExpirationCriterion::CreatedTimestamp)
        .build()
        .expect("ExpirationSettings");
    let out = c
        .identity
        .put_app_instance_user_expiration_settings()
        .app_instance_user_arn(&user)
        .expiration_settings(expiry)
        .send()
        .await
        .expect("PutAppInstanceUserExpirationSettings");
    assert_eq!(out.expiration_settings.map(|e| e.expiration_days), Some(7));

    // Bots.
    let lex = LexConfiguration::builder()
        .responds_to(RespondsTo::StandardMessages)
        .lex_bot_alias_arn("arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/0123456789")
        .locale_id("en_US")
        .build()
        .expect("LexConfiguration");
    let bot = c
        .identity
        .create_app_instance_bot()
        .app_instance_arn(&app)
        .name("helper")
        .client_request_token("bot-token-1")
        .configuration(Configuration::builder().lex(lex).build())
        .send()
        .await
        .expect("CreateAppInstanceBot")
        .app_instance_bot_arn
        .expect("AppInstanceBotArn");
    let described = c
        .identity
        .describe_app_instance_bot()
        .app_instance_bot_arn(&bot)
        .send()
        .await
        .expect("DescribeAppInstanceBot")
        .app_instance_bot
        .expect("AppInstanceBot");
    assert_eq!(described.name.as_deref(), Some("helper"));
    c.identity
        .update_app_instance_bot()
        .app_instance_bot_arn(&bot)
        .name("helper 2")
        .metadata("")
        .send()
        .await
        .expect("UpdateAppInstanceBot");
    let bots = c
        .identity
        .list_app_instance_bots()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("ListAppInstanceBots");
    assert_eq!(
        bots.app_instance_bots()
            .iter()
            .filter_map(|b| b.name.as_deref())
            .collect::<Vec<_>>(),
        ["helper 2"]
    );
    c.identity
        .delete_app_instance_bot()
        .app_instance_bot_arn(&bot)
        .send()
        .await
        .expect("DeleteAppInstanceBot");
    let err = c
        .identity
        .describe_app_instance_bot()
        .app_instance_bot_arn(&bot)
        .send()
        .await
        .expect_err("deleted bot");
    assert_eq!(
        err.as_service_error().map(|e| e.is_not_found_exception()),
        Some(true),
        "{err:?}"
    );

    // Endpoints.
    let endpoint = c
        .identity
        .register_app_instance_user_endpoint()
        .app_instance_user_arn(&user)
        .name("phone")
        .r#type(AppInstanceUserEndpointType::Gcm)
        .resource_arn("arn:aws:mobiletargeting:us-east-1:123456789012:apps/app")
        .endpoint_attributes(
            EndpointAttributes::builder()
                .device_token("device-token")
                .build()
                .expect("EndpointAttributes"),
        )
        .client_request_token("endpoint-token")
        .send()
        .await
        .expect("RegisterAppInstanceUserEndpoint");
    let endpoint_id = endpoint.endpoint_id.expect("EndpointId");
    let described = c
        .identity
        .describe_app_instance_user_endpoint()
        .app_instance_user_arn(&user)
        .endpoint_id(&endpoint_id)
        .send()
        .await
        .expect("DescribeAppInstanceUserEndpoint")
        .app_instance_user_endpoint
        .expect("AppInstanceUserEndpoint");
    assert_eq!(described.name.as_deref(), Some("phone"));
    c.identity
        .update_app_instance_user_endpoint()
        .app_instance_user_arn(&user)
        .endpoint_id(&endpoint_id)
        .name("tablet")
        .send()
        .await
        .expect("UpdateAppInstanceUserEndpoint");
    let listed = c
        .identity
        .list_app_instance_user_endpoints()
        .app_instance_user_arn(&user)
        .send()
        .await
        .expect("ListAppInstanceUserEndpoints");
    assert_eq!(
        listed
            .app_instance_user_endpoints()
            .iter()
            .filter_map(|e| e.name.as_deref())
            .collect::<Vec<_>>(),
        ["tablet"]
    );
    c.identity
        .deregister_app_instance_user_endpoint()
        .app_instance_user_arn(&user)
        .endpoint_id(&endpoint_id)
        .send()
        .await
        .expect("DeregisterAppInstanceUserEndpoint");

    // Tags on an identity resource travel to the identity service.
    c.identity
        .tag_resource()
        .resource_arn(&app)
        .tags(
            Tag::builder()
                .key("team")
                .value("blue")
                .build()
                .expect("Tag"),
        )
        .send()
        .await
        .expect("TagResource");
    let tags = c
        .identity
        .list_tags_for_resource()
        .resource_arn(&app)
        .send()
        .await
        .expect("ListTagsForResource");
    assert_eq!(
        tags.tags()
            .iter()
            .map(|t| (t.key.as_str(), t.value.as_str()))
            .collect::<Vec<_>>(),
        [("team", "blue")]
    );
    c.identity
        .untag_resource()
        .resource_arn(&app)
        .tag_keys("team")
        .send()
        .await
        .expect("UntagResource");

    c.identity
        .delete_app_instance_user()
        .app_instance_user_arn(&user)
        .send()
        .await
        .expect("DeleteAppInstanceUser");
    c.identity
        .delete_app_instance()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("DeleteAppInstance");
    let err = c
        .identity
        .describe_app_instance()
        .app_instance_arn(&app)
        .send()
        .await
        .expect_err("deleted app instance");
    assert!(err.as_service_error().is_some(), "{err:?}");
    c.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn memberships_moderators_bans_and_channel_settings() {
    use messaging::types::{
        AllowNotifications, ChannelMembershipPreferences, ChannelMode, ExpirationCriterion,
        ExpirationSettings, PushNotificationPreferences, SearchField, SearchFieldKey,
        SearchFieldOperator, Tag,
    };
    let c = start().await;
    let (app, owner) = app_with_user(&c, "memberships").await;
    let bob = another_user(&c, &app, "bob").await;
    let carol = another_user(&c, &app, "carol").await;
    let channel = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("team")
        .mode(ChannelMode::Restricted)
        .privacy(ChannelPrivacy::Public)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");

    c.messaging
        .update_channel()
        .channel_arn(&channel)
        .name("team 2")
        .metadata("m")
        .chime_bearer(&owner)
        .send()
        .await
        .expect("UpdateChannel");
    let listed = c
        .messaging
        .list_channels()
        .app_instance_arn(&app)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("ListChannels");
    assert_eq!(
        listed
            .channels()
            .iter()
            .filter_map(|ch| ch.name.as_deref())
            .collect::<Vec<_>>(),
        ["team 2"]
    );
    let search = c
        .messaging
        .search_channels()
        .chime_bearer(&owner)
        .fields(
            SearchField::builder()
                .key(SearchFieldKey::Members)
                .values(&owner)
                .operator(SearchFieldOperator::Includes)
                .build()
                .expect("SearchField"),
        )
        .send()
        .await
        .expect("SearchChannels");
    assert_eq!(search.channels().len(), 1);

    // Memberships.
    let created = c
        .messaging
        .create_channel_membership()
        .channel_arn(&channel)
        .member_arn(&bob)
        .r#type(messaging::types::ChannelMembershipType::Default)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("CreateChannelMembership");
    assert_eq!(
        created.member.and_then(|m| m.arn).as_deref(),
        Some(bob.as_str())
    );
    let batch = c
        .messaging
        .batch_create_channel_membership()
        .channel_arn(&channel)
        .member_arns(&carol)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("BatchCreateChannelMembership");
    assert!(batch.errors().is_empty(), "{:?}", batch.errors());
    let membership = c
        .messaging
        .describe_channel_membership()
        .channel_arn(&channel)
        .member_arn(&bob)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DescribeChannelMembership")
        .channel_membership
        .expect("ChannelMembership");
    assert_eq!(membership.channel_arn.as_deref(), Some(channel.as_str()));
    let members = c
        .messaging
        .list_channel_memberships()
        .channel_arn(&channel)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("ListChannelMemberships");
    assert_eq!(members.channel_memberships().len(), 3);
    let mine = c
        .messaging
        .list_channel_memberships_for_app_instance_user()
        .app_instance_user_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("ListChannelMembershipsForAppInstanceUser");
    assert_eq!(mine.channel_memberships().len(), 1);
    let one = c
        .messaging
        .describe_channel_membership_for_app_instance_user()
        .channel_arn(&channel)
        .app_instance_user_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DescribeChannelMembershipForAppInstanceUser");
    assert_eq!(
        one.channel_membership
            .and_then(|m| m.channel_summary)
            .and_then(|s| s.channel_arn)
            .as_deref(),
        Some(channel.as_str())
    );

    // Moderators.
    c.messaging
        .create_channel_moderator()
        .channel_arn(&channel)
        .channel_moderator_arn(&bob)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("CreateChannelModerator");
    let moderator = c
        .messaging
        .describe_channel_moderator()
        .channel_arn(&channel)
        .channel_moderator_arn(&bob)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DescribeChannelModerator")
        .channel_moderator
        .expect("ChannelModerator");
    assert_eq!(
        moderator.moderator.and_then(|m| m.arn).as_deref(),
        Some(bob.as_str())
    );
    let moderators = c
        .messaging
        .list_channel_moderators()
        .channel_arn(&channel)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("ListChannelModerators");
    assert_eq!(moderators.channel_moderators().len(), 2);
    let moderated = c
        .messaging
        .list_channels_moderated_by_app_instance_user()
        .app_instance_user_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("ListChannelsModeratedByAppInstanceUser");
    assert_eq!(moderated.channels().len(), 1);
    c.messaging
        .describe_channel_moderated_by_app_instance_user()
        .channel_arn(&channel)
        .app_instance_user_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DescribeChannelModeratedByAppInstanceUser");
    c.messaging
        .delete_channel_moderator()
        .channel_arn(&channel)
        .channel_moderator_arn(&bob)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DeleteChannelModerator");

    // Bans remove the member.
    c.messaging
        .create_channel_ban()
        .channel_arn(&channel)
        .member_arn(&carol)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("CreateChannelBan");
    let ban = c
        .messaging
        .describe_channel_ban()
        .channel_arn(&channel)
        .member_arn(&carol)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DescribeChannelBan")
        .channel_ban
        .expect("ChannelBan");
    assert_eq!(
        ban.member.and_then(|m| m.arn).as_deref(),
        Some(carol.as_str())
    );
    let bans = c
        .messaging
        .list_channel_bans()
        .channel_arn(&channel)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("ListChannelBans");
    assert_eq!(bans.channel_bans().len(), 1);
    c.messaging
        .delete_channel_ban()
        .channel_arn(&channel)
        .member_arn(&carol)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DeleteChannelBan");

    // Per-member settings.
    let prefs = ChannelMembershipPreferences::builder()
        .push_notifications(
            PushNotificationPreferences::builder()
                .allow_notifications(AllowNotifications::None)
                .build()
                .expect("PushNotificationPreferences"),
        )
        .build();
    c.messaging
        .put_channel_membership_preferences()
        .channel_arn(&channel)
        .member_arn(&bob)
        .preferences(prefs)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("PutChannelMembershipPreferences");
    let got = c
        .messaging
        .get_channel_membership_preferences()
        .channel_arn(&channel)
        .member_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("GetChannelMembershipPreferences");
    assert_eq!(
        got.preferences
            .and_then(|p| p.push_notifications)
            .map(|p| p.allow_notifications),
        Some(AllowNotifications::None)
    );
    c.messaging
        .update_channel_read_marker()
        .channel_arn(&channel)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("UpdateChannelReadMarker");
    c.messaging
        .delete_channel_membership()
        .channel_arn(&channel)
        .member_arn(&bob)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DeleteChannelMembership");

    // Expiration settings and tags on a messaging resource.
    let put = c
        .messaging
        .put_channel_expiration_settings()
        .channel_arn(&channel)
        .chime_bearer(&owner)
        .expiration_settings(
            ExpirationSettings::builder()
                .expiration_days(3)
                .expiration_criterion(ExpirationCriterion::LastMessageTimestamp)
                .build()
                .expect("ExpirationSettings"),
        )
        .send()
        .await
        .expect("PutChannelExpirationSettings");
    assert_eq!(put.expiration_settings.map(|e| e.expiration_days), Some(3));
    c.messaging
        .tag_resource()
        .resource_arn(&channel)
        .tags(Tag::builder().key("k").value("v").build().expect("Tag"))
        .send()
        .await
        .expect("TagResource");
    let tags = c
        .messaging
        .list_tags_for_resource()
        .resource_arn(&channel)
        .send()
        .await
        .expect("ListTagsForResource");
    assert_eq!(tags.tags().len(), 1);
    c.messaging
        .untag_resource()
        .resource_arn(&channel)
        .tag_keys("k")
        .send()
        .await
        .expect("UntagResource");

    c.messaging
        .delete_channel()
        .channel_arn(&channel)
        .chime_bearer(&owner)
        .send()
        .await
        .expect("DeleteChannel");
    let err = c
        .messaging
        .describe_channel_membership()
        .channel_arn(&channel)
        .member_arn(&owner)
        .chime_bearer(&owner)
        .send()
        .await
        .expect_err("deleted channel");
    assert!(err.as_service_error().is_some(), "{err:?}");
    c.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn message_edits_redaction_deletion_and_sub_channels() {
    use messaging::types::{ChannelMode, ElasticChannelConfiguration};
    let c = start().await;
    let (app, user) = app_with_user(&c, "edits").await;
    c.identity
        .create_app_instance_admin()
        .app_instance_arn(&app)
        .app_instance_admin_arn(&user)
        .send()
        .await
        .expect("CreateAppInstanceAdmin");
    let channel = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("edits")
        .chime_bearer(&user)
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");
    let send = |text: &'static str| {
        c.messaging
            .send_channel_message()
            .channel_arn(&channel)
            .content(text)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&user)
            .send()
    };
    let first = send("first").await.expect("SendChannelMessage");
    let id = first.message_id.expect("MessageId");
    assert_eq!(
        first
            .status
            .and_then(|s| s.value)
            .map(|v| v.as_str().to_owned()),
        Some("SENT".to_owned())
    );
    let updated = c
        .messaging
        .update_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .content("first, edited")
        .chime_bearer(&user)
        .send()
        .await
        .expect("UpdateChannelMessage");
    assert_eq!(updated.message_id.as_deref(), Some(id.as_str()));
    let status = c
        .messaging
        .get_channel_message_status()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&user)
        .send()
        .await
        .expect("GetChannelMessageStatus");
    assert!(status.status.is_some());
    c.messaging
        .redact_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&user)
        .send()
        .await
        .expect("RedactChannelMessage");
    let redacted = c
        .messaging
        .get_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&user)
        .send()
        .await
        .expect("GetChannelMessage")
        .channel_message
        .expect("ChannelMessage");
    assert!(redacted.redacted);
    let second = send("second").await.expect("SendChannelMessage");
    let second = second.message_id.expect("MessageId");
    c.messaging
        .delete_channel_message()
        .channel_arn(&channel)
        .message_id(&second)
        .chime_bearer(&user)
        .send()
        .await
        .expect("DeleteChannelMessage");
    let err = c
        .messaging
        .get_channel_message()
        .channel_arn(&channel)
        .message_id(&second)
        .chime_bearer(&user)
        .send()
        .await
        .expect_err("deleted message");
    assert_eq!(
        err.as_service_error().map(|e| e.is_not_found_exception()),
        Some(true),
        "{err:?}"
    );

    let endpoint = c
        .messaging
        .get_messaging_session_endpoint()
        .send()
        .await
        .expect("GetMessagingSessionEndpoint");
    assert!(endpoint.endpoint.and_then(|e| e.url).is_some());

    let elastic = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("elastic")
        .mode(ChannelMode::Restricted)
        .elastic_channel_configuration(
            ElasticChannelConfiguration::builder()
                .maximum_sub_channels(2)
                .target_memberships_per_sub_channel(2)
                .minimum_membership_percentage(10)
                .build()
                .expect("ElasticChannelConfiguration"),
        )
        .chime_bearer(&user)
        .send()
        .await
        .expect("CreateChannel (elastic)")
        .channel_arn
        .expect("ChannelArn");
    let subs = c
        .messaging
        .list_sub_channels()
        .channel_arn(&elastic)
        .chime_bearer(&user)
        .send()
        .await
        .expect("ListSubChannels");
    assert_eq!(subs.channel_arn.as_deref(), Some(elastic.as_str()));
    c.server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn channel_flows_and_streaming_configurations() {
    use messaging::types::{
        ChannelMessageCallback, FallbackAction, InvocationType, LambdaConfiguration,
        MessagingDataType, Processor, ProcessorConfiguration, StreamingConfiguration,
    };
    let c = start().await;
    let (app, user) = app_with_user(&c, "flows").await;
    let lambda = "arn:aws:lambda:us-east-1:123456789012:function:processor";
    let processor = |name: &str| {
        Processor::builder()
            .name(name)
            .configuration(
                ProcessorConfiguration::builder()
                    .lambda(
                        LambdaConfiguration::builder()
                            .resource_arn(lambda)
                            .invocation_type(InvocationType::Async)
                            .build()
                            .expect("LambdaConfiguration"),
                    )
                    .build(),
            )
            .execution_order(1)
            .fallback_action(FallbackAction::Continue)
            .build()
            .expect("Processor")
    };
    let flow = c
        .messaging
        .create_channel_flow()
        .app_instance_arn(&app)
        .name("moderation")
        .processors(processor("first"))
        .client_request_token("flow-token-1")
        .send()
        .await
        .expect("CreateChannelFlow")
        .channel_flow_arn
        .expect("ChannelFlowArn");
    let described = c
        .messaging
        .describe_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("DescribeChannelFlow")
        .channel_flow
        .expect("ChannelFlow");
    assert_eq!(described.name.as_deref(), Some("moderation"));
    assert_eq!(described.processors().len(), 1);
    c.messaging
        .update_channel_flow()
        .channel_flow_arn(&flow)
        .name("moderation 2")
        .processors(processor("second"))
        .send()
        .await
        .expect("UpdateChannelFlow");
    let flows = c
        .messaging
        .list_channel_flows()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("ListChannelFlows");
    assert_eq!(
        flows
            .channel_flows()
            .iter()
            .filter_map(|f| f.name.as_deref())
            .collect::<Vec<_>>(),
        ["moderation 2"]
    );

    let channel = c
        .messaging
        .create_channel()
        .app_instance_arn(&app)
        .name("flowing")
        .chime_bearer(&user)
        .send()
        .await
        .expect("CreateChannel")
        .channel_arn
        .expect("ChannelArn");
    c.messaging
        .associate_channel_flow()
        .channel_arn(&channel)
        .channel_flow_arn(&flow)
        .chime_bearer(&user)
        .send()
        .await
        .expect("AssociateChannelFlow");
    let associated = c
        .messaging
        .list_channels_associated_with_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("ListChannelsAssociatedWithChannelFlow");
    assert_eq!(associated.channels().len(), 1);

    let sent = c
        .messaging
        .send_channel_message()
        .channel_arn(&channel)
        .content("needs review")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(&user)
        .send()
        .await
        .expect("SendChannelMessage");
    let id = sent.message_id.expect("MessageId");
    assert_eq!(
        sent.status
            .and_then(|s| s.value)
            .map(|v| v.as_str().to_owned()),
        Some("PENDING".to_owned())
    );
    // Play the processor: read the event through the control endpoint, then call back.
    let events: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/_conformance/v1/flow-events?channel-arn={}",
            c.server.url,
            percent_encoding::utf8_percent_encode(&channel, percent_encoding::NON_ALPHANUMERIC)
        ))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("flow-events answers")
        .json()
        .await
        .expect("flow-events JSON");
    let callback_id = events["events"][0]["CallbackId"]
        .as_str()
        .expect("a CallbackId")
        .to_owned();
    let callback = c
        .messaging
        .channel_flow_callback()
        .callback_id(&callback_id)
        .channel_arn(&channel)
        .channel_message(
            ChannelMessageCallback::builder()
                .message_id(&id)
                .content("reviewed")
                .build()
                .expect("ChannelMessageCallback"),
        )
        .send()
        .await
        .expect("ChannelFlowCallback");
    assert_eq!(callback.callback_id.as_deref(), Some(callback_id.as_str()));
    let message = c
        .messaging
        .get_channel_message()
        .channel_arn(&channel)
        .message_id(&id)
        .chime_bearer(&user)
        .send()
        .await
        .expect("GetChannelMessage")
        .channel_message
        .expect("ChannelMessage");
    assert_eq!(message.content.as_deref(), Some("reviewed"));

    c.messaging
        .disassociate_channel_flow()
        .channel_arn(&channel)
        .channel_flow_arn(&flow)
        .chime_bearer(&user)
        .send()
        .await
        .expect("DisassociateChannelFlow");
    c.messaging
        .delete_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("DeleteChannelFlow");

    let config = StreamingConfiguration::builder()
        .data_type(MessagingDataType::ChannelMessage)
        .resource_arn("arn:aws:kinesis:us-east-1:123456789012:stream/messages")
        .build()
        .expect("StreamingConfiguration");
    let put = c
        .messaging
        .put_messaging_streaming_configurations()
        .app_instance_arn(&app)
        .streaming_configurations(config)
        .send()
        .await
        .expect("PutMessagingStreamingConfigurations");
    assert_eq!(put.streaming_configurations().len(), 1);
    let got = c
        .messaging
        .get_messaging_streaming_configurations()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("GetMessagingStreamingConfigurations");
    assert_eq!(
        got.streaming_configurations()[0].data_type,
        MessagingDataType::ChannelMessage
    );
    c.messaging
        .delete_messaging_streaming_configurations()
        .app_instance_arn(&app)
        .send()
        .await
        .expect("DeleteMessagingStreamingConfigurations");
    c.server.shutdown().await.expect("shutdown");
}
