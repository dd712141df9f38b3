//! Real-time messaging sessions (WebSocket), the server's side: `GET /connect` on the API's
//! own port upgrades to a session (`connect.rs`), each connection runs in a task of its own
//! (`socket.rs`), the registry of sessions per AppInstanceUser takes the domain's events and
//! queues them per session (`hub.rs`), and frames are written as the protocol has them
//! (`frame.rs`). What happened and who is told is the domain's to decide
//! (`domain/{events, audience, push, prefetch, sessions}.rs`); nothing here decides it.
//! `docs/messaging-sessions.md` describes the protocol as this server speaks it.

pub mod connect;
pub mod frame;
pub mod hub;
pub mod socket;

use crate::server::domain::Domain;
use axum::Router;
use axum::routing::any;
use connect::{PATH, SessionsState, connect};
use hub::Hub;
use std::sync::Arc;

/// The `/connect` route, with a new registry of sessions that `domain` pushes its events to
/// for as long as the router lives.
pub fn router<S: Clone + Send + Sync + 'static>(domain: Arc<Domain>) -> Router<S> {
    let hub = Hub::install(&domain);
    Router::new()
        .route(PATH, any(connect))
        .with_state(SessionsState { hub, domain })
}
