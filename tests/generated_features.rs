//! The checked-in `features/generated/` must be exactly what the models generate, as the
//! schemas must: a person reads the rule matrices there, and the run embeds them as they are.

use chime_conformance::matrix;
use std::path::Path;

#[test]
fn checked_in_rule_matrices_match_the_models() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(matrix::DIR);
    let drift = matrix::drift(&dir).expect("features/generated is readable");
    assert!(
        drift.is_empty(),
        "features/generated differs from the models; run `cargo run -- features generate`:\n{}",
        drift
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
