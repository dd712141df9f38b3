//! Cost of judging a response: a DescribeChannel body and a 50-message ListChannelMessages page,
//! against the cost of merely parsing that page with `serde_json::from_str` in the same run.
//!
//! `cargo bench --bench validate` (plain std::time; no external harness).

use chime_conformance::model::Service;
use chime_conformance::schema::headers::Headers;
use chime_conformance::schema::{ResponseView, validate_response};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ACCOUNT: &str = "123456789012";
const APP: &str =
    "arn:aws:chime:us-east-1:123456789012:app-instance/8f5c3c2e-3b4c-4f8e-9a61-0c2d7e1f9b10";

fn user(n: usize) -> Value {
    json!({
        "Arn": format!("{APP}/user/user-{n:04}"),
        "Name": format!("User number {n}")
    })
}

fn describe_channel() -> Value {
    json!({
        "Channel": {
            "Name": "engineering-announcements",
            "ChannelArn": format!("{APP}/channel/c0ffee00-1234-4abc-8def-000000000001"),
            "Mode": "RESTRICTED",
            "Privacy": "PRIVATE",
            "Metadata": "{\"topic\":\"releases\",\"owner\":\"platform\"}",
            "CreatedBy": user(1),
            "CreatedTimestamp": 1_700_000_000.123,
            "LastMessageTimestamp": 1_700_086_400.5,
            "LastUpdatedTimestamp": 1_700_000_500.25,
            "ChannelFlowArn": format!("{APP}/channel-flow/flow-0001"),
            "ElasticChannelConfiguration": {
                "MaximumSubChannels": 100,
                "TargetMembershipsPerSubChannel": 1000,
                "MinimumMembershipPercentage": 25
            },
            "ExpirationSettings": {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}
        }
    })
}

fn message_page() -> Value {
    let messages: Vec<Value> = (0..50)
        .map(|i| {
            let mut m = json!({
                "MessageId": format!("4f3c9a0e8b7d6c5a4b3c2d1e0f{i:06}"),
                "Content": format!(
                    "Message {i}: the deploy of build #{} finished; see the dashboard for latency \
                     and error rates. Reply here if something looks off. \u{1F680}",
                    4000 + i
                ),
                "ContentType": "text/plain",
                "Metadata": format!("{{\"seq\":{i}}}"),
                "Type": if i % 10 == 0 { "CONTROL" } else { "STANDARD" },
                "CreatedTimestamp": 1_700_000_000.0 + i as f64,
                "LastUpdatedTimestamp": 1_700_000_000.0 + i as f64,
                "Sender": user(i % 7),
                "Redacted": false,
                "Status": {"Value": "SENT"},
                "MessageAttributes": {
                    "priority": {"StringValues": ["high"]},
                    "labels": {"StringValues": ["deploy", "prod"]}
                }
            });
            if i % 5 == 0 {
                m["LastEditedTimestamp"] = json!(1_700_000_100.0 + i as f64);
                m["Target"] = json!([{"MemberArn": format!("{APP}/user/user-0003")}]);
            }
            m
        })
        .collect();
    json!({
        "ChannelArn": format!("{APP}/channel/c0ffee00-1234-4abc-8def-000000000001"),
        "ChannelMessages": messages,
        "NextToken": "eyJvZmZzZXQiOjUwLCJhY2NvdW50IjoiMTIzNDU2Nzg5MDEyIn0=",
    })
}

/// Runs `f` for at least `budget` (after a warm-up) and returns microseconds per call.
fn per_call(budget: Duration, mut f: impl FnMut()) -> f64 {
    for _ in 0..50 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < budget {
        for _ in 0..100 {
            f();
        }
        n += 100;
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn main() {
    let budget = Duration::from_millis(
        std::env::var("BENCH_MILLIS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(2000),
    );
    let channel = describe_channel();
    let page = message_page();
    let page_text = page.to_string();
    assert!(page_text.contains(ACCOUNT));

    let headers = Headers {
        content_type: Some("application/json"),
        request_id: Some("4f2b6c1e-0000-4000-8000-000000000001"),
        has_body: true,
    };
    let describe_view = ResponseView {
        status: 200,
        error_type: None,
        body: Some(&channel),
        headers: Some(headers),
    };
    let page_view = ResponseView {
        status: 200,
        error_type: None,
        body: Some(&page),
        headers: Some(headers),
    };
    // Both must be valid, or the timing would measure error reporting instead.
    let v = validate_response(Service::Messaging, "DescribeChannel", &describe_view);
    assert!(v.is_empty(), "{v:?}");
    let v = validate_response(Service::Messaging, "ListChannelMessages", &page_view);
    assert!(v.is_empty(), "{v:?}");

    let describe_us = per_call(budget, || {
        black_box(validate_response(
            Service::Messaging,
            "DescribeChannel",
            black_box(&describe_view),
        ));
    });
    let page_us = per_call(budget, || {
        black_box(validate_response(
            Service::Messaging,
            "ListChannelMessages",
            black_box(&page_view),
        ));
    });
    let parse_us = per_call(budget, || {
        black_box(serde_json::from_str::<Value>(black_box(&page_text)).ok());
    });

    println!("validate DescribeChannel response:            {describe_us:9.2} us");
    println!(
        "validate ListChannelMessages page (50 msgs):  {page_us:9.2} us  ({} bytes)",
        page_text.len()
    );
    println!("serde_json::from_str of the same page:        {parse_us:9.2} us");
    println!(
        "validation / parse ratio for the page:        {:9.2}",
        page_us / parse_us
    );
}
