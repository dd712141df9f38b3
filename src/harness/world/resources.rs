//! What a scenario created, the calls that delete it again after the scenario, and the mark
//! every AppInstance the harness creates carries, by which `cleanup` finds what a run that
//! was killed left behind.

use super::values::{obj, token};
use crate::model::Service;
use serde_json::{Map, Value, json};

/// The tag key every AppInstance the harness creates carries; its value is the run's id.
pub const RUN_TAG: &str = "chime-conformance:run";
/// The start of the name of every AppInstance the harness creates.
pub const NAME_PREFIX: &str = "chime-conformance-";

/// The CreateAppInstance input of a scenario's AppInstance: named and tagged after the run.
/// Everything else the scenario creates lives in it and goes when it is deleted.
pub fn marked_app_instance(run_id: &str, scenario_number: usize) -> Map<String, Value> {
    obj(json!({
        "Name": format!("{NAME_PREFIX}{run_id}-{scenario_number}"),
        "ClientRequestToken": token(),
        "Tags": [{"Key": RUN_TAG, "Value": run_id}],
    }))
}

/// The run that made an AppInstance, from its tags (`ListTagsForResource`'s `Tags`): the
/// value of [`RUN_TAG`] when it is a run id (eight lowercase hex digits), else `None`.
pub fn marking_run(tags: &Value) -> Option<String> {
    tags.as_array()?
        .iter()
        .find(|t| t.get("Key").and_then(Value::as_str) == Some(RUN_TAG))
        .and_then(|t| t.get("Value").and_then(Value::as_str))
        .filter(|v| v.len() == 8 && v.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')))
        .map(str::to_string)
}

/// A resource the scenario created, deleted again by the after-hook.
#[derive(Debug, Clone)]
pub enum Created {
    Channel {
        arn: String,
        bearer: String,
    },
    Flow {
        arn: String,
    },
    User {
        arn: String,
    },
    Admin {
        arn: String,
    },
    /// An AppInstance besides the scenario's own (deleted last, with the scenario's).
    AppInstance {
        arn: String,
    },
}

impl Created {
    /// What a successful answer to `operation` created that the scenario must delete, if
    /// anything; a channel keeps the bearer that created it.
    pub fn from_answer(
        service: Service,
        operation: &str,
        body: Option<&Value>,
        bearer: Option<&str>,
    ) -> Option<Created> {
        let field = |name: &str| {
            body.and_then(|b| b.get(name))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match (service, operation) {
            (Service::Messaging, "CreateChannel") => {
                field("ChannelArn").map(|arn| Created::Channel {
                    arn,
                    bearer: bearer.map(str::to_string).unwrap_or_default(),
                })
            }
            (Service::Messaging, "CreateChannelFlow") => {
                field("ChannelFlowArn").map(|arn| Created::Flow { arn })
            }
            (Service::Identity, "CreateAppInstance") => {
                field("AppInstanceArn").map(|arn| Created::AppInstance { arn })
            }
            (Service::Identity, "CreateAppInstanceUser") => {
                field("AppInstanceUserArn").map(|arn| Created::User { arn })
            }
            (Service::Identity, "CreateAppInstanceAdmin") => body
                .and_then(|b| b.pointer("/AppInstanceAdmin/Arn"))
                .and_then(Value::as_str)
                .map(|arn| Created::Admin {
                    arn: arn.to_string(),
                }),
            _ => None,
        }
    }

    /// The operation and input that delete it; none for an admin outside a known AppInstance.
    pub fn deletion(&self, app_instance: Option<&str>) -> Option<(&'static str, Value)> {
        Some(match self {
            Created::Channel { arn, bearer } => (
                "DeleteChannel",
                json!({"ChannelArn": arn, "ChimeBearer": bearer}),
            ),
            Created::Flow { arn } => ("DeleteChannelFlow", json!({"ChannelFlowArn": arn})),
            Created::User { arn } => ("DeleteAppInstanceUser", json!({"AppInstanceUserArn": arn})),
            Created::AppInstance { arn } => ("DeleteAppInstance", json!({"AppInstanceArn": arn})),
            Created::Admin { arn } => (
                "DeleteAppInstanceAdmin",
                json!({"AppInstanceArn": app_instance?, "AppInstanceAdminArn": arn}),
            ),
        })
    }
}

/// The order to delete in: newest first, channels before flows (a flow in use can't be
/// deleted), then admins, then users, then other AppInstances.
pub fn deletion_order(mut created: Vec<Created>) -> Vec<Created> {
    created.reverse();
    created.sort_by_key(|c| match c {
        Created::Channel { .. } => 0,
        Created::Flow { .. } => 1,
        Created::Admin { .. } => 2,
        Created::User { .. } => 3,
        Created::AppInstance { .. } => 4,
    });
    created
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_app_instance_is_recognised_by_its_tag_alone() {
        let input = marked_app_instance("0a1b2c3d", 7);
        assert_eq!(input["Name"], "chime-conformance-0a1b2c3d-7");
        assert_eq!(marking_run(&input["Tags"]).as_deref(), Some("0a1b2c3d"));
        for foreign in [
            json!([]),
            json!([{"Key": "team", "Value": "0a1b2c3d"}]),
            json!([{"Key": RUN_TAG, "Value": "mine"}]),
            json!([{"Key": RUN_TAG, "Value": "0A1B2C3D"}]),
            json!(null),
        ] {
            assert_eq!(marking_run(&foreign), None, "{foreign}");
        }
    }
}
