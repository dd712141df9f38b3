//! The suite covers the catalogue: every behaviour of `catalogue/behaviours.txt` is named by
//! a scenario, every scenario carries one evidence tag and `@op:` tags naming real operations,
//! and the features shipped in the binary are the ones in `features/`.

use chime_conformance::harness::features::{self, FEATURES, GENERATED};
use chime_conformance::harness::runner::known_capabilities;
use chime_conformance::model;
use cucumber::gherkin::{Feature, GherkinEnv};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const EVIDENCE: [&str; 5] = ["doc", "model", "sdk", "observed", "assumed"];

/// The eight operations of the 2023-03-23 update.
const UPDATED: [&str; 8] = [
    "PutChannelExpirationSettings",
    "ChannelFlowCallback",
    "CreateChannel",
    "DescribeChannel",
    "GetChannelMessage",
    "ListChannelMessages",
    "SendChannelMessage",
    "UpdateChannelMessage",
];

fn catalogue() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogue/behaviours.txt"),
    )
    .expect("catalogue/behaviours.txt is readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (id, level) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("catalogue line without a level: {l}"));
            (id.to_string(), level.trim().to_string())
        })
        .collect()
}

struct Scenario {
    name: String,
    tags: Vec<String>,
    steps: Vec<String>,
}

fn scenarios() -> Vec<Scenario> {
    let mut out = Vec::new();
    for (file, text) in features::all() {
        let feature = Feature::parse(&text, GherkinEnv::default())
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        let background: Vec<String> = feature
            .background
            .iter()
            .flat_map(|b| &b.steps)
            .map(|s| s.value.clone())
            .collect();
        let all = feature
            .scenarios
            .iter()
            .chain(feature.rules.iter().flat_map(|r| &r.scenarios));
        for s in all {
            let tags = feature
                .tags
                .iter()
                .chain(&s.tags)
                .chain(s.examples.iter().flat_map(|e| &e.tags))
                .cloned()
                .collect();
            let mut steps = background.clone();
            steps.extend(s.steps.iter().map(|st| st.value.clone()));
            out.push(Scenario {
                name: format!("{file}: {}", s.name),
                tags,
                steps,
            });
        }
    }
    out
}

#[test]
fn the_catalogue_has_every_entry_with_a_known_level() {
    let cat = catalogue();
    assert_eq!(cat.len(), 80, "the catalogue lists 80 behaviours");
    for (id, level) in &cat {
        assert!(EVIDENCE.contains(&level.as_str()), "{id} has level {level}");
    }
}

#[test]
fn every_catalogue_entry_is_checked_by_a_scenario() {
    let named: BTreeSet<String> = scenarios()
        .into_iter()
        .flat_map(|s| s.tags)
        .filter(|t| t.starts_with("B-"))
        .collect();
    let cat = catalogue();
    let missing: Vec<&String> = cat.keys().filter(|id| !named.contains(*id)).collect();
    assert!(missing.is_empty(), "no scenario names {missing:?}");
}

#[test]
fn every_scenario_names_known_behaviours_an_evidence_level_and_real_operations() {
    let cat = catalogue();
    for s in scenarios() {
        let evidence: Vec<&String> = s
            .tags
            .iter()
            .filter(|t| EVIDENCE.contains(&t.as_str()))
            .collect();
        assert!(!evidence.is_empty(), "{} has no evidence tag", s.name);
        let behaviours: Vec<&String> = s.tags.iter().filter(|t| t.starts_with("B-")).collect();
        assert!(!behaviours.is_empty(), "{} names no behaviour", s.name);
        for b in behaviours {
            assert!(
                cat.contains_key(b),
                "{} names {b}, which is not in the catalogue",
                s.name
            );
        }
        let ops: Vec<&str> = s
            .tags
            .iter()
            .filter_map(|t| t.strip_prefix("op:"))
            .collect();
        assert!(!ops.is_empty(), "{} has no @op: tag", s.name);
        for op in ops {
            assert!(
                model::find_operation(op).is_some(),
                "{} tags @op:{op}, which no model defines",
                s.name
            );
        }
        for need in s.tags.iter().filter_map(|t| t.strip_prefix("needs:")) {
            assert!(
                known_capabilities().contains(&need),
                "{} needs an unknown capability {need}",
                s.name
            );
        }
    }
}

#[test]
fn the_updated_operations_have_success_and_rejection_scenarios() {
    let all = scenarios();
    for op in UPDATED {
        let tag = format!("op:{op}");
        let tagged: Vec<&Scenario> = all.iter().filter(|s| s.tags.contains(&tag)).collect();
        let succeeds = tagged
            .iter()
            .any(|s| s.steps.iter().any(|st| st == "the call succeeds"));
        let rejects = tagged.iter().any(|s| {
            s.steps
                .iter()
                .any(|st| st.starts_with("the call fails with"))
        });
        assert!(succeeds, "no scenario shows {op} succeeding");
        assert!(
            rejects,
            "no scenario shows {op} rejected with a modelled error"
        );
    }
}

#[test]
fn the_embedded_features_are_the_features_directory() {
    assert_embedded("features", FEATURES);
}

#[test]
fn the_embedded_rule_matrices_are_the_generated_directory() {
    assert_embedded("features/generated", GENERATED);
}

/// The `.feature` files of `dir` are exactly the embedded list, text for text.
fn assert_embedded(dir: &str, embedded: &[(&str, &str)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} is not readable: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".feature"))
        .collect();
    let names: BTreeSet<String> = embedded.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, names, "{}", dir.display());
    for (name, text) in embedded {
        let disk = std::fs::read_to_string(dir.join(name)).expect("feature readable");
        assert_eq!(&disk, text, "{name} differs from the embedded copy");
    }
}
