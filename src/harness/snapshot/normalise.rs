//! Stable placeholders for the values of a response that differ from run to run: ARNs, message,
//! sub-channel and callback ids, next tokens, request ids and timestamps.
//!
//! Which values are replaced is decided by the model, never by looking inside strings: the
//! operation's output shape is walked alongside the JSON, and a value is replaced when the
//! member it sits in targets a timestamp, an ARN shape or one of the identifier shapes. Every
//! value is checked before it is replaced; a value that fails its check is a conformance
//! failure and is returned as an error. The same value always gets the same placeholder within
//! one normaliser, so "the id I created is the id I read back" survives normalisation.

use crate::model::{Service, ServiceModel, Shape, ShapeKind, Structure};
use crate::schema::TimestampFormat;
use serde_json::{Map, Value};
use std::collections::HashMap;

mod arn;

pub use arn::Arn;

/// Epoch seconds beyond this are surely milliseconds (it is the year 5138 in seconds).
const MILLISECONDS_THRESHOLD: f64 = 1e11;

/// Why a response could not be normalised.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NormaliseError {
    #[error("{service} has no operation {operation}")]
    UnknownOperation { service: Service, operation: String },
    #[error("{service} has no shape {shape}")]
    UnknownShape { service: Service, shape: String },
    /// A value failed the check its member calls for.
    #[error("{pointer} ({member}): {reason}: {found}")]
    Check {
        /// JSON pointer into the response body.
        pointer: String,
        /// The model member the value sits in, as `Structure.Member`.
        member: String,
        reason: String,
        found: String,
    },
}

/// What a member's value is, as far as normalisation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Timestamp,
    /// An ARN; the resource kinds the member may hold, or `None` for any well-formed ARN.
    Arn(Option<&'static [&'static str]>),
    /// An opaque identifier with its placeholder label.
    Id(&'static str),
}

/// Identifier shapes, by model shape name, and the label of their placeholders.
const ID_SHAPES: [(&str, &str); 4] = [
    ("MessageId", "MessageId"),
    ("SubChannelId", "SubChannelId"),
    ("CallbackIdType", "CallbackId"),
    ("NextToken", "NextToken"),
];

const USER_OR_BOT: &[&str] = &["user", "bot"];

/// The resource kinds an ARN member holds, from its name (and the structure it is in).
fn expected_kinds(structure: &str, member: &str) -> Option<&'static [&'static str]> {
    let base = member
        .strip_suffix("Arns")
        .or_else(|| member.strip_suffix("Arn"))
        .or_else(|| member.strip_suffix("ARN"))
        .unwrap_or(member);
    match base {
        "Channel" => Some(&["channel"]),
        "ChannelFlow" => Some(&["channel-flow"]),
        "AppInstance" => Some(&["app-instance"]),
        "AppInstanceUser" => Some(&["user"]),
        "AppInstanceBot" => Some(&["bot"]),
        "AppInstanceAdmin" | "Member" | "Moderator" | "ChimeBearer" => Some(USER_OR_BOT),
        // `Identity.Arn`: the sender, creator, member or moderator of something.
        "" if structure == "Identity" => Some(USER_OR_BOT),
        _ => None,
    }
}

fn category(structure: &str, member: &str, target: &Shape) -> Option<Category> {
    match &target.kind {
        ShapeKind::Timestamp => Some(Category::Timestamp),
        ShapeKind::String(s) if s.enum_values.is_none() => {
            let name = target.name.as_str();
            if name.ends_with("Arn") || name.ends_with("ARN") {
                return Some(Category::Arn(expected_kinds(structure, member)));
            }
            ID_SHAPES
                .iter()
                .find(|(shape, _)| *shape == name)
                .map(|(_, label)| Category::Id(label))
        }
        _ => None,
    }
}

fn arn_label(kind: Option<&str>) -> &'static str {
    match kind {
        Some("app-instance") => "AppInstanceArn",
        Some("user") => "AppInstanceUserArn",
        Some("bot") => "AppInstanceBotArn",
        Some("channel") => "ChannelArn",
        Some("channel-flow") => "ChannelFlowArn",
        _ => "Arn",
    }
}

/// Replaces run-dependent values with placeholders, consistently across the responses it sees.
#[derive(Debug, Clone)]
pub struct Normaliser {
    now: f64,
    past: f64,
    future: f64,
    assigned: HashMap<String, String>,
    next: usize,
    /// How the body being normalised carries timestamps.
    timestamps: TimestampFormat,
}

impl Normaliser {
    /// How far before `now` a timestamp may lie, by default: two days, so a scenario that
    /// advances a test clock by a day still reads its earlier timestamps.
    pub const DEFAULT_PAST_SECONDS: f64 = 2.0 * 86_400.0;
    /// How far after `now` a timestamp may lie, by default (clock skew).
    pub const DEFAULT_FUTURE_SECONDS: f64 = 300.0;

    /// A normaliser judging timestamps against `now` (epoch seconds).
    pub fn new(now: f64) -> Normaliser {
        Normaliser {
            now,
            past: Self::DEFAULT_PAST_SECONDS,
            future: Self::DEFAULT_FUTURE_SECONDS,
            assigned: HashMap::new(),
            next: 0,
            timestamps: TimestampFormat::EpochSeconds,
        }
    }

    /// The window a timestamp must fall in: `[now - past, now + future]`.
    pub fn with_window(mut self, past: f64, future: f64) -> Normaliser {
        self.past = past;
        self.future = future;
        self
    }

    /// Moves `now` (after a test clock was advanced); placeholders already given are kept.
    pub fn set_now(&mut self, now: f64) {
        self.now = now;
    }

    /// The placeholder given to a value so far, if any (for assertions on identity).
    pub fn placeholder_of(&self, value: &str) -> Option<&str> {
        self.assigned.get(value).map(String::as_str)
    }

    /// A request id (from the `x-amzn-RequestId` header) as a placeholder.
    pub fn request_id(&mut self, id: &str) -> Result<String, NormaliseError> {
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(NormaliseError::Check {
                pointer: String::new(),
                member: "x-amzn-RequestId".into(),
                reason: "not a request id".into(),
                found: shown(&Value::String(id.to_owned())),
            });
        }
        Ok(self.placeholder(id.to_owned(), "RequestId"))
    }

    /// The response body of `operation` with run-dependent values replaced. Keys, enums,
    /// counts and free text are never touched.
    pub fn normalise(
        &mut self,
        service: Service,
        operation: &str,
        body: &Value,
    ) -> Result<Value, NormaliseError> {
        let model = service.model();
        let op = model
            .operation(operation)
            .ok_or_else(|| NormaliseError::UnknownOperation {
                service,
                operation: operation.to_owned(),
            })?;
        let mut out = body.clone();
        if let (Some(output), Value::Object(map)) = (op.output.as_deref(), &mut out)
            && let Some(structure) = model.structure(output)
        {
            self.structure(model, output, structure, map, "")?;
        }
        Ok(out)
    }

    /// A value of the model structure `shape` with run-dependent values replaced, its
    /// timestamps in `timestamps` form (ISO-8601 in session event payloads, B-WS-14). An
    /// ISO timestamp gets the placeholder of the same instant in epoch seconds.
    pub fn normalise_shape(
        &mut self,
        service: Service,
        shape: &str,
        value: &Value,
        timestamps: TimestampFormat,
    ) -> Result<Value, NormaliseError> {
        let model = service.model();
        let target = model
            .shape(shape)
            .ok_or_else(|| NormaliseError::UnknownShape {
                service,
                shape: shape.to_owned(),
            })?;
        let mut out = value.clone();
        let previous = std::mem::replace(&mut self.timestamps, timestamps);
        let at = Site {
            pointer: String::new(),
            member: shape.to_owned(),
        };
        let result = match category("", shape, target) {
            Some(cat) => self.leaf(cat, target, &mut out, &at),
            None => self.value(model, target, &mut out, &at),
        };
        self.timestamps = previous;
        result.map(|()| out)
    }

    fn placeholder(&mut self, key: String, label: &str) -> String {
        if let Some(p) = self.assigned.get(&key) {
            return p.clone();
        }
        self.next += 1;
        let p = format!("<{label}:{}>", self.next);
        self.assigned.insert(key, p.clone());
        p
    }

    fn structure(
        &mut self,
        model: &ServiceModel,
        name: &str,
        structure: &Structure,
        map: &mut Map<String, Value>,
        pointer: &str,
    ) -> Result<(), NormaliseError> {
        for (json_name, member) in structure.body_members() {
            let Some(value) = map.get_mut(json_name) else {
                continue;
            };
            let Some(target) = model.shape(&member.target) else {
                continue;
            };
            let at = Site {
                pointer: format!("{pointer}/{}", escape_pointer(json_name)),
                member: format!("{name}.{}", member.name),
            };
            match category(name, &member.name, target) {
                Some(cat) => self.leaf(cat, target, value, &at)?,
                None => self.value(model, target, value, &at)?,
            }
        }
        Ok(())
    }

    /// Walks into containers; scalars outside the categories stay as they are.
    fn value(
        &mut self,
        model: &ServiceModel,
        shape: &Shape,
        value: &mut Value,
        at: &Site,
    ) -> Result<(), NormaliseError> {
        match (&shape.kind, value) {
            (ShapeKind::Structure(s), Value::Object(map)) => {
                self.structure(model, &shape.name, s, map, &at.pointer)
            }
            (ShapeKind::List { member, .. }, Value::Array(items)) => {
                let Some(item_shape) = model.shape(member) else {
                    return Ok(());
                };
                // A list of ARNs or ids is categorised by the member holding the list.
                let (structure, member_name) = at.member.rsplit_once('.').unwrap_or(("", ""));
                let cat = category(structure, member_name, item_shape);
                for (i, item) in items.iter_mut().enumerate() {
                    let item_at = Site {
                        pointer: format!("{}/{i}", at.pointer),
                        member: at.member.clone(),
                    };
                    match cat {
                        Some(cat) => self.leaf(cat, item_shape, item, &item_at)?,
                        None => self.value(model, item_shape, item, &item_at)?,
                    }
                }
                Ok(())
            }
            (ShapeKind::Map { value: v, .. }, Value::Object(map)) => {
                let Some(value_shape) = model.shape(v) else {
                    return Ok(());
                };
                // Keys are data chosen by the caller: never rewritten.
                for (k, item) in map.iter_mut() {
                    let item_at = Site {
                        pointer: format!("{}/{}", at.pointer, escape_pointer(k)),
                        member: at.member.clone(),
                    };
                    self.value(model, value_shape, item, &item_at)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn leaf(
        &mut self,
        cat: Category,
        shape: &Shape,
        value: &mut Value,
        at: &Site,
    ) -> Result<(), NormaliseError> {
        if value.is_null() {
            return Ok(());
        }
        match cat {
            Category::Timestamp => {
                let t = match self.timestamps {
                    TimestampFormat::EpochSeconds => {
                        let Some(t) = value.as_f64() else {
                            return Err(
                                at.fail("a timestamp must be epoch seconds as a number", value)
                            );
                        };
                        if t.abs() >= MILLISECONDS_THRESHOLD {
                            return Err(
                                at.fail("timestamp in milliseconds, not epoch seconds", value)
                            );
                        }
                        t
                    }
                    TimestampFormat::Iso8601 => iso_seconds(value).ok_or_else(|| {
                        at.fail(
                            "a timestamp must be ISO-8601 UTC with milliseconds (2024-01-02T03:04:05.678Z)",
                            value,
                        )
                    })?,
                };
                if t < self.now - self.past || t > self.now + self.future {
                    let reason = format!(
                        "timestamp outside [now - {}s, now + {}s] with now = {}",
                        self.past, self.future, self.now
                    );
                    return Err(at.fail(&reason, value));
                }
                let key = format!("timestamp:{t}");
                *value = Value::String(self.placeholder(key, "Timestamp"));
            }
            Category::Arn(expected) => {
                let Some(s) = value.as_str() else {
                    return Err(at.fail("an ARN must be a string", value));
                };
                let arn =
                    Arn::parse(s).map_err(|e| at.fail(&format!("malformed ARN ({e})"), value))?;
                let kind = arn.chime_kind();
                if let Some(expected) = expected
                    && !kind.is_some_and(|k| expected.contains(&k))
                {
                    let reason = format!(
                        "not an ARN of a {} (found {})",
                        expected.join(" or "),
                        kind.unwrap_or("non-Chime resource")
                    );
                    return Err(at.fail(&reason, value));
                }
                *value = Value::String(self.placeholder(s.to_owned(), arn_label(kind)));
            }
            Category::Id(label) => {
                let Some(s) = value.as_str() else {
                    return Err(at.fail("an identifier must be a string", value));
                };
                let (min, max) = match &shape.kind {
                    ShapeKind::String(st) => (st.min.unwrap_or(0), st.max),
                    _ => (0, None),
                };
                let len = s.chars().count() as u64;
                if len < min || max.is_some_and(|m| len > m) {
                    let reason = format!(
                        "length {len} outside the model's {min}..{}",
                        max.map_or_else(String::new, |m| m.to_string())
                    );
                    return Err(at.fail(&reason, value));
                }
                if s.chars().any(char::is_control) {
                    return Err(at.fail("identifier with control characters", value));
                }
                // An empty token means "no more pages": nothing run-dependent to hide.
                if !s.is_empty() {
                    *value = Value::String(self.placeholder(s.to_owned(), label));
                }
            }
        }
        Ok(())
    }
}

/// An ISO-8601 UTC timestamp with milliseconds and `Z` as epoch seconds.
fn iso_seconds(value: &Value) -> Option<f64> {
    let text = value.as_str()?;
    let form = text.len() == 24 && text.ends_with('Z') && text.as_bytes().get(19) == Some(&b'.');
    let t = chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .filter(|_| form)?;
    Some(t.timestamp_millis() as f64 / 1000.0)
}

/// Where a value sits, for error messages.
struct Site {
    pointer: String,
    member: String,
}

impl Site {
    fn fail(&self, reason: &str, found: &Value) -> NormaliseError {
        NormaliseError::Check {
            pointer: self.pointer.clone(),
            member: self.member.clone(),
            reason: reason.to_owned(),
            found: shown(found),
        }
    }
}

/// A value for an error message, cut short.
fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}...", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
