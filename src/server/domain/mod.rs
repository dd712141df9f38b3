//! State and rules: app instances, users, channels, memberships, messages, flows, expiration.
//! No HTTP here: inputs and outputs are JSON objects keyed by the model's member names.
//!
//! State is scoped per AppInstance: one mutex per AppInstance, found from the ARN in the
//! request (channel, user and bot ARNs embed their AppInstance; channel flows use an index).
//! One table maps each operation name to its handler.

mod channels;
mod identity;
mod messages;
pub mod quotas;
mod state;
#[cfg(test)]
mod tests;

use crate::model::Service;
use crate::server::faults::{Fault, FaultSet};
use serde_json::{Map, Value};
use state::{AppInstanceState, Args, app_instance_of};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};

pub use state::{ACCOUNT, ARN_PREFIX, DEFAULT_PAGE};

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

/// The source of real time, in epoch seconds; replaceable so tests control time.
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

fn system_clock() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

type Shared = Arc<Mutex<AppInstanceState>>;

/// The whole state of the reference server.
pub struct Domain {
    clock: Clock,
    instances: RwLock<foldhash::HashMap<String, Shared>>,
    /// Channel flow ARN -> AppInstance ARN (flow ARNs do not embed their AppInstance).
    flow_index: RwLock<HashMap<String, String>>,
    /// Processor (Lambda) ARN -> reachable; absent means reachable.
    reachable: RwLock<HashMap<String, bool>>,
    /// CreateAppInstance idempotency records: token -> (fingerprint, result).
    instance_tokens: Mutex<HashMap<String, (Value, Value)>>,
    /// Deliberate deviations (self-check); empty for the faithful server.
    faults: FaultSet,
    /// Enforce the message-write quotas ([`quotas`]); off by default.
    quotas: bool,
}

impl std::fmt::Debug for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = read(&self.instances).len();
        f.debug_struct("Domain").field("app_instances", &n).finish()
    }
}

impl Default for Domain {
    fn default() -> Self {
        Self::new()
    }
}

/// Everything a handler sees: the locked AppInstance, the time of the request and its input.
pub(crate) struct Ctx<'a> {
    pub d: &'a Domain,
    pub st: &'a mut AppInstanceState,
    pub now: f64,
    pub args: Args<'a>,
    /// The caller named by `ChimeBearer`, already checked to exist in this AppInstance.
    pub bearer: Option<String>,
}

impl Ctx<'_> {
    /// The caller; operations with a bearer member are refused earlier when it is missing.
    pub fn caller(&self) -> Result<String, ApiError> {
        self.bearer
            .clone()
            .ok_or_else(|| ApiError::unauthorized("the x-amz-chime-bearer header is required"))
    }
}

pub(crate) type Handler = fn(&mut Ctx) -> Result<Value, ApiError>;

/// The dispatch table: operation name -> handler, for every operation scoped to an AppInstance.
fn table() -> &'static HashMap<&'static str, Handler> {
    static TABLE: OnceLock<HashMap<&'static str, Handler>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, Handler> = HashMap::new();
        identity::register(&mut t);
        channels::register(&mut t);
        messages::register(&mut t);
        t
    })
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}
fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Rounds to milliseconds: the precision of every timestamp the server hands out.
fn to_ms(t: f64) -> f64 {
    (t * 1000.0).round() / 1000.0
}

impl Domain {
    /// How long after its expiry an expired channel is deleted by the sweeper: one hour, well
    /// inside the documented "within 6 hours" (B-EXP-02).
    pub const EXPIRATION_LAG_SECONDS: f64 = 3600.0;

    pub fn new() -> Self {
        Self::with_clock(Arc::new(system_clock))
    }

    /// A domain whose real time comes from `clock` (per-AppInstance offsets still apply).
    pub fn with_clock(clock: Clock) -> Self {
        Domain {
            clock,
            instances: RwLock::default(),
            flow_index: RwLock::new(HashMap::new()),
            reachable: RwLock::new(HashMap::new()),
            instance_tokens: Mutex::new(HashMap::new()),
            faults: FaultSet::new(),
            quotas: false,
        }
    }

    /// The same domain with `faults` turned on.
    pub fn with_faults(mut self, faults: FaultSet) -> Self {
        self.faults = faults;
        self
    }

    /// The same domain, throttling message writes over the service's quotas when `on`.
    pub fn with_quotas(mut self, on: bool) -> Self {
        self.quotas = on;
        self
    }

    /// The faults turned on.
    pub fn faults(&self) -> &FaultSet {
        &self.faults
    }

    pub(crate) fn fault(&self, fault: Fault) -> bool {
        self.faults.has(fault)
    }

    fn real_now(&self) -> f64 {
        to_ms((self.clock)())
    }

    fn now_of(&self, st: &AppInstanceState) -> f64 {
        to_ms((self.clock)() + st.clock_offset)
    }

    fn instance(&self, arn: &str) -> Result<Shared, ApiError> {
        read(&self.instances)
            .get(arn)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("AppInstance {arn} does not exist")))
    }

    fn flow_instance(&self, flow_arn: &str) -> Result<String, ApiError> {
        read(&self.flow_index)
            .get(flow_arn)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("channel flow {flow_arn} does not exist")))
    }

    /// The AppInstance an operation acts on, from the first ARN member that names one.
    fn scope<'a>(&self, args: &Args<'a>) -> Result<Cow<'a, str>, ApiError> {
        for name in [
            "AppInstanceArn",
            "ChannelArn",
            "AppInstanceUserArn",
            "AppInstanceBotArn",
        ] {
            if let Some(arn) = args.opt_str(name) {
                return app_instance_of(arn)
                    .map(Cow::Borrowed)
                    .ok_or_else(|| ApiError::not_found(format!("{name} {arn} does not exist")));
            }
        }
        if let Some(arn) = args.opt_str("ChannelFlowArn") {
            return self.flow_instance(arn).map(Cow::Owned);
        }
        if let Some(arn) = args.opt_str("ResourceARN") {
            return match app_instance_of(arn) {
                Some(a) => Ok(Cow::Borrowed(a)),
                None => self.flow_instance(arn).map(Cow::Owned),
            };
        }
        if let Some(arn) = args.opt_str("ChimeBearer") {
            return app_instance_of(arn)
                .map(Cow::Borrowed)
                .ok_or_else(|| ApiError::unauthorized(format!("unknown bearer {arn}")));
        }
        Err(ApiError::bad_request(format!(
            "{}: no member names an AppInstance",
            args.op
        )))
    }

    /// Runs one operation. `input` holds the operation's members by model name.
    pub fn handle(
        &self,
        service: Service,
        operation: &str,
        input: &Map<String, Value>,
    ) -> Result<Value, ApiError> {
        let args = Args {
            op: operation,
            map: input,
        };
        let op_model = service.model().operation(operation).ok_or_else(|| {
            ApiError::bad_request(format!("{operation} is not a {service} operation"))
        })?;
        let input_shape = service.model().input_structure(op_model);
        let has_bearer = input_shape.is_some_and(|s| s.members.contains_key("ChimeBearer"));
        // B-AUTH-01/03: a missing bearer is refused before anything else.
        if has_bearer && args.opt_str("ChimeBearer").is_none() {
            return Err(ApiError::unauthorized(
                "the x-amz-chime-bearer header is required",
            ));
        }
        let token_member = input_shape.and_then(|s| {
            s.members
                .values()
                .find(|m| m.idempotency_token)
                .map(|m| m.name.as_str())
        });
        match operation {
            "CreateAppInstance" => return self.create_app_instance(&args),
            "ListAppInstances" => return self.list_app_instances(&args),
            "DeleteAppInstance" => return self.delete_app_instance(&args),
            "GetMessagingSessionEndpoint" => return Ok(messages::session_endpoint()),
            _ => {}
        }
        let handler = table().get(operation).ok_or_else(|| {
            ApiError::bad_request(format!("{operation} is not supported by this server"))
        })?;
        // B-WIRE-10 (assumed): a repeated token with the same parameters returns the first
        // result; with different parameters it is a conflict.
        let token = token_member
            .filter(|_| !self.fault(Fault::ClientRequestTokenIgnored))
            .and_then(|m| args.opt_str(m).map(|t| (m, t)));
        // Only a digest of the parameters is kept per token, not a copy of them: every
        // SendChannelMessage carries a token, so this record exists for every message. It is
        // taken before the AppInstance is locked, which concurrent requests wait for.
        let fingerprint = token.map(|(m, _)| state::fingerprint(input, m));
        let scope = self.scope(&args)?;
        let shared = self.instance(&scope)?;
        let mut guard = lock(&shared);
        let st: &mut AppInstanceState = &mut guard;
        let bearer = match args.opt_str("ChimeBearer") {
            Some(b) if st.users.contains_key(b) || st.bots.contains_key(b) => Some(b.to_owned()),
            Some(b) if self.fault(Fault::BearerNotChecked) => Some(b.to_owned()),
            // B-AUTH-03 (observed): an unknown bearer is an UnauthorizedClientException.
            Some(b) => {
                return Err(ApiError::unauthorized(format!(
                    "bearer {b} is not an AppInstanceUser or AppInstanceBot of {scope}"
                )));
            }
            None => None,
        };
        if let (Some((_, tok)), Some(fp)) = (token, fingerprint) {
            let prev = st
                .tokens
                .get(op_model.name.as_str())
                .and_then(|t| t.get(tok));
            if let Some(prev) = prev {
                if prev.fingerprint == fp {
                    return prev.output();
                }
                return Err(ApiError::conflict(format!(
                    "{operation}: token {tok} was already used with different parameters"
                )));
            }
        }
        let now = self.now_of(st);
        if self.quotas && quotas::MESSAGE_WRITES.contains(&operation) {
            admit_write(st, &args, bearer.as_deref(), now)?;
        }
        let mut cx = Ctx {
            d: self,
            st,
            now,
            args,
            bearer,
        };
        let out = handler(&mut cx)?;
        if let (Some((_, tok)), Some(fp)) = (token, fingerprint) {
            let record = state::TokenRecord::new(fp, &out);
            cx.st
                .tokens
                .entry(op_model.name.as_str())
                .or_default()
                .insert(tok.into(), record);
        }
        Ok(out)
    }

    /// Control: the AppInstance's current time (real time plus its virtual offset).
    pub fn now(&self, app_instance_arn: &str) -> Result<f64, ApiError> {
        let shared = self.instance(app_instance_arn)?;
        let st = lock(&shared);
        Ok(self.now_of(&st))
    }

    /// Control: moves the AppInstance's clock forward by `seconds`; returns the new time.
    pub fn advance_clock(&self, app_instance_arn: &str, seconds: f64) -> Result<f64, ApiError> {
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(ApiError::bad_request(format!(
                "the clock only moves forward; {seconds} is not a number of seconds >= 0"
            )));
        }
        let shared = self.instance(app_instance_arn)?;
        let mut st = lock(&shared);
        st.clock_offset += seconds;
        Ok(self.now_of(&st))
    }

    /// Control: deletes the channels and AppInstanceUsers whose expiry +
    /// [`Self::EXPIRATION_LAG_SECONDS`] has passed, in one AppInstance or in all; returns their
    /// ARNs, channels first. Costs O(expired) per instance.
    pub fn sweep_expired(&self, app_instance_arn: Option<&str>) -> Vec<String> {
        let targets: Vec<Shared> = match app_instance_arn {
            Some(arn) => self.instance(arn).into_iter().collect(),
            None => read(&self.instances).values().cloned().collect(),
        };
        let mut deleted = Vec::new();
        if self.fault(Fault::ExpiredNeverDeleted) {
            return deleted;
        }
        for shared in targets {
            let mut st = lock(&shared);
            let now = self.now_of(&st);
            let limit = state::ms(now - Self::EXPIRATION_LAG_SECONDS);
            for arn in due(&st.expiry, limit) {
                channels::remove_channel(&mut st, &arn);
                deleted.push(arn);
            }
            for arn in due(&st.user_expiry, limit) {
                identity::remove_user(&mut st, &arn);
                deleted.push(arn);
            }
        }
        deleted
    }

    /// Control: the processor events recorded for a channel's flow, oldest first.
    pub fn flow_events(&self, channel_arn: &str) -> Result<Vec<Value>, ApiError> {
        let scope = app_instance_of(channel_arn)
            .ok_or_else(|| ApiError::not_found(format!("channel {channel_arn} does not exist")))?;
        let shared = self.instance(scope)?;
        let st = lock(&shared);
        st.channels
            .get(channel_arn)
            .map(|c| c.flow_events.clone())
            .ok_or_else(|| ApiError::not_found(format!("channel {channel_arn} does not exist")))
    }

    /// Control: makes a processor (Lambda ARN) reachable or not.
    pub fn set_processor_reachable(&self, processor_arn: &str, reachable: bool) {
        write(&self.reachable).insert(processor_arn.to_owned(), reachable);
    }

    fn processor_reachable(&self, processor_arn: &str) -> bool {
        read(&self.reachable)
            .get(processor_arn)
            .copied()
            .unwrap_or(true)
    }
}

/// The resources of an expiry index due at `limit` (epoch ms), soonest first.
fn due(index: &BTreeSet<(i64, String)>, limit: i64) -> Vec<String> {
    index
        .iter()
        .take_while(|(t, _)| *t <= limit)
        .map(|(_, arn)| arn.clone())
        .collect()
}

/// Counts a message write against its channel's and its bearer's quota windows.
fn admit_write(
    st: &mut AppInstanceState,
    args: &Args,
    bearer: Option<&str>,
    now: f64,
) -> Result<(), ApiError> {
    let (Some(channel), Some(bearer)) = (args.opt_str("ChannelArn"), bearer) else {
        return Ok(());
    };
    let Some(ch) = st.channels.get_mut(channel) else {
        // The operation itself answers for a channel that does not exist.
        return Ok(());
    };
    let by_bearer = st.bearer_writes.entry(bearer.to_owned()).or_default();
    quotas::admit(&mut ch.writes, by_bearer, now, args.op)
}
