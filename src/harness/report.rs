//! Collects what cucumber reports per scenario (events of concurrent scenarios interleave,
//! so results are keyed by scenario), prints one line per finished scenario, and renders
//! the summary, the JUnit file and the cucumber JSON file.

use super::world::ChimeWorld;
use cucumber::event::{self, HookType};
use cucumber::{Event, cli, gherkin, parser, writer};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::SystemTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Passed,
    Failed,
    /// No step definition matched (or an earlier step failed).
    Skipped,
}

#[derive(Debug, Clone)]
pub struct StepResult {
    pub keyword: String,
    pub text: String,
    pub line: usize,
    pub status: StepStatus,
    pub error: Option<String>,
    pub seconds: f64,
}

#[derive(Debug, Clone)]
pub struct ScenarioResult {
    pub feature: String,
    pub feature_file: String,
    pub name: String,
    pub line: usize,
    /// Feature, rule and scenario tags, without `@`.
    pub tags: Vec<String>,
    pub steps: Vec<StepResult>,
    pub hook_error: Option<String>,
    pub finished: bool,
    started: Option<SystemTime>,
    pub seconds: f64,
}

impl ScenarioResult {
    pub fn failed(&self) -> bool {
        self.hook_error.is_some() || self.steps.iter().any(|s| s.status == StepStatus::Failed)
    }

    /// A step that matched no definition (not one skipped after a failure).
    pub fn undefined(&self) -> bool {
        !self.failed() && self.steps.iter().any(|s| s.status == StepStatus::Skipped)
    }

    pub fn passed(&self) -> bool {
        !self.failed() && !self.undefined()
    }

    /// The catalogue entries the scenario checks.
    pub fn behaviours(&self) -> Vec<&str> {
        let mut b: Vec<&str> = self
            .tags
            .iter()
            .filter(|t| t.starts_with("B-"))
            .map(String::as_str)
            .collect();
        b.dedup();
        b
    }

    pub fn evidence(&self) -> &str {
        self.tags
            .iter()
            .find(|t| super::world::Evidence::TAGS.contains(&t.as_str()))
            .map_or("untagged", String::as_str)
    }

    /// The first failure, as one paragraph.
    pub fn failure(&self) -> Option<String> {
        if let Some(h) = &self.hook_error {
            return Some(format!("hook failed: {h}"));
        }
        if let Some(s) = self.steps.iter().find(|s| s.status == StepStatus::Failed) {
            return Some(format!(
                "{} {} (line {}):\n{}",
                s.keyword.trim(),
                s.text,
                s.line,
                s.error.as_deref().unwrap_or("failed")
            ));
        }
        self.steps
            .iter()
            .find(|s| s.status == StepStatus::Skipped)
            .map(|s| {
                format!(
                    "no step definition matches \"{} {}\" (line {})",
                    s.keyword.trim(),
                    s.text,
                    s.line
                )
            })
    }
}

/// A cucumber writer that keeps every scenario's result.
#[derive(Debug, Default)]
pub struct Collector {
    pub scenarios: Vec<ScenarioResult>,
    index: BTreeMap<(String, usize, usize), usize>,
    pub parse_errors: Vec<String>,
    /// Print a line per finished scenario.
    pub verbose: bool,
}

impl writer::Normalized for Collector {}

impl Collector {
    pub fn new(verbose: bool) -> Collector {
        Collector {
            verbose,
            ..Collector::default()
        }
    }

    fn slot(
        &mut self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
    ) -> &mut ScenarioResult {
        let file = feature
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| feature.name.clone());
        let key = (file.clone(), scenario.position.line, scenario.position.col);
        let next = self.scenarios.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            let tags = feature
                .tags
                .iter()
                .chain(rule.iter().flat_map(|r| &r.tags))
                .chain(&scenario.tags)
                .cloned()
                .collect();
            self.scenarios.push(ScenarioResult {
                feature: feature.name.clone(),
                feature_file: file,
                name: scenario.name.clone(),
                line: scenario.position.line,
                tags,
                steps: Vec::new(),
                hook_error: None,
                finished: false,
                started: None,
                seconds: 0.0,
            });
        }
        &mut self.scenarios[i]
    }

    fn on_scenario(
        &mut self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
        ev: event::Scenario<ChimeWorld>,
        at: SystemTime,
    ) {
        let verbose = self.verbose;
        let slot = self.slot(feature, rule, scenario);
        match ev {
            event::Scenario::Started => slot.started = Some(at),
            event::Scenario::Hook(which, event::Hook::Failed(_, info)) => {
                let which = match which {
                    HookType::Before => "before",
                    HookType::After => "after",
                };
                slot.hook_error = Some(format!("{which}: {}", panic_text(&info)));
            }
            event::Scenario::Hook(..) | event::Scenario::Log(_) => {}
            event::Scenario::Background(step, ev) | event::Scenario::Step(step, ev) => {
                record_step(slot, &step, ev, at);
            }
            event::Scenario::Finished => {
                slot.finished = true;
                slot.seconds = slot
                    .started
                    .and_then(|s| at.duration_since(s).ok())
                    .map_or(0.0, |d| d.as_secs_f64());
                if verbose {
                    let mark = if slot.failed() {
                        "FAIL"
                    } else if slot.undefined() {
                        "UNDEF"
                    } else {
                        "ok  "
                    };
                    println!("{mark} {}: {}", slot.feature, slot.name);
                }
            }
        }
    }
}

fn record_step(
    slot: &mut ScenarioResult,
    step: &gherkin::Step,
    ev: event::Step<ChimeWorld>,
    at: SystemTime,
) {
    let (status, error) = match ev {
        event::Step::Started => {
            slot.steps.push(StepResult {
                keyword: step.keyword.clone(),
                text: step.value.clone(),
                line: step.position.line,
                status: StepStatus::Skipped,
                error: None,
                // Holds the start time until the step ends.
                seconds: at
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0.0, |d| d.as_secs_f64()),
            });
            return;
        }
        event::Step::Passed(..) => (StepStatus::Passed, None),
        event::Step::Skipped => (StepStatus::Skipped, None),
        event::Step::Failed(_, _, _, err) => (StepStatus::Failed, Some(step_error(&err))),
    };
    let now = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    match slot
        .steps
        .iter_mut()
        .rev()
        .find(|s| s.line == step.position.line && s.text == step.value)
    {
        Some(s) => {
            s.status = status;
            s.error = error;
            s.seconds = (now - s.seconds).max(0.0);
        }
        None => slot.steps.push(StepResult {
            keyword: step.keyword.clone(),
            text: step.value.clone(),
            line: step.position.line,
            status,
            error,
            seconds: 0.0,
        }),
    }
}

fn panic_text(info: &event::Info) -> String {
    info.downcast_ref::<String>()
        .cloned()
        .or_else(|| info.downcast_ref::<&str>().map(|s| (*s).to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

fn step_error(err: &event::StepError) -> String {
    match err {
        event::StepError::Panic(info) => panic_text(info),
        other => other.to_string(),
    }
}

impl cucumber::Writer<ChimeWorld> for Collector {
    type Cli = cli::Empty;

    async fn handle_event(
        &mut self,
        event: parser::Result<Event<event::Cucumber<ChimeWorld>>>,
        _cli: &Self::Cli,
    ) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                self.parse_errors.push(e.to_string());
                return;
            }
        };
        let (value, _meta) = event.split();
        let now = SystemTime::now();
        if let event::Cucumber::Feature(feature, ev) = value {
            match ev {
                event::Feature::Scenario(sc, retryable) => {
                    self.on_scenario(&feature, None, &sc, retryable.event, now);
                }
                event::Feature::Rule(rule, event::Rule::Scenario(sc, retryable)) => {
                    self.on_scenario(&feature, Some(&rule), &sc, retryable.event, now);
                }
                _ => {}
            }
        }
    }
}

/// A scenario left out because the target lacks a capability it needs.
#[derive(Debug, Clone)]
pub struct SkippedScenario {
    pub feature: String,
    pub name: String,
    pub tags: Vec<String>,
    pub missing: Vec<String>,
}

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

/// A cucumber JSON report (the format cucumber's HTML and CI tools read).
pub fn cucumber_json(scenarios: &[ScenarioResult]) -> Value {
    let mut features: BTreeMap<&str, (String, Vec<Value>)> = BTreeMap::new();
    for s in scenarios {
        let steps: Vec<Value> = s
            .steps
            .iter()
            .map(|st| {
                let status = match st.status {
                    StepStatus::Passed => "passed",
                    StepStatus::Failed => "failed",
                    StepStatus::Skipped => "skipped",
                };
                let mut result = json!({
                    "status": status,
                    "duration": (st.seconds * 1e9) as u64,
                });
                if let Some(e) = &st.error {
                    result["error_message"] = json!(e);
                }
                json!({
                    "keyword": st.keyword,
                    "name": st.text,
                    "line": st.line,
                    "result": result,
                })
            })
            .collect();
        let tags: Vec<Value> = s
            .tags
            .iter()
            .map(|t| json!({"name": format!("@{t}")}))
            .collect();
        let element = json!({
            "id": format!("{};{}", slug(&s.feature), slug(&s.name)),
            "keyword": "Scenario",
            "type": "scenario",
            "name": s.name,
            "line": s.line,
            "tags": tags,
            "steps": steps,
        });
        features
            .entry(&s.feature_file)
            .or_insert_with(|| (s.feature.clone(), Vec::new()))
            .1
            .push(element);
    }
    Value::Array(
        features
            .into_iter()
            .map(|(file, (name, elements))| {
                json!({
                    "uri": format!("features/{file}"),
                    "id": slug(&name),
                    "keyword": "Feature",
                    "name": name,
                    "elements": elements,
                })
            })
            .collect(),
    )
}

fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(status: StepStatus) -> ScenarioResult {
        ScenarioResult {
            feature: "Messages".into(),
            feature_file: "messages.feature".into(),
            name: "a <STANDARD> message".into(),
            line: 3,
            tags: vec![
                "B-MSG-02".into(),
                "doc".into(),
                "op:SendChannelMessage".into(),
            ],
            steps: vec![StepResult {
                keyword: "Then ".into(),
                text: "the call succeeds".into(),
                line: 5,
                status,
                error: (status == StepStatus::Failed).then(|| "expected success".into()),
                seconds: 0.01,
            }],
            hook_error: None,
            finished: true,
            started: None,
            seconds: 0.02,
        }
    }

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

    #[test]
    fn undefined_steps_are_neither_passed_nor_failed() {
        let s = scenario(StepStatus::Skipped);
        assert!(s.undefined() && !s.failed() && !s.passed());
        assert!(
            s.failure()
                .unwrap_or_default()
                .contains("no step definition")
        );
    }

    #[test]
    fn cucumber_json_keeps_tags_and_errors() {
        let v = cucumber_json(&[scenario(StepStatus::Failed)]);
        assert_eq!(v[0]["elements"][0]["tags"][0]["name"], "@B-MSG-02");
        assert_eq!(
            v[0]["elements"][0]["steps"][0]["result"]["status"],
            "failed"
        );
    }
}
