//! What the models offer to be covered, computed once: every operation and the errors it
//! lists, the enum values reachable from inputs and from outputs, and the members of the
//! output structures. The totals of the coverage figures come from here.

use crate::model::{Service, ServiceModel, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// `service:Name`, how operations and shapes of both services are told apart.
pub fn qualified(service: Service, name: &str) -> String {
    format!("{}:{name}", service.slug())
}

/// What the models offer to be covered, computed once.
#[derive(Debug)]
pub struct Universe {
    /// `service:Operation` -> the error shapes it lists.
    pub operations: BTreeMap<String, Vec<String>>,
    /// `service:Shape` -> the values of enum shapes reachable from operation inputs.
    pub input_enums: BTreeMap<String, Vec<String>>,
    /// The same from outputs and error shapes.
    pub output_enums: BTreeMap<String, Vec<String>>,
    /// `service:Structure.Member` of every structure reachable from an operation output.
    pub output_members: BTreeSet<String>,
}

pub fn universe() -> &'static Universe {
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

#[cfg(test)]
mod tests {
    use crate::harness::coverage::{Coverage, Ratio};
    use crate::model::Service;

    #[test]
    fn the_totals_come_from_the_models() {
        let report = Coverage::default().report();
        assert_eq!(report.operations, Ratio::new(0, 51 + 30));
        assert_eq!(report.successes.total, 81);
        let listed: usize = Service::ALL
            .iter()
            .flat_map(|s| s.model().operations.values())
            .map(|op| op.errors.len())
            .sum();
        assert_eq!(report.modelled_errors, Ratio::new(0, listed));
        assert!(report.enum_values_sent.total > 0);
        assert!(report.enum_values_seen.total > 0);
        assert!(report.response_members.total > 0);
        assert_eq!(report.per_operation.len(), 81);
        assert!(report.per_operation.contains_key("identity:TagResource"));
        assert!(report.per_operation.contains_key("messaging:TagResource"));
        // ChannelPrivacy is sent (CreateChannel) and seen (DescribeChannel).
        assert_eq!(
            report.enums_sent["messaging:ChannelPrivacy"].len(),
            2,
            "{:?}",
            report.enums_sent.keys().collect::<Vec<_>>()
        );
        assert!(report.enums_seen.contains_key("messaging:ErrorCode"));
    }

    #[test]
    fn the_figures_of_the_shipped_models() {
        // Pinned so a model update that changes them is noticed and the docs can follow.
        let r = Coverage::default().report();
        let totals = (
            r.operations.total,
            r.modelled_errors.total,
            r.enum_values_sent.total,
            r.enum_values_seen.total,
            r.response_members.total,
        );
        assert_eq!(totals, (81, 550, 42, 71, 299));
    }
}
