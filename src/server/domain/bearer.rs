//! Who the caller is: the `x-amz-chime-bearer` header (`ChimeBearer`) of the operations that
//! have one (B-AUTH-01/03). The missing-bearer rule is defined here once; the HTTP layer and
//! the domain's own pipeline both apply it.

use super::args::Args;
use super::error::ApiError;
use super::instances::Domain;
use super::records::AppInstanceState;
use crate::model::Structure;
use crate::server::faults::Fault;
use serde_json::{Map, Value};

/// The member naming the caller; the model binds it to the `x-amz-chime-bearer` header.
const BEARER: &str = "ChimeBearer";

/// The answer to a call without a bearer on an operation that takes one.
pub fn missing_bearer() -> ApiError {
    ApiError::unauthorized(format!(
        "{BEARER} (the x-amz-chime-bearer header) is required: it names the caller"
    ))
}

/// B-AUTH-01/03: an operation whose input has a bearer member refuses a call without one,
/// before anything else is checked (the model marks the member optional on some operations,
/// PutChannelExpirationSettings among them, but the service still wants it).
pub fn require_bearer(input_shape: &Structure, input: &Map<String, Value>) -> Result<(), ApiError> {
    let absent = input.get(BEARER).and_then(Value::as_str).is_none();
    if absent && input_shape.members.contains_key(BEARER) {
        return Err(missing_bearer());
    }
    Ok(())
}

/// The caller named by the input's bearer, checked to be a user or bot of the AppInstance
/// `scope` (B-AUTH-03, observed: an unknown bearer is an UnauthorizedClientException); `None`
/// for an operation without one.
pub fn known_bearer(
    d: &Domain,
    st: &AppInstanceState,
    args: &Args,
    scope: &str,
) -> Result<Option<String>, ApiError> {
    let foreign_taken =
        d.fault(Fault::ForeignBearerOnOneOperation) && args.op == "GetChannelMembershipPreferences";
    match args.map.get(BEARER).and_then(Value::as_str) {
        Some(b) if st.users.contains_key(b) || st.bots.contains_key(b) => Ok(Some(b.to_owned())),
        Some(b) if d.fault(Fault::BearerNotChecked) || foreign_taken => Ok(Some(b.to_owned())),
        Some(b) => Err(ApiError::unauthorized(format!(
            "bearer {b} is not an AppInstanceUser or AppInstanceBot of {scope}"
        ))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::require_bearer;
    use crate::model::Service;
    use crate::server::domain::fixture::Fx;
    use serde_json::{Map, Value, json};

    fn check(operation: &str, input: Value) -> Result<(), crate::server::domain::ApiError> {
        let model = Service::Messaging.model();
        let op = model.operation(operation).expect("a messaging operation");
        let shape = model.input_structure(op).expect("an input shape");
        let input: Map<String, Value> = input.as_object().cloned().unwrap_or_default();
        require_bearer(shape, &input)
    }

    #[test]
    fn the_bearer_is_required_wherever_the_input_has_one() {
        // The model marks it optional here; the service still wants it.
        let e = check("PutChannelExpirationSettings", json!({"ChannelArn": "arn"})).unwrap_err();
        assert_eq!(e.shape, "UnauthorizedClientException");
        assert_eq!(
            e.message,
            "ChimeBearer (the x-amz-chime-bearer header) is required: it names the caller"
        );
        let with = json!({"ChannelArn": "arn", "ChimeBearer": "arn:user"});
        assert!(check("PutChannelExpirationSettings", with).is_ok());
        // Channel-flow operations take no bearer (B-AUTH-02).
        assert!(check("DescribeChannelFlow", json!({"ChannelFlowArn": "arn"})).is_ok());
    }

    #[test]
    fn b_auth_03_missing_or_unknown_bearer_is_unauthorized() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let e = fx.err("DescribeChannel", json!({"ChannelArn": ch}));
        assert_eq!(e.shape, "UnauthorizedClientException");
        let e = fx.err(
            "DescribeChannel",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("nobody")}),
        );
        assert_eq!(e.shape, "UnauthorizedClientException");
        let e = fx.err(
            "SearchChannels",
            json!({"Fields": [{"Key": "MEMBERS", "Operator": "EQUALS", "Values": [fx.user("alice")]}]}),
        );
        assert_eq!(e.shape, "UnauthorizedClientException");
    }
}
