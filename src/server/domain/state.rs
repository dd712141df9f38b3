//! The records kept per AppInstance, the input readers and the small shared helpers.

use super::ApiError;
use serde_json::{Map, Value, json};
// Maps the server touches on every request hash with foldhash: SipHash was a tenth of the cost
// of a SendChannelMessage.
use foldhash::{HashMap, HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Fixed account id used in every ARN the server makes.
pub const ACCOUNT: &str = "123456789012";
pub const ARN_PREFIX: &str = "arn:aws:chime:us-east-1:123456789012:";

/// Default page size when `MaxResults` is absent (B-WIRE-12, assumed).
pub const DEFAULT_PAGE: usize = 50;

/// Everything that belongs to one AppInstance. One mutex guards it, so requests on different
/// app instances never contend and writes on one channel are serialised in arrival order.
#[derive(Debug, Default)]
pub struct AppInstanceState {
    pub arn: String,
    pub name: String,
    pub metadata: Option<String>,
    pub created: f64,
    pub updated: f64,
    /// Virtual clock offset in seconds added to real time for this AppInstance.
    pub clock_offset: f64,
    pub users: BTreeMap<String, User>,
    pub bots: BTreeMap<String, Bot>,
    pub admins: BTreeMap<String, f64>,
    pub retention: Option<Value>,
    pub retention_set_at: Option<f64>,
    pub channels: BTreeMap<String, Channel>,
    pub flows: BTreeMap<String, Flow>,
    /// Expiry index: (expiry in ms, channel ARN), so a sweep only touches expired channels.
    pub expiry: BTreeSet<(i64, String)>,
    /// The same for AppInstanceUsers with expiration settings.
    pub user_expiry: BTreeSet<(i64, String)>,
    pub streaming: Option<Value>,
    pub tags: HashMap<String, BTreeMap<String, String>>,
    /// Idempotency records: operation -> token -> digest of the request and first result.
    pub tokens: HashMap<&'static str, HashMap<Box<str>, TokenRecord>>,
    pub next_seq: u64,
    /// The server's deliberate deviations, for rules that run without the domain at hand.
    pub faults: crate::server::faults::FaultSet,
    /// One shared copy of each channel and sender ARN that stored messages name.
    pub shared_arns: HashSet<Arc<str>>,
    /// Message writes per bearer in the current second, when quotas are enforced.
    pub bearer_writes: HashMap<String, super::quotas::Window>,
}

impl AppInstanceState {
    /// The shared copy of `arn`, so a million messages in a channel hold its ARN once.
    pub fn share(&mut self, arn: &str) -> Arc<str> {
        if let Some(a) = self.shared_arns.get(arn) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(arn);
        self.shared_arns.insert(a.clone());
        a
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

#[derive(Debug, Clone)]
pub struct User {
    pub arn: String,
    pub name: String,
    pub metadata: Option<String>,
    pub created: f64,
    pub updated: f64,
    pub expiration: Option<Value>,
    /// The user's key in the expiry index, when it expires.
    pub expiry_key: Option<i64>,
    pub endpoints: BTreeMap<String, Endpoint>,
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: String,
    pub name: Option<String>,
    pub kind: String,
    pub resource_arn: String,
    pub attributes: Value,
    pub allow_messages: String,
    pub created: f64,
    pub updated: f64,
}

#[derive(Debug, Clone)]
pub struct Bot {
    pub arn: String,
    pub name: Option<String>,
    pub metadata: Option<String>,
    pub configuration: Value,
    pub created: f64,
    pub updated: f64,
}

#[derive(Debug, Clone)]
pub struct Flow {
    pub arn: String,
    pub name: String,
    pub processors: Value,
    pub created: f64,
    pub updated: f64,
    pub channels: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct Membership {
    pub arn: String,
    pub kind: String,
    pub invited_by: String,
    pub created: f64,
    pub updated: f64,
    pub read_marker: Option<f64>,
    /// Sub-channels of an elastic channel this member belongs to (one for a regular member).
    pub sub_channels: BTreeSet<String>,
    pub preferences: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub created_by: String,
    pub created: f64,
}

#[derive(Debug, Clone)]
pub struct Elastic {
    pub config: Value,
    pub maximum: usize,
    pub target: usize,
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub arn: String,
    pub name: String,
    pub mode: String,
    pub privacy: String,
    pub metadata: Option<String>,
    pub created_by: String,
    pub created: f64,
    pub updated: f64,
    pub last_message: Option<f64>,
    pub flow: Option<String>,
    pub elastic: Option<Elastic>,
    pub expiration: Option<Value>,
    pub expiry_key: Option<i64>,
    /// Settings removed while a fault keeps applying them (see `removed-expiration-applied`).
    pub removed_expiration: Option<Value>,
    pub members: BTreeMap<String, Membership>,
    pub moderators: BTreeMap<String, Record>,
    pub bans: BTreeMap<String, Record>,
    /// Sub-channel id -> member ARNs (elastic channels only).
    pub sub_channels: BTreeMap<String, BTreeSet<String>>,
    /// Messages per sub-channel ("" for a non-elastic channel), in creation order. Boxed:
    /// messages arrive in key order, which leaves B-tree nodes about half full, and a half-full
    /// node of pointers wastes far less than one of whole messages.
    pub messages: HashMap<String, BTreeMap<MsgKey, Box<Message>>>,
    /// Message id -> (sub-channel, key).
    pub message_index: HashMap<String, (String, MsgKey)>,
    /// Processor events recorded for this channel's flow.
    pub flow_events: Vec<Value>,
    /// Message writes in the current second, when quotas are enforced.
    pub writes: super::quotas::Window,
}

/// Creation time in milliseconds, then a per-AppInstance sequence number.
pub type MsgKey = (i64, u64);

#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub channel_arn: Arc<str>,
    pub sub_channel: Option<String>,
    pub content: String,
    pub metadata: Option<String>,
    pub content_type: Option<String>,
    pub attributes: Option<Value>,
    pub kind: &'static str,
    pub persistence: &'static str,
    pub sender: Arc<str>,
    pub created: f64,
    pub updated: f64,
    pub last_edited: Option<f64>,
    pub redacted: bool,
    pub status: &'static str,
    pub status_detail: Option<String>,
    pub target: Option<Vec<String>>,
    /// Pending flow processing: (callback id, deadline).
    pub callback: Option<(String, f64)>,
    pub key: MsgKey,
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
    /// The page size: `MaxResults` when given, else the default (B-WIRE-12).
    pub fn page_size(&self) -> usize {
        self.map
            .get("MaxResults")
            .and_then(Value::as_u64)
            .map(|n| n.max(1) as usize)
            .unwrap_or(DEFAULT_PAGE)
    }
    pub fn next_token(&self) -> Option<&'a str> {
        self.opt_str("NextToken").filter(|t| !t.is_empty())
    }
}

/// The AppInstance ARN a user, bot or channel ARN belongs to, from the ARN's own structure:
/// it is the ARN's own prefix.
pub fn app_instance_of(arn: &str) -> Option<&str> {
    const PREFIX: &str = "arn:aws:chime:";
    const KIND: &str = ":app-instance/";
    let rest = arn.strip_prefix(PREFIX)?;
    let idx = rest.find(KIND)?;
    let after = &rest[idx + KIND.len()..];
    let id = after.split('/').next().filter(|s| !s.is_empty())?;
    Some(&arn[..PREFIX.len() + idx + KIND.len() + id.len()])
}

/// Encodes a key into an opaque page token.
pub fn encode_token(kind: &str, key: &str) -> String {
    let mut out = String::with_capacity(kind.len() + 1 + key.len() * 2);
    out.push_str(kind);
    out.push('.');
    for b in key.as_bytes() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Decodes a page token made by [`encode_token`] for the same kind of list.
pub fn decode_token(kind: &str, token: &str) -> Result<String, ApiError> {
    let bad = || ApiError::bad_request(format!("NextToken {token:?} is not valid for this list"));
    let hex = token
        .strip_prefix(kind)
        .and_then(|t| t.strip_prefix('.'))
        .ok_or_else(bad)?;
    // ASCII first: slicing by byte pairs must not split a multi-byte character.
    if !hex.is_ascii() || hex.len() % 2 != 0 {
        return Err(bad());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| bad())?;
    String::from_utf8(bytes).map_err(|_| bad())
}

/// Items of one page (key, value) and the token of the next page, if any.
pub type Page<'m, V> = (Vec<(&'m String, &'m V)>, Option<String>);

/// One page of a map ordered by key: items from the token on, `size` of them at most, with a
/// token naming the next item when more remain.
pub fn page<'m, V>(
    map: &'m BTreeMap<String, V>,
    args: &Args,
    kind: &str,
    keep: impl Fn(&V) -> bool,
) -> Result<Page<'m, V>, ApiError> {
    let start = match args.next_token() {
        Some(t) => Some(decode_token(kind, t)?),
        None => None,
    };
    let size = args.page_size();
    let iter: Box<dyn Iterator<Item = (&'m String, &'m V)>> = match start {
        Some(s) => Box::new(map.range(s..)),
        None => Box::new(map.iter()),
    };
    let mut out = Vec::new();
    let mut next = None;
    for (k, v) in iter.filter(|(_, v)| keep(v)) {
        if out.len() == size {
            next = Some(encode_token(kind, k));
            break;
        }
        out.push((k, v));
    }
    Ok((out, next))
}

/// Adds `NextToken` to an output object when there is one.
pub fn with_token(mut out: Value, next: Option<String>) -> Value {
    if let (Some(t), Some(obj)) = (next, out.as_object_mut()) {
        obj.insert("NextToken".into(), Value::String(t));
    }
    out
}

/// Drops null members so absent optional members stay absent on the wire.
pub fn compact(mut v: Value) -> Value {
    drop_nulls(&mut v);
    v
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Tags as the model's `Tag` list.
pub fn tags_value(tags: Option<&BTreeMap<String, String>>) -> Value {
    Value::Array(
        tags.into_iter()
            .flatten()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect(),
    )
}

/// Reads a `Tags` list member into a map; at most 50 tags (B-CH-08).
pub fn read_tags(v: Option<&Value>) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    if let Some(Value::Array(items)) = v {
        for t in items {
            let k = t.get("Key").and_then(Value::as_str);
            let val = t.get("Value").and_then(Value::as_str);
            match (k, val) {
                (Some(k), Some(val)) => {
                    out.insert(k.to_owned(), val.to_owned());
                }
                _ => return Err(ApiError::bad_request("each tag needs a Key and a Value")),
            }
        }
    }
    if out.len() > 50 {
        return Err(ApiError::resource_limit("a resource holds at most 50 tags"));
    }
    Ok(out)
}

pub fn new_id() -> String {
    random_uuid().to_string()
}

/// A new id without hyphens (message and callback ids).
pub fn new_simple_id() -> String {
    random_uuid().simple().to_string()
}

/// A version 4 UUID from the thread's cryptographic generator: `Uuid::new_v4` asks the OS
/// for every id, a system call made while the AppInstance is locked.
fn random_uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(rand::random()).into_uuid()
}

/// Milliseconds as the ordering key of a time in seconds.
pub fn ms(t: f64) -> i64 {
    (t * 1000.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_instance_is_read_from_child_arns() {
        let inst = format!("{ARN_PREFIX}app-instance/abc");
        assert_eq!(
            app_instance_of(&format!("{inst}/user/u1")),
            Some(inst.as_str())
        );
        assert_eq!(
            app_instance_of(&format!("{inst}/channel/c")),
            Some(inst.as_str())
        );
        assert_eq!(app_instance_of(&inst), Some(inst.as_str()));
        assert_eq!(
            app_instance_of("arn:aws:chime:us-east-1:1:channel-flow/x"),
            None
        );
        assert_eq!(app_instance_of("nonsense"), None);
    }

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
    fn ids_are_random_version_4_uuids() {
        let (a, b) = (new_id(), new_simple_id());
        let a = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(b.len(), 32);
        assert!(!b.contains('-'));
        assert_ne!(new_simple_id(), b);
    }

    #[test]
    fn tokens_round_trip_and_reject_others() {
        let t = encode_token("ch", "arn:x/y");
        assert_eq!(decode_token("ch", &t).unwrap(), "arn:x/y");
        assert!(decode_token("us", &t).is_err());
        assert!(decode_token("ch", "ch.zz").is_err());
        assert!(decode_token("ch", "ch.a\u{e9}b").is_err());
    }
}
