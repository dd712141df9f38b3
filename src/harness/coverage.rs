//! What a run exercised, measured against the models and the behaviour catalogue: the
//! operations called, the success and each modelled error observed per operation, the enum
//! values sent and seen, the response members observed and the catalogue entries exercised.
//!
//! Every total comes from the models (walked once from each operation's input, output and
//! error shapes), so the figures follow the models when they change. The recorder is shared
//! by concurrent scenarios behind an `Arc` and takes `&self`.

use crate::model::{Location, Service, ServiceModel, Shape, ShapeKind, Structure};
use crate::wire;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// `service:Name`, how operations and shapes of both services are told apart.
fn qualified(service: Service, name: &str) -> String {
    format!("{}:{name}", service.slug())
}

/// What the models offer to be covered, computed once.
#[derive(Debug)]
struct Universe {
    /// `service:Operation` -> the error shapes it lists.
    operations: BTreeMap<String, Vec<String>>,
    /// `service:Shape` -> the values of enum shapes reachable from operation inputs.
    input_enums: BTreeMap<String, Vec<String>>,
    /// The same from outputs and error shapes.
    output_enums: BTreeMap<String, Vec<String>>,
    /// `service:Structure.Member` of every structure reachable from an operation output.
    output_members: BTreeSet<String>,
}

fn universe() -> &'static Universe {
    static UNIVERSE: OnceLock<Universe> = OnceLock::new();
    UNIVERSE.get_or_init(|| {
        let mut u = Universe {
            operations: BTreeMap::new(),
            input_enums: BTreeMap::new(),
            output_enums: BTreeMap::new(),
            output_members: BTreeSet::new(),
        };
        for service in Service::ALL {
            let model = service.model();
            let mut inputs = Reach::default();
            let mut outputs = Reach::default();
            for op in model.operations.values() {
                u.operations
                    .insert(qualified(service, &op.name), op.errors.clone());
                if let Some(input) = &op.input {
                    inputs.walk(model, input);
                }
                if let Some(output) = &op.output {
                    outputs.walk(model, output);
                }
            }
            u.output_members
                .extend(outputs.members.iter().map(|m| qualified(service, m)));
            // Error bodies are outputs too, but their members are not response members.
            let mut errors = Reach::default();
            for shape in model.error_shapes() {
                errors.walk(model, &shape.name);
            }
            outputs.enums.extend(errors.enums);
            for (reach, into) in [(inputs, &mut u.input_enums), (outputs, &mut u.output_enums)] {
                for (shape, values) in reach.enums {
                    into.insert(qualified(service, &shape), values);
                }
            }
        }
        u
    })
}

/// The shapes reachable from some roots: enum shapes and structure members.
#[derive(Default)]
struct Reach {
    visited: BTreeSet<String>,
    enums: BTreeMap<String, Vec<String>>,
    members: BTreeSet<String>,
}

impl Reach {
    fn walk(&mut self, model: &ServiceModel, shape: &str) {
        if !self.visited.insert(shape.to_owned()) {
            return;
        }
        let Some(s) = model.shape(shape) else { return };
        match &s.kind {
            ShapeKind::Structure(st) => {
                for m in st.members.values() {
                    self.members.insert(format!("{shape}.{}", m.name));
                    self.walk(model, &m.target);
                }
            }
            ShapeKind::List { member, .. } => self.walk(model, member),
            ShapeKind::Map { key, value, .. } => {
                self.walk(model, key);
                self.walk(model, value);
            }
            ShapeKind::String(st) => {
                if let Some(values) = &st.enum_values {
                    self.enums.insert(shape.to_owned(), values.clone());
                }
            }
            _ => {}
        }
    }
}

/// What one walk of a value against its shape found.
#[derive(Default)]
struct Found {
    /// (`Shape`, value, whether the model lists the value).
    enums: Vec<(String, String, bool)>,
    /// `Structure.Member` present with a non-null value.
    members: Vec<String>,
}

impl Found {
    fn value(&mut self, model: &ServiceModel, shape: &Shape, value: &Value, depth: usize) {
        // Models nest a handful of levels; a deeper value is not the model's.
        if depth > 32 {
            return;
        }
        match (&shape.kind, value) {
            (ShapeKind::Structure(st), Value::Object(_)) => {
                self.structure(model, &shape.name, st, value, depth);
            }
            (ShapeKind::List { member, .. }, Value::Array(items)) => {
                if let Some(item) = model.shape(member) {
                    for v in items {
                        self.value(model, item, v, depth + 1);
                    }
                }
            }
            (ShapeKind::Map { key, value: v, .. }, Value::Object(map)) => {
                let key_shape = model.shape(key);
                let value_shape = model.shape(v);
                for (k, item) in map {
                    if let Some(ks) = key_shape {
                        self.value(model, ks, &Value::String(k.clone()), depth + 1);
                    }
                    if let Some(vs) = value_shape {
                        self.value(model, vs, item, depth + 1);
                    }
                }
            }
            (ShapeKind::String(st), Value::String(s)) => {
                if let Some(values) = &st.enum_values {
                    let listed = values.iter().any(|v| v == s);
                    self.enums.push((shape.name.clone(), s.clone(), listed));
                }
            }
            _ => {}
        }
    }

    /// Members are looked up by SDK name first (inputs, header-bound outputs), then by their
    /// JSON name (bodies).
    fn structure(
        &mut self,
        model: &ServiceModel,
        name: &str,
        st: &Structure,
        value: &Value,
        depth: usize,
    ) {
        for m in st.members.values() {
            let found = value.get(&m.name).or_else(|| match &m.location {
                Location::Body { json_name } if *json_name != m.name => value.get(json_name),
                _ => None,
            });
            let Some(v) = found.filter(|v| !v.is_null()) else {
                continue;
            };
            self.members.push(format!("{name}.{}", m.name));
            if let Some(target) = model.shape(&m.target) {
                self.value(model, target, v, depth + 1);
            }
        }
    }

    fn root(model: &ServiceModel, shape: Option<&str>, value: &Value) -> Found {
        let mut found = Found::default();
        if let Some(s) = shape.and_then(|s| model.shape(s)) {
            found.value(model, s, value, 0);
        }
        found
    }
}

#[derive(Debug, Default, Clone)]
struct OperationState {
    calls: usize,
    successes: usize,
    /// Error shape -> times observed (empty shape: an error that named none).
    errors: BTreeMap<String, usize>,
    statuses: BTreeMap<u16, usize>,
}

#[derive(Debug, Default)]
struct State {
    operations: BTreeMap<String, OperationState>,
    /// Answers recorded for operations the models do not have.
    unknown_operations: BTreeMap<String, usize>,
    enums_sent: BTreeMap<String, BTreeSet<String>>,
    enums_seen: BTreeMap<String, BTreeSet<String>>,
    unlisted_sent: BTreeMap<String, BTreeSet<String>>,
    unlisted_seen: BTreeMap<String, BTreeSet<String>>,
    members_seen: BTreeSet<String>,
    behaviours: BTreeSet<String>,
}

/// The coverage recorder of one run.
#[derive(Debug)]
pub struct Coverage {
    catalogue: BTreeSet<String>,
    state: Mutex<State>,
}

impl Default for Coverage {
    fn default() -> Self {
        Coverage::new(Vec::<String>::new())
    }
}

/// The entry ids of a catalogue listing: the first word of each line that starts with `B-`
/// (`B-EXP-02 doc`); other lines are ignored.
pub fn catalogue_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with("B-"))
        .map(str::to_owned)
        .collect()
}

impl Coverage {
    /// A recorder measuring behaviours against the catalogue entry ids given.
    pub fn new<S: Into<String>>(catalogue: impl IntoIterator<Item = S>) -> Coverage {
        Coverage {
            catalogue: catalogue.into_iter().map(Into::into).collect(),
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records one answered call and the input it was sent with (SDK member names).
    pub fn record(&self, response: &wire::Response, input: &Value) {
        self.record_input(response.service, &response.operation, input);
        let service = response.service;
        let model = service.model();
        let key = qualified(service, &response.operation);
        let Some(op) = model.operation(&response.operation) else {
            *self.state().unknown_operations.entry(key).or_default() += 1;
            return;
        };
        let error = response.error.as_ref();
        let found = match (error, &response.body) {
            (None, Some(body)) if response.is_success() => {
                Found::root(model, op.output.as_deref(), body)
            }
            (Some(e), Some(body)) if model.error_info(&e.shape).is_some() => {
                let mut found = Found::root(model, Some(&e.shape), body);
                // Error members are not counted as response members.
                found.members.clear();
                found
            }
            _ => Found::default(),
        };
        let mut state = self.state();
        let entry = state.operations.entry(key).or_default();
        entry.calls += 1;
        *entry.statuses.entry(response.status).or_default() += 1;
        match error {
            None if response.is_success() => entry.successes += 1,
            None => *entry.errors.entry(String::new()).or_default() += 1,
            Some(e) => *entry.errors.entry(e.shape.clone()).or_default() += 1,
        }
        for (shape, value, listed) in found.enums {
            let shape = qualified(service, &shape);
            let into = if listed {
                &mut state.enums_seen
            } else {
                &mut state.unlisted_seen
            };
            into.entry(shape).or_default().insert(value);
        }
        state
            .members_seen
            .extend(found.members.iter().map(|m| qualified(service, m)));
    }

    /// Records the enum values of an input, also for calls that got no answer.
    pub fn record_input(&self, service: Service, operation: &str, input: &Value) {
        let model = service.model();
        let Some(op) = model.operation(operation) else {
            return;
        };
        let found = Found::root(model, op.input.as_deref(), input);
        let mut state = self.state();
        for (shape, value, listed) in found.enums {
            let shape = qualified(service, &shape);
            let into = if listed {
                &mut state.enums_sent
            } else {
                &mut state.unlisted_sent
            };
            into.entry(shape).or_default().insert(value);
        }
    }

    /// Records the catalogue entries a scenario checks, from its tags (`@B-EXP-02` or
    /// `B-EXP-02`); tags that are not entry ids are ignored.
    pub fn record_behaviours<S: AsRef<str>>(&self, tags: impl IntoIterator<Item = S>) {
        let ids: Vec<String> = tags
            .into_iter()
            .map(|t| t.as_ref().trim().trim_start_matches('@').to_owned())
            .filter(|t| t.starts_with("B-"))
            .collect();
        self.state().behaviours.extend(ids);
    }

    /// The figures so far.
    pub fn report(&self) -> CoverageReport {
        let u = universe();
        let state = self.state();
        let mut per_operation = BTreeMap::new();
        let (mut called, mut succeeded, mut errors_seen, mut errors_total) = (0, 0, 0, 0);
        for (key, modelled) in &u.operations {
            let st = state.operations.get(key).cloned().unwrap_or_default();
            called += usize::from(st.calls > 0);
            succeeded += usize::from(st.successes > 0);
            errors_total += modelled.len();
            let errors: BTreeMap<String, usize> = modelled
                .iter()
                .map(|e| (e.clone(), st.errors.get(e).copied().unwrap_or(0)))
                .collect();
            errors_seen += errors.values().filter(|n| **n > 0).count();
            let unmodelled: BTreeMap<String, usize> = st
                .errors
                .iter()
                .filter(|(e, _)| !modelled.contains(e))
                .map(|(e, n)| {
                    let e = if e.is_empty() { "<unnamed>" } else { e };
                    (e.to_owned(), *n)
                })
                .collect();
            per_operation.insert(
                key.clone(),
                OperationCoverage {
                    calls: st.calls,
                    successes: st.successes,
                    errors,
                    unmodelled_errors: unmodelled,
                    statuses: st.statuses.clone(),
                    response_members: output_members(key, &state.members_seen),
                },
            );
        }
        let enums_sent = enum_table(&u.input_enums, &state.enums_sent);
        let enums_seen = enum_table(&u.output_enums, &state.enums_seen);
        let members_seen = u
            .output_members
            .iter()
            .filter(|m| state.members_seen.contains(*m))
            .count();
        let exercised: BTreeSet<&String> = state
            .behaviours
            .iter()
            .filter(|b| self.catalogue.contains(*b))
            .collect();
        CoverageReport {
            operations: Ratio::new(called, u.operations.len()),
            successes: Ratio::new(succeeded, u.operations.len()),
            modelled_errors: Ratio::new(errors_seen, errors_total),
            enum_values_sent: enums_sent.ratio(),
            enum_values_seen: enums_seen.ratio(),
            response_members: Ratio::new(members_seen, u.output_members.len()),
            behaviours: Ratio::new(exercised.len(), self.catalogue.len()),
            per_operation,
            enums_sent: enums_sent.0,
            enums_seen: enums_seen.0,
            unlisted_enum_values_sent: state.unlisted_sent.clone(),
            unlisted_enum_values_seen: state.unlisted_seen.clone(),
            response_members_missing: u
                .output_members
                .iter()
                .filter(|m| !state.members_seen.contains(*m))
                .cloned()
                .collect(),
            behaviours_exercised: exercised.into_iter().cloned().collect(),
            behaviours_missing: self
                .catalogue
                .iter()
                .filter(|b| !state.behaviours.contains(*b))
                .cloned()
                .collect(),
            behaviours_unknown: state
                .behaviours
                .iter()
                .filter(|b| !self.catalogue.contains(*b))
                .cloned()
                .collect(),
            unknown_operations: state.unknown_operations.clone(),
        }
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Value {
        self.report().to_json()
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        self.report().summary()
    }
}

/// `member -> observed` for the top-level members of an operation's output.
fn output_members(op_key: &str, seen: &BTreeSet<String>) -> BTreeMap<String, bool> {
    let Some((service, name)) = op_key.split_once(':') else {
        return BTreeMap::new();
    };
    let Some(service) = Service::from_slug(service) else {
        return BTreeMap::new();
    };
    let model = service.model();
    let Some(output) = model.operation(name).and_then(|op| op.output.clone()) else {
        return BTreeMap::new();
    };
    let Some(st) = model.structure(&output) else {
        return BTreeMap::new();
    };
    st.members
        .keys()
        .map(|m| {
            let key = qualified(service, &format!("{output}.{m}"));
            (m.clone(), seen.contains(&key))
        })
        .collect()
}

struct EnumTable(BTreeMap<String, BTreeMap<String, bool>>);

impl EnumTable {
    fn ratio(&self) -> Ratio {
        let values = self.0.values().flat_map(BTreeMap::values);
        let (seen, total) = values.fold((0, 0), |(s, t), v| (s + usize::from(*v), t + 1));
        Ratio::new(seen, total)
    }
}

fn enum_table(
    modelled: &BTreeMap<String, Vec<String>>,
    observed: &BTreeMap<String, BTreeSet<String>>,
) -> EnumTable {
    EnumTable(
        modelled
            .iter()
            .map(|(shape, values)| {
                let seen = observed.get(shape);
                let row = values
                    .iter()
                    .map(|v| (v.clone(), seen.is_some_and(|s| s.contains(v))))
                    .collect();
                (shape.clone(), row)
            })
            .collect(),
    )
}

/// So many covered of so many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub covered: usize,
    pub total: usize,
}

impl Ratio {
    pub fn new(covered: usize, total: usize) -> Ratio {
        Ratio { covered, total }
    }

    /// Percent covered; 100 when there is nothing to cover.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / self.total as f64
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.covered, self.total)
    }
}

/// One operation's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationCoverage {
    pub calls: usize,
    pub successes: usize,
    /// Each error shape the model lists -> times observed.
    pub errors: BTreeMap<String, usize>,
    /// Error shapes observed that the model does not list for the operation (`<unnamed>`:
    /// an answer outside 2xx that named no error).
    pub unmodelled_errors: BTreeMap<String, usize>,
    pub statuses: BTreeMap<u16, usize>,
    /// Each top-level output member -> whether a response carried it.
    pub response_members: BTreeMap<String, bool>,
}

/// The figures of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageReport {
    pub operations: Ratio,
    pub successes: Ratio,
    pub modelled_errors: Ratio,
    pub enum_values_sent: Ratio,
    pub enum_values_seen: Ratio,
    pub response_members: Ratio,
    pub behaviours: Ratio,
    /// By `service:Operation`.
    pub per_operation: BTreeMap<String, OperationCoverage>,
    /// `service:Shape` -> value -> sent (enum shapes reachable from inputs).
    pub enums_sent: BTreeMap<String, BTreeMap<String, bool>>,
    /// `service:Shape` -> value -> seen (enum shapes reachable from outputs and errors).
    pub enums_seen: BTreeMap<String, BTreeMap<String, bool>>,
    /// Values of enum shapes that the model does not list.
    pub unlisted_enum_values_sent: BTreeMap<String, BTreeSet<String>>,
    pub unlisted_enum_values_seen: BTreeMap<String, BTreeSet<String>>,
    /// `service:Structure.Member` of output structures never observed.
    pub response_members_missing: Vec<String>,
    pub behaviours_exercised: Vec<String>,
    pub behaviours_missing: Vec<String>,
    /// Tagged entry ids the catalogue does not have.
    pub behaviours_unknown: Vec<String>,
    pub unknown_operations: BTreeMap<String, usize>,
}

/// The operations figure is below the minimum asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MinCoverageError {
    #[error("the minimum coverage must be a percentage from 0 to 100, not {0}")]
    BadMinimum(f64),
    #[error(
        "operation coverage {percent:.1}% ({ratio} operations) is below the minimum of {minimum}%"
    )]
    Below {
        percent: f64,
        ratio: Ratio,
        minimum: f64,
    },
}

impl CoverageReport {
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|e| Value::String(e.to_string()))
    }

    /// `coverage: 43/81 operations, 61/550 modelled errors, 37/60 behaviours, 40/81 successes, ...`
    pub fn summary(&self) -> String {
        let behaviours = if self.behaviours.total == 0 {
            format!(
                "{} behaviours (no catalogue)",
                self.behaviours_unknown.len()
            )
        } else {
            format!("{} behaviours", self.behaviours)
        };
        format!(
            "coverage: {} operations, {} modelled errors, {behaviours}, {} successes, \
             {} enum values sent, {} enum values seen, {} response members",
            self.operations,
            self.modelled_errors,
            self.successes,
            self.enum_values_sent,
            self.enum_values_seen,
            self.response_members
        )
    }

    /// Fails when fewer than `minimum` percent of the modelled operations were called.
    pub fn check_min_coverage(&self, minimum: f64) -> Result<(), MinCoverageError> {
        if !(0.0..=100.0).contains(&minimum) {
            return Err(MinCoverageError::BadMinimum(minimum));
        }
        let percent = self.operations.percent();
        if percent + 1e-9 < minimum {
            return Err(MinCoverageError::Below {
                percent,
                ratio: self.operations,
                minimum,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
