//! The version of the service models a run judges by, as reports and snapshots name it.

use crate::model;

/// The botocore release the embedded models come from (`model/*.botocore-<release>.json`).
pub const MODEL_RELEASE: &str = "1.44.8";

/// The models a run judged by: `chime-sdk-messaging 2021-05-15, chime-sdk-identity 2021-04-20
/// (botocore 1.44.8)`.
pub fn model_version() -> String {
    format!(
        "chime-sdk-messaging {}, chime-sdk-identity {} (botocore {MODEL_RELEASE})",
        model::messaging().metadata.api_version,
        model::identity().metadata.api_version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_version_names_the_files_the_models_come_from() {
        let v = model_version();
        assert!(
            v.starts_with("chime-sdk-messaging 2021-05-15, chime-sdk-identity 2021-04-20"),
            "{v}"
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model");
        for service in [
            "chime-sdk-messaging-2021-05-15",
            "chime-sdk-identity-2021-04-20",
        ] {
            let file = dir.join(format!("{service}.botocore-{MODEL_RELEASE}.json"));
            assert!(
                file.is_file(),
                "{} is what the binary embeds",
                file.display()
            );
        }
    }
}
