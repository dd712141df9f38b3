//! A valid input for any operation in a scenario's world: the model's sample input, cut to its
//! required members (and the one a step is about), moved into the scenario's AppInstance.
//!
//! Sample ARNs name resources of a sample AppInstance; here they name the scenario's: its
//! channel, its caller as the bearer, another user wherever a user is named, a message of the
//! channel. Idempotency tokens are fresh, so no two calls share one.

use crate::model::{Operation, Service, sample};
use serde_json::{Map, Value};

/// What a valid input may name.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    pub app_instance: String,
    pub caller: Option<String>,
    /// The user named where an input names a user other than the caller.
    pub user: Option<String>,
    pub channel: Option<String>,
    pub message: Option<String>,
}

/// The input, with the required members and `also` (a top-level member name) from the sample.
pub fn valid_input(
    service: Service,
    op: &Operation,
    also: Option<&str>,
    r: &Resources,
) -> Map<String, Value> {
    let model = service.model();
    let Value::Object(sample) = sample::input(service, op) else {
        return Map::new();
    };
    let Some(st) = model.input_structure(op) else {
        return Map::new();
    };
    let mut out = Map::new();
    for (name, value) in sample {
        let Some(member) = st.members.get(&name) else {
            continue;
        };
        if !(st.is_required(&name) || also == Some(name.as_str()) || name == "ChimeBearer") {
            continue;
        }
        let value = if member.idempotency_token {
            Value::String(crate::harness::world::token())
        } else if name == "ChimeBearer" {
            r.caller.clone().map_or(value, Value::String)
        } else if name == "MessageId" {
            r.message.clone().map_or(value, Value::String)
        } else {
            moved(value, r)
        };
        out.insert(name, value);
    }
    out
}

/// Whether an input of the operation names a message (so the world must send one first).
pub fn names_a_message(service: Service, op: &Operation) -> bool {
    service
        .model()
        .input_structure(op)
        .is_some_and(|st| st.is_required("MessageId"))
}

/// A sample value with every sample ARN moved into the scenario's AppInstance.
fn moved(v: Value, r: &Resources) -> Value {
    match v {
        Value::String(s) => Value::String(moved_arn(&s, r)),
        Value::Array(a) => Value::Array(a.into_iter().map(|e| moved(e, r)).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, e)| (k, moved(e, r))).collect()),
        other => other,
    }
}

fn moved_arn(s: &str, r: &Resources) -> String {
    let Some(rest) = s.strip_prefix(sample::APP_INSTANCE_ARN) else {
        return s.to_owned();
    };
    let named = match rest {
        "/user/sample-user" => r.user.as_ref().or(r.caller.as_ref()),
        "/channel/sample-channel" => r.channel.as_ref(),
        _ => None,
    };
    named
        .cloned()
        .unwrap_or_else(|| format!("{}{rest}", r.app_instance))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resources() -> Resources {
        Resources {
            app_instance: "arn:aws:chime:us-east-1:1:app-instance/a".into(),
            caller: Some("arn:aws:chime:us-east-1:1:app-instance/a/user/alice".into()),
            user: Some("arn:aws:chime:us-east-1:1:app-instance/a/user/bob".into()),
            channel: Some("arn:aws:chime:us-east-1:1:app-instance/a/channel/general".into()),
            message: Some("m-1".into()),
        }
    }

    #[test]
    fn the_input_names_the_scenarios_resources() {
        let (svc, op) = crate::model::find_operation("CreateChannelBan").unwrap();
        let input = valid_input(svc, op, None, &resources());
        let r = resources();
        assert_eq!(input["ChannelArn"], r.channel.unwrap());
        assert_eq!(input["MemberArn"], r.user.unwrap());
        assert_eq!(input["ChimeBearer"], r.caller.unwrap());
        assert_eq!(input.len(), 3);
    }

    #[test]
    fn optional_members_come_only_when_asked_and_tokens_are_fresh() {
        let (svc, op) = crate::model::find_operation("SendChannelMessage").unwrap();
        let a = valid_input(svc, op, None, &resources());
        assert!(!a.contains_key("Metadata"));
        let b = valid_input(svc, op, Some("ClientRequestToken"), &resources());
        let c = valid_input(svc, op, Some("ClientRequestToken"), &resources());
        assert_ne!(b["ClientRequestToken"], c["ClientRequestToken"]);
        let (svc, op) = crate::model::find_operation("GetChannelMessage").unwrap();
        assert!(names_a_message(svc, op));
        assert_eq!(valid_input(svc, op, None, &resources())["MessageId"], "m-1");
        // Another kind of resource stays a sample name, in the scenario's AppInstance.
        let (svc, op) = crate::model::find_operation("DescribeChannelFlow").unwrap();
        let flow = valid_input(svc, op, None, &resources())["ChannelFlowArn"].clone();
        assert_eq!(
            flow,
            "arn:aws:chime:us-east-1:1:app-instance/a/channel-flow/sample-channel-flow"
        );
    }
}
