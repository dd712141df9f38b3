//! Which failed attempts are retried, and after how long, as the AWS SDKs' "standard" retry
//! mode does it (the AWS SDKs and Tools reference guide, "Retry behavior", in its 2026 form;
//! the Rust SDK's `aws-smithy-runtime` standard strategy):
//!
//! - retried: throttling (ThrottledClientException, HTTP 429), server faults
//!   (ServiceUnavailableException, ServiceFailureException, any HTTP 5xx), and attempts that got
//!   no answer (refused or reset connections, timeouts, answers cut off);
//! - at most `max_attempts` attempts (3 by default, `AWS_MAX_ATTEMPTS`);
//! - exponential backoff with full jitter: before retry `n` (1, 2, ...) a random wait in
//!   `[0, min(base * 2^(n-1), 20 s))`, the base 1 s after throttling and 50 ms otherwise; an
//!   `x-amz-retry-after` header (milliseconds) is honoured within `[t, t + 5 s]`;
//! - a retry quota shared by every call of a client: 500 tokens, a retry after throttling
//!   costs 5 and any other retry 14; a retry that succeeds gives its tokens back and a first
//!   attempt that succeeds adds 1. An empty quota stops retries, so a target that is down is
//!   not hammered.
//!
//! On top of the SDKs, a call stops retrying once its time budget is spent (the SDKs have no
//! such limit by default; ours is 60 s).

use super::error::WireError;
use super::response::Response;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// How retries are decided (`AWS_RETRY_MODE`). `adaptive` adds the SDKs' client-side rate
/// limiter to standard mode; the harness paces itself to the documented quotas instead (see
/// `quotas.rs`), so both modes retry alike here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryMode {
    #[default]
    Standard,
    Adaptive,
}

impl FromStr for RetryMode {
    type Err = String;

    /// `standard` or `adaptive`, in any case, as the Rust SDK reads `AWS_RETRY_MODE`; `legacy`
    /// is SDK-specific and not offered.
    fn from_str(text: &str) -> Result<RetryMode, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Ok(RetryMode::Standard),
            "adaptive" => Ok(RetryMode::Adaptive),
            other => Err(format!(
                "retry mode \"{other}\": standard or adaptive (legacy is specific to each SDK and not offered)"
            )),
        }
    }
}

/// How a client retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub mode: RetryMode,
    /// Attempts in all, the first included; 1 retries nothing.
    pub max_attempts: u32,
    /// No retry starts once this long has passed since the first attempt.
    pub budget: Duration,
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// The SDKs' default: 3 attempts.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
    /// Our own limit on one call's retries (the SDKs have none).
    pub const DEFAULT_BUDGET: Duration = Duration::from_secs(60);

    /// The wait before retry `retry` (1 for the first), given a jitter drawn from `[0, 1)` and
    /// the wait the answer asked for, if any.
    pub fn backoff(
        &self,
        cause: &Transient,
        retry: u32,
        asked: Option<Duration>,
        jitter: f64,
    ) -> Duration {
        let base = if cause.is_throttling() {
            Duration::from_secs(1)
        } else {
            Duration::from_millis(50)
        };
        let exponential = 2u32
            .checked_pow(retry.saturating_sub(1))
            .and_then(|p| base.checked_mul(p))
            .map_or(self.max_backoff, |b| b.min(self.max_backoff));
        let t = exponential.mul_f64(jitter.clamp(0.0, 1.0));
        match asked {
            Some(asked) => asked.clamp(t, t + Duration::from_secs(5)),
            None => t,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            mode: RetryMode::Standard,
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            budget: Self::DEFAULT_BUDGET,
            max_backoff: Duration::from_secs(20),
        }
    }
}

/// Why an attempt's outcome is worth another attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transient {
    /// ThrottledClientException, or HTTP 429 under another name.
    Throttled { status: u16, shape: String },
    /// ServiceUnavailableException, ServiceFailureException, or another HTTP 5xx.
    ServerFault { status: u16, shape: String },
    /// No answer: refused, timed out, closed before answering, cut off.
    NoAnswer { kind: &'static str },
}

impl Transient {
    /// Whether `outcome` is retried; `None` for an answer to judge, or an error of the caller's.
    pub fn of(outcome: &Result<Response, WireError>) -> Option<Transient> {
        let response = match outcome {
            Ok(response) => response,
            Err(e) => {
                let kind = match e {
                    WireError::Connect { .. } => "connection refused",
                    WireError::ConnectTimeout { .. } => "connect timeout",
                    WireError::Timeout { .. } => "request timeout",
                    WireError::NoAnswer { .. } => "connection closed before an answer",
                    WireError::AnswerCut { .. } => "answer cut off",
                    _ => return None,
                };
                return Some(Transient::NoAnswer { kind });
            }
        };
        let status = response.status;
        let shape = response
            .error
            .as_ref()
            .map(|e| e.shape.clone())
            .unwrap_or_default();
        if shape == "ThrottledClientException" || status == 429 {
            Some(Transient::Throttled { status, shape })
        } else if matches!(
            shape.as_str(),
            "ServiceUnavailableException" | "ServiceFailureException"
        ) || (500..600).contains(&status)
        {
            Some(Transient::ServerFault { status, shape })
        } else {
            None
        }
    }

    pub fn is_throttling(&self) -> bool {
        matches!(self, Transient::Throttled { .. })
    }

    /// The retry tokens a retry after this costs.
    fn cost(&self) -> u32 {
        if self.is_throttling() { 5 } else { 14 }
    }

    /// A short name for tallies: `HTTP 429 ThrottledClientException`, `request timeout`.
    pub fn label(&self) -> String {
        match self {
            Transient::Throttled { status, shape } | Transient::ServerFault { status, shape } => {
                format!("HTTP {status} {shape}").trim_end().to_string()
            }
            Transient::NoAnswer { kind } => (*kind).to_string(),
        }
    }
}

/// The wait an answer asks for in `x-amz-retry-after` (milliseconds), as the SDKs read it.
pub fn asked_wait(outcome: &Result<Response, WireError>) -> Option<Duration> {
    let response = outcome.as_ref().ok()?;
    let ms = response.headers.get("x-amz-retry-after")?.to_str().ok()?;
    ms.trim().parse::<u64>().ok().map(Duration::from_millis)
}

/// The retry tokens the calls of one client share.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<u32>,
}

impl RetryQuota {
    pub const CAPACITY: u32 = 500;

    pub fn new() -> RetryQuota {
        RetryQuota {
            tokens: Mutex::new(Self::CAPACITY),
        }
    }

    fn tokens(&self) -> std::sync::MutexGuard<'_, u32> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the tokens a retry after `cause` costs; `None` when too few are left.
    pub fn take(&self, cause: &Transient) -> Option<u32> {
        let cost = cause.cost();
        let mut tokens = self.tokens();
        (*tokens >= cost).then(|| {
            *tokens -= cost;
            cost
        })
    }

    /// A call succeeded: the tokens its last retry took come back, or one token is added
    /// when it needed no retry.
    pub fn succeeded(&self, last_retry_cost: Option<u32>) {
        let mut tokens = self.tokens();
        *tokens = (*tokens + last_retry_cost.unwrap_or(1)).min(Self::CAPACITY);
    }

    pub fn available(&self) -> u32 {
        *self.tokens()
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, Service};

    fn answer(status: u16, error_type: Option<&str>) -> Result<Response, WireError> {
        let mut headers = http::HeaderMap::new();
        if let Some(t) = error_type {
            headers.insert("x-amzn-errortype", t.parse().unwrap());
        }
        let (_, op) = model::find_operation("DescribeChannel").unwrap();
        Ok(Response::read(
            Service::Messaging,
            op,
            status,
            headers,
            bytes::Bytes::from_static(b"{}"),
            Duration::ZERO,
        ))
    }

    #[test]
    fn throttles_server_faults_and_lost_answers_are_retried_client_errors_are_not() {
        let throttled = Transient::of(&answer(429, Some("ThrottledClientException"))).unwrap();
        assert!(throttled.is_throttling());
        assert_eq!(throttled.label(), "HTTP 429 ThrottledClientException");
        let unavailable = Transient::of(&answer(503, Some("ServiceUnavailableException")));
        assert!(matches!(unavailable, Some(Transient::ServerFault { .. })));
        assert!(Transient::of(&answer(502, None)).is_some());
        assert!(Transient::of(&answer(400, Some("BadRequestException"))).is_none());
        assert!(Transient::of(&answer(404, Some("NotFoundException"))).is_none());
        assert!(Transient::of(&answer(200, None)).is_none());
        let reset: Result<Response, WireError> = Err(WireError::NoAnswer {
            url: "u".into(),
            reason: "reset".into(),
        });
        assert_eq!(
            Transient::of(&reset).map(|t| t.label()).as_deref(),
            Some("connection closed before an answer")
        );
        let caller: Result<Response, WireError> = Err(WireError::bad_input("x", "y"));
        assert!(Transient::of(&caller).is_none());
    }

    #[test]
    fn backoff_doubles_from_its_base_with_full_jitter_and_a_ceiling() {
        let p = RetryPolicy::default();
        let throttled = Transient::Throttled {
            status: 429,
            shape: String::new(),
        };
        let reset = Transient::NoAnswer { kind: "x" };
        let secs = |d: Duration| d.as_secs_f64();
        assert_eq!(secs(p.backoff(&throttled, 1, None, 1.0)), 1.0);
        assert_eq!(secs(p.backoff(&throttled, 3, None, 1.0)), 4.0);
        assert_eq!(secs(p.backoff(&throttled, 3, None, 0.25)), 1.0);
        assert_eq!(secs(p.backoff(&throttled, 40, None, 1.0)), 20.0);
        assert_eq!(secs(p.backoff(&reset, 2, None, 1.0)), 0.1);
        assert_eq!(p.backoff(&reset, 1, None, 0.0), Duration::ZERO);
        // A server's ask is honoured, but never more than 5 s beyond our own wait.
        let asked = Some(Duration::from_secs(30));
        assert_eq!(secs(p.backoff(&throttled, 1, asked, 0.5)), 5.5);
        let asked = Some(Duration::from_millis(1));
        assert_eq!(secs(p.backoff(&throttled, 1, asked, 0.5)), 0.5);
    }

    #[test]
    fn the_quota_runs_dry_and_refills_with_successes() {
        let q = RetryQuota::new();
        let server = Transient::ServerFault {
            status: 500,
            shape: String::new(),
        };
        let mut taken = 0;
        while q.take(&server).is_some() {
            taken += 1;
        }
        assert_eq!(taken, 500 / 14);
        assert!(q.available() < 14);
        let before = q.available();
        q.succeeded(None);
        assert_eq!(q.available(), before + 1);
        q.succeeded(Some(14));
        assert_eq!(q.available(), before + 15);
        for _ in 0..1000 {
            q.succeeded(None);
        }
        assert_eq!(q.available(), RetryQuota::CAPACITY);
    }

    #[test]
    fn retry_modes_read_as_the_rust_sdk_reads_them() {
        assert_eq!(" Standard ".parse(), Ok(RetryMode::Standard));
        assert_eq!("ADAPTIVE".parse(), Ok(RetryMode::Adaptive));
        let e = "legacy".parse::<RetryMode>().unwrap_err();
        assert!(e.contains("standard or adaptive"), "{e}");
    }
}
