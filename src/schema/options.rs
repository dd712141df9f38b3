//! The options every schema validator is compiled with.

use jsonschema::{Draft, PatternCache, PatternOptions, ValidationOptions};
use std::sync::OnceLock;

/// The validator options every schema is compiled with. The `regex` engine (linear time, no
/// look-around) instead of the default `fancy-regex`: no model pattern needs back-tracking
/// features, and the server runs these patterns on untrusted input.
pub(crate) fn options() -> ValidationOptions<'static> {
    // One compiled regex per pattern for the whole process: the ARN pattern alone appears in
    // 74 schemas, and each copy of its bounded repetition is a large automaton.
    static PATTERNS: OnceLock<PatternCache> = OnceLock::new();
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_pattern_options(PatternOptions::regex())
        .with_pattern_cache(PATTERNS.get_or_init(PatternCache::new).clone())
}
