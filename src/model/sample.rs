//! Model-driven sample inputs: every member of an operation's input filled with a valid value of
//! its shape. Deterministic, so tests and fuzzers built on it are reproducible.
//!
//! Values follow the SDK member names and the harness conventions: timestamps are epoch-second
//! numbers, lists and maps hold one element (or as many as their minimum asks), ARN members hold
//! a plausible Chime ARN (with `:` and `/`, so URI labels exercise percent-encoding).

use super::operation::Operation;
use super::probe::anchored as compiled;
use super::service::Service;
use super::service_model::ServiceModel;
use super::shape::{ShapeKind, StringShape};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The account, region and AppInstance every sample ARN lives in.
pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";
pub const APP_INSTANCE_ARN: &str =
    "arn:aws:chime:us-east-1:123456789012:app-instance/sample-app-instance";
/// The fixed instant sample timestamps carry (2023-11-14T22:13:20Z).
pub const TIMESTAMP: i64 = 1_700_000_000;

/// Structures nested deeper than this only get their required members, so a recursive shape
/// cannot make the generator loop.
const MAX_DEPTH: usize = 8;

/// A valid value for every member of the operation's input (an empty object when it has none).
/// Made once an operation: the rule matrices ask for it on every call they make.
pub fn input(service: Service, op: &Operation) -> Value {
    static MADE: OnceLock<Mutex<HashMap<(Service, String), Value>>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    let key = (service, op.name.clone());
    if let Some(v) = made.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return v;
    }
    let model = service.model();
    let v = match &op.input {
        Some(shape) => value(model, service, shape, "", 0),
        None => Value::Object(Map::new()),
    };
    if let Ok(mut m) = made.lock() {
        m.insert(key, v.clone());
    }
    v
}

/// A valid value of one shape. `hint` is the member name the value is for; it picks the kind of
/// ARN and makes strings recognisable.
pub fn value(
    model: &ServiceModel,
    service: Service,
    shape: &str,
    hint: &str,
    depth: usize,
) -> Value {
    let Some(s) = model.shape(shape) else {
        return Value::Null;
    };
    match &s.kind {
        ShapeKind::Structure(st) => {
            let mut out = Map::new();
            for (name, member) in &st.members {
                if depth >= MAX_DEPTH && !st.is_required(name) {
                    continue;
                }
                out.insert(
                    name.clone(),
                    value(model, service, &member.target, name, depth + 1),
                );
            }
            Value::Object(out)
        }
        ShapeKind::List { member, min, max } => {
            let n = count(*min, *max);
            Value::Array(
                (0..n)
                    .map(|i| {
                        let v = value(model, service, member, hint, depth + 1);
                        distinct(v, i)
                    })
                    .collect(),
            )
        }
        ShapeKind::Map {
            key,
            value: val,
            min,
            max,
        } => {
            let n = count(*min, *max);
            let mut out = Map::new();
            for i in 0..n {
                let k = match distinct(value(model, service, key, hint, depth + 1), i) {
                    Value::String(k) => k,
                    other => other.to_string(),
                };
                out.insert(k, value(model, service, val, hint, depth + 1));
            }
            Value::Object(out)
        }
        ShapeKind::String(st) => Value::String(string(service, shape, st, hint)),
        ShapeKind::Integer { min, max } | ShapeKind::Long { min, max } => json!(int(*min, *max)),
        ShapeKind::Double => json!(1.5),
        ShapeKind::Boolean => json!(true),
        ShapeKind::Timestamp => json!(TIMESTAMP),
        // Blobs travel base64-encoded in JSON.
        ShapeKind::Blob { .. } => json!("c2FtcGxl"),
    }
}

fn count(min: Option<u64>, max: Option<u64>) -> usize {
    let n = min.unwrap_or(1).max(1);
    let n = max.map_or(n, |m| n.min(m));
    usize::try_from(n).unwrap_or(1)
}

/// Elements after the first get a numeric suffix so sets and map keys stay distinct.
fn distinct(v: Value, i: usize) -> Value {
    match v {
        Value::String(s) if i > 0 => Value::String(format!("{s}{i}")),
        other => other,
    }
}

fn int(min: Option<i64>, max: Option<i64>) -> i64 {
    let v = min.unwrap_or(1).max(1);
    max.map_or(v, |m| v.min(m))
}

fn string(service: Service, shape: &str, st: &StringShape, hint: &str) -> String {
    if let Some(first) = st.enum_values.as_ref().and_then(|e| e.first()) {
        return first.clone();
    }
    let pattern = st.pattern.as_deref().and_then(compiled);
    let fits = |s: &str| {
        let len = s.chars().count() as u64;
        st.min.is_none_or(|m| len >= m)
            && st.max.is_none_or(|m| len <= m)
            && pattern.as_ref().is_none_or(|re| re.is_match(s))
    };
    let arnish = hint.ends_with("Arn")
        || hint.ends_with("Arns")
        || hint == "ChimeBearer"
        || shape.contains("Arn")
        || st.pattern.as_deref().is_some_and(|p| p.starts_with("arn:"));
    let mut candidates = Vec::new();
    if arnish {
        candidates.push(arn(service, shape, st.pattern.as_deref(), hint));
    }
    let word = if hint.is_empty() { shape } else { hint };
    candidates.push(format!("sample-{}", kebab(word)));
    candidates.push(format!("Sample{}", letters(word)));
    candidates.push(format!("sample{}", letters(word).to_lowercase()));
    for candidate in &candidates {
        if fits(candidate) {
            return candidate.clone();
        }
        // Too long or too short for the length bounds: trim or pad, then try again.
        let len = candidate.chars().count() as u64;
        let mut s: String = match st.max {
            Some(max) if len > max => candidate.chars().take(max as usize).collect(),
            _ => candidate.clone(),
        };
        while st.min.is_some_and(|m| (s.chars().count() as u64) < m) {
            s.push('a');
        }
        if fits(&s) {
            return s;
        }
    }
    // Nothing recognisable fits the pattern: the shortest run of letters that fits the length.
    "a".repeat(st.min.unwrap_or(1).max(1) as usize)
}

/// A plausible ARN for the member: the kind of resource follows its name.
fn arn(service: Service, shape: &str, pattern: Option<&str>, hint: &str) -> String {
    let p = pattern.unwrap_or_default();
    if p.starts_with("arn:aws:lambda") || shape.contains("Lambda") {
        return format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:sample-processor");
    }
    if p.starts_with("arn:aws:lex") || shape.contains("Lex") {
        return format!("arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/SAMPLEBOT1/SAMPLEALS1");
    }
    let app = APP_INSTANCE_ARN;
    let has = |w: &str| hint.contains(w);
    if has("Flow") {
        format!("{app}/channel-flow/sample-channel-flow")
    } else if has("Bot") {
        format!("{app}/bot/sample-bot")
    } else if has("User")
        || has("Member")
        || has("Bearer")
        || has("Moderator")
        || has("Admin")
        || has("Sender")
    {
        format!("{app}/user/sample-user")
    } else if has("Channel") {
        format!("{app}/channel/sample-channel")
    } else if has("AppInstance") {
        app.to_owned()
    } else if service == Service::Identity {
        // Identity resources (tags, retention) are AppInstances and their users.
        app.to_owned()
    } else {
        format!("{app}/channel/sample-channel")
    }
}

fn kebab(word: &str) -> String {
    let mut out = String::new();
    for (i, c) in word.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        }
    }
    out
}

fn letters(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphabetic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Shape};

    /// Checks a value against its shape: types, enums, lengths, ranges, patterns.
    fn check(model: &ServiceModel, shape: &str, v: &Value, path: &str, errs: &mut Vec<String>) {
        let Some(Shape { kind, .. }) = model.shape(shape) else {
            errs.push(format!("{path}: unknown shape {shape}"));
            return;
        };
        match (kind, v) {
            (ShapeKind::Structure(st), Value::Object(o)) => {
                for (name, m) in &st.members {
                    match o.get(name) {
                        Some(mv) => check(model, &m.target, mv, &format!("{path}.{name}"), errs),
                        None => errs.push(format!("{path}.{name}: missing")),
                    }
                }
            }
            (ShapeKind::List { member, min, max }, Value::Array(a)) => {
                let n = a.len() as u64;
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) || n == 0 {
                    errs.push(format!("{path}: {n} elements"));
                }
                for (i, e) in a.iter().enumerate() {
                    check(model, member, e, &format!("{path}[{i}]"), errs);
                }
            }
            (ShapeKind::Map { key, value, .. }, Value::Object(o)) => {
                for (k, e) in o {
                    check(model, key, &json!(k), &format!("{path}.key"), errs);
                    check(model, value, e, &format!("{path}.{k}"), errs);
                }
            }
            (ShapeKind::String(st), Value::String(s)) => {
                let len = s.chars().count() as u64;
                if st.min.is_some_and(|m| len < m) || st.max.is_some_and(|m| len > m) {
                    errs.push(format!("{path}: length {len}"));
                }
                if let Some(e) = &st.enum_values
                    && !e.contains(s)
                {
                    errs.push(format!("{path}: {s} not in enum"));
                }
                if let Some(re) = st.pattern.as_deref().and_then(compiled)
                    && !re.is_match(s)
                {
                    errs.push(format!("{path}: {s} does not match {re}"));
                }
            }
            (ShapeKind::Integer { min, max } | ShapeKind::Long { min, max }, Value::Number(n)) => {
                let n = n.as_i64().unwrap_or(i64::MIN);
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    errs.push(format!("{path}: {n} out of range"));
                }
            }
            (ShapeKind::Boolean, Value::Bool(_)) | (ShapeKind::Double, Value::Number(_)) => {}
            (ShapeKind::Timestamp, Value::Number(_))
            | (ShapeKind::Blob { .. }, Value::String(_)) => {}
            (_, other) => errs.push(format!("{path}: wrong type {other}")),
        }
    }

    #[test]
    fn every_operation_gets_a_valid_complete_input() {
        let mut errs = Vec::new();
        let mut ops = 0;
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                ops += 1;
                let v = input(svc, op);
                match &op.input {
                    Some(shape) => check(model, shape, &v, &op.name, &mut errs),
                    None => assert_eq!(v, json!({})),
                }
            }
        }
        assert_eq!(ops, 81);
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn arn_members_hold_plausible_arns() {
        let m = crate::model::messaging();
        let op = &m.operations["SendChannelMessage"];
        let v = input(Service::Messaging, op);
        assert_eq!(
            v["ChannelArn"],
            "arn:aws:chime:us-east-1:123456789012:app-instance/sample-app-instance/channel/sample-channel"
        );
        assert_eq!(
            v["ChimeBearer"],
            "arn:aws:chime:us-east-1:123456789012:app-instance/sample-app-instance/user/sample-user"
        );
        assert_eq!(v["Type"], "STANDARD");
        assert_eq!(v["Persistence"], "PERSISTENT");
        // Every URI label of every operation carries characters that need encoding or is plain.
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                let v = input(svc, op);
                let st = svc.model().input_structure(op);
                for member in st.iter().flat_map(|s| s.members.values()) {
                    if matches!(member.location, Location::Uri(_)) && member.name.ends_with("Arn") {
                        let s = v[&member.name].as_str().unwrap_or_default();
                        assert!(
                            s.contains(':') && s.contains('/'),
                            "{}.{}",
                            op.name,
                            member.name
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_and_timestamps_are_in_range() {
        let m = crate::model::messaging();
        let v = input(Service::Messaging, &m.operations["ListChannelMessages"]);
        assert_eq!(v["MaxResults"], 1);
        assert_eq!(v["NotBefore"], TIMESTAMP);
        let v = input(Service::Messaging, &m.operations["CreateChannel"]);
        assert_eq!(v["ExpirationSettings"]["ExpirationDays"], 1);
        let v = input(
            Service::Identity,
            &crate::model::identity().operations["PutAppInstanceRetentionSettings"],
        );
        assert!(
            v["AppInstanceRetentionSettings"]["ChannelRetentionSettings"]["RetentionDays"]
                .is_number()
        );
    }

    #[test]
    fn every_model_pattern_compiles() {
        for svc in Service::ALL {
            for (name, shape) in &svc.model().shapes {
                if let ShapeKind::String(StringShape {
                    pattern: Some(p), ..
                }) = &shape.kind
                {
                    assert!(compiled(p).is_some(), "{name}: {p}");
                }
            }
        }
    }

    #[test]
    fn sample_inputs_pass_the_generated_input_schemas() {
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                let v = crate::schema::validate_input(svc, &op.name, &input(svc, op));
                assert!(v.is_empty(), "{}: {v:?}", op.name);
            }
        }
    }

    #[test]
    fn generation_is_deterministic() {
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                assert_eq!(input(svc, op), input(svc, op), "{}", op.name);
            }
        }
    }
}
