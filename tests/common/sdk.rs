//! The official SDK clients pointed at a local endpoint: test credentials, bounded timeouts and
//! no retries, so a test judges the first answer the server gives.

#![allow(dead_code)]

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use std::time::Duration;

/// The messaging and identity clients for the endpoint at `url`.
pub fn clients(url: &str) -> (messaging::Client, identity::Client) {
    build(url, None, Duration::from_secs(10), Duration::from_secs(5))
}

/// The same clients over `http` (one that trusts a test's certificate, say), each call and
/// each connect bounded by `wait`.
pub fn clients_over(
    url: &str,
    http: messaging::config::SharedHttpClient,
    wait: Duration,
) -> (messaging::Client, identity::Client) {
    build(url, Some(http), wait, wait)
}

fn build(
    url: &str,
    http: Option<messaging::config::SharedHttpClient>,
    operation: Duration,
    connect: Duration,
) -> (messaging::Client, identity::Client) {
    let credentials = messaging::config::Credentials::new("AKIDTEST", "secret", None, None, "test");
    let timeout = messaging::config::timeout::TimeoutConfig::builder()
        .operation_timeout(operation)
        .connect_timeout(connect)
        .build();
    let mut m = messaging::Config::builder()
        .behavior_version(messaging::config::BehaviorVersion::latest())
        .region(messaging::config::Region::new("us-east-1"))
        .credentials_provider(credentials.clone())
        .endpoint_url(url)
        .timeout_config(timeout.clone())
        .retry_config(messaging::config::retry::RetryConfig::disabled());
    m.set_http_client(http.clone());
    let mut i = identity::Config::builder()
        .behavior_version(identity::config::BehaviorVersion::latest())
        .region(identity::config::Region::new("us-east-1"))
        .credentials_provider(credentials)
        .endpoint_url(url)
        .timeout_config(timeout)
        .retry_config(identity::config::retry::RetryConfig::disabled());
    i.set_http_client(http);
    let messaging = messaging::Client::from_conf(m.build());
    let identity = identity::Client::from_conf(i.build());
    (messaging, identity)
}
