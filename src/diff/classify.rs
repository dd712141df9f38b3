//! Whom each kind of change breaks, clients of the older model or servers implementing it (see
//! [`Impact`]); and the classified changes of a whole diff.

use super::change::{Change, ChangeKind, Impact, ModelDiff, Side};
use std::collections::BTreeMap;

/// What a change does to (clients, servers).
pub(crate) type Impacts = (Impact, Impact);

/// Which way a constraint moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Fewer values are valid than before.
    Tighter,
    /// More values are valid than before.
    Looser,
    /// Neither contains the other.
    Different,
}

/// A new operation: a server of the older model does not implement it.
const OPERATION_ADDED: Impacts = (Impact::None, Impact::Breaking);
/// A removed operation: older clients still call it.
const OPERATION_REMOVED: Impacts = (Impact::Breaking, Impact::None);

/// A changed HTTP method, URI, member location or member type: neither side understands the
/// other any more.
pub(crate) const BREAKS_BOTH: Impacts = (Impact::Breaking, Impact::Breaking);
/// Clients generally accept any 2xx; servers must send the new code.
pub(crate) const SUCCESS_CODE_CHANGED: Impacts = (Impact::Strict, Impact::Breaking);
/// Clients handle an unknown error type generically.
pub(crate) const ERROR_ADDED: Impacts = (Impact::Strict, Impact::None);
/// A server of the older model may still answer with it: an unmodelled error.
pub(crate) const ERROR_REMOVED: Impacts = (Impact::None, Impact::Breaking);
/// An error the operation keeps, answered with another status.
pub(crate) const ERROR_STATUS_CHANGED: Impacts = (Impact::Strict, Impact::Breaking);

/// Who a constraint move breaks: a tighter request breaks clients that send what is no
/// longer valid; a looser request breaks servers that reject what now is; a tighter
/// response breaks servers that still send what is no longer valid; a looser response
/// breaks clients that check what they receive.
pub(crate) fn constraint(side: Side, dir: Direction) -> Impacts {
    use Impact::*;
    match (side, dir) {
        (_, Direction::Different) => (Breaking, Breaking),
        (Side::Request, Direction::Tighter) => (Breaking, None),
        (Side::Request, Direction::Looser) => (None, Breaking),
        (_, Direction::Tighter) => (None, Breaking),
        (_, Direction::Looser) => (Strict, None),
    }
}

pub(crate) fn member_added(side: Side, required: bool) -> Impacts {
    match (side, required) {
        // A server must accept it; an older client does not send a required one.
        (Side::Request, false) => (Impact::None, Impact::Breaking),
        (Side::Request, true) => (Impact::Breaking, Impact::Breaking),
        // An older server never sends it, which a required one forbids.
        (_, false) => (Impact::Strict, Impact::None),
        (_, true) => (Impact::Strict, Impact::Breaking),
    }
}

pub(crate) fn member_removed(side: Side) -> Impacts {
    match side {
        // Older clients still send it.
        Side::Request => (Impact::Breaking, Impact::None),
        // Older clients read it; older servers still send an unknown member.
        _ => (Impact::Breaking, Impact::Strict),
    }
}

/// A member that became required (`now`) or optional.
pub(crate) fn required_changed(side: Side, was: bool, now: bool) -> Impacts {
    if side == Side::Response && was {
        // Older clients may rely on a member that can now be absent.
        (Impact::Breaking, Impact::None)
    } else {
        constraint(
            side,
            if now {
                Direction::Tighter
            } else {
                Direction::Looser
            },
        )
    }
}

/// A member that became (`now`) or stopped being the idempotency token.
pub(crate) fn idempotency_token_changed(now: bool) -> Impacts {
    if now {
        // A server must then deduplicate retries by the token.
        (Impact::None, Impact::Breaking)
    } else {
        (Impact::Strict, Impact::None)
    }
}

impl ModelDiff {
    /// Every classified change: new and removed operations first, then the updated ones'.
    pub fn changes(&self) -> Vec<Change> {
        let op_change = |name: &String, kind, (client, server): Impacts| Change {
            operation: name.clone(),
            side: Side::Operation,
            path: String::new(),
            kind,
            old: None,
            new: None,
            client,
            server,
        };
        let added = self
            .new_operations
            .iter()
            .map(|n| op_change(n, ChangeKind::OperationAdded, OPERATION_ADDED));
        let removed = self
            .removed_operations
            .iter()
            .map(|n| op_change(n, ChangeKind::OperationRemoved, OPERATION_REMOVED));
        added
            .chain(removed)
            .chain(
                self.updated_operations
                    .iter()
                    .flat_map(|o| o.changes.iter().cloned()),
            )
            .collect()
    }

    /// True when any change breaks clients or servers (strict-only impacts do not count).
    pub fn is_breaking(&self) -> bool {
        self.changes().iter().any(Change::is_breaking)
    }
}

/// Counts of what changed, for reports.
pub fn counts(diff: &ModelDiff) -> BTreeMap<&'static str, usize> {
    let changes = diff.changes();
    BTreeMap::from([
        ("new", diff.new_operations.len()),
        ("removed", diff.removed_operations.len()),
        ("updated", diff.updated_operations.len()),
        ("changes", changes.len()),
        (
            "breaking",
            changes.iter().filter(|c| c.is_breaking()).count(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fixtures::{model, only, update};
    use crate::diff::walk::diff;
    use crate::model::{ServiceModel, embedded};
    use serde_json::json;

    #[test]
    fn unlisted_constraint_changes_are_found_and_classified() {
        let d = update();
        let op = d.operation("UpdateChannelMessage").unwrap();
        let required: Vec<&Change> = op
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Required)
            .collect();
        assert_eq!(required.len(), 1);
        let c = required[0];
        assert_eq!(
            (c.side, c.path.as_str(), c.old.as_deref(), c.new.as_deref()),
            (Side::Request, "Content", Some("optional"), Some("required"))
        );
        assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
        // Content moved to NonEmptyContent: at least one character, no upper bound any more.
        let min = op
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Min && c.path == "Content")
            .unwrap();
        assert_eq!(
            (min.old.as_deref(), min.new.as_deref()),
            (Some("0"), Some("1"))
        );
        assert_eq!(min.client, Impact::Breaking);
        let max = op
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Max && c.path == "Content")
            .unwrap();
        assert_eq!((max.client, max.server), (Impact::None, Impact::Breaking));

        // A push notification's title and body must now be non-empty, wherever they are sent.
        for (name, prefix) in [
            ("SendChannelMessage", "PushNotification"),
            ("ChannelFlowCallback", "ChannelMessage.PushNotification"),
        ] {
            let op = d.operation(name).unwrap();
            for field in ["Title", "Body"] {
                let path = format!("{prefix}.{field}");
                let c = op
                    .changes
                    .iter()
                    .find(|c| c.path == path && c.kind == ChangeKind::Min)
                    .unwrap_or_else(|| panic!("{name} {path}"));
                assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
            }
        }
        assert!(d.is_breaking());
    }

    #[test]
    fn new_optional_members_are_classified_by_side() {
        let d = update();
        let send = d.operation("SendChannelMessage").unwrap();
        let c = send
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::MemberAdded)
            .unwrap();
        assert_eq!(c.path, "ContentType");
        // A server must accept it; older clients simply never send it.
        assert_eq!((c.client, c.server), (Impact::None, Impact::Breaking));
        let list = d.operation("ListChannelMessages").unwrap();
        let c = list
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::MemberAdded)
            .unwrap();
        assert_eq!(c.path, "ChannelMessages[].ContentType");
        assert_eq!((c.client, c.server), (Impact::Strict, Impact::None));
    }

    #[test]
    fn removed_operations_break_clients() {
        let old = ServiceModel::from_json(embedded::MESSAGING_1_29_98).unwrap();
        let new = ServiceModel::from_json(embedded::MESSAGING_1_29_97).unwrap();
        let d = diff(&old, &new);
        assert_eq!(d.removed_operations, ["PutChannelExpirationSettings"]);
        let c = only(&d, ChangeKind::OperationRemoved);
        assert_eq!((c.client, c.server), (Impact::Breaking, Impact::None));
        // Members removed from a response break the clients that read them.
        let get = d.operation("GetChannelMessage").unwrap();
        assert_eq!(
            get.response.removed,
            Some(json!({"ChannelMessage": {"ContentType": "string"}}))
        );
        let c = get
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::MemberRemoved)
            .unwrap();
        assert_eq!(c.client, Impact::Breaking);
    }

    #[test]
    fn enum_values_added_to_a_response_break_strict_clients() {
        let req = json!({"type": "structure", "members": {}});
        let resp = json!({"type": "structure", "members": {"Mode": {"shape": "Mode"}}});
        let old = model(
            req.clone(),
            resp.clone(),
            json!({"Mode": {"type": "string", "enum": ["A"]}}),
        );
        let new = model(
            req,
            resp,
            json!({"Mode": {"type": "string", "enum": ["A", "B"]}}),
        );
        let d = diff(&old, &new);
        let c = only(&d, ChangeKind::EnumValuesAdded);
        assert_eq!(c.new.as_deref(), Some("B"));
        assert_eq!((c.client, c.server), (Impact::Strict, Impact::None));
        assert!(!d.is_breaking());
        let back = diff(&new, &old);
        let c = only(&back, ChangeKind::EnumValuesRemoved);
        assert_eq!((c.client, c.server), (Impact::None, Impact::Breaking));
    }
}
