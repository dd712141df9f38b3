//! Sends one call: endpoint per service, SigV4, timeouts, and the answer read back. The client
//! also holds what its calls share across attempts (the retry policy and quota, the pacer);
//! `send.rs` makes a call of several attempts out of them.

use super::error::{WireError, error_chain, innermost_cause};
use super::pace::{Pacer, Rates};
use super::request::build_request;
use super::retry::{RetryPolicy, RetryQuota};
use super::sign;
use crate::model::{self, Service};
use aws_credential_types::Credentials;
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Mutex;

// Kept reachable at `wire::client::` for the code that names them there.
pub use super::classify::{ErrorInfo, classify_error};
pub use super::response::Response;

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Serves both services unless `identity_endpoint` is given. `None`: the regional AWS hosts.
    pub endpoint: Option<String>,
    pub identity_endpoint: Option<String>,
    pub region: String,
    /// One attempt, from connecting to the last byte of the answer.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// How failed attempts are retried (the AWS SDKs' standard mode by default).
    pub retry: RetryPolicy,
    /// The rates calls are paced to (none by default: see [`Rates::service_quotas`]).
    pub rates: Rates,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            endpoint: None,
            identity_endpoint: None,
            region: "us-east-1".into(),
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
            retry: RetryPolicy::default(),
            rates: Rates::none(),
        }
    }
}

pub struct Client {
    config: ClientConfig,
    http: reqwest::Client,
    messaging: reqwest::Url,
    identity: reqwest::Url,
    /// Resolved on first use and kept until shortly before they expire.
    credentials: Mutex<Option<Credentials>>,
    /// The retry tokens all calls of this client draw on.
    pub(crate) quota: RetryQuota,
    pub(crate) pacer: Pacer,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, WireError> {
        let regional = |svc: Service| {
            format!(
                "https://{}.{}.amazonaws.com",
                svc.model().metadata.endpoint_prefix,
                config.region
            )
        };
        let messaging = config
            .endpoint
            .clone()
            .unwrap_or_else(|| regional(Service::Messaging));
        let identity = config
            .identity_endpoint
            .clone()
            .or_else(|| config.endpoint.clone())
            .unwrap_or_else(|| regional(Service::Identity));
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .build()
            .map_err(|e| WireError::Http {
                url: messaging.clone(),
                reason: e.to_string(),
            })?;
        Ok(Client {
            messaging: endpoint_url(&messaging)?,
            identity: endpoint_url(&identity)?,
            quota: RetryQuota::new(),
            pacer: Pacer::new(config.rates.clone()),
            config,
            http,
            credentials: Mutex::new(None),
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    pub fn endpoint(&self, service: Service) -> &reqwest::Url {
        match service {
            Service::Messaging => &self.messaging,
            Service::Identity => &self.identity,
        }
    }

    /// Calls an operation (`CreateChannel`, `identity:TagResource`) with its input in SDK
    /// member names: one attempt, neither paced nor retried (`send` does both).
    pub async fn call(&self, operation_name: &str, input: Value) -> Result<Response, WireError> {
        let (service, op) = model::find_operation(operation_name)
            .ok_or_else(|| WireError::UnknownOperation(operation_name.to_owned()))?;
        let mut req = build_request(service, op, &input)?;
        let base = self.endpoint(service);
        let url = format!(
            "{}{}",
            base.as_str().trim_end_matches('/'),
            req.uri()
                .path_and_query()
                .map_or("/", http::uri::PathAndQuery::as_str)
        );
        *req.uri_mut() = url.parse().map_err(|e| WireError::BadEndpoint {
            url: url.clone(),
            reason: format!("{e}"),
        })?;
        let host = match (base.host_str(), base.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => {
                return Err(WireError::BadEndpoint {
                    url: base.to_string(),
                    reason: "no host".into(),
                });
            }
        };
        let host = http::HeaderValue::from_str(&host).map_err(|e| WireError::BadEndpoint {
            url: base.to_string(),
            reason: e.to_string(),
        })?;
        req.headers_mut().insert(http::header::HOST, host);

        let credentials = self.credentials(base).await?;
        sign::sign_request(
            &mut req,
            &credentials,
            &self.config.region,
            &service.model().metadata.signing_name,
            SystemTime::now(),
        )?;

        let req = reqwest::Request::try_from(req).map_err(|e| WireError::Http {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        let started = Instant::now();
        let answer = self
            .http
            .execute(req)
            .await
            .map_err(|e| self.transport_error(&url, e))?;
        let status = answer.status().as_u16();
        let headers = answer.headers().clone();
        let raw_body = read_capped(answer, &url, |e| self.body_error(&url, e)).await?;

        Ok(Response::read(
            service,
            op,
            status,
            headers,
            raw_body,
            started.elapsed(),
        ))
    }

    /// The credentials for calls to `base` (placeholders for a loopback host with nothing
    /// configured), resolved once and kept until shortly before they expire.
    pub async fn credentials(&self, base: &reqwest::Url) -> Result<Credentials, WireError> {
        let mut cached = self.credentials.lock().await;
        if let Some(c) = cached.as_ref() {
            let fresh = c
                .expiry()
                .is_none_or(|t| t > SystemTime::now() + Duration::from_secs(60));
            if fresh {
                return Ok(c.clone());
            }
        }
        let c = sign::resolve(&self.config.region, sign::is_loopback(base)).await?;
        *cached = Some(c.clone());
        Ok(c)
    }

    /// What went wrong before an answer came: each timeout named with its own limit, a
    /// refused connection, or one closed before answering.
    fn transport_error(&self, url: &str, e: reqwest::Error) -> WireError {
        let url = url.to_owned();
        match (e.is_timeout(), e.is_connect()) {
            (true, true) => WireError::ConnectTimeout {
                url,
                secs: self.config.connect_timeout.as_secs_f64(),
            },
            (true, false) => WireError::Timeout {
                url,
                secs: self.config.timeout.as_secs_f64(),
            },
            // The innermost cause says it best ("Connection refused (os error 111)").
            (false, true) => WireError::Connect {
                url,
                reason: innermost_cause(&e),
            },
            (false, false) if e.is_request() => WireError::NoAnswer {
                url,
                reason: innermost_cause(&e),
            },
            (false, false) => WireError::Http {
                url,
                reason: error_chain(&e),
            },
        }
    }

    /// What went wrong while the answer was being read.
    fn body_error(&self, url: &str, e: reqwest::Error) -> WireError {
        if e.is_timeout() {
            return WireError::Timeout {
                url: url.to_owned(),
                secs: self.config.timeout.as_secs_f64(),
            };
        }
        WireError::AnswerCut {
            url: url.to_owned(),
            reason: error_chain(&e),
        }
    }
}

/// Answers larger than this are refused rather than held in memory.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

async fn read_capped(
    mut answer: reqwest::Response,
    url: &str,
    transport: impl Fn(reqwest::Error) -> WireError,
) -> Result<bytes::Bytes, WireError> {
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = answer.chunk().await.map_err(&transport)? {
        if buf.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(WireError::Http {
                url: url.to_owned(),
                reason: format!("the answer is larger than {MAX_RESPONSE_BYTES} bytes"),
            });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

fn endpoint_url(raw: &str) -> Result<reqwest::Url, WireError> {
    let bad = |reason: String| WireError::BadEndpoint {
        url: raw.to_owned(),
        reason,
    };
    let url = reqwest::Url::parse(raw).map_err(|e| bad(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https".into()));
    }
    if url.host_str().is_none() {
        return Err(bad("no host".into()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("an endpoint has no query or fragment".into()));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn endpoints_default_to_the_regional_hosts() {
        let c = Client::new(ClientConfig {
            region: "eu-central-1".into(),
            ..ClientConfig::default()
        })
        .unwrap();
        assert_eq!(
            c.endpoint(Service::Messaging).as_str(),
            "https://messaging-chime.eu-central-1.amazonaws.com/"
        );
        assert_eq!(
            c.endpoint(Service::Identity).as_str(),
            "https://identity-chime.eu-central-1.amazonaws.com/"
        );
        let c = Client::new(ClientConfig {
            endpoint: Some("http://127.0.0.1:9".into()),
            ..ClientConfig::default()
        })
        .unwrap();
        assert_eq!(
            c.endpoint(Service::Identity).as_str(),
            "http://127.0.0.1:9/"
        );
        let c = Client::new(ClientConfig {
            endpoint: Some("http://127.0.0.1:9".into()),
            identity_endpoint: Some("http://127.0.0.1:10".into()),
            ..ClientConfig::default()
        })
        .unwrap();
        assert_eq!(c.endpoint(Service::Identity).port(), Some(10));
        for bad in ["not a url", "ftp://x", "http://x/?a=b"] {
            let e = Client::new(ClientConfig {
                endpoint: Some(bad.into()),
                ..ClientConfig::default()
            })
            .err()
            .unwrap_or_else(|| panic!("{bad} accepted"));
            assert!(e.to_string().contains(bad), "{e}");
        }
    }

    #[test]
    fn clients_can_be_shared_between_tasks() {
        fn shareable<T: Send + Sync + 'static>() {}
        shareable::<Client>();
        shareable::<Response>();
    }

    /// A server answering every request with `status` and `body`, counting what it got.
    async fn canned(
        status: u16,
        body: &'static str,
    ) -> (String, std::sync::Arc<Mutex<Vec<String>>>) {
        let seen = std::sync::Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let app = axum::Router::new().fallback(move |uri: http::Uri| {
            let record = record.clone();
            async move {
                record.lock().await.push(uri.to_string());
                (
                    http::StatusCode::from_u16(status).unwrap(),
                    [("x-amzn-RequestId", "rid-1")],
                    body,
                )
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (url, seen)
    }

    fn local(endpoint: &str, identity: Option<&str>, timeout: Duration) -> Client {
        Client::new(ClientConfig {
            endpoint: Some(endpoint.into()),
            identity_endpoint: identity.map(str::to_owned),
            timeout,
            ..ClientConfig::default()
        })
        .unwrap()
    }

    #[tokio::test]
    async fn a_body_that_is_not_json_is_kept_raw() {
        let (url, _) = canned(500, "<html>oops</html>").await;
        let c = local(&url, None, Duration::from_secs(5));
        let r = c
            .call("DescribeAppInstance", json!({"AppInstanceArn": "arn:x:y"}))
            .await
            .unwrap();
        assert_eq!(r.status, 500);
        assert_eq!(r.body, None);
        assert_eq!(&r.raw_body[..], b"<html>oops</html>");
        assert!(r.body_error.as_deref().unwrap().contains("not JSON"));
        assert_eq!(r.error_type(), None);
        assert!(r.error.is_some());
        assert_eq!(r.request_id.as_deref(), Some("rid-1"));
        assert_eq!(r.service, Service::Identity);
        assert!(r.latency > Duration::ZERO);
    }

    #[tokio::test]
    async fn each_service_goes_to_its_endpoint() {
        let (messaging, m_seen) = canned(200, "{}").await;
        let (identity, i_seen) = canned(200, "{}").await;
        let c = local(&messaging, Some(&identity), Duration::from_secs(5));
        c.call("DescribeAppInstance", json!({"AppInstanceArn": "a"}))
            .await
            .unwrap();
        c.call(
            "identity:TagResource",
            json!({"ResourceARN": "a", "Tags": []}),
        )
        .await
        .unwrap();
        c.call(
            "DescribeChannel",
            json!({"ChannelArn": "c", "ChimeBearer": "u"}),
        )
        .await
        .unwrap();
        assert_eq!(
            *i_seen.lock().await,
            ["/app-instances/a", "/tags?operation=tag-resource"]
        );
        assert_eq!(*m_seen.lock().await, ["/channels/c"]);
    }

    #[tokio::test]
    async fn a_silent_server_times_out_naming_the_limit() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        // Accepts connections and never answers.
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let c = local(&url, None, Duration::from_millis(300));
        let started = Instant::now();
        let e = c
            .call("DescribeAppInstance", json!({"AppInstanceArn": "a"}))
            .await
            .unwrap_err();
        assert!(matches!(e, WireError::Timeout { .. }), "{e}");
        assert!(e.to_string().contains("0.3s"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[tokio::test]
    async fn a_full_accept_queue_is_a_connect_timeout_naming_its_limit() {
        // A listener that never accepts, its queue filled: new connections get no answer.
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap();
        let addr = listener.local_addr().unwrap();
        let mut held = Vec::new();
        for _ in 0..8 {
            let connecting = tokio::net::TcpStream::connect(addr);
            match tokio::time::timeout(Duration::from_millis(100), connecting).await {
                Ok(Ok(stream)) => held.push(stream),
                _ => break,
            }
        }
        let c = Client::new(ClientConfig {
            endpoint: Some(format!("http://{addr}")),
            connect_timeout: Duration::from_millis(300),
            ..ClientConfig::default()
        })
        .unwrap();
        let e = c
            .call("DescribeAppInstance", json!({"AppInstanceArn": "a"}))
            .await
            .unwrap_err();
        assert!(matches!(e, WireError::ConnectTimeout { .. }), "{e}");
        assert!(e.to_string().contains("connect timeout (0.3s)"), "{e}");
        drop((held, listener));
    }

    #[tokio::test]
    async fn unknown_operations_and_refused_connections_are_errors() {
        let c = Client::new(ClientConfig {
            endpoint: Some("http://127.0.0.1:9".into()),
            timeout: Duration::from_secs(3),
            ..ClientConfig::default()
        })
        .unwrap();
        let e = c.call("NoSuchThing", json!({})).await.unwrap_err();
        assert!(matches!(e, WireError::UnknownOperation(_)), "{e}");
        let started = Instant::now();
        let e = c
            .call("DescribeAppInstance", json!({"AppInstanceArn": "arn:x:y"}))
            .await
            .unwrap_err();
        assert!(matches!(e, WireError::Connect { .. }), "{e}");
        assert!(
            e.to_string().contains("http://127.0.0.1:9/app-instances/"),
            "{e}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
