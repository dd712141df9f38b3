//! Routing a request to the operation(s) it addresses in both services' models: an index by
//! method and first path segment, the most specific template, and the owner of a same-path
//! operation by the resource ARN the input names.

use super::query::Query;
use crate::model::{Operation, Segment, Service, UriMatch, UriTemplate, path_segments};
use crate::server::domain::{ArnKind, parse_arn};
use http::Method;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What routing found for a request.
#[derive(Debug)]
pub enum Route {
    /// The operations the request addresses. More than one only when both services model the
    /// same operation on the same path (the tag operations); the input then decides.
    Found(Vec<(Service, &'static Operation, UriMatch)>),
    /// The path is known, but not with this method: the methods it is known with.
    WrongMethod(Vec<Method>),
    Unknown,
}

/// Operations by the first segment of their path.
type ByFirstSegment = HashMap<String, Vec<(Service, &'static Operation)>>;

/// The operations of both services grouped by method and first path segment, so that a
/// request is matched against a handful of templates rather than every operation.
struct RouteIndex {
    by_first_segment: HashMap<Method, ByFirstSegment>,
    /// Templates whose first segment is a label (none in the current models).
    anywhere: Vec<(Service, &'static Operation)>,
}

fn index() -> &'static RouteIndex {
    static INDEX: OnceLock<RouteIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = RouteIndex {
            by_first_segment: HashMap::new(),
            anywhere: Vec::new(),
        };
        for svc in Service::ALL {
            for op in svc.model().operations.values() {
                match op.http.uri.segments.first() {
                    Some(Segment::Literal(first)) => index
                        .by_first_segment
                        .entry(op.http.method.clone())
                        .or_default()
                        .entry(first.clone())
                        .or_default()
                        .push((svc, op)),
                    _ => index.anywhere.push((svc, op)),
                }
            }
        }
        index
    })
}

/// Finds the operation(s) a request addresses in both services' models: the templates that
/// match, the most specific first (fixed query literals, then literal segments), as
/// `ServiceModel::route` picks them.
pub fn route(method: &Method, raw_path: &str, query: &Query) -> Route {
    let index = index();
    // Empty segments count (`/app-instances/` is two segments): see `model::uri`.
    let parts = path_segments(raw_path).unwrap_or_default();
    let first = parts.first().copied().unwrap_or_default();
    let candidates = index
        .by_first_segment
        .get(method)
        .and_then(|by_first| by_first.get(first))
        .into_iter()
        .flatten()
        .chain(
            index
                .anywhere
                .iter()
                .filter(|(_, op)| op.http.method == *method),
        );
    let mut found: Vec<(Service, &'static Operation, UriMatch)> = candidates
        .filter(|(_, op)| plausible(&op.http.uri, &parts))
        .filter_map(|(svc, op)| {
            op.http
                .uri
                .matches(raw_path, &query.pairs)
                .map(|m| (*svc, *op, m))
        })
        .collect();
    if let Some(best) = found
        .iter()
        .map(|(_, op, _)| op.http.uri.specificity())
        .max()
    {
        found.retain(|(_, op, _)| op.http.uri.specificity() == best);
        return Route::Found(found);
    }
    let mut methods: Vec<Method> = Service::ALL
        .into_iter()
        .flat_map(|svc| svc.model().operations.values())
        .filter(|op| op.http.uri.matches(raw_path, &query.pairs).is_some())
        .map(|op| op.http.method.clone())
        .collect();
    methods.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    methods.dedup();
    if methods.is_empty() {
        Route::Unknown
    } else {
        Route::WrongMethod(methods)
    }
}

/// A cheap first look before the full match (which decodes every label): the segment count
/// and the literal segments agree. Templates with a greedy label are always worth a full look.
fn plausible(template: &UriTemplate, parts: &[&str]) -> bool {
    let greedy = template
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Label { greedy: true, .. }));
    greedy
        || (template.segments.len() == parts.len()
            && template
                .segments
                .iter()
                .zip(parts)
                .all(|(seg, part)| match seg {
                    Segment::Literal(l) => l == part,
                    Segment::Label { .. } => true,
                }))
}

/// The service that owns a resource, by the ARN's resource type: app instances, their users
/// and bots belong to identity; channels and channel flows to messaging.
pub fn service_of_arn(arn: &str) -> Option<Service> {
    Some(match parse_arn(arn)?.kind {
        ArnKind::Channel | ArnKind::ChannelFlow => Service::Messaging,
        ArnKind::AppInstance | ArnKind::User | ArnKind::Bot => Service::Identity,
    })
}

/// Picks one of several same-path candidates by the resource ARN the input names (the first
/// member whose name ends in `ARN`/`Arn`). Without a recognisable ARN, the first candidate.
pub fn pick_by_arn(candidates: &[Service], input: &Map<String, Value>) -> Service {
    let owner = input
        .iter()
        .filter(|(name, _)| name.ends_with("ARN") || name.ends_with("Arn"))
        .find_map(|(_, v)| v.as_str().and_then(service_of_arn));
    match owner {
        Some(svc) if candidates.contains(&svc) => svc,
        _ => candidates.first().copied().unwrap_or(Service::Messaging),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";

    #[test]
    fn arns_are_classified_by_resource_type() {
        let arn = |r: &str| format!("arn:aws:chime:us-east-1:123456789012:{r}");
        assert_eq!(
            service_of_arn(&arn("app-instance/a")),
            Some(Service::Identity)
        );
        assert_eq!(
            service_of_arn(&arn("app-instance/a/bot/b")),
            Some(Service::Identity)
        );
        assert_eq!(
            service_of_arn(&arn("app-instance/a/channel-flow/f")),
            Some(Service::Messaging)
        );
        assert_eq!(service_of_arn(CHANNEL), Some(Service::Messaging));
        assert_eq!(service_of_arn("not-an-arn"), None);
        assert_eq!(service_of_arn("arn:aws:chime"), None);
    }

    #[test]
    fn the_index_routes_every_operation_as_the_model_does() {
        for svc in Service::ALL {
            let model = svc.model();
            for op in model.operations.values() {
                let path = op
                    .http
                    .uri
                    .expand(|_| Some(CHANNEL.to_owned()))
                    .expect("expands");
                let query: Vec<(String, String)> = op
                    .http
                    .uri
                    .query_literals
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone().unwrap_or_default()))
                    .collect();
                let q = Query {
                    pairs: query.clone(),
                    undecodable: Vec::new(),
                };
                let Route::Found(found) = route(&op.http.method, &path, &q) else {
                    panic!("{} does not route", op.name)
                };
                let (want, _) = model
                    .route(&op.http.method, &path, &query)
                    .expect("the model routes it");
                assert!(
                    found
                        .iter()
                        .any(|(s, o, _)| *s == svc && o.name == want.name),
                    "{svc}:{} routes to {:?}",
                    op.name,
                    found.iter().map(|(_, o, _)| &o.name).collect::<Vec<_>>()
                );
            }
        }
    }

    /// A trailing slash is an empty label, not a different operation.
    #[test]
    fn a_trailing_slash_does_not_change_the_operation() {
        let q = Query::default();
        let names = |method: &Method, path: &str| -> Vec<String> {
            match route(method, path, &q) {
                Route::Found(found) => found.iter().map(|(_, o, _)| o.name.clone()).collect(),
                other => panic!("{path}: {other:?}"),
            }
        };
        assert_eq!(names(&Method::GET, "/app-instances"), ["ListAppInstances"]);
        assert_eq!(
            names(&Method::GET, "/app-instances/"),
            ["DescribeAppInstance"]
        );
        assert_eq!(
            names(&Method::GET, "/app-instances/a/admins/"),
            ["DescribeAppInstanceAdmin"]
        );
        assert_eq!(
            names(&Method::GET, "/app-instances//admins"),
            ["ListAppInstanceAdmins"]
        );
        assert!(matches!(
            route(&Method::GET, "//app-instances", &q),
            Route::Unknown
        ));
        assert!(matches!(
            route(&Method::POST, "/app-instances/", &q),
            Route::WrongMethod(_)
        ));
    }

    #[test]
    fn unknown_paths_and_wrong_methods_are_told_apart() {
        let q = Query::default();
        assert!(matches!(
            route(&Method::GET, "/nowhere", &q),
            Route::Unknown
        ));
        match route(&Method::PATCH, "/channels", &q) {
            Route::WrongMethod(m) => assert_eq!(m, [Method::GET, Method::POST]),
            other => panic!("{other:?}"),
        }
    }
}
