//! The steps of the rule matrices (`features/generated/`): any operation called with a valid
//! input made from the model in the scenario's world, then with one thing about it wrong (no
//! bearer, a caller from elsewhere, a channel that does not exist, one member set to a probe).

use super::parameters::{Operation, Pointer, ProbeValue, RememberedName, User};
use crate::harness::world::resources::marked_app_instance;
use crate::harness::world::valid_input::{Resources, names_a_message, valid_input};
use crate::harness::world::{ChimeWorld, obj, str_at, token};
use crate::model::{self, constraints, probe::Probe};
use anyhow::{Context, anyhow, bail};
use cucumber::{given, then, when};
use serde_json::{Map, Value, json};

/// The channel every valid input names, from the generated features' Background.
const CHANNEL: &str = "general";
/// Where a valid input names a message: one the caller sent to the channel first.
const MESSAGE: &str = "matrix-message";

/// A valid input of `operation` in the scenario's world, `also` included; `caller` is the
/// bearer (none for a call without one).
async fn input_for(
    w: &mut ChimeWorld,
    operation: &str,
    caller: Option<&str>,
    also: Option<&str>,
) -> anyhow::Result<Map<String, Value>> {
    let (service, op) = model::find_operation(operation)
        .ok_or_else(|| anyhow!("{operation} is not an operation of either service model"))?;
    let app_instance = w.app_instance().await?;
    let caller_arn = match caller {
        Some(c) => Some(w.user(c).await?),
        None => None,
    };
    let user = w
        .users
        .iter()
        .find(|(name, _)| Some(name.as_str()) != caller)
        .map(|(_, arn)| arn.clone());
    let channel = w.channel(CHANNEL).ok();
    let message = match (&channel, names_a_message(service, op)) {
        (Some(channel), true) => Some(message(w, channel).await?),
        _ => None,
    };
    let r = Resources {
        app_instance,
        caller: caller_arn,
        user,
        channel,
        message,
    };
    Ok(valid_input(service, op, also, &r))
}

/// The message a valid input names, sent once per scenario by the channel's creator.
async fn message(w: &mut ChimeWorld, channel: &str) -> anyhow::Result<String> {
    if let Ok(id) = w.recall(MESSAGE) {
        return Ok(id.to_string());
    }
    let input = obj(json!({
        "ChannelArn": channel,
        "Content": "a message to name",
        "Type": "STANDARD",
        "Persistence": "PERSISTENT",
        "ClientRequestToken": token(),
    }));
    let creator = w
        .creator_of(channel)
        .ok_or_else(|| anyhow!("no creator is known for {channel}"))?;
    let body = w
        .call_ok("SendChannelMessage", input, Some(&creator))
        .await
        .context("sending the message a valid input names")?;
    let id = str_at(&body, "/MessageId")?;
    w.remember(MESSAGE, id.clone());
    Ok(id)
}

#[given(expr = r#"a user "{name}" of another AppInstance"#)]
async fn user_of_another_app_instance(
    w: &mut ChimeWorld,
    name: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let mut input = marked_app_instance(&w.ctx.run_id, w.number());
        input.insert(
            "Name".into(),
            json!(format!(
                "{}-other",
                input["Name"].as_str().unwrap_or("other")
            )),
        );
        let body = w
            .call_ok("CreateAppInstance", input, None)
            .await
            .context("creating another AppInstance")?;
        let app = str_at(&body, "/AppInstanceArn")?;
        w.user_in(&name, &app).await?;
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} calls {operation} with a valid input")]
async fn calls_validly(w: &mut ChimeWorld, user: User, operation: Operation) -> anyhow::Result<()> {
    let r = async {
        let input = input_for(w, &operation, Some(&user), None).await?;
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{operation} is called with a valid input but no bearer")]
async fn called_without_a_bearer(w: &mut ChimeWorld, operation: Operation) -> anyhow::Result<()> {
    let r = async {
        let mut input = input_for(w, &operation, None, None).await?;
        input.remove("ChimeBearer");
        w.call(&operation, input, None).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} calls {operation} on a channel that does not exist")]
async fn calls_on_a_missing_channel(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
) -> anyhow::Result<()> {
    let r = async {
        let mut input = input_for(w, &operation, Some(&user), None).await?;
        let app = w.app_instance().await?;
        input.insert(
            "ChannelArn".into(),
            json!(format!("{app}/channel/no-such-channel")),
        );
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"{user} calls {operation} with "{pointer}" naming a resource that does not exist"#)]
async fn calls_on_a_missing_resource(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    pointer: Pointer,
) -> anyhow::Result<()> {
    let r = async {
        let mut input = Value::Object(input_for(w, &operation, Some(&user), None).await?);
        let arn = input
            .pointer(&pointer)
            .and_then(Value::as_str)
            .with_context(|| format!("{operation}'s valid input has no ARN at {}", &*pointer))?;
        let gone = Probe::Text(format!("{arn}-gone"));
        set(&mut input, &operation, &pointer, &gone)?;
        let Value::Object(input) = input else {
            unreachable!("an object stays one")
        };
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"{user} calls {operation} with "{pointer}" set to {probe}"#)]
async fn calls_with_a_probe(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    pointer: Pointer,
    probe: ProbeValue,
) -> anyhow::Result<()> {
    let r = async {
        let top = pointer
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        let mut input = Value::Object(input_for(w, &operation, Some(&user), Some(top)).await?);
        set(&mut input, &operation, &pointer, &probe.0)?;
        let Value::Object(input) = input else {
            unreachable!("an object stays one")
        };
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

#[when(
    expr = r#"{user} calls {operation} again with the same token and "{pointer}" set to {probe}"#
)]
async fn calls_again_with_a_change(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    pointer: Pointer,
    probe: ProbeValue,
) -> anyhow::Result<()> {
    let r = async {
        let last = w.last()?;
        if last.operation != *operation {
            bail!("the last call was {}, not {}", last.operation, &*operation);
        }
        let mut input = last.input.clone();
        set(&mut input, &operation, &pointer, &probe.0)?;
        let Value::Object(input) = input else {
            bail!("{operation}'s last input is no object")
        };
        w.call_as(&user, &operation, input).await.map(|_| ())
    }
    .await;
    w.verdict(r)
}

/// Sets the member at `pointer` to the probe, made from the member's valid value: a string
/// keeps the member's pattern where it can, so only the property probed changes.
fn set(input: &mut Value, operation: &str, pointer: &str, probe: &Probe) -> anyhow::Result<()> {
    let (service, op) =
        model::find_operation(operation).ok_or_else(|| anyhow!("no operation {operation}"))?;
    let keep = constraints::string_shape(service, op, pointer);
    let current = input.pointer(pointer).cloned().unwrap_or(Value::Null);
    let value = probe
        .value(&current, keep.as_ref())
        .with_context(|| format!("{pointer} of {operation} can't be set to {probe}"))?;
    let (parent, name) = pointer
        .rsplit_once('/')
        .ok_or_else(|| anyhow!("{pointer} is no JSON pointer"))?;
    let Some(Value::Object(obj)) = input.pointer_mut(parent) else {
        bail!("{operation}'s valid input has no {parent} to set {name} in");
    };
    match value {
        Some(v) => obj.insert(name.to_owned(), v),
        None => obj.remove(name),
    };
    Ok(())
}

#[then("the call is not refused as invalid input")]
async fn not_refused_as_invalid(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        match &last.response.error {
            Some(e) if e.shape == "BadRequestException" => {
                bail!("{} was refused as invalid input", last.describe())
            }
            _ => Ok(()),
        }
    })();
    w.verdict(r)
}
