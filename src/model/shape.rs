//! The shapes of a model: structures and their members, where each member travels on the wire,
//! lists, maps and the scalar types with their constraints, and the error info of exceptions.

use std::collections::BTreeMap;

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

impl ShapeKind {
    /// The values an `integer` or `long` shape admits: the model's bounds within the type's
    /// width. Smithy's `integer` is a signed 32-bit number and `long` a signed 64-bit one, and
    /// the SDKs read them into types of that width, so a member the model leaves unbounded is
    /// still bounded there. `None` for the other kinds.
    pub fn integer_range(&self) -> Option<(i64, i64)> {
        let (min, max, (lo, hi)) = match self {
            ShapeKind::Integer { min, max } => (min, max, (i32::MIN.into(), i32::MAX.into())),
            ShapeKind::Long { min, max } => (min, max, (i64::MIN, i64::MAX)),
            _ => return None,
        };
        Some((min.map_or(lo, |m| m.max(lo)), max.map_or(hi, |m| m.min(hi))))
    }
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

#[cfg(test)]
mod tests {
    use super::ShapeKind;

    #[test]
    fn integers_are_bounded_by_their_width() {
        let int = |min, max| ShapeKind::Integer { min, max };
        let long = |min, max| ShapeKind::Long { min, max };
        assert_eq!(
            int(None, None).integer_range(),
            Some((-2_147_483_648, 2_147_483_647))
        );
        assert_eq!(int(Some(2), None).integer_range(), Some((2, 2_147_483_647)));
        assert_eq!(int(Some(1), Some(50)).integer_range(), Some((1, 50)));
        // A model bound beyond the width is cut to it.
        assert_eq!(
            int(Some(-1 << 40), Some(1 << 40)).integer_range(),
            Some((-2_147_483_648, 2_147_483_647))
        );
        assert_eq!(long(None, None).integer_range(), Some((i64::MIN, i64::MAX)));
        assert_eq!(long(Some(0), None).integer_range(), Some((0, i64::MAX)));
        assert_eq!(ShapeKind::Double.integer_range(), None);
    }
}
