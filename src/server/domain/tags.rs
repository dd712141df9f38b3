//! Tags on AppInstances, users, bots, channels and channel flows (at most 50 a resource).

use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::records::AppInstanceState;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Tags a resource holds at most (B-CH-08).
const MAX_TAGS: usize = 50;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("TagResource", tag_resource);
    t.insert("UntagResource", untag_resource);
    t.insert("ListTagsForResource", list_tags);
}

/// Tags as the model's `Tag` list.
fn tags_value(tags: Option<&BTreeMap<String, String>>) -> Value {
    Value::Array(
        tags.into_iter()
            .flatten()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect(),
    )
}

/// Reads a `Tags` list member into a map; at most 50 tags (B-CH-08).
pub fn read_tags(v: Option<&Value>) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    if let Some(Value::Array(items)) = v {
        for t in items {
            let k = t.get("Key").and_then(Value::as_str);
            let val = t.get("Value").and_then(Value::as_str);
            match (k, val) {
                (Some(k), Some(val)) => {
                    out.insert(k.to_owned(), val.to_owned());
                }
                _ => return Err(ApiError::bad_request("each tag needs a Key and a Value")),
            }
        }
    }
    if out.len() > MAX_TAGS {
        return Err(too_many_tags());
    }
    Ok(out)
}

fn too_many_tags() -> ApiError {
    ApiError::resource_limit(format!("a resource holds at most {MAX_TAGS} tags"))
}

/// Whether an ARN names a taggable resource of this AppInstance.
fn resource_exists(st: &AppInstanceState, arn: &str) -> bool {
    arn == st.arn
        || st.users.contains_key(arn)
        || st.bots.contains_key(arn)
        || st.channels.contains_key(arn)
        || st.flows.contains_key(arn)
}

/// The `ResourceARN` of a tag operation, checked to name a resource of this AppInstance.
fn tagged_resource<'a>(cx: &Ctx<'a>) -> Result<&'a str, ApiError> {
    let arn = cx.args.str("ResourceARN")?;
    if !resource_exists(cx.st, arn) {
        return Err(ApiError::not_found(format!(
            "resource {arn} does not exist"
        )));
    }
    Ok(arn)
}

fn tag_resource(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = tagged_resource(cx)?;
    let new = read_tags(cx.args.opt_value("Tags"))?;
    let tags = cx.st.tags.entry(arn.to_owned()).or_default();
    let mut merged = tags.clone();
    merged.extend(new);
    if merged.len() > MAX_TAGS {
        return Err(too_many_tags());
    }
    *tags = merged;
    Ok(json!({}))
}

fn untag_resource(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = tagged_resource(cx)?;
    if let Some(tags) = cx.st.tags.get_mut(arn) {
        for k in cx.args.str_list("TagKeys") {
            tags.remove(&k);
        }
    }
    Ok(json!({}))
}

fn list_tags(cx: &mut Ctx) -> Result<Value, ApiError> {
    let arn = tagged_resource(cx)?;
    Ok(json!({"Tags": tags_value(cx.st.tags.get(arn))}))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn tags_are_added_listed_and_removed() {
        let fx = Fx::new();
        fx.ok(
            "TagResource",
            json!({"ResourceARN": fx.user("bob"), "Tags": [{"Key": "k", "Value": "v"}]}),
        );
        let t = fx.ok(
            "ListTagsForResource",
            json!({"ResourceARN": fx.user("bob")}),
        );
        assert_eq!(t["Tags"], json!([{"Key": "k", "Value": "v"}]));
        fx.ok(
            "UntagResource",
            json!({"ResourceARN": fx.user("bob"), "TagKeys": ["k"]}),
        );
        let t = fx.ok(
            "ListTagsForResource",
            json!({"ResourceARN": fx.user("bob")}),
        );
        assert_eq!(t["Tags"], json!([]));
    }
}
