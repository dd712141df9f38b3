//! The wire side of the server: routing from the model, request decoding, error rendering.
//!
//! One handler serves every operation of both services: it routes by the model, decodes the
//! request into SDK member names, validates it against the model, runs the domain and renders
//! the answer with the model's success code, or an error shape the operation lists.
//!
//! Requests no operation matches (an unknown path, or a known path with a method no operation
//! uses) are answered `404` with `x-amzn-ErrorType: NotFoundException`: they address a resource
//! of the API that does not exist, and the answer stays in the model's error family so that
//! clients classify it.

pub mod decode;
pub mod host;
pub mod query;
pub mod route;
pub mod validate;

use crate::model::{Location, Operation, Service, iso_8601_millis, map_timestamps};
use crate::server::domain::{ApiError, Domain};
use crate::server::faults::{Fault, FaultSet};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use decode::{RawRequest, Route};
use futures::FutureExt;
use http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Map, Value};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

/// The header naming the error shape; the SDKs classify errors by it (B-WIRE-07).
pub const ERROR_TYPE: &str = "x-amzn-ErrorType";

/// What the API handler needs: the domain and the request body limit.
pub struct ApiState {
    pub domain: Arc<Domain>,
    pub max_body_bytes: usize,
    /// How long a request body may take to arrive.
    pub body_timeout: std::time::Duration,
    /// Deliberate deviations of the wire format (self-check); empty for the faithful server.
    pub faults: FaultSet,
}

/// The handler for every API request.
pub async fn handle(State(state): State<Arc<ApiState>>, request: Request) -> Response {
    let mut response = guarded(dispatch(&state, request)).await;
    if state.faults.has(Fault::JsonLabelledAsText) && response.headers().contains_key(CONTENT_TYPE)
    {
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    response
}

/// A panic while handling a request is answered with a ServiceFailureException instead of
/// dropping the connection; the server goes on serving.
async fn guarded(answer: impl std::future::Future<Output = Response>) -> Response {
    match AssertUnwindSafe(answer).catch_unwind().await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!("a request handler panicked");
            error_response(
                Service::Messaging,
                &ApiError::new(
                    "ServiceFailureException",
                    "ServiceFailure",
                    "the server failed while handling the request",
                ),
            )
        }
    }
}

async fn dispatch(state: &ApiState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let query = decode::Query::parse(parts.uri.query());
    let path = parts.uri.path();
    let route = decode::route(&parts.method, path, &query);
    // The body is read even when no operation wants it: a connection left with an unread body
    // cannot be reused, and clients racing to reuse it would see it closed under them.
    let read = read_body(body, &parts.headers, state.max_body_bytes);
    let body = match tokio::time::timeout(state.body_timeout, read)
        .await
        .unwrap_or_else(|_| {
            Err(ApiError::bad_request(format!(
                "the request body did not arrive within {:?}",
                state.body_timeout
            )))
        }) {
        Ok(body) => body,
        Err(e) => {
            let (service, error) = match &route {
                Route::Found(found) => (found[0].0, listed_error(found[0].1, e)),
                _ => (Service::Messaging, e),
            };
            let mut response = error_response(service, &error);
            response
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
    };
    let candidates = match route {
        Route::Found(found) => found,
        Route::WrongMethod(methods) => {
            let methods: Vec<&str> = methods.iter().map(|m| m.as_str()).collect();
            return not_found(format!(
                "no operation is {} {}; this path takes {}",
                parts.method,
                decode::truncate(path, 200),
                methods.join(", ")
            ));
        }
        Route::Unknown => {
            return not_found(format!(
                "no operation matches {} {}",
                parts.method,
                decode::truncate(path, 200)
            ));
        }
    };
    let mut decoded: Vec<_> = candidates
        .iter()
        .map(|(svc, op, labels)| {
            let raw = RawRequest {
                labels,
                query: &query,
                headers: &parts.headers,
                body: &body,
            };
            (*svc, *op, decode::decode_input(*svc, op, &raw))
        })
        .collect();
    let chosen = if decoded.len() == 1 {
        0
    } else {
        let services: Vec<Service> = decoded.iter().map(|d| d.0).collect();
        let pick = decoded
            .iter()
            .find_map(|d| d.2.as_ref().ok())
            .map_or(services[0], |input| decode::pick_by_arn(&services, input));
        services.iter().position(|s| *s == pick).unwrap_or(0)
    };
    let (service, op, input) = decoded.swap_remove(chosen);
    let faults = &state.faults;
    let result = input
        .and_then(|input| {
            if faults.has(Fault::InputConstraintsNotEnforced) {
                return Ok(input);
            }
            validate_input(service, op, input, faults)
        })
        .and_then(|input| {
            let addressed_to = host::addressed_to(&parts.uri, &parts.headers);
            let domain = &state.domain;
            domain.handle_addressed(service, &op.name, &input, addressed_to.as_deref())
        })
        .map_err(|e| one_operation_faults(op, e, faults));
    if faults.is_empty() {
        return match result {
            Ok(output) => success_response(service, op, output),
            Err(e) => error_response(service, &listed_error(op, e)),
        };
    }
    match result {
        Ok(output) => faulty_success(service, op, output, faults),
        Err(e) if faults.has(Fault::UnlistedErrors) => faulty_error(service, &e, faults),
        Err(e) => faulty_error(service, &listed_error(op, e), faults),
    }
}

/// A success answer with the wire faults of `faults` applied.
fn faulty_success(service: Service, op: &Operation, output: Value, faults: &FaultSet) -> Response {
    let model = service.model();
    let mut output = output;
    if let Some(shape) = &op.output {
        if faults.has(Fault::TimestampsInMilliseconds) {
            map_timestamps(model, shape, &mut output, &|t| {
                Value::from((t * 1000.0).round() as i64)
            });
        }
        if faults.has(Fault::TimestampsAsStrings) {
            map_timestamps(model, shape, &mut output, &|t| {
                iso_8601_millis(t).map_or(Value::Null, Value::String)
            });
        }
        if faults.has(Fault::UnknownResponseMember)
            && let Value::Object(o) = &mut output
        {
            o.insert("ServedBy".into(), Value::String("chime-conformance".into()));
        }
    }
    let code = op.http.success_code;
    if code == 204 && faults.has(Fault::DeleteAnswers200) {
        return json_response(StatusCode::OK, HeaderMap::new(), &Value::Object(Map::new()));
    }
    let mut response = success_response(service, op, output);
    if code == 201 && faults.has(Fault::CreatedAnswers200) {
        *response.status_mut() = StatusCode::OK;
    }
    response
}

/// An error answer with the wire faults of `faults` applied.
fn faulty_error(service: Service, error: &ApiError, faults: &FaultSet) -> Response {
    let mut response = error_response(service, error);
    if faults.has(Fault::NoErrorTypeHeader) {
        response.headers_mut().remove(ERROR_TYPE);
    }
    if faults.has(Fault::EveryErrorIs400) {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    response
}

/// Reads the whole body, refusing one larger than the limit with a modelled error.
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = |size: String| {
        ApiError::bad_request(format!(
            "the request body ({size}) exceeds the limit of {limit} bytes"
        ))
    };
    if let Some(length) = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && length > limit as u64
    {
        return Err(too_large(format!("{length} bytes")));
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large("unknown length".into()))
}

/// Validates the decoded input against the model. A missing bearer is refused first, by the
/// domain's one rule for it (B-AUTH-01/03). Then the generated schema judges (types, required
/// members, enums, lengths, ranges, patterns); when it finds a problem, the structural check
/// here names the member in SDK terms where it can.
fn validate_input(
    service: Service,
    op: &Operation,
    input: Map<String, Value>,
    faults: &FaultSet,
) -> Result<Map<String, Value>, ApiError> {
    let model = service.model();
    let Some(structure) = model.input_structure(op) else {
        return Ok(input);
    };
    crate::server::domain::require_bearer(structure, &input)?;
    let input = Value::Object(input);
    let violation = crate::schema::validate_input(service, &op.name, &input)
        .into_iter()
        .find(|v| v.fails(false) && !unchecked_on_one_operation(op, &v.pointer, faults));
    let Value::Object(input) = input else {
        return Ok(Map::new());
    };
    let Some(violation) = violation else {
        return Ok(input);
    };
    if let Some(problem) = validate::check_input(model, structure, &input) {
        return Err(ApiError::bad_request(problem.to_string()));
    }
    let member = violation.pointer.trim_start_matches('/').replace('/', ".");
    Err(ApiError::bad_request(format!(
        "{member}: expected {}, found {}",
        violation.expected, violation.found
    )))
}

/// The faults that break a rule on one operation only, where the wire error is made.
fn one_operation_faults(op: &Operation, e: ApiError, faults: &FaultSet) -> ApiError {
    let on = |fault, name| faults.has(fault) && op.name == name;
    if on(
        Fault::MissingBearerForbiddenOnOneOperation,
        "ListChannelBans",
    ) && e.shape == "UnauthorizedClientException"
    {
        return ApiError::forbidden(e.message);
    }
    if on(
        Fault::MissingChannelForbiddenOnOneOperation,
        "DescribeChannelModerator",
    ) && e.shape == "NotFoundException"
    {
        return ApiError::forbidden(e.message);
    }
    e
}

/// Whether a fault lets this one operation take a value past a constraint of one member.
fn unchecked_on_one_operation(op: &Operation, pointer: &str, faults: &FaultSet) -> bool {
    let on = |fault, name, member| faults.has(fault) && op.name == name && pointer == member;
    on(
        Fault::PageSizeUncheckedOnOneList,
        "ListChannelModerators",
        "/MaxResults",
    ) || on(
        Fault::NameLengthUncheckedOnUpdateChannel,
        "UpdateChannel",
        "/Name",
    )
}

/// The one place where an error the operation does not list becomes one it does: a missing
/// resource is ForbiddenException where NotFoundException is not modelled (B-CH-09), anything
/// else BadRequestException; an operation listing neither gets its first listed client error.
pub fn listed_error(op: &Operation, error: ApiError) -> ApiError {
    let listed = |shape: &str| op.errors.iter().any(|e| e == shape);
    if listed(error.shape) {
        return error;
    }
    let mapped = if error.shape == "NotFoundException" {
        ApiError::forbidden(error.message)
    } else {
        ApiError::bad_request(error.message)
    };
    if listed(mapped.shape) {
        return mapped;
    }
    let fallback = [ApiError::forbidden, ApiError::bad_request]
        .into_iter()
        .map(|make| make(String::new()))
        .chain(op.errors.iter().filter_map(|e| error_for_shape(e, "")))
        .find(|e| listed(e.shape) && !is_fault(e.shape));
    match fallback {
        Some(e) => ApiError {
            message: mapped.message,
            ..e
        },
        None => mapped,
    }
}

fn is_fault(shape: &str) -> bool {
    Service::ALL
        .into_iter()
        .any(|svc| svc.model().error_info(shape).is_some_and(|i| i.fault))
}

/// The domain's constructor for an error shape, by name.
fn error_for_shape(shape: &str, message: &str) -> Option<ApiError> {
    let make: fn(String) -> ApiError = match shape {
        "BadRequestException" => ApiError::bad_request,
        "ForbiddenException" => ApiError::forbidden,
        "NotFoundException" => ApiError::not_found,
        "ConflictException" => ApiError::conflict,
        "UnauthorizedClientException" => ApiError::unauthorized,
        "ResourceLimitExceededException" => ApiError::resource_limit,
        "ThrottledClientException" => ApiError::throttled,
        _ => return None,
    };
    Some(make(message.to_owned()))
}

/// The model's success code, and the output members: body members under their JSON names,
/// header members as headers. No body for 204 or operations without output.
pub fn success_response(service: Service, op: &Operation, output: Value) -> Response {
    let status = StatusCode::from_u16(op.http.success_code).unwrap_or(StatusCode::OK);
    let structure = service.model().output_structure(op);
    let Some(structure) = structure.filter(|_| status != StatusCode::NO_CONTENT) else {
        return status.into_response();
    };
    let mut headers = HeaderMap::new();
    let Value::Object(mut body) = output else {
        return json_response(status, headers, &Value::Object(Map::new()));
    };
    // The domain's output is keyed by member name: header members move to headers, and the
    // object itself becomes the body, renamed only where a JSON name differs.
    for (name, member) in &structure.members {
        match &member.location {
            Location::Header(h) => {
                let Some(value) = body.remove(name) else {
                    continue;
                };
                let text = match value {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                if let (Ok(n), Ok(v)) = (
                    HeaderName::try_from(h.as_str()),
                    HeaderValue::try_from(text),
                ) {
                    headers.insert(n, v);
                }
            }
            Location::Body { json_name } if json_name != name => {
                if let Some(value) = body.remove(name) {
                    body.insert(json_name.clone(), value);
                }
            }
            _ => {}
        }
    }
    json_response(status, headers, &Value::Object(body))
}

/// An error answer: the shape's modelled status, `x-amzn-ErrorType` and `{"Code","Message"}`.
pub fn error_response(service: Service, error: &ApiError) -> Response {
    let status = service
        .model()
        .error_info(error.shape)
        .and_then(|info| StatusCode::from_u16(info.http_status).ok())
        .unwrap_or(StatusCode::BAD_REQUEST);
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("x-amzn-errortype"),
        HeaderValue::from_static(error.shape),
    );
    let body = serde_json::json!({"Code": error.code, "Message": error.message});
    json_response(status, headers, &body)
}

/// 404 NotFoundException for requests that address no operation.
pub fn not_found(message: String) -> Response {
    error_response(Service::Messaging, &ApiError::not_found(message))
}

/// A bad request outside any operation (the control endpoints).
pub fn bad_request(message: String) -> Response {
    error_response(Service::Messaging, &ApiError::bad_request(message))
}

pub fn json_response(status: StatusCode, mut headers: HeaderMap, body: &Value) -> Response {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    // Serialising a Value cannot fail (its keys are strings).
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (status, headers, bytes).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::messaging;

    #[test]
    fn unlisted_errors_map_to_listed_ones() {
        let m = messaging();
        for op in m.operations.values() {
            for err in [
                ApiError::not_found("gone"),
                ApiError::conflict("twice"),
                ApiError::bad_request("bad"),
            ] {
                let mapped = listed_error(op, err.clone());
                assert!(
                    op.errors.iter().any(|e| e == mapped.shape),
                    "{} answers {} for {}",
                    op.name,
                    mapped.shape,
                    err.shape
                );
                if err.shape == "NotFoundException" && mapped.shape != err.shape {
                    assert_eq!(mapped.shape, "ForbiddenException", "{}", op.name);
                }
                assert_eq!(mapped.message, err.message);
            }
        }
    }

    #[tokio::test]
    async fn a_panicking_handler_becomes_a_service_failure() {
        let r = guarded(async {
            if StatusCode::OK.is_success() {
                panic!("handler bug");
            }
            StatusCode::OK.into_response()
        })
        .await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(r.headers()[ERROR_TYPE], "ServiceFailureException");
        let fine = guarded(async { StatusCode::CREATED.into_response() }).await;
        assert_eq!(fine.status(), StatusCode::CREATED);
    }

    #[test]
    fn errors_render_with_the_modelled_status() {
        let r = error_response(Service::Messaging, &ApiError::throttled("slow down"));
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[ERROR_TYPE], "ThrottledClientException");
        let r = error_response(Service::Messaging, &ApiError::resource_limit("full"));
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = not_found("x".into());
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    async fn body_of(r: Response) -> Value {
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    }

    #[tokio::test]
    async fn wire_faults_change_only_what_they_name() {
        let m = messaging();
        let get = &m.operations["GetChannelMessage"];
        let output = serde_json::json!({"ChannelMessage": {
            "MessageId": "m", "CreatedTimestamp": 1700000000.5, "Metadata": "1700000000"}});
        let ms = FaultSet::from(Fault::TimestampsInMilliseconds);
        let body = body_of(faulty_success(Service::Messaging, get, output.clone(), &ms)).await;
        assert_eq!(
            body["ChannelMessage"]["CreatedTimestamp"],
            1_700_000_000_500_i64
        );
        assert_eq!(
            body["ChannelMessage"]["Metadata"], "1700000000",
            "not a timestamp"
        );
        let text = FaultSet::from(Fault::TimestampsAsStrings);
        let body = body_of(faulty_success(
            Service::Messaging,
            get,
            output.clone(),
            &text,
        ))
        .await;
        assert_eq!(
            body["ChannelMessage"]["CreatedTimestamp"],
            "2023-11-14T22:13:20.500Z"
        );
        let extra = FaultSet::from(Fault::UnknownResponseMember);
        let body = body_of(faulty_success(Service::Messaging, get, output, &extra)).await;
        assert!(body.get("ServedBy").is_some(), "{body}");

        let create = &m.operations["CreateChannel"];
        let ok = FaultSet::from(Fault::CreatedAnswers200);
        let r = faulty_success(Service::Messaging, create, serde_json::json!({}), &ok);
        assert_eq!(r.status(), StatusCode::OK);
        let delete = &m.operations["DeleteChannel"];
        let r = faulty_success(Service::Messaging, delete, serde_json::json!({}), &ok);
        assert_eq!(
            r.status(),
            StatusCode::NO_CONTENT,
            "only 201 answers change"
        );

        let plain = FaultSet::from(Fault::NoErrorTypeHeader);
        let r = faulty_error(Service::Messaging, &ApiError::forbidden("no"), &plain);
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.headers().get(ERROR_TYPE).is_none());
        let flat = FaultSet::from(Fault::EveryErrorIs400);
        let r = faulty_error(Service::Messaging, &ApiError::forbidden("no"), &flat);
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(r.headers()[ERROR_TYPE], "ForbiddenException");
    }

    #[test]
    fn success_uses_the_model_code_and_no_body_for_204() {
        let m = messaging();
        let r = success_response(
            Service::Messaging,
            &m.operations["CreateChannel"],
            serde_json::json!({"ChannelArn": "a"}),
        );
        assert_eq!(r.status(), StatusCode::CREATED);
        let r = success_response(
            Service::Messaging,
            &m.operations["DeleteChannel"],
            serde_json::json!({}),
        );
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert!(r.headers().get(CONTENT_TYPE).is_none());
    }
}
