//! What the diff's tests compare: the 2023-03-23 update of the messaging model, and minimal
//! one-operation models built from given request and response shapes.

use super::change::{Change, ChangeKind, ModelDiff};
use super::walk::diff;
use crate::model::{ServiceModel, embedded};
use serde_json::{Value, json};

pub(crate) fn update() -> ModelDiff {
    let old = ServiceModel::from_json(embedded::MESSAGING_1_29_97).unwrap();
    let new = ServiceModel::from_json(embedded::MESSAGING_1_29_98).unwrap();
    diff(&old, &new)
}

/// A minimal model with one operation whose request and response shapes are given.
pub(crate) fn model(request: Value, response: Value, extra: Value) -> ServiceModel {
    let mut shapes = json!({
        "Req": request,
        "Resp": response,
        "Str": {"type": "string"},
        "BadRequestException": {"type": "structure", "members": {}, "exception": true,
                                "error": {"httpStatusCode": 400}},
    });
    for (k, v) in extra.as_object().unwrap() {
        shapes[k] = v.clone();
    }
    let text = json!({
        "metadata": {"apiVersion": "1", "endpointPrefix": "x", "serviceId": "X",
                     "serviceFullName": "X", "protocol": "rest-json"},
        "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/op"},
                              "input": {"shape": "Req"}, "output": {"shape": "Resp"},
                              "errors": [{"shape": "BadRequestException"}]}},
        "shapes": shapes,
    });
    ServiceModel::from_json(&text.to_string()).unwrap()
}

pub(crate) fn only(d: &ModelDiff, kind: ChangeKind) -> Change {
    let found: Vec<Change> = d.changes().into_iter().filter(|c| c.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind} in {:#?}", d.changes());
    found[0].clone()
}
