//! The modelled error every rule answers with: an exception shape, its `Code` and a message.

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
