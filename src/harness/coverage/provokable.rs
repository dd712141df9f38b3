//! Which modelled errors a client can provoke: every operation/error pair the models list,
//! less those `catalogue/unprovokable-errors.txt` explains (quotas, service faults, refusals
//! only an IAM policy makes, conflicts the documents never describe). The coverage report
//! measures the provoked pairs against the provokable ones.

use super::listed::listed_lines;
use super::universe::universe;
use crate::matrix::sets;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The checked-in list of unprovokable pairs.
pub const UNPROVOKABLE: &str = include_str!("../../../catalogue/unprovokable-errors.txt");

/// The pairs `service:Operation` -> error shape -> why it can't be provoked.
pub type Reasons = BTreeMap<String, BTreeMap<String, String>>;

/// A rule of the list that does not parse or names a pair the models do not list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("line {line}: expected `ERROR OPERATIONS reason`, found {text:?}")]
    Malformed { line: usize, text: String },
    #[error("line {line}: {operation} does not list {error} in the models")]
    NotListed {
        line: usize,
        operation: String,
        error: String,
    },
    #[error("line {line}: {error} {operations} matches no operation/error pair of the models")]
    MatchesNothing {
        line: usize,
        error: String,
        operations: String,
    },
}

/// The reasons of the shipped list, read once. A broken list is a mistake its unit test
/// reports; here its readable rules still count.
pub fn unprovokable() -> &'static Reasons {
    static REASONS: OnceLock<Reasons> = OnceLock::new();
    REASONS.get_or_init(|| parse(UNPROVOKABLE).unwrap_or_else(|(reasons, _)| reasons))
}

/// Reads a list; on errors, what could be read and every error.
pub fn parse(text: &str) -> Result<Reasons, (Reasons, Vec<RuleError>)> {
    let listed = &universe().operations;
    let bearer: BTreeSet<String> = sets::bearer().iter().map(qualified).collect();
    let no_bearer: BTreeSet<String> = sets::all()
        .iter()
        .map(qualified)
        .filter(|op| !bearer.contains(op))
        .collect();
    let no_bearer_no_resource: BTreeSet<String> = sets::all()
        .iter()
        .filter(|op| !op.names_a_resource())
        .map(qualified)
        .filter(|op| no_bearer.contains(op))
        .collect();
    let mut reasons = Reasons::new();
    let mut errors = Vec::new();
    for (line, text) in listed_lines(text) {
        let mut words = text.splitn(3, char::is_whitespace);
        let (Some(error), Some(operations), Some(reason)) =
            (words.next(), words.next(), words.next().map(str::trim))
        else {
            errors.push(RuleError::Malformed {
                line,
                text: text.to_owned(),
            });
            continue;
        };
        let lists = |op: &str| listed.get(op).is_some_and(|e| e.iter().any(|e| e == error));
        let ops: Vec<String> = match operations {
            "*" => listed.keys().filter(|op| lists(op)).cloned().collect(),
            "no-bearer" => no_bearer.iter().filter(|op| lists(op)).cloned().collect(),
            "no-bearer-no-resource" => no_bearer_no_resource
                .iter()
                .filter(|op| lists(op))
                .cloned()
                .collect(),
            named => {
                let named: Vec<String> = named.split(',').map(str::to_owned).collect();
                for op in named.iter().filter(|op| !lists(op)) {
                    errors.push(RuleError::NotListed {
                        line,
                        operation: op.clone(),
                        error: error.to_owned(),
                    });
                }
                named.into_iter().filter(|op| lists(op)).collect()
            }
        };
        if ops.is_empty() && operations.contains(['*', '-']) {
            errors.push(RuleError::MatchesNothing {
                line,
                error: error.to_owned(),
                operations: operations.to_owned(),
            });
        }
        for op in ops {
            reasons
                .entry(op)
                .or_default()
                .insert(error.to_owned(), reason.to_owned());
        }
    }
    if errors.is_empty() {
        Ok(reasons)
    } else {
        Err((reasons, errors))
    }
}

fn qualified(op: &sets::Op) -> String {
    super::universe::qualified(op.service, &op.operation.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_pairs_of_the_models() {
        let r = parse(
            "# a comment\n\
             ThrottledClientException * a quota\n\
             ForbiddenException no-bearer-no-resource IAM only\n\
             ConflictException messaging:UpdateChannel no documented state\n",
        )
        .expect("a good list");
        assert_eq!(
            r["messaging:SendChannelMessage"]["ThrottledClientException"],
            "a quota"
        );
        assert_eq!(
            r["identity:CreateAppInstance"]["ForbiddenException"],
            "IAM only"
        );
        // DescribeAppInstance names an AppInstance that may not exist.
        assert!(!r["identity:DescribeAppInstance"].contains_key("ForbiddenException"));
        assert!(!r["messaging:SendChannelMessage"].contains_key("ForbiddenException"));
        assert_eq!(
            r["messaging:UpdateChannel"]["ConflictException"],
            "no documented state"
        );
    }

    #[test]
    fn a_rule_that_names_nothing_real_is_an_error() {
        let (_, errors) = parse(
            "ConflictException messaging:NoSuchOperation why\n\
             NoSuchException * why\n\
             ForbiddenException\n",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(matches!(errors[0], RuleError::NotListed { line: 1, .. }));
        assert!(matches!(
            errors[1],
            RuleError::MatchesNothing { line: 2, .. }
        ));
        assert!(matches!(errors[2], RuleError::Malformed { line: 3, .. }));
    }

    #[test]
    fn the_shipped_list_reads_cleanly() {
        parse(UNPROVOKABLE)
            .map_err(|(_, e)| e)
            .expect("the shipped list");
    }
}
