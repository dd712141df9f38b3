//! JSON Schemas generated from the service model, and response validation.
