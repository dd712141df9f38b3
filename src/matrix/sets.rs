//! The sets of operations a rule governs, read from the model: which take the bearer header,
//! which name a channel in their path. Nothing here is a list typed by hand.

use crate::model::{Location, Member, Operation, Service, ShapeKind};

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
                    .any(|n| n != "ChimeBearer" && is_arn(n) && st.is_required(n))
            })
    }

    fn has_member(&self, pred: impl Fn(&str, &Location) -> bool) -> bool {
        self.service
            .model()
            .input_structure(self.operation)
            .is_some_and(|st| st.members.values().any(|m| pred(&m.name, &m.location)))
    }
}

/// Whether a member's name says it holds an ARN (`ChannelArn`, `ResourceARN`).
fn is_arn(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("arn")
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

/// The list operations: those whose input has both MaxResults and NextToken.
pub fn paged() -> Vec<Op> {
    all()
        .into_iter()
        .filter(|op| {
            op.has_member(|m, _| m == "MaxResults") && op.has_member(|m, _| m == "NextToken")
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

/// The operations outside [`channel`] that name a resource by a required ARN member (besides
/// the caller), each with the first such member.
pub fn resource() -> Vec<(Op, String)> {
    let channel: Vec<String> = channel().iter().map(Op::name).collect();
    all()
        .into_iter()
        .filter(|op| !channel.contains(&op.name()))
        .filter_map(|op| {
            let st = op.service.model().input_structure(op.operation)?;
            let member = st
                .members
                .values()
                .find(|m| m.name != "ChimeBearer" && is_arn(&m.name) && st.is_required(&m.name))?;
            Some((op, member.name.clone()))
        })
        .collect()
}

/// An operation that takes a retry token, and the member a retry changes to conflict with it.
#[derive(Debug, Clone)]
pub struct Idempotent {
    pub op: Op,
    pub token: String,
    pub changed: String,
}

/// The operations whose ClientRequestToken is an idempotency token (ChannelFlowCallback's
/// CallbackId is one too, but names the callback a processor answers), each with
/// a plain string member to change on a retry: a required one where there is one. Operations
/// without such a member are left out.
pub fn idempotent() -> Vec<Idempotent> {
    all()
        .into_iter()
        .filter_map(|op| {
            let model = op.service.model();
            let st = model.input_structure(op.operation)?;
            let token = st
                .members
                .values()
                .find(|m| m.idempotency_token && m.name == "ClientRequestToken")?;
            let plain = |m: &&Member| {
                !m.idempotency_token
                    && !is_arn(&m.name)
                    && matches!(m.location, Location::Body { .. })
                    && matches!(
                        model.shape(&m.target).map(|s| &s.kind),
                        Some(ShapeKind::String(s)) if s.enum_values.is_none()
                    )
            };
            let mut candidates: Vec<_> = st.members.values().filter(plain).collect();
            candidates.sort_by_key(|m| !st.is_required(&m.name));
            let changed = candidates.first()?;
            Some(Idempotent {
                op,
                token: token.name.clone(),
                changed: changed.name.clone(),
            })
        })
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
        let resource: Vec<String> = resource().iter().map(|(op, _)| op.name()).collect();
        assert!(resource.contains(&"DescribeAppInstanceUser".to_string()));
        assert!(resource.contains(&"messaging:TagResource".to_string()));
        assert!(!resource.contains(&"DescribeChannel".to_string()));
        let idempotent: Vec<String> = idempotent().iter().map(|i| i.op.name()).collect();
        assert!(idempotent.contains(&"SendChannelMessage".to_string()));
        assert!(idempotent.contains(&"CreateAppInstanceUser".to_string()));
        assert!(!idempotent.contains(&"ChannelFlowCallback".to_string()));
    }
}
