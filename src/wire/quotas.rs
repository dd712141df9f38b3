//! The rates a client keeps its calls under, and what each call counts against.
//!
//! The service documents two message-write quotas (the Amazon Chime SDK endpoints and quotas
//! page): 30 message writes a second per channel and 10 per bearer (`x-amz-chime-bearer`).
//! Which operations are message writes the page does not list; the harness counts the four
//! that write a channel message (send, update, redact, delete), a choice. API rate limits per
//! operation exist too, but no figures for them are in the documents this project draws on,
//! so none is paced by default; `--rate OPERATION=N` sets one, and `--rate all=N` caps every
//! call of the client.

use crate::model;
use serde_json::Value;
use std::collections::BTreeMap;

/// Message writes a second per channel, as the quotas page lists them.
pub const CHANNEL_WRITES_PER_SECOND: u32 = 30;
/// Message writes a second per bearer, as the quotas page lists them.
pub const BEARER_WRITES_PER_SECOND: u32 = 10;

/// The operations counted as message writes (a choice: the quotas page names no operations).
pub const MESSAGE_WRITES: [&str; 4] = [
    "SendChannelMessage",
    "UpdateChannelMessage",
    "RedactChannelMessage",
    "DeleteChannelMessage",
];

/// What a rate applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The message writes of one bearer.
    BearerWrites,
    /// The message writes to one channel.
    ChannelWrites,
    /// Every call of one operation, account-wide.
    Operation(String),
    /// Every call of the client.
    All,
}

impl Scope {
    fn parse(name: &str) -> Result<Scope, String> {
        match name {
            "bearer-writes" => Ok(Scope::BearerWrites),
            "channel-writes" => Ok(Scope::ChannelWrites),
            "all" => Ok(Scope::All),
            op => model::find_operation(op)
                .map(|_| Scope::Operation(op.to_string()))
                .ok_or_else(|| {
                    format!(
                        "\"{op}\" is neither bearer-writes, channel-writes, all nor an operation"
                    )
                }),
        }
    }

    fn name(&self) -> &str {
        match self {
            Scope::BearerWrites => "bearer-writes",
            Scope::ChannelWrites => "channel-writes",
            Scope::Operation(op) => op,
            Scope::All => "all",
        }
    }
}

/// Calls a second, by what they count against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    per_second: BTreeMap<Scope, u32>,
}

impl Rates {
    /// No pacing at all.
    pub fn none() -> Rates {
        Rates::default()
    }

    /// The service's documented message-write quotas.
    pub fn service_quotas() -> Rates {
        let mut rates = Rates::none();
        rates
            .per_second
            .insert(Scope::BearerWrites, BEARER_WRITES_PER_SECOND);
        rates
            .per_second
            .insert(Scope::ChannelWrites, CHANNEL_WRITES_PER_SECOND);
        rates
    }

    /// Sets one rate from `NAME=N` (`bearer-writes=5`, `SendChannelMessage=2`, `all=50`);
    /// `NAME=off` removes it.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (name, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("--rate {spec}: NAME=CALLS_PER_SECOND or NAME=off"))?;
        let scope = Scope::parse(name.trim()).map_err(|e| format!("--rate {spec}: {e}"))?;
        match value.trim() {
            "off" => {
                self.per_second.remove(&scope);
            }
            n => {
                let n: u32 = n
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--rate {spec}: a whole number above 0, or off"))?;
                self.per_second.insert(scope, n);
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.per_second.is_empty()
    }

    pub fn get(&self, scope: &Scope) -> Option<u32> {
        self.per_second.get(scope).copied()
    }

    /// `bearer-writes=10/s, channel-writes=30/s`, or `none`.
    pub fn describe(&self) -> String {
        if self.per_second.is_empty() {
            return "none".into();
        }
        self.per_second
            .iter()
            .map(|(s, n)| format!("{}={n}/s", s.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The windows one call counts against, each a scope, a key within it and its rate.
    pub fn windows(&self, operation: &str, input: &Value) -> Vec<(Scope, String, u32)> {
        let name = operation.rsplit(':').next().unwrap_or(operation);
        let field = |k: &str| input.get(k).and_then(Value::as_str).map(str::to_string);
        let mut out = Vec::new();
        for (scope, &rate) in &self.per_second {
            let key = match scope {
                Scope::BearerWrites if MESSAGE_WRITES.contains(&name) => field("ChimeBearer"),
                Scope::ChannelWrites if MESSAGE_WRITES.contains(&name) => field("ChannelArn"),
                Scope::Operation(op) if op == operation || op == name => Some(String::new()),
                Scope::All => Some(String::new()),
                _ => None,
            };
            if let Some(key) = key {
                out.push((scope.clone(), key, rate));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_message_write_counts_against_its_bearer_and_its_channel() {
        let rates = Rates::service_quotas();
        let send = json!({"ChimeBearer": "alice", "ChannelArn": "general", "Content": "hi"});
        assert_eq!(
            rates.windows("SendChannelMessage", &send),
            [
                (Scope::BearerWrites, "alice".to_string(), 10),
                (Scope::ChannelWrites, "general".to_string(), 30),
            ]
        );
        assert!(rates.windows("ListChannelMessages", &send).is_empty());
        assert_eq!(rates.describe(), "bearer-writes=10/s, channel-writes=30/s");
    }

    #[test]
    fn rates_are_set_by_name_and_removed_with_off() {
        let mut rates = Rates::service_quotas();
        rates.set("bearer-writes=off").unwrap();
        rates.set("CreateChannel=2").unwrap();
        rates.set("all=50").unwrap();
        let create = json!({"ChimeBearer": "alice"});
        assert_eq!(
            rates.windows("CreateChannel", &create),
            [
                (Scope::Operation("CreateChannel".into()), String::new(), 2),
                (Scope::All, String::new(), 50),
            ]
        );
        for bad in ["bearer-writes", "NoSuchOperation=3", "all=0", "all=fast"] {
            let e = rates.set(bad).unwrap_err();
            assert!(e.starts_with(&format!("--rate {bad}")), "{e}");
        }
    }
}
