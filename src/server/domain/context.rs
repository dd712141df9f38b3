//! What an operation's handler sees (`Ctx`), and the handler's type.

use super::args::Args;
use super::bearer::missing_bearer;
use super::error::ApiError;
use super::instances::Domain;
use super::records::AppInstanceState;
use serde_json::Value;

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
        self.bearer.clone().ok_or_else(missing_bearer)
    }
}

/// One operation scoped to an AppInstance.
pub(crate) type Handler = fn(&mut Ctx) -> Result<Value, ApiError>;
