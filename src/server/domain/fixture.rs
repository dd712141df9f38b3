//! The domain's unit-test fixture: calls without HTTP, an AppInstance with users, and helpers
//! for channels, messages and channel flows. Test modules of every domain file share it.

use super::error::ApiError;
use super::instances::Domain;
use crate::model;
use serde_json::{Value, json};
use std::sync::Arc;

pub const T0: f64 = 1_700_000_000.0;

pub fn call(d: &Domain, op: &str, input: Value) -> Result<Value, ApiError> {
    let (svc, _) = model::find_operation(op).expect("operation exists in the model");
    let map = input.as_object().cloned().unwrap_or_default();
    d.handle(svc, op, &map)
}

pub fn ok(d: &Domain, op: &str, input: Value) -> Value {
    match call(d, op, input.clone()) {
        Ok(v) => v,
        Err(e) => panic!("{op} {input} failed: {e}"),
    }
}

pub fn err(d: &Domain, op: &str, input: Value) -> ApiError {
    match call(d, op, input.clone()) {
        Ok(v) => panic!("{op} {input} succeeded with {v}, an error was expected"),
        Err(e) => e,
    }
}

/// An AppInstance with users alice, bob, carol, dave and an AppInstanceAdmin `admin`.
pub struct Fx {
    pub d: Arc<Domain>,
    pub inst: String,
}

impl Fx {
    pub fn new() -> Fx {
        Self::with(Domain::with_clock(Arc::new(|| T0)))
    }
    pub fn with(d: Domain) -> Fx {
        let d = Arc::new(d);
        let inst = ok(
            &d,
            "CreateAppInstance",
            json!({"Name": "test", "ClientRequestToken": "tok-inst"}),
        )["AppInstanceArn"]
            .as_str()
            .unwrap()
            .to_owned();
        for u in ["alice", "bob", "carol", "dave", "admin"] {
            ok(
                &d,
                "CreateAppInstanceUser",
                json!({"AppInstanceArn": inst, "AppInstanceUserId": u, "Name": u,
                       "ClientRequestToken": format!("tok-{u}")}),
            );
        }
        let fx = Fx { d, inst };
        ok(
            &fx.d,
            "CreateAppInstanceAdmin",
            json!({"AppInstanceArn": fx.inst, "AppInstanceAdminArn": fx.user("admin")}),
        );
        fx
    }
    pub fn user(&self, u: &str) -> String {
        format!("{}/user/{u}", self.inst)
    }
    pub fn ok(&self, op: &str, input: Value) -> Value {
        ok(&self.d, op, input)
    }
    /// A new user who expires `days` after its creation.
    pub fn expiring_user(&self, id: &str, days: u64) -> String {
        self.ok(
            "CreateAppInstanceUser",
            json!({"AppInstanceArn": self.inst, "AppInstanceUserId": id, "Name": id,
                   "ClientRequestToken": id,
                   "ExpirationSettings": expire(days, "CREATED_TIMESTAMP")}),
        );
        self.user(id)
    }
    pub fn err(&self, op: &str, input: Value) -> ApiError {
        err(&self.d, op, input)
    }
    /// A channel created by `creator` with extra members given.
    pub fn channel(&self, creator: &str, extra: Value) -> String {
        let mut input = json!({"AppInstanceArn": self.inst, "Name": "room",
            "ChimeBearer": self.user(creator), "ClientRequestToken": uuid::Uuid::new_v4().to_string()});
        if let (Some(o), Some(e)) = (input.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        self.ok("CreateChannel", input)["ChannelArn"]
            .as_str()
            .unwrap()
            .to_owned()
    }
    pub fn join(&self, ch: &str, by: &str, who: &str) {
        self.ok(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": self.user(by), "MemberArn": self.user(who), "Type": "DEFAULT"}),
        );
    }
    pub fn send(&self, ch: &str, who: &str, content: &str) -> Value {
        self.ok(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": self.user(who), "Content": content,
                   "Type": "STANDARD", "Persistence": "PERSISTENT",
                   "ClientRequestToken": uuid::Uuid::new_v4().to_string()}),
        )
    }
    pub fn list(&self, ch: &str, who: &str, extra: Value) -> Value {
        let mut input = json!({"ChannelArn": ch, "ChimeBearer": self.user(who)});
        if let (Some(o), Some(e)) = (input.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        self.ok("ListChannelMessages", input)
    }
    pub fn contents(&self, ch: &str, who: &str, extra: Value) -> Vec<String> {
        self.list(ch, who, extra)["ChannelMessages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Content"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// Expiration settings of `days` by `criterion`.
pub fn expire(days: u64, criterion: &str) -> Value {
    json!({"ExpirationDays": days, "ExpirationCriterion": criterion})
}

/// The processor every fixture flow names.
pub const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:proc";

/// A channel flow of one processor that falls back to `fallback`.
pub fn flow(fx: &Fx, fallback: &str) -> String {
    fx.ok(
        "CreateChannelFlow",
        json!({"AppInstanceArn": fx.inst, "Name": "f", "ClientRequestToken": uuid::Uuid::new_v4().to_string(),
               "Processors": [{"Name": "p", "ExecutionOrder": 1, "FallbackAction": fallback,
                               "Configuration": {"Lambda": {"ResourceArn": LAMBDA, "InvocationType": "ASYNC"}}}]}),
    )["ChannelFlowArn"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A channel of alice's with member bob, associated with a new flow: (flow, channel).
pub fn flowed_channel(fx: &Fx, fallback: &str) -> (String, String) {
    let f = flow(fx, fallback);
    let ch = fx.channel("alice", json!({}));
    fx.join(&ch, "alice", "bob");
    fx.ok(
        "AssociateChannelFlow",
        json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
    );
    (f, ch)
}

/// Answers the latest processor event of the message named in `message`.
pub fn callback(fx: &Fx, ch: &str, message: Value, delete: bool) -> Result<Value, ApiError> {
    let events = fx.d.flow_events(ch).unwrap();
    let event = events
        .iter()
        .rev()
        .find(|e| e["ChannelMessage"]["MessageId"] == message["MessageId"])
        .expect("an event for the message");
    call(
        &fx.d,
        "ChannelFlowCallback",
        json!({"ChannelArn": ch, "CallbackId": event["CallbackId"],
               "ChannelMessage": message, "DeleteResource": delete}),
    )
}
