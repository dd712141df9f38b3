//! The JUnit XML report: one testsuite per feature; a failure names the behaviours it broke.

use super::scenario::{ScenarioResult, SkippedScenario};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escapes text for XML attributes and content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A JUnit XML report: one testsuite per feature; a failure names the behaviours it broke.
pub fn junit(scenarios: &[ScenarioResult], skipped: &[SkippedScenario]) -> String {
    let mut by_feature: BTreeMap<&str, (Vec<&ScenarioResult>, Vec<&SkippedScenario>)> =
        BTreeMap::new();
    for s in scenarios {
        by_feature.entry(&s.feature).or_default().0.push(s);
    }
    for s in skipped {
        by_feature.entry(&s.feature).or_default().1.push(s);
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"chime-conformance\">\n",
    );
    for (feature, (ran, skip)) in by_feature {
        let failures = ran.iter().filter(|s| !s.passed()).count();
        let time: f64 = ran.iter().map(|s| s.seconds).sum();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{}\" time=\"{time:.3}\">",
            xml(feature),
            ran.len() + skip.len(),
            skip.len()
        );
        for s in ran {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                xml(feature),
                xml(&s.name),
                s.seconds
            );
            match s.failure() {
                None => out.push_str("/>\n"),
                Some(f) => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"broke {} ({})\">{}</failure>\n    </testcase>",
                        xml(&s.behaviours().join(", ")),
                        xml(s.evidence()),
                        xml(&f)
                    );
                }
            }
        }
        for s in skip {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\">\n      <skipped message=\"the target lacks {}\"/>\n    </testcase>",
                xml(feature),
                xml(&s.name),
                xml(&s.missing.join(", "))
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::report::fixtures::scenario;
    use crate::harness::report::scenario::StepStatus;

    #[test]
    fn junit_names_the_broken_behaviours_and_escapes() {
        let report = junit(
            &[scenario(StepStatus::Failed), scenario(StepStatus::Passed)],
            &[],
        );
        assert!(report.contains("failures=\"1\""), "{report}");
        assert!(report.contains("broke B-MSG-02 (doc)"), "{report}");
        assert!(report.contains("a &lt;STANDARD&gt; message"), "{report}");
    }
}
