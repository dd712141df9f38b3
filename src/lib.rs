//! chime-conformance: a contract-conformance harness for the Amazon Chime SDK Messaging API,
//! with a reference implementation of the API as its embedded default target.
//!
//! - [`model`]: the official service models in memory (operations, shapes, bindings, errors).
//! - [`schema`]: JSON Schemas generated from the model, and response validation.
//! - [`wire`]: the restJson1 client: build a request from the bindings, sign it, send it.
//! - [`server`]: the reference implementation of the API.
//! - [`generated`]: files generated from the models and checked in, and their drift.
//! - [`diff`]: what an API update changed between two model versions.
//! - [`matrix`]: the rule-matrix features generated from the models (`features/generated/`).
//! - [`harness`]: the Gherkin suite runner: world, steps, reports; it knows only an endpoint.
//! - [`self_check`]: the suite against the reference server and each of its deliberate faults.
//! - [`cli`]: the commands; `run` starts the embedded reference server for the harness.
pub mod cli;
pub mod diff;
pub mod generated;
pub mod harness;
pub mod matrix;
pub mod model;
pub mod schema;
pub mod self_check;
pub mod server;
pub mod wire;
