//! When a step can give no verdict: the target gave no judgeable answer (inconclusive), or the
//! run was stopped (interrupted, or not started). A step in trouble fails in cucumber's eyes,
//! and the collector reports it as what it is, never as a conformance failure.

use crate::wire::{Abandoned, Sent, WireError, send::describe};
use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// No judgeable answer, with the last outcome: neither a pass nor a conformance failure.
    Inconclusive(String),
    /// The run was stopped while the step ran.
    Interrupted(String),
    /// The run was stopped before the scenario started.
    NotStarted,
}

impl fmt::Display for Trouble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trouble::Inconclusive(why) => write!(f, "inconclusive: {why}"),
            Trouble::Interrupted(why) => write!(f, "interrupted: {why}"),
            Trouble::NotStarted => write!(f, "not started: the run was interrupted"),
        }
    }
}

impl std::error::Error for Trouble {}

/// What a scenario call's outcome allows: an outcome to judge (an answer, or an error of the
/// caller's own such as bad input), or trouble.
pub fn judgeable(
    operation: &str,
    sent: Sent,
    retries_asked: bool,
    interrupted: Option<&str>,
    scenario_timeout: Duration,
) -> Result<Result<crate::wire::Response, WireError>, Trouble> {
    let stopped = |during: &str| {
        Trouble::Interrupted(format!(
            "the run was stopped ({}) {during} {operation}",
            interrupted.unwrap_or("signal")
        ))
    };
    match &sent.result {
        Err(WireError::Abandoned { why, .. }) => {
            return Err(match (why, interrupted) {
                (Abandoned::Cancelled, _) | (Abandoned::Deadline, Some(_)) => stopped("during"),
                (Abandoned::Deadline, None) => Trouble::Inconclusive(format!(
                    "the scenario deadline (--scenario-timeout {}s) passed during {operation}",
                    scenario_timeout.as_secs_f64()
                )),
            });
        }
        _ if interrupted.is_some() && sent.gave_up == Some(crate::wire::GaveUp::Cancelled) => {
            return Err(stopped("before retrying"));
        }
        _ => {}
    }
    let transient = sent.transient();
    let no_answer = matches!(&sent.result, Err(e) if e.is_transport());
    // A step that asked for no retries judges a throttle or a fault itself; without an
    // answer there is still nothing to judge.
    if transient.is_some() && (retries_asked || no_answer) {
        let why = sent
            .gave_up
            .as_ref()
            .map_or(String::new(), |g| format!(" ({g})"));
        return Err(Trouble::Inconclusive(format!(
            "{operation}: no judgeable answer{why}; the last: {}",
            describe(&sent.result)
        )));
    }
    Ok(sent.result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::GaveUp;

    fn sent(result: Result<crate::wire::Response, WireError>, gave_up: Option<GaveUp>) -> Sent {
        Sent {
            result,
            retried: Vec::new(),
            gave_up,
            paced: Duration::ZERO,
        }
    }

    fn refused() -> Result<crate::wire::Response, WireError> {
        Err(WireError::Connect {
            url: "http://127.0.0.1:9".into(),
            reason: "refused".into(),
        })
    }

    #[test]
    fn no_answer_after_retries_is_inconclusive_with_the_last_outcome() {
        let t = judgeable(
            "SendChannelMessage",
            sent(refused(), Some(GaveUp::Attempts(3))),
            true,
            None,
            Duration::from_secs(300),
        )
        .unwrap_err();
        let text = t.to_string();
        assert!(
            text.starts_with("inconclusive: SendChannelMessage"),
            "{text}"
        );
        assert!(
            text.contains("after 3 attempts") && text.contains("refused"),
            "{text}"
        );
    }

    #[test]
    fn deadlines_and_interruptions_name_themselves() {
        let abandoned = |why| {
            sent(
                Err(WireError::Abandoned {
                    operation: "X".into(),
                    why,
                }),
                None,
            )
        };
        let late = judgeable(
            "X",
            abandoned(Abandoned::Deadline),
            true,
            None,
            Duration::from_secs(7),
        );
        assert!(
            matches!(&late, Err(Trouble::Inconclusive(w)) if w.contains("--scenario-timeout 7s")),
            "{late:?}"
        );
        let stopped = judgeable(
            "X",
            abandoned(Abandoned::Cancelled),
            true,
            Some("SIGINT"),
            Duration::from_secs(7),
        );
        assert!(
            matches!(&stopped, Err(Trouble::Interrupted(w)) if w.contains("SIGINT")),
            "{stopped:?}"
        );
    }

    #[test]
    fn errors_of_the_callers_own_are_left_to_judge() {
        let bad = sent(Err(WireError::bad_input("x", "y")), None);
        assert!(judgeable("X", bad, true, None, Duration::from_secs(1)).is_ok());
    }
}
