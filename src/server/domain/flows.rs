//! Channel flows as resources: creating, describing, updating, listing and deleting them, and
//! associating them with channels (B-FLOW-01).

use super::access::{deny, target};
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::ids::{Kind, child_arn, new_id};
use super::output::compact;
use super::paging::{page, with_token};
use super::records::Flow;
use super::tags::read_tags;
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateChannelFlow", create_flow);
    t.insert("DescribeChannelFlow", describe_flow);
    t.insert("UpdateChannelFlow", update_flow);
    t.insert("ListChannelFlows", list_flows);
    t.insert("DeleteChannelFlow", delete_flow);
    t.insert("AssociateChannelFlow", associate_flow);
    t.insert("DisassociateChannelFlow", disassociate_flow);
    t.insert("ListChannelsAssociatedWithChannelFlow", list_flow_channels);
}

fn flow_value(f: &Flow, full: bool) -> Value {
    let mut v = json!({"ChannelFlowArn": f.arn, "Name": f.name, "Processors": f.processors});
    if full && let Some(o) = v.as_object_mut() {
        o.insert("CreatedTimestamp".into(), json!(f.created));
        o.insert("LastUpdatedTimestamp".into(), json!(f.updated));
    }
    v
}

fn create_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    if cx.args.str("AppInstanceArn")? != cx.st.arn {
        return Err(ApiError::bad_request("AppInstanceArn does not match"));
    }
    let arn = child_arn(&cx.st.arn, Kind::ChannelFlow, &new_id());
    let tags = read_tags(cx.args.opt_value("Tags"))?;
    let f = Flow {
        arn: arn.clone(),
        name: cx.args.str("Name")?.to_owned(),
        processors: cx.args.value("Processors")?.clone(),
        created: cx.now,
        updated: cx.now,
        channels: BTreeSet::new(),
    };
    cx.st.flows.insert(arn.clone(), f);
    if !tags.is_empty() {
        cx.st.tags.insert(arn.clone(), tags);
    }
    Ok(json!({ "ChannelFlowArn": arn }))
}

fn describe_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let f = cx.st.flow_mut(cx.args.str("ChannelFlowArn")?)?;
    Ok(json!({"ChannelFlow": flow_value(f, true)}))
}

fn update_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = cx.args.str("Name")?.to_owned();
    let processors = cx.args.value("Processors")?.clone();
    let f = cx.st.flow_mut(cx.args.str("ChannelFlowArn")?)?;
    f.name = name;
    f.processors = processors;
    f.updated = now;
    Ok(json!({ "ChannelFlowArn": f.arn }))
}

fn list_flows(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (items, next) = page(&cx.st.flows, &cx.args, "fl", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, f)| flow_value(f, false))
        .collect();
    Ok(with_token(json!({ "ChannelFlows": items }), next))
}

fn delete_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ChannelFlowArn")?.to_owned();
    let f = cx.st.flow_mut(&arn)?;
    // B-FLOW-01: a flow can be deleted only when no channel uses it.
    if !f.channels.is_empty() && !cx.d.fault(Fault::FlowDeletableInUse) {
        return Err(ApiError::conflict(format!(
            "channel flow {arn} is associated with {} channel(s)",
            f.channels.len()
        )));
    }
    cx.st.flows.remove(&arn);
    cx.st.tags.remove(&arn);
    Ok(json!({}))
}

fn associate_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("associate a channel flow"));
    }
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    cx.st.flow_mut(&flow)?;
    let ch = cx.st.channel_mut(&arn)?;
    match &ch.flow {
        Some(f) if *f == flow => return Ok(json!({})),
        Some(f) => {
            return Err(ApiError::conflict(format!(
                "the channel already uses channel flow {f}"
            )));
        }
        None => ch.flow = Some(flow.clone()),
    }
    cx.st.flow_mut(&flow)?.channels.insert(arn);
    Ok(json!({}))
}

fn disassociate_flow(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    if !r.manager() {
        return Err(deny("disassociate a channel flow"));
    }
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    let ch = cx.st.channel_mut(&arn)?;
    if ch.flow.as_deref() != Some(flow.as_str()) {
        return Err(ApiError::not_found(format!(
            "the channel is not associated with {flow}"
        )));
    }
    ch.flow = None;
    if let Ok(f) = cx.st.flow_mut(&flow) {
        f.channels.remove(&arn);
    }
    Ok(json!({}))
}

fn list_flow_channels(cx: &mut Ctx) -> Result<Value, ApiError> {
    let flow = cx.args.str("ChannelFlowArn")?.to_owned();
    cx.st.flow_mut(&flow)?;
    let (items, next) = page(&cx.st.channels, &cx.args, "fc", |ch| {
        ch.flow.as_deref() == Some(flow.as_str())
    })?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, ch)| {
            compact(json!({
                "ChannelArn": ch.arn, "Name": ch.name, "Metadata": ch.metadata,
                "Mode": ch.mode, "Privacy": ch.privacy,
            }))
        })
        .collect();
    Ok(with_token(json!({ "Channels": items }), next))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, flow};
    use serde_json::json;

    #[test]
    fn b_flow_01_crud_association_and_delete_refused_while_used() {
        let fx = Fx::new();
        let f = flow(&fx, "CONTINUE");
        // A flow lives under its AppInstance, as the IAM resource type channel-flow does.
        assert!(f.starts_with(&format!("{}/channel-flow/", fx.inst)), "{f}");
        let d = fx.ok("DescribeChannelFlow", json!({"ChannelFlowArn": f}));
        assert_eq!(
            d["ChannelFlow"]["Processors"][0]["FallbackAction"],
            "CONTINUE"
        );
        fx.ok(
            "UpdateChannelFlow",
            json!({"ChannelFlowArn": f, "Name": "g", "Processors": d["ChannelFlow"]["Processors"]}),
        );
        let l = fx.ok("ListChannelFlows", json!({"AppInstanceArn": fx.inst}));
        assert_eq!(l["ChannelFlows"][0]["Name"], "g");
        let ch = fx.channel("alice", json!({}));
        fx.join(&ch, "alice", "bob");
        let assoc = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "ChannelFlowArn": f});
        assert_eq!(
            fx.err("AssociateChannelFlow", assoc).shape,
            "ForbiddenException"
        );
        fx.ok(
            "AssociateChannelFlow",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
        );
        let other = flow(&fx, "ABORT");
        let e = fx.err(
            "AssociateChannelFlow",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": other}),
        );
        assert_eq!(e.shape, "ConflictException");
        let l = fx.ok(
            "ListChannelsAssociatedWithChannelFlow",
            json!({"ChannelFlowArn": f}),
        );
        assert_eq!(l["Channels"][0]["ChannelArn"], ch);
        assert_eq!(
            fx.err("DeleteChannelFlow", json!({"ChannelFlowArn": f}))
                .shape,
            "ConflictException"
        );
        fx.ok(
            "DisassociateChannelFlow",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ChannelFlowArn": f}),
        );
        fx.ok("DeleteChannelFlow", json!({"ChannelFlowArn": f}));
        let e = fx.err("DescribeChannelFlow", json!({"ChannelFlowArn": f}));
        assert_eq!(e.shape, "NotFoundException");
    }
}
