//! The test-control endpoints (`/_conformance/v1/...`, described in `docs/control-protocol.md`):
//! the virtual clock, the expiration sweeper, channel-flow processor events and processor
//! reachability, all scoped per AppInstance.

use super::domain::{ApiError, Domain};
use super::http::{bad_request, error_response, json_response, not_found};
use crate::model::Service;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::Arc;

/// The path prefix of every control endpoint.
pub const PREFIX: &str = "/_conformance/v1";

/// What this server can be asked to do, as `GET /_conformance/v1/capabilities` lists it.
pub const CAPABILITIES: [&str; 4] = [
    "clock",
    "expiration",
    "flow-events",
    "processor-reachability",
];

/// The control endpoints, for merging into the application router.
///
/// A body must arrive within `body_timeout`, as an API call's must: a stalled one is answered
/// with a BadRequestException and the connection closed, so it cannot hold its slot.
pub fn router<S: Clone + Send + Sync + 'static>(
    domain: Arc<Domain>,
    body_timeout: std::time::Duration,
) -> Router<S> {
    Router::new()
        .route(&format!("{PREFIX}/capabilities"), get(capabilities))
        .route(&format!("{PREFIX}/clock"), get(clock))
        .route(&format!("{PREFIX}/clock/advance"), post(advance_clock))
        .route(&format!("{PREFIX}/expiration"), get(expiration))
        .route(&format!("{PREFIX}/expiration/sweep"), post(sweep))
        .route(&format!("{PREFIX}/flow-events"), get(flow_events))
        .route(
            &format!("{PREFIX}/processors/reachability"),
            put(processor_reachability),
        )
        .method_not_allowed_fallback(wrong_method)
        .with_state(domain)
        .layer(axum::middleware::from_fn(move |request, next| {
            body_within(body_timeout, request, next)
        }))
}

/// Reads the whole body within `deadline` before the endpoint runs.
async fn body_within(
    deadline: std::time::Duration,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match tokio::time::timeout(deadline, axum::body::to_bytes(body, BODY_LIMIT)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return bad_request(format!(
                "the request body is unreadable or larger than {BODY_LIMIT} bytes"
            ));
        }
        Err(_) => {
            let mut response = bad_request(format!(
                "the request body did not arrive within {deadline:?}"
            ));
            response.headers_mut().insert(
                axum::http::header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            return response;
        }
    };
    next.run(axum::extract::Request::from_parts(parts, Body::from(bytes)))
        .await
}

type DomainState = State<Arc<Domain>>;

async fn capabilities() -> Response {
    ok(json!({ "capabilities": CAPABILITIES }))
}

async fn clock(State(domain): DomainState, uri: Uri) -> Response {
    let arn = match query_param(&uri, "app-instance-arn") {
        Ok(arn) => arn,
        Err(message) => return bad_request(message),
    };
    answer(domain.now(&arn).map(|now| json!({ "now": now })))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Advance {
    app_instance_arn: String,
    seconds: f64,
}

async fn advance_clock(State(domain): DomainState, body: Body) -> Response {
    let input: Advance = match parse(body).await {
        Ok(input) => input,
        Err(r) => return r,
    };
    if !input.seconds.is_finite() || input.seconds < 0.0 {
        return bad_request(format!(
            "Seconds must be a finite number >= 0, got {}",
            input.seconds
        ));
    }
    answer(
        domain
            .advance_clock(&input.app_instance_arn, input.seconds)
            .map(|now| json!({ "now": now })),
    )
}

async fn expiration() -> Response {
    ok(json!({ "deletionLagSeconds": Domain::EXPIRATION_LAG_SECONDS }))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Sweep {
    app_instance_arn: String,
}

async fn sweep(State(domain): DomainState, body: Body) -> Response {
    let input: Sweep = match parse(body).await {
        Ok(input) => input,
        Err(r) => return r,
    };
    let deleted = domain.sweep_expired(Some(&input.app_instance_arn));
    ok(json!({ "deleted": deleted }))
}

async fn flow_events(State(domain): DomainState, uri: Uri) -> Response {
    let arn = match query_param(&uri, "channel-arn") {
        Ok(arn) => arn,
        Err(message) => return bad_request(message),
    };
    answer(
        domain
            .flow_events(&arn)
            .map(|events| json!({ "events": events })),
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Reachability {
    processor_arn: String,
    reachable: bool,
}

async fn processor_reachability(State(domain): DomainState, body: Body) -> Response {
    let input: Reachability = match parse(body).await {
        Ok(input) => input,
        Err(r) => return r,
    };
    domain.set_processor_reachable(&input.processor_arn, input.reachable);
    ok(json!({}))
}

async fn wrong_method(uri: Uri) -> Response {
    not_found(format!(
        "the control endpoint {} does not take this method",
        uri.path()
    ))
}

fn ok(body: Value) -> Response {
    json_response(StatusCode::OK, HeaderMap::new(), &body)
}

fn answer(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(body) => ok(body),
        Err(e) => error_response(Service::Messaging, &e),
    }
}

/// One required, non-empty query parameter, percent-decoded.
fn query_param(uri: &Uri, name: &str) -> Result<String, String> {
    super::http::decode::Query::parse(uri.query())
        .required(name)
        .map(str::to_owned)
}

/// Control bodies are a few ARNs and numbers.
const BODY_LIMIT: usize = 64 * 1024;

/// A JSON body into its request type; a readable BadRequestException otherwise.
async fn parse<T: DeserializeOwned>(body: Body) -> Result<T, Response> {
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| {
        bad_request(format!(
            "the request body is unreadable or larger than {BODY_LIMIT} bytes"
        ))
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| bad_request(format!("the request body does not fit this endpoint: {e}")))
}
