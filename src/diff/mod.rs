//! What an API update changed between two versions of a service model, and what breaks.
//!
//! The diff walks each operation's input and output structure in both models side by side,
//! members by name, through nested structures, lists and maps. A change in a shared shape is
//! therefore reported under every operation that reaches it, at the member path it is reached
//! by. Added and removed members are summarised the way the AWS API changelog shows them;
//! every change (members, constraints, bindings, errors) is also classified for the two sides
//! of the contract.
//!
//! - [`diff`] walks two models (`walk`); what it finds is a [`ModelDiff`] (`change`).
//! - `classify` says whom each change breaks; [`ModelDiff::to_text`] (`text`) prints a diff as
//!   the changelog does, member changes in Python's `pprint` form ([`python_repr`]).

mod change;
mod classify;
mod describe;
#[cfg(test)]
mod fixtures;
mod pretty;
mod text;
mod walk;

pub use change::{Change, ChangeKind, Impact, MemberChanges, ModelDiff, OperationDiff, Side};
pub use classify::counts;
pub use pretty::python_repr;
pub use walk::diff;
