//! The wire client builds the same requests as the official AWS SDK for Rust: both send the same
//! input to a recording server, and method, path, query, bound headers and body must agree.

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use chime_conformance::model;
use chime_conformance::wire::build_request;
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Seen = Arc<Mutex<Vec<(Method, Uri, HeaderMap, Bytes)>>>;

const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u";
const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a";

async fn recorder() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let record = record.clone();
            async move {
                record.lock().unwrap().push((method, uri, headers, body));
                ([("content-type", "application/json")], "{}")
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

fn creds() -> messaging::config::Credentials {
    messaging::config::Credentials::new("AKID", "secret", None, None, "test")
}

fn messaging_client(url: &str) -> messaging::Client {
    let conf = messaging::Config::builder()
        .behavior_version(messaging::config::BehaviorVersion::latest())
        .region(messaging::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(creds())
        .retry_config(messaging::config::retry::RetryConfig::disabled())
        .build();
    messaging::Client::from_conf(conf)
}

fn identity_client(url: &str) -> identity::Client {
    let conf = identity::Config::builder()
        .behavior_version(identity::config::BehaviorVersion::latest())
        .region(identity::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(identity::config::Credentials::new(
            "AKID", "secret", None, None, "test",
        ))
        .retry_config(identity::config::retry::RetryConfig::disabled())
        .build();
    identity::Client::from_conf(conf)
}

fn decoded_query(q: Option<&str>) -> Vec<(String, String)> {
    let d = |s: &str| percent_decode_str(s).decode_utf8().unwrap().into_owned();
    let mut pairs: Vec<_> = q
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (d(k), d(v))
        })
        .collect();
    pairs.sort();
    pairs
}

fn json_or_none(body: &[u8]) -> Option<Value> {
    (!body.is_empty()).then(|| serde_json::from_slice(body).expect("JSON body"))
}

/// Sends the SDK call, then compares what arrived with our request for the same input.
async fn compare<F: Future>(seen: &Seen, sdk_call: F, op: &str, input: Value) {
    // The SDK's own answer handling is not under test; only what it sent.
    let _ = tokio::time::timeout(Duration::from_secs(10), sdk_call)
        .await
        .expect("the SDK call finishes");
    let (method, uri, headers, body) = seen.lock().unwrap().pop().expect("the SDK sent a request");
    let (svc, operation) = model::find_operation(op).unwrap();
    let ours = build_request(svc, operation, &input).unwrap_or_else(|e| panic!("{op}: {e}"));

    assert_eq!(ours.method(), method, "{op}: method");
    assert_eq!(ours.uri().path(), uri.path(), "{op}: path");
    assert_eq!(
        decoded_query(ours.uri().query()),
        decoded_query(uri.query()),
        "{op}: query"
    );
    assert_eq!(json_or_none(ours.body()), json_or_none(&body), "{op}: body");
    for (name, value) in ours.headers() {
        assert_eq!(headers.get(name), Some(value), "{op}: header {name}");
    }
    for bound in ["x-amz-chime-bearer", "content-type"] {
        assert_eq!(
            ours.headers().get(bound),
            headers.get(bound),
            "{op}: header {bound}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messaging_requests_match_the_sdk() {
    let (url, seen) = recorder().await;
    let c = messaging_client(&url);
    use messaging::primitives::DateTime;
    use messaging::types::*;

    compare(
        &seen,
        c.list_channel_messages()
            .channel_arn(CHANNEL)
            .chime_bearer(USER)
            .not_before(DateTime::from_secs(1_700_000_000))
            .not_after(DateTime::from_millis(1_700_000_000_500))
            .max_results(5)
            .sort_order(SortOrder::Ascending)
            .next_token("a b/c+d")
            .send(),
        "ListChannelMessages",
        json!({
            "ChannelArn": CHANNEL, "ChimeBearer": USER, "NotBefore": 1_700_000_000,
            "NotAfter": 1_700_000_000.5, "MaxResults": 5, "SortOrder": "ASCENDING",
            "NextToken": "a b/c+d"
        }),
    )
    .await;

    let attrs = MessageAttributeValue::builder()
        .string_values("blue")
        .build();
    compare(
        &seen,
        c.send_channel_message()
            .channel_arn(CHANNEL)
            .chime_bearer(USER)
            .content("hello")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .client_request_token("tok-1")
            .message_attributes("colour", attrs)
            .content_type("text/plain")
            .send(),
        "SendChannelMessage",
        json!({
            "ChannelArn": CHANNEL, "ChimeBearer": USER, "Content": "hello", "Type": "STANDARD",
            "Persistence": "PERSISTENT", "ClientRequestToken": "tok-1",
            "MessageAttributes": {"colour": {"StringValues": ["blue"]}},
            "ContentType": "text/plain"
        }),
    )
    .await;

    compare(
        &seen,
        c.describe_channel_membership_for_app_instance_user()
            .channel_arn(CHANNEL)
            .app_instance_user_arn(USER)
            .chime_bearer(USER)
            .send(),
        "DescribeChannelMembershipForAppInstanceUser",
        json!({"ChannelArn": CHANNEL, "AppInstanceUserArn": USER, "ChimeBearer": USER}),
    )
    .await;

    // A POST whose only body member is optional and unset: the SDK still sends `{}`.
    compare(
        &seen,
        c.redact_channel_message()
            .channel_arn(CHANNEL)
            .message_id("m-1")
            .chime_bearer(USER)
            .send(),
        "RedactChannelMessage",
        json!({"ChannelArn": CHANNEL, "MessageId": "m-1", "ChimeBearer": USER}),
    )
    .await;

    compare(
        &seen,
        c.delete_channel()
            .channel_arn(CHANNEL)
            .chime_bearer(USER)
            .send(),
        "DeleteChannel",
        json!({"ChannelArn": CHANNEL, "ChimeBearer": USER}),
    )
    .await;

    compare(
        &seen,
        c.create_channel()
            .app_instance_arn(APP)
            .name("general")
            .mode(ChannelMode::Restricted)
            .privacy(ChannelPrivacy::Private)
            .client_request_token("tok-2")
            .chime_bearer(USER)
            .member_arns(USER)
            .tags(Tag::builder().key("k").value("v").build().unwrap())
            .expiration_settings(
                ExpirationSettings::builder()
                    .expiration_days(3)
                    .expiration_criterion(ExpirationCriterion::LastMessageTimestamp)
                    .build()
                    .unwrap(),
            )
            .send(),
        "CreateChannel",
        json!({
            "AppInstanceArn": APP, "Name": "general", "Mode": "RESTRICTED", "Privacy": "PRIVATE",
            "ClientRequestToken": "tok-2", "ChimeBearer": USER, "MemberArns": [USER],
            "Tags": [{"Key": "k", "Value": "v"}],
            "ExpirationSettings": {"ExpirationDays": 3, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}
        }),
    )
    .await;

    compare(
        &seen,
        c.search_channels()
            .chime_bearer(USER)
            .max_results(10)
            .fields(
                SearchField::builder()
                    .key(SearchFieldKey::Members)
                    .values(USER)
                    .operator(SearchFieldOperator::Includes)
                    .build()
                    .unwrap(),
            )
            .send(),
        "SearchChannels",
        json!({
            "ChimeBearer": USER, "MaxResults": 10,
            "Fields": [{"Key": "MEMBERS", "Values": [USER], "Operator": "INCLUDES"}]
        }),
    )
    .await;

    compare(
        &seen,
        c.tag_resource()
            .resource_arn(CHANNEL)
            .tags(Tag::builder().key("k").value("v").build().unwrap())
            .send(),
        "TagResource",
        json!({"ResourceARN": CHANNEL, "Tags": [{"Key": "k", "Value": "v"}]}),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identity_requests_match_the_sdk() {
    let (url, seen) = recorder().await;
    let c = identity_client(&url);
    use identity::types::*;

    compare(
        &seen,
        c.list_app_instance_users()
            .app_instance_arn(APP)
            .max_results(7)
            .next_token("n/1")
            .send(),
        "ListAppInstanceUsers",
        json!({"AppInstanceArn": APP, "MaxResults": 7, "NextToken": "n/1"}),
    )
    .await;

    compare(
        &seen,
        c.create_app_instance_user()
            .app_instance_arn(APP)
            .app_instance_user_id("user-1")
            .name("User One")
            .client_request_token("tok-3")
            .expiration_settings(
                ExpirationSettings::builder()
                    .expiration_days(2)
                    .expiration_criterion(ExpirationCriterion::CreatedTimestamp)
                    .build()
                    .unwrap(),
            )
            .send(),
        "CreateAppInstanceUser",
        json!({
            "AppInstanceArn": APP, "AppInstanceUserId": "user-1", "Name": "User One",
            "ClientRequestToken": "tok-3",
            "ExpirationSettings": {"ExpirationDays": 2, "ExpirationCriterion": "CREATED_TIMESTAMP"}
        }),
    )
    .await;

    compare(
        &seen,
        c.untag_resource().resource_arn(APP).tag_keys("k").send(),
        "identity:UntagResource",
        json!({"ResourceARN": APP, "TagKeys": ["k"]}),
    )
    .await;

    compare(
        &seen,
        c.delete_app_instance_user()
            .app_instance_user_arn(USER)
            .send(),
        "DeleteAppInstanceUser",
        json!({"AppInstanceUserArn": USER}),
    )
    .await;
}
