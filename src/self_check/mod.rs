//! The suite judged by the bugs it catches: the suite runs against the faithful reference
//! server, which must pass everything, and against the server with each fault of
//! [`crate::server::faults`] turned on, which must fail at least one scenario. It stands above
//! both the server and the harness, which knows nothing of either.
//!
//! Every run is an ordinary [`run_suite`](crate::harness::run_suite) against its own spawned
//! server. Runs go on worker threads, each with its own single-threaded runtime, so a fault's
//! server and its suite never wait for another fault's; run contexts are task-local, so the
//! runs do not mix.
//!
//! - [`options`]: which faults, how many runs at once.
//! - [`check`]: the whole check, its runs scheduled on worker threads.
//! - [`judge`]: one run: a server with one fault (or none), the suite against it.
//! - [`report`]: what each run found, the matrix and the summary.

pub mod check;
pub mod judge;
pub mod options;
pub mod report;

pub use check::self_check;
pub use options::SelfCheckOptions;
pub use report::{Catch, RunVerdict, SelfCheckReport};
