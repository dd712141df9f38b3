//! B-WIRE-11 on every list operation: three items it lists, paged one at a time and fifty at
//! a time, come back each exactly once. The set is every operation whose input has both
//! MaxResults and NextToken (from the model); what makes three items for each is written
//! here as Gherkin, because the model does not say which operation creates what another
//! lists. An operation of the set with neither a recipe nor a reason fails the tests.

use super::gherkin::{Feature, Outline};
use super::sets::{self, Op};

/// How a scenario gets three items for one list operation to list.
pub struct Recipe {
    pub setup: Vec<String>,
    /// Who pages.
    pub caller: &'static str,
    /// The list's input besides MaxResults and NextToken.
    pub input: &'static str,
    /// The placeholders naming the three items (an ARN or id each item holds).
    pub items: [&'static str; 3],
}

/// What makes items for `operation`, or why the matrix leaves it out; `None` for an
/// operation nobody has written either for.
pub fn recipe(operation: &str) -> Option<Result<Recipe, &'static str>> {
    let three = |f: &dyn Fn(&str) -> String| -> Vec<String> {
        ["1", "2", "3"].iter().map(|n| f(n)).collect()
    };
    let channels_with_bob =
        || three(&|n| format!("a PRIVATE channel \"c{n}\" created by alice with member bob"));
    let general = || {
        vec![
            "a PRIVATE channel \"general\" created by alice with members u1, u2 and u3".to_string(),
        ]
    };
    let recipe = |setup: Vec<String>, caller, input, items| {
        Some(Ok(Recipe {
            setup,
            caller,
            input,
            items,
        }))
    };
    const USERS: [&str; 3] = ["{u1}", "{u2}", "{u3}"];
    const CHANNELS: [&str; 3] = ["{c1}", "{c2}", "{c3}"];
    match operation {
        "ListChannels" => recipe(
            three(&|n| format!("a PUBLIC channel \"c{n}\" created by alice")),
            "alice",
            r#"{"AppInstanceArn": "{app}"}"#,
            CHANNELS,
        ),
        "SearchChannels" => recipe(
            channels_with_bob(),
            "bob",
            r#"{"Fields": [{"Key": "MEMBERS", "Operator": "INCLUDES", "Values": ["{bob}"]}]}"#,
            CHANNELS,
        ),
        "ListChannelMemberships" => recipe(general(), "alice", r#"{"ChannelArn": "{general}"}"#, USERS),
        "ListChannelModerators" => recipe(
            [general(), three(&|n| format!("u{n} is a moderator of \"general\""))].concat(),
            "alice",
            r#"{"ChannelArn": "{general}"}"#,
            USERS,
        ),
        "ListChannelBans" => recipe(
            [general(), three(&|n| format!(
                "alice called CreateChannelBan with the input {{\"ChannelArn\": \"{{general}}\", \"MemberArn\": \"{{u{n}}}\"}}"
            ))].concat(),
            "alice",
            r#"{"ChannelArn": "{general}"}"#,
            USERS,
        ),
        "ListChannelMembershipsForAppInstanceUser" => recipe(
            channels_with_bob(),
            "bob",
            r#"{"AppInstanceUserArn": "{bob}"}"#,
            CHANNELS,
        ),
        "ListChannelsModeratedByAppInstanceUser" => recipe(
            [channels_with_bob(), three(&|n| format!("bob is a moderator of \"c{n}\""))].concat(),
            "bob",
            r#"{"AppInstanceUserArn": "{bob}"}"#,
            CHANNELS,
        ),
        "ListChannelFlows" => recipe(
            three(&|n| format!("a channel flow \"f{n}\" whose processor falls back to CONTINUE")),
            "alice",
            r#"{"AppInstanceArn": "{app}"}"#,
            ["{f1}", "{f2}", "{f3}"],
        ),
        "ListChannelsAssociatedWithChannelFlow" => recipe(
            [
                vec!["a channel flow \"f\" whose processor falls back to CONTINUE".to_string()],
                three(&|n| format!("a PRIVATE channel \"c{n}\" created by alice")),
                three(&|n| format!("alice associated the flow \"f\" with \"c{n}\"")),
            ]
            .concat(),
            "alice",
            r#"{"ChannelFlowArn": "{f}"}"#,
            CHANNELS,
        ),
        "ListChannelMessages" => recipe(
            [
                vec!["a PRIVATE channel \"general\" created by alice".to_string()],
                three(&|n| format!("alice sent \"message {n}\" to \"general\" as \"m{n}\"")),
            ]
            .concat(),
            "alice",
            r#"{"ChannelArn": "{general}"}"#,
            ["{m1}", "{m2}", "{m3}"],
        ),
        "ListAppInstanceUsers" => recipe(vec![], "alice", r#"{"AppInstanceArn": "{app}"}"#, USERS),
        "ListAppInstanceAdmins" => recipe(
            three(&|n| format!("u{n} is an AppInstanceAdmin")),
            "alice",
            r#"{"AppInstanceArn": "{app}"}"#,
            USERS,
        ),
        "ListAppInstanceBots" => recipe(
            three(&|n| format!(
                "alice called CreateAppInstanceBot with the input {{\"AppInstanceArn\": \"{{app}}\", \"Name\": \"bot {n}\", \
                 \"ClientRequestToken\": \"{{token}}\", \"Configuration\": {{\"Lex\": {{\"RespondsTo\": \"STANDARD_MESSAGES\", \
                 \"LexBotAliasArn\": \"arn:aws:lex:us-east-1:123456789012:bot-alias/SAMPLEBOT1/SAMPLEALS1\", \"LocaleId\": \"en_US\"}}}}}}\n\
                 the response field \"/AppInstanceBotArn\" is remembered as \"b{n}\""
            )),
            "alice",
            r#"{"AppInstanceArn": "{app}"}"#,
            ["{b1}", "{b2}", "{b3}"],
        ),
        "ListAppInstanceUserEndpoints" => recipe(
            three(&|n| format!(
                "alice called RegisterAppInstanceUserEndpoint with the input {{\"AppInstanceUserArn\": \"{{u1}}\", \
                 \"Name\": \"device {n}\", \"Type\": \"GCM\", \"ResourceArn\": \"arn:aws:mobiletargeting:us-east-1:123456789012:apps/conformance\", \
                 \"EndpointAttributes\": {{\"DeviceToken\": \"device-token-{n}\"}}, \"ClientRequestToken\": \"{{token}}\"}}\n\
                 the response field \"/EndpointId\" is remembered as \"e{n}\""
            )),
            "alice",
            r#"{"AppInstanceUserArn": "{u1}"}"#,
            ["{e1}", "{e2}", "{e3}"],
        ),
        "ListSubChannels" => Some(Err(
            "the service makes sub-channels as members join an elastic channel, and how many a \
             given number of members makes is its choice",
        )),
        "ListAppInstances" => Some(Err(
            "it lists the whole account's AppInstances, which the run's concurrent scenarios \
             create and delete while it pages",
        )),
        _ => None,
    }
}

/// The paging matrix.
pub fn feature() -> Feature {
    let ops = sets::paged();
    let mut outlines = Vec::new();
    let mut left_out = Vec::new();
    for op in &ops {
        match recipe(&op.operation.name) {
            Some(Ok(r)) => outlines.push(outline(op, &r)),
            Some(Err(why)) => left_out.push(format!("{} ({why})", op.name())),
            None => left_out.push(format!("{} (no recipe yet)", op.name())),
        }
    }
    let mut description = super::features::wrap(&format!(
        "B-WIRE-11: a list operation pages through everything it lists, each item exactly once, \
         never more items a page than MaxResults, and the last page carries no NextToken. The \
         operations here are those whose input has MaxResults and NextToken ({} of them): three \
         items each, paged 1 and 50 at a time.",
        ops.len()
    ));
    for line in left_out {
        description.extend(super::features::wrap(&format!("Left out: {line}.")));
    }
    Feature {
        title: "Every list operation pages every item exactly once".into(),
        description,
        background: vec!["Given the users alice, bob, u1, u2 and u3".into()],
        outlines,
    }
}

fn outline(op: &Op, r: &Recipe) -> Outline {
    let mut steps: Vec<String> = r
        .setup
        .iter()
        .flat_map(|s| s.lines())
        .enumerate()
        .map(|(i, s)| format!("{} {s}", if i == 0 { "Given" } else { "And" }))
        .collect();
    steps.push(format!(
        "When {} pages through <operation> <per page> at a time with {}",
        r.caller, r.input
    ));
    steps.push(format!(
        "Then the pages list \"{}\", \"{}\" and \"{}\" exactly once each",
        r.items[0], r.items[1], r.items[2]
    ));
    let name = op.name();
    Outline {
        tags: vec!["@B-WIRE-11".into(), "@model".into()],
        comment: vec![],
        title: "<operation> lists each of three items once, <per page> a page".into(),
        steps,
        columns: vec!["operation", "per page"],
        rows: ["1", "50"]
            .iter()
            .map(|n| (name.clone(), vec![name.clone(), n.to_string()]))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_operation_has_a_recipe_or_a_reason() {
        let missing: Vec<String> = sets::paged()
            .iter()
            .filter(|op| recipe(&op.operation.name).is_none())
            .map(Op::name)
            .collect();
        assert!(
            missing.is_empty(),
            "no paging recipe or reason: {missing:?}"
        );
        assert!(sets::paged().len() >= 16, "{}", sets::paged().len());
    }
}
