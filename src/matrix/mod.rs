//! Rule matrices: feature files generated from the service models, each checking one catalogue
//! rule on every operation the model says it governs (`features/generated/`).
//!
//! - [`sets`]: the operation sets, read from the model.
//! - [`features`]: the generated features, one per rule.
//! - `paging`: the paging matrix, with what makes items for each list.
//! - [`gherkin`]: writing them as Scenario Outlines with one Examples block per operation.
//!
//! They are checked in, so a person reads them, and checked for drift the way the schemas are.

mod features;
mod gherkin;
mod paging;
pub mod sets;

use crate::generated::{self, Drift};
use crate::model::Service;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the generated features live, under the features directory.
pub const DIR: &str = "features/generated";

/// Every generated feature file, by file name.
pub fn generate_all() -> BTreeMap<String, String> {
    let mut out = BTreeMap::from([
        ("bearer.feature".to_string(), features::bearer().render()),
        (
            "missing_channel.feature".to_string(),
            features::missing_channel().render(),
        ),
        (
            "missing_resource.feature".to_string(),
            features::missing_resource().render(),
        ),
        (
            "idempotency.feature".to_string(),
            features::idempotency().render(),
        ),
        ("paging.feature".to_string(), paging::feature().render()),
    ]);
    for service in Service::ALL {
        out.insert(
            format!("input_constraints_{}.feature", service.slug()),
            features::input_constraints(service).render(),
        );
    }
    out
}

/// Writes them all into `dir`, removing feature files there that are no longer generated.
pub fn write_all(dir: &Path) -> std::io::Result<usize> {
    generated::write(dir, &generate_all(), "feature")
}

/// How `dir` differs from what the models generate.
pub fn drift(dir: &Path) -> std::io::Result<Vec<Drift>> {
    generated::drift(dir, &generate_all(), "feature")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cucumber::gherkin::{self, GherkinEnv};

    /// Every generated file parses, and each example's cells read back as generated.
    #[test]
    fn the_generated_features_parse_and_keep_their_cells() {
        for (name, text) in generate_all() {
            let feature = gherkin::Feature::parse(&text, GherkinEnv::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let rows: usize = feature
                .scenarios
                .iter()
                .flat_map(|s| &s.examples)
                .map(|e| e.table.as_ref().map_or(0, |t| t.rows.len() - 1))
                .sum();
            assert!(rows > 0, "{name} has no examples");
            for ex in feature.scenarios.iter().flat_map(|s| &s.examples) {
                assert!(
                    ex.tags.iter().any(|t| t.starts_with("op:")),
                    "{name}: {ex:?}"
                );
                for row in ex.table.iter().flat_map(|t| t.rows.iter().skip(1)) {
                    if let Some(value) = row.get(3) {
                        value
                            .parse::<crate::model::probe::Probe>()
                            .unwrap_or_else(|e| panic!("{name}: {e}"));
                    }
                }
            }
        }
    }
}
