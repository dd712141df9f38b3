//! The two services of the API, by name, and finding an operation in either of them.

use super::embedded::{identity, messaging};
use super::operation::Operation;
use super::service_model::ServiceModel;
use std::fmt;

/// The two services the harness speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Messaging,
    Identity,
}

impl Service {
    pub const ALL: [Service; 2] = [Service::Messaging, Service::Identity];

    /// The embedded model of this service (the newest published version).
    pub fn model(self) -> &'static ServiceModel {
        match self {
            Service::Messaging => messaging(),
            Service::Identity => identity(),
        }
    }

    /// A short, stable name used in file names and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Service::Messaging => "messaging",
            Service::Identity => "identity",
        }
    }

    pub fn from_slug(s: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|svc| svc.slug() == s)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Finds an operation by name across both services. Names that exist in both services
/// (the tag operations) resolve to messaging unless prefixed, as in `identity:TagResource`.
pub fn find_operation(name: &str) -> Option<(Service, &'static Operation)> {
    if let Some((svc, op)) = name.split_once(':') {
        let svc = Service::from_slug(svc)?;
        return svc.model().operations.get(op).map(|o| (svc, o));
    }
    Service::ALL
        .into_iter()
        .find_map(|svc| svc.model().operations.get(name).map(|o| (svc, o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_operation_resolves_shared_names() {
        assert_eq!(find_operation("TagResource").unwrap().0, Service::Messaging);
        assert_eq!(
            find_operation("identity:TagResource").unwrap().0,
            Service::Identity
        );
        assert_eq!(
            find_operation("CreateAppInstance").unwrap().0,
            Service::Identity
        );
        assert!(find_operation("NoSuchOperation").is_none());
        assert!(find_operation("nosuch:TagResource").is_none());
    }
}
