//! The generated feature files: each states one catalogue rule over every operation the model
//! says it governs.

use super::gherkin::{Feature, Outline};
use super::sets::{self, Op};
use crate::model::Service;
use crate::model::constraints;

const BACKGROUND: [&str; 2] = [
    "Given the users alice and bob",
    "And a PRIVATE channel \"general\" created by alice with member bob",
];

fn background() -> Vec<String> {
    BACKGROUND.iter().map(|s| s.to_string()).collect()
}

/// The rest of each input, as the steps fill it.
const VALID_INPUT: &str = "A valid input is the model's sample input with its required members, \
     in this scenario's AppInstance: the channel general, alice as the caller, bob where a user \
     is named, a message alice sent where one is named, and fresh idempotency tokens.";

pub(super) fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 92 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn rows(ops: &[Op], error: impl Fn(&Op) -> Option<&'static str>) -> Vec<(String, Vec<String>)> {
    ops.iter()
        .filter_map(|op| {
            let e = error(op)?;
            Some((op.name(), vec![op.name(), e.to_string()]))
        })
        .collect()
}

/// B-AUTH-01/03: every operation that takes the bearer refuses a call without one, or with one
/// that names no user of the channel's AppInstance.
pub fn bearer() -> Feature {
    let ops = sets::bearer();
    let unauthorized = |op: &Op| {
        op.lists("UnauthorizedClientException")
            .then_some("UnauthorizedClientException")
    };
    Feature {
        title: "Every operation that names its caller refuses a call that names none".into(),
        description: wrap(&format!(
            "B-AUTH-01: channel, message, membership, moderator and ban operations name their caller \
             in the x-amz-chime-bearer header. The operations here are those whose model input has \
             that header ({} of them). {VALID_INPUT}",
            ops.len()
        )),
        background: background(),
        outlines: vec![
            Outline {
                tags: vec!["@B-AUTH-01".into(), "@B-AUTH-03".into(), "@observed".into()],
                comment: vec![],
                title: "<operation> without a bearer is an <error>".into(),
                steps: vec![
                    "When <operation> is called with a valid input but no bearer".into(),
                    "Then the call fails with <error>".into(),
                ],
                columns: vec!["operation", "error"],
                rows: rows(&ops, unauthorized),
            },
            Outline {
                tags: vec!["@B-AUTH-03".into(), "@assumed".into()],
                comment: wrap(
                    "The service was observed to refuse a bearer that names no user of the AppInstance; \
                     a real user of another AppInstance is assumed to be refused the same way. Only \
                     operations that name a resource by its ARN belong to an AppInstance besides the \
                     caller's own.",
                ),
                title: "<operation> called by a user of another AppInstance is an <error>".into(),
                steps: vec![
                    "Given a user \"mallory\" of another AppInstance".into(),
                    "When mallory calls <operation> with a valid input".into(),
                    "Then the call fails with <error>".into(),
                ],
                columns: vec!["operation", "error"],
                rows: rows(&ops, |op| {
                    unauthorized(op).filter(|_| op.names_a_resource())
                }),
            },
        ],
    }
}

/// B-CH-09: every operation that names a channel in its path answers a call on a channel that
/// does not exist with NotFoundException where it lists it, ForbiddenException otherwise.
pub fn missing_channel() -> Feature {
    let ops = sets::channel();
    Feature {
        title: "Every channel operation refuses a channel that does not exist".into(),
        description: wrap(&format!(
            "B-CH-09: a call on a channel that does not exist fails with NotFoundException where the \
             operation models it, ForbiddenException otherwise. The operations here are those with a \
             ChannelArn in their path ({} of them). {VALID_INPUT}",
            ops.len()
        )),
        background: background(),
        outlines: vec![Outline {
            tags: vec!["@B-CH-09".into(), "@B-WIRE-08".into(), "@assumed".into()],
            comment: vec![],
            title: "<operation> on a channel that does not exist is a <error>".into(),
            steps: vec![
                "When alice calls <operation> on a channel that does not exist".into(),
                "Then the call fails with <error>".into(),
            ],
            columns: vec!["operation", "error"],
            rows: rows(&ops, |op| {
                if op.lists("NotFoundException") {
                    Some("NotFoundException")
                } else if op.lists("ForbiddenException") {
                    Some("ForbiddenException")
                } else {
                    None
                }
            }),
        }],
    }
}

/// B-CH-09, beyond channels: every other operation that names a resource by its ARN refuses
/// one that does not exist.
pub fn missing_resource() -> Feature {
    let ops = sets::resource();
    let rows = ops
        .iter()
        .filter_map(|(op, member)| {
            let error = if op.lists("NotFoundException") {
                "NotFoundException"
            } else if op.lists("ForbiddenException") {
                "ForbiddenException"
            } else {
                return None;
            };
            Some((
                op.name(),
                vec![op.name(), format!("/{member}"), error.to_string()],
            ))
        })
        .collect();
    Feature {
        title: "Every operation refuses a resource that does not exist".into(),
        description: wrap(&format!(
            "B-CH-09, for the resources besides channels: a call that names a resource that does \
             not exist fails with NotFoundException where the operation models it, \
             ForbiddenException otherwise. The operations here are those without a ChannelArn in \
             their path that name a resource in a required ARN member ({} of them); the ARN \
             named is the valid one with \"-gone\" appended. {VALID_INPUT}",
            ops.len()
        )),
        background: background(),
        outlines: vec![Outline {
            tags: vec!["@B-CH-09".into(), "@assumed".into()],
            comment: vec![],
            title: "<operation> naming in <member> a resource that does not exist is a <error>"
                .into(),
            steps: vec![
                "When alice calls <operation> with \"<member>\" naming a resource that does not exist"
                    .into(),
                "Then the call fails with <error>".into(),
            ],
            columns: vec!["operation", "member", "error"],
            rows,
        }],
    }
}

/// B-WIRE-10: every operation with a retry token refuses the token again with other
/// parameters.
pub fn idempotency() -> Feature {
    let ops = sets::idempotent();
    let rows = ops
        .iter()
        .filter(|i| i.op.lists("ConflictException"))
        .map(|i| (i.op.name(), vec![i.op.name(), format!("/{}", i.changed)]))
        .collect();
    Feature {
        title: "Every retry token refuses a retry with other parameters".into(),
        description: wrap(&format!(
            "B-WIRE-10: a ClientRequestToken repeated with the same parameters returns the first \
             result; with different parameters it is a ConflictException. The operations here are \
             those whose input has an idempotency token the SDKs fill ({} of them); the member \
             changed is a plain string of the input, a required one where there is one. \
             {VALID_INPUT}",
            ops.len()
        )),
        background: background(),
        outlines: vec![Outline {
            tags: vec!["@B-WIRE-10".into(), "@assumed".into()],
            comment: vec![],
            title: "<operation> refuses its token again with <member> changed".into(),
            steps: vec![
                "When alice calls <operation> with a valid input".into(),
                "Then the call succeeds".into(),
                "When alice calls <operation> again with the same token and \"<member>\" set to \
                 the text \"changed-on-retry\""
                    .into(),
                "Then the call fails with ConflictException".into(),
            ],
            columns: vec!["operation", "member"],
            rows,
        }],
    }
}

/// B-WIRE-14: every input member of one service's operations is refused at the first value
/// past each of its modelled constraints and taken at the boundary.
pub fn input_constraints(service: Service) -> Feature {
    let ops: Vec<Op> = sets::all()
        .into_iter()
        .filter(|op| op.service == service)
        .collect();
    let mut past = Vec::new();
    let mut boundary = Vec::new();
    for op in ops.iter().filter(|op| op.lists("BadRequestException")) {
        for c in constraints::of(op.service, op.operation) {
            let cells =
                |value: String| vec![op.name(), c.pointer.clone(), c.rule.to_string(), value];
            past.push((op.name(), cells(c.past.to_string())));
            if let Some(b) = &c.boundary {
                boundary.push((op.name(), cells(b.to_string())));
            }
        }
    }
    let described = format!(
        "B-WIRE-14: each member of each {service} operation's input, at the first value past each \
         constraint the model states (required, length, range, enum, pattern, list size), is refused \
         with BadRequestException, and at the boundary value itself is not refused as invalid input \
         ({} values past a constraint, {} boundary values). {VALID_INPUT} Left out: URI labels left \
         out or empty (another path), the bearer (its own rules), idempotency tokens left out (the \
         SDKs fill them, B-WIRE-09), patterns every string matches, boundaries the pattern forbids, \
         lists of ARNs at their size bounds (they would need that many resources), and the \
         boundaries of {}.",
        past.len(),
        boundary.len(),
        constraints::NO_BOUNDARY
            .iter()
            .map(|(m, why)| format!("{m} ({why})"))
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let columns = vec!["operation", "member", "rule", "value"];
    Feature {
        title: format!("Every {service} input member is held to its modelled constraints"),
        description: wrap(&described),
        background: background(),
        outlines: vec![
            Outline {
                tags: vec!["@B-WIRE-14".into(), "@model".into()],
                comment: vec![],
                title: "<operation> refuses <member> set to <value>, past \"<rule>\"".into(),
                steps: vec![
                    "When alice calls <operation> with \"<member>\" set to <value>".into(),
                    "Then the call fails with BadRequestException".into(),
                ],
                columns: columns.clone(),
                rows: past,
            },
            Outline {
                tags: vec!["@B-WIRE-14".into(), "@model".into()],
                comment: vec![],
                title: "<operation> takes <member> set to <value>, the boundary of \"<rule>\""
                    .into(),
                steps: vec![
                    "When alice calls <operation> with \"<member>\" set to <value>".into(),
                    "Then the call is not refused as invalid input".into(),
                ],
                columns,
                rows: boundary,
            },
        ],
    }
}
