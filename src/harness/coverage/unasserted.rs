//! Why a response member is not asserted: `catalogue/unasserted-members.txt` names the
//! members whose meaning the documents leave unsaid, or that no client can make differ, each
//! with its reason. The coverage report lists every unasserted member with this reason, or
//! as not yet asserted.

use super::listed::listed_lines;
use super::universe::universe;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The checked-in list.
pub const UNASSERTED: &str = include_str!("../../../catalogue/unasserted-members.txt");

/// `service:Structure.Member` -> why no scenario asserts its meaning.
pub type Reasons = BTreeMap<String, String>;

/// A line of the list that does not parse, or names no member of the models' outputs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("line {line}: expected `service:Structure.Member reason`, found {text:?}")]
    Malformed { line: usize, text: String },
    #[error("line {line}: {member} is not a member of an output structure of the models")]
    NotAMember { line: usize, member: String },
    #[error("line {line}: {member} is listed twice")]
    Twice { line: usize, member: String },
}

/// The reasons of the shipped list, read once. A broken list is a mistake its unit test
/// reports; here its readable lines still count.
pub fn explained() -> &'static Reasons {
    static REASONS: OnceLock<Reasons> = OnceLock::new();
    REASONS.get_or_init(|| parse(UNASSERTED).unwrap_or_else(|(reasons, _)| reasons))
}

/// Reads a list; on errors, what could be read and every error.
pub fn parse(text: &str) -> Result<Reasons, (Reasons, Vec<ListError>)> {
    let members = &universe().output_members;
    let mut reasons = Reasons::new();
    let mut errors = Vec::new();
    for (line, text) in listed_lines(text) {
        let Some((member, reason)) = text
            .split_once(char::is_whitespace)
            .map(|(m, r)| (m, r.trim()))
            .filter(|(_, r)| !r.is_empty())
        else {
            errors.push(ListError::Malformed {
                line,
                text: text.to_owned(),
            });
            continue;
        };
        if !members.contains(member) {
            errors.push(ListError::NotAMember {
                line,
                member: member.to_owned(),
            });
        } else if reasons
            .insert(member.to_owned(), reason.to_owned())
            .is_some()
        {
            errors.push(ListError::Twice {
                line,
                member: member.to_owned(),
            });
        }
    }
    if errors.is_empty() {
        Ok(reasons)
    } else {
        Err((reasons, errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_reads_and_names_only_output_members() {
        if let Err((_, errors)) = parse(UNASSERTED) {
            panic!("{errors:#?}");
        }
    }

    #[test]
    fn bad_lines_are_reported_with_their_numbers() {
        let text = "# a comment\n\
                    messaging:Channel.Name\n\
                    messaging:Nope.Member a reason\n\
                    messaging:Channel.Mode set by the caller\n\
                    messaging:Channel.Mode again\n";
        let (read, errors) = parse(text).unwrap_err();
        assert_eq!(read.len(), 1);
        assert_eq!(
            errors,
            vec![
                ListError::Malformed {
                    line: 2,
                    text: "messaging:Channel.Name".into()
                },
                ListError::NotAMember {
                    line: 3,
                    member: "messaging:Nope.Member".into()
                },
                ListError::Twice {
                    line: 5,
                    member: "messaging:Channel.Mode".into()
                },
            ]
        );
    }
}
