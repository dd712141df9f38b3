//! What users' sessions receive: an event of a type, for a message, channel or user (its
//! subject), in an order (B-WS-05 .. B-WS-13); and what they do not receive, judged once the
//! scenario's last answered call is as old as the run's [quiet period](crate::harness::world::sessions::quiet). A check
//! on a user holds for each of the user's sessions.

use super::parameters::{Contents, EventTypeName, RememberedName, User};
use super::sessions::judge;
use crate::harness::world::ChimeWorld;
use crate::harness::world::event::Event;
use crate::harness::world::sessions::RECEIVE_TIMEOUT;
use crate::schema::events;
use anyhow::{anyhow, bail};
use cucumber::gherkin::Step;
use cucumber::then;
use std::time::{Duration, Instant};

/// A documented event type, or an error naming the step's mistake.
fn documented(name: &str) -> anyhow::Result<&'static str> {
    events::event_type(name).map(|e| e.name).ok_or_else(|| {
        anyhow!("{name} is not an event type the developer guide lists (a typo in the step?)")
    })
}

/// What an awaited event is: its type, and the remembered name of its subject with the value
/// the name stands for.
pub(super) struct Wanted {
    event_type: &'static str,
    subject: Option<(String, String)>,
}

impl Wanted {
    pub(super) fn new(
        w: &ChimeWorld,
        event_type: &str,
        subject: Option<&str>,
    ) -> anyhow::Result<Wanted> {
        let subject = match subject {
            None => None,
            Some(name) => Some((name.to_owned(), w.recall(name)?.to_owned())),
        };
        Ok(Wanted {
            event_type: documented(event_type)?,
            subject,
        })
    }

    fn matches(&self, e: &Event) -> bool {
        e.event_type == self.event_type
            && self
                .subject
                .as_ref()
                .is_none_or(|(_, value)| e.is_for(value))
    }
}

impl std::fmt::Display for Wanted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.subject {
            None => write!(f, "{}", self.event_type),
            Some((name, value)) => write!(f, "{} for \"{name}\" ({value})", self.event_type),
        }
    }
}

/// Waits for the event in each of the user's sessions, and keeps the first session's as
/// "that event".
pub(super) async fn receives(
    w: &mut ChimeWorld,
    user: &str,
    wanted: &Wanted,
) -> anyhow::Result<()> {
    let waited = w
        .sessions
        .wait_for(user, RECEIVE_TIMEOUT, |e| wanted.matches(e))
        .await;
    judge(w)?;
    waited.map_err(|why| anyhow!("{user} received no {wanted} {why}"))?;
    for took in w.sessions.deliveries(user, |e| wanted.matches(e)) {
        w.ctx.quiet.delivered(took);
    }
    let sessions = w.sessions.events(user).map_err(|e| anyhow!(e))?;
    w.sessions.last_event = sessions
        .first()
        .and_then(|events| events.iter().find(|e| wanted.matches(e)))
        .cloned();
    Ok(())
}

/// How often a wait for the quiet period looks again at the period: deliveries other
/// scenarios see meanwhile may shorten it.
const QUIET_RECHECK: Duration = Duration::from_millis(25);

/// Lets the quiet period pass, then judges what arrived; says how long it waited.
async fn after_quiet(w: &mut ChimeWorld) -> anyhow::Result<String> {
    loop {
        let until = w.sessions.quiet_until(w.ctx.quiet.period());
        let now = Instant::now();
        if now >= until {
            break;
        }
        tokio::time::sleep_until(until.min(now + QUIET_RECHECK).into()).await;
    }
    judge(w)?;
    Ok(w.ctx.quiet.describe())
}

/// After the quiet period: no session of the user received an event that `unwanted`.
pub(super) async fn receives_none(
    w: &mut ChimeWorld,
    user: &str,
    what: &str,
    unwanted: impl Fn(&Event) -> bool,
) -> anyhow::Result<()> {
    let waited = after_quiet(w).await?;
    for events in w.sessions.events(user).map_err(|e| anyhow!(e))? {
        if let Some(e) = events.iter().find(|e| unwanted(e)) {
            bail!(
                "{user} received {what}: frame {} was a {} (waited {waited} after the last call)",
                e.index + 1,
                e.event_type
            );
        }
    }
    Ok(())
}

#[then(expr = "{user} receives a(n) {event_type}")]
async fn receives_a(w: &mut ChimeWorld, user: User, t: EventTypeName) -> anyhow::Result<()> {
    let r = async {
        let wanted = Wanted::new(w, &t, None)?;
        receives(w, &user, &wanted).await
    }
    .await;
    w.verdict(r)
}

#[then(expr = r#"{user} receives a(n) {event_type} for "{name}""#)]
async fn receives_for(
    w: &mut ChimeWorld,
    user: User,
    t: EventTypeName,
    subject: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let wanted = Wanted::new(w, &t, Some(&subject))?;
        receives(w, &user, &wanted).await
    }
    .await;
    w.verdict(r)
}

#[then(expr = "{user} receives no {event_type}")]
async fn receives_no(w: &mut ChimeWorld, user: User, t: EventTypeName) -> anyhow::Result<()> {
    let r = async {
        let wanted = Wanted::new(w, &t, None)?;
        let what = format!("a {wanted}");
        receives_none(w, &user, &what, |e| wanted.matches(e)).await
    }
    .await;
    w.verdict(r)
}

#[then(expr = r#"{user} receives no {event_type} for "{name}""#)]
async fn receives_no_for(
    w: &mut ChimeWorld,
    user: User,
    t: EventTypeName,
    subject: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let wanted = Wanted::new(w, &t, Some(&subject))?;
        let what = format!("a {wanted}");
        receives_none(w, &user, &what, |e| wanted.matches(e)).await
    }
    .await;
    w.verdict(r)
}

#[then(expr = r#"{user} receives nothing about "{name}""#)]
async fn receives_nothing_about(
    w: &mut ChimeWorld,
    user: User,
    subject: RememberedName,
) -> anyhow::Result<()> {
    let r = async {
        let value = w.recall(&subject)?.to_owned();
        let what = format!("an event about \"{subject}\" ({value})");
        receives_none(w, &user, &what, |e| e.is_about(&value)).await
    }
    .await;
    w.verdict(r)
}

#[then(expr = "no session receives a(n) {event_type}")]
async fn nobody_receives(w: &mut ChimeWorld, t: EventTypeName) -> anyhow::Result<()> {
    let r = async {
        let wanted = Wanted::new(w, &t, None)?;
        after_quiet(w).await?;
        let users: Vec<String> = w.sessions.all().map(|(u, _)| u.to_owned()).collect();
        if users.is_empty() {
            bail!("no session is open, so nothing is checked");
        }
        for user in users {
            let what = format!("a {wanted}");
            receives_none(w, &user, &what, |e| wanted.matches(e)).await?;
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

#[then(expr = "{user} has received {int} {event_type}")]
async fn has_received_count(
    w: &mut ChimeWorld,
    user: User,
    count: usize,
    t: EventTypeName,
) -> anyhow::Result<()> {
    let r = async {
        let t = documented(&t)?;
        after_quiet(w).await?;
        for events in w.sessions.events(&user).map_err(|e| anyhow!(e))? {
            let found = events.iter().filter(|e| e.event_type == t).count();
            if found != count {
                bail!("{user} received {found} {t}, not {count}");
            }
        }
        Ok(())
    }
    .await;
    w.verdict(r)
}

/// The position of each wanted event, each after the one before; the first that is missing
/// in that order, if one is.
fn in_order(events: &[Event], wanted: &[Wanted]) -> Result<(), usize> {
    let mut from = 0;
    for (i, want) in wanted.iter().enumerate() {
        match events[from..].iter().position(|e| want.matches(e)) {
            Some(at) => from += at + 1,
            None => return Err(i),
        }
    }
    Ok(())
}

/// Waits until each of the user's sessions has received the wanted events in their order.
async fn receives_in_order(
    w: &mut ChimeWorld,
    user: &str,
    wanted: Vec<Wanted>,
) -> anyhow::Result<()> {
    if wanted.is_empty() {
        bail!("the step names no event");
    }
    let waited = w
        .sessions
        .wait_until(user, RECEIVE_TIMEOUT, |events| {
            in_order(events, &wanted).is_ok()
        })
        .await;
    judge(w)?;
    for events in w.sessions.events(user).map_err(|e| anyhow!(e))? {
        if let Err(missing) = in_order(events, &wanted) {
            let seen: Vec<String> = events
                .iter()
                .filter_map(|e| {
                    let at = wanted.iter().position(|want| want.matches(e))?;
                    Some(wanted[at].to_string())
                })
                .collect();
            let why = waited.as_ref().err().cloned().unwrap_or_default();
            bail!(
                "{user} did not receive {} after the events before it in the list; the listed \
                 events came in this order: [{}] {why}",
                wanted[missing],
                seen.join(", ")
            );
        }
    }
    w.sessions.last_event = w.sessions.events(user).ok().and_then(|s| {
        s.first()
            .and_then(|e| {
                e.iter()
                    .rev()
                    .find(|e| wanted.iter().any(|want| want.matches(e)))
            })
            .cloned()
    });
    Ok(())
}

#[then(expr = "{user} receives {event_type} for {contents} in this order")]
async fn receives_for_in_order(
    w: &mut ChimeWorld,
    user: User,
    t: EventTypeName,
    subjects: Contents,
) -> anyhow::Result<()> {
    let r = async {
        let wanted = subjects
            .0
            .iter()
            .map(|s| Wanted::new(w, &t, Some(s)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        receives_in_order(w, &user, wanted).await
    }
    .await;
    w.verdict(r)
}

/// A table of `| event | for |` rows (a header row first).
#[then(expr = "{user} receives these events in this order:")]
async fn receives_table_in_order(
    w: &mut ChimeWorld,
    user: User,
    step: &Step,
) -> anyhow::Result<()> {
    let r = async {
        let table = step
            .table
            .as_ref()
            .ok_or_else(|| anyhow!("the step needs a table of | event | for | rows"))?;
        let wanted = table
            .rows
            .iter()
            .skip(1)
            .map(|row| match row.as_slice() {
                [t] => Wanted::new(w, t, None),
                [t, subject] if subject.is_empty() => Wanted::new(w, t, None),
                [t, subject] => Wanted::new(w, t, Some(subject)),
                _ => Err(anyhow!("a row has the columns | event | for |: {row:?}")),
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        receives_in_order(w, &user, wanted).await
    }
    .await;
    w.verdict(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn event(t: &str, id: &str, index: usize) -> Event {
        Event {
            index,
            received: Instant::now(),
            event_type: t.into(),
            message_type: None,
            headers: Default::default(),
            payload: Some(serde_json::json!({"MessageId": id})),
        }
    }

    fn wanted(t: &'static str, id: &str) -> Wanted {
        Wanted {
            event_type: t,
            subject: Some((id.into(), id.into())),
        }
    }

    #[test]
    fn order_is_checked_one_after_the_other() {
        const C: &str = "CREATE_CHANNEL_MESSAGE";
        let events = [event(C, "a", 0), event(C, "b", 1), event(C, "a", 2)];
        assert_eq!(in_order(&events, &[wanted(C, "a"), wanted(C, "b")]), Ok(()));
        assert_eq!(in_order(&events, &[wanted(C, "b"), wanted(C, "a")]), Ok(()));
        assert_eq!(
            in_order(&events, &[wanted(C, "b"), wanted(C, "a"), wanted(C, "b")]),
            Err(2)
        );
        assert_eq!(in_order(&events, &[wanted(C, "c")]), Err(0));
    }

    #[test]
    fn an_event_type_the_guide_does_not_list_is_a_mistake_in_the_step() {
        assert!(documented("CREATE_CHANNEL_MESSAGE").is_ok());
        let e = documented("CREATE_CHANNEL_MESAGE").unwrap_err();
        assert!(e.to_string().contains("typo"), "{e}");
    }
}
