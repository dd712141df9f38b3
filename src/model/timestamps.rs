//! Timestamp members of a JSON value, found by the value's shape in the model, and the
//! ISO-8601 form messaging sessions carry them in (B-WS-14).

use super::service_model::ServiceModel;
use super::shape::ShapeKind;
use serde_json::Value;

/// How deep a walk follows nested shapes (the models nest a handful; recursion is cut here).
const MAX_DEPTH: usize = 32;

/// Rewrites every timestamp member of `value` (of model shape `shape`) that holds a number
/// with `f`; other values are left as they are.
pub fn map_timestamps(
    model: &ServiceModel,
    shape: &str,
    value: &mut Value,
    f: &dyn Fn(f64) -> Value,
) {
    walk(model, shape, value, 0, f);
}

fn walk(
    model: &ServiceModel,
    shape: &str,
    value: &mut Value,
    depth: usize,
    f: &dyn Fn(f64) -> Value,
) {
    let Some(s) = model.shape(shape).filter(|_| depth < MAX_DEPTH) else {
        return;
    };
    match (&s.kind, value) {
        (ShapeKind::Timestamp, v) => {
            if let Some(t) = v.as_f64() {
                *v = f(t);
            }
        }
        (ShapeKind::Structure(st), Value::Object(o)) => {
            for m in st.members.values() {
                if let Some(v) = o.get_mut(&m.name) {
                    walk(model, &m.target, v, depth + 1, f);
                }
            }
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            for v in items {
                walk(model, member, v, depth + 1, f);
            }
        }
        (ShapeKind::Map { value: target, .. }, Value::Object(o)) => {
            for v in o.values_mut() {
                walk(model, target, v, depth + 1, f);
            }
        }
        _ => {}
    }
}

/// Epoch seconds as `2024-01-02T03:04:05.678Z`; `None` for a time chrono cannot represent.
pub fn iso_8601_millis(seconds: f64) -> Option<String> {
    let millis = (seconds * 1000.0).round() as i64;
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::messaging;
    use serde_json::json;

    #[test]
    fn timestamps_are_found_by_shape_in_structures_and_lists() {
        let mut v = json!({"ChannelMessages": [{"CreatedTimestamp": 1.5, "Content": "1.5"}],
                           "NextToken": "t"});
        map_timestamps(messaging(), "ListChannelMessagesResponse", &mut v, &|t| {
            json!(t * 2.0)
        });
        assert_eq!(v["ChannelMessages"][0]["CreatedTimestamp"], json!(3.0));
        assert_eq!(v["ChannelMessages"][0]["Content"], "1.5");
    }

    #[test]
    fn iso_form_has_milliseconds_and_z() {
        assert_eq!(
            iso_8601_millis(1_704_164_645.678).as_deref(),
            Some("2024-01-02T03:04:05.678Z")
        );
        assert_eq!(iso_8601_millis(f64::MAX), None);
    }
}
