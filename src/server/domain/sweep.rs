//! The expiration sweep (B-EXP-02): channels and AppInstanceUsers are deleted one hour after
//! they expire, well inside the documented "within 6 hours". The server's background sweeper
//! and the test-control protocol both run it.

use super::channels::remove_channel;
use super::clock::ms;
use super::events::EventType;
use super::instances::{Domain, Shared, lock, read};
use super::push::push_channel;
use super::users::remove_user;
use crate::server::faults::Fault;
use std::collections::BTreeSet;

impl Domain {
    /// How long after its expiry an expired channel is deleted by the sweeper: one hour, well
    /// inside the documented "within 6 hours" (B-EXP-02).
    pub const EXPIRATION_LAG_SECONDS: f64 = 3600.0;

    /// Deletes the channels and AppInstanceUsers whose expiry +
    /// [`Self::EXPIRATION_LAG_SECONDS`] has passed, in one AppInstance or in all; returns their
    /// ARNs, channels first. Costs O(expired) per instance.
    pub fn sweep_expired(&self, app_instance_arn: Option<&str>) -> Vec<String> {
        let targets: Vec<Shared> = match app_instance_arn {
            Some(arn) => self.instance(arn).into_iter().collect(),
            None => read(&self.instances).values().cloned().collect(),
        };
        let mut deleted = Vec::new();
        if self.fault(Fault::ExpiredNeverDeleted) {
            return deleted;
        }
        for shared in targets {
            let mut st = lock(&shared);
            let now = self.now_of(&st);
            let limit = ms(now - Self::EXPIRATION_LAG_SECONDS);
            for arn in due(&st.expiry, limit) {
                // (assumed) An expired channel's deletion is pushed like DeleteChannel's.
                push_channel(self, &st, &arn, EventType::DeleteChannel);
                remove_channel(&mut st, &arn);
                deleted.push(arn);
            }
            for arn in due(&st.user_expiry, limit) {
                remove_user(&mut st, &arn);
                deleted.push(arn);
            }
        }
        deleted
    }
}

/// The resources of an expiry index due at `limit` (epoch ms), soonest first.
fn due(index: &BTreeSet<(i64, String)>, limit: i64) -> Vec<String> {
    index
        .iter()
        .take_while(|(t, _)| *t <= limit)
        .map(|(_, arn)| arn.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::server::domain::Domain;
    use crate::server::domain::fixture::{Fx, T0, expire};
    use serde_json::json;

    #[test]
    fn b_exp_01_02_06_settings_and_sweep_after_lag() {
        let fx = Fx::new();
        let ch = fx.channel(
            "alice",
            json!({"ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
        );
        let d = fx.ok(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(
            d["Channel"]["ExpirationSettings"],
            expire(1, "CREATED_TIMESTAMP")
        );
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
        // expired but within the lag: still there
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty());
        fx.d.advance_clock(&fx.inst, Domain::EXPIRATION_LAG_SECONDS)
            .unwrap();
        assert_eq!(fx.d.sweep_expired(None), vec![ch.clone()]);
        let e = fx.err(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert_eq!(e.shape, "NotFoundException");
        const { assert!(Domain::EXPIRATION_LAG_SECONDS < 6.0 * 3600.0) };
        assert_eq!(
            fx.d.now(&fx.inst).unwrap(),
            T0 + 86_400.0 + Domain::EXPIRATION_LAG_SECONDS
        );
    }

    #[test]
    fn expired_users_are_deleted_after_the_lag() {
        let fx = Fx::new();
        let erin = fx.expiring_user("erin", 2);
        let ch = fx.channel("alice", json!({"MemberArns": [erin]}));
        // Settings put later replace the first ones: one day from creation, not two.
        fx.ok(
            "PutAppInstanceUserExpirationSettings",
            json!({"AppInstanceUserArn": erin,
                   "ExpirationSettings": expire(1, "CREATED_TIMESTAMP")}),
        );
        fx.d.advance_clock(&fx.inst, 86_400.0).unwrap();
        assert!(
            fx.d.sweep_expired(Some(&fx.inst)).is_empty(),
            "within the lag"
        );
        fx.d.advance_clock(&fx.inst, Domain::EXPIRATION_LAG_SECONDS)
            .unwrap();
        assert_eq!(fx.d.sweep_expired(Some(&fx.inst)), vec![erin.clone()]);
        let e = fx.err(
            "DescribeAppInstanceUser",
            json!({"AppInstanceUserArn": erin}),
        );
        assert_eq!(e.shape, "NotFoundException");
        let members = fx.ok(
            "ListChannelMemberships",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice")}),
        );
        assert!(!members.to_string().contains("/user/erin"), "{members}");
        assert!(fx.d.sweep_expired(Some(&fx.inst)).is_empty(), "swept once");
    }
}
