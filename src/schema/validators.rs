//! The validators of the generated schemas: one per (service, direction, name), compiled on first
//! use and kept for the process, and a value checked against one.

use super::generate;
use super::violation::{Violation, ViolationKind, convert};
use crate::model::Service;
use jsonschema::{Draft, PatternCache, PatternOptions, ValidationOptions, Validator};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The validator options every schema is compiled with. The `regex` engine (linear time, no
/// look-around) instead of the default `fancy-regex`: no model pattern needs back-tracking
/// features, and the server runs these patterns on untrusted input.
pub(crate) fn options() -> ValidationOptions<'static> {
    // One compiled regex per pattern for the whole process: the ARN pattern alone appears in
    // 74 schemas, and each copy of its bounded repetition is a large automaton.
    static PATTERNS: OnceLock<PatternCache> = OnceLock::new();
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_pattern_options(PatternOptions::regex())
        .with_pattern_cache(PATTERNS.get_or_init(PatternCache::new).clone())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    Response,
    Error,
    Input,
}

type Compiled = Result<Validator, String>;

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
    Some(slot.get_or_init(|| compile(service, direction, key)))
}

fn compile(service: Service, direction: Direction, name: &str) -> Compiled {
    let model = service.model();
    let schema = match direction {
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
    };
    options()
        .build(&schema)
        .map_err(|e| format!("schema of {name} does not compile: {e}"))
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
    if validator.is_valid(instance) {
        return;
    }
    for error in validator.iter_errors(instance) {
        convert(&error, out);
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
