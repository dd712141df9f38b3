//! SigV4 query presigning of a connect URL (B-WS-02): the signature travels in the query
//! (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
//! `X-Amz-SignedHeaders=host`, `X-Amz-Security-Token` for temporary credentials,
//! `X-Amz-Signature`), every query parameter already in the URL is signed with it, and the
//! payload hash is that of an empty body, as amazon-chime-sdk-js signs.

use crate::wire::error::WireError;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use std::time::{Duration, SystemTime};

/// How long a presigned connect URL is valid: the URL is used at once, so briefly
/// (amazon-chime-sdk-js signs for 10 seconds too).
pub const EXPIRES: Duration = Duration::from_secs(10);

/// Appends the SigV4 query parameters to `url`, signing for `host` = the URL's host and port
/// as the client dials them.
pub fn presign(
    url: &mut reqwest::Url,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
    expires: Duration,
) -> Result<(), WireError> {
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => {
            return Err(WireError::BadEndpoint {
                url: url.to_string(),
                reason: "no host".into(),
            });
        }
    }
    .to_ascii_lowercase();
    let identity = credentials.clone().into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(expires);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| WireError::Sign(e.to_string()))?
        .into();
    let signable = SignableRequest::new(
        "GET",
        url.as_str(),
        std::iter::once(("host", host.as_str())),
        SignableBody::Bytes(&[]),
    )
    .map_err(|e| WireError::Sign(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| WireError::Sign(e.to_string()))?
        .into_parts();
    let mut query = url.query_pairs_mut();
    for (name, value) in instructions.params() {
        query.append_pair(name, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::UNIX_EPOCH;

    fn query(url: &reqwest::Url) -> BTreeMap<String, String> {
        url.query_pairs().into_owned().collect()
    }

    /// The `get-vanilla` case of the AWS SigV4 test suite, presigned (as shipped with
    /// aws-sigv4 in aws-signing-test-suite/v4/get-vanilla/query-signature.txt): the same
    /// empty-body hash, `host` alone signed.
    #[test]
    fn presigns_the_published_get_vanilla_vector() {
        let creds = Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        );
        let mut url: reqwest::Url = "https://example.amazonaws.com/".parse().unwrap();
        // 2015-08-30T12:36:00Z
        let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        presign(
            &mut url,
            &creds,
            "us-east-1",
            "service",
            time,
            Duration::from_secs(3600),
        )
        .unwrap();
        let q = query(&url);
        assert_eq!(
            q["X-Amz-Signature"],
            "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"
        );
        assert_eq!(
            q["X-Amz-Credential"],
            "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"
        );
        assert_eq!(q["X-Amz-Date"], "20150830T123600Z");
        assert_eq!(q["X-Amz-Expires"], "3600");
        assert_eq!(q["X-Amz-SignedHeaders"], "host");
        assert_eq!(q["X-Amz-Algorithm"], "AWS4-HMAC-SHA256");
    }

    #[test]
    fn the_session_parameters_and_the_token_are_signed_for_chime() {
        let creds = Credentials::new("AKID", "secret", Some("token".into()), None, "test");
        let sign_with = |user: &str| {
            let mut url: reqwest::Url = "wss://h.example:8443/connect".parse().unwrap();
            url.query_pairs_mut()
                .append_pair("userArn", user)
                .append_pair("sessionId", "s");
            let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
            presign(&mut url, &creds, "eu-west-1", "chime", time, EXPIRES).unwrap();
            url
        };
        let url = sign_with("arn:aws:chime:eu-west-1:1:app-instance/a/user/u");
        let q = query(&url);
        assert_eq!(
            q["userArn"],
            "arn:aws:chime:eu-west-1:1:app-instance/a/user/u"
        );
        assert_eq!(q["X-Amz-Security-Token"], "token");
        assert_eq!(q["X-Amz-Expires"], "10");
        assert!(q["X-Amz-Credential"].ends_with("/eu-west-1/chime/aws4_request"));
        // The user is covered by the signature: another user, another signature.
        let other = query(&sign_with(
            "arn:aws:chime:eu-west-1:1:app-instance/a/user/v",
        ));
        assert_ne!(q["X-Amz-Signature"], other["X-Amz-Signature"]);
    }
}
