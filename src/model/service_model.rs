//! One version of one service's model, and the lookups everything else asks it: operations,
//! shapes, input and output structures, error shapes, and the operation a request addresses.

use super::operation::Operation;
use super::shape::{ErrorInfo, Shape, ShapeKind, Structure};
use super::uri::UriMatch;
use std::collections::BTreeMap;

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

impl ServiceModel {
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
    use crate::model::messaging;

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
}
