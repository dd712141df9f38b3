//! Timestamps as restJson1 carries them: epoch seconds in bodies, ISO 8601 date-times in labels
//! and query strings, HTTP dates in headers; and the values a caller may give for one.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// ISO 8601 in UTC with `Z`, fractional seconds only when present and without trailing zeros
/// (`2023-11-14T22:13:20.5Z`), as the SDKs write them.
pub(crate) fn date_time(t: DateTime<Utc>) -> String {
    let whole = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = t.timestamp_subsec_nanos();
    if nanos == 0 {
        return format!("{whole}Z");
    }
    let fraction = format!("{nanos:09}");
    format!("{whole}.{}Z", fraction.trim_end_matches('0'))
}

/// Epoch seconds (integral or fractional) or an RFC 3339 string.
pub(crate) fn timestamp(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                return DateTime::from_timestamp(i, 0);
            }
            let f = n.as_f64()?;
            if !f.is_finite() {
                return None;
            }
            // An f64 of today's epoch seconds holds about a microsecond of precision, so the
            // fraction is rounded there: 1700000034.567 is .567, not .566999912.
            let micros = (f * 1e6).round();
            let secs = (micros / 1e6).floor();
            let nanos = ((micros - secs * 1e6) as u32).min(999_999) * 1000;
            DateTime::from_timestamp(secs as i64, nanos)
        }
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        _ => None,
    }
}

/// RFC 7231 IMF-fixdate (`Tue, 14 Nov 2023 22:13:20 GMT`), the restJson1 default for headers.
pub(crate) fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The epoch-second number restJson1 puts in bodies: an integer for whole seconds.
pub(crate) fn epoch_number(t: DateTime<Utc>) -> Value {
    let nanos = t.timestamp_subsec_nanos();
    if nanos == 0 {
        Value::from(t.timestamp())
    } else {
        Value::from(t.timestamp() as f64 + f64::from(nanos) / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Millisecond timestamps survive the trip through f64 (B-WIRE-04): a query bound equal to
    /// a message's creation time must name that very millisecond.
    #[test]
    fn fractional_epoch_seconds_keep_their_milliseconds() {
        for ms in 0..1000u32 {
            let value = json!(1_700_000_034.0 + f64::from(ms) / 1000.0);
            let t = timestamp(&value).unwrap();
            assert_eq!(t.timestamp_subsec_millis(), ms, "{value}");
            assert_eq!(t.timestamp_subsec_nanos() % 1_000_000, 0, "{value}");
        }
        let carry = timestamp(&json!(1_700_000_034.999_999_9)).unwrap();
        assert_eq!(carry.timestamp(), 1_700_000_035);
        assert_eq!(
            date_time(timestamp(&json!(1_700_000_034.5)).unwrap()),
            "2023-11-14T22:13:54.5Z"
        );
    }

    #[test]
    fn header_timestamps_are_http_dates() {
        let t = timestamp(&json!(1_700_000_000)).unwrap();
        assert_eq!(
            t.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
        assert!(timestamp(&json!(true)).is_none());
        assert_eq!(
            date_time(timestamp(&json!(0.25)).unwrap()),
            "1970-01-01T00:00:00.25Z"
        );
        assert_eq!(
            date_time(timestamp(&json!("2023-11-14T23:13:20.001+01:00")).unwrap()),
            "2023-11-14T22:13:20.001Z"
        );
        assert!(timestamp(&json!(1e300)).is_none());
    }
}
