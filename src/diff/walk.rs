//! The walk over two versions of a model: each operation's binding, errors, and input and
//! output structures side by side, members by name, through nested structures, lists and maps,
//! each difference recorded with its classification.

use super::change::{Change, ChangeKind, MemberChanges, ModelDiff, OperationDiff, Side};
use super::classify::{
    BREAKS_BOTH, Direction, ERROR_ADDED, ERROR_REMOVED, ERROR_STATUS_CHANGED, Impacts,
    SUCCESS_CODE_CHANGED, constraint, idempotency_token_changed, member_added, member_removed,
    required_changed,
};
use super::describe::{bound_word, kind_word, location_desc, member_desc, required_word, summary};
use crate::model::{Operation, ServiceModel, ShapeKind, StringShape, Structure};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// What changed from `old` to `new`.
pub fn diff(old: &ServiceModel, new: &ServiceModel) -> ModelDiff {
    let mut result = ModelDiff {
        service: new.metadata.service_full_name.clone(),
        ..ModelDiff::default()
    };
    for name in new.operations.keys() {
        if !old.operations.contains_key(name) {
            result.new_operations.push(name.clone());
        }
    }
    for (name, old_op) in &old.operations {
        let Some(new_op) = new.operations.get(name) else {
            result.removed_operations.push(name.clone());
            continue;
        };
        let op_diff = diff_operation(old, new, old_op, new_op);
        if !op_diff.changes.is_empty() {
            result.updated_operations.push(op_diff);
        }
    }
    result
}

fn diff_operation(
    old: &ServiceModel,
    new: &ServiceModel,
    old_op: &Operation,
    new_op: &Operation,
) -> OperationDiff {
    let mut walker = Walker {
        old,
        new,
        operation: &old_op.name,
        side: Side::Operation,
        changes: Vec::new(),
        stack: Vec::new(),
    };
    walker.binding(old_op, new_op);
    let empty = Structure::default();
    walker.side = Side::Request;
    let request = walker.structure(
        old.input_structure(old_op).unwrap_or(&empty),
        new.input_structure(new_op).unwrap_or(&empty),
        "",
    );
    walker.side = Side::Response;
    let response = walker.structure(
        old.output_structure(old_op).unwrap_or(&empty),
        new.output_structure(new_op).unwrap_or(&empty),
        "",
    );
    OperationDiff {
        name: old_op.name.clone(),
        request: request.into_changes(),
        response: response.into_changes(),
        changes: walker.changes,
    }
}

/// Added and removed members below one point of the walk.
#[derive(Default)]
struct Nested {
    added: Map<String, Value>,
    removed: Map<String, Value>,
}

impl Nested {
    fn into_changes(self) -> MemberChanges {
        let wrap = |m: Map<String, Value>| (!m.is_empty()).then_some(Value::Object(m));
        MemberChanges {
            added: wrap(self.added),
            removed: wrap(self.removed),
        }
    }

    fn absorb(&mut self, name: &str, inner: Nested) {
        if !inner.added.is_empty() {
            self.added
                .insert(name.to_owned(), Value::Object(inner.added));
        }
        if !inner.removed.is_empty() {
            self.removed
                .insert(name.to_owned(), Value::Object(inner.removed));
        }
    }
}

struct Walker<'a> {
    old: &'a ServiceModel,
    new: &'a ServiceModel,
    operation: &'a str,
    side: Side,
    changes: Vec<Change>,
    /// Shape pairs on the current walk path, so recursive shapes end.
    stack: Vec<(String, String)>,
}

impl Walker<'_> {
    fn push(
        &mut self,
        path: &str,
        kind: ChangeKind,
        old: Option<String>,
        new: Option<String>,
        (client, server): Impacts,
    ) {
        self.changes.push(Change {
            operation: self.operation.to_owned(),
            side: self.side,
            path: path.to_owned(),
            kind,
            old,
            new,
            client,
            server,
        });
    }

    fn binding(&mut self, old: &Operation, new: &Operation) {
        if old.http.method != new.http.method {
            self.push(
                "",
                ChangeKind::HttpMethod,
                Some(old.http.method.to_string()),
                Some(new.http.method.to_string()),
                BREAKS_BOTH,
            );
        }
        if old.http.uri.raw != new.http.uri.raw {
            self.push(
                "",
                ChangeKind::HttpUri,
                Some(old.http.uri.raw.clone()),
                Some(new.http.uri.raw.clone()),
                BREAKS_BOTH,
            );
        }
        if old.http.success_code != new.http.success_code {
            self.push(
                "",
                ChangeKind::StatusCode,
                Some(old.http.success_code.to_string()),
                Some(new.http.success_code.to_string()),
                SUCCESS_CODE_CHANGED,
            );
        }
        let old_errors: BTreeSet<&String> = old.errors.iter().collect();
        let new_errors: BTreeSet<&String> = new.errors.iter().collect();
        for e in new_errors.difference(&old_errors) {
            self.push(
                "",
                ChangeKind::ErrorAdded,
                None,
                Some((*e).clone()),
                ERROR_ADDED,
            );
        }
        for e in old_errors.difference(&new_errors) {
            self.push(
                "",
                ChangeKind::ErrorRemoved,
                Some((*e).clone()),
                None,
                ERROR_REMOVED,
            );
        }
        for e in old_errors.intersection(&new_errors) {
            let (a, b) = (self.old.error_info(e), self.new.error_info(e));
            if let (Some(a), Some(b)) = (a, b)
                && a.http_status != b.http_status
            {
                self.push(
                    e,
                    ChangeKind::ErrorStatus,
                    Some(a.http_status.to_string()),
                    Some(b.http_status.to_string()),
                    ERROR_STATUS_CHANGED,
                );
            }
        }
    }

    fn structure(&mut self, old: &Structure, new: &Structure, prefix: &str) -> Nested {
        let mut nested = Nested::default();
        let names: BTreeSet<&String> = old.members.keys().chain(new.members.keys()).collect();
        for name in names {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match (old.members.get(name), new.members.get(name)) {
                (None, Some(m)) => {
                    let required = new.is_required(name);
                    nested
                        .added
                        .insert(name.clone(), summary(self.new, &m.target, &mut Vec::new()));
                    let impact = member_added(self.side, required);
                    let desc = member_desc(self.new, &m.target, required);
                    self.push(&path, ChangeKind::MemberAdded, None, Some(desc), impact);
                }
                (Some(m), None) => {
                    nested
                        .removed
                        .insert(name.clone(), summary(self.old, &m.target, &mut Vec::new()));
                    let impact = member_removed(self.side);
                    let desc = member_desc(self.old, &m.target, old.is_required(name));
                    self.push(&path, ChangeKind::MemberRemoved, Some(desc), None, impact);
                }
                (Some(a), Some(b)) => {
                    let (ra, rb) = (old.is_required(name), new.is_required(name));
                    if ra != rb {
                        self.push(
                            &path,
                            ChangeKind::Required,
                            Some(required_word(ra).into()),
                            Some(required_word(rb).into()),
                            required_changed(self.side, ra, rb),
                        );
                    }
                    if a.location != b.location {
                        self.push(
                            &path,
                            ChangeKind::Location,
                            Some(location_desc(&a.location)),
                            Some(location_desc(&b.location)),
                            BREAKS_BOTH,
                        );
                    }
                    if a.idempotency_token != b.idempotency_token {
                        self.push(
                            &path,
                            ChangeKind::IdempotencyToken,
                            Some(a.idempotency_token.to_string()),
                            Some(b.idempotency_token.to_string()),
                            idempotency_token_changed(b.idempotency_token),
                        );
                    }
                    let inner = self.shape(&a.target, &b.target, &path);
                    nested.absorb(name, inner);
                }
                (None, None) => {}
            }
        }
        nested
    }

    fn shape(&mut self, old_name: &str, new_name: &str, path: &str) -> Nested {
        let key = (old_name.to_owned(), new_name.to_owned());
        if self.stack.contains(&key) {
            return Nested::default();
        }
        let (Some(a), Some(b)) = (self.old.shape(old_name), self.new.shape(new_name)) else {
            return Nested::default();
        };
        self.stack.push(key);
        let mut nested = Nested::default();
        match (&a.kind, &b.kind) {
            (ShapeKind::Structure(sa), ShapeKind::Structure(sb)) => {
                nested = self.structure(sa, sb, path);
            }
            (
                ShapeKind::List {
                    member: ma,
                    min: mina,
                    max: maxa,
                },
                ShapeKind::List {
                    member: mb,
                    min: minb,
                    max: maxb,
                },
            ) => {
                self.length_bounds(path, (*mina, *maxa), (*minb, *maxb));
                nested = self.shape(ma, mb, &format!("{path}[]"));
            }
            (
                ShapeKind::Map {
                    key: ka,
                    value: va,
                    min: mina,
                    max: maxa,
                },
                ShapeKind::Map {
                    key: kb,
                    value: vb,
                    min: minb,
                    max: maxb,
                },
            ) => {
                self.length_bounds(path, (*mina, *maxa), (*minb, *maxb));
                // Keys are scalars: only their constraints can change.
                self.shape(ka, kb, &format!("{path}{{key}}"));
                nested = self.shape(va, vb, &format!("{path}{{}}"));
            }
            (ShapeKind::String(sa), ShapeKind::String(sb)) => self.string(path, sa, sb),
            (
                ShapeKind::Integer {
                    min: mina,
                    max: maxa,
                },
                ShapeKind::Integer {
                    min: minb,
                    max: maxb,
                },
            )
            | (
                ShapeKind::Long {
                    min: mina,
                    max: maxa,
                },
                ShapeKind::Long {
                    min: minb,
                    max: maxb,
                },
            ) => {
                self.bounds(path, (*mina, *maxa), (*minb, *maxb), None);
            }
            (
                ShapeKind::Blob {
                    min: mina,
                    max: maxa,
                },
                ShapeKind::Blob {
                    min: minb,
                    max: maxb,
                },
            ) => {
                self.length_bounds(path, (*mina, *maxa), (*minb, *maxb));
            }
            (ka, kb) if kind_word(ka) != kind_word(kb) => {
                self.push(
                    path,
                    ChangeKind::Type,
                    Some(kind_word(ka).into()),
                    Some(kind_word(kb).into()),
                    BREAKS_BOTH,
                );
            }
            _ => {}
        }
        self.stack.pop();
        nested
    }

    /// Length bounds: an absent minimum is zero.
    fn length_bounds(
        &mut self,
        path: &str,
        old: (Option<u64>, Option<u64>),
        new: (Option<u64>, Option<u64>),
    ) {
        let conv = |v: Option<u64>| v.map(i64::try_from).and_then(Result::ok);
        self.bounds(
            path,
            (conv(old.0), conv(old.1)),
            (conv(new.0), conv(new.1)),
            Some(0),
        );
    }

    fn bounds(
        &mut self,
        path: &str,
        (old_min, old_max): (Option<i64>, Option<i64>),
        (new_min, new_max): (Option<i64>, Option<i64>),
        min_default: Option<i64>,
    ) {
        let (old_min, new_min) = (old_min.or(min_default), new_min.or(min_default));
        if old_min != new_min {
            // An absent minimum is no bound at all.
            let tighter = new_min.unwrap_or(i64::MIN) > old_min.unwrap_or(i64::MIN);
            let impact = constraint(
                self.side,
                if tighter {
                    Direction::Tighter
                } else {
                    Direction::Looser
                },
            );
            self.push(
                path,
                ChangeKind::Min,
                bound_word(old_min),
                bound_word(new_min),
                impact,
            );
        }
        if old_max != new_max {
            let tighter = new_max.unwrap_or(i64::MAX) < old_max.unwrap_or(i64::MAX);
            let impact = constraint(
                self.side,
                if tighter {
                    Direction::Tighter
                } else {
                    Direction::Looser
                },
            );
            self.push(
                path,
                ChangeKind::Max,
                bound_word(old_max),
                bound_word(new_max),
                impact,
            );
        }
    }

    fn string(&mut self, path: &str, a: &StringShape, b: &StringShape) {
        let conv = |v: Option<u64>| v.map(i64::try_from).and_then(Result::ok);
        self.bounds(
            path,
            (conv(a.min), conv(a.max)),
            (conv(b.min), conv(b.max)),
            Some(0),
        );
        if a.pattern != b.pattern {
            let dir = match (&a.pattern, &b.pattern) {
                (None, Some(_)) => Direction::Tighter,
                (Some(_), None) => Direction::Looser,
                _ => Direction::Different,
            };
            let impact = constraint(self.side, dir);
            self.push(
                path,
                ChangeKind::Pattern,
                a.pattern.clone(),
                b.pattern.clone(),
                impact,
            );
        }
        match (&a.enum_values, &b.enum_values) {
            (Some(va), Some(vb)) => {
                let (sa, sb): (BTreeSet<&String>, BTreeSet<&String>) =
                    (va.iter().collect(), vb.iter().collect());
                let added: Vec<&str> = sb.difference(&sa).map(|s| s.as_str()).collect();
                let removed: Vec<&str> = sa.difference(&sb).map(|s| s.as_str()).collect();
                if !added.is_empty() {
                    let impact = constraint(self.side, Direction::Looser);
                    self.push(
                        path,
                        ChangeKind::EnumValuesAdded,
                        None,
                        Some(added.join(", ")),
                        impact,
                    );
                }
                if !removed.is_empty() {
                    let impact = constraint(self.side, Direction::Tighter);
                    self.push(
                        path,
                        ChangeKind::EnumValuesRemoved,
                        Some(removed.join(", ")),
                        None,
                        impact,
                    );
                }
            }
            (None, Some(vb)) => {
                let impact = constraint(self.side, Direction::Tighter);
                self.push(
                    path,
                    ChangeKind::Enum,
                    Some("any".into()),
                    Some(vb.join(" | ")),
                    impact,
                );
            }
            (Some(va), None) => {
                let impact = constraint(self.side, Direction::Looser);
                self.push(
                    path,
                    ChangeKind::Enum,
                    Some(va.join(" | ")),
                    Some("any".into()),
                    impact,
                );
            }
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests;
