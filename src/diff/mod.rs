//! What an API update changed between two versions of a service model, and what breaks.
//!
//! The diff walks each operation's input and output structure in both models side by side,
//! members by name, through nested structures, lists and maps. A change in a shared shape is
//! therefore reported under every operation that reaches it, at the member path it is reached
//! by. Added and removed members are summarised the way the AWS API changelog shows them;
//! every change (members, constraints, bindings, errors) is also classified for the two sides
//! of the contract.

mod pretty;

pub use pretty::python_repr;

use crate::model::{Location, Operation, ServiceModel, ShapeKind, StringShape, Structure};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Everything that changed from one model version to the next.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ModelDiff {
    /// The service's full name, as the newer model states it.
    pub service: String,
    /// Operations only the newer model has, by name.
    pub new_operations: Vec<String>,
    /// Operations only the older model has, by name.
    pub removed_operations: Vec<String>,
    /// Operations in both models whose contract changed, by name.
    pub updated_operations: Vec<OperationDiff>,
}

/// How one operation present in both models changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OperationDiff {
    pub name: String,
    pub request: MemberChanges,
    pub response: MemberChanges,
    /// Every change of the operation, classified, in walk order.
    pub changes: Vec<Change>,
}

/// Members added or removed on one side of an operation, as a nested structure in the
/// changelog's form: `{"ChannelMessage": {"ContentType": "string"}}`. Lists and maps are
/// transparent: a member added to a list's structure shows under the list member's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MemberChanges {
    pub added: Option<Value>,
    pub removed: Option<Value>,
}

impl MemberChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_none() && self.removed.is_none()
    }
}

/// Where in an operation a change sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The operation itself: its existence, HTTP binding, status code, errors.
    Operation,
    Request,
    Response,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Operation => "operation",
            Side::Request => "request",
            Side::Response => "response",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    MemberAdded,
    MemberRemoved,
    Required,
    Min,
    Max,
    Pattern,
    /// An enum constraint appeared on, or disappeared from, a string.
    Enum,
    EnumValuesAdded,
    EnumValuesRemoved,
    Location,
    Type,
    IdempotencyToken,
    HttpMethod,
    HttpUri,
    StatusCode,
    ErrorAdded,
    ErrorRemoved,
    ErrorStatus,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        f.write_str(&s)
    }
}

/// What a change does to one side of the contract.
///
/// A client is one written against the older model, talking to a service of the newer one;
/// a server is one implementing the older model, facing clients of the newer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Keeps working.
    None,
    /// Breaks only implementations that reject what they do not know (closed enums, unknown
    /// members, unexpected status codes).
    Strict,
    /// Breaks.
    Breaking,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::None => "-",
            Impact::Strict => "strict",
            Impact::Breaking => "BREAKING",
        })
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub operation: String,
    pub side: Side,
    /// Member path from the operation's input or output, `[]` for a list's member, `{}` for a
    /// map's value and `{key}` for its key; empty for changes of the operation itself.
    pub path: String,
    pub kind: ChangeKind,
    pub old: Option<String>,
    pub new: Option<String>,
    pub client: Impact,
    pub server: Impact,
}

impl Change {
    pub fn is_breaking(&self) -> bool {
        self.client == Impact::Breaking || self.server == Impact::Breaking
    }
}

impl ModelDiff {
    pub fn is_empty(&self) -> bool {
        self.new_operations.is_empty()
            && self.removed_operations.is_empty()
            && self.updated_operations.is_empty()
    }

    pub fn operation(&self, name: &str) -> Option<&OperationDiff> {
        self.updated_operations.iter().find(|o| o.name == name)
    }

    /// Every classified change: new and removed operations first, then the updated ones'.
    pub fn changes(&self) -> Vec<Change> {
        let op_change = |name: &String, kind, client, server| Change {
            operation: name.clone(),
            side: Side::Operation,
            path: String::new(),
            kind,
            old: None,
            new: None,
            client,
            server,
        };
        let added = self
            .new_operations
            .iter()
            // A server of the older model does not implement it.
            .map(|n| {
                op_change(
                    n,
                    ChangeKind::OperationAdded,
                    Impact::None,
                    Impact::Breaking,
                )
            });
        let removed = self.removed_operations.iter().map(|n| {
            op_change(
                n,
                ChangeKind::OperationRemoved,
                Impact::Breaking,
                Impact::None,
            )
        });
        added
            .chain(removed)
            .chain(
                self.updated_operations
                    .iter()
                    .flat_map(|o| o.changes.iter().cloned()),
            )
            .collect()
    }

    /// True when any change breaks clients or servers (strict-only impacts do not count).
    pub fn is_breaking(&self) -> bool {
        self.changes().iter().any(Change::is_breaking)
    }

    /// The changelog form: a summary line, the new, removed and updated operations with their
    /// member changes, then the table of classified changes.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut counts = vec![
            format!("{} new", self.new_operations.len()),
            format!("{} updated", self.updated_operations.len()),
        ];
        if !self.removed_operations.is_empty() {
            counts.push(format!("{} removed", self.removed_operations.len()));
        }
        out.push_str(&format!(
            "{} - {} api methods\n",
            self.service,
            counts.join(" ")
        ));
        for name in &self.new_operations {
            out.push_str(&format!("\n{name} (new)\n"));
        }
        for name in &self.removed_operations {
            out.push_str(&format!("\n{name} (removed)\n"));
        }
        for op in &self.updated_operations {
            out.push_str(&format!("\n{} (updated)\n", op.name));
            for (side, members) in [("request", &op.request), ("response", &op.response)] {
                if let Some(added) = &members.added {
                    out.push_str(&format!("Changes ({side})\n{}\n", python_repr(added)));
                }
                if let Some(removed) = &members.removed {
                    out.push_str(&format!("Removals ({side})\n{}\n", python_repr(removed)));
                }
            }
        }
        let changes = self.changes();
        out.push_str(&format!("\nClassified changes ({})\n", changes.len()));
        if changes.is_empty() {
            out.push_str("none\n");
            return out;
        }
        let header = [
            "OPERATION",
            "SIDE",
            "PATH",
            "CHANGE",
            "OLD",
            "NEW",
            "CLIENT",
            "SERVER",
        ]
        .map(str::to_owned);
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let rows: Vec<[String; 8]> = std::iter::once(header)
            .chain(changes.iter().map(|c| {
                [
                    c.operation.clone(),
                    c.side.to_string(),
                    if c.path.is_empty() {
                        "-".into()
                    } else {
                        c.path.clone()
                    },
                    c.kind.to_string(),
                    dash(&c.old),
                    dash(&c.new),
                    c.client.to_string(),
                    c.server.to_string(),
                ]
            }))
            .collect();
        let mut widths = [0usize; 8];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in &rows {
            let line: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

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

/// Which way a constraint moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Fewer values are valid than before.
    Tighter,
    /// More values are valid than before.
    Looser,
    /// Neither contains the other.
    Different,
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
        (client, server): (Impact, Impact),
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

    /// Who a constraint move breaks: a tighter request breaks clients that send what is no
    /// longer valid; a looser request breaks servers that reject what now is; a tighter
    /// response breaks servers that still send what is no longer valid; a looser response
    /// breaks clients that check what they receive.
    fn impact(&self, dir: Direction) -> (Impact, Impact) {
        use Impact::*;
        match (self.side, dir) {
            (_, Direction::Different) => (Breaking, Breaking),
            (Side::Request, Direction::Tighter) => (Breaking, None),
            (Side::Request, Direction::Looser) => (None, Breaking),
            (_, Direction::Tighter) => (None, Breaking),
            (_, Direction::Looser) => (Strict, None),
        }
    }

    fn binding(&mut self, old: &Operation, new: &Operation) {
        if old.http.method != new.http.method {
            self.push(
                "",
                ChangeKind::HttpMethod,
                Some(old.http.method.to_string()),
                Some(new.http.method.to_string()),
                (Impact::Breaking, Impact::Breaking),
            );
        }
        if old.http.uri.raw != new.http.uri.raw {
            self.push(
                "",
                ChangeKind::HttpUri,
                Some(old.http.uri.raw.clone()),
                Some(new.http.uri.raw.clone()),
                (Impact::Breaking, Impact::Breaking),
            );
        }
        if old.http.success_code != new.http.success_code {
            // Clients generally accept any 2xx; servers must send the new code.
            self.push(
                "",
                ChangeKind::StatusCode,
                Some(old.http.success_code.to_string()),
                Some(new.http.success_code.to_string()),
                (Impact::Strict, Impact::Breaking),
            );
        }
        let old_errors: BTreeSet<&String> = old.errors.iter().collect();
        let new_errors: BTreeSet<&String> = new.errors.iter().collect();
        for e in new_errors.difference(&old_errors) {
            // Clients handle an unknown error type generically.
            self.push(
                "",
                ChangeKind::ErrorAdded,
                None,
                Some((*e).clone()),
                (Impact::Strict, Impact::None),
            );
        }
        for e in old_errors.difference(&new_errors) {
            // A server of the older model may still answer with it: an unmodelled error.
            self.push(
                "",
                ChangeKind::ErrorRemoved,
                Some((*e).clone()),
                None,
                (Impact::None, Impact::Breaking),
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
                    (Impact::Strict, Impact::Breaking),
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
                    let impact = match (self.side, required) {
                        // A server must accept it; an older client does not send a required one.
                        (Side::Request, false) => (Impact::None, Impact::Breaking),
                        (Side::Request, true) => (Impact::Breaking, Impact::Breaking),
                        // An older server never sends it, which a required one forbids.
                        (_, false) => (Impact::Strict, Impact::None),
                        (_, true) => (Impact::Strict, Impact::Breaking),
                    };
                    let desc = member_desc(self.new, &m.target, required);
                    self.push(&path, ChangeKind::MemberAdded, None, Some(desc), impact);
                }
                (Some(m), None) => {
                    nested
                        .removed
                        .insert(name.clone(), summary(self.old, &m.target, &mut Vec::new()));
                    let impact = match self.side {
                        // Older clients still send it.
                        Side::Request => (Impact::Breaking, Impact::None),
                        // Older clients read it; older servers still send an unknown member.
                        _ => (Impact::Breaking, Impact::Strict),
                    };
                    let desc = member_desc(self.old, &m.target, old.is_required(name));
                    self.push(&path, ChangeKind::MemberRemoved, Some(desc), None, impact);
                }
                (Some(a), Some(b)) => {
                    let (ra, rb) = (old.is_required(name), new.is_required(name));
                    if ra != rb {
                        let impact = if self.side == Side::Response && ra {
                            // Older clients may rely on a member that can now be absent.
                            (Impact::Breaking, Impact::None)
                        } else {
                            self.impact(if rb {
                                Direction::Tighter
                            } else {
                                Direction::Looser
                            })
                        };
                        self.push(
                            &path,
                            ChangeKind::Required,
                            Some(required_word(ra).into()),
                            Some(required_word(rb).into()),
                            impact,
                        );
                    }
                    if a.location != b.location {
                        self.push(
                            &path,
                            ChangeKind::Location,
                            Some(location_desc(&a.location)),
                            Some(location_desc(&b.location)),
                            (Impact::Breaking, Impact::Breaking),
                        );
                    }
                    if a.idempotency_token != b.idempotency_token {
                        // A server must then deduplicate retries by the token.
                        let impact = if b.idempotency_token {
                            (Impact::None, Impact::Breaking)
                        } else {
                            (Impact::Strict, Impact::None)
                        };
                        self.push(
                            &path,
                            ChangeKind::IdempotencyToken,
                            Some(a.idempotency_token.to_string()),
                            Some(b.idempotency_token.to_string()),
                            impact,
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
                    (Impact::Breaking, Impact::Breaking),
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
            let impact = self.impact(if tighter {
                Direction::Tighter
            } else {
                Direction::Looser
            });
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
            let impact = self.impact(if tighter {
                Direction::Tighter
            } else {
                Direction::Looser
            });
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
            let impact = self.impact(dir);
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
                    let impact = self.impact(Direction::Looser);
                    self.push(
                        path,
                        ChangeKind::EnumValuesAdded,
                        None,
                        Some(added.join(", ")),
                        impact,
                    );
                }
                if !removed.is_empty() {
                    let impact = self.impact(Direction::Tighter);
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
                let impact = self.impact(Direction::Tighter);
                self.push(
                    path,
                    ChangeKind::Enum,
                    Some("any".into()),
                    Some(vb.join(" | ")),
                    impact,
                );
            }
            (Some(va), None) => {
                let impact = self.impact(Direction::Looser);
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

fn required_word(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

fn bound_word(v: Option<i64>) -> Option<String> {
    Some(v.map_or_else(|| "none".to_owned(), |v| v.to_string()))
}

fn location_desc(loc: &Location) -> String {
    match loc {
        Location::Body { json_name } => format!("body {json_name}"),
        Location::Uri(l) => format!("uri {l}"),
        Location::Query(q) => format!("query {q}"),
        Location::Header(h) => format!("header {h}"),
    }
}

fn kind_word(kind: &ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Structure(_) => "structure",
        ShapeKind::List { .. } => "list",
        ShapeKind::Map { .. } => "map",
        ShapeKind::String(_) => "string",
        ShapeKind::Integer { .. } => "integer",
        ShapeKind::Long { .. } => "long",
        ShapeKind::Double => "double",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Timestamp => "timestamp",
        ShapeKind::Blob { .. } => "blob",
    }
}

fn member_desc(model: &ServiceModel, target: &str, required: bool) -> String {
    let kind = model
        .shape(target)
        .map_or("unknown", |s| kind_word(&s.kind));
    format!("{} {kind} ({target})", required_word(required))
}

/// The changelog's summary of a shape: structures as nested members, lists as a one-item list,
/// maps keyed by their key's summary, enums as their values joined by ` | `, scalars by type.
fn summary(model: &ServiceModel, name: &str, stack: &mut Vec<String>) -> Value {
    let Some(shape) = model.shape(name) else {
        return Value::String(name.to_owned());
    };
    if stack.iter().any(|s| s == name) {
        // A recursive shape: name it instead of unfolding it forever.
        return Value::String(name.to_owned());
    }
    stack.push(name.to_owned());
    let v = match &shape.kind {
        ShapeKind::Structure(s) => Value::Object(
            s.members
                .iter()
                .map(|(n, m)| (n.clone(), summary(model, &m.target, stack)))
                .collect(),
        ),
        ShapeKind::List { member, .. } => Value::Array(vec![summary(model, member, stack)]),
        ShapeKind::Map { key, value, .. } => {
            let key = match summary(model, key, stack) {
                Value::String(s) => s,
                _ => "string".to_owned(),
            };
            let mut m = Map::new();
            m.insert(key, summary(model, value, stack));
            Value::Object(m)
        }
        ShapeKind::String(StringShape {
            enum_values: Some(values),
            ..
        }) => Value::String(values.join(" | ")),
        other => Value::String(kind_word(other).to_owned()),
    };
    stack.pop();
    v
}

/// Counts of what changed, for reports.
pub fn counts(diff: &ModelDiff) -> BTreeMap<&'static str, usize> {
    let changes = diff.changes();
    BTreeMap::from([
        ("new", diff.new_operations.len()),
        ("removed", diff.removed_operations.len()),
        ("updated", diff.updated_operations.len()),
        ("changes", changes.len()),
        (
            "breaking",
            changes.iter().filter(|c| c.is_breaking()).count(),
        ),
    ])
}

#[cfg(test)]
mod tests;
