//! Real-time messaging sessions, the domain's side: where clients connect (B-WS-01), and
//! opening a session for an AppInstanceUser (B-WS-04, B-WS-11, B-WS-12). What sessions are
//! then told is `events.rs`, `audience.rs` and `push.rs`.

use super::args::Args;
use super::error::ApiError;
use super::events::Event;
use super::ids::{Kind, parse};
use super::instances::{Domain, lock, read, write};
use super::prefetch::{PrefetchSort, channel_details};
use serde_json::{Value, json};
use std::net::SocketAddr;

/// B-WS-01: the endpoint is a bare `host:port`, no scheme and no path; clients connect to
/// `wss://{Url}/connect`. It is the address the caller reached this server at, as the HTTP
/// layer read it from the request, else the address the server is bound to: the same port
/// serves the API and the sessions.
pub fn session_endpoint(d: &Domain, args: &Args) -> Result<Value, ApiError> {
    let url = match args.addressed_to {
        Some(host) => host.to_owned(),
        None => read(&d.bound_address).clone().ok_or_else(|| {
            ApiError::new(
                "ServiceFailureException",
                "ServiceFailure",
                "the server does not know the address its sessions are served at",
            )
        })?,
    };
    Ok(json!({"Endpoint": {"Url": url}}))
}

/// A session is refused, after the upgrade, for a `userArn` that names no AppInstanceUser of
/// an existing AppInstance (B-WS-12: closed with 4401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not an AppInstanceUser of an existing AppInstance")]
pub struct NotAUser(pub String);

impl Domain {
    /// Records the address the server is bound to (for [`session_endpoint`]).
    pub fn set_bound_address(&self, addr: SocketAddr) {
        *write(&self.bound_address) = Some(addr.to_string());
    }

    /// Opens a session for `user`: `register` runs under the AppInstance's lock with the
    /// user's AppInstance and the channel details asked for, so that the details and the
    /// events that follow them are one consistent history (an action is either in the details
    /// or among the events after them, never both or neither).
    pub fn open_session<R>(
        &self,
        user: &str,
        prefetch: Option<PrefetchSort>,
        register: impl FnOnce(&str, Vec<Event>) -> R,
    ) -> Result<R, NotAUser> {
        let refused = || NotAUser(user.to_owned());
        let instance = parse(user)
            .filter(|arn| arn.kind == Kind::User)
            .map(|arn| arn.app_instance)
            .ok_or_else(refused)?;
        let shared = self.instance(instance).map_err(|_| refused())?;
        let st = lock(&shared);
        if !st.users.contains_key(user) {
            return Err(refused());
        }
        let details = prefetch
            .map(|sort| channel_details(&st, user, sort))
            .unwrap_or_default();
        Ok(register(instance, details))
    }
}

#[cfg(test)]
mod tests {
    use super::NotAUser;
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn b_ws_01_the_endpoint_is_the_bare_address_the_server_was_reached_at() {
        let fx = Fx::new();
        let e = fx.err("GetMessagingSessionEndpoint", json!({}));
        assert_eq!(e.shape, "ServiceFailureException");
        fx.d.set_bound_address("127.0.0.1:4567".parse().unwrap());
        let s = fx.ok("GetMessagingSessionEndpoint", json!({}));
        assert_eq!(s, json!({"Endpoint": {"Url": "127.0.0.1:4567"}}));
    }

    #[test]
    fn b_ws_12_only_an_app_instance_user_opens_a_session() {
        let fx = Fx::new();
        let opened =
            fx.d.open_session(&fx.user("alice"), None, |_, details| details.len());
        assert_eq!(opened, Ok(0));
        for arn in [
            fx.user("ghost"),
            fx.inst.clone(),
            "arn:aws:chime:us-east-1:123456789012:app-instance/none/user/alice".to_owned(),
            "not an arn".to_owned(),
        ] {
            let refused = fx.d.open_session(&arn, None, |_, _| ());
            assert_eq!(refused, Err(NotAUser(arn.clone())), "{arn}");
        }
    }
}
