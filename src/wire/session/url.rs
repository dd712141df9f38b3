//! The URL a client connects to: `wss://{Url}/connect` with `userArn`, `sessionId` and the
//! prefetch parameters, where `Url` is what GetMessagingSessionEndpoint answered (B-WS-01,
//! B-WS-02).
//!
//! The scheme is `wss`, as the service and its clients use, with one exception: when the REST
//! endpoint of the run is plain `http` and the session host is this machine, the target is a
//! local one without TLS and the harness connects with `ws`. A target that serves REST over
//! `https` is connected with `wss` wherever it runs.

use super::error::SessionError;
use crate::wire::sign::is_loopback;

/// The query parameter that asks for CHANNEL_DETAILS events after the session is up
/// (B-WS-11), and its only value.
pub const PREFETCH_ON: (&str, &str) = ("prefetch-on", "connect");
/// The query parameter choosing which channels a prefetch sends first.
pub const PREFETCH_SORT_BY: &str = "prefetch-sort-by";
/// The values `prefetch-sort-by` takes (amazon-chime-sdk-js `PrefetchSortBy`).
pub const PREFETCH_SORTS: [&str; 2] = ["unread", "last-message-timestamp"];

/// What a session asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectParams {
    /// The AppInstanceUser the session is for.
    pub user_arn: String,
    /// Unique per connection.
    pub session_id: String,
    /// `Some` asks for a prefetch; `Some(Some(sort))` also names its order.
    pub prefetch: Option<Option<String>>,
}

impl ConnectParams {
    /// A session for `user_arn` with a fresh session id and no prefetch.
    pub fn new(user_arn: impl Into<String>) -> ConnectParams {
        ConnectParams {
            user_arn: user_arn.into(),
            session_id: uuid::Uuid::new_v4().to_string(),
            prefetch: None,
        }
    }
}

/// The unsigned connect URL for a session. `rest_endpoint` is the messaging endpoint the run
/// calls (it decides `ws` or `wss`); `endpoint_url` is GetMessagingSessionEndpoint's
/// `Endpoint.Url`, which must be a bare host name with an optional port.
pub fn connect_url(
    rest_endpoint: &reqwest::Url,
    endpoint_url: &str,
    params: &ConnectParams,
) -> Result<reqwest::Url, SessionError> {
    let bad = |reason: &str| SessionError::BadEndpoint {
        url: endpoint_url.to_owned(),
        reason: reason.to_owned(),
    };
    if endpoint_url.is_empty() {
        return Err(bad("it is empty"));
    }
    if endpoint_url.contains("://") {
        return Err(bad("it has a scheme"));
    }
    if let Some(c) = endpoint_url.chars().find(|c| "/?#@".contains(*c)) {
        return Err(bad(&format!("it has a '{c}' (a path, query or user part)")));
    }
    if endpoint_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad("it has white space or control characters"));
    }
    let mut url = reqwest::Url::parse(&format!("wss://{endpoint_url}/connect"))
        .map_err(|e| bad(&e.to_string()))?;
    if rest_endpoint.scheme() == "http" && is_loopback(&url) {
        // Only the scheme changes; host, port and path stay as the endpoint gave them.
        let _ = url.set_scheme("ws");
    }
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("userArn", &params.user_arn);
        query.append_pair("sessionId", &params.session_id);
        if let Some(sort) = &params.prefetch {
            query.append_pair(PREFETCH_ON.0, PREFETCH_ON.1);
            if let Some(sort) = sort {
                query.append_pair(PREFETCH_SORT_BY, sort);
            }
        }
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/alice";

    fn params() -> ConnectParams {
        ConnectParams {
            session_id: "s-1".into(),
            ..ConnectParams::new(USER)
        }
    }

    fn rest(url: &str) -> reqwest::Url {
        url.parse().unwrap()
    }

    #[test]
    fn the_service_host_is_connected_with_wss() {
        let url = connect_url(
            &rest("https://messaging-chime.us-east-1.amazonaws.com"),
            "node001.ue1.ws-messaging.chime.aws",
            &params(),
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "wss://node001.ue1.ws-messaging.chime.aws/connect?\
             userArn=arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fa%2Fuser%2Falice\
             &sessionId=s-1"
        );
    }

    #[test]
    fn a_local_target_without_tls_is_connected_with_ws() {
        let plain = connect_url(&rest("http://127.0.0.1:8080"), "127.0.0.1:8080", &params());
        assert_eq!(plain.unwrap().scheme(), "ws");
        let tls = connect_url(&rest("https://127.0.0.1:8443"), "127.0.0.1:8443", &params());
        assert_eq!(tls.unwrap().scheme(), "wss");
        // A plain REST endpoint does not make a remote session host plain.
        let remote = connect_url(&rest("http://127.0.0.1:8080"), "example.com", &params());
        assert_eq!(remote.unwrap().scheme(), "wss");
    }

    #[test]
    fn prefetch_adds_its_parameters() {
        let mut p = params();
        p.prefetch = Some(None);
        let url = connect_url(&rest("http://localhost:1"), "localhost:1", &p).unwrap();
        assert!(url.as_str().ends_with("&prefetch-on=connect"), "{url}");
        p.prefetch = Some(Some("unread".into()));
        let url = connect_url(&rest("http://localhost:1"), "localhost:1", &p).unwrap();
        assert!(
            url.as_str()
                .ends_with("&prefetch-on=connect&prefetch-sort-by=unread"),
            "{url}"
        );
    }

    #[test]
    fn an_endpoint_that_is_not_a_bare_host_is_refused_with_the_reason() {
        let cases = [
            ("", "empty"),
            (
                "https://ws-messaging.chime.us-east-1.amazonaws.com",
                "scheme",
            ),
            ("host.example/connect", "'/'"),
            ("host.example?x=1", "'?'"),
            ("user@host.example", "'@'"),
            ("host example", "white space"),
            ("host:notaport", "invalid port"),
        ];
        for (url, reason) in cases {
            let e = connect_url(&rest("https://x.example"), url, &params()).unwrap_err();
            assert!(
                matches!(e, SessionError::BadEndpoint { .. }) && e.to_string().contains(reason),
                "{url:?}: {e}"
            );
        }
    }

    #[test]
    fn session_ids_are_unique() {
        assert_ne!(
            ConnectParams::new(USER).session_id,
            ConnectParams::new(USER).session_id
        );
    }
}
