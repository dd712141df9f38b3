//! Channel expiration (the 2023-03-23 update): the expiration settings of channels and
//! AppInstanceUsers, and each one's place in the expiry index the sweep reads
//! (B-EXP-01/03/04/05/06). Deleting what expired is the sweep's (`sweep.rs`, B-EXP-02).

use super::access::{deny, target};
use super::clock::ms;
use super::context::{Ctx, Handler};
use super::error::ApiError;
use super::output::compact;
use super::records::AppInstanceState;
use crate::server::faults::Fault;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("PutChannelExpirationSettings", put_expiration);
    t.insert("PutAppInstanceUserExpirationSettings", put_user_expiration);
}

/// Recomputes a channel's place in the expiry index from its settings (B-EXP-01/03/05).
pub fn set_expiry(st: &mut AppInstanceState, arn: &str) {
    let Some(ch) = st.channels.get_mut(arn) else {
        return;
    };
    if let Some(k) = ch.expiry_key.take() {
        st.expiry.remove(&(k, arn.to_owned()));
    }
    let Some(exp) = ch.expiration.as_ref().or(ch.removed_expiration.as_ref()) else {
        return;
    };
    let days = exp
        .get("ExpirationDays")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let base = match exp.get("ExpirationCriterion").and_then(Value::as_str) {
        Some("LAST_MESSAGE_TIMESTAMP") if !st.faults.has(Fault::LastMessageIgnored) => {
            ch.last_message.unwrap_or(ch.created)
        }
        _ => ch.created,
    };
    let day = if st.faults.has(Fault::ExpirationDaysAsHours) {
        3_600.0
    } else {
        86_400.0
    };
    let key = ms(base + days * day);
    ch.expiry_key = Some(key);
    st.expiry.insert((key, arn.to_owned()));
}

/// Records that a message was sent: last-message time (of a persistent one too when it is)
/// and, for LAST_MESSAGE_TIMESTAMP, a later expiry (B-EXP-05).
pub fn message_sent(st: &mut AppInstanceState, arn: &str, now: f64, persistent: bool) {
    if let Some(ch) = st.channels.get_mut(arn) {
        ch.last_message = Some(now);
        if persistent {
            ch.last_persistent_message = Some(now);
        }
    }
    set_expiry(st, arn);
}

fn put_expiration(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, _, r) = target(cx)?;
    // (assumed) Expiration is managed by moderators and admins, like UpdateChannel.
    if !r.manager() {
        return Err(deny("change this channel's expiration"));
    }
    let settings = cx.args.opt_value("ExpirationSettings").cloned();
    let now = cx.now;
    let ch = cx.st.channel_mut(&arn)?;
    // B-EXP-04: no settings removes them. B-EXP-03: new settings are honoured even when the
    // channel already expired and was not yet deleted.
    let had = ch.expiration.take();
    if settings.is_none() && cx.d.fault(Fault::RemovedExpirationApplied) {
        ch.removed_expiration = had;
    } else {
        ch.removed_expiration = None;
    }
    ch.expiration = settings.clone();
    ch.updated = now;
    let stale = ch.expiry_key.is_some() && settings.is_some();
    if !(stale && cx.d.fault(Fault::ExpirationUpdateIgnored)) {
        set_expiry(cx.st, &arn);
    }
    let echoed = settings.filter(|_| !cx.d.fault(Fault::ExpirationNotEchoed));
    Ok(compact(
        json!({"ChannelArn": arn, "ExpirationSettings": echoed}),
    ))
}

/// Recomputes a user's place in the expiry index. A user's expiration counts from its creation
/// (CREATED_TIMESTAMP is the only criterion the model allows for users, B-EXP-05).
pub fn set_user_expiry(st: &mut AppInstanceState, arn: &str) {
    let Some(u) = st.users.get_mut(arn) else {
        return;
    };
    if let Some(key) = u.expiry_key.take() {
        st.user_expiry.remove(&(key, arn.to_owned()));
    }
    let Some(days) = u
        .expiration
        .as_ref()
        .and_then(|e| e.get("ExpirationDays"))
        .and_then(Value::as_f64)
    else {
        return;
    };
    let key = ms(u.created + days * 86_400.0);
    u.expiry_key = Some(key);
    st.user_expiry.insert((key, arn.to_owned()));
}

fn put_user_expiration(cx: &mut Ctx) -> Result<Value, ApiError> {
    let settings = cx.args.opt_value("ExpirationSettings").cloned();
    let now = cx.now;
    let u = cx.st.user_mut(cx.args.str("AppInstanceUserArn")?)?;
    u.expiration = settings.clone();
    u.updated = now;
    let arn = u.arn.clone();
    set_user_expiry(cx.st, &arn);
    Ok(compact(
        json!({"AppInstanceUserArn": arn, "ExpirationSettings": settings}),
    ))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, expire};
    use serde_json::json;

    #[test]
    fn b_exp_03_expired_channel_stays_active_and_new_settings_are_honoured() {
        let fx = Fx::new();
        let ch = fx.channel(
            "alice",
            json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
        );
        fx.d.advance_clock(&fx.inst, 86_400.0 + 60.0).unwrap();
        // expired, not yet deleted: active
        fx.send(&ch, "alice", "still here");
        let p = fx.ok(
            "PutChannelExpirationSettings",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "ExpirationSettings": expire(3, "CREATED_TIMESTAMP")}),
        );
        assert_eq!(p["ExpirationSettings"], expire(3, "CREATED_TIMESTAMP"));
        fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        fx.d.advance_clock(&fx.inst, 86_400.0 + 3_600.0).unwrap();
        assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![ch]);
    }

    #[test]
    fn b_exp_04_put_without_settings_removes_them() {
        let fx = Fx::new();
        let ch = fx.channel(
            "alice",
            json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
        );
        let p = fx.ok(
            "PutChannelExpirationSettings",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert!(p.get("ExpirationSettings").is_none());
        fx.d.advance_clock(&fx.inst, 30.0 * 86_400.0).unwrap();
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        let d = fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert!(d["Channel"].get("ExpirationSettings").is_none());
    }

    #[test]
    fn b_exp_05_last_message_pushes_expiry_back() {
        let fx = Fx::new();
        let ch = fx.channel(
            "alice",
            json!({"ExpirationSettings": expire(1, "LAST_MESSAGE_TIMESTAMP")}),
        );
        fx.d.advance_clock(&fx.inst, 80_000.0).unwrap();
        fx.send(&ch, "alice", "keep alive");
        fx.d.advance_clock(&fx.inst, 20_000.0).unwrap();
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        fx.d.advance_clock(&fx.inst, 70_000.0).unwrap();
        assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![ch]);
    }

    #[test]
    fn user_expiration_settings_are_kept_and_shown() {
        let fx = Fx::new();
        let settings = json!({"ExpirationCriterion": "CREATED_TIMESTAMP", "ExpirationDays": 3});
        fx.ok(
            "PutAppInstanceUserExpirationSettings",
            json!({"AppInstanceUserArn": fx.user("bob"), "ExpirationSettings": settings}),
        );
        let u = fx.ok(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": fx.user("bob")}),
        );
        assert_eq!(u["AppInstanceUser"]["ExpirationSettings"], settings);
    }

    #[test]
    fn users_without_expiration_settings_stay() {
        let fx = Fx::new();
        let erin = fx.expiring_user("erin", 1);
        // A Put without settings removes them (as for channels, B-EXP-04).
        fx.ok(
            "PutAppInstanceUserExpirationSettings",
            json!({"AppInstanceUserArn": erin}),
        );
        fx.d.advance_clock(&fx.inst, 30.0 * 86_400.0).unwrap();
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        fx.ok(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": erin}),
        );
    }
}
