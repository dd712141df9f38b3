//! AppInstanceUsers: creating, describing, listing, updating and deleting them.

use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::expiration::set_user_expiry;
use super::ids::{Kind, child_arn};
use super::output::compact;
use super::paging::{page, with_token};
use super::records::{AppInstanceState, User};
use super::tags::read_tags;
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateAppInstanceUser", create_user);
    t.insert("DescribeAppInstanceUser", describe_user);
    t.insert("ListAppInstanceUsers", list_users);
    t.insert("UpdateAppInstanceUser", update_user);
    t.insert("DeleteAppInstanceUser", delete_user);
}

fn create_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let id = cx.args.str("AppInstanceUserId")?;
    let arn = child_arn(&cx.st.arn, Kind::User, id);
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
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
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
    let fault = cx.d.fault(Fault::UserUpdateMovesCreated);
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    u.name = name;
    u.metadata = Some(metadata);
    u.updated = now;
    if fault {
        u.created = now;
    }
    Ok(json!({ "AppInstanceUserArn": u.arn }))
}

fn delete_user(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = cx.args.str("AppInstanceUserArn")?;
    cx.st.user_mut(arn)?;
    remove_user(cx.st, arn);
    Ok(json!({}))
}

/// Deletes a user: by DeleteAppInstanceUser, or when its expiration has passed.
pub fn remove_user(st: &mut AppInstanceState, arn: &str) {
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

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0};
    use serde_json::json;

    #[test]
    fn users_are_created_described_updated_listed_and_deleted() {
        let fx = Fx::new();
        let u = fx.ok(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("alice")}),
        );
        assert_eq!(u["AppInstanceUser"]["Name"], "alice");
        assert_eq!(u["AppInstanceUser"]["CreatedTimestamp"], T0);
        let e = fx.err(
            "CreateAppInstanceUser",
            json!({"AppInstanceArn": fx.inst, "AppInstanceUserId": "alice", "Name": "x", "ClientRequestToken": "other"}),
        );
        assert_eq!(e.shape, "ConflictException");
        fx.ok(
            "UpdateAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("alice"), "Name": "Alice", "Metadata": "m"}),
        );
        let l = fx.ok(
            "ListAppInstanceUsers",
            json!({"AppInstanceArn": fx.inst, "MaxResults": 2}),
        );
        assert_eq!(l["AppInstanceUsers"].as_array().unwrap().len(), 2);
        let l2 = fx.ok(
            "ListAppInstanceUsers",
            json!({"AppInstanceArn": fx.inst, "MaxResults": 50, "NextToken": l["NextToken"]}),
        );
        assert_eq!(l2["AppInstanceUsers"].as_array().unwrap().len(), 3);
        assert!(l2.get("NextToken").is_none());

        fx.ok(
            "DeleteAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("dave")}),
        );
        let e = fx.err(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("dave")}),
        );
        assert_eq!(e.shape, "NotFoundException");
    }
}
