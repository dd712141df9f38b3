//! A cucumber writer that keeps every scenario's result. Events of concurrent scenarios
//! interleave, so results are keyed by scenario; a line is printed per finished scenario. A
//! step that failed for want of a judgeable answer, or because the run was stopped, is kept
//! as what it is (its World says so), not as a failure.

use super::exchange::Exchange;
use super::progress::Progress;
use super::retries::epoch_seconds;
use super::scenario::{Ending, ScenarioResult, StepResult, StepStatus};
use super::scenario_id::example_row;
use crate::harness::world::{ChimeWorld, Trouble};
use cucumber::event::{self, HookType};
use cucumber::{Event, cli, gherkin, parser, writer};
use std::collections::BTreeMap;
use std::time::SystemTime;

/// A cucumber writer that keeps every scenario's result.
#[derive(Debug, Default)]
pub struct Collector {
    pub scenarios: Vec<ScenarioResult>,
    index: BTreeMap<(String, usize, usize), usize>,
    pub parse_errors: Vec<String>,
    /// Print a line per finished scenario.
    pub verbose: bool,
    /// How far the run has got, when shown.
    pub progress: Option<Progress>,
}

impl writer::Normalized for Collector {}

impl Collector {
    pub fn new(verbose: bool) -> Collector {
        Collector {
            verbose,
            ..Collector::default()
        }
    }

    /// Shows progress towards `total` scenarios; `None` shows none.
    pub fn with_progress(mut self, total: Option<usize>) -> Collector {
        self.progress = total.map(Progress::new);
        self
    }

    /// Ends the progress display.
    pub fn finish_progress(&mut self) {
        if let Some(p) = &mut self.progress {
            p.finish();
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
                example: example_row(scenario),
                line: scenario.position.line,
                column: scenario.position.col,
                tags,
                steps: Vec::new(),
                hook_error: None,
                finished: false,
                started: None,
                seconds: 0.0,
                not_started: false,
                retried: Vec::new(),
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
        let mut progress = self.progress.take();
        let slot = self.slot(feature, rule, scenario);
        match ev {
            event::Scenario::Started => slot.started = Some(at),
            event::Scenario::Hook(_, event::Hook::Failed(Some(world), _))
                if world.trouble == Some(Trouble::NotStarted) =>
            {
                slot.not_started = true;
            }
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
                if verbose && !slot.not_started {
                    let mark = match slot.ending() {
                        Ending::Failed => "FAIL",
                        Ending::Undefined => "UNDEF",
                        Ending::Inconclusive => "INCONCLUSIVE",
                        Ending::Interrupted => "STOPPED",
                        Ending::Passed => "ok  ",
                    };
                    let line = format!("{mark} {}: {}", slot.feature, slot.name);
                    match &progress {
                        Some(p) => p.println(&line),
                        None => println!("{line}"),
                    }
                }
                if let Some(p) = &mut progress
                    && !slot.not_started
                {
                    p.finished(matches!(slot.ending(), Ending::Failed | Ending::Undefined));
                }
            }
        }
        self.progress = progress;
    }
}

fn record_step(
    slot: &mut ScenarioResult,
    step: &gherkin::Step,
    ev: event::Step<ChimeWorld>,
    at: SystemTime,
) {
    let now = epoch_seconds(at);
    let mut exchange = None;
    let (status, error) = match ev {
        event::Step::Started => {
            slot.steps.push(StepResult {
                keyword: step.keyword.clone(),
                text: step.value.clone(),
                line: step.position.line,
                status: StepStatus::Skipped,
                error: None,
                seconds: 0.0,
                started_at: now,
                exchange: None,
            });
            return;
        }
        event::Step::Passed(..) => (StepStatus::Passed, None),
        event::Step::Skipped => (StepStatus::Skipped, None),
        event::Step::Failed(_, _, world, err) => {
            let status = match world.as_ref().and_then(|w| w.trouble.as_ref()) {
                Some(Trouble::Inconclusive(_)) => StepStatus::Inconclusive,
                Some(Trouble::Interrupted(_) | Trouble::NotStarted) => StepStatus::Interrupted,
                None => StepStatus::Failed,
            };
            exchange = world
                .as_ref()
                .and_then(|w| w.last.as_ref())
                .map(Exchange::of);
            (status, Some(step_error(&err)))
        }
    };
    match slot
        .steps
        .iter_mut()
        .rev()
        .find(|s| s.line == step.position.line && s.text == step.value)
    {
        Some(s) => {
            s.status = status;
            s.error = error;
            s.exchange = exchange;
            s.seconds = (now - s.started_at).max(0.0);
        }
        None => slot.steps.push(StepResult {
            keyword: step.keyword.clone(),
            text: step.value.clone(),
            line: step.position.line,
            status,
            error,
            seconds: 0.0,
            started_at: now,
            exchange,
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
