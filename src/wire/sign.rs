//! SigV4 signing and where the credentials come from.
//!
//! Credentials follow the standard AWS sources (environment, shared profile, then the rest of
//! aws-config's default chain), resolved with a short timeout. A loopback endpoint with nothing
//! configured gets placeholder credentials: a local target cannot check a real signature, and
//! a harness run must not need an AWS account.

use super::error::{WireError, error_chain};
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use std::net::IpAddr;
use std::time::{Duration, SystemTime};
use tracing::instrument::WithSubscriber;

/// How long resolving credentials may take before the call gives up.
pub const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(5);

/// The access key used against a local target when nothing is configured.
pub const PLACEHOLDER_ACCESS_KEY: &str = "AKIDCONFORMANCE";
const PLACEHOLDER_SECRET: &str = "conformance-placeholder-secret";

/// Signs the request in place: adds `x-amz-date`, `Authorization` (and
/// `x-amz-security-token` for temporary credentials). The request URI must be absolute and every
/// header to be signed (host included) already set.
pub fn sign_request(
    req: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), WireError> {
    // The signer copies these into headers and panics on values a header cannot carry.
    let printable = |s: &str| s.bytes().all(|b| (0x20..0x7f).contains(&b));
    if !printable(credentials.access_key_id()) || !credentials.session_token().is_none_or(printable)
    {
        return Err(WireError::Credentials(
            "the access key id or session token has characters a header cannot carry".into(),
        ));
    }
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| WireError::Sign(e.to_string()))?
        .into();
    let uri = req.uri().to_string();
    let mut headers = Vec::with_capacity(req.headers().len());
    for (name, value) in req.headers() {
        let value = value
            .to_str()
            .map_err(|_| WireError::Sign(format!("header {name} is not visible ASCII")))?;
        headers.push((name.as_str(), value));
    }
    let signable = SignableRequest::new(
        req.method().as_str(),
        uri.as_str(),
        headers.into_iter(),
        SignableBody::Bytes(req.body()),
    )
    .map_err(|e| WireError::Sign(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| WireError::Sign(e.to_string()))?
        .into_parts();
    instructions.apply_to_request_http1x(req);
    Ok(())
}

/// Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost).
pub fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

pub fn placeholder() -> Credentials {
    Credentials::new(
        PLACEHOLDER_ACCESS_KEY,
        PLACEHOLDER_SECRET,
        None,
        None,
        "conformance-placeholder",
    )
}

/// Resolves credentials for a call. For a loopback endpoint only the local sources are asked
/// (environment, profile files), and their absence means placeholder credentials.
pub async fn resolve(region: &str, loopback: bool) -> Result<Credentials, WireError> {
    if loopback {
        let env = aws_config::environment::EnvironmentVariableCredentialsProvider::new();
        if let Ok(c) = env.provide_credentials().await {
            return Ok(c);
        }
        if profile_configured() {
            let profile = aws_config::profile::ProfileFileCredentialsProvider::builder().build();
            if let Ok(Ok(c)) =
                tokio::time::timeout(CREDENTIALS_TIMEOUT, profile.provide_credentials()).await
            {
                return Ok(c);
            }
        }
        return Ok(placeholder());
    }
    let lookup = async {
        let chain = aws_config::default_provider::credentials::DefaultCredentialsChain::builder()
            .region(aws_config::Region::new(region.to_owned()))
            .build()
            .await;
        chain.provide_credentials().await
    };
    // The chain warns about every source it tried; the error below already says what failed,
    // so those warnings only show when logging is asked for.
    let lookup = if std::env::var_os("RUST_LOG").is_some() {
        tokio::time::timeout(CREDENTIALS_TIMEOUT, lookup).await
    } else {
        let quiet = tracing::subscriber::NoSubscriber::default();
        tokio::time::timeout(CREDENTIALS_TIMEOUT, lookup.with_subscriber(quiet)).await
    };
    match lookup {
        Ok(Ok(c)) => Ok(c),
        Ok(Err(e)) => Err(WireError::Credentials(format!(
            "no AWS credentials found (environment, profile, container, instance): {}",
            error_chain(&e)
        ))),
        Err(_) => Err(WireError::Credentials(format!(
            "resolving AWS credentials took longer than {}s",
            CREDENTIALS_TIMEOUT.as_secs()
        ))),
    }
}

/// A profile is configured when one is named or a shared config/credentials file exists.
fn profile_configured() -> bool {
    if std::env::var_os("AWS_PROFILE").is_some() {
        return true;
    }
    let files = [
        std::env::var_os("AWS_SHARED_CREDENTIALS_FILE").map(std::path::PathBuf::from),
        std::env::var_os("AWS_CONFIG_FILE").map(std::path::PathBuf::from),
        std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".aws/credentials")),
        std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".aws/config")),
    ];
    files.into_iter().flatten().any(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// The `get-vanilla` case of the AWS SigV4 test suite (as shipped with aws-sigv4 in
    /// aws-signing-test-suite/v4/get-vanilla).
    #[test]
    fn signs_the_published_get_vanilla_vector() {
        let creds = Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        );
        let mut req = http::Request::builder()
            .method("GET")
            .uri("https://example.amazonaws.com/")
            .header("host", "example.amazonaws.com")
            .body(Vec::new())
            .unwrap();
        // 2015-08-30T12:36:00Z
        let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        sign_request(&mut req, &creds, "us-east-1", "service", time).unwrap();
        assert_eq!(req.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            req.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn a_different_secret_gives_a_different_signature() {
        let creds = Credentials::new("AKIDEXAMPLE", "other", None, None, "test");
        let mut req = http::Request::builder()
            .uri("https://example.amazonaws.com/")
            .header("host", "example.amazonaws.com")
            .body(Vec::new())
            .unwrap();
        let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        sign_request(&mut req, &creds, "us-east-1", "service", time).unwrap();
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(!auth.contains("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    #[test]
    fn signs_the_chime_service_with_temporary_credentials() {
        let creds = Credentials::new("AKID", "secret", Some("token".into()), None, "test");
        let mut req = http::Request::builder()
            .method("POST")
            .uri("https://messaging-chime.us-east-1.amazonaws.com/channels/arn%3Aaws%3Ax")
            .header("host", "messaging-chime.us-east-1.amazonaws.com")
            .header(
                "x-amz-chime-bearer",
                "arn:aws:chime:us-east-1:1:app-instance/a/user/u",
            )
            .body(b"{}".to_vec())
            .unwrap();
        sign_request(&mut req, &creds, "eu-west-1", "chime", SystemTime::now()).unwrap();
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("/eu-west-1/chime/aws4_request"), "{auth}");
        assert!(auth.contains("x-amz-chime-bearer"), "{auth}");
        assert_eq!(req.headers()["x-amz-security-token"], "token");
    }

    #[test]
    fn unprintable_credentials_are_refused_not_a_panic() {
        let creds = Credentials::new("AKID", "s", Some("tok\n".into()), None, "test");
        let mut req = http::Request::builder()
            .uri("https://example.amazonaws.com/")
            .header("host", "example.amazonaws.com")
            .body(Vec::new())
            .unwrap();
        let e = sign_request(&mut req, &creds, "us-east-1", "chime", SystemTime::now());
        assert!(matches!(e, Err(WireError::Credentials(_))), "{e:?}");
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        let yes = [
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:9000/",
            "http://localhost:1",
            "http://LOCALHOST",
        ];
        for u in yes {
            assert!(is_loopback(&u.parse().unwrap()), "{u}");
        }
        let no = [
            "https://messaging-chime.us-east-1.amazonaws.com",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
        ];
        for u in no {
            assert!(!is_loopback(&u.parse().unwrap()), "{u}");
        }
    }
}
