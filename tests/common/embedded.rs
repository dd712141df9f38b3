//! The suite as `chime-conformance run` runs it without `--endpoint`: against a reference
//! server started for the run on an ephemeral port, and stopped after it.

use chime_conformance::harness::{Endpoint, RunOptions, RunOutcome, run_suite};
use chime_conformance::server::{self, ServerConfig};

/// Runs the suite as `opts` say against a reference server of its own, with the test-control
/// protocol or without it.
pub async fn run_embedded(control: bool, opts: RunOptions) -> Result<RunOutcome, String> {
    let config = ServerConfig {
        control,
        ..ServerConfig::default()
    };
    let server = server::spawn(config)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let outcome = run_suite(&Endpoint::new(server.url.clone()), opts).await;
    // The outcome is judged already; a server that will not stop cleanly changes nothing.
    let _ = server.shutdown().await;
    outcome.map_err(|e| e.to_string())
}
