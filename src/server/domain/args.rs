//! Reading an operation's input members by their model names.

use super::enums::WireEnum;
use super::error::ApiError;
use serde_json::{Map, Value};

/// Reads members of an operation's input by model name.
pub struct Args<'a> {
    pub op: &'a str,
    pub map: &'a Map<String, Value>,
    /// The `host:port` the caller addressed the request to, when the transport says
    /// (GetMessagingSessionEndpoint answers it).
    pub addressed_to: Option<&'a str>,
}

impl<'a> Args<'a> {
    pub fn opt_str(&self, name: &str) -> Option<&'a str> {
        self.map.get(name).and_then(Value::as_str)
    }
    pub fn str(&self, name: &str) -> Result<&'a str, ApiError> {
        self.opt_str(name)
            .ok_or_else(|| ApiError::bad_request(format!("{}: {name} is required", self.op)))
    }
    pub fn opt_value(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }
    pub fn value(&self, name: &str) -> Result<&'a Value, ApiError> {
        self.opt_value(name)
            .ok_or_else(|| ApiError::bad_request(format!("{}: {name} is required", self.op)))
    }
    pub fn opt_bool(&self, name: &str) -> Option<bool> {
        self.map.get(name).and_then(Value::as_bool)
    }
    pub fn opt_f64(&self, name: &str) -> Option<f64> {
        self.map.get(name).and_then(Value::as_f64)
    }
    pub fn str_list(&self, name: &str) -> Vec<String> {
        match self.map.get(name) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }
    /// A required enum member, as its variant.
    pub fn enum_member<E: WireEnum>(&self, name: &str) -> Result<E, ApiError> {
        E::parse(name, self.str(name)?)
    }
    /// An optional enum member, as its variant.
    pub fn opt_enum_member<E: WireEnum>(&self, name: &str) -> Result<Option<E>, ApiError> {
        self.opt_str(name).map(|v| E::parse(name, v)).transpose()
    }
}
