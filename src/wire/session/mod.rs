//! Real-time messaging sessions (WebSocket) opened as the service's clients open them: the
//! connect URL from GetMessagingSessionEndpoint's `Endpoint.Url`, presigned with SigV4 for
//! service `chime` using the same credentials as the REST calls, connected with a timeout, and
//! read by a task that records every frame and the close.
//!
//! - [`url`]: the connect URL, its query parameters, and when it is `ws` instead of `wss`.
//! - [`presign`]: the SigV4 query presign.
//! - [`connection`]: the open [`Session`] and what it has received ([`Log`]).
//! - [`error`]: why a session could not be opened.
//!
//! The frames are recorded as they arrived; judging them is the harness's job.

mod connection;
mod error;
pub mod presign;
pub mod url;

pub use connection::{Close, Frame, FrameData, Log, MAX_FRAMES, Session, connect};
pub use error::SessionError;
pub use url::{ConnectParams, PREFETCH_SORTS, connect_url};

use crate::wire::client::Client;
use std::time::{Duration, SystemTime};

/// Opens a session for `params` at the session endpoint `endpoint_url` (the `Endpoint.Url`
/// GetMessagingSessionEndpoint answered) with the client's region and credentials; the
/// WebSocket handshake must finish within `timeout`.
pub async fn open(
    client: &Client,
    endpoint_url: &str,
    params: &ConnectParams,
    timeout: Duration,
) -> Result<Session, SessionError> {
    let rest = client.endpoint(crate::model::Service::Messaging);
    let mut url = connect_url(rest, endpoint_url, params)?;
    let shown = url.to_string();
    // A local session host, like a local REST endpoint, needs no credentials.
    let credentials = client.credentials(&url).await?;
    presign::presign(
        &mut url,
        &credentials,
        &client.config().region,
        &crate::model::Service::Messaging
            .model()
            .metadata
            .signing_name,
        SystemTime::now(),
        presign::EXPIRES,
    )?;
    connect(&url, &shown, timeout).await
}
