//! The service models shipped inside the binary: their raw botocore JSON, and the newest
//! messaging and identity models parsed once.

use super::service_model::ServiceModel;
use std::sync::OnceLock;

pub const MESSAGING: &str =
    include_str!("../../model/chime-sdk-messaging-2021-05-15.botocore-1.44.8.json");
pub const IDENTITY: &str =
    include_str!("../../model/chime-sdk-identity-2021-04-20.botocore-1.44.8.json");
/// The last messaging model before the 2023-03-23 update.
pub const MESSAGING_1_29_97: &str =
    include_str!("../../model/chime-sdk-messaging-2021-05-15.botocore-1.29.97.json");
/// The messaging model of the 2023-03-23 update (channel expiration, content types).
pub const MESSAGING_1_29_98: &str =
    include_str!("../../model/chime-sdk-messaging-2021-05-15.botocore-1.29.98.json");

/// The newest messaging model, parsed once.
pub fn messaging() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        ServiceModel::from_json(MESSAGING).expect("embedded messaging model parses")
    })
}

/// The identity model, parsed once.
pub fn identity() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    MODEL.get_or_init(|| ServiceModel::from_json(IDENTITY).expect("embedded identity model parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_models_have_the_published_operation_counts() {
        assert_eq!(messaging().operations.len(), 51);
        assert_eq!(identity().operations.len(), 30);
        let old = ServiceModel::from_json(MESSAGING_1_29_97).unwrap();
        let update = ServiceModel::from_json(MESSAGING_1_29_98).unwrap();
        assert_eq!(old.operations.len(), 50);
        assert_eq!(update.operations.len(), 51);
    }

    #[test]
    fn metadata_names_the_signing_service() {
        assert_eq!(messaging().metadata.signing_name, "chime");
        assert_eq!(messaging().metadata.endpoint_prefix, "messaging-chime");
        assert_eq!(identity().metadata.endpoint_prefix, "identity-chime");
        assert_eq!(messaging().metadata.protocol, "rest-json");
    }
}
