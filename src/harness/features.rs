//! The suite's feature files, compiled into the binary so `run` works from any directory.
//! Cucumber reads features from files, so the runner writes these to a temporary directory.

use std::path::Path;

/// Every feature of the suite: (file name, Gherkin text). `tests/catalogue.rs` checks that
/// this list and the `features/` directory agree.
pub const FEATURES: &[(&str, &str)] = &[
    (
        "wire_format.feature",
        include_str!("../../features/wire_format.feature"),
    ),
    (
        "caller_identity.feature",
        include_str!("../../features/caller_identity.feature"),
    ),
    (
        "channels.feature",
        include_str!("../../features/channels.feature"),
    ),
    (
        "expiration.feature",
        include_str!("../../features/expiration.feature"),
    ),
    (
        "messages.feature",
        include_str!("../../features/messages.feature"),
    ),
    (
        "listing.feature",
        include_str!("../../features/listing.feature"),
    ),
    (
        "channel_flows.feature",
        include_str!("../../features/channel_flows.feature"),
    ),
    (
        "elastic_channels.feature",
        include_str!("../../features/elastic_channels.feature"),
    ),
    (
        "idempotency.feature",
        include_str!("../../features/idempotency.feature"),
    ),
    (
        "provoked_errors.feature",
        include_str!("../../features/provoked_errors.feature"),
    ),
    (
        "members_identity.feature",
        include_str!("../../features/members_identity.feature"),
    ),
    (
        "members_bots_endpoints.feature",
        include_str!("../../features/members_bots_endpoints.feature"),
    ),
    (
        "members_channels.feature",
        include_str!("../../features/members_channels.feature"),
    ),
    (
        "members_messages.feature",
        include_str!("../../features/members_messages.feature"),
    ),
    (
        "snapshots.feature",
        include_str!("../../features/snapshots.feature"),
    ),
    (
        "messaging_sessions.feature",
        include_str!("../../features/messaging_sessions.feature"),
    ),
];

/// The rule matrices (`features/generated/`), compiled in as they are checked in. They are
/// what the embedded models generate: `tests/generated_features.rs` fails on any drift, and
/// `tests/catalogue.rs` checks that this list and the directory agree. Embedding the files
/// instead of generating them again spares every run the generation, most of which is
/// compiling the models' patterns.
pub const GENERATED: &[(&str, &str)] = &[
    (
        "bearer.feature",
        include_str!("../../features/generated/bearer.feature"),
    ),
    (
        "idempotency.feature",
        include_str!("../../features/generated/idempotency.feature"),
    ),
    (
        "input_constraints_identity.feature",
        include_str!("../../features/generated/input_constraints_identity.feature"),
    ),
    (
        "input_constraints_messaging.feature",
        include_str!("../../features/generated/input_constraints_messaging.feature"),
    ),
    (
        "missing_channel.feature",
        include_str!("../../features/generated/missing_channel.feature"),
    ),
    (
        "missing_resource.feature",
        include_str!("../../features/generated/missing_resource.feature"),
    ),
    (
        "paging.feature",
        include_str!("../../features/generated/paging.feature"),
    ),
];

/// Every feature of the suite by its path under the features directory: the written ones,
/// and the rule matrices (`generated/...`).
pub fn all() -> Vec<(String, String)> {
    let written = FEATURES.iter().map(|(n, t)| (n.to_string(), t.to_string()));
    let generated = GENERATED
        .iter()
        .map(|(n, t)| (format!("generated/{n}"), t.to_string()));
    written.chain(generated).collect()
}

/// Writes every feature into `dir`.
pub fn write_to(dir: &Path) -> std::io::Result<()> {
    for (name, text) in all() {
        let path = dir.join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
