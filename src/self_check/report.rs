//! What a self-check found: per run the scenarios that failed, and the report of the whole
//! check (the matrix, its Markdown table, the closing summary).

use crate::server::faults::Fault;
use std::time::Duration;

/// A scenario that failed: `Feature / Scenario`, and the catalogue entries it is tagged with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catch {
    pub scenario: String,
    pub behaviours: Vec<String>,
    /// Why it failed (the failing step and its message).
    pub failure: String,
}

/// How one run went.
#[derive(Debug, Clone)]
pub struct RunVerdict {
    /// None for the faithful server.
    pub fault: Option<Fault>,
    /// The scenarios that failed (or had an undefined step).
    pub failed: Vec<Catch>,
    pub scenarios: usize,
    /// Why the run could not judge anything (server did not start, features did not parse).
    pub error: Option<String>,
    pub elapsed: Duration,
}

impl RunVerdict {
    /// The fault was caught: the run judged and something failed.
    pub fn caught(&self) -> bool {
        self.error.is_none() && !self.failed.is_empty()
    }

    /// Some catching scenario checks an entry the fault breaks (not only a side effect).
    pub fn caught_on_entry(&self) -> bool {
        let Some(fault) = self.fault else {
            return false;
        };
        self.failed.iter().any(|c| {
            c.behaviours
                .iter()
                .any(|b| fault.behaviours().contains(&b.as_str()))
        })
    }
}

/// The whole self-check.
#[derive(Debug, Clone)]
pub struct SelfCheckReport {
    pub clean: RunVerdict,
    /// One per fault, in catalogue order.
    pub faults: Vec<RunVerdict>,
    pub elapsed: Duration,
}

impl SelfCheckReport {
    /// The faults no scenario caught (or whose run could not judge).
    pub fn missed(&self) -> Vec<Fault> {
        self.faults
            .iter()
            .filter(|v| !v.caught())
            .filter_map(|v| v.fault)
            .collect()
    }

    /// The clean server passed everything and every fault was caught.
    pub fn passed(&self) -> bool {
        self.clean.error.is_none()
            && self.clean.failed.is_empty()
            && self.clean.scenarios > 0
            && self.missed().is_empty()
    }

    /// The matrix: fault, the entries it breaks, the scenarios that caught it or MISSED.
    /// `all` lists every catching scenario instead of the first few.
    pub fn matrix(&self, all: bool) -> String {
        let width = self
            .faults
            .iter()
            .filter_map(|v| v.fault.map(|f| f.name().len()))
            .max()
            .unwrap_or(5)
            .max(5);
        let breaks_width = self
            .faults
            .iter()
            .filter_map(|v| v.fault.map(|f| f.behaviours().join(",").len()))
            .max()
            .unwrap_or(6)
            .max(6);
        let mut out = format!(
            "{:width$}  {:breaks_width$}  CAUGHT BY\n",
            "FAULT", "BREAKS"
        );
        for v in &self.faults {
            let Some(fault) = v.fault else { continue };
            let caught = if let Some(e) = &v.error {
                format!("MISSED (the run did not judge: {e})")
            } else if v.failed.is_empty() {
                "MISSED".to_string()
            } else {
                let shown = if all { v.failed.len() } else { 2 };
                let mut names: Vec<String> = v
                    .failed
                    .iter()
                    .take(shown)
                    .map(|c| c.scenario.clone())
                    .collect();
                if v.failed.len() > shown {
                    names.push(format!("+{} more", v.failed.len() - shown));
                }
                let side = if v.caught_on_entry() {
                    ""
                } else {
                    " [only through other entries]"
                };
                format!("{}{side}", names.join("; "))
            };
            out.push_str(&format!(
                "{:width$}  {:breaks_width$}  {caught}\n",
                fault.name(),
                fault.behaviours().join(",")
            ));
        }
        out
    }

    /// The matrix as a Markdown table: per fault the entries it breaks, what it does, how many
    /// scenarios caught it and the first of them that checks an entry it breaks.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| fault | breaks | what the server does | caught by |\n|---|---|---|---|\n",
        );
        for v in &self.faults {
            let Some(fault) = v.fault else { continue };
            let caught = if !v.caught() {
                "**MISSED**".to_string()
            } else {
                let on_entry = v.failed.iter().find(|c| {
                    c.behaviours
                        .iter()
                        .any(|b| fault.behaviours().contains(&b.as_str()))
                });
                let first = on_entry.unwrap_or(&v.failed[0]);
                match v.failed.len() {
                    1 => first.scenario.clone(),
                    n => format!("{} (+{} more)", first.scenario, n - 1),
                }
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                fault.name(),
                fault.behaviours().join(", "),
                fault.description(),
                caught.replace('|', "\\|")
            ));
        }
        out
    }

    /// The closing lines: the clean run, the counts, what was missed.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let clean = &self.clean;
        match &clean.error {
            Some(e) => out.push_str(&format!("clean server: the run did not judge: {e}\n")),
            None if clean.failed.is_empty() => out.push_str(&format!(
                "clean server: {} scenarios, all passed\n",
                clean.scenarios
            )),
            None => {
                out.push_str(&format!(
                    "clean server: {} of {} scenarios FAILED\n",
                    clean.failed.len(),
                    clean.scenarios
                ));
                for c in &clean.failed {
                    out.push_str(&format!(
                        "  - {}\n    {}\n",
                        c.scenario,
                        c.failure.replace('\n', "\n    ")
                    ));
                }
            }
        }
        let caught = self.faults.iter().filter(|v| v.caught()).count();
        let on_entry = self.faults.iter().filter(|v| v.caught_on_entry()).count();
        out.push_str(&format!(
            "{caught}/{} faults caught ({on_entry} by a scenario of an entry they break), {:.1}s\n",
            self.faults.len(),
            self.elapsed.as_secs_f64()
        ));
        let mut slowest: Vec<&RunVerdict> = self.faults.iter().collect();
        slowest.sort_by_key(|v| std::cmp::Reverse(v.elapsed));
        let slowest: Vec<String> = slowest
            .iter()
            .take(3)
            .filter_map(|v| {
                v.fault
                    .map(|f| format!("{} {:.1}s", f.name(), v.elapsed.as_secs_f64()))
            })
            .collect();
        if !slowest.is_empty() {
            out.push_str(&format!(
                "clean run {:.1}s; slowest fault runs: {}\n",
                clean.elapsed.as_secs_f64(),
                slowest.join(", ")
            ));
        }
        let missed = self.missed();
        if !missed.is_empty() {
            let names: Vec<&str> = missed.iter().map(|f| f.name()).collect();
            out.push_str(&format!("MISSED: {}\n", names.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(fault: Option<Fault>, failed: &[(&str, &[&str])]) -> RunVerdict {
        RunVerdict {
            fault,
            failed: failed
                .iter()
                .map(|(s, b)| Catch {
                    scenario: s.to_string(),
                    behaviours: b.iter().map(|x| x.to_string()).collect(),
                    failure: "step failed".into(),
                })
                .collect(),
            scenarios: 10,
            error: None,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn a_fault_no_scenario_fails_is_missed_and_fails_the_check() {
        let report = SelfCheckReport {
            clean: verdict(None, &[]),
            faults: vec![
                verdict(
                    Some(Fault::AscendingByDefault),
                    &[("Listing / default order", &["B-LIST-01"])],
                ),
                verdict(Some(Fault::TargetIgnored), &[]),
            ],
            elapsed: Duration::ZERO,
        };
        assert_eq!(report.missed(), vec![Fault::TargetIgnored]);
        assert!(!report.passed());
        let m = report.matrix(false);
        assert!(m.contains("ascending-by-default"), "{m}");
        assert!(m.contains("Listing / default order"), "{m}");
        assert!(
            m.lines()
                .any(|l| l.starts_with("target-ignored") && l.ends_with("MISSED")),
            "{m}"
        );
        assert!(report.summary().contains("MISSED: target-ignored"));
        let md = report.markdown();
        assert!(md.contains("| `target-ignored` | B-MSG-07 |"), "{md}");
        assert!(md.contains("**MISSED**"), "{md}");
    }

    #[test]
    fn a_failing_clean_run_fails_the_check_even_when_all_faults_are_caught() {
        let report = SelfCheckReport {
            clean: verdict(None, &[("Channels / something", &["B-CH-01"])]),
            faults: vec![verdict(
                Some(Fault::CreatorNotMember),
                &[("Channels / creator", &["B-CH-05"])],
            )],
            elapsed: Duration::ZERO,
        };
        assert!(report.missed().is_empty());
        assert!(!report.passed());
        assert!(report.summary().contains("FAILED"), "{}", report.summary());
    }

    #[test]
    fn a_catch_through_other_entries_is_marked() {
        let v = verdict(
            Some(Fault::CreatorNotMember),
            &[("Messages / send", &["B-MSG-01"])],
        );
        assert!(v.caught());
        assert!(!v.caught_on_entry());
        let mut errored = verdict(Some(Fault::CreatorNotMember), &[("x", &["B-CH-05"])]);
        errored.error = Some("no server".into());
        assert!(!errored.caught());
    }
}
