//! What a snapshot records of a response (status, `x-amzn-ErrorType`, normalised body), its
//! JSON forms, and how an expected snapshot differs from a found one.

use super::diff::{Difference, diff_values};
use super::normalise::{NormaliseError, Normaliser};
use super::scrub::scrub_error_body;
use crate::wire;
use serde_json::{Value, json};

/// What a snapshot records of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub status: u16,
    /// The `x-amzn-ErrorType` header without its `:...` suffix or `#` namespace.
    pub error_type: Option<String>,
    /// The normalised body; `None` when the response has none.
    pub body: Option<Value>,
}

impl Snapshot {
    pub fn new(status: u16, error_type: Option<&str>, body: Option<Value>) -> Snapshot {
        Snapshot {
            status,
            error_type: error_type.map(str::to_owned),
            body,
        }
    }

    /// The snapshot of a response, its body normalised with the scenario's normaliser. Error
    /// bodies are not output shapes: ARNs and other values the normaliser has already given
    /// placeholders are replaced inside their `Message` text instead.
    pub fn of_response(
        response: &wire::Response,
        normaliser: &mut Normaliser,
    ) -> Result<Snapshot, NormaliseError> {
        let error_type = response
            .headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(clean_error_type);
        let body = match &response.body {
            None => response
                .body_error
                .as_ref()
                .map(|_| json!({"<not JSON>": String::from_utf8_lossy(&response.raw_body)})),
            Some(body) if response.is_success() && response.error.is_none() => {
                Some(normaliser.normalise(response.service, &response.operation, body)?)
            }
            Some(body) => Some(scrub_error_body(body, normaliser)),
        };
        Ok(Snapshot {
            status: response.status,
            error_type,
            body,
        })
    }

    /// The JSON kept in the file.
    pub fn to_json(&self) -> Value {
        json!({
            "status": self.status,
            "x-amzn-ErrorType": self.error_type,
            "body": self.body,
        })
    }

    /// The file content: pretty JSON with status and error type ahead of the body, where a
    /// reader looks first (serde_json alone would sort the keys).
    pub fn to_pretty(&self) -> String {
        let body = pretty(self.body.as_ref().unwrap_or(&Value::Null)).replace('\n', "\n  ");
        format!(
            "{{\n  \"status\": {},\n  \"x-amzn-ErrorType\": {},\n  \"body\": {body}\n}}",
            self.status,
            json!(self.error_type)
        )
    }

    /// Reads the JSON kept in a file.
    pub fn from_json(v: &Value) -> Result<Snapshot, String> {
        let obj = v.as_object().ok_or("the snapshot is not a JSON object")?;
        let status = obj
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .ok_or("no numeric \"status\"")?;
        let error_type = match obj.get("x-amzn-ErrorType") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => return Err(format!("\"x-amzn-ErrorType\" is not a string: {other}")),
        };
        let body = match obj.get("body") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.clone()),
        };
        Ok(Snapshot {
            status,
            error_type,
            body,
        })
    }

    /// Every difference between this (expected) snapshot and `found`, in document order.
    pub fn differences(&self, found: &Snapshot) -> Vec<Difference> {
        let mut out = Vec::new();
        if self.status != found.status {
            out.push(Difference {
                path: "status".into(),
                expected: Some(Value::from(self.status)),
                found: Some(Value::from(found.status)),
            });
        }
        if self.error_type != found.error_type {
            out.push(Difference {
                path: "x-amzn-ErrorType".into(),
                expected: Some(json!(self.error_type)),
                found: Some(json!(found.error_type)),
            });
        }
        match (&self.body, &found.body) {
            (Some(e), Some(f)) => diff_values("", e, f, &mut out),
            (None, None) => {}
            (e, f) => out.push(Difference {
                path: "body".into(),
                expected: Some(e.clone().unwrap_or(Value::Null)),
                found: Some(f.clone().unwrap_or(Value::Null)),
            }),
        }
        out
    }
}

fn clean_error_type(raw: &str) -> String {
    let t = raw.split(':').next().unwrap_or_default();
    t.rsplit('#').next().unwrap_or_default().trim().to_owned()
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::snapshot::fixtures::response;

    #[test]
    fn differences_name_status_error_type_missing_and_extra_members() {
        let expected = Snapshot::new(
            403,
            Some("ForbiddenException"),
            Some(json!({"Code": "Forbidden", "List": [1, 2], "a/b": 1})),
        );
        let found = Snapshot::new(
            404,
            Some("NotFoundException"),
            Some(json!({"Code": "Forbidden", "List": [1, 2, 3], "a/b": 1.0, "Extra": true})),
        );
        let lines: Vec<String> = expected
            .differences(&found)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "status: expected 403, found 404",
                r#"x-amzn-ErrorType: expected "ForbiddenException", found "NotFoundException""#,
                "/Extra: unexpected, found true",
                "/List/2: unexpected, found 3",
            ]
        );
        let gone = Snapshot::new(200, None, Some(json!({"Name": "x"})));
        let lines: Vec<String> = gone
            .differences(&Snapshot::new(200, None, Some(json!({}))))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(lines, [r#"/Name: missing, expected "x""#]);
    }

    #[test]
    fn responses_are_snapshotted_normalised() {
        let arn = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
        let now = 1_700_000_000.0;
        let mut n = Normaliser::new(now);
        let ok = response(
            200,
            &[],
            json!({"Channel": {"ChannelArn": arn, "Name": "n", "CreatedTimestamp": now}}),
        );
        let snap = Snapshot::of_response(&ok, &mut n).unwrap();
        assert_eq!(snap.status, 200);
        assert_eq!(snap.error_type, None);
        assert_eq!(
            snap.body,
            Some(json!({"Channel": {
                "ChannelArn": "<ChannelArn:1>", "Name": "n", "CreatedTimestamp": "<Timestamp:2>"
            }}))
        );

        let denied = response(
            403,
            &[(
                "x-amzn-ErrorType",
                "ForbiddenException:http://internal.amazon.com/coral/",
            )],
            json!({"Code": "Forbidden", "Message": format!("User may not read {arn}. Nor arn:aws:chime:us-east-1:123456789012:app-instance/zz")}),
        );
        let snap = Snapshot::of_response(&denied, &mut n).unwrap();
        assert_eq!(snap.error_type.as_deref(), Some("ForbiddenException"));
        assert_eq!(
            snap.body,
            Some(
                json!({"Code": "Forbidden", "Message": "User may not read <ChannelArn:1>. Nor <Arn>"})
            )
        );
        assert_eq!(Snapshot::from_json(&snap.to_json()).unwrap(), snap);
    }
}
