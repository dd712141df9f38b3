//! The target a run judges, known only by its endpoints.

/// The running target a run judges: a mock, an emulator, the reference server or the real
/// service. The runner asks it which test-control capabilities it offers.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The messaging endpoint, which serves the test-control protocol too when it offers it.
    pub url: String,
    /// The identity endpoint, when it is not the messaging endpoint's counterpart.
    pub identity_url: Option<String>,
}

impl Endpoint {
    /// An endpoint that serves both services (or the real service's messaging host).
    pub fn new(url: impl Into<String>) -> Endpoint {
        Endpoint {
            url: url.into(),
            identity_url: None,
        }
    }

    /// Where identity calls go: the identity endpoint given, else the real service's
    /// counterpart of a real messaging host, else the messaging endpoint itself.
    pub fn identity(&self) -> String {
        self.identity_url
            .clone()
            .or_else(|| identity_for(&self.url))
            .unwrap_or_else(|| self.url.clone())
    }
}

/// What kind of target a run judged, as reports and snapshot provenance name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TargetKind {
    /// The reference server this process started for the run.
    ReferenceServer,
    /// Any other endpoint: a mock, an emulator, a reference server started elsewhere.
    #[default]
    Endpoint,
    /// The real service (an `amazonaws.com` host).
    Aws,
}

impl TargetKind {
    /// The kind of `endpoint`; `embedded` when the run started the reference server itself.
    pub fn of(endpoint: &Endpoint, embedded: bool) -> TargetKind {
        if embedded {
            return TargetKind::ReferenceServer;
        }
        let host = endpoint
            .url
            .split_once("://")
            .map_or(endpoint.url.as_str(), |(_, rest)| rest)
            .split(['/', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn") {
            TargetKind::Aws
        } else {
            TargetKind::Endpoint
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::ReferenceServer => "reference-server",
            TargetKind::Endpoint => "endpoint",
            TargetKind::Aws => "aws",
        }
    }
}

/// The identity endpoint that goes with a real messaging endpoint
/// (`messaging-chime.<region>` -> `identity-chime.<region>`); other targets serve both.
pub fn identity_for(messaging_url: &str) -> Option<String> {
    messaging_url
        .contains("://messaging-chime.")
        .then(|| messaging_url.replacen("://messaging-chime.", "://identity-chime.", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_identity_host_is_derived_from_the_messaging_host() {
        assert_eq!(
            identity_for("https://messaging-chime.eu-central-1.amazonaws.com").as_deref(),
            Some("https://identity-chime.eu-central-1.amazonaws.com")
        );
        assert_eq!(identity_for("http://127.0.0.1:8080"), None);
    }

    #[test]
    fn the_real_service_is_told_by_its_host() {
        let kind = |url: &str| TargetKind::of(&Endpoint::new(url), false);
        assert_eq!(
            kind("https://messaging-chime.us-east-1.amazonaws.com"),
            TargetKind::Aws
        );
        assert_eq!(
            kind("http://127.0.0.1:8080/amazonaws.com"),
            TargetKind::Endpoint
        );
        assert_eq!(kind("http://localhost:4566"), TargetKind::Endpoint);
        assert_eq!(
            TargetKind::of(&Endpoint::new("http://127.0.0.1:1"), true),
            TargetKind::ReferenceServer
        );
    }
}
