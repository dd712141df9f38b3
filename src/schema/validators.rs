//! The validators of the generated schemas: one per (service, direction, name), compiled on first
//! use and kept for the process, and a value checked against one.
//!
//! Each schema has two: a judge, whose patterns remember their verdicts (`seen_patterns`), says
//! whether a value conforms; only when it does not is the plain validator compiled, to say why
//! in `jsonschema`'s own words.

use super::generate;
use super::options::options;
use super::seen_patterns::with_seen_patterns;
use super::violation::{Violation, ViolationKind, convert};
use crate::model::Service;
use jsonschema::Validator;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    Response,
    Error,
    Input,
}

/// A schema's judge, and its plain validator once a value has failed the judge.
struct Judged {
    judge: Validator,
    explain: OnceLock<Result<Validator, String>>,
}

type Compiled = Result<Judged, String>;

/// Every (service, direction, name) key exists up front; each validator is compiled on first use.
fn cached(service: Service, direction: Direction, name: &str) -> Option<&'static Compiled> {
    type Table = HashMap<(Service, Direction), HashMap<&'static str, OnceLock<Compiled>>>;
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = Table::new();
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                for dir in [Direction::Response, Direction::Input] {
                    table
                        .entry((svc, dir))
                        .or_default()
                        .insert(op.name.as_str(), OnceLock::new());
                }
            }
            for shape in model.error_shapes() {
                table
                    .entry((svc, Direction::Error))
                    .or_default()
                    .insert(shape.name.as_str(), OnceLock::new());
            }
        }
        table
    });
    let (&key, slot) = table
        .get(&(service, direction))
        .and_then(|names| names.get_key_value(name))?;
    Some(slot.get_or_init(|| {
        let judge = with_seen_patterns(options())
            .build(&schema(service, direction, key)?)
            .map_err(|e| format!("schema of {key} does not compile: {e}"))?;
        Ok(Judged {
            judge,
            explain: OnceLock::new(),
        })
    }))
}

fn schema(service: Service, direction: Direction, name: &str) -> Result<Value, String> {
    let model = service.model();
    Ok(match direction {
        Direction::Error => generate::error_schema(model, name),
        Direction::Response | Direction::Input => {
            let op = model
                .operation(name)
                .ok_or_else(|| format!("no operation {name}"))?;
            if direction == Direction::Response {
                generate::response_schema(model, op)
            } else {
                generate::input_schema(model, op)
            }
        }
    })
}

pub(crate) fn check(
    service: Service,
    direction: Direction,
    name: &str,
    instance: &Value,
    out: &mut Vec<Violation>,
) {
    let validator = match cached(service, direction, name) {
        Some(Ok(v)) => v,
        None => {
            out.push(Violation::new(
                ViolationKind::Schema,
                "",
                format!("a {service} schema for {name}"),
                "none",
            ));
            return;
        }
        Some(Err(e)) => {
            out.push(Violation::new(
                ViolationKind::Schema,
                "",
                "a compilable schema",
                e.clone(),
            ));
            return;
        }
    };
    // The common case is a valid body; `is_valid` short-circuits without building errors.
    if validator.judge.is_valid(instance) {
        return;
    }
    let explain = validator.explain.get_or_init(|| {
        options()
            .build(&schema(service, direction, name)?)
            .map_err(|e| format!("schema of {name} does not compile: {e}"))
    });
    let before = out.len();
    match explain {
        Ok(plain) => {
            for error in plain.iter_errors(instance) {
                convert(&error, out);
            }
        }
        Err(e) => out.push(Violation::new(
            ViolationKind::Schema,
            "",
            "a compilable schema",
            e.clone(),
        )),
    }
    // The two are built from one schema with one regex engine; should they ever part, the
    // judge's refusal still stands.
    if out.len() == before {
        out.push(Violation::new(
            ViolationKind::Schema,
            "",
            format!("a value the {name} schema accepts"),
            "one its patterns refuse",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_are_compiled_once() {
        let a = cached(Service::Messaging, Direction::Response, "DescribeChannel");
        let b = cached(Service::Messaging, Direction::Response, "DescribeChannel");
        assert!(std::ptr::eq(a.unwrap(), b.unwrap()));
        assert!(cached(Service::Messaging, Direction::Error, "NoSuchShape").is_none());
    }

    #[test]
    fn every_validator_compiles() {
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                for dir in [Direction::Response, Direction::Input] {
                    assert!(
                        cached(svc, dir, &op.name).is_some_and(|c| c.is_ok()),
                        "{svc} {}",
                        op.name
                    );
                }
            }
            for shape in model.error_shapes() {
                assert!(cached(svc, Direction::Error, &shape.name).is_some_and(|c| c.is_ok()));
            }
        }
    }
}
