//! The World of one scenario and what its steps use.
//!
//! - [`scenario`]: [`ChimeWorld`], the per-scenario state and the one place every call goes
//!   through.
//! - [`called`]: a call made and its answer; [`contract`]: the answer judged against the model.
//! - [`evidence`]: the scenario's evidence level, from its tags.
//! - [`sessions`]: the scenario's messaging sessions and what they received; [`event`]: one
//!   received frame read as an event and judged against the documents.
//! - [`resources`]: what the scenario created, deleted again after it, and the mark the
//!   harness puts on its AppInstances.
//! - [`trouble`]: when a step can give no verdict (inconclusive, interrupted).
//! - [`valid_input`]: a valid input for any operation, made from the model in the world.
//! - [`waiter`]: probe loops that back off and give up at a deadline.
//! - [`values`]: small values for requests and answers.

pub mod called;
pub mod contract;
pub mod event;
pub mod evidence;
pub mod resources;
pub mod scenario;
pub mod sessions;
pub mod trouble;
pub mod valid_input;
pub mod values;
pub mod waiter;

pub use called::Called;
pub use evidence::Evidence;
pub use scenario::ChimeWorld;
pub use trouble::Trouble;
pub use values::{obj, str_at, token};
pub use waiter::Waiter;
