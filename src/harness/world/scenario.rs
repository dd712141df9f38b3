//! The per-scenario state, and the one place every API call goes through: it fills the
//! bearer, sends the call (paced, retried, within the scenario's deadline), notes what was
//! retried, tells a judgeable answer from trouble, validates the response against the model
//! and keeps it for the assertions that follow.

use super::called::Called;
use super::contract::validate;
use super::evidence::Evidence;
use super::resources::{Created, deletion_order, marked_app_instance};
use super::sessions::Sessions;
use super::trouble::{Trouble, judgeable};
use super::values::{obj, str_at, token};
use crate::harness::context::RunContext;
use crate::harness::control::Control;
use crate::harness::expand;
use crate::harness::report::retries::ScenarioKey;
use crate::harness::snapshot::Normaliser;
use crate::harness::snapshot::SnapshotScope;
use crate::model;
use crate::wire::{CallOptions, Sent};
use anyhow::{Context, anyhow, bail};
use cucumber::World;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[derive(World)]
#[world(init = Self::new)]
pub struct ChimeWorld {
    pub ctx: Arc<RunContext>,
    pub scenario: String,
    pub evidence: Evidence,
    number: usize,
    pub app_instance: Option<String>,
    /// Everything a placeholder may name: users, channels, messages, flows, remembered values.
    pub names: BTreeMap<String, String>,
    pub users: BTreeMap<String, String>,
    /// Who created each named channel (the bearer used for cleanup and "moderator" steps).
    pub channel_creators: BTreeMap<String, String>,
    /// The Lambda ARN of each named flow's processor.
    pub processors: BTreeMap<String, String>,
    created: Vec<Created>,
    /// The bearer of the call in flight, recorded with a channel it creates.
    bearer: Option<String>,
    pub last: Option<Called>,
    /// Items gathered across pages by a paging step.
    pub collected: Vec<Value>,
    /// ARNs the last expiration sweep reported deleted.
    pub swept: Vec<String>,
    /// The processor event a flow step found, for the checks that follow.
    pub event: Option<Value>,
    /// Where this scenario's snapshots belong (set before it runs).
    pub snapshot_scope: Option<SnapshotScope>,
    /// The scenario's normaliser, made at its first snapshot step.
    pub normaliser: Option<Normaliser>,
    /// The scenario's messaging sessions and what they received.
    pub sessions: Sessions,
    /// The scenario as the reports know it (set before it runs).
    pub key: Option<ScenarioKey>,
    /// When the scenario's steps must have ended (set before it runs).
    pub deadline: Option<Instant>,
    /// Why the last call gave no verdict, if it gave none; cleared by the next call.
    pub trouble: Option<Trouble>,
    /// Whether calls retry transient failures and wait for the rates: a step that means to
    /// meet a quota turns both off for its own calls.
    pub retries: bool,
}

impl fmt::Debug for ChimeWorld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChimeWorld")
            .field("scenario", &self.scenario)
            .field("app_instance", &self.app_instance)
            .field("names", &self.names)
            .finish_non_exhaustive()
    }
}

impl ChimeWorld {
    fn new() -> anyhow::Result<ChimeWorld> {
        let ctx = RunContext::current().ok_or_else(|| anyhow!("no run is in progress"))?;
        let number = ctx.next_scenario_number();
        Ok(ChimeWorld {
            ctx,
            scenario: String::new(),
            evidence: Evidence::default(),
            number,
            app_instance: None,
            names: BTreeMap::new(),
            users: BTreeMap::new(),
            channel_creators: BTreeMap::new(),
            processors: BTreeMap::new(),
            created: Vec::new(),
            bearer: None,
            last: None,
            collected: Vec::new(),
            swept: Vec::new(),
            event: None,
            snapshot_scope: None,
            normaliser: None,
            sessions: Sessions::default(),
            key: None,
            deadline: None,
            trouble: None,
            retries: true,
        })
    }

    /// Turns a step's result into its verdict: failures in `@assumed` scenarios become
    /// warnings unless the run is strict; the error text carries the whole context chain,
    /// because cucumber shows only the top-level message.
    pub fn verdict(&mut self, result: anyhow::Result<()>) -> anyhow::Result<()> {
        match result {
            Ok(()) => Ok(()),
            // No verdict to soften: the collector reports it as inconclusive or interrupted.
            Err(e) if self.trouble.is_some() => Err(anyhow!("{e:#}")),
            Err(e) if self.evidence == Evidence::Assumed && !self.ctx.strict => {
                self.ctx.warn(&self.scenario, format!("{e:#}"));
                Ok(())
            }
            Err(e) => Err(anyhow!("{e:#}")),
        }
    }

    /// Replaces the placeholders of a step's text.
    pub fn expand(&self, text: &str) -> anyhow::Result<String> {
        expand::expand(text, &self.names).map_err(|e| anyhow!(e))
    }

    /// Parses a doc string (after expanding its placeholders) into a JSON object.
    pub fn doc_object(&self, doc: Option<&str>) -> anyhow::Result<Map<String, Value>> {
        let Some(doc) = doc else {
            return Ok(Map::new());
        };
        let text = self.expand(doc)?;
        match serde_json::from_str::<Value>(&text)
            .with_context(|| format!("the step's JSON does not parse: {}", text.trim()))?
        {
            Value::Object(o) => Ok(o),
            other => bail!("the step's JSON is not an object: {other}"),
        }
    }

    pub fn remember(&mut self, name: &str, value: impl Into<String>) {
        self.names.insert(name.to_string(), value.into());
    }

    pub fn recall(&self, name: &str) -> anyhow::Result<&str> {
        self.names
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| anyhow!("nothing is remembered as \"{name}\""))
    }

    pub fn channel(&self, name: &str) -> anyhow::Result<String> {
        self.recall(name)
            .map(str::to_string)
            .with_context(|| format!("no channel \"{name}\" in this scenario"))
    }

    /// Counts the members at `pointer` of the last answer (and of `compared`, the value a
    /// comparison held them to) as asserted, for the coverage report. Call it once the
    /// assertion has passed; an error answer has no response members to count.
    pub fn asserted(&self, pointer: &str, compared: Option<&Value>) {
        if let Some(last) = self.last.as_ref().filter(|c| c.response.is_success()) {
            self.ctx.coverage.record_asserted(
                last.response.service,
                &last.response.operation,
                pointer,
                compared,
            );
        }
    }

    pub fn last(&self) -> anyhow::Result<&Called> {
        self.last
            .as_ref()
            .ok_or_else(|| anyhow!("no call has been made yet"))
    }

    /// Sends one operation. `bearer` is put in `ChimeBearer` when the operation has that
    /// member and the input does not set it. Every response is validated against the model;
    /// a violation that fails fails the call (a transport error too), the others are warnings.
    pub async fn call(
        &mut self,
        operation: &str,
        mut input: Map<String, Value>,
        bearer: Option<&str>,
    ) -> anyhow::Result<&Called> {
        let (service, op) = model::find_operation(operation)
            .ok_or_else(|| anyhow!("{operation} is not an operation of either service model"))?;
        if let Some(bearer) = bearer {
            let has_bearer = service
                .model()
                .input_structure(op)
                .is_some_and(|s| s.members.contains_key("ChimeBearer"));
            if has_bearer && !input.contains_key("ChimeBearer") {
                input.insert("ChimeBearer".into(), Value::String(bearer.to_string()));
            }
        }
        self.bearer = input
            .get("ChimeBearer")
            .and_then(Value::as_str)
            .map(str::to_string);
        let input = Value::Object(input);
        let started = std::time::Instant::now();
        let answer = self.send(operation, &input).await?;
        self.sessions
            .acknowledged(started, std::time::Instant::now());
        match &answer {
            Ok(response) => self.ctx.coverage.record(response, &input),
            Err(_) => self.ctx.coverage.record_input(service, &op.name, &input),
        }
        let response = answer.with_context(|| format!("{operation}: the call did not complete"))?;
        let called = Called {
            operation: operation.to_string(),
            input,
            response,
        };
        let violations = validate(&called);
        self.last = Some(called);
        let strict = self.ctx.strict;
        let (failing, lenient): (Vec<_>, Vec<_>) =
            violations.into_iter().partition(|v| v.fails(strict));
        let last = self.last()?;
        for v in &lenient {
            self.ctx
                .warn(&self.scenario, format!("{}: {v}", last.describe()));
        }
        if !failing.is_empty() {
            let lines: Vec<String> = failing.iter().map(|v| format!("  - {v}")).collect();
            bail!(
                "{} broke the contract:\n{}",
                last.describe(),
                lines.join("\n")
            );
        }
        self.track_created(service);
        self.last()
    }

    /// Sends a scenario call and notes its retries; trouble (no judgeable answer, the run
    /// stopped, the scenario's deadline passed) is kept for the collector and returned.
    async fn send(
        &mut self,
        operation: &str,
        input: &Value,
    ) -> Result<Result<crate::wire::Response, crate::wire::WireError>, Trouble> {
        self.trouble = None;
        let interrupted = self.ctx.interrupt.why().map(str::to_string);
        if let Some(why) = &interrupted {
            let t = Trouble::Interrupted(format!("the run was stopped ({why}) before {operation}"));
            self.trouble = Some(t.clone());
            return Err(t);
        }
        let opts = CallOptions {
            retry: self.retries,
            pace: self.retries,
            deadline: self.deadline,
            cancel: Some(self.ctx.interrupt.cancel()),
            ..CallOptions::default()
        };
        let sent = self.ctx.client.send(operation, input.clone(), &opts).await;
        self.note(operation, input, &sent);
        let judged = judgeable(
            operation,
            sent,
            opts.retry,
            self.ctx.interrupt.why(),
            self.ctx.scenario_timeout,
        );
        if let Err(t) = &judged {
            self.trouble = Some(t.clone());
        }
        judged
    }

    /// Counts a call's attempts, keeps its retries for the reports, and judges each answer it
    /// retried away against the contract too: a violation there is a warning, never silent.
    fn note(&self, operation: &str, input: &Value, sent: &Sent) {
        self.ctx
            .http_calls
            .fetch_add(sent.attempts(), Ordering::Relaxed);
        self.ctx
            .journal
            .record(self.key.as_ref(), operation, input, sent);
        for response in sent.retried.iter().filter_map(|r| r.response.clone()) {
            let called = Called {
                operation: operation.to_string(),
                input: input.clone(),
                response,
            };
            for v in validate(&called) {
                self.ctx.warn(
                    &self.scenario,
                    format!("{} (retried away): {v}", called.describe()),
                );
            }
        }
    }

    /// Like [`call`](Self::call), but the call must succeed.
    pub async fn call_ok(
        &mut self,
        operation: &str,
        input: Map<String, Value>,
        bearer: Option<&str>,
    ) -> anyhow::Result<Value> {
        let called = self.call(operation, input, bearer).await?;
        if called.response.error.is_some() || called.response.status >= 300 {
            bail!("{} failed", called.describe());
        }
        Ok(called.body().cloned().unwrap_or(Value::Null))
    }

    /// Remembers what a successful create made, so the after-hook can delete it.
    fn track_created(&mut self, service: model::Service) {
        let Some(last) = &self.last else { return };
        if last.response.error.is_some() || last.response.status >= 300 {
            return;
        }
        let created = Created::from_answer(
            service,
            &last.operation,
            last.response.body.as_ref(),
            self.bearer.as_deref(),
        );
        if let Some(c) = created {
            self.created.push(c);
        }
    }

    /// The bearer that created a channel, for acting as its creator.
    pub fn creator_of(&self, channel_arn: &str) -> Option<String> {
        self.created.iter().find_map(|c| match c {
            Created::Channel { arn, bearer } if arn == channel_arn => Some(bearer.clone()),
            _ => None,
        })
    }

    /// The scenario's number in the run, which names its AppInstances.
    pub fn number(&self) -> usize {
        self.number
    }

    /// The scenario's AppInstance, created on first need with a name unique to the run.
    pub async fn app_instance(&mut self) -> anyhow::Result<String> {
        if let Some(arn) = &self.app_instance {
            return Ok(arn.clone());
        }
        let input = marked_app_instance(&self.ctx.run_id, self.number);
        let body = self
            .call_ok("CreateAppInstance", input, None)
            .await
            .context("creating the scenario's AppInstance")?;
        let arn = str_at(&body, "/AppInstanceArn")?;
        // Deleted last, on its own, not with what was created in it.
        self.created
            .retain(|c| !matches!(c, Created::AppInstance { arn: a } if *a == arn));
        self.app_instance = Some(arn.clone());
        self.remember("app", arn.clone());
        Ok(arn)
    }

    /// The ARN of a named AppInstanceUser, created on first mention.
    pub async fn user(&mut self, name: &str) -> anyhow::Result<String> {
        if let Some(arn) = self.users.get(name) {
            return Ok(arn.clone());
        }
        let app = self.app_instance().await?;
        self.user_in(name, &app).await
    }

    /// Creates the named AppInstanceUser in `app` (the scenario's or another AppInstance) and
    /// remembers it under its name.
    pub async fn user_in(&mut self, name: &str, app: &str) -> anyhow::Result<String> {
        let body = self
            .call_ok(
                "CreateAppInstanceUser",
                obj(json!({
                    "AppInstanceArn": app,
                    "AppInstanceUserId": name,
                    "Name": name,
                    "ClientRequestToken": token(),
                })),
                None,
            )
            .await
            .with_context(|| format!("creating the user {name}"))?;
        let arn = str_at(&body, "/AppInstanceUserArn")?;
        self.users.insert(name.to_string(), arn.clone());
        self.remember(name, arn.clone());
        Ok(arn)
    }

    /// Sends `operation` as the named user (created if needed).
    pub async fn call_as(
        &mut self,
        user: &str,
        operation: &str,
        input: Map<String, Value>,
    ) -> anyhow::Result<&Called> {
        let arn = self.user(user).await?;
        self.call(operation, input, Some(&arn)).await
    }

    /// Closes the scenario's sessions, then deletes everything it created, newest first, then
    /// its AppInstance.
    /// Failures are warnings: they leave garbage behind but judge nothing.
    pub async fn clean_up(&mut self) {
        self.sessions.close_all().await;
        let created = deletion_order(std::mem::take(&mut self.created));
        let mut problems = Vec::new();
        for item in &created {
            let Some((op, input)) = item.deletion(self.app_instance.as_deref()) else {
                continue;
            };
            if let Err(e) = self.cleanup_call(op, input).await {
                problems.push(e);
            }
        }
        if let Some(app) = self.app_instance.take()
            && let Err(e) = self
                .cleanup_call("DeleteAppInstance", json!({"AppInstanceArn": app}))
                .await
        {
            problems.push(e);
        }
        for p in problems {
            self.ctx.warn(
                &self.scenario,
                format!("clean-up left something behind: {p}"),
            );
        }
    }

    /// One clean-up call; "already gone" answers count as done. It retries and paces like any
    /// call and, once the run is stopped, goes on until the grace period ends.
    async fn cleanup_call(&mut self, op: &str, input: Value) -> Result<(), String> {
        let opts = CallOptions {
            cancel: Some(self.ctx.interrupt.cancel()),
            finish_when_cancelled: true,
            ..CallOptions::default()
        };
        let sent = self.ctx.client.send(op, input.clone(), &opts).await;
        self.note(op, &input, &sent);
        if sent.transient().is_some() {
            return Err(format!(
                "{op}: {}",
                crate::wire::send::describe(&sent.result)
            ));
        }
        match sent.result {
            Ok(r) if r.status < 300 => Ok(()),
            Ok(r) if matches!(r.status, 403 | 404) => Ok(()),
            Ok(r) => Err(format!(
                "{op}: HTTP {} {}",
                r.status,
                r.error.map(|e| e.shape).unwrap_or_default()
            )),
            Err(e) => Err(format!("{op}: {e}")),
        }
    }

    /// The control client, or an error naming the missing capability (the runner skips
    /// scenarios whose `@needs:` the target lacks, so this only fires on an untagged one).
    pub fn control(&self, capability: &str) -> anyhow::Result<Control> {
        if !self.ctx.has(capability) {
            bail!(
                "the target lacks the \"{capability}\" control capability (tag the scenario @needs:{capability})"
            );
        }
        self.ctx.control_calls.fetch_add(1, Ordering::Relaxed);
        self.ctx
            .control
            .clone()
            .ok_or_else(|| anyhow!("the target has no control endpoints"))
    }
}
