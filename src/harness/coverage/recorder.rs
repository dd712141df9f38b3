//! The coverage recorder of one run: what the scenarios' calls exercised, counted per
//! operation, enum shape and member, and the catalogue entries their tags name. Shared by
//! concurrent scenarios behind an `Arc`; it takes `&self`.

use super::asserted::asserted_members;
use super::found::Found;
use super::provokable;
use super::report::{CoverageReport, OperationCoverage, Ratio};
use super::unasserted;
use super::universe::{qualified, universe};
use crate::model::Service;
use crate::schema::events::EVENT_TYPES;
use crate::wire;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

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
    /// Members a passing assertion compared or checked (not only saw).
    members_asserted: BTreeSet<String>,
    behaviours: BTreeSet<String>,
    /// Event types of the frames messaging sessions received.
    event_types: BTreeSet<String>,
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

    /// Records the members of a successful `operation`'s response that a passing assertion
    /// at `pointer` checked; `compared` is the value it compared with, if any. Members are
    /// counted in the output's own shapes, as `record` counts the members seen.
    pub fn record_asserted(
        &self,
        service: Service,
        operation: &str,
        pointer: &str,
        compared: Option<&Value>,
    ) {
        let model = service.model();
        let Some(output) = model
            .operation(operation)
            .and_then(|op| op.output.as_deref())
        else {
            return;
        };
        let members = asserted_members(model, output, pointer, compared);
        self.state()
            .members_asserted
            .extend(members.iter().map(|m| qualified(service, m)));
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

    /// Records the event type of a frame a messaging session received.
    pub fn record_event_type(&self, event_type: &str) {
        self.state().event_types.insert(event_type.to_owned());
    }

    /// The figures so far.
    pub fn report(&self) -> CoverageReport {
        let u = universe();
        let state = self.state();
        let unprovokable = provokable::unprovokable();
        let (mut provokable_missing, mut explained_but_provoked) = (Vec::new(), Vec::new());
        let (mut provoked, mut provokable) = (0, 0);
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
            let explained = unprovokable.get(key);
            for (error, n) in &errors {
                if explained.is_some_and(|e| e.contains_key(error)) {
                    if *n > 0 {
                        explained_but_provoked.push(format!("{key} {error}"));
                    }
                    continue;
                }
                provokable += 1;
                if *n > 0 {
                    provoked += 1;
                } else {
                    provokable_missing.push(format!("{key} {error}"));
                }
            }
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
        let event_types: BTreeMap<String, bool> = EVENT_TYPES
            .iter()
            .map(|e| (e.name.to_owned(), state.event_types.contains(e.name)))
            .collect();
        let exercised: BTreeSet<&String> = state
            .behaviours
            .iter()
            .filter(|b| self.catalogue.contains(*b))
            .collect();
        CoverageReport {
            operations: Ratio::new(called, u.operations.len()),
            successes: Ratio::new(succeeded, u.operations.len()),
            modelled_errors: Ratio::new(errors_seen, errors_total),
            provokable_errors: Ratio::new(provoked, provokable),
            provokable_errors_missing: provokable_missing,
            unprovokable_errors: unprovokable.clone(),
            unprovokable_errors_provoked: explained_but_provoked,
            enum_values_sent: enums_sent.ratio(),
            enum_values_seen: enums_seen.ratio(),
            response_members: Ratio::new(members_seen, u.output_members.len()),
            response_members_asserted: Ratio::new(
                u.output_members
                    .iter()
                    .filter(|m| state.members_asserted.contains(*m))
                    .count(),
                u.output_members.len(),
            ),
            response_members_unasserted: u
                .output_members
                .iter()
                .filter(|m| !state.members_asserted.contains(*m))
                .map(|m| {
                    let why = unasserted::explained()
                        .get(m)
                        .map_or(NOT_YET, String::as_str);
                    (m.clone(), why.to_owned())
                })
                .collect(),
            unasserted_members_asserted: unasserted::explained()
                .keys()
                .filter(|m| state.members_asserted.contains(*m))
                .cloned()
                .collect(),
            behaviours: Ratio::new(exercised.len(), self.catalogue.len()),
            event_types: Ratio::new(
                event_types.values().filter(|seen| **seen).count(),
                event_types.len(),
            ),
            unlisted_event_types: state
                .event_types
                .iter()
                .filter(|t| !event_types.contains_key(*t))
                .cloned()
                .collect(),
            event_types_seen: event_types,
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

/// The reason of an unasserted member the list does not explain.
const NOT_YET: &str = "not asserted yet";

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

#[cfg(test)]
mod tests;
