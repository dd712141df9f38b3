//! What the server benches seed their reference server's domain with: one AppInstance, one
//! user, and channels she created. Shared by `server`, `tail` and `handler`, so they measure
//! requests on the same kind of channel.

use chime_conformance::model::Service;
use chime_conformance::server::domain::Domain;
use serde_json::{Value, json};

/// An AppInstance, a user in it and `channels` channels the user created: (user, channels).
pub fn user_and_channels(
    domain: &Domain,
    channels: usize,
) -> Result<(String, Vec<String>), String> {
    let app = call(
        domain,
        Service::Identity,
        "CreateAppInstance",
        json!({"Name": "bench", "ClientRequestToken": "bench-app"}),
        "AppInstanceArn",
    )?;
    let user = call(
        domain,
        Service::Identity,
        "CreateAppInstanceUser",
        json!({"AppInstanceArn": app, "AppInstanceUserId": "bench-user", "Name": "bench user",
               "ClientRequestToken": "bench-user"}),
        "AppInstanceUserArn",
    )?;
    let channels = (0..channels)
        .map(|i| {
            call(
                domain,
                Service::Messaging,
                "CreateChannel",
                json!({"AppInstanceArn": app, "Name": format!("bench-{i}"), "ChimeBearer": user,
                       "ClientRequestToken": format!("bench-channel-{i}")}),
                "ChannelArn",
            )
        })
        .collect::<Result<_, _>>()?;
    Ok((user, channels))
}

/// Runs `op` and reads the ARN member `member` of its answer.
fn call(
    domain: &Domain,
    service: Service,
    op: &str,
    input: Value,
    member: &str,
) -> Result<String, String> {
    let Value::Object(input) = input else {
        return Err(format!("{op}: the input is not an object"));
    };
    let out = domain
        .handle(service, op, &input)
        .map_err(|e| format!("seeding {op}: {e}"))?;
    out[member]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{op} answered no {member}"))
}
