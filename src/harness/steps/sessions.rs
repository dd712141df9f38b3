//! Messaging sessions: the session endpoint's form (B-WS-01), users connecting (B-WS-02,
//! B-WS-04, B-WS-11) and how a session was closed (B-WS-12). [`judge`] reads every frame the
//! scenario's sessions received since it last ran; each step about sessions calls it, so no
//! frame goes unjudged past the next such step.

use super::parameters::{Pointer, PrefetchSort, Text, User};
use crate::harness::world::ChimeWorld;
use crate::harness::world::sessions::{CONNECT_TIMEOUT, ESTABLISH_TIMEOUT, RECEIVE_TIMEOUT};
use crate::wire::session::{self, ConnectParams};
use anyhow::{Context, anyhow, bail};
use cucumber::{given, then, when};
use serde_json::{Map, Value};

/// Judges the frames that arrived since the last judgement: breaches fail the step (the
/// lenient ones are warnings), and every event type read counts for coverage.
pub(super) fn judge(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let judged = w.sessions.judge(w.ctx.strict);
    for t in &judged.event_types {
        w.ctx.coverage.record_event_type(t);
    }
    for line in judged.warnings {
        w.ctx.warn(&w.scenario, line);
    }
    if !judged.failures.is_empty() {
        bail!(
            "frames that break the documents (B-WS-03, B-WS-14):\n  - {}",
            judged.failures.join("\n  - ")
        );
    }
    Ok(())
}

/// GetMessagingSessionEndpoint, through the World like every call; its `Endpoint.Url`.
async fn session_endpoint(w: &mut ChimeWorld) -> anyhow::Result<String> {
    let body = w
        .call_ok("GetMessagingSessionEndpoint", Map::new(), None)
        .await?;
    body.pointer("/Endpoint/Url")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("GetMessagingSessionEndpoint answered no Endpoint.Url: {body}"))
}

/// Opens a session for `user` as `user_arn`. A session that could not be opened is an error,
/// and is remembered for the checks on how the user's session ended.
async fn open(
    w: &mut ChimeWorld,
    user: &str,
    user_arn: &str,
    prefetch: Option<Option<String>>,
) -> anyhow::Result<()> {
    let url = session_endpoint(w).await?;
    let params = ConnectParams {
        prefetch,
        ..ConnectParams::new(user_arn)
    };
    match session::open(&w.ctx.client, &url, &params, CONNECT_TIMEOUT).await {
        Ok(s) => {
            w.sessions.add(user, user_arn, s);
            Ok(())
        }
        Err(e) => {
            let why = e.to_string();
            w.sessions.refuse(user, why.clone());
            bail!("{user} could not connect: {why}")
        }
    }
}

/// Connects `user` and waits for SESSION_ESTABLISHED (B-WS-04).
async fn connect(
    w: &mut ChimeWorld,
    user: &str,
    prefetch: Option<Option<String>>,
) -> anyhow::Result<()> {
    let arn = w.user(user).await?;
    open(w, user, &arn, prefetch).await?;
    w.sessions
        .wait_for(user, ESTABLISH_TIMEOUT, |e| {
            e.event_type == "SESSION_ESTABLISHED"
        })
        .await
        .map_err(|why| anyhow!("{user}'s session sent no SESSION_ESTABLISHED {why}"))?;
    judge(w)
}

#[given(expr = "{user} is connected")]
#[when(expr = "{user} is connected")]
async fn is_connected(w: &mut ChimeWorld, user: User) -> anyhow::Result<()> {
    let r = connect(w, &user, None).await;
    w.verdict(r)
}

#[given(expr = "{user} is connected with prefetch")]
#[when(expr = "{user} is connected with prefetch")]
async fn is_connected_with_prefetch(w: &mut ChimeWorld, user: User) -> anyhow::Result<()> {
    let r = connect(w, &user, Some(None)).await;
    w.verdict(r)
}

#[given(expr = "{user} is connected with prefetch sorted by {prefetch_sort}")]
#[when(expr = "{user} is connected with prefetch sorted by {prefetch_sort}")]
async fn is_connected_with_sorted_prefetch(
    w: &mut ChimeWorld,
    user: User,
    sort: PrefetchSort,
) -> anyhow::Result<()> {
    let r = connect(w, &user, Some(Some(sort.0))).await;
    w.verdict(r)
}

#[given(expr = "{user} is connected on two devices")]
async fn is_connected_twice(w: &mut ChimeWorld, user: User) -> anyhow::Result<()> {
    let r = async {
        connect(w, &user, None).await?;
        connect(w, &user, None).await
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} connects")]
async fn connects(w: &mut ChimeWorld, user: User) -> anyhow::Result<()> {
    let r = async {
        let arn = w.user(&user).await?;
        // A refusal is kept for the checks that follow; connecting is the action.
        let _ = open(w, &user, &arn, None).await;
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = r#"{user} connects with the userArn "{text}""#)]
async fn connects_as(w: &mut ChimeWorld, name: User, arn: Text) -> anyhow::Result<()> {
    let r = async {
        // The AppInstance must exist before the ARN can name it.
        w.app_instance().await?;
        let arn = w.expand(&arn)?;
        let _ = open(w, &name, &arn, None).await;
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[when(expr = "{user} disconnects")]
async fn disconnects(w: &mut ChimeWorld, user: User) -> anyhow::Result<()> {
    let r = async {
        judge(w)?;
        w.sessions.of(&user).map_err(|e| anyhow!(e))?;
        w.sessions.disconnect(&user).await;
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// The user's session was closed by the target with `code` (and `reason`) within the
/// receiving bound, after the upgrade was accepted.
async fn closed_with(
    w: &mut ChimeWorld,
    user: &str,
    code: u16,
    reason: Option<&str>,
) -> anyhow::Result<()> {
    let sessions = w.sessions.of(user).map_err(|e| {
        anyhow!("{e}; the service accepts the upgrade, then closes the session with {code}")
    })?;
    for opened in sessions {
        let s = &opened.session;
        if !s.wait_until(RECEIVE_TIMEOUT, |l| l.closed.is_some()).await {
            bail!(
                "{user}'s session is still open after {RECEIVE_TIMEOUT:?}: {}",
                crate::harness::world::sessions::received(&s.log())
            );
        }
        let log = s.log();
        let closed = log.closed.as_ref().context("the session closed")?;
        match closed.code {
            Some(found) if found == code => {}
            Some(found) => bail!(
                "{user}'s session was closed with {found} {:?}, not {code}",
                closed.reason
            ),
            None => bail!(
                "{user}'s session ended without a close frame ({}), not with {code}",
                closed.reason
            ),
        }
        if let Some(reason) = reason
            && closed.reason != reason
        {
            bail!(
                "{user}'s session was closed with {code} {:?}, not {reason:?}",
                closed.reason
            );
        }
    }
    judge(w)
}

#[then(expr = "{user}'s session is closed with {int}")]
async fn is_closed_with(w: &mut ChimeWorld, user: User, code: u16) -> anyhow::Result<()> {
    let r = closed_with(w, &user, code, None).await;
    w.verdict(r)
}

#[then(expr = r#"{user}'s session is closed with {int} "{text}""#)]
async fn is_closed_with_reason(
    w: &mut ChimeWorld,
    user: User,
    code: u16,
    reason: Text,
) -> anyhow::Result<()> {
    let r = closed_with(w, &user, code, Some(&reason)).await;
    w.verdict(r)
}

#[then(expr = r#"the response field "{pointer}" is a host name without scheme or path"#)]
async fn is_bare_host(w: &mut ChimeWorld, pointer: Pointer) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let value = last
            .body()
            .and_then(|b| b.pointer(&pointer))
            .and_then(Value::as_str)
            .with_context(|| format!("{} has no string at {pointer}", last.describe()))?;
        // The rule a client connects by: `wss://` + the value + `/connect` must be a URL.
        let rest = w.ctx.client.endpoint(crate::model::Service::Messaging);
        session::connect_url(rest, value, &ConnectParams::new("arn"))
            .map(|_| ())
            .map_err(|e| anyhow!("{e}"))
    })();
    w.verdict(r)
}
