//! The JUnit XML report: one testsuite per feature; a failure names the behaviours it broke.
//! A scenario without a judgeable answer is an `<error>` (the target was unavailable), not a
//! `<failure>`; one the run's interruption stopped is `<skipped>`, and so is a failure the
//! baseline lists as a known deviation (with its reason), so that a CI's test view shows only
//! what fails the run; the calls a scenario retried are listed in its `<system-out>`.

use super::scenario::{Ending, ScenarioResult, SkippedScenario};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escapes text for XML (and HTML) attributes and content, dropping the control characters
/// XML 1.0 cannot carry.
pub fn xml(text: &str) -> String {
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
/// `known` gives the baseline's reason for a failure it lists.
pub fn junit(
    scenarios: &[ScenarioResult],
    skipped: &[SkippedScenario],
    known: &dyn Fn(&ScenarioResult) -> Option<String>,
) -> String {
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
        let count = |e: &[Ending]| ran.iter().filter(|s| e.contains(&s.ending())).count();
        let failing =
            |s: &&&ScenarioResult| matches!(s.ending(), Ending::Failed | Ending::Undefined);
        let listed = ran
            .iter()
            .filter(failing)
            .filter(|s| known(s).is_some())
            .count();
        let failures = count(&[Ending::Failed, Ending::Undefined]) - listed;
        let errors = count(&[Ending::Inconclusive]);
        let stopped = count(&[Ending::Interrupted]);
        let time: f64 = ran.iter().map(|s| s.seconds).sum();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{}\" time=\"{time:.3}\">",
            xml(feature),
            ran.len() + skip.len(),
            skip.len() + stopped + listed
        );
        for s in ran {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                xml(feature),
                xml(&s.name),
                s.seconds
            );
            let retried: Vec<String> = s.retried.iter().map(|n| n.line()).collect();
            let body = match (s.ending(), s.failure()) {
                (Ending::Passed, _) | (_, None) => String::new(),
                (Ending::Inconclusive, Some(f)) => format!(
                    "      <error message=\"inconclusive: no judgeable answer\">{}</error>\n",
                    xml(&f)
                ),
                (Ending::Interrupted, Some(f)) => format!(
                    "      <skipped message=\"interrupted: the run was stopped\">{}</skipped>\n",
                    xml(&f)
                ),
                (Ending::Failed | Ending::Undefined, Some(f)) if known(s).is_some() => format!(
                    "      <skipped message=\"known deviation: {}\">{}</skipped>\n",
                    xml(&known(s).unwrap_or_default()),
                    xml(&f)
                ),
                (Ending::Failed | Ending::Undefined, Some(f)) => format!(
                    "      <failure message=\"broke {} ({})\">{}</failure>\n",
                    xml(&s.behaviours().join(", ")),
                    xml(s.evidence()),
                    xml(&f)
                ),
            };
            let system_out = if retried.is_empty() {
                String::new()
            } else {
                format!(
                    "      <system-out>retried calls:\n{}</system-out>\n",
                    xml(&retried.join("\n"))
                )
            };
            if body.is_empty() && system_out.is_empty() {
                out.push_str("/>\n");
            } else {
                let _ = write!(out, ">\n{body}{system_out}    </testcase>\n");
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
    fn an_inconclusive_scenario_is_an_error_not_a_failure() {
        let report = junit(&[scenario(StepStatus::Inconclusive)], &[], &|_| None);
        assert!(report.contains("failures=\"0\" errors=\"1\""), "{report}");
        assert!(report.contains("<error message=\"inconclusive"), "{report}");
        let report = junit(&[scenario(StepStatus::Interrupted)], &[], &|_| None);
        assert!(report.contains("skipped=\"1\""), "{report}");
    }

    #[test]
    fn junit_names_the_broken_behaviours_and_escapes() {
        let report = junit(
            &[scenario(StepStatus::Failed), scenario(StepStatus::Passed)],
            &[],
            &|_| None,
        );
        assert!(report.contains("failures=\"1\""), "{report}");
        assert!(report.contains("broke B-MSG-02 (doc)"), "{report}");
        assert!(report.contains("a &lt;STANDARD&gt; message"), "{report}");
    }

    #[test]
    fn a_known_deviation_is_skipped_with_its_reason_not_failed() {
        let failed = scenario(StepStatus::Failed);
        let report = junit(std::slice::from_ref(&failed), &[], &|_| {
            Some("our mock sorts <oldest> first".into())
        });
        assert!(report.contains("failures=\"0\""), "{report}");
        assert!(report.contains("skipped=\"1\""), "{report}");
        assert!(
            report.contains(
                "<skipped message=\"known deviation: our mock sorts &lt;oldest&gt; first\">"
            ),
            "{report}"
        );
    }
}
