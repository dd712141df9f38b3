//! The sets of operations a rule governs, read from the model: which take the bearer header,
//! which name a channel in their path. Nothing here is a list typed by hand.

use crate::model::{Location, Operation, Service};

/// An operation of either service, by the name a step accepts (`identity:TagResource` where
/// both services have the name).
#[derive(Debug, Clone, Copy)]
pub struct Op {
    pub service: Service,
    pub operation: &'static Operation,
}

impl Op {
    pub fn name(&self) -> String {
        let other = Service::ALL.into_iter().find(|s| *s != self.service);
        let shared = other.is_some_and(|o| o.model().operations.contains_key(&self.operation.name));
        if shared {
            format!("{}:{}", self.service.slug(), self.operation.name)
        } else {
            self.operation.name.clone()
        }
    }

    /// Whether the model lists the error shape for the operation.
    pub fn lists(&self, error: &str) -> bool {
        self.operation.errors.iter().any(|e| e == error)
    }

    /// Whether a call must name a resource by its ARN (besides the caller): only then does the
    /// call belong to an AppInstance other than the caller's own.
    pub fn names_a_resource(&self) -> bool {
        self.service
            .model()
            .input_structure(self.operation)
            .is_some_and(|st| {
                st.members
                    .keys()
                    .any(|n| n != "ChimeBearer" && n.ends_with("Arn") && st.is_required(n))
            })
    }

    fn has_member(&self, pred: impl Fn(&str, &Location) -> bool) -> bool {
        self.service
            .model()
            .input_structure(self.operation)
            .is_some_and(|st| st.members.values().any(|m| pred(&m.name, &m.location)))
    }
}

/// Every operation of both services, by service then name.
pub fn all() -> Vec<Op> {
    Service::ALL
        .into_iter()
        .flat_map(|service| {
            service
                .model()
                .operations
                .values()
                .map(move |operation| Op { service, operation })
        })
        .collect()
}

/// The operations whose input has the `x-amz-chime-bearer` header: they name their caller
/// (B-AUTH-01; the model marks it optional on two of them, the service still wants it).
pub fn bearer() -> Vec<Op> {
    all()
        .into_iter()
        .filter(|op| {
            op.has_member(|_, l| matches!(l, Location::Header(h) if h.eq_ignore_ascii_case("x-amz-chime-bearer")))
        })
        .collect()
}

/// The operations that name a channel in their path.
pub fn channel() -> Vec<Op> {
    all()
        .into_iter()
        .filter(|op| op.has_member(|name, l| name == "ChannelArn" && matches!(l, Location::Uri(_))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ops: Vec<Op>) -> Vec<String> {
        ops.iter().map(Op::name).collect()
    }

    #[test]
    fn the_sets_come_from_the_model() {
        assert_eq!(all().len(), 81);
        let bearer = names(bearer());
        assert!(bearer.contains(&"SendChannelMessage".to_string()));
        assert!(bearer.contains(&"PutChannelExpirationSettings".to_string()));
        // B-AUTH-02: no bearer on flows, streaming configurations, sessions, tags.
        for none in [
            "CreateChannelFlow",
            "GetMessagingSessionEndpoint",
            "messaging:TagResource",
        ] {
            assert!(!bearer.contains(&none.to_string()), "{none}");
        }
        let channel = names(channel());
        assert!(channel.contains(&"DescribeChannel".to_string()));
        assert!(!channel.contains(&"CreateChannel".to_string()));
        assert!(names(all()).contains(&"identity:TagResource".to_string()));
    }
}
