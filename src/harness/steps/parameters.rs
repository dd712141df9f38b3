//! The recurring parts of step texts, as cucumber parameter types: each says once what it
//! matches, so a step reads `{user} sends "{text}" to "{channel}"` and its function gets a
//! typed argument.
//!
//! Quotes are written in the step expressions, not in the parameters: `"{channel}"` matches
//! `"general"` and hands over `general`.
//!
//! Names are ASCII (`[A-Za-z0-9_]`, not `\w`): cucumber compiles a regex for every step at the
//! start of a run, and Unicode's `\w` made each one about ten times dearer to compile (0.54 ms
//! against 0.05 ms for a step with one name).

use crate::harness::expand::{name_list, quoted_list};
use cucumber::Parameter;
use std::convert::Infallible;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

/// Declares a parameter that is the step text it matched, as written.
macro_rules! text_parameter {
    ($(#[$doc:meta])* $ty:ident, $name:literal, $regex:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Parameter)]
        #[param(name = $name, regex = $regex)]
        pub struct $ty(pub String);

        impl FromStr for $ty {
            type Err = Infallible;

            fn from_str(s: &str) -> Result<Self, Infallible> {
                Ok($ty(s.to_owned()))
            }
        }

        impl Deref for $ty {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_parameter!(
    /// `{user}`: a user of the scenario by name (`alice`), created on first mention.
    User,
    "user",
    r"[A-Za-z0-9_]+"
);
text_parameter!(
    /// `"{channel}"`: a channel of the scenario by the name it was created with.
    ChannelName,
    "channel",
    r#"[^"]+"#
);
text_parameter!(
    /// `"{flow}"`: a channel flow of the scenario by the name it was created with.
    FlowName,
    "flow",
    r#"[^"]+"#
);
text_parameter!(
    /// `"{message}"`: a message by the name it was remembered as (`"m1"`).
    MessageName,
    "message",
    r"[A-Za-z0-9_-]+"
);
text_parameter!(
    /// `"{name}"`: the name a value is remembered as, for `{name}` placeholders later.
    RememberedName,
    "name",
    r"[A-Za-z0-9_-]+"
);
text_parameter!(
    /// `"{snapshot}"`: the name of a snapshot file, in place of its step index.
    SnapshotName,
    "snapshot",
    r#"[^"]+"#
);
text_parameter!(
    /// `{operation}`: an operation of the models (`CreateChannel`, `identity:TagResource`).
    Operation,
    "operation",
    r"[A-Za-z0-9_:]+"
);
text_parameter!(
    /// `{error}`: an error shape of the models (`ForbiddenException`).
    ErrorShape,
    "error",
    r"[A-Za-z0-9_]+"
);
text_parameter!(
    /// `{member}`: a member of a model structure (`Privacy`).
    Member,
    "member",
    r"[A-Za-z0-9_]+"
);
text_parameter!(
    /// `"{pointer}"`: a JSON pointer into the last response's body (`/Channel/Name`).
    Pointer,
    "pointer",
    r#"[^"]+"#
);
text_parameter!(
    /// `"{text}"`: any text, quotes included; placeholders in it are expanded by the step.
    Text,
    "text",
    r".*"
);
text_parameter!(
    /// `{json}`: a JSON literal (`{"a": 1}`, `3`, `null`); placeholders in it are expanded.
    JsonText,
    "json",
    r".+"
);
text_parameter!(
    /// `{status}`: a channel message status (`SENT`, `PENDING`).
    MessageStatus,
    "status",
    r"[A-Za-z0-9_]+"
);
text_parameter!(
    /// `{sort_order}`: a listing's SortOrder.
    SortOrder,
    "sort_order",
    r"ASCENDING|DESCENDING"
);
text_parameter!(
    /// `{fallback}`: a channel flow processor's FallbackAction.
    Fallback,
    "fallback",
    r"CONTINUE|ABORT"
);
text_parameter!(
    /// `{order}`: the order messages are expected in.
    Order,
    "order",
    r"ascending|descending"
);
text_parameter!(
    /// `{field_state}`: what a response field is expected to be.
    FieldState,
    "field_state",
    r"absent|empty|present|not empty"
);
impl FieldState {
    /// Whether `found` (a member's value, `None` when absent) is what this state says.
    pub fn holds(&self, found: Option<&serde_json::Value>) -> bool {
        match self.0.as_str() {
            "absent" => found.is_none_or(serde_json::Value::is_null),
            "present" => found.is_some_and(|v| !v.is_null()),
            "empty" => crate::harness::json::is_empty(found),
            _ => !crate::harness::json::is_empty(found),
        }
    }
}

text_parameter!(
    /// `{channel_state}`: whether a channel is expected to exist.
    ChannelState,
    "channel_state",
    r"has been deleted|still exists"
);
text_parameter!(
    /// `{deleted_or_not}`: what the expiration sweeper is expected to have done.
    DeletedOrNot,
    "deleted_or_not",
    r"deleted|did not delete"
);

text_parameter!(
    /// `{event_type}`: a messaging-session event type (`CREATE_CHANNEL_MESSAGE`).
    EventTypeName,
    "event_type",
    r"[A-Z][A-Z_]+"
);
text_parameter!(
    /// `{message_type}`: an event's `x-amz-chime-message-type`.
    MessageType,
    "message_type",
    r"STANDARD|CONTROL|SYSTEM"
);
text_parameter!(
    /// `{prefetch_sort}`: the order a session's prefetch picks channels in.
    PrefetchSort,
    "prefetch_sort",
    r"unread|last-message-timestamp"
);

/// `{users}`: users by name, `bob`, `bob and carol` or `bob, carol and dave`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Parameter)]
#[param(name = "users", regex = r".+")]
pub struct Users(pub Vec<String>);

impl FromStr for Users {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Users, Infallible> {
        Ok(Users(name_list(s)))
    }
}

/// `{contents}`: message contents, quoted (`"c", "b" and "a"`); `none` is no message.
#[derive(Debug, Clone, PartialEq, Eq, Parameter)]
#[param(name = "contents", regex = r".+")]
pub struct Contents(pub Vec<String>);

impl FromStr for Contents {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Contents, Infallible> {
        Ok(Contents(quoted_list(s)))
    }
}

/// `{channel_kind}`: a channel's Mode and Privacy, `RESTRICTED PRIVATE` or `PUBLIC`; the
/// mode is RESTRICTED unless given.
#[derive(Debug, Clone, PartialEq, Eq, Parameter)]
#[param(
    name = "channel_kind",
    regex = r"(?:RESTRICTED |UNRESTRICTED )?(?:PUBLIC|PRIVATE)"
)]
pub struct ChannelKind {
    pub mode: String,
    pub privacy: String,
}

impl FromStr for ChannelKind {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<ChannelKind, Infallible> {
        let (mode, privacy) = s.rsplit_once(' ').unwrap_or(("RESTRICTED", s));
        Ok(ChannelKind {
            mode: mode.to_owned(),
            privacy: privacy.to_owned(),
        })
    }
}

/// `{duration}`: an amount of time, `2 days`, `1.5 hours`, `1 minute`, `30 seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Parameter)]
#[param(
    name = "duration",
    regex = r"\d+(?:\.\d+)? (?:days?|hours?|minutes?|seconds?)"
)]
pub struct TimeSpan {
    pub seconds: f64,
}

impl FromStr for TimeSpan {
    type Err = String;

    fn from_str(s: &str) -> Result<TimeSpan, String> {
        let (amount, unit) = s
            .split_once(' ')
            .ok_or_else(|| format!("\"{s}\" is not an amount and a unit"))?;
        let amount: f64 = amount
            .parse()
            .map_err(|e| format!("\"{amount}\" is not an amount: {e}"))?;
        Ok(TimeSpan {
            seconds: seconds_of(amount, unit),
        })
    }
}

/// `amount` days, hours, minutes or seconds (singular or plural), in seconds.
pub fn seconds_of(amount: f64, unit: &str) -> f64 {
    let per = match unit.trim_end_matches('s') {
        "day" => 86_400.0,
        "hour" => 3_600.0,
        "minute" => 60.0,
        _ => 1.0,
    };
    amount * per
}

#[cfg(test)]
mod tests {
    #[test]
    fn units_convert_to_seconds() {
        assert_eq!(super::seconds_of(2.0, "days"), 172_800.0);
        assert_eq!(super::seconds_of(1.0, "hour"), 3_600.0);
        assert_eq!(super::seconds_of(5.0, "seconds"), 5.0);
    }
}

/// `{probe}`: what a rule-matrix example sets a member to: `nothing`, `257 characters`,
/// `51 items`, `the number 0`, `the text "NOT-A-VALUE"` (a JSON string).
#[derive(Debug, Clone, PartialEq, Eq, Parameter)]
#[param(
    name = "probe",
    regex = r#"nothing|\d+ characters?|\d+ items?|the number -?\d+|the text ".*""#
)]
pub struct ProbeValue(pub crate::model::probe::Probe);

impl FromStr for ProbeValue {
    type Err = crate::model::probe::BadProbe;

    fn from_str(s: &str) -> Result<ProbeValue, Self::Err> {
        s.parse().map(ProbeValue)
    }
}
