//! A scenario result the report modules' tests share: one step with the given status.

use super::scenario::{ScenarioResult, StepResult, StepStatus};

pub fn scenario(status: StepStatus) -> ScenarioResult {
    ScenarioResult {
        feature: "Messages".into(),
        feature_file: "messages.feature".into(),
        name: "a <STANDARD> message".into(),
        example: None,
        line: 3,
        column: 3,
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
            error: matches!(
                status,
                StepStatus::Failed | StepStatus::Inconclusive | StepStatus::Interrupted
            )
            .then(|| "expected success".into()),
            seconds: 0.01,
            started_at: 0.0,
            exchange: None,
        }],
        hook_error: None,
        finished: true,
        started: None,
        seconds: 0.02,
        not_started: false,
        retried: Vec::new(),
    }
}
