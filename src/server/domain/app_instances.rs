//! AppInstances: creating, listing and deleting them (operations on the whole domain),
//! describing and updating one, and its retention settings.

use super::args::Args;
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::ids::{Kind, app_instance_arn, expect_kind, new_id};
use super::instances::{Domain, lock, read, write};
use super::output::compact;
use super::paging::{page, with_token};
use super::records::AppInstanceState;
use super::tags::read_tags;
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("DescribeAppInstance", describe_app_instance);
    t.insert("UpdateAppInstance", update_app_instance);
    t.insert("PutAppInstanceRetentionSettings", put_retention);
    t.insert("GetAppInstanceRetentionSettings", get_retention);
}

impl Domain {
    pub(crate) fn create_app_instance(&self, args: &Args) -> Result<Value, ApiError> {
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
        let arn = app_instance_arn(&new_id());
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

    pub(crate) fn list_app_instances(&self, args: &Args) -> Result<Value, ApiError> {
        let all: Vec<_> = read(&self.instances).values().cloned().collect();
        // The faulty server's summaries have no Metadata.
        let with_metadata = !self.fault(Fault::AppInstanceSummaryWithoutMetadata);
        let mut summaries = std::collections::BTreeMap::new();
        for shared in all {
            let st = lock(&shared);
            let metadata = st.metadata.as_ref().filter(|_| with_metadata);
            summaries.insert(
                st.arn.clone(),
                compact(json!({"AppInstanceArn": st.arn, "Name": st.name, "Metadata": metadata})),
            );
        }
        let (items, next) = page(&summaries, args, "ai", |_| true)?;
        let items: Vec<&Value> = items.into_iter().map(|(_, v)| v).collect();
        Ok(with_token(json!({ "AppInstances": items }), next))
    }

    pub(crate) fn delete_app_instance(&self, args: &Args) -> Result<Value, ApiError> {
        let arn = args.str("AppInstanceArn")?;
        expect_kind("AppInstanceArn", arn, &[Kind::AppInstance])?;
        write(&self.instances)
            .remove(arn)
            .ok_or_else(|| ApiError::not_found(format!("AppInstance {arn} does not exist")))?;
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

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0, ok};
    use serde_json::json;

    #[test]
    fn b_wire_10_create_app_instance_token_is_idempotent() {
        let fx = Fx::new();
        let again = fx.ok(
            "CreateAppInstance",
            json!({"Name": "test", "ClientRequestToken": "tok-inst"}),
        );
        assert_eq!(again["AppInstanceArn"], fx.inst);
        let e = fx.err(
            "CreateAppInstance",
            json!({"Name": "other", "ClientRequestToken": "tok-inst"}),
        );
        assert_eq!(e.shape, "ConflictException");
        let all = fx.ok("ListAppInstances", json!({}));
        assert_eq!(all["AppInstances"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn app_instances_are_separate_scopes_and_a_deleted_one_is_gone() {
        let fx = Fx::new();
        // a bearer of one AppInstance is unknown in another
        let second = ok(
            &fx.d,
            "CreateAppInstance",
            json!({"Name": "second", "ClientRequestToken": "tok-second"}),
        )["AppInstanceArn"]
            .as_str()
            .unwrap()
            .to_owned();
        let e = fx.err(
            "ListChannels",
            json!({"AppInstanceArn": second, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(e.shape, "UnauthorizedClientException");
        fx.ok("DeleteAppInstance", json!({"AppInstanceArn": second}));
        assert!(fx.d.now(&second).is_err());
        let again = ok(
            &fx.d,
            "CreateAppInstance",
            json!({"Name": "second", "ClientRequestToken": "tok-second"}),
        );
        assert_ne!(again["AppInstanceArn"], second);
    }

    #[test]
    fn retention_settings_are_kept_with_their_time() {
        let fx = Fx::new();
        let p = fx.ok(
            "PutAppInstanceRetentionSettings",
            json!({"AppInstanceArn": fx.inst, "AppInstanceRetentionSettings": {"ChannelRetentionSettings": {"RetentionDays": 30}}}),
        );
        assert_eq!(p["InitiateDeletionTimestamp"], T0);
        let g = fx.ok(
            "GetAppInstanceRetentionSettings",
            json!({"AppInstanceArn": fx.inst}),
        );
        assert_eq!(
            g["AppInstanceRetentionSettings"]["ChannelRetentionSettings"]["RetentionDays"],
            30
        );
    }
}
