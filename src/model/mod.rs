//! The official service models in memory: operations, shapes, HTTP bindings and errors.
//!
//! Everything per operation that the wire client, the schema generator and the reference
//! server need is read from here; nothing about an individual operation is typed by hand.

mod load;
pub mod sample;
mod uri;

pub use load::ModelError;
pub use uri::{Segment, UriMatch, UriTemplate};

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

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

/// The raw botocore JSON of the models shipped inside the binary.
pub mod embedded {
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
}

/// The newest messaging model, parsed once.
pub fn messaging() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        ServiceModel::from_json(embedded::MESSAGING).expect("embedded messaging model parses")
    })
}

/// The identity model, parsed once.
pub fn identity() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        ServiceModel::from_json(embedded::IDENTITY).expect("embedded identity model parses")
    })
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

/// One version of one service's model.
#[derive(Debug, Clone)]
pub struct ServiceModel {
    pub metadata: Metadata,
    pub operations: BTreeMap<String, Operation>,
    pub shapes: BTreeMap<String, Shape>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub api_version: String,
    pub endpoint_prefix: String,
    pub signing_name: String,
    pub service_id: String,
    pub service_full_name: String,
    pub protocol: String,
    pub uid: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    pub http: HttpBinding,
    pub input: Option<String>,
    pub output: Option<String>,
    /// The error shapes the operation lists, in model order.
    pub errors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct HttpBinding {
    pub method: http::Method,
    pub uri: UriTemplate,
    /// The success status code (botocore's default is 200).
    pub success_code: u16,
}

#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub kind: ShapeKind,
    pub sensitive: bool,
    /// Present on exception shapes.
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    pub http_status: u16,
    /// True for server faults (5xx), false for client errors.
    pub fault: bool,
}

#[derive(Debug, Clone)]
pub enum ShapeKind {
    Structure(Structure),
    List {
        member: String,
        min: Option<u64>,
        max: Option<u64>,
    },
    Map {
        key: String,
        value: String,
        min: Option<u64>,
        max: Option<u64>,
    },
    String(StringShape),
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Long {
        min: Option<i64>,
        max: Option<i64>,
    },
    Double,
    Boolean,
    Timestamp,
    Blob {
        min: Option<u64>,
        max: Option<u64>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct StringShape {
    pub enum_values: Option<Vec<String>>,
    /// Length bounds, in characters, as the model states them.
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// The model's pattern, verbatim (Java regex dialect).
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// Members by their SDK name, sorted.
    pub members: BTreeMap<String, Member>,
    pub required: Vec<String>,
}

impl Structure {
    pub fn is_required(&self, member: &str) -> bool {
        self.required.iter().any(|r| r == member)
    }

    /// Members placed in the JSON body, as (JSON key, member).
    pub fn body_members(&self) -> impl Iterator<Item = (&str, &Member)> {
        self.members.values().filter_map(|m| match &m.location {
            Location::Body { json_name } => Some((json_name.as_str(), m)),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub target: String,
    pub location: Location,
    pub idempotency_token: bool,
}

/// Where a member travels on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Body { json_name: String },
    Uri(String),
    Query(String),
    Header(String),
}

impl ServiceModel {
    pub fn from_json(text: &str) -> Result<ServiceModel, ModelError> {
        load::parse(text)
    }

    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }

    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.get(name)
    }

    /// The structure behind a shape name, if it is one.
    pub fn structure(&self, name: &str) -> Option<&Structure> {
        match &self.shapes.get(name)?.kind {
            ShapeKind::Structure(s) => Some(s),
            _ => None,
        }
    }

    pub fn input_structure(&self, op: &Operation) -> Option<&Structure> {
        op.input.as_deref().and_then(|s| self.structure(s))
    }

    pub fn output_structure(&self, op: &Operation) -> Option<&Structure> {
        op.output.as_deref().and_then(|s| self.structure(s))
    }

    /// The error info of a shape, if it is an exception.
    pub fn error_info(&self, shape: &str) -> Option<ErrorInfo> {
        self.shapes.get(shape)?.error
    }

    /// Every exception shape of the service, by name.
    pub fn error_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| s.error.is_some())
    }

    /// The operation a request addresses: method, the raw (still percent-encoded) path and the
    /// query pairs. The most specific template wins: fixed query literals, then literal segments.
    pub fn route<'a>(
        &'a self,
        method: &http::Method,
        raw_path: &str,
        query: &[(String, String)],
    ) -> Option<(&'a Operation, UriMatch)> {
        self.operations
            .values()
            .filter(|op| op.http.method == *method)
            .filter_map(|op| op.http.uri.matches(raw_path, query).map(|m| (op, m)))
            .max_by_key(|(op, _)| op.http.uri.specificity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_models_have_the_published_operation_counts() {
        assert_eq!(messaging().operations.len(), 51);
        assert_eq!(identity().operations.len(), 30);
        let old = ServiceModel::from_json(embedded::MESSAGING_1_29_97).unwrap();
        let update = ServiceModel::from_json(embedded::MESSAGING_1_29_98).unwrap();
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

    #[test]
    fn success_codes_follow_the_model_and_default_to_200() {
        let m = messaging();
        assert_eq!(m.operations["CreateChannel"].http.success_code, 201);
        assert_eq!(m.operations["DeleteChannel"].http.success_code, 204);
        assert_eq!(m.operations["AssociateChannelFlow"].http.success_code, 200);
        // ListAppInstances has no responseCode in the model.
        assert_eq!(
            identity().operations["ListAppInstances"].http.success_code,
            200
        );
    }

    #[test]
    fn members_carry_their_locations() {
        let m = messaging();
        let input = m
            .input_structure(&m.operations["ListChannelMessages"])
            .unwrap();
        assert_eq!(
            input.members["ChannelArn"].location,
            Location::Uri("channelArn".into())
        );
        assert_eq!(
            input.members["NotBefore"].location,
            Location::Query("not-before".into())
        );
        assert_eq!(
            input.members["ChimeBearer"].location,
            Location::Header("x-amz-chime-bearer".into())
        );
        let send = m
            .input_structure(&m.operations["SendChannelMessage"])
            .unwrap();
        assert!(send.members["ClientRequestToken"].idempotency_token);
        assert!(send.is_required("Content"));
        assert!(matches!(
            send.members["Content"].location,
            Location::Body { ref json_name } if json_name == "Content"
        ));
    }

    #[test]
    fn error_shapes_carry_their_status() {
        let m = messaging();
        assert_eq!(m.error_shapes().count(), 9);
        assert_eq!(
            m.error_info("ResourceLimitExceededException"),
            Some(ErrorInfo {
                http_status: 400,
                fault: false
            })
        );
        assert_eq!(
            m.error_info("ServiceUnavailableException"),
            Some(ErrorInfo {
                http_status: 503,
                fault: true
            })
        );
    }

    #[test]
    fn string_constraints_are_read() {
        let m = messaging();
        let ShapeKind::String(s) = &m.shapes["ContentType"].kind else {
            panic!("ContentType is a string")
        };
        assert_eq!(s.max, Some(45));
        let ShapeKind::Integer { min, max } = &m.shapes["ExpirationDays"].kind else {
            panic!("ExpirationDays is an integer")
        };
        assert_eq!((*min, *max), (Some(1), Some(5475)));
    }

    #[test]
    fn routes_pick_the_most_specific_template() {
        let m = messaging();
        let arn = "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fa%2Fchannel%2Fc";
        let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let path = format!("/channels/{arn}");
        let (op, found) = m.route(&http::Method::GET, &path, &[]).unwrap();
        assert_eq!(op.name, "DescribeChannel");
        assert_eq!(
            found.labels["channelArn"],
            "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c"
        );
        let (op, _) = m
            .route(
                &http::Method::GET,
                &path,
                &q(&[
                    ("scope", "app-instance-user-membership"),
                    ("app-instance-user-arn", "x"),
                ]),
            )
            .unwrap();
        assert_eq!(op.name, "DescribeChannelMembershipForAppInstanceUser");
        let (op, _) = m
            .route(
                &http::Method::POST,
                &path,
                &q(&[("operation", "channel-flow-callback")]),
            )
            .unwrap();
        assert_eq!(op.name, "ChannelFlowCallback");
        let (op, _) = m
            .route(
                &http::Method::GET,
                "/channels",
                &q(&[("scope", "channel-flow-associations")]),
            )
            .unwrap();
        assert_eq!(op.name, "ListChannelsAssociatedWithChannelFlow");
        let (op, _) = m.route(&http::Method::GET, "/channels", &[]).unwrap();
        assert_eq!(op.name, "ListChannels");
        assert!(m.route(&http::Method::PATCH, "/channels", &[]).is_none());
        assert!(m.route(&http::Method::GET, "/nowhere", &[]).is_none());
    }

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
