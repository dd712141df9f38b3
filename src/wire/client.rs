//! Sends one call: endpoint per service, SigV4, timeouts, and the answer read as the SDKs read it.

use super::request::build_request;
use super::{WireError, sign};
use crate::model::{self, Location, Service, ShapeKind};
use aws_credential_types::Credentials;
use serde_json::{Map, Value};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Mutex;

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Serves both services unless `identity_endpoint` is given. `None`: the regional AWS hosts.
    pub endpoint: Option<String>,
    pub identity_endpoint: Option<String>,
    pub region: String,
    /// The whole call, from connecting to the last byte of the answer.
    pub timeout: Duration,
    pub connect_timeout: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            endpoint: None,
            identity_endpoint: None,
            region: "us-east-1".into(),
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
        }
    }
}

/// The error an answer carries, classified as the SDKs classify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error shape (`ForbiddenException`); empty when the answer names none.
    pub shape: String,
    /// The body's `Code` (the service's ErrorCode, e.g. `Forbidden`).
    pub code: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub service: Service,
    pub operation: String,
    pub status: u16,
    pub headers: http::HeaderMap,
    /// The parsed JSON body, with output members bound to headers merged in by member name.
    /// `None` for an empty body or one that is not JSON (see `body_error`).
    pub body: Option<Value>,
    pub raw_body: bytes::Bytes,
    /// Why a non-empty body could not be read as JSON.
    pub body_error: Option<String>,
    pub request_id: Option<String>,
    /// From sending the request to the last byte of the answer (signing not included).
    pub latency: Duration,
    /// Present on every answer outside 2xx, and on any answer that names an error type.
    pub error: Option<ErrorInfo>,
}

impl Response {
    /// The error shape the answer names, if any (what response validation needs).
    pub fn error_type(&self) -> Option<&str> {
        self.error
            .as_ref()
            .map(|e| e.shape.as_str())
            .filter(|s| !s.is_empty())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

pub struct Client {
    config: ClientConfig,
    http: reqwest::Client,
    messaging: reqwest::Url,
    identity: reqwest::Url,
    /// Resolved on first use and kept until shortly before they expire.
    credentials: Mutex<Option<Credentials>>,
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
    /// member names.
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
        let transport = |e: reqwest::Error| self.transport_error(&url, e);
        let answer = self.http.execute(req).await.map_err(transport)?;
        let status = answer.status().as_u16();
        let headers = answer.headers().clone();
        let raw_body = read_capped(answer, &url, transport).await?;
        let latency = started.elapsed();

        let (mut body, body_error) = if raw_body.is_empty() {
            (None, None)
        } else {
            match serde_json::from_slice::<Value>(&raw_body) {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(format!("the body is not JSON: {e}"))),
            }
        };
        let error = classify_error(status, &headers, body.as_ref());
        if error.is_none() {
            merge_header_members(service.model(), op, &headers, &mut body);
        }
        let request_id = headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Response {
            service,
            operation: op.name.clone(),
            status,
            headers,
            body,
            raw_body,
            body_error,
            request_id,
            latency,
            error,
        })
    }

    async fn credentials(&self, base: &reqwest::Url) -> Result<Credentials, WireError> {
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

    fn transport_error(&self, url: &str, e: reqwest::Error) -> WireError {
        if e.is_timeout() {
            // A connect timeout is reported as such with its own limit.
            let secs = if e.is_connect() {
                self.config.connect_timeout
            } else {
                self.config.timeout
            };
            return WireError::Timeout {
                url: url.to_owned(),
                secs: secs.as_secs_f64(),
            };
        }
        if e.is_connect() {
            // The innermost cause says it best ("Connection refused (os error 111)").
            WireError::Connect {
                url: url.to_owned(),
                reason: super::innermost_cause(&e),
            }
        } else {
            WireError::Http {
                url: url.to_owned(),
                reason: super::error_chain(&e),
            }
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

/// The error an answer names, as the SDKs find it: the `x-amzn-ErrorType` header (anything
/// after `:` dropped), else the body's `__type` or `code` (a `#` namespace prefix dropped);
/// then `Code`, and `Message` or `message`. `None` for a 2xx answer that names no error.
pub fn classify_error(
    status: u16,
    headers: &http::HeaderMap,
    body: Option<&Value>,
) -> Option<ErrorInfo> {
    let obj = body.and_then(Value::as_object);
    let field = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_str);
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(|t| t.split(':').next().unwrap_or_default().trim())
        .filter(|t| !t.is_empty());
    let from_body = || {
        field("__type")
            .or_else(|| field("code"))
            .map(|t| {
                let t = t.rsplit('#').next().unwrap_or_default();
                t.split(':').next().unwrap_or_default().trim()
            })
            .filter(|t| !t.is_empty())
    };
    let shape = from_header.or_else(from_body);
    if shape.is_none() && (200..300).contains(&status) {
        return None;
    }
    Some(ErrorInfo {
        shape: shape.unwrap_or_default().to_owned(),
        code: field("Code").map(str::to_owned),
        message: field("Message")
            .or_else(|| field("message"))
            .map(str::to_owned),
    })
}

/// Output members bound to headers join the body under their member name.
fn merge_header_members(
    model: &model::ServiceModel,
    op: &model::Operation,
    headers: &http::HeaderMap,
    body: &mut Option<Value>,
) {
    let Some(st) = model.output_structure(op) else {
        return;
    };
    let mut found = Map::new();
    for m in st.members.values() {
        let Location::Header(name) = &m.location else {
            continue;
        };
        let Some(text) = headers.get(name.as_str()).and_then(|v| v.to_str().ok()) else {
            continue;
        };
        let value = match model.shape(&m.target).map(|s| &s.kind) {
            Some(ShapeKind::Integer { .. } | ShapeKind::Long { .. }) => text
                .trim()
                .parse::<i64>()
                .map_or_else(|_| Value::from(text), Value::from),
            Some(ShapeKind::Boolean) => match text.trim() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::from(text),
            },
            Some(ShapeKind::Timestamp) => chrono::DateTime::parse_from_rfc2822(text)
                .map_or_else(|_| Value::from(text), |t| Value::from(t.timestamp())),
            _ => Value::from(text),
        };
        found.insert(m.name.clone(), value);
    }
    if found.is_empty() {
        return;
    }
    match body {
        Some(Value::Object(o)) => o.extend(found),
        None => *body = Some(Value::Object(found)),
        // A body that is not an object is reported as it is.
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_error_type_header_wins_and_loses_its_suffix() {
        let h = headers(&[(
            "x-amzn-ErrorType",
            "ForbiddenException:http://internal.amazon.com/coral/com.amazonaws.chime/",
        )]);
        let body = json!({"Code": "Forbidden", "Message": "no", "__type": "Other"});
        let e = classify_error(403, &h, Some(&body)).unwrap();
        assert_eq!(
            e,
            ErrorInfo {
                shape: "ForbiddenException".into(),
                code: Some("Forbidden".into()),
                message: Some("no".into()),
            }
        );
    }

    #[test]
    fn the_body_type_is_used_without_the_header() {
        let body = json!({"__type": "com.amazonaws.chime#NotFoundException", "message": "gone"});
        let e = classify_error(404, &http::HeaderMap::new(), Some(&body)).unwrap();
        assert_eq!(e.shape, "NotFoundException");
        assert_eq!(e.message.as_deref(), Some("gone"));
        assert_eq!(e.code, None);
        let body = json!({"code": "aws.protocoltests#ThrottledClientException"});
        let e = classify_error(429, &http::HeaderMap::new(), Some(&body)).unwrap();
        assert_eq!(e.shape, "ThrottledClientException");
    }

    #[test]
    fn errors_without_a_type_are_still_reported() {
        let e = classify_error(500, &http::HeaderMap::new(), None).unwrap();
        assert_eq!(e.shape, "");
        assert!(classify_error(200, &http::HeaderMap::new(), Some(&json!({"a": 1}))).is_none());
        assert!(classify_error(204, &http::HeaderMap::new(), None).is_none());
        // An empty header does not hide the body's type.
        let h = headers(&[("x-amzn-errortype", "")]);
        let body = json!({"__type": "BadRequestException"});
        assert_eq!(
            classify_error(400, &h, Some(&body)).unwrap().shape,
            "BadRequestException"
        );
    }

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

    #[test]
    fn output_members_bound_to_headers_join_the_body() {
        let text = r#"{
          "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                       "serviceFullName": "X", "protocol": "rest-json"},
          "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/x"},
                                "output": {"shape": "Out"}}},
          "shapes": {
            "Out": {"type": "structure", "members": {
              "Etag": {"shape": "S", "location": "header", "locationName": "ETag"},
              "Count": {"shape": "I", "location": "header", "locationName": "x-count"},
              "Name": {"shape": "S"}}},
            "S": {"type": "string"},
            "I": {"type": "integer"}
          }
        }"#;
        let model = model::ServiceModel::from_json(text).unwrap();
        let op = &model.operations["Op"];
        let h = headers(&[("etag", "abc"), ("x-count", "3")]);
        let mut body = Some(json!({"Name": "n"}));
        merge_header_members(&model, op, &h, &mut body);
        assert_eq!(body, Some(json!({"Name": "n", "Etag": "abc", "Count": 3})));
        let mut empty = None;
        merge_header_members(&model, op, &headers(&[("etag", "e")]), &mut empty);
        assert_eq!(empty, Some(json!({"Etag": "e"})));
        let mut untouched = Some(json!({"Name": "n"}));
        merge_header_members(&model, op, &http::HeaderMap::new(), &mut untouched);
        assert_eq!(untouched, Some(json!({"Name": "n"})));
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
