//! The identity service: AppInstances, users, bots, admins, retention, endpoints, tags.

use super::state::{
    ARN_PREFIX, AppInstanceState, Args, Bot, Endpoint, User, compact, ms, new_id, page, read_tags,
    tags_value, with_token,
};
use super::{ApiError, Ctx, Domain, Handler, lock, read, write};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub(super) fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("DescribeAppInstance", describe_app_instance);
    t.insert("UpdateAppInstance", update_app_instance);
    t.insert("CreateAppInstanceUser", create_user);
    t.insert("DescribeAppInstanceUser", describe_user);
    t.insert("ListAppInstanceUsers", list_users);
    t.insert("UpdateAppInstanceUser", update_user);
    t.insert("DeleteAppInstanceUser", delete_user);
    t.insert("PutAppInstanceUserExpirationSettings", put_user_expiration);
    t.insert("CreateAppInstanceBot", create_bot);
    t.insert("DescribeAppInstanceBot", describe_bot);
    t.insert("ListAppInstanceBots", list_bots);
    t.insert("UpdateAppInstanceBot", update_bot);
    t.insert("DeleteAppInstanceBot", delete_bot);
    t.insert("CreateAppInstanceAdmin", create_admin);
    t.insert("DescribeAppInstanceAdmin", describe_admin);
    t.insert("ListAppInstanceAdmins", list_admins);
    t.insert("DeleteAppInstanceAdmin", delete_admin);
    t.insert("PutAppInstanceRetentionSettings", put_retention);
    t.insert("GetAppInstanceRetentionSettings", get_retention);
    t.insert("RegisterAppInstanceUserEndpoint", register_endpoint);
    t.insert("DescribeAppInstanceUserEndpoint", describe_endpoint);
    t.insert("ListAppInstanceUserEndpoints", list_endpoints);
    t.insert("UpdateAppInstanceUserEndpoint", update_endpoint);
    t.insert("DeregisterAppInstanceUserEndpoint", deregister_endpoint);
    t.insert("TagResource", tag_resource);
    t.insert("UntagResource", untag_resource);
    t.insert("ListTagsForResource", list_tags);
}

impl Domain {
    pub(super) fn create_app_instance(&self, args: &Args) -> Result<Value, ApiError> {
        let token = args.str("ClientRequestToken")?.to_owned();
        let mut fp = args.map.clone();
        fp.remove("ClientRequestToken");
        let fp = Value::Object(fp);
        // The token table stays locked while the instance is made, so two identical requests
        // can't both create one (B-WIRE-10, assumed).
        let mut tokens = lock(&self.instance_tokens);
        if let Some((prev_fp, out)) = tokens.get(&token) {
            if *prev_fp == fp {
                return Ok(out.clone());
            }
            return Err(ApiError::conflict(format!(
                "ClientRequestToken {token} was already used with different parameters"
            )));
        }
        let arn = format!("{ARN_PREFIX}app-instance/{}", new_id());
        let now = self.real_now();
        let mut st = AppInstanceState {
            arn: arn.clone(),
            name: args.str("Name")?.to_owned(),
            metadata: args.opt_str("Metadata").map(str::to_owned),
            created: now,
            updated: now,
            faults: self.faults.clone(),
            ..Default::default()
        };
        let tags = read_tags(args.opt_value("Tags"))?;
        if !tags.is_empty() {
            st.tags.insert(arn.clone(), tags);
        }
        write(&self.instances).insert(arn.clone(), Arc::new(Mutex::new(st)));
        let out = json!({ "AppInstanceArn": arn });
        tokens.insert(token, (fp, out.clone()));
        Ok(out)
    }

    pub(super) fn list_app_instances(&self, args: &Args) -> Result<Value, ApiError> {
        let all: Vec<_> = read(&self.instances).values().cloned().collect();
        let mut summaries = std::collections::BTreeMap::new();
        for shared in all {
            let st = lock(&shared);
            summaries.insert(
                st.arn.clone(),
                compact(
                    json!({"AppInstanceArn": st.arn, "Name": st.name, "Metadata": st.metadata}),
                ),
            );
        }
        let (items, next) = page(&summaries, args, "ai", |_| true)?;
        let items: Vec<&Value> = items.into_iter().map(|(_, v)| v).collect();
        Ok(with_token(json!({ "AppInstances": items }), next))
    }

    pub(super) fn delete_app_instance(&self, args: &Args) -> Result<Value, ApiError> {
        let arn = args.str("AppInstanceArn")?;
        let removed = write(&self.instances)
            .remove(arn)
            .ok_or_else(|| ApiError::not_found(format!("AppInstance {arn} does not exist")))?;
        let flows: Vec<String> = lock(&removed).flows.keys().cloned().collect();
        {
            let mut index = write(&self.flow_index);
            for f in flows {
                index.remove(&f);
            }
        }
        // A token that made this AppInstance must not hand back its ARN once it is gone.
        lock(&self.instance_tokens).retain(|_, (_, out)| out["AppInstanceArn"] != arn);
        Ok(json!({}))
    }
}

fn describe_app_instance(cx: &mut Ctx) -> Result<Value, ApiError> {
    let st = &cx.st;
    Ok(compact(json!({"AppInstance": {
        "AppInstanceArn": st.arn, "Name": st.name, "Metadata": st.metadata,
        "CreatedTimestamp": st.created, "LastUpdatedTimestamp": st.updated,
    }})))
}

fn update_app_instance(cx: &mut Ctx) -> Result<Value, ApiError> {
    cx.st.name = cx.args.str("Name")?.to_owned();
    cx.st.metadata = Some(cx.args.str("Metadata")?.to_owned());
    cx.st.updated = cx.now;
    Ok(json!({ "AppInstanceArn": cx.st.arn }))
}

pub(super) fn user<'s>(st: &'s mut AppInstanceState, arn: &str) -> Result<&'s mut User, ApiError> {
    st.users
        .get_mut(arn)
        .ok_or_else(|| ApiError::not_found(format!("AppInstanceUser {arn} does not exist")))
}

fn create_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let id = cx.args.str("AppInstanceUserId")?;
    let arn = format!("{}/user/{id}", cx.st.arn);
    if cx.st.users.contains_key(&arn) {
        return Err(ApiError::conflict(format!(
            "AppInstanceUser {arn} already exists"
        )));
    }
    let tags = read_tags(cx.args.opt_value("Tags"))?;
    let user = User {
        arn: arn.clone(),
        name: cx.args.str("Name")?.to_owned(),
        metadata: cx.args.opt_str("Metadata").map(str::to_owned),
        created: cx.now,
        updated: cx.now,
        expiration: cx.args.opt_value("ExpirationSettings").cloned(),
        expiry_key: None,
        endpoints: Default::default(),
    };
    cx.st.users.insert(arn.clone(), user);
    set_user_expiry(cx.st, &arn);
    if !tags.is_empty() {
        cx.st.tags.insert(arn.clone(), tags);
    }
    Ok(json!({ "AppInstanceUserArn": arn }))
}

fn describe_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
    Ok(compact(json!({"AppInstanceUser": {
        "AppInstanceUserArn": u.arn, "Name": u.name, "Metadata": u.metadata,
        "CreatedTimestamp": u.created, "LastUpdatedTimestamp": u.updated,
        "ExpirationSettings": u.expiration,
    }})))
}

fn list_users(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (items, next) = page(&cx.st.users, &cx.args, "us", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, u)| {
            compact(json!({"AppInstanceUserArn": u.arn, "Name": u.name, "Metadata": u.metadata}))
        })
        .collect();
    Ok(with_token(
        json!({"AppInstanceArn": cx.st.arn, "AppInstanceUsers": items}),
        next,
    ))
}

fn update_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = cx.args.str("Name")?.to_owned();
    let metadata = cx.args.str("Metadata")?.to_owned();
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
    u.name = name;
    u.metadata = Some(metadata);
    u.updated = now;
    Ok(json!({ "AppInstanceUserArn": u.arn }))
}

fn delete_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceUserArn")?;
    user(cx.st, arn)?;
    remove_user(cx.st, arn);
    Ok(json!({}))
}

/// Deletes a user: by DeleteAppInstanceUser, or when its expiration has passed.
pub(super) fn remove_user(st: &mut AppInstanceState, arn: &str) {
    if let Some(key) = st.users.remove(arn).and_then(|u| u.expiry_key) {
        st.user_expiry.remove(&(key, arn.to_owned()));
    }
    st.admins.remove(arn);
    st.tags.remove(arn);
    // (assumed) A deleted user leaves every channel at once.
    for ch in st.channels.values_mut() {
        ch.members.remove(arn);
        ch.moderators.remove(arn);
        for members in ch.sub_channels.values_mut() {
            members.remove(arn);
        }
    }
}

/// Recomputes a user's place in the expiry index. A user's expiration counts from its creation
/// (CREATED_TIMESTAMP is the only criterion the model allows for users, B-EXP-05).
fn set_user_expiry(st: &mut AppInstanceState, arn: &str) {
    let Some(u) = st.users.get_mut(arn) else {
        return;
    };
    if let Some(key) = u.expiry_key.take() {
        st.user_expiry.remove(&(key, arn.to_owned()));
    }
    let Some(days) = u
        .expiration
        .as_ref()
        .and_then(|e| e.get("ExpirationDays"))
        .and_then(Value::as_f64)
    else {
        return;
    };
    let key = ms(u.created + days * 86_400.0);
    u.expiry_key = Some(key);
    st.user_expiry.insert((key, arn.to_owned()));
}

fn put_user_expiration(cx: &mut Ctx) -> Result<Value, ApiError> {
    let settings = cx.args.opt_value("ExpirationSettings").cloned();
    let now = cx.now;
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
    u.expiration = settings.clone();
    u.updated = now;
    let arn = u.arn.clone();
    set_user_expiry(cx.st, &arn);
    Ok(compact(
        json!({"AppInstanceUserArn": arn, "ExpirationSettings": settings}),
    ))
}

fn bot<'s>(st: &'s mut AppInstanceState, arn: &str) -> Result<&'s mut Bot, ApiError> {
    st.bots
        .get_mut(arn)
        .ok_or_else(|| ApiError::not_found(format!("AppInstanceBot {arn} does not exist")))
}

fn create_bot(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = format!("{}/bot/{}", cx.st.arn, new_id());
    let tags = read_tags(cx.args.opt_value("Tags"))?;
    let b = Bot {
        arn: arn.clone(),
        name: cx.args.opt_str("Name").map(str::to_owned),
        metadata: cx.args.opt_str("Metadata").map(str::to_owned),
        // The Lex configuration is stored, never invoked.
        configuration: cx.args.value("Configuration")?.clone(),
        created: cx.now,
        updated: cx.now,
    };
    cx.st.bots.insert(arn.clone(), b);
    if !tags.is_empty() {
        cx.st.tags.insert(arn.clone(), tags);
    }
    Ok(json!({ "AppInstanceBotArn": arn }))
}

fn describe_bot(cx: &mut Ctx) -> Result<Value, ApiError> {
    let b = bot(cx.st, cx.args.str("AppInstanceBotArn")?)?;
    Ok(compact(json!({"AppInstanceBot": {
        "AppInstanceBotArn": b.arn, "Name": b.name, "Metadata": b.metadata,
        "Configuration": b.configuration,
        "CreatedTimestamp": b.created, "LastUpdatedTimestamp": b.updated,
    }})))
}

fn list_bots(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (items, next) = page(&cx.st.bots, &cx.args, "bo", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(_, b)| {
            compact(json!({"AppInstanceBotArn": b.arn, "Name": b.name, "Metadata": b.metadata}))
        })
        .collect();
    Ok(with_token(
        json!({"AppInstanceArn": cx.st.arn, "AppInstanceBots": items}),
        next,
    ))
}

fn update_bot(cx: &mut Ctx) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = cx.args.str("Name")?.to_owned();
    let metadata = cx.args.str("Metadata")?.to_owned();
    let config = cx.args.opt_value("Configuration").cloned();
    let b = bot(cx.st, cx.args.str("AppInstanceBotArn")?)?;
    b.name = Some(name);
    b.metadata = Some(metadata);
    if let Some(c) = config {
        b.configuration = c;
    }
    b.updated = now;
    Ok(json!({ "AppInstanceBotArn": b.arn }))
}

fn delete_bot(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceBotArn")?;
    bot(cx.st, arn)?;
    cx.st.bots.remove(arn);
    cx.st.admins.remove(arn);
    cx.st.tags.remove(arn);
    for ch in cx.st.channels.values_mut() {
        ch.members.remove(arn);
        ch.moderators.remove(arn);
    }
    Ok(json!({}))
}

/// `{Arn, Name}` of a user or bot (the model's Identity shape).
pub(super) fn identity_of(st: &AppInstanceState, arn: &str) -> Value {
    let name = match st.users.get(arn) {
        Some(u) => Some(&u.name),
        None => st.bots.get(arn).and_then(|b| b.name.as_ref()),
    };
    let mut o = serde_json::Map::with_capacity(2);
    o.insert("Arn".into(), Value::String(arn.to_owned()));
    if let Some(n) = name {
        o.insert("Name".into(), Value::String(n.clone()));
    }
    Value::Object(o)
}

/// B-AUTH-04 (observed): a user ARN in the body that names no user or bot is refused.
pub(super) fn require_identity(st: &AppInstanceState, arn: &str) -> Result<(), ApiError> {
    if st.users.contains_key(arn) || st.bots.contains_key(arn) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "{arn} is not an AppInstanceUser or AppInstanceBot of {}",
            st.arn
        )))
    }
}

fn create_admin(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceAdminArn")?.to_owned();
    require_identity(cx.st, &arn)?;
    cx.st.admins.entry(arn.clone()).or_insert(cx.now);
    Ok(json!({"AppInstanceAdmin": identity_of(cx.st, &arn), "AppInstanceArn": cx.st.arn}))
}

fn describe_admin(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceAdminArn")?;
    let created = *cx
        .st
        .admins
        .get(arn)
        .ok_or_else(|| ApiError::not_found(format!("{arn} is not an AppInstanceAdmin")))?;
    Ok(json!({"AppInstanceAdmin": {
        "Admin": identity_of(cx.st, arn), "AppInstanceArn": cx.st.arn, "CreatedTimestamp": created,
    }}))
}

fn list_admins(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (items, next) = page(&cx.st.admins, &cx.args, "ad", |_| true)?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|(a, _)| json!({"Admin": identity_of(cx.st, a)}))
        .collect();
    Ok(with_token(
        json!({"AppInstanceArn": cx.st.arn, "AppInstanceAdmins": items}),
        next,
    ))
}

fn delete_admin(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceAdminArn")?;
    cx.st
        .admins
        .remove(arn)
        .ok_or_else(|| ApiError::not_found(format!("{arn} is not an AppInstanceAdmin")))?;
    Ok(json!({}))
}

fn put_retention(cx: &mut Ctx) -> Result<Value, ApiError> {
    let settings = cx.args.value("AppInstanceRetentionSettings")?.clone();
    cx.st.retention = Some(settings.clone());
    cx.st.retention_set_at = Some(cx.now);
    Ok(json!({"AppInstanceRetentionSettings": settings, "InitiateDeletionTimestamp": cx.now}))
}

fn get_retention(cx: &mut Ctx) -> Result<Value, ApiError> {
    Ok(compact(json!({
        "AppInstanceRetentionSettings": cx.st.retention.clone().unwrap_or_else(|| json!({})),
        "InitiateDeletionTimestamp": cx.st.retention_set_at,
    })))
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
        kind: cx.args.str("Type")?.to_owned(),
        resource_arn: cx.args.str("ResourceArn")?.to_owned(),
        attributes: cx.args.value("EndpointAttributes")?.clone(),
        allow_messages: cx.args.opt_str("AllowMessages").unwrap_or("ALL").to_owned(),
        created: now,
        updated: now,
    };
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
    let id = e.id.clone();
    u.endpoints.insert(id.clone(), e);
    Ok(json!({"AppInstanceUserArn": u.arn, "EndpointId": id}))
}

fn endpoint<'s>(cx: &'s mut Ctx) -> Result<(String, &'s mut Endpoint), ApiError> {
    let id = cx.args.str("EndpointId")?;
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
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
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
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
    let allow = cx.args.opt_str("AllowMessages").map(str::to_owned);
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
    let u = user(cx.st, cx.args.str("AppInstanceUserArn")?)?;
    u.endpoints
        .remove(&id)
        .ok_or_else(|| ApiError::not_found(format!("endpoint {id} does not exist")))?;
    Ok(json!({}))
}

/// Whether an ARN names a taggable resource of this AppInstance.
fn resource_exists(st: &AppInstanceState, arn: &str) -> bool {
    arn == st.arn
        || st.users.contains_key(arn)
        || st.bots.contains_key(arn)
        || st.channels.contains_key(arn)
        || st.flows.contains_key(arn)
}

fn tag_resource(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ResourceARN")?;
    if !resource_exists(cx.st, arn) {
        return Err(ApiError::not_found(format!(
            "resource {arn} does not exist"
        )));
    }
    let new = read_tags(cx.args.opt_value("Tags"))?;
    let tags = cx.st.tags.entry(arn.to_owned()).or_default();
    let mut merged = tags.clone();
    merged.extend(new);
    if merged.len() > 50 {
        return Err(ApiError::resource_limit("a resource holds at most 50 tags"));
    }
    *tags = merged;
    Ok(json!({}))
}

fn untag_resource(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ResourceARN")?;
    if !resource_exists(cx.st, arn) {
        return Err(ApiError::not_found(format!(
            "resource {arn} does not exist"
        )));
    }
    if let Some(tags) = cx.st.tags.get_mut(arn) {
        for k in cx.args.str_list("TagKeys") {
            tags.remove(&k);
        }
    }
    Ok(json!({}))
}

fn list_tags(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("ResourceARN")?;
    if !resource_exists(cx.st, arn) {
        return Err(ApiError::not_found(format!(
            "resource {arn} does not exist"
        )));
    }
    Ok(json!({"Tags": tags_value(cx.st.tags.get(arn))}))
}
