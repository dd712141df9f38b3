//! Who may do what on a channel: the caller's roles there, which add up (roles.md), and the
//! refusal when they do not suffice (B-AUTH-05/06).

use super::context::Ctx;
use super::error::ApiError;
use super::records::{AppInstanceState, Channel};
use crate::server::faults::Fault;

/// The caller's roles on one channel; roles add up (roles.md).
#[derive(Debug, Clone, Copy)]
pub struct Roles {
    pub admin: bool,
    pub moderator: bool,
    pub member: bool,
}

impl Roles {
    pub fn manager(self) -> bool {
        self.admin || self.moderator
    }
}

pub fn roles(st: &AppInstanceState, ch: &Channel, caller: &str) -> Roles {
    Roles {
        admin: st.admins.contains_key(caller),
        moderator: ch.moderators.contains_key(caller),
        member: ch.members.contains_key(caller),
    }
}

pub fn deny(what: &str) -> ApiError {
    ApiError::forbidden(format!("the caller is not allowed to {what}"))
}

/// The channel named by `ChannelArn`, the caller, and the caller's roles on it.
pub fn target(cx: &Ctx) -> Result<(String, String, Roles), ApiError> {
    let caller = cx.caller()?;
    let arn = cx.args.str("ChannelArn")?.to_owned();
    let ch = cx.st.channel(&arn)?;
    let mut r = roles(cx.st, ch, &caller);
    if cx.d.fault(Fault::MemberActsAsModerator) && r.member {
        r.moderator = true;
    }
    Ok((arn, caller, r))
}

/// The channel named by `ChannelArn`, when the caller manages it (a moderator or an
/// AppInstanceAdmin); else a refusal to do `what`.
pub fn manager_target(cx: &Ctx, what: &str) -> Result<String, ApiError> {
    let (arn, _, r) = target(cx)?;
    if r.manager() {
        Ok(arn)
    } else {
        Err(deny(what))
    }
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn b_auth_05_06_role_matrix() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({"Privacy": "PRIVATE"}));
        fx.join(&ch, "alice", "bob");
        // non-member of a PRIVATE channel
        let e = fx.err(
            "ListChannelMessages",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("carol")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        // member doing a moderator's act
        let e = fx.err(
            "UpdateChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "Name": "n"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let e = fx.err(
            "DeleteChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        // admins must be members before they send
        let e = fx.err(
            "SendChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "Content": "x", "Type": "STANDARD",
                   "Persistence": "PERSISTENT", "ClientRequestToken": "t-adm"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        // only an admin deletes messages; members update only their own
        let id = fx.send(&ch, "bob", "hi")["MessageId"]
            .as_str()
            .unwrap()
            .to_owned();
        let del = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id});
        assert_eq!(
            fx.err("DeleteChannelMessage", del).shape,
            "ForbiddenException"
        );
        let upd = json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id, "Content": "edit"});
        assert_eq!(
            fx.err("UpdateChannelMessage", upd).shape,
            "ForbiddenException"
        );
        // a member redacts only their own; a moderator redacts any
        let mine = fx.send(&ch, "alice", "mod msg")["MessageId"]
            .as_str()
            .unwrap()
            .to_owned();
        let red = json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "MessageId": mine});
        assert_eq!(
            fx.err("RedactChannelMessage", red).shape,
            "ForbiddenException"
        );
        fx.ok(
            "RedactChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MessageId": id}),
        );
        fx.ok(
            "DeleteChannelMessage",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin"), "MessageId": id}),
        );
        // admin sees PRIVATE channel; member may not moderate
        fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("admin")}),
        );
        let e = fx.err(
            "CreateChannelModerator",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("bob"), "ChannelModeratorArn": fx.user("bob")}),
        );
        assert_eq!(e.shape, "ForbiddenException");
    }
}
