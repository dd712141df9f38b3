//! Idempotency tokens (B-WIRE-10, assumed): a repeated `ClientRequestToken` with the same
//! parameters answers the first result again; with other parameters it is a conflict.

use super::error::ApiError;
use crate::model::Structure;
// Maps the server touches on every request hash with foldhash: SipHash was a tenth of the cost
// of a SendChannelMessage.
use super::clock::ms;
use super::sharded::ShardedTable;
use foldhash::HashMap;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// The input member an operation's model marks as its idempotency token, if any.
pub fn token_member(input_shape: Option<&Structure>) -> Option<&str> {
    input_shape.and_then(|s| {
        s.members
            .values()
            .find(|m| m.idempotency_token)
            .map(|m| m.name.as_str())
    })
}

/// How long a token is remembered after its first use, on the AppInstance's clock. The Chime
/// SDK documents no window (B-WIRE-10 is assumed); 8 hours is the window most AWS services
/// document for their client tokens ("valid for 8 hours after the first request"), and it
/// bounds the records in time, as the service's are.
pub const TOKEN_LIFETIME_SECS: f64 = 8.0 * 3600.0;

/// Expired records dropped per new one: more than one, so a backlog drains, and few, so no
/// request pays for many.
const EVICTIONS_PER_RECORD: usize = 2;

/// The idempotency records of one AppInstance: operation -> token -> digest of the request
/// and first result, with an index of the records by expiry.
///
/// Every SendChannelMessage adds a record under the AppInstance's lock, so the records are a
/// table that grows a shard at a time (`sharded`). Found by a hash of the token seeded per
/// AppInstance, then the token itself.
#[derive(Debug, Default)]
pub struct Tokens {
    records: HashMap<&'static str, ShardedTable<Kept>>,
    /// (expiry in ms, sequence) -> the record's operation and token hash, oldest first.
    expiry: BTreeMap<(i64, u64), (&'static str, u64)>,
    next: u64,
    /// Seeded per AppInstance, so no client can choose tokens that collide.
    hasher: foldhash::fast::RandomState,
}

#[derive(Debug)]
struct Kept {
    /// The token's hash, to move the record when its shard grows.
    hash: u64,
    token: Box<str>,
    record: TokenRecord,
}

impl Tokens {
    /// The answer to a request whose token was seen before and is still remembered at `now`:
    /// the first result again, or a conflict when the parameters differ; `None` for a new token.
    pub fn replay(
        &self,
        operation: &str,
        token: &str,
        fingerprint: u64,
        now: f64,
    ) -> Option<Result<Value, ApiError>> {
        self.replay_hashed(
            operation,
            self.hasher.hash_one(token),
            token,
            fingerprint,
            now,
        )
    }

    fn replay_hashed(
        &self,
        operation: &str,
        hash: u64,
        token: &str,
        fingerprint: u64,
        now: f64,
    ) -> Option<Result<Value, ApiError>> {
        let kept = self.records.get(operation)?;
        let prev = &kept.find(hash, |k| &*k.token == token)?.record;
        if prev.expires <= ms(now) {
            return None;
        }
        if prev.fingerprint == fingerprint {
            return Some(prev.output());
        }
        Some(Err(ApiError::conflict(format!(
            "{operation}: token {token} was already used with different parameters"
        ))))
    }

    /// Keeps the first result of a request made with `token` at `now`, and forgets a few
    /// records that have expired.
    pub fn remember(
        &mut self,
        operation: &'static str,
        token: &str,
        fingerprint: u64,
        output: &Value,
        now: f64,
    ) {
        let hash = self.hasher.hash_one(token);
        self.remember_hashed(operation, hash, token, fingerprint, output, now);
    }

    fn remember_hashed(
        &mut self,
        operation: &'static str,
        hash: u64,
        token: &str,
        fingerprint: u64,
        output: &Value,
        now: f64,
    ) {
        self.evict(ms(now), EVICTIONS_PER_RECORD);
        let expires = ms(now + TOKEN_LIFETIME_SECS);
        let record = TokenRecord::new(fingerprint, output, expires);
        self.next += 1;
        self.expiry.insert((expires, self.next), (operation, hash));
        let kept = self.records.entry(operation).or_default();
        // A token kept before (and expired, or it would have been replayed) gets the new record
        // in place; the index entry of the old one no longer matches its expiry.
        if let Some(k) = kept.find_mut(hash, |k| &*k.token == token) {
            k.record = record;
            return;
        }
        let token = token.into();
        let k = Kept {
            hash,
            token,
            record,
        };
        kept.insert(hash, k, |k| k.hash);
    }

    /// The records kept, expired or not.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.records.values().map(ShardedTable::len).sum()
    }

    /// Drops at most `budget` records expired at `now_ms`, oldest first. An index entry whose
    /// token was remembered again since points at a younger record, which stays.
    fn evict(&mut self, now_ms: i64, budget: usize) {
        for _ in 0..budget {
            let Some(entry) = self.expiry.first_entry() else {
                return;
            };
            if entry.key().0 > now_ms {
                return;
            }
            let (expires, _) = *entry.key();
            let (operation, hash) = entry.remove();
            if let Some(kept) = self.records.get_mut(operation) {
                kept.remove(hash, |k| k.record.expires == expires);
            }
        }
    }
}

/// What idempotency needs of a request: a digest of its parameters (without the token) and
/// its first result, kept as compact JSON text because it is rarely read again.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    pub fingerprint: u64,
    /// When the token is forgotten, in ms.
    pub expires: i64,
    output: Box<str>,
}

impl TokenRecord {
    pub fn new(fingerprint: u64, output: &Value, expires: i64) -> Self {
        // serde_json's writer, not `Display`, which goes through a formatter a piece at a time.
        let output = serde_json::to_string(output).unwrap_or_default();
        TokenRecord {
            fingerprint,
            expires,
            output: output.into_boxed_str(),
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
        assert_eq!(TokenRecord::new(7, &out, 0).output().unwrap(), out);
    }

    #[test]
    fn b_wire_10_a_token_is_forgotten_after_its_lifetime_and_expired_records_are_dropped() {
        let mut tokens = Tokens::default();
        let out = json!({"MessageId": "m1"});
        tokens.remember("SendChannelMessage", "t1", 1, &out, 100.0);
        tokens.remember("SendChannelMessage", "t2", 2, &out, 101.0);
        let until = 100.0 + TOKEN_LIFETIME_SECS;
        let replayed = |t: &Tokens, token, fp, now| t.replay("SendChannelMessage", token, fp, now);
        assert_eq!(
            replayed(&tokens, "t1", 1, until - 0.001).map(|r| r.ok()),
            Some(Some(out.clone()))
        );
        assert!(replayed(&tokens, "t1", 9, until - 0.001).is_some_and(|r| r.is_err()));
        assert!(
            replayed(&tokens, "t1", 1, until).is_none(),
            "t1 is forgotten"
        );
        assert!(
            replayed(&tokens, "t2", 2, until).is_some(),
            "t2 is not, yet"
        );
        // t1 is used again after its lifetime; its old record is evicted first.
        tokens.remember("SendChannelMessage", "t1", 3, &out, until);
        assert_eq!(tokens.len(), 2);
        // Far later, each new record drops at most two expired ones.
        for i in 0..10 {
            tokens.remember("CreateChannel", &format!("c{i}"), 4, &out, 1e6 + i as f64);
        }
        assert!(replayed(&tokens, "t1", 3, 1e6).is_none());
        assert_eq!(tokens.len(), 10, "t1 and t2 dropped, the ten new ones kept");
        assert_eq!(tokens.expiry.len(), 10);
    }

    #[test]
    fn a_token_used_again_before_its_old_record_is_evicted_gets_the_new_record_in_place() {
        let mut tokens = Tokens::default();
        let (old, new) = (json!({"MessageId": "old"}), json!({"MessageId": "new"}));
        for t in ["t1", "t2", "t3"] {
            tokens.remember("SendChannelMessage", t, 1, &old, 0.0);
        }
        // A record evicts at most two expired ones (t1 and t2), so t3's old record is still
        // kept when t3 comes again: the new record replaces it, and its index entry stays.
        let later = TOKEN_LIFETIME_SECS + 1.0;
        tokens.remember("SendChannelMessage", "t3", 2, &new, later);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens.expiry.len(), 2, "the old index entry is left");
        let t3 = |t: &Tokens, now| t.replay("SendChannelMessage", "t3", 2, now).map(|r| r.ok());
        assert_eq!(t3(&tokens, later), Some(Some(new.clone())));
        // Evicting the old entry leaves the new record, whose expiry it does not match.
        tokens.remember("CreateChannel", "c1", 3, &new, later);
        assert_eq!((tokens.len(), tokens.expiry.len()), (2, 2));
        assert_eq!(t3(&tokens, later), Some(Some(new.clone())));
        // At the new record's own expiry it goes.
        let end = later + TOKEN_LIFETIME_SECS;
        tokens.remember("CreateChannel", "c2", 4, &new, end);
        assert_eq!(tokens.len(), 1, "t3 and c1 dropped, c2 kept");
        assert_eq!(t3(&tokens, end), None);
    }

    #[test]
    fn tokens_whose_hashes_collide_are_kept_apart() {
        let mut tokens = Tokens::default();
        let (a, b) = (json!({"MessageId": "a"}), json!({"MessageId": "b"}));
        tokens.remember_hashed("SendChannelMessage", 42, "ta", 1, &a, 0.0);
        tokens.remember_hashed("SendChannelMessage", 42, "tb", 2, &b, 1.0);
        let replayed = |t: &Tokens, token, fp| {
            t.replay_hashed("SendChannelMessage", 42, token, fp, 2.0)
                .map(|r| r.ok())
        };
        assert_eq!(replayed(&tokens, "ta", 1), Some(Some(a.clone())));
        assert_eq!(replayed(&tokens, "tb", 2), Some(Some(b.clone())));
        assert_eq!(
            replayed(&tokens, "tb", 1),
            Some(None),
            "a conflict, not ta's result"
        );
        assert_eq!(replayed(&tokens, "tc", 1), None);
        // ta expires and is used again: a new record beside tb's, which stays as it was.
        let later = TOKEN_LIFETIME_SECS + 0.5;
        tokens.remember_hashed("SendChannelMessage", 42, "ta", 3, &b, later);
        assert_eq!(tokens.len(), 2);
        let at = |token, fp| {
            tokens
                .replay_hashed("SendChannelMessage", 42, token, fp, later)
                .map(|r| r.ok())
        };
        assert_eq!(at("ta", 3), Some(Some(b.clone())));
        assert_eq!(at("tb", 2), Some(Some(b)));
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
