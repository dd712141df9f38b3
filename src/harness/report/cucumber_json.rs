//! The cucumber JSON report, the format cucumber's HTML and CI tools read.

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
    use crate::harness::report::fixtures::scenario;

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
