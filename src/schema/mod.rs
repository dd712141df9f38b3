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

pub mod files;
pub mod generate;
pub mod pattern;
pub mod validate;
mod validators;
pub mod violation;

pub use files::{Drift, check, drift, files_of, write_all};
pub use generate::{error_schema, generate_all, input_schema, request_schema, response_schema};
pub use validate::{ResponseView, validate_input, validate_response};
pub use violation::{Violation, ViolationKind};
