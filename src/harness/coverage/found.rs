//! One walk of a value (an input sent, an output or error body received) against its model
//! shape: the enum values it holds, listed or not, and the structure members it carries.

use crate::model::{Location, ServiceModel, Shape, ShapeKind, Structure};
use serde_json::Value;

/// What one walk of a value against its shape found.
#[derive(Default)]
pub struct Found {
    /// (`Shape`, value, whether the model lists the value).
    pub enums: Vec<(String, String, bool)>,
    /// `Structure.Member` present with a non-null value.
    pub members: Vec<String>,
}

impl Found {
    fn value(&mut self, model: &ServiceModel, shape: &Shape, value: &Value, depth: usize) {
        // Models nest a handful of levels; a deeper value is not the model's.
        if depth > 32 {
            return;
        }
        match (&shape.kind, value) {
            (ShapeKind::Structure(st), Value::Object(_)) => {
                self.structure(model, &shape.name, st, value, depth);
            }
            (ShapeKind::List { member, .. }, Value::Array(items)) => {
                if let Some(item) = model.shape(member) {
                    for v in items {
                        self.value(model, item, v, depth + 1);
                    }
                }
            }
            (ShapeKind::Map { key, value: v, .. }, Value::Object(map)) => {
                let key_shape = model.shape(key);
                let value_shape = model.shape(v);
                for (k, item) in map {
                    if let Some(ks) = key_shape {
                        self.value(model, ks, &Value::String(k.clone()), depth + 1);
                    }
                    if let Some(vs) = value_shape {
                        self.value(model, vs, item, depth + 1);
                    }
                }
            }
            (ShapeKind::String(st), Value::String(s)) => {
                if let Some(values) = &st.enum_values {
                    let listed = values.iter().any(|v| v == s);
                    self.enums.push((shape.name.clone(), s.clone(), listed));
                }
            }
            _ => {}
        }
    }

    /// Members are looked up by SDK name first (inputs, header-bound outputs), then by their
    /// JSON name (bodies).
    fn structure(
        &mut self,
        model: &ServiceModel,
        name: &str,
        st: &Structure,
        value: &Value,
        depth: usize,
    ) {
        for m in st.members.values() {
            let found = value.get(&m.name).or_else(|| match &m.location {
                Location::Body { json_name } if *json_name != m.name => value.get(json_name),
                _ => None,
            });
            let Some(v) = found.filter(|v| !v.is_null()) else {
                continue;
            };
            self.members.push(format!("{name}.{}", m.name));
            if let Some(target) = model.shape(&m.target) {
                self.value(model, target, v, depth + 1);
            }
        }
    }

    pub fn root(model: &ServiceModel, shape: Option<&str>, value: &Value) -> Found {
        let mut found = Found::default();
        if let Some(s) = shape.and_then(|s| model.shape(s)) {
            found.value(model, s, value, 0);
        }
        found
    }
}
