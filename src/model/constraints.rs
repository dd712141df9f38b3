//! Every modelled constraint on an operation's input, with the first value past it and, where
//! one exists, the boundary value itself: what the input-constraint matrix probes.
//!
//! Members are walked through nested structures (not into lists or maps). Left out, and why:
//! URI labels can't be left out or empty (the request would have another path); the bearer has rules of
//! its own (B-AUTH-01/03); patterns that admit every string have no value past them; a boundary
//! that no string of that length can reach while matching the pattern has no boundary example;
//! a list of ARNs has no boundary example, because its elements would have to be that many
//! real resources; an idempotency token is never required on the wire, because the SDKs fill
//! it (B-WIRE-09). Two members and one operation have no boundary example, for a documented
//! reason of their own listed in [`NO_BOUNDARY`].

use super::probe::{Probe, chars};
use super::sample;
use super::service::Service;
use super::service_model::ServiceModel;
use super::shape::{Location, ShapeKind, StringShape};
use super::{Operation, probe};
use serde_json::Value;
use std::fmt;

/// One constraint of one member.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// The member as a JSON pointer into the input (`/ExpirationSettings/ExpirationDays`).
    pub pointer: String,
    pub rule: Rule,
    /// The first value past the constraint: the call must be refused.
    pub past: Probe,
    /// The value at the constraint, meeting every other constraint of the member: the call
    /// must not be refused for it.
    pub boundary: Option<Probe>,
}

/// A modelled constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Required,
    MinLength(u64),
    MaxLength(u64),
    Enum,
    Pattern,
    Minimum(i64),
    Maximum(i64),
    MinItems(u64),
    MaxItems(u64),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => f.write_str("required"),
            Rule::MinLength(n) => write!(f, "at least {n} characters"),
            Rule::MaxLength(n) => write!(f, "at most {n} characters"),
            Rule::Enum => f.write_str("one of its enum values"),
            Rule::Pattern => f.write_str("its pattern"),
            Rule::Minimum(n) => write!(f, "at least {n}"),
            Rule::Maximum(n) => write!(f, "at most {n}"),
            Rule::MinItems(n) => write!(f, "at least {n} items"),
            Rule::MaxItems(n) => write!(f, "at most {n} items"),
        }
    }
}

/// The member naming the caller, whose rules are the bearer matrix's.
const BEARER: &str = "ChimeBearer";

/// Members, and operations, whose boundary values are refused for a documented reason besides
/// their constraints, and why.
pub const NO_BOUNDARY: [(&str, &str); 3] = [
    (
        "NextToken",
        "a next token must be one the service gave (B-WIRE-11)",
    ),
    (
        "SubChannelId",
        "sub-channels exist in elastic channels only (B-EL-02)",
    ),
    (
        "ListSubChannels",
        "it lists the sub-channels of an elastic channel only (B-EL-02)",
    ),
];

/// Every constraint on the operation's input, in member order.
pub fn of(service: Service, op: &Operation) -> Vec<Constraint> {
    let model = service.model();
    let Some(shape) = &op.input else {
        return Vec::new();
    };
    let valid = sample::input(service, op);
    let mut out = Vec::new();
    walk(model, shape, "", &valid, true, &mut out);
    if NO_BOUNDARY.iter().any(|(n, _)| *n == op.name) {
        for c in &mut out {
            c.boundary = None;
        }
    }
    out
}

fn walk(
    model: &ServiceModel,
    shape: &str,
    at: &str,
    valid: &Value,
    top: bool,
    out: &mut Vec<Constraint>,
) {
    let Some(st) = model.structure(shape) else {
        return;
    };
    for (name, member) in &st.members {
        if top && (name == BEARER || matches!(member.location, Location::Uri(_))) {
            if name != BEARER {
                // A label still has its length and pattern; leaving it out or empty is
                // impossible (the request would have another path).
                let mut label = Vec::new();
                let pointer = format!("/{name}");
                member_constraints(
                    model,
                    &member.target,
                    &pointer,
                    valid.get(name),
                    false,
                    &mut label,
                );
                out.extend(label.into_iter().filter(|c| c.past != Probe::Chars(0)));
            }
            continue;
        }
        let pointer = format!("{at}/{name}");
        let required = st.is_required(name) && !member.idempotency_token;
        let before = out.len();
        member_constraints(
            model,
            &member.target,
            &pointer,
            valid.get(name),
            required,
            out,
        );
        if NO_BOUNDARY.iter().any(|(n, _)| n == name) {
            for c in &mut out[before..] {
                c.boundary = None;
            }
        }
    }
}

fn member_constraints(
    model: &ServiceModel,
    target: &str,
    pointer: &str,
    valid: Option<&Value>,
    required: bool,
    out: &mut Vec<Constraint>,
) {
    let Some(shape) = model.shape(target) else {
        return;
    };
    let mut add = |rule, past, boundary| {
        out.push(Constraint {
            pointer: pointer.to_owned(),
            rule,
            past,
            boundary,
        })
    };
    if required {
        add(Rule::Required, Probe::Nothing, None);
    }
    let valid = valid.cloned().unwrap_or(Value::Null);
    match &shape.kind {
        ShapeKind::String(st) => string_constraints(st, &valid, &mut add),
        ShapeKind::Integer { min, max } | ShapeKind::Long { min, max } => {
            // A bound at the type's own limit has no value past it.
            let (lo, hi) = match shape.kind {
                ShapeKind::Integer { .. } => (i32::MIN.into(), i32::MAX.into()),
                _ => (i64::MIN, i64::MAX),
            };
            if let Some(m) = *min
                && m > lo
            {
                add(
                    Rule::Minimum(m),
                    Probe::Number(m - 1),
                    Some(Probe::Number(m)),
                );
            }
            if let Some(m) = *max
                && m < hi
            {
                add(
                    Rule::Maximum(m),
                    Probe::Number(m + 1),
                    Some(Probe::Number(m)),
                );
            }
        }
        ShapeKind::List { member, min, max } => {
            let of_arns = valid
                .as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("arn:"));
            let element = model.shape(member).map(|s| &s.kind);
            let boundary = |n| (!of_arns).then_some(Probe::Items(n));
            if let Some(m) = min.filter(|m| *m > 0) {
                add(Rule::MinItems(m), Probe::Items(m - 1), boundary(m));
            }
            if let Some(m) = *max {
                // A structure element repeated is the same element: only scalars can grow.
                let grows = !matches!(element, Some(ShapeKind::Structure(_)));
                add(
                    Rule::MaxItems(m),
                    Probe::Items(m + 1),
                    boundary(m).filter(|_| grows),
                );
            }
        }
        ShapeKind::Structure(_) if valid.is_object() => {
            walk(model, target, pointer, &valid, false, out);
        }
        _ => {}
    }
}

fn string_constraints(
    st: &StringShape,
    valid: &Value,
    add: &mut impl FnMut(Rule, Probe, Option<Probe>),
) {
    let start = valid.as_str().unwrap_or_default();
    let reachable = |n: u64| chars(start, n, Some(st)).is_ok();
    if let Some(values) = &st.enum_values {
        let wrong = (1..)
            .map(|i| "NOT-A-VALUE".repeat(i))
            .find(|s| !values.contains(s))
            .unwrap_or_default();
        add(Rule::Enum, Probe::Text(wrong), None);
        // An enum's values are its boundaries; its lengths and pattern say nothing more.
        return;
    }
    if let Some(m) = st.min.filter(|m| *m > 0) {
        add(
            Rule::MinLength(m),
            Probe::Chars(m - 1),
            reachable(m).then_some(Probe::Chars(m)),
        );
    }
    if let Some(m) = st.max {
        add(
            Rule::MaxLength(m),
            Probe::Chars(m + 1),
            reachable(m).then_some(Probe::Chars(m)),
        );
    }
    if let Some(pattern) = &st.pattern
        && let Some(text) = breaking(st, pattern)
    {
        add(Rule::Pattern, Probe::Text(text), None);
    }
}

/// A string within the length bounds that the pattern refuses, if there is one among the
/// candidates (a pattern that admits every string has none).
fn breaking(st: &StringShape, pattern: &str) -> Option<String> {
    let re = probe::anchored(pattern)?;
    let min = st.min.unwrap_or(0) as usize;
    let max = st.max.map_or(usize::MAX, |m| m as usize);
    ["not an arn!", "!", " ", "%", "\u{1}", "\u{0}"]
        .into_iter()
        .map(|c| {
            let mut s: String = c.chars().cycle().take(min.max(c.chars().count())).collect();
            if s.chars().count() > max {
                s = s.chars().take(max).collect();
            }
            s
        })
        .find(|s| !s.is_empty() && !re.is_match(s))
}

/// The string shape of the member at `pointer` in the operation's input, if it is a string.
pub fn string_shape(service: Service, op: &Operation, pointer: &str) -> Option<StringShape> {
    let model = service.model();
    let mut shape = op.input.clone()?;
    for name in pointer.trim_start_matches('/').split('/') {
        shape = model.structure(&shape)?.members.get(name)?.target.clone();
    }
    match &model.shape(&shape)?.kind {
        ShapeKind::String(st) => Some(st.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(op: &str) -> Vec<Constraint> {
        let (svc, op) = crate::model::find_operation(op).unwrap();
        of(svc, op)
    }

    fn find<'a>(cs: &'a [Constraint], pointer: &str, rule: &Rule) -> &'a Constraint {
        cs.iter()
            .find(|c| c.pointer == pointer && &c.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} on {pointer} in {cs:#?}"))
    }

    #[test]
    fn ranges_lengths_and_enums_come_from_the_model() {
        let cs = constraints("CreateChannel");
        let days = find(
            &cs,
            "/ExpirationSettings/ExpirationDays",
            &Rule::Maximum(5475),
        );
        assert_eq!(days.past, Probe::Number(5476));
        assert_eq!(days.boundary, Some(Probe::Number(5475)));
        let name = find(&cs, "/Name", &Rule::MaxLength(256));
        assert_eq!(name.past, Probe::Chars(257));
        assert_eq!(name.boundary, Some(Probe::Chars(256)));
        find(&cs, "/Name", &Rule::Required);
        let privacy = find(&cs, "/Privacy", &Rule::Enum);
        assert_eq!(privacy.past, Probe::Text("NOT-A-VALUE".into()));
        assert!(cs.iter().all(|c| c.pointer != "/ChimeBearer"));
    }

    #[test]
    fn page_sizes_are_probed_on_both_sides() {
        let cs = constraints("ListChannelMessages");
        let min = find(&cs, "/MaxResults", &Rule::Minimum(1));
        assert_eq!(
            (&min.past, &min.boundary),
            (&Probe::Number(0), &Some(Probe::Number(1)))
        );
        let max = find(&cs, "/MaxResults", &Rule::Maximum(50));
        assert_eq!(
            (&max.past, &max.boundary),
            (&Probe::Number(51), &Some(Probe::Number(50)))
        );
        find(&cs, "/NextToken", &Rule::MaxLength(2048));
        // A label is never left out, but its length is still probed.
        assert!(
            !cs.iter()
                .any(|c| c.pointer == "/ChannelArn" && c.rule == Rule::Required)
        );
        find(&cs, "/ChannelArn", &Rule::MaxLength(1600));
    }

    #[test]
    fn a_boundary_the_pattern_forbids_is_not_offered() {
        // A ChannelArn can't be 1,600 characters and match its pattern.
        let cs = constraints("DescribeChannel");
        let max = find(&cs, "/ChannelArn", &Rule::MaxLength(1600));
        assert_eq!(max.boundary, None);
        let pattern = find(&cs, "/ChannelArn", &Rule::Pattern);
        let Probe::Text(t) = &pattern.past else {
            panic!()
        };
        assert!(!t.starts_with("arn:"));
    }

    /// The schemas generated from the model judge independently: every past value must make
    /// the input invalid, every boundary value must leave it valid.
    #[test]
    fn the_input_schemas_refuse_every_past_value_and_take_every_boundary() {
        let mut checked = 0;
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                let valid = sample::input(svc, op);
                for c in of(svc, op) {
                    let at = valid.pointer(&c.pointer).cloned().unwrap_or(Value::Null);
                    let keep = string_shape(svc, op, &c.pointer);
                    let with = |p: &Probe| {
                        let mut input = valid.clone();
                        set(&mut input, &c.pointer, p.value(&at, keep.as_ref()).unwrap());
                        crate::schema::validate_input(svc, &op.name, &input)
                    };
                    let what = format!("{}{} {}", op.name, c.pointer, c.rule);
                    assert!(!with(&c.past).is_empty(), "{what}: {} is taken", c.past);
                    if let Some(b) = &c.boundary {
                        let v = with(b);
                        assert!(v.is_empty(), "{what}: {b} is refused: {v:?}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 600, "{checked} constraints");
    }

    fn set(input: &mut Value, pointer: &str, v: Option<Value>) {
        let (parent, name) = pointer.rsplit_once('/').unwrap();
        let obj = input.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        match v {
            Some(v) => obj.insert(name.to_owned(), v),
            None => obj.remove(name),
        };
    }
}
