//! Paging through any list operation: page after page with MaxResults and NextToken until
//! the target gives no further token, each page held to MaxResults, and the items kept for
//! the checks that follow (each created item listed exactly once).

use super::parameters::{ChannelName, Contents, JsonText, Operation, SortOrder, User};
use crate::harness::world::{ChimeWorld, obj};
use anyhow::{Context, bail};
use cucumber::{then, when};
use serde_json::{Map, Value, json};

/// A bound on the pages, so a target that never stops paging fails instead of hanging.
const MAX_PAGES: usize = 1000;

/// The output member of `operation` that holds its items: the one list of its output.
fn list_member(operation: &str) -> anyhow::Result<String> {
    let (service, op) = crate::model::find_operation(operation)
        .with_context(|| format!("{operation} is not an operation of the models"))?;
    let model = service.model();
    let output = model
        .output_structure(op)
        .with_context(|| format!("{operation} has no output"))?;
    let lists: Vec<&str> = output
        .members
        .values()
        .filter(|m| {
            model
                .shape(&m.target)
                .is_some_and(|s| matches!(s.kind, crate::model::ShapeKind::List { .. }))
        })
        .map(|m| m.name.as_str())
        .collect();
    match lists.as_slice() {
        [one] => Ok((*one).to_owned()),
        _ => bail!("{operation} has not exactly one list in its output: {lists:?}"),
    }
}

/// Calls `operation` as `user` page by page from `input`, `page` items at most a page (the
/// target's default page without it); the items of every page, in order.
pub async fn all_pages(
    w: &mut ChimeWorld,
    user: &str,
    operation: &str,
    input: Map<String, Value>,
    page: Option<u32>,
) -> anyhow::Result<Vec<Value>> {
    let member = list_member(operation)?;
    let mut collected = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut input = input.clone();
        if let Some(page) = page {
            input.insert("MaxResults".into(), json!(page));
        }
        if let Some(t) = &token {
            input.insert("NextToken".into(), json!(t));
        }
        let called = w.call_as(user, operation, input).await?;
        if called.response.status >= 300 {
            bail!("paging: {} failed", called.describe());
        }
        let body = called.body().cloned().unwrap_or_default();
        let items = body
            .get(&member)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(page) = page.filter(|p| items.len() > *p as usize) {
            bail!(
                "a page of {operation} with MaxResults {page} held {} items",
                items.len()
            );
        }
        collected.extend(items);
        let next = body
            .get("NextToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        // An echoed token also ends paging, as the SDK paginators do (B-WIRE-11).
        if next.is_none() || next == token {
            return Ok(collected);
        }
        token = next;
    }
    bail!("paging {operation} did not end after {MAX_PAGES} pages")
}

/// [`all_pages`] with `page` items a page, kept in `w.collected` for the checks that follow.
pub async fn collect_pages(
    w: &mut ChimeWorld,
    user: &str,
    operation: &str,
    input: Map<String, Value>,
    page: u32,
) -> anyhow::Result<()> {
    w.collected = all_pages(w, user, operation, input, Some(page)).await?;
    // The last page's NextToken (none) and every page's bound were checked.
    w.asserted("/NextToken", None);
    Ok(())
}

#[when(expr = r#"{user} pages through the messages of "{channel}" {int} at a time"#)]
async fn pages_through(
    w: &mut ChimeWorld,
    user: User,
    channel: ChannelName,
    page: u32,
) -> anyhow::Result<()> {
    page_through_messages(w, &user, &channel, page, None).await
}

#[when(expr = r#"{user} pages through the messages of "{channel}" {int} at a time {sort_order}"#)]
async fn pages_through_in_order(
    w: &mut ChimeWorld,
    user: User,
    channel: ChannelName,
    page: u32,
    order: SortOrder,
) -> anyhow::Result<()> {
    page_through_messages(w, &user, &channel, page, Some(&order)).await
}

/// Lists the messages of `channel` page by page as `user`, in `order` when given.
async fn page_through_messages(
    w: &mut ChimeWorld,
    user: &str,
    channel: &str,
    page: u32,
    order: Option<&str>,
) -> anyhow::Result<()> {
    let r = async {
        let mut input = obj(json!({"ChannelArn": w.channel(channel)?}));
        if let Some(order) = order {
            input.insert("SortOrder".into(), json!(order));
        }
        collect_pages(w, user, "ListChannelMessages", input, page).await
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} pages through {operation} {int} at a time with {json}")]
async fn pages_through_list(
    w: &mut ChimeWorld,
    user: User,
    operation: Operation,
    page: u32,
    input: JsonText,
) -> anyhow::Result<()> {
    let r = async {
        let input = w.doc_object(Some(&input))?;
        collect_pages(w, &user, &operation, input, page).await
    }
    .await;
    w.verdict(r)
}

/// Whether `value` holds `wanted` as a string anywhere: an item names its resource by ARN or
/// id in a member whose place differs from list to list.
fn holds(value: &Value, wanted: &str) -> bool {
    match value {
        Value::String(s) => s == wanted,
        Value::Array(items) => items.iter().any(|v| holds(v, wanted)),
        Value::Object(map) => map.values().any(|v| holds(v, wanted)),
        _ => false,
    }
}

#[then(expr = "the pages list {contents} exactly once each")]
async fn listed_once_each(w: &mut ChimeWorld, expected: Contents) -> anyhow::Result<()> {
    let r = (|| {
        for name in &expected.0 {
            let wanted = w.expand(name)?;
            let times = w.collected.iter().filter(|i| holds(i, &wanted)).count();
            if times != 1 {
                bail!(
                    "{name} ({wanted}) is listed {times} times across {} items collected",
                    w.collected.len()
                );
            }
        }
        Ok(())
    })();
    w.verdict(r)
}

/// One collected item holds `wanted`, and is `expected` whole: each member it has, and no
/// other. For lists whose other items the test does not know (the account's AppInstances).
#[then(expr = "the pages list one item holding {string}, equal to {json}")]
async fn listed_item_equals(
    w: &mut ChimeWorld,
    wanted: String,
    expected: JsonText,
) -> anyhow::Result<()> {
    let r = (|| {
        let wanted = w.expand(&wanted)?;
        let expected = Value::Object(w.doc_object(Some(&expected))?);
        let holding: Vec<&Value> = w.collected.iter().filter(|i| holds(i, &wanted)).collect();
        let [item] = holding.as_slice() else {
            bail!(
                "{} of the {} items collected hold {wanted}, not one",
                holding.len(),
                w.collected.len()
            );
        };
        if **item != expected {
            bail!("the item holding {wanted} is {item}, not {expected}");
        }
        let operation = &w.last()?.response.operation;
        let pointer = format!("/{}/0", list_member(operation)?);
        w.asserted(&pointer, Some(&expected));
        Ok(())
    })();
    w.verdict(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_items_of_a_list_are_its_one_list_member() {
        assert_eq!(list_member("ListChannelBans").unwrap(), "ChannelBans");
        assert_eq!(
            list_member("ListChannelMembershipsForAppInstanceUser").unwrap(),
            "ChannelMemberships"
        );
        assert_eq!(
            list_member("identity:ListAppInstanceUsers").unwrap(),
            "AppInstanceUsers"
        );
        assert!(list_member("DescribeChannel").is_err());
    }

    #[test]
    fn an_item_holds_a_value_at_any_depth() {
        let item = json!({"Member": {"Arn": "arn:u1", "Name": "u1"}});
        assert!(holds(&item, "arn:u1"));
        assert!(!holds(&item, "arn:u"));
    }
}
