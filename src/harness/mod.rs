//! The Gherkin suite runner: cucumber World, steps, hooks, reports.
pub mod coverage;
pub mod normalise;
pub mod snapshot;
