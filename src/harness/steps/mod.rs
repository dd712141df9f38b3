//! Step definitions. Each is a thin wrapper: it takes its typed captures (the parameter types
//! of [`parameters`]), does the work through [`ChimeWorld`](super::world::ChimeWorld) and
//! hands the result to `verdict`, which decides whether a failure fails the scenario or is a
//! warning (`@assumed`, not strict).

mod calls;
mod clock;
mod event_payload;
mod events;
mod flows;
mod listings;
mod matrix;
mod paging;
mod parameters;
mod response;
mod sessions;
mod setup;
mod snapshots;
mod sub_channels;
