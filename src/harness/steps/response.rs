//! Then: assertions on the last response (status, error, body fields) and on the models,
//! each only as strong as its evidence ("empty" accepts "" or absent).

use super::parameters::{ErrorShape, FieldState, JsonText, Member, Operation, Pointer, Text};
use crate::harness::json::{at, literal, short, subset};
use crate::harness::world::ChimeWorld;
use anyhow::{Context, anyhow, bail};
use cucumber::gherkin::Step;
use cucumber::then;
use serde_json::Value;

#[then(expr = "the call succeeds")]
async fn succeeds(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status >= 300 || last.response.error.is_some() {
            bail!("expected success, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the call fails with {error}")]
async fn fails_with(w: &mut ChimeWorld, shape: ErrorShape) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = last.response.error.as_ref().map(|e| e.shape.as_str());
        if found != Some(shape.0.as_str()) {
            bail!("expected {shape}, got {}", last.describe());
        }
        let service = last.response.service;
        if let Some(info) = service.model().error_info(&shape)
            && info.http_status != last.response.status
        {
            bail!(
                "{shape} is modelled with HTTP {}, got {}",
                info.http_status,
                last.describe()
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the operation {operation} has no input member {member}")]
async fn has_no_member(
    w: &mut ChimeWorld,
    operation: Operation,
    member: Member,
) -> anyhow::Result<()> {
    let r = (|| {
        let (service, op) = crate::model::find_operation(&operation)
            .with_context(|| format!("{operation} is not an operation of the models"))?;
        if service
            .model()
            .input_structure(op)
            .is_some_and(|s| s.members.contains_key(member.0.as_str()))
        {
            bail!("{operation} has an input member {member}");
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the call fails")]
async fn fails(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status < 400 {
            bail!("expected an error, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the HTTP status is {int}")]
async fn status_is(w: &mut ChimeWorld, status: u16) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.status != status {
            bail!("expected HTTP {status}, got {}", last.describe());
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the response has no body")]
async fn no_body(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if !last.response.raw_body.is_empty() {
            bail!(
                "expected no body, {} answered {} bytes: {}",
                last.describe(),
                last.response.raw_body.len(),
                String::from_utf8_lossy(&last.response.raw_body)
            );
        }
        Ok(())
    })();
    w.verdict(r)
}

#[then("the answer carries a request id")]
async fn carries_request_id(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        match last.response.request_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => Ok(()),
            _ => bail!("{} has no x-amzn-RequestId header", last.describe()),
        }
    })();
    w.verdict(r)
}

#[then("the answer's body is labelled as JSON")]
async fn labelled_json(w: &mut ChimeWorld) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        if last.response.raw_body.is_empty() {
            bail!("{} has no body", last.describe());
        }
        let kind = last
            .response
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        match kind {
            Some(t) if t.split(';').next().map(str::trim) == Some("application/json") => Ok(()),
            other => bail!(
                "{} has Content-Type {other:?}, not application/json",
                last.describe()
            ),
        }
    })();
    w.verdict(r)
}

#[then(expr = "the error type header names {error}")]
async fn error_type_header(w: &mut ChimeWorld, shape: ErrorShape) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let header = last
            .response
            .headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .with_context(|| format!("{} has no x-amzn-ErrorType header", last.describe()))?;
        if header.split(':').next() != Some(shape.0.as_str()) {
            bail!("x-amzn-ErrorType is \"{header}\", expected {shape}");
        }
        Ok(())
    })();
    w.verdict(r)
}

/// Compares the value at `pointer` of the last response with `expected`.
fn field_equals(w: &ChimeWorld, pointer: &str, expected: &Value) -> anyhow::Result<()> {
    let last = w.last()?;
    let found = at(last.body(), pointer);
    subset(expected, found).map_err(|(p, e, f)| {
        anyhow!(
            "{}: at {pointer}{p} expected {e}, found {f}",
            last.describe()
        )
    })?;
    w.asserted(pointer, Some(expected));
    Ok(())
}

#[then(expr = r#"the response field "{pointer}" is "{text}""#)]
async fn field_is_string(w: &mut ChimeWorld, pointer: Pointer, text: Text) -> anyhow::Result<()> {
    let r = w
        .expand(&text)
        .and_then(|t| field_equals(w, &pointer, &Value::String(t)));
    w.verdict(r)
}

#[then(expr = r#"the response field "{pointer}" equals {json}"#)]
async fn field_equals_literal(
    w: &mut ChimeWorld,
    pointer: Pointer,
    text: JsonText,
) -> anyhow::Result<()> {
    let r = w
        .expand(&text)
        .and_then(|t| field_equals(w, &pointer, &literal(&t)));
    w.verdict(r)
}

#[then(expr = r#"the response field "{pointer}" is {field_state}"#)]
async fn field_state(
    w: &mut ChimeWorld,
    pointer: Pointer,
    state: FieldState,
) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer);
        if !state.holds(found) {
            bail!(
                "{}: expected {pointer} to be {state}, found {}",
                last.describe(),
                found.map_or_else(|| "absent".to_string(), short)
            );
        }
        // Presence alone says nothing of a member's meaning.
        if state.0 != "present" {
            w.asserted(&pointer, None);
        }
        Ok(())
    })();
    w.verdict(r)
}

/// A body timestamp read as epoch seconds lies within `seconds` of this machine's clock: it
/// catches milliseconds or microseconds sent where seconds are due, with room for clock skew.
#[then(expr = r#"the response field "{pointer}" is a time within {int} seconds of now"#)]
async fn field_is_now(w: &mut ChimeWorld, pointer: Pointer, seconds: u64) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer);
        let Some(t) = found.and_then(Value::as_f64) else {
            bail!(
                "{}: expected {pointer} to be epoch seconds, found {}",
                last.describe(),
                found.map_or_else(|| "absent".to_string(), short)
            );
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        if (t - now).abs() > seconds as f64 {
            bail!(
                "{}: {pointer} is {t}, which as epoch seconds is {:.0} s away from now ({now:.0})",
                last.describe(),
                t - now
            );
        }
        w.asserted(&pointer, None);
        Ok(())
    })();
    w.verdict(r)
}

/// A body timestamp (or any number) is greater than another, remembered before: an update
/// moves LastUpdatedTimestamp past the creation time.
#[then(expr = r#"the response field "{pointer}" is later than {json}"#)]
async fn field_is_later(
    w: &mut ChimeWorld,
    pointer: Pointer,
    text: JsonText,
) -> anyhow::Result<()> {
    let r = (|| {
        let expanded = w.expand(&text)?;
        let Some(earlier) = literal(&expanded).as_f64() else {
            bail!("{expanded} is not a number to compare with");
        };
        let last = w.last()?;
        let found = at(last.body(), &pointer);
        match found.and_then(Value::as_f64) {
            Some(t) if t > earlier => {}
            _ => bail!(
                "{}: expected {pointer} later than {earlier}, found {}",
                last.describe(),
                found.map_or_else(|| "absent".to_string(), short)
            ),
        }
        w.asserted(&pointer, None);
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = r#"the response field "{pointer}" has {int} item(s)"#)]
async fn field_items(w: &mut ChimeWorld, pointer: Pointer, count: usize) -> anyhow::Result<()> {
    let r = (|| {
        let last = w.last()?;
        let found = at(last.body(), &pointer)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if found != count {
            bail!(
                "{}: expected {count} items at {pointer}, found {found}",
                last.describe()
            );
        }
        w.asserted(&pointer, None);
        Ok(())
    })();
    w.verdict(r)
}

#[then(expr = "the response contains:")]
async fn response_contains(w: &mut ChimeWorld, step: &Step) -> anyhow::Result<()> {
    let r = (|| {
        let expected = Value::Object(w.doc_object(step.docstring.as_deref())?);
        field_equals(w, "", &expected)
    })();
    w.verdict(r)
}
