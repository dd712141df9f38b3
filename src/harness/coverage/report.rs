//! The figures of a run: covered-of-total ratios, the per-operation and per-enum tables, the
//! JSON file written by `--coverage`, the one-line summary, and the `--min-coverage` check.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// So many covered of so many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub covered: usize,
    pub total: usize,
}

impl Ratio {
    pub fn new(covered: usize, total: usize) -> Ratio {
        Ratio { covered, total }
    }

    /// Percent covered; 100 when there is nothing to cover.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / self.total as f64
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.covered, self.total)
    }
}

/// One operation's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationCoverage {
    pub calls: usize,
    pub successes: usize,
    /// Each error shape the model lists -> times observed.
    pub errors: BTreeMap<String, usize>,
    /// Error shapes observed that the model does not list for the operation (`<unnamed>`:
    /// an answer outside 2xx that named no error).
    pub unmodelled_errors: BTreeMap<String, usize>,
    pub statuses: BTreeMap<u16, usize>,
    /// Each top-level output member -> whether a response carried it.
    pub response_members: BTreeMap<String, bool>,
}

/// The figures of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageReport {
    pub operations: Ratio,
    pub successes: Ratio,
    pub modelled_errors: Ratio,
    /// Provoked of the operation/error pairs a client can provoke.
    pub provokable_errors: Ratio,
    pub enum_values_sent: Ratio,
    pub enum_values_seen: Ratio,
    pub response_members: Ratio,
    /// Members whose meaning a passing assertion checked, of the same total.
    pub response_members_asserted: Ratio,
    pub behaviours: Ratio,
    /// The documented event types messaging sessions received.
    pub event_types: Ratio,
    /// By `service:Operation`.
    pub per_operation: BTreeMap<String, OperationCoverage>,
    /// `service:Shape` -> value -> sent (enum shapes reachable from inputs).
    pub enums_sent: BTreeMap<String, BTreeMap<String, bool>>,
    /// `service:Shape` -> value -> seen (enum shapes reachable from outputs and errors).
    pub enums_seen: BTreeMap<String, BTreeMap<String, bool>>,
    /// Values of enum shapes that the model does not list.
    pub unlisted_enum_values_sent: BTreeMap<String, BTreeSet<String>>,
    pub unlisted_enum_values_seen: BTreeMap<String, BTreeSet<String>>,
    /// `service:Operation ErrorShape` of provokable pairs the run did not provoke.
    pub provokable_errors_missing: Vec<String>,
    /// `service:Operation` -> error shape -> why a client can't provoke it.
    pub unprovokable_errors: BTreeMap<String, BTreeMap<String, String>>,
    /// Pairs the list calls unprovokable that the run provoked all the same: the list is wrong.
    pub unprovokable_errors_provoked: Vec<String>,
    /// `service:Structure.Member` of output structures never observed.
    pub response_members_missing: Vec<String>,
    /// `service:Structure.Member` -> why no assertion checked it: the reason
    /// `catalogue/unasserted-members.txt` gives, or that none does yet.
    pub response_members_unasserted: BTreeMap<String, String>,
    /// Members the list explains as unasserted that the run asserted: the list is stale.
    pub unasserted_members_asserted: Vec<String>,
    pub behaviours_exercised: Vec<String>,
    pub behaviours_missing: Vec<String>,
    /// Tagged entry ids the catalogue does not have.
    pub behaviours_unknown: Vec<String>,
    pub unknown_operations: BTreeMap<String, usize>,
    /// Each documented event type -> whether a session received it.
    pub event_types_seen: BTreeMap<String, bool>,
    /// Event types received that the developer guide does not list.
    pub unlisted_event_types: BTreeSet<String>,
}

/// The operations figure is below the minimum asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MinCoverageError {
    #[error("the minimum coverage must be a percentage from 0 to 100, not {0}")]
    BadMinimum(f64),
    #[error(
        "operation coverage {percent:.1}% ({ratio} operations) is below the minimum of {minimum}%"
    )]
    Below {
        percent: f64,
        ratio: Ratio,
        minimum: f64,
    },
}

impl CoverageReport {
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|e| Value::String(e.to_string()))
    }

    /// `coverage: 43/81 operations, 61/550 modelled errors, 37/60 behaviours, 40/81 successes,
    /// ..., 12/18 event types seen`
    pub fn summary(&self) -> String {
        let behaviours = if self.behaviours.total == 0 {
            format!(
                "{} behaviours (no catalogue)",
                self.behaviours_unknown.len()
            )
        } else {
            format!("{} behaviours", self.behaviours)
        };
        format!(
            "coverage: {} operations, {} modelled errors ({} provokable), {behaviours}, \
             {} successes, {} enum values sent, {} enum values seen, {} response members seen, {} asserted, {} event types seen",
            self.operations,
            self.modelled_errors,
            self.provokable_errors,
            self.successes,
            self.enum_values_sent,
            self.enum_values_seen,
            self.response_members,
            self.response_members_asserted,
            self.event_types
        )
    }

    /// Fails when fewer than `minimum` percent of the modelled operations were called.
    pub fn check_min_coverage(&self, minimum: f64) -> Result<(), MinCoverageError> {
        if !(0.0..=100.0).contains(&minimum) {
            return Err(MinCoverageError::BadMinimum(minimum));
        }
        let percent = self.operations.percent();
        if percent + 1e-9 < minimum {
            return Err(MinCoverageError::Below {
                percent,
                ratio: self.operations,
                minimum,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::coverage::Coverage;
    use crate::harness::coverage::fixtures::{CHANNEL, catalogue, response};
    use crate::model::Service;
    use serde_json::json;

    #[test]
    fn the_summary_is_one_line_and_the_json_carries_the_figures() {
        let cov = Coverage::new(catalogue());
        cov.record(
            &response(Service::Messaging, "DeleteChannel", 204, None, None),
            &json!({"ChannelArn": CHANNEL}),
        );
        let s = cov.summary();
        assert_eq!(
            s,
            "coverage: 1/81 operations, 0/550 modelled errors (0/213 provokable), 0/4 behaviours, \
             1/81 successes, 0/42 enum values sent, 0/71 enum values seen, 0/299 response members seen, 0/299 asserted, \
             0/18 event types seen"
        );
        assert!(!s.contains('\n'));
        let j = cov.to_json();
        assert_eq!(j["operations"], json!({"covered": 1, "total": 81}));
        assert_eq!(j["eventTypes"], json!({"covered": 0, "total": 18}));
        assert_eq!(j["perOperation"]["messaging:DeleteChannel"]["calls"], 1);
        assert_eq!(
            j["perOperation"]["messaging:DeleteChannel"]["statuses"]["204"],
            1
        );
    }

    #[test]
    fn min_coverage_checks_the_operations_percentage() {
        let cov = Coverage::default();
        for op in [
            "CreateChannel",
            "DescribeChannel",
            "ListChannels",
            "DeleteChannel",
        ] {
            cov.record(
                &response(Service::Messaging, op, 200, None, None),
                &json!({}),
            );
        }
        let r = cov.report();
        // 4 of 81 is 4.9%.
        assert!(r.check_min_coverage(4.9).is_ok());
        assert!(r.check_min_coverage(0.0).is_ok());
        let err = r.check_min_coverage(5.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "operation coverage 4.9% (4/81 operations) is below the minimum of 5%"
        );
        assert!(matches!(
            r.check_min_coverage(101.0),
            Err(MinCoverageError::BadMinimum(_))
        ));
        assert!(r.check_min_coverage(f64::NAN).is_err());
    }
}
