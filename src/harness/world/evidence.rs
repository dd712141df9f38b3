//! The evidence level of a scenario, from its tag: how strongly its failures count.

/// The evidence level of a scenario, from its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Evidence {
    /// Also the level of an untagged scenario: its failures count.
    #[default]
    Doc,
    Model,
    Sdk,
    Observed,
    Assumed,
}

impl Evidence {
    pub const TAGS: [&'static str; 5] = ["doc", "model", "sdk", "observed", "assumed"];

    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a String>) -> Option<Evidence> {
        tags.into_iter().find_map(|t| match t.as_str() {
            "doc" => Some(Evidence::Doc),
            "model" => Some(Evidence::Model),
            "sdk" => Some(Evidence::Sdk),
            "observed" => Some(Evidence::Observed),
            "assumed" => Some(Evidence::Assumed),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_comes_from_the_first_evidence_tag() {
        let tags = vec!["op:CreateChannel".to_string(), "model".to_string()];
        assert_eq!(Evidence::from_tags(&tags), Some(Evidence::Model));
        assert_eq!(Evidence::from_tags(&vec!["B-CH-01".to_string()]), None);
    }
}
