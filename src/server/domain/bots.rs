//! AppInstanceBots: creating, describing, listing, updating and deleting them. A bot's Lex
//! configuration is stored, never invoked.

use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::ids::{Kind, child_arn, new_id};
use super::output::compact;
use super::paging::{page, with_token};
use super::records::Bot;
use super::tags::read_tags;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("CreateAppInstanceBot", create_bot);
    t.insert("DescribeAppInstanceBot", describe_bot);
    t.insert("ListAppInstanceBots", list_bots);
    t.insert("UpdateAppInstanceBot", update_bot);
    t.insert("DeleteAppInstanceBot", delete_bot);
}

fn create_bot(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = child_arn(&cx.st.arn, Kind::Bot, &new_id());
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
    let b = cx.st.bot_mut(cx.args.str("AppInstanceBotArn")?)?;
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
    let b = cx.st.bot_mut(cx.args.str("AppInstanceBotArn")?)?;
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
    cx.st.bot_mut(arn)?;
    cx.st.bots.remove(arn);
    cx.st.admins.remove(arn);
    cx.st.tags.remove(arn);
    for ch in cx.st.channels.values_mut() {
        ch.members.remove(arn);
        ch.moderators.remove(arn);
    }
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn bots_keep_their_configuration() {
        let fx = Fx::new();
        let bot = fx.ok(
            "CreateAppInstanceBot",
            json!({"AppInstanceArn": fx.inst, "ClientRequestToken": "bot-1", "Name": "b",
                   "Configuration": {"Lex": {"LexBotAliasArn": "arn:aws:lex:us-east-1:1:bot-alias/x/y", "LocaleId": "en_US"}}}),
        )["AppInstanceBotArn"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(bot.starts_with(&format!("{}/bot/", fx.inst)));
        let b = fx.ok("DescribeAppInstanceBot", json!({"AppInstanceBotArn": bot}));
        assert_eq!(
            b["AppInstanceBot"]["Configuration"]["Lex"]["LocaleId"],
            "en_US"
        );
    }
}
