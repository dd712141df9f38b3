//! The model's enums that records hold, each with its wire names in one place.
//!
//! The HTTP layer has checked every enum member against the model before the domain sees the
//! input, so parsing here only turns a checked name into its variant; the unit test below holds
//! each list to the model's.

use super::error::ApiError;
#[cfg(test)]
use crate::model::Service;

/// An enum of the model, by the shape that lists its values.
pub trait WireEnum: Sized + Copy + 'static {
    /// The service whose model defines the shape, and the shape's name (read by the test that
    /// holds the names to the model).
    #[cfg(test)]
    const SERVICE: Service;
    #[cfg(test)]
    const SHAPE: &'static str;
    /// Every variant, in the model's order, and their wire names in the same order.
    const ALL: &'static [Self];
    const NAMES: &'static [&'static str];

    fn wire(self) -> &'static str;

    /// The variant named `value`; `member` names the input member in the error.
    fn parse(member: &str, value: &str) -> Result<Self, ApiError> {
        Self::NAMES
            .iter()
            .position(|n| *n == value)
            .map(|i| Self::ALL[i])
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{member} {value:?} is not one of {:?}",
                    Self::NAMES
                ))
            })
    }
}

/// Declares an enum of the model: its variants with their wire names, serialised by them.
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident = $service:ident::$shape:literal { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl WireEnum for $name {
            #[cfg(test)]
            const SERVICE: Service = Service::$service;
            #[cfg(test)]
            const SHAPE: &'static str = $shape;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const NAMES: &'static [&'static str] = &[$($wire),+];

            fn wire(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.wire())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.wire())
            }
        }
    };
}

wire_enum! {
    /// A message's `Type`.
    MessageType = Messaging::"ChannelMessageType" {
        Standard = "STANDARD",
        Control = "CONTROL",
    }
}

wire_enum! {
    /// A message's `Persistence`.
    MessagePersistence = Messaging::"ChannelMessagePersistenceType" {
        Persistent = "PERSISTENT",
        NonPersistent = "NON_PERSISTENT",
    }
}

wire_enum! {
    /// A message's `Status.Value`.
    MessageStatus = Messaging::"ChannelMessageStatus" {
        Sent = "SENT",
        Pending = "PENDING",
        Failed = "FAILED",
        Denied = "DENIED",
    }
}

wire_enum! {
    /// A channel's `Mode`: who may add members.
    ChannelMode = Messaging::"ChannelMode" {
        Unrestricted = "UNRESTRICTED",
        Restricted = "RESTRICTED",
    }
}

wire_enum! {
    /// A channel's `Privacy`: who may see it.
    ChannelPrivacy = Messaging::"ChannelPrivacy" {
        Public = "PUBLIC",
        Private = "PRIVATE",
    }
}

wire_enum! {
    /// A membership's `Type`.
    MembershipType = Messaging::"ChannelMembershipType" {
        Default = "DEFAULT",
        Hidden = "HIDDEN",
    }
}

wire_enum! {
    /// An AppInstanceUser endpoint's `Type`.
    EndpointType = Identity::"AppInstanceUserEndpointType" {
        Apns = "APNS",
        ApnsSandbox = "APNS_SANDBOX",
        Gcm = "GCM",
    }
}

wire_enum! {
    /// An AppInstanceUser endpoint's `AllowMessages`.
    AllowMessages = Identity::"AllowMessages" {
        All = "ALL",
        None = "NONE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ShapeKind;

    fn model_values<E: WireEnum>() -> Vec<String> {
        let shape = E::SERVICE
            .model()
            .shape(E::SHAPE)
            .unwrap_or_else(|| panic!("{} is a shape of the model", E::SHAPE));
        match &shape.kind {
            ShapeKind::String(s) => s.enum_values.clone().unwrap_or_default(),
            other => panic!("{} is not a string enum: {other:?}", E::SHAPE),
        }
    }

    fn check<E: WireEnum + std::fmt::Debug + PartialEq + serde::Serialize>() {
        let names: Vec<String> = E::NAMES.iter().map(|n| n.to_string()).collect();
        assert_eq!(names, model_values::<E>(), "{}", E::SHAPE);
        assert_eq!(E::ALL.len(), E::NAMES.len(), "{}", E::SHAPE);
        for (variant, name) in E::ALL.iter().zip(E::NAMES) {
            assert_eq!(variant.wire(), *name);
            assert_eq!(E::parse("M", name), Ok(*variant));
            assert_eq!(serde_json::json!(variant), serde_json::json!(name));
        }
    }

    #[test]
    fn every_enum_has_the_wire_names_the_model_lists() {
        check::<MessageType>();
        check::<MessagePersistence>();
        check::<MessageStatus>();
        check::<ChannelMode>();
        check::<ChannelPrivacy>();
        check::<MembershipType>();
        check::<EndpointType>();
        check::<AllowMessages>();
    }

    #[test]
    fn enums_serialise_and_refuse_by_their_wire_names() {
        assert_eq!(
            serde_json::json!({"Type": MessageType::Control}),
            serde_json::json!({"Type": "CONTROL"})
        );
        assert_eq!(MessageStatus::Pending.to_string(), "PENDING");
        let e = MessageType::parse("Type", "LOUD").unwrap_err();
        assert_eq!(e.shape, "BadRequestException");
        assert_eq!(
            e.message,
            r#"Type "LOUD" is not one of ["STANDARD", "CONTROL"]"#
        );
    }
}
