//! The rules every message operation applies: size limits (B-MSG-02), what history keeps
//! (B-MSG-03), who sees a message (B-MSG-07/09, B-FLOW-03/05/07) and who may read a channel's
//! messages (B-CH-04).

use super::access::{Roles, deny};
use super::enums::{ChannelPrivacy, MessagePersistence, MessageStatus, MessageType};
use super::error::ApiError;
use super::records::{AppInstanceState, Channel, Message};
use crate::server::faults::{Fault, FaultSet};

/// B-MSG-02: limits in UTF-8 bytes (assumed); a breach is a BadRequestException.
pub fn check_sizes(
    faults: &FaultSet,
    kind: MessageType,
    content: &str,
    metadata: Option<&str>,
) -> Result<(), ApiError> {
    if faults.has(Fault::SizeLimitsNotEnforced) {
        return Ok(());
    }
    if faults.has(Fault::LimitsCountCharacters) {
        let chars: String = content.chars().map(|_| 'x').collect();
        let meta: Option<String> = metadata.map(|m| m.chars().map(|_| 'x').collect());
        return check_sizes(&Default::default(), kind, &chars, meta.as_deref());
    }
    let meta = metadata.map_or(0, str::len);
    match kind {
        MessageType::Control => {
            if content.len() > 30 {
                return Err(ApiError::bad_request(format!(
                    "a CONTROL message carries at most 30 bytes of content, not {}",
                    content.len()
                )));
            }
            if meta > 0 {
                return Err(ApiError::bad_request(
                    "a CONTROL message carries no metadata",
                ));
            }
        }
        MessageType::Standard => {
            if content.len() > 4096 {
                return Err(ApiError::bad_request(format!(
                    "a STANDARD message carries at most 4096 bytes of content, not {}",
                    content.len()
                )));
            }
            if meta > 1024 {
                return Err(ApiError::bad_request(format!(
                    "a message carries at most 1024 bytes of metadata, not {meta}"
                )));
            }
        }
    }
    Ok(())
}

/// B-MSG-03: a NON_PERSISTENT message is delivered, not kept in history.
pub fn kept_in_history(faults: &FaultSet, persistence: MessagePersistence) -> bool {
    persistence == MessagePersistence::Persistent || faults.has(Fault::NonPersistentKept)
}

/// What `viewer` may see of the history (B-MSG-03/07/09, B-FLOW-03/05/07).
pub fn visible(st: &AppInstanceState, m: &Message, viewer: &str) -> bool {
    if m.status == MessageStatus::Denied || !kept_in_history(&st.faults, m.persistence) {
        return false;
    }
    if m.status != MessageStatus::Sent && *m.sender != *viewer {
        return false;
    }
    match &m.target {
        Some(_) if st.faults.has(Fault::TargetIgnored) => true,
        Some(t) => *m.sender == *viewer || t.iter().any(|a| a == viewer),
        None => true,
    }
}

/// Reading messages: members and managers; non-members on PUBLIC channels (B-CH-04).
pub fn may_read(st: &AppInstanceState, ch: &Channel, r: Roles) -> Result<(), ApiError> {
    let open = ch.privacy == ChannelPrivacy::Public || st.faults.has(Fault::PrivateChannelReadable);
    if r.admin || r.moderator || r.member || open {
        Ok(())
    } else {
        Err(deny("read messages of this PRIVATE channel"))
    }
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, call};
    use serde_json::json;

    #[test]
    fn b_msg_02_size_limits_count_utf8_bytes() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let send = |content: String, kind: &str, metadata: Option<String>| {
            let mut input = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "Content": content,
                "Type": kind, "Persistence": "PERSISTENT", "ClientRequestToken": uuid::Uuid::new_v4().to_string()});
            if let Some(md) = metadata {
                input["Metadata"] = json!(md);
            }
            call(&fx.d, "SendChannelMessage", input)
        };
        assert!(send("a".repeat(4096), "STANDARD", None).is_ok());
        // 2049 two-byte characters = 4098 bytes
        let e = send("é".repeat(2049), "STANDARD", None).unwrap_err();
        assert_eq!(e.shape, "BadRequestException");
        assert!(send("x".into(), "STANDARD", Some("m".repeat(1024))).is_ok());
        assert!(send("x".into(), "STANDARD", Some("m".repeat(1025))).is_err());
        assert!(send("c".repeat(30), "CONTROL", None).is_ok());
        assert!(send("c".repeat(31), "CONTROL", None).is_err());
        assert!(send("c".into(), "CONTROL", Some("m".into())).is_err());
    }
}
