//! AppInstanceAdmins: the users and bots with every right in every channel of the AppInstance.

use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::identities::{identity_of, require_identity};
use super::paging::{page, with_token};
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateAppInstanceAdmin", create_admin);
    t.insert("DescribeAppInstanceAdmin", describe_admin);
    t.insert("ListAppInstanceAdmins", list_admins);
    t.insert("DeleteAppInstanceAdmin", delete_admin);
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

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn admins_are_listed() {
        let fx = Fx::new();
        let admins = fx.ok("ListAppInstanceAdmins", json!({"AppInstanceArn": fx.inst}));
        assert_eq!(
            admins["AppInstanceAdmins"][0]["Admin"]["Arn"],
            fx.user("admin")
        );
    }
}
