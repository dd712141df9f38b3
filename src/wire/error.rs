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
    #[error("no answer from {url} within {secs}s")]
    Timeout { url: String, secs: f64 },
    #[error("credentials: {0}")]
    Credentials(String),
    #[error("signing failed: {0}")]
    Sign(String),
    #[error("request to {url} failed: {reason}")]
    Http { url: String, reason: String },
}

impl WireError {
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
