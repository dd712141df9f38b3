//! Which response members an assertion speaks for: the members along the pointer it reads,
//! and, when it compares a value, the members of that value. A check of presence or of a
//! count speaks for the members on its path, never for what lies inside the value.

use super::found::Found;
use crate::model::ServiceModel;
use serde_json::Value;

/// `Structure.Member` names that an assertion at `pointer` (a JSON pointer into a response
/// of the output shape `output`) asserts; `compared` is the value it compared with, if any.
pub fn asserted_members(
    model: &ServiceModel,
    output: &str,
    pointer: &str,
    compared: Option<&Value>,
) -> Vec<String> {
    // A stand-in leaf: not an object or a list, so the walk stops at the path's end.
    let mut value = compared.cloned().unwrap_or(Value::Bool(true));
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    for segment in segments.iter().rev() {
        value = if segment.parse::<usize>().is_ok() {
            Value::Array(vec![value])
        } else {
            let mut map = serde_json::Map::new();
            map.insert(segment.clone(), value);
            Value::Object(map)
        };
    }
    let mut members = Found::root(model, Some(output), &value).members;
    members.sort_unstable();
    members.dedup();
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Service;
    use serde_json::json;

    fn asserted(pointer: &str, compared: Option<Value>) -> Vec<String> {
        let model = Service::Messaging.model();
        asserted_members(model, "DescribeChannelResponse", pointer, compared.as_ref())
    }

    #[test]
    fn a_state_check_asserts_its_path_only() {
        assert_eq!(
            asserted("/Channel", None),
            vec!["DescribeChannelResponse.Channel"]
        );
        assert_eq!(
            asserted("/Channel/Name", None),
            vec!["Channel.Name", "DescribeChannelResponse.Channel"]
        );
    }

    #[test]
    fn a_comparison_asserts_the_members_it_compares() {
        let found = asserted(
            "",
            Some(json!({"Channel": {"Name": "x", "Mode": "RESTRICTED"}})),
        );
        assert_eq!(
            found,
            vec![
                "Channel.Mode",
                "Channel.Name",
                "DescribeChannelResponse.Channel"
            ]
        );
    }

    #[test]
    fn list_items_are_walked_through_their_index() {
        let model = Service::Messaging.model();
        let found = asserted_members(
            model,
            "ListChannelMessagesResponse",
            "/ChannelMessages/0/Content",
            None,
        );
        assert_eq!(
            found,
            vec![
                "ChannelMessageSummary.Content",
                "ListChannelMessagesResponse.ChannelMessages"
            ]
        );
    }

    #[test]
    fn a_pointer_outside_the_model_asserts_nothing() {
        assert!(asserted("/NoSuchMember/Name", None).is_empty());
    }
}
