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
        "snapshots.feature",
        include_str!("../../features/snapshots.feature"),
    ),
    (
        "messaging_sessions.feature",
        include_str!("../../features/messaging_sessions.feature"),
    ),
];

/// Writes the embedded features into `dir`.
pub fn write_to(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in FEATURES {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
