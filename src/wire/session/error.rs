//! Why a messaging session could not be opened. Each renders as one line.

use crate::wire::error::WireError;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// GetMessagingSessionEndpoint answered a Url a client cannot connect to as documented
    /// (a bare host name, optionally with a port).
    #[error("the messaging-session endpoint {url:?} is not a bare host name: {reason}")]
    BadEndpoint { url: String, reason: String },
    /// Credentials or signing failed.
    #[error(transparent)]
    Wire(#[from] WireError),
    #[error("cannot connect to {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("no WebSocket handshake with {url} within {secs}s")]
    Timeout { url: String, secs: f64 },
    /// The upgrade was answered with an HTTP status instead of 101 Switching Protocols.
    #[error("{url} refused the WebSocket upgrade with HTTP {status}{body}")]
    Refused {
        url: String,
        status: u16,
        /// The start of the answer's body, prefixed with ": ", or empty.
        body: String,
    },
    #[error("the WebSocket handshake with {url} failed: {reason}")]
    Handshake { url: String, reason: String },
}
