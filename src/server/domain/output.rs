//! Shaping answers: absent optional members stay absent on the wire.

use serde_json::Value;

/// Drops null members so absent optional members stay absent on the wire.
pub fn compact(mut v: Value) -> Value {
    drop_nulls(&mut v);
    v
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}
