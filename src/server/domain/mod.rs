//! State and rules: app instances, users, channels, memberships, messages, flows, expiration.
//! No HTTP here: inputs and outputs are JSON objects keyed by the model's member names.

use crate::model::Service;
use serde_json::{Map, Value};

/// A modelled error: the exception shape, its `Code` and a message naming what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{shape} ({code}): {message}")]
pub struct ApiError {
    pub shape: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(shape: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            shape,
            code,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new("BadRequestException", "BadRequest", message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new("ForbiddenException", "Forbidden", message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new("NotFoundException", "NotFound", message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new("ConflictException", "Conflict", message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new("UnauthorizedClientException", "Unauthorized", message)
    }
    pub fn resource_limit(message: impl Into<String>) -> Self {
        Self::new(
            "ResourceLimitExceededException",
            "ResourceLimitExceeded",
            message,
        )
    }
    pub fn throttled(message: impl Into<String>) -> Self {
        Self::new("ThrottledClientException", "Throttled", message)
    }
}

/// The whole state of the reference server.
#[derive(Debug, Default)]
pub struct Domain {}

impl Domain {
    /// How long after its expiry an expired channel is deleted by the sweeper.
    pub const EXPIRATION_LAG_SECONDS: f64 = 3600.0;

    pub fn new() -> Self {
        Domain {}
    }

    /// Runs one operation. `input` holds the operation's members by model name.
    pub fn handle(
        &self,
        service: Service,
        operation: &str,
        input: &Map<String, Value>,
    ) -> Result<Value, ApiError> {
        let _ = (service, input);
        Err(ApiError::bad_request(format!(
            "{operation} is not supported by this server"
        )))
    }
}
