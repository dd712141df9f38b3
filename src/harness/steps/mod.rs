//! Step definitions. Each is a thin wrapper: it parses its captures, does the work through
//! [`ChimeWorld`](super::world::ChimeWorld) and hands the result to `verdict`, which decides
//! whether a failure fails the scenario or is a warning (`@assumed`, not strict).

mod calls;
mod clock;
mod flows;
mod listings;
mod response;
mod setup;
mod snapshots;
