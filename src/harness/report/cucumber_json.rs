//! The cucumber JSON report, the format cucumber's HTML and CI tools read. A step without a
//! judgeable answer is `pending` (neither passed nor failed), one the run's interruption stopped
//! is `skipped`; both say why in `error_message`. The calls a step retried are in its `output`,
//! those of the clean-up in the scenario's `after` hook.

use super::scenario::{ScenarioResult, StepStatus};
use serde_json::{Value, json};
use std::collections::BTreeMap;

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
                    StepStatus::Skipped | StepStatus::Interrupted => "skipped",
                    StepStatus::Inconclusive => "pending",
                };
                let mut result = json!({
                    "status": status,
                    "duration": (st.seconds * 1e9) as u64,
                });
                if let Some(e) = &st.error {
                    result["error_message"] = json!(e);
                }
                let mut step = json!({
                    "keyword": st.keyword,
                    "name": st.text,
                    "line": st.line,
                    "result": result,
                });
                let output = retried_during(s, Some(st.line));
                if !output.is_empty() {
                    step["output"] = json!(output);
                }
                step
            })
            .collect();
        let tags: Vec<Value> = s
            .tags
            .iter()
            .map(|t| json!({"name": format!("@{t}")}))
            .collect();
        let mut element = json!({
            "id": format!("{};{}", slug(&s.feature), slug(&s.name)),
            "keyword": "Scenario",
            "type": "scenario",
            "name": s.name,
            "line": s.line,
            "tags": tags,
            "steps": steps,
        });
        let cleanup = retried_during(s, None);
        if !cleanup.is_empty() {
            element["after"] = json!([{"result": {"status": "passed"}, "output": cleanup}]);
        }
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

/// The retry notes of one step of `s` (`None`: its clean-up), one line each.
fn retried_during(s: &ScenarioResult, step_line: Option<usize>) -> Vec<String> {
    s.retried
        .iter()
        .filter(|n| n.step_line == step_line)
        .map(|n| n.line())
        .collect()
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
    use crate::harness::report::fixtures::scenario;

    #[test]
    fn inconclusive_steps_are_pending_and_retries_are_their_output() {
        let mut s = scenario(StepStatus::Inconclusive);
        s.retried.push(crate::harness::report::RetryNote {
            at: 0.0,
            operation: "SendChannelMessage".into(),
            retried: vec!["HTTP 503 ServiceUnavailableException".into()],
            outcome: "judged HTTP 201".into(),
            step_line: Some(5),
        });
        let v = cucumber_json(&[s]);
        let step = &v[0]["elements"][0]["steps"][0];
        assert_eq!(step["result"]["status"], "pending");
        let out = step["output"][0].as_str().unwrap();
        assert!(out.contains("retried HTTP 503"), "{out}");
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
