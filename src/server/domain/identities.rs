//! The users and bots that inputs and answers name by ARN: the model's Identity shape, and the
//! check that an ARN in an input names one (B-AUTH-04).

use super::error::ApiError;
use super::records::AppInstanceState;
use serde_json::Value;

/// `{Arn, Name}` of a user or bot (the model's Identity shape).
pub fn identity_of(st: &AppInstanceState, arn: &str) -> Value {
    let name = match st.users.get(arn) {
        Some(u) => Some(&u.name),
        None => st.bots.get(arn).and_then(|b| b.name.as_ref()),
    };
    let mut o = serde_json::Map::with_capacity(2);
    o.insert("Arn".into(), Value::String(arn.to_owned()));
    if let Some(n) = name {
        o.insert("Name".into(), Value::String(n.clone()));
    }
    Value::Object(o)
}

/// B-AUTH-04 (observed): a user ARN in the body that names no user or bot is refused.
pub fn require_identity(st: &AppInstanceState, arn: &str) -> Result<(), ApiError> {
    if st.users.contains_key(arn) || st.bots.contains_key(arn) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "{arn} is not an AppInstanceUser or AppInstanceBot of {}",
            st.arn
        )))
    }
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::Fx;
    use serde_json::json;

    #[test]
    fn b_auth_04_invalid_user_arn_in_body_is_forbidden() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        let e = fx.err(
            "CreateChannelMembership",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "MemberArn": fx.user("ghost"), "Type": "DEFAULT"}),
        );
        assert_eq!(e.shape, "ForbiddenException");
        let e = fx.err(
            "CreateChannel",
            json!({"AppInstanceArn": fx.inst, "Name": "x", "ChimeBearer": fx.user("alice"),
                   "ClientRequestToken": "t-ghost", "MemberArns": [fx.user("ghost")]}),
        );
        assert_eq!(e.shape, "ForbiddenException");
    }
}
