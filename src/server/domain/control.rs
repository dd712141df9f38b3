//! What the test-control protocol reaches in the domain: an AppInstance's virtual clock, the
//! processor events of a channel's flow and whether a processor is reachable.

use super::error::ApiError;
use super::ids::{Kind, parse};
use super::instances::{Domain, lock, read, write};
use super::records::missing_channel;
use serde_json::Value;

impl Domain {
    /// Control: the AppInstance's current time (real time plus its virtual offset).
    pub fn now(&self, app_instance_arn: &str) -> Result<f64, ApiError> {
        let shared = self.instance(app_instance_arn)?;
        let st = lock(&shared);
        Ok(self.now_of(&st))
    }

    /// Control: moves the AppInstance's clock forward by `seconds`; returns the new time.
    pub fn advance_clock(&self, app_instance_arn: &str, seconds: f64) -> Result<f64, ApiError> {
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(ApiError::bad_request(format!(
                "the clock only moves forward; {seconds} is not a number of seconds >= 0"
            )));
        }
        let shared = self.instance(app_instance_arn)?;
        let mut st = lock(&shared);
        st.clock_offset += seconds;
        Ok(self.now_of(&st))
    }

    /// Control: the processor events recorded for a channel's flow, oldest first.
    pub fn flow_events(&self, channel_arn: &str) -> Result<Vec<Value>, ApiError> {
        let scope = parse(channel_arn)
            .filter(|a| a.kind == Kind::Channel)
            .ok_or_else(|| missing_channel(channel_arn))?;
        let shared = self.instance(scope.app_instance)?;
        let st = lock(&shared);
        st.channels
            .get(channel_arn)
            .map(|c| c.flow_events.clone())
            .ok_or_else(|| missing_channel(channel_arn))
    }

    /// Control: makes a processor (Lambda ARN) reachable or not.
    pub fn set_processor_reachable(&self, processor_arn: &str, reachable: bool) {
        write(&self.reachable).insert(processor_arn.to_owned(), reachable);
    }

    /// Whether a processor is reachable: yes unless the control protocol said otherwise.
    pub(crate) fn processor_reachable(&self, processor_arn: &str) -> bool {
        read(&self.reachable)
            .get(processor_arn)
            .copied()
            .unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use crate::server::domain::Domain;
    use crate::server::domain::fixture::{Fx, T0};
    use std::sync::Arc;

    #[test]
    fn clocks_are_per_app_instance_and_move_forward_only() {
        let fx = Fx::new();
        let other = Fx::with(Domain::with_clock(Arc::new(|| T0)));
        assert_eq!(fx.d.advance_clock(&fx.inst, 100.0).unwrap(), T0 + 100.0);
        assert!(fx.d.advance_clock(&fx.inst, -1.0).is_err());
        assert_eq!(other.d.now(&other.inst).unwrap(), T0);
        assert_eq!(
            fx.d.now("arn:aws:chime:us-east-1:1:app-instance/none")
                .unwrap_err()
                .shape,
            "NotFoundException"
        );
    }
}
