//! Idempotency tokens (B-WIRE-10, assumed): a repeated `ClientRequestToken` with the same
//! parameters answers the first result again; with other parameters it is a conflict.

use super::error::ApiError;
use crate::model::Structure;
// Maps the server touches on every request hash with foldhash: SipHash was a tenth of the cost
// of a SendChannelMessage.
use foldhash::HashMap;
use serde_json::{Map, Value};

/// The input member an operation's model marks as its idempotency token, if any.
pub fn token_member(input_shape: Option<&Structure>) -> Option<&str> {
    input_shape.and_then(|s| {
        s.members
            .values()
            .find(|m| m.idempotency_token)
            .map(|m| m.name.as_str())
    })
}

/// The idempotency records of one AppInstance: operation -> token -> digest of the request
/// and first result.
#[derive(Debug, Default)]
pub struct Tokens(HashMap<&'static str, HashMap<Box<str>, TokenRecord>>);

impl Tokens {
    /// The answer to a request whose token was seen before: the first result again, or a
    /// conflict when the parameters differ; `None` for a new token.
    pub fn replay(
        &self,
        operation: &str,
        token: &str,
        fingerprint: u64,
    ) -> Option<Result<Value, ApiError>> {
        let prev = self.0.get(operation).and_then(|t| t.get(token))?;
        if prev.fingerprint == fingerprint {
            return Some(prev.output());
        }
        Some(Err(ApiError::conflict(format!(
            "{operation}: token {token} was already used with different parameters"
        ))))
    }

    /// Keeps the first result of a request made with `token`.
    pub fn remember(
        &mut self,
        operation: &'static str,
        token: &str,
        fingerprint: u64,
        output: &Value,
    ) {
        let record = TokenRecord::new(fingerprint, output);
        self.0
            .entry(operation)
            .or_default()
            .insert(token.into(), record);
    }
}

/// What idempotency needs of a request: a digest of its parameters (without the token) and
/// its first result, kept as compact JSON text because it is rarely read again.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    pub fingerprint: u64,
    output: Box<str>,
}

impl TokenRecord {
    pub fn new(fingerprint: u64, output: &Value) -> Self {
        TokenRecord {
            fingerprint,
            output: output.to_string().into_boxed_str(),
        }
    }

    /// The first result again.
    pub fn output(&self) -> Result<Value, ApiError> {
        serde_json::from_str(&self.output).map_err(|e| {
            ApiError::bad_request(format!(
                "the stored result of this token is unreadable: {e}"
            ))
        })
    }
}

/// A 64-bit digest of an input without its `skip` member (the idempotency token). Equal
/// inputs give equal digests whatever the order of their members; a different input gives a
/// different digest except with a chance of about 2^-64.
pub fn fingerprint(input: &Map<String, Value>, skip: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    fn object(h: &mut impl Hasher, map: &Map<String, Value>, skip: Option<&str>) {
        let mut members: Vec<(&String, &Value)> = map
            .iter()
            .filter(|(k, _)| Some(k.as_str()) != skip)
            .collect();
        members.sort_unstable_by_key(|(k, _)| *k);
        h.write_u8(b'{');
        h.write_usize(members.len());
        for (k, v) in members {
            h.write_usize(k.len());
            h.write(k.as_bytes());
            value(h, v);
        }
    }
    fn value(h: &mut impl Hasher, v: &Value) {
        match v {
            Value::Null => h.write_u8(b'n'),
            Value::Bool(b) => h.write_u8(if *b { b't' } else { b'f' }),
            Value::Number(n) => {
                // The text keeps 1 and 1.0 apart, as `Value` equality does.
                let text = n.to_string();
                h.write_u8(b'#');
                h.write_usize(text.len());
                h.write(text.as_bytes());
            }
            Value::String(s) => {
                h.write_u8(b's');
                h.write_usize(s.len());
                h.write(s.as_bytes());
            }
            Value::Array(items) => {
                h.write_u8(b'[');
                h.write_usize(items.len());
                for i in items {
                    value(h, i);
                }
            }
            Value::Object(m) => object(h, m, None),
        }
    }
    // A fixed seed: the digest must not change during the life of the process. foldhash's
    // quality variant, as SipHash cost several times more per request.
    let mut h = foldhash::quality::FixedState::with_seed(0x6368_696d_652d_6964).build_hasher();
    object(&mut h, input, Some(skip));
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn fingerprints_ignore_the_token_and_member_order_only() {
        let obj = |v: Value| v.as_object().cloned().unwrap_or_default();
        let a = obj(json!({"A": "x", "B": [1, {"C": true}], "T": "t1"}));
        let b = obj(json!({"B": [1, {"C": true}], "A": "x", "T": "t2"}));
        assert_eq!(fingerprint(&a, "T"), fingerprint(&b, "T"));
        for other in [
            json!({"A": "y", "B": [1, {"C": true}]}),
            json!({"A": "x", "B": [1.0, {"C": true}]}),
            json!({"A": "x", "B": [1, {"C": false}]}),
            json!({"A": "x", "B": [{"C": true}, 1]}),
            json!({"A": "x", "B": [1, {"C": true}], "D": null}),
            json!({"A": "x"}),
        ] {
            assert_ne!(fingerprint(&a, "T"), fingerprint(&obj(other), "T"));
        }
    }

    #[test]
    fn token_records_give_back_the_first_result() {
        let out = json!({"ChannelArn": "arn:x", "Status": {"Value": "SENT"}, "N": 1.5});
        assert_eq!(TokenRecord::new(7, &out).output().unwrap(), out);
    }

    #[test]
    fn b_wire_10_repeated_client_request_token() {
        let fx = Fx::new();
        let create = json!({"AppInstanceArn": fx.inst, "Name": "idem", "ChimeBearer": fx.user("alice"),
            "ClientRequestToken": "same-token"});
        let a = fx.ok("CreateChannel", create.clone());
        let b = fx.ok("CreateChannel", create.clone());
        assert_eq!(a, b);
        let mut other = create;
        other["Name"] = json!("different");
        assert_eq!(fx.err("CreateChannel", other).shape, "ConflictException");
        let ch = a["ChannelArn"].as_str().unwrap();
        let send = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": "once",
            "Type": "STANDARD", "Persistence": "PERSISTENT", "ClientRequestToken": "msg-token"});
        let m1 = fx.ok("SendChannelMessage", send.clone());
        let m2 = fx.ok("SendChannelMessage", send.clone());
        assert_eq!(m1["MessageId"], m2["MessageId"]);
        assert_eq!(fx.contents(ch, "alice", json!({})), vec!["once"]);
        let mut changed = send;
        changed["Content"] = json!("twice");
        assert_eq!(
            fx.err("SendChannelMessage", changed).shape,
            "ConflictException"
        );
    }
}
