//! What a diff reports: the new, removed and updated operations, their member changes in the
//! changelog's form, and each change with where it sits and whom it breaks.

use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Everything that changed from one model version to the next.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ModelDiff {
    /// The service's full name, as the newer model states it.
    pub service: String,
    /// Operations only the newer model has, by name.
    pub new_operations: Vec<String>,
    /// Operations only the older model has, by name.
    pub removed_operations: Vec<String>,
    /// Operations in both models whose contract changed, by name.
    pub updated_operations: Vec<OperationDiff>,
}

/// How one operation present in both models changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OperationDiff {
    pub name: String,
    pub request: MemberChanges,
    pub response: MemberChanges,
    /// Every change of the operation, classified, in walk order.
    pub changes: Vec<Change>,
}

/// Members added or removed on one side of an operation, as a nested structure in the
/// changelog's form: `{"ChannelMessage": {"ContentType": "string"}}`. Lists and maps are
/// transparent: a member added to a list's structure shows under the list member's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MemberChanges {
    pub added: Option<Value>,
    pub removed: Option<Value>,
}

impl MemberChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_none() && self.removed.is_none()
    }
}

/// Where in an operation a change sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The operation itself: its existence, HTTP binding, status code, errors.
    Operation,
    Request,
    Response,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Operation => "operation",
            Side::Request => "request",
            Side::Response => "response",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    MemberAdded,
    MemberRemoved,
    Required,
    Min,
    Max,
    Pattern,
    /// An enum constraint appeared on, or disappeared from, a string.
    Enum,
    EnumValuesAdded,
    EnumValuesRemoved,
    Location,
    Type,
    IdempotencyToken,
    HttpMethod,
    HttpUri,
    StatusCode,
    ErrorAdded,
    ErrorRemoved,
    ErrorStatus,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        f.write_str(&s)
    }
}

/// What a change does to one side of the contract.
///
/// A client is one written against the older model, talking to a service of the newer one;
/// a server is one implementing the older model, facing clients of the newer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Keeps working.
    None,
    /// Breaks only implementations that reject what they do not know (closed enums, unknown
    /// members, unexpected status codes).
    Strict,
    /// Breaks.
    Breaking,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::None => "-",
            Impact::Strict => "strict",
            Impact::Breaking => "BREAKING",
        })
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub operation: String,
    pub side: Side,
    /// Member path from the operation's input or output, `[]` for a list's member, `{}` for a
    /// map's value and `{key}` for its key; empty for changes of the operation itself.
    pub path: String,
    pub kind: ChangeKind,
    pub old: Option<String>,
    pub new: Option<String>,
    pub client: Impact,
    pub server: Impact,
}

impl Change {
    pub fn is_breaking(&self) -> bool {
        self.client == Impact::Breaking || self.server == Impact::Breaking
    }
}

impl ModelDiff {
    pub fn is_empty(&self) -> bool {
        self.new_operations.is_empty()
            && self.removed_operations.is_empty()
            && self.updated_operations.is_empty()
    }

    pub fn operation(&self, name: &str) -> Option<&OperationDiff> {
        self.updated_operations.iter().find(|o| o.name == name)
    }
}
