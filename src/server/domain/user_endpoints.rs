//! The push-notification endpoints of an AppInstanceUser.

use super::context::{Ctx, Handler};
use super::enums::{AllowMessages, EndpointType};
use super::error::ApiError;
use super::ids::new_id;
use super::output::compact;
use super::paging::{page, with_token};
use super::records::Endpoint;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("RegisterAppInstanceUserEndpoint", register_endpoint);
    t.insert("DescribeAppInstanceUserEndpoint", describe_endpoint);
    t.insert("ListAppInstanceUserEndpoints", list_endpoints);
    t.insert("UpdateAppInstanceUserEndpoint", update_endpoint);
    t.insert("DeregisterAppInstanceUserEndpoint", deregister_endpoint);
}

fn endpoint_value(user_arn: &str, e: &Endpoint, full: bool) -> Value {
    let mut v = json!({
        "AppInstanceUserArn": user_arn, "EndpointId": e.id, "Name": e.name, "Type": e.kind,
        "AllowMessages": e.allow_messages, "EndpointState": {"Status": "ACTIVE"},
    });
    if full && let Some(obj) = v.as_object_mut() {
        obj.insert("ResourceArn".into(), json!(e.resource_arn));
        obj.insert("EndpointAttributes".into(), e.attributes.clone());
        obj.insert("CreatedTimestamp".into(), json!(e.created));
        obj.insert("LastUpdatedTimestamp".into(), json!(e.updated));
    }
    compact(v)
}

fn register_endpoint(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let e = Endpoint {
        id: new_id(),
        name: cx.args.opt_str("Name").map(str::to_owned),
        kind: cx.args.enum_member::<EndpointType>("Type")?,
        resource_arn: cx.args.str("ResourceArn")?.to_owned(),
        attributes: cx.args.value("EndpointAttributes")?.clone(),
        allow_messages: cx
            .args
            .opt_enum_member("AllowMessages")?
            .unwrap_or(AllowMessages::All),
        created: now,
        updated: now,
    };
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    let id = e.id.clone();
    u.endpoints.insert(id.clone(), e);
    Ok(json!({"AppInstanceUserArn": u.arn, "EndpointId": id}))
}

fn endpoint<'s>(cx: &'s mut Ctx) -> Result<(String, &'s mut Endpoint), ApiError> {
    let id = cx.args.str("EndpointId")?;
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    let arn = u.arn.clone();
    let e = u
        .endpoints
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found(format!("endpoint {id} does not exist")))?;
    Ok((arn, e))
}

fn describe_endpoint(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, e) = endpoint(cx)?;
    Ok(json!({"AppInstanceUserEndpoint": endpoint_value(&arn, e, true)}))
}

fn list_endpoints(cx: &mut Ctx) -> Result<Value, ApiError> {
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    let (items, next) = page(&u.endpoints, &cx.args, "ep", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, e)| endpoint_value(&u.arn, e, false))
        .collect();
    Ok(with_token(json!({"AppInstanceUserEndpoints": items}), next))
}

fn update_endpoint(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = cx.args.opt_str("Name").map(str::to_owned);
    let allow = cx.args.opt_enum_member::<AllowMessages>("AllowMessages")?;
    let (arn, e) = endpoint(cx)?;
    if name.is_some() {
        e.name = name;
    }
    if let Some(a) = allow {
        e.allow_messages = a;
    }
    e.updated = now;
    Ok(json!({"AppInstanceUserArn": arn, "EndpointId": e.id}))
}

fn deregister_endpoint(cx: &mut Ctx) -> Result<Value, ApiError> {
    let id = cx.args.str("EndpointId")?.to_owned();
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    u.endpoints
        .remove(&id)
        .ok_or_else(|| ApiError::not_found(format!("endpoint {id} does not exist")))?;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn endpoints_are_registered_updated_listed_and_deregistered() {
        let fx = Fx::new();
        let r = fx.ok(
            "RegisterAppInstanceUserEndpoint",
            json!({"AppInstanceUserArn": fx.user("bob"), "Type": "GCM", "ResourceArn": "arn:aws:mobiletargeting:us-east-1:1:apps/x",
                   "EndpointAttributes": {"DeviceToken": "t"}, "ClientRequestToken": "ep-1"}),
        );
        let id = r["EndpointId"].as_str().unwrap();
        let e = fx.ok(
            "DescribeAppInstanceUserEndpoint",
            json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id}),
        );
        assert_eq!(e["AppInstanceUserEndpoint"]["AllowMessages"], "ALL");
        fx.ok(
            "UpdateAppInstanceUserEndpoint",
            json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id, "AllowMessages": "NONE"}),
        );
        let l = fx.ok(
            "ListAppInstanceUserEndpoints",
            json!({"AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(l["AppInstanceUserEndpoints"][0]["AllowMessages"], "NONE");
        fx.ok(
            "DeregisterAppInstanceUserEndpoint",
            json!({"AppInstanceUserArn": fx.user("bob"), "EndpointId": id}),
        );
    }
}
