//! `GET /connect`: the WebSocket upgrade (B-WS-02). The query names the AppInstanceUser
//! (`userArn`) and the session (`sessionId`); the SigV4 presign parameters are accepted as
//! they come (this server checks no signature, on REST calls or here), and so is any other
//! parameter. A request that is no WebSocket upgrade, or lacks a required parameter, is
//! refused with a BadRequestException like every other refusal of this server; a userArn that
//! names no user is accepted here and closed with 4401 once the socket is open (B-WS-12).

use super::hub::Hub;
use super::socket::{self, MAX_CLIENT_FRAME, SessionRequest};
use crate::model::Service;
use crate::server::domain::{ApiError, Domain, PrefetchSort};
use crate::server::http::error_response;
use crate::server::http::query::Query;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use std::sync::Arc;

/// The path clients connect to: `wss://{Endpoint.Url}/connect` (B-WS-01).
pub const PATH: &str = "/connect";

/// What the upgrade handler needs.
#[derive(Clone)]
pub struct SessionsState {
    pub hub: Arc<Hub>,
    pub domain: Arc<Domain>,
}

pub async fn connect(
    State(state): State<SessionsState>,
    RawQuery(query): RawQuery,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let request = match session_request(&Query::parse(query.as_deref())) {
        Ok(r) => r,
        Err(e) => return error_response(Service::Messaging, &e),
    };
    let upgrade = match upgrade {
        Ok(u) => u,
        Err(rejection) => {
            let e = ApiError::bad_request(format!(
                "{PATH} takes a WebSocket upgrade (GET with Upgrade: websocket): {rejection}"
            ));
            return error_response(Service::Messaging, &e);
        }
    };
    let hub = Arc::downgrade(&state.hub);
    let domain = state.domain.clone();
    // Clients send no data frames, and tungstenite zeroes its whole read buffer on every read
    // attempt: its 128 KiB default cost 128 KiB a session and most of the server's CPU at a
    // steady rate (benches/sessions); a larger frame still grows the buffer.
    upgrade
        .read_buffer_size(4096)
        .max_message_size(MAX_CLIENT_FRAME)
        .max_frame_size(MAX_CLIENT_FRAME)
        .on_upgrade(move |ws| socket::run(ws, hub, domain, request))
}

/// The session the query asks for.
fn session_request(q: &Query) -> Result<SessionRequest, ApiError> {
    let one = |name: &str| q.single(name).map_err(ApiError::bad_request);
    let required = |name: &str| q.required(name).map_err(ApiError::bad_request);
    let user = required("userArn")?.to_owned();
    // Required as the clients send it; this server keys sessions by their socket, not by it.
    required("sessionId")?;
    // (assumed) Unknown values of the prefetch parameters are refused like other bad input.
    let prefetch_on = match one("prefetch-on")? {
        None => false,
        Some("connect") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "prefetch-on {other:?} is not \"connect\""
            )));
        }
    };
    let sort = match one("prefetch-sort-by")? {
        None | Some("unread") => PrefetchSort::Unread,
        Some("last-message-timestamp") => PrefetchSort::LastMessageTimestamp,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "prefetch-sort-by {other:?} is not \"unread\" or \"last-message-timestamp\""
            )));
        }
    };
    Ok(SessionRequest {
        user,
        prefetch: prefetch_on.then_some(sort),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SessionRequest, ApiError> {
        session_request(&Query::parse(Some(q)))
    }

    #[test]
    fn b_ws_02_the_query_the_js_client_sends_is_accepted() {
        let q = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-east-1%2Fchime%2Faws4_request\
                 &X-Amz-Date=20240102T030405Z&X-Amz-Expires=10&X-Amz-SignedHeaders=host\
                 &X-Amzn-User-Agent=node-NaN&X-Amzn-Version=3.32.0&prefetch-on=connect\
                 &prefetch-sort-by=last-message-timestamp&sessionId=123\
                 &userArn=arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fuser%2Fu\
                 &X-Amz-Signature=abc";
        let r = parse(q).unwrap();
        assert_eq!(r.user, "arn:aws:chime:us-east-1:1:app-instance/a/user/u");
        assert_eq!(r.prefetch, Some(PrefetchSort::LastMessageTimestamp));
        let r = parse("userArn=u&sessionId=s&prefetch-sort-by=unread").unwrap();
        assert_eq!(
            r.prefetch, None,
            "a sort without prefetch-on prefetches nothing"
        );
        assert_eq!(
            parse("userArn=u&sessionId=s&prefetch-on=connect")
                .unwrap()
                .prefetch,
            Some(PrefetchSort::Unread)
        );
    }

    #[test]
    fn bad_queries_are_bad_requests_that_say_why() {
        for (q, why) in [
            ("sessionId=s", "userArn is required"),
            ("userArn=u", "sessionId is required"),
            ("userArn=&sessionId=s", "userArn is required"),
            ("userArn=u&userArn=v&sessionId=s", "more than once"),
            ("userArn=u&sessionId=s&prefetch-on=later", "prefetch-on"),
            (
                "userArn=u&sessionId=s&prefetch-on=connect&prefetch-sort-by=x",
                "prefetch-sort-by",
            ),
            ("userArn=%FF&sessionId=s", "UTF-8"),
        ] {
            let e = parse(q).err().unwrap_or_else(|| panic!("{q} accepted"));
            assert_eq!(e.shape, "BadRequestException");
            assert!(e.message.contains(why), "{q}: {}", e.message);
        }
    }
}
