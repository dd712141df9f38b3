//! The `messaging-session` capability: whether the target's messaging-session endpoint can be
//! connected. It is no part of the test-control protocol (the service has sessions and no
//! control endpoints), so the runner probes it with the API itself: GetMessagingSessionEndpoint,
//! then a WebSocket handshake with a short timeout. Scenarios tagged
//! `@needs:messaging-session` are skipped, with the probe's reason, when it fails.

use crate::wire::client::Client;
use crate::wire::session::{self, ConnectParams, SessionError};
use serde_json::{Value, json};
use std::time::Duration;

/// The capability's name in `@needs:` tags.
pub const CAPABILITY: &str = "messaging-session";

/// How long the whole probe may take.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long its handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(3);

/// `Ok` when a session endpoint answered the handshake; the error says why not. The probe
/// connects for a user that does not exist: the service accepts the upgrade and then closes
/// such a session (B-WS-12), and an endpoint that refuses it with 401 or 403 is there too.
pub async fn probe(client: &Client) -> Result<(), String> {
    match tokio::time::timeout(PROBE_TIMEOUT, connect(client)).await {
        Ok(result) => result,
        Err(_) => Err(format!(
            "the probe took longer than {}s",
            PROBE_TIMEOUT.as_secs()
        )),
    }
}

async fn connect(client: &Client) -> Result<(), String> {
    let answer = client
        .call("GetMessagingSessionEndpoint", json!({}))
        .await
        .map_err(|e| format!("GetMessagingSessionEndpoint did not complete: {e}"))?;
    if !answer.is_success() {
        return Err(format!(
            "GetMessagingSessionEndpoint answered HTTP {}",
            answer.status
        ));
    }
    let url = answer
        .body
        .as_ref()
        .and_then(|b| b.pointer("/Endpoint/Url"))
        .and_then(Value::as_str)
        .ok_or("GetMessagingSessionEndpoint answered no Endpoint.Url")?;
    let region = &client.config().region;
    let params = ConnectParams::new(format!(
        "arn:aws:chime:{region}:000000000000:app-instance/conformance-probe/user/probe"
    ));
    match session::open(client, url, &params, HANDSHAKE_TIMEOUT).await {
        Ok(opened) => {
            opened.close(None).await;
            Ok(())
        }
        Err(SessionError::Refused {
            status: 401 | 403, ..
        }) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}
