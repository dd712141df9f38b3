//! Reading an operation's input members by their model names.

use super::error::ApiError;
use serde_json::{Map, Value};

/// Reads members of an operation's input by model name.
pub struct Args<'a> {
    pub op: &'a str,
    pub map: &'a Map<String, Value>,
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
}

/// `value` as one of the `allowed` enum values (the HTTP layer has checked it already), so
/// records keep a static string instead of a copy.
pub fn enum_value(
    member: &str,
    value: &str,
    allowed: &[&'static str],
) -> Result<&'static str, ApiError> {
    allowed
        .iter()
        .find(|a| **a == value)
        .copied()
        .ok_or_else(|| {
            ApiError::bad_request(format!("{member} {value:?} is not one of {allowed:?}"))
        })
}
