//! The behaviour catalogue as the reports show it: each entry's id, evidence level and section.

use crate::harness::context::CATALOGUE;

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// `doc`, `model`, `sdk`, `observed` or `assumed`.
    pub evidence: String,
}

impl Entry {
    /// The section an entry belongs to: its id without the number (`B-MSG-08` -> `B-MSG`).
    pub fn section(&self) -> &str {
        section_of(&self.id)
    }
}

pub fn section_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(s, _)| s)
}

/// A section's name for readers; the id itself for a section this table does not know.
pub fn section_title(section: &str) -> &str {
    match section {
        "B-WIRE" => "Wire format",
        "B-AUTH" => "Caller identity and permissions",
        "B-CH" => "Channels and memberships",
        "B-EXP" => "Channel expiration",
        "B-MSG" => "Messages",
        "B-LIST" => "Listing messages",
        "B-FLOW" => "Channel flows",
        "B-EL" => "Elastic channels",
        "B-WS" => "Messaging sessions",
        "B-RES" => "What answers say",
        other => other,
    }
}

/// The entries of a catalogue listing (`B-EXP-02 doc` per line), in its order.
pub fn entries_of(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let id = words.next().filter(|w| w.starts_with("B-"))?;
            Some(Entry {
                id: id.to_owned(),
                evidence: words.next().unwrap_or("untagged").to_owned(),
            })
        })
        .collect()
}

/// The suite's own catalogue.
pub fn entries() -> Vec<Entry> {
    entries_of(CATALOGUE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_carry_evidence_and_sections() {
        let e = entries_of("B-EXP-02 doc\n# a note\nB-WS-13 observed\n");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].section(), "B-EXP");
        assert_eq!(e[1].evidence, "observed");
        assert_eq!(section_title("B-EXP"), "Channel expiration");
        assert_eq!(section_title("B-NEW"), "B-NEW");
        let all = entries();
        assert_eq!(all.len(), 80);
        assert!(
            all.iter()
                .all(|e| section_title(e.section()) != e.section()),
            "every section of the catalogue has a title"
        );
    }
}
