//! The records kept per AppInstance, and finding them by ARN or id.

use super::enums::{
    AllowMessages, ChannelMode, ChannelPrivacy, EndpointType, MembershipType, MessagePersistence,
    MessageStatus, MessageType,
};
use super::error::ApiError;
use super::idempotency::Tokens;
use super::message_log::MessageLog;
use super::quotas::Window;
use crate::server::faults::FaultSet;
// Maps the server touches on every request hash with foldhash: SipHash was a tenth of the cost
// of a SendChannelMessage.
use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
    /// Idempotency records of the requests made in this AppInstance.
    pub tokens: Tokens,
    pub next_seq: u64,
    /// The server's deliberate deviations, for rules that run without the domain at hand.
    pub faults: FaultSet,
    /// One shared copy of each channel and sender ARN that stored messages name.
    pub shared_arns: HashSet<Arc<str>>,
    /// Message writes per bearer in the current second, when quotas are enforced.
    pub bearer_writes: HashMap<String, Window>,
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

    pub fn channel(&self, arn: &str) -> Result<&Channel, ApiError> {
        self.channels.get(arn).ok_or_else(|| missing_channel(arn))
    }

    pub fn channel_mut(&mut self, arn: &str) -> Result<&mut Channel, ApiError> {
        self.channels
            .get_mut(arn)
            .ok_or_else(|| missing_channel(arn))
    }

    pub fn user_mut(&mut self, arn: &str) -> Result<&mut User, ApiError> {
        self.users
            .get_mut(arn)
            .ok_or_else(|| ApiError::not_found(format!("AppInstanceUser {arn} does not exist")))
    }

    pub fn bot_mut(&mut self, arn: &str) -> Result<&mut Bot, ApiError> {
        self.bots
            .get_mut(arn)
            .ok_or_else(|| ApiError::not_found(format!("AppInstanceBot {arn} does not exist")))
    }

    pub fn flow_mut(&mut self, arn: &str) -> Result<&mut Flow, ApiError> {
        self.flows
            .get_mut(arn)
            .ok_or_else(|| ApiError::not_found(format!("channel flow {arn} does not exist")))
    }
}

/// B-CH-09: a channel that does not exist (or no longer exists).
pub fn missing_channel(arn: &str) -> ApiError {
    ApiError::not_found(format!("channel {arn} does not exist"))
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
    pub kind: EndpointType,
    pub resource_arn: String,
    pub attributes: Value,
    pub allow_messages: AllowMessages,
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
    pub kind: MembershipType,
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
    pub mode: ChannelMode,
    pub privacy: ChannelPrivacy,
    pub metadata: Option<String>,
    pub created_by: String,
    pub created: f64,
    pub updated: f64,
    pub last_message: Option<f64>,
    /// The last PERSISTENT message: a ChannelSummary's LastMessageTimestamp is "the time at
    /// which the last persistent message visible to the caller was sent" (API reference).
    pub last_persistent_message: Option<f64>,
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
    /// Where each message is kept, by the ordinal its id spells (`message_log`).
    pub(super) message_log: MessageLog<(String, MsgKey)>,
    /// Processor events recorded for this channel's flow.
    pub flow_events: Vec<Value>,
    /// Message writes in the current second, when quotas are enforced.
    pub writes: Window,
}

impl Channel {
    /// The id of a new message of this channel (`message_log`).
    pub fn new_message_id(&mut self) -> String {
        self.message_log.next_id()
    }

    /// Keeps `m`, the newest message of its sub-channel.
    pub fn keep_message(&mut self, m: Message) {
        let bucket = m.sub_channel.clone().unwrap_or_default();
        self.message_log.place(&m.id, (bucket.clone(), m.key));
        self.messages
            .entry(bucket)
            .or_default()
            .insert(m.key, Box::new(m));
    }

    /// Forgets that message `id` exists (its record is the caller's to remove or keep).
    pub fn unindex_message(&mut self, id: &str) {
        if self.message(id).is_some() {
            self.message_log.clear(id);
        }
    }

    /// The message with id `id`, whatever its status.
    pub fn message(&self, id: &str) -> Option<&Message> {
        let (bucket, key) = self.message_log.get(id)?;
        let m = self.messages.get(bucket)?.get(key)?;
        (m.id == id).then_some(&**m)
    }

    /// The stored message named by `id` (NotFound when absent, denied or not kept).
    pub fn stored_message_mut(&mut self, id: &str) -> Result<&mut Message, ApiError> {
        let missing = || ApiError::not_found(format!("message {id} does not exist"));
        let (bucket, key) = self.message_log.get(id).cloned().ok_or_else(missing)?;
        self.messages
            .get_mut(&bucket)
            .and_then(|b| b.get_mut(&key))
            .map(|m| &mut **m)
            .filter(|m| m.id == id && m.status != MessageStatus::Denied)
            .ok_or_else(missing)
    }
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
    pub attributes: Option<MessageAttributes>,
    pub kind: MessageType,
    pub persistence: MessagePersistence,
    pub sender: Arc<str>,
    pub created: f64,
    pub updated: f64,
    pub last_edited: Option<f64>,
    pub redacted: bool,
    pub status: MessageStatus,
    pub status_detail: Option<String>,
    pub target: Option<Vec<String>>,
    /// Pending flow processing: (callback id, deadline).
    pub callback: Option<(String, f64)>,
    pub key: MsgKey,
}

/// A message's attributes, the model's `MessageAttributeMap`: name -> its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageAttributes(BTreeMap<String, MessageAttributeValue>);

/// The model's `MessageAttributeValue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageAttributeValue {
    #[serde(
        rename = "StringValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_values: Option<Vec<String>>,
}

impl MessageAttributes {
    /// Reads a `MessageAttributes` member (the HTTP layer has checked it against the model).
    pub fn read(v: &Value) -> Result<Self, ApiError> {
        Self::deserialize(v).map_err(|e| ApiError::bad_request(format!("MessageAttributes: {e}")))
    }
}
