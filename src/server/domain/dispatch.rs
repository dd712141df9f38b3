//! The dispatch tables: operation name -> handler, for the operations on the whole domain and
//! for those scoped to one AppInstance.

use super::admins;
use super::app_instances;
use super::args::Args;
use super::bots;
use super::channels;
use super::context::Handler;
use super::elastic;
use super::error::ApiError;
use super::expiration;
use super::flow_processing;
use super::flows;
use super::instances::Domain;
use super::listing;
use super::member_settings;
use super::memberships;
use super::messages;
use super::roster;
use super::sessions::session_endpoint;
use super::streaming;
use super::tags;
use super::user_endpoints;
use super::user_views;
use super::users;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// An operation on the whole domain: it names no AppInstance to lock, or makes or removes one.
pub type DomainHandler = fn(&Domain, &Args) -> Result<Value, ApiError>;

/// The handler of an operation on the whole domain, if `operation` is one.
pub fn domain_handler(operation: &str) -> Option<DomainHandler> {
    Some(match operation {
        "CreateAppInstance" => Domain::create_app_instance,
        "ListAppInstances" => Domain::list_app_instances,
        "DeleteAppInstance" => Domain::delete_app_instance,
        "GetMessagingSessionEndpoint" => session_endpoint,
        _ => return None,
    })
}

/// Operation name -> handler, for every operation scoped to an AppInstance.
pub fn table() -> &'static HashMap<&'static str, Handler> {
    static TABLE: OnceLock<HashMap<&'static str, Handler>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, Handler> = HashMap::new();
        for register in [
            app_instances::register,
            users::register,
            bots::register,
            admins::register,
            user_endpoints::register,
            tags::register,
            channels::register,
            memberships::register,
            roster::register,
            elastic::register,
            user_views::register,
            member_settings::register,
            expiration::register,
            messages::register,
            listing::register,
            flows::register,
            flow_processing::register,
            streaming::register,
        ] {
            register(&mut t);
        }
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use std::collections::BTreeSet;

    #[test]
    fn every_modelled_operation_has_a_handler() {
        let mut missing = BTreeSet::new();
        for svc in model::Service::ALL {
            for name in svc.model().operations.keys() {
                let handled =
                    table().contains_key(name.as_str()) || domain_handler(name.as_str()).is_some();
                if !handled {
                    missing.insert(name.clone());
                }
            }
        }
        assert!(missing.is_empty(), "no handler for {missing:?}");
    }
}
