//! The Gherkin suite runner: cucumber World, steps, hooks, reports.
pub mod normalise;
pub mod snapshot;
