//! Real-time messaging sessions: the endpoint clients are told to connect to.

use serde_json::{Value, json};

/// (assumed) A fixed messaging-session endpoint: the server runs no WebSocket gateway.
pub fn session_endpoint() -> Value {
    json!({"Endpoint": {"Url": "https://ws-messaging.chime.us-east-1.amazonaws.com"}})
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn the_session_endpoint_is_a_url() {
        let fx = Fx::new();
        let s = fx.ok("GetMessagingSessionEndpoint", json!({}));
        assert!(s["Endpoint"]["Url"].is_string());
    }
}
