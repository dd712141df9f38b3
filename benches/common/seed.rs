//! What the SendChannelMessage benches seed their reference server's domain with: one
//! AppInstance, one user, and a channel she created. Shared by `tail` and `handler`, so both
//! measure requests on the same kind of channel.

use chime_conformance::model::Service;
use chime_conformance::server::domain::Domain;
use serde_json::{Value, json};

/// The sender's ARN and her channel's.
pub struct Seeded {
    pub user: String,
    pub channel: String,
}

pub fn one_user_one_channel(domain: &Domain) -> Result<Seeded, String> {
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
    let channel = call(
        domain,
        Service::Messaging,
        "CreateChannel",
        json!({"AppInstanceArn": app, "Name": "bench", "ChimeBearer": user,
               "ClientRequestToken": "bench-channel"}),
        "ChannelArn",
    )?;
    Ok(Seeded { user, channel })
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
