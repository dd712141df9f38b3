//! What a scenario created, and the calls that delete it again after the scenario.

use crate::model::Service;
use serde_json::{Value, json};

/// A resource the scenario created, deleted again by the after-hook.
#[derive(Debug, Clone)]
pub enum Created {
    Channel { arn: String, bearer: String },
    Flow { arn: String },
    User { arn: String },
    Admin { arn: String },
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
            Created::Admin { arn } => (
                "DeleteAppInstanceAdmin",
                json!({"AppInstanceArn": app_instance?, "AppInstanceAdminArn": arn}),
            ),
        })
    }
}

/// The order to delete in: newest first, channels before flows (a flow in use can't be
/// deleted), then admins, then users.
pub fn deletion_order(mut created: Vec<Created>) -> Vec<Created> {
    created.reverse();
    created.sort_by_key(|c| match c {
        Created::Channel { .. } => 0,
        Created::Flow { .. } => 1,
        Created::Admin { .. } => 2,
        Created::User { .. } => 3,
    });
    created
}
