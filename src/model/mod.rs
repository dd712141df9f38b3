//! The official service models in memory: operations, shapes, HTTP bindings and errors.
//!
//! Everything per operation that the wire client, the schema generator and the reference
//! server need is read from here; nothing about an individual operation is typed by hand.
//!
//! - [`ServiceModel`]: one version of one service's model and its lookups, read from botocore
//!   JSON by [`ServiceModel::from_json`].
//! - [`Operation`] and [`Shape`]: what the model says about an operation and a shape.
//! - [`Service`], [`messaging`], [`identity`]: the two services and their embedded models.
//! - [`sample`]: a valid input for any operation, derived from its shapes.
//! - [`constraints`]: every modelled constraint on an input, with the value past it and the
//!   boundary value; [`probe`]: such a value, as a feature file writes it.
//! - [`map_timestamps`]: the timestamp members of a value, found by its shape.

pub mod constraints;
pub mod embedded;
mod load;
mod operation;
pub mod probe;
pub mod sample;
mod service;
mod service_model;
mod shape;
mod timestamps;
mod uri;

pub use embedded::{identity, messaging};
pub use load::ModelError;
pub use operation::{HttpBinding, Operation};
pub use service::{Service, find_operation};
pub use service_model::{Metadata, ServiceModel};
pub use shape::{ErrorInfo, Location, Member, Shape, ShapeKind, StringShape, Structure};
pub use timestamps::{iso_8601_millis, map_timestamps};
pub use uri::{Segment, UriMatch, UriTemplate, path_segments};
