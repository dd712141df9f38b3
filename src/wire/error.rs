//! Why a call could not be made or answered, and its causes rendered on one line.

/// Why a call could not be made or answered. Each renders as one line.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error(
        "unknown operation {0} (tag operations of the identity service are identity:TagResource ...)"
    )]
    UnknownOperation(String),
    #[error("bad input: {member}: {reason}")]
    BadInput { member: String, reason: String },
    #[error("bad endpoint {url}: {reason}")]
    BadEndpoint { url: String, reason: String },
    #[error("cannot connect to {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("no connection to {url} within the connect timeout ({secs}s)")]
    ConnectTimeout { url: String, secs: f64 },
    #[error("no answer from {url} within the request timeout ({secs}s)")]
    Timeout { url: String, secs: f64 },
    /// The connection closed or was reset after the request went out and before any answer.
    #[error("no answer from {url}: the connection closed before an answer ({reason})")]
    NoAnswer { url: String, reason: String },
    /// The answer started and then broke off (the connection closed or reset mid-body).
    #[error("the answer from {url} was cut off: {reason}")]
    AnswerCut { url: String, reason: String },
    /// The caller stopped waiting: its deadline passed, or it was cancelled.
    #[error("{operation}: {why}")]
    Abandoned { operation: String, why: Abandoned },
    #[error("credentials: {0}")]
    Credentials(String),
    #[error("signing failed: {0}")]
    Sign(String),
    #[error("request to {url} failed: {reason}")]
    Http { url: String, reason: String },
}

/// Why a caller stopped waiting for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abandoned {
    /// The caller's deadline passed before an answer came.
    Deadline,
    /// The caller was cancelled (the run is stopping).
    Cancelled,
}

impl std::fmt::Display for Abandoned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Abandoned::Deadline => "abandoned: the deadline passed before an answer",
            Abandoned::Cancelled => "abandoned: the call was cancelled",
        })
    }
}

impl WireError {
    /// Whether the call went out (or tried to) and the target gave no answer: what the AWS
    /// SDKs retry as transient. Errors made before sending (bad input, credentials, signing)
    /// are the caller's and never retried.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            WireError::Connect { .. }
                | WireError::ConnectTimeout { .. }
                | WireError::Timeout { .. }
                | WireError::NoAnswer { .. }
                | WireError::AnswerCut { .. }
        )
    }

    pub(crate) fn bad_input(member: impl Into<String>, reason: impl Into<String>) -> WireError {
        WireError::BadInput {
            member: member.into(),
            reason: reason.into(),
        }
    }
}

/// An error and its causes on one line, repeats left out.
pub(crate) fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

pub(crate) fn innermost_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(s) = last.source() {
        last = s;
    }
    last.to_string()
}
