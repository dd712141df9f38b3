//! JSON Schemas generated from the service model, and response validation.
//!
//! - [`generate_all`] derives every schema file (request body, response body, error bodies) of
//!   both services; [`write_all`] writes them under `schemas/`, [`check`] reports drift.
//! - [`validate_response`] and [`validate_input`] judge a response or a decoded input against
//!   the same schemas, compiled once and cached, each breach a [`Violation`].
//! - [`pattern`] carries the model's patterns over to the JSON Schema regex dialect, in one of
//!   two readings by the side of the wire: requests (and the reference server's inputs) as
//!   Java's anchored `matches()`, responses leniently, failing a value only when Smithy's
//!   unanchored ECMA-262 reading refuses it too. The decision and its reasons are documented
//!   there.
//! - [`headers`]: what every answer carries besides its body (a JSON Content-Type, a request
//!   id), judged by [`validate_response`] too.
//! - [`events`]: the event types of messaging sessions and their payload schemas, generated
//!   from the same model with ISO-8601 timestamps.

pub mod events;
pub mod files;
pub mod generate;
pub mod headers;
mod options;
pub mod pattern;
mod seen_patterns;
pub mod validate;
mod validators;
pub mod violation;

pub use files::{Drift, check, drift, files_of, write_all};
pub use generate::{
    TimestampFormat, error_schema, generate_all, input_schema, request_schema, response_schema,
};
pub use validate::{ResponseView, validate_input, validate_response};
pub use violation::{Violation, ViolationKind};
