//! Real resources on a reference server, made over HTTP from the model's bindings, for tests
//! that send requests naming them wrongly: an AppInstance with a user, a bot, a channel and a
//! channel flow.

use chime_conformance::model::{self, Service, sample};
use chime_conformance::wire::build_request;
use serde_json::{Map, Value, json};
use std::time::Duration;

/// One answer: status, `x-amzn-ErrorType`, whether `x-amzn-RequestId` was there, the body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub error_type: Option<String>,
    pub has_request_id: bool,
    pub body: Value,
}

/// The ARNs of the resources made.
#[derive(Debug, Clone)]
pub struct Resources {
    pub app: String,
    pub user: String,
    pub bot: String,
    pub channel: String,
    pub flow: String,
}

/// The required members of an operation's input, with the model's sample values.
pub fn required_input(service: Service, operation: &str) -> Map<String, Value> {
    let model = service.model();
    let op = model.operation(operation).expect("the operation exists");
    let Value::Object(mut all) = sample::input(service, op) else {
        return Map::new();
    };
    let required = model
        .input_structure(op)
        .map(|s| s.required.clone())
        .unwrap_or_default();
    all.retain(|name, _| required.contains(name));
    all
}

/// A server to call, and one HTTP client for all the calls.
pub struct Target {
    pub url: String,
    client: reqwest::Client,
}

impl Target {
    pub fn new(url: &str) -> Target {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        Target {
            url: url.to_owned(),
            client,
        }
    }

    /// Calls `operation` with `input`, as the model binds it (unsigned: a loopback server
    /// needs no credentials).
    pub async fn call(&self, operation: &str, input: &Map<String, Value>) -> Answer {
        call(self, operation, input).await
    }
}

async fn call(target: &Target, operation: &str, input: &Map<String, Value>) -> Answer {
    let (service, _) = model::find_operation(operation).expect("the operation exists");
    let op = service.model().operation(operation).expect("the operation");
    let request = build_request(service, op, &Value::Object(input.clone())).expect("builds");
    let mut req = target.client.request(
        request.method().clone(),
        format!("{}{}", target.url, request.uri()),
    );
    for (name, value) in request.headers() {
        req = req.header(name, value);
    }
    let answer = req
        .body(request.body().clone())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{operation}: no answer: {e}"));
    let status = answer.status().as_u16();
    let error_type = answer
        .headers()
        .get("x-amzn-ErrorType")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let has_request_id = answer.headers().contains_key("x-amzn-RequestId");
    let text = answer.text().await.unwrap_or_default();
    Answer {
        status,
        error_type,
        has_request_id,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// Calls `operation` with its required members (sample values) overridden by `given`, and
/// expects success; returns the answer's body.
async fn made(target: &Target, service: Service, operation: &str, given: Value) -> Value {
    let mut input = required_input(service, operation);
    input.extend(given.as_object().cloned().unwrap_or_default());
    let answer = target.call(operation, &input).await;
    assert!(
        (200..300).contains(&answer.status),
        "{operation} {input:?}: {answer:?}"
    );
    answer.body
}

fn text(body: &Value, member: &str) -> String {
    body[member]
        .as_str()
        .unwrap_or_else(|| panic!("{member} in {body}"))
        .to_owned()
}

impl Resources {
    /// Makes the resources on the target.
    pub async fn create(url: &Target) -> Resources {
        let (id, msg) = (Service::Identity, Service::Messaging);
        let app = text(
            &made(url, id, "CreateAppInstance", json!({"Name": "abused"})).await,
            "AppInstanceArn",
        );
        let user = text(
            &made(
                url,
                id,
                "CreateAppInstanceUser",
                json!({"AppInstanceArn": app, "AppInstanceUserId": "alice", "Name": "alice"}),
            )
            .await,
            "AppInstanceUserArn",
        );
        let bot = text(
            &made(
                url,
                id,
                "CreateAppInstanceBot",
                json!({"AppInstanceArn": app}),
            )
            .await,
            "AppInstanceBotArn",
        );
        let channel = text(
            &made(
                url,
                msg,
                "CreateChannel",
                json!({"AppInstanceArn": app, "Name": "general", "ChimeBearer": user}),
            )
            .await,
            "ChannelArn",
        );
        let flow = text(
            &made(
                url,
                msg,
                "CreateChannelFlow",
                json!({"AppInstanceArn": app}),
            )
            .await,
            "ChannelFlowArn",
        );
        Resources {
            app,
            user,
            bot,
            channel,
            flow,
        }
    }

    /// The real ARN an input member (`ChannelArn`) or URI label (`channelArn`) of this name
    /// holds, if it holds the ARN of a Chime SDK resource.
    pub fn arn_for(&self, name: &str) -> Option<&str> {
        let mut pascal = name.to_owned();
        if let Some(first) = pascal.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        Some(match pascal.as_str() {
            "AppInstanceArn" => &self.app,
            "ChannelArn" | "ResourceARN" => &self.channel,
            "ChannelFlowArn" => &self.flow,
            "AppInstanceBotArn" => &self.bot,
            "AppInstanceUserArn"
            | "ChimeBearer"
            | "MemberArn"
            | "AppInstanceAdminArn"
            | "ChannelModeratorArn" => &self.user,
            _ => return None,
        })
    }
}
