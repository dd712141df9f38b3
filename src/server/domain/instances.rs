//! The `Domain`: every AppInstance's state behind a lock of its own, the indexes that span
//! AppInstances, and the server's switches (faults, quotas).

use super::clock::{Clock, system_clock, to_ms};
use super::error::ApiError;
use super::records::AppInstanceState;
use crate::server::faults::{Fault, FaultSet};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// One AppInstance's state, shared by the requests on it.
pub type Shared = Arc<Mutex<AppInstanceState>>;

/// The whole state of the reference server.
pub struct Domain {
    pub(crate) clock: Clock,
    pub(crate) instances: RwLock<foldhash::HashMap<String, Shared>>,
    /// Processor (Lambda) ARN -> reachable; absent means reachable.
    pub(crate) reachable: RwLock<HashMap<String, bool>>,
    /// CreateAppInstance idempotency records: token -> (fingerprint, result).
    pub(crate) instance_tokens: Mutex<HashMap<String, (Value, Value)>>,
    /// Deliberate deviations (self-check); empty for the faithful server.
    pub(crate) faults: FaultSet,
    /// Enforce the message-write quotas (`quotas`); off by default.
    pub(crate) quotas: bool,
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

// Locks are taken through these: a panic in one request must not poison the AppInstance for
// every later one.
pub fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}
pub fn write<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Domain {
    pub fn new() -> Self {
        Self::with_clock(Arc::new(system_clock))
    }

    /// A domain whose real time comes from `clock` (per-AppInstance offsets still apply).
    pub fn with_clock(clock: Clock) -> Self {
        Domain {
            clock,
            instances: RwLock::default(),
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

    pub(crate) fn real_now(&self) -> f64 {
        to_ms((self.clock)())
    }

    pub(crate) fn now_of(&self, st: &AppInstanceState) -> f64 {
        to_ms((self.clock)() + st.clock_offset)
    }

    pub(crate) fn instance(&self, arn: &str) -> Result<Shared, ApiError> {
        read(&self.instances)
            .get(arn)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("AppInstance {arn} does not exist")))
    }
}
