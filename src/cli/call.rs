//! `chime-conformance call OPERATION --endpoint URL --input JSON`: one signed call, the answer
//! printed, and every contract violation in it.

use crate::cli::exit;
use crate::schema::{self, Violation, ViolationKind};
use crate::wire::{Client, ClientConfig, Response, WireError};
use serde_json::Value;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The operation, e.g. CreateChannel (identity:TagResource for the identity service's).
    pub operation: String,
    /// Base URL of the target; serves both services unless --identity-endpoint is given.
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Base URL for the identity service's operations.
    #[arg(long, value_name = "URL")]
    pub identity_endpoint: Option<String>,
    /// The AppInstanceUser or bot ARN the call acts as (the ChimeBearer member).
    #[arg(long, value_name = "ARN")]
    pub bearer: Option<String>,
    /// Signing region.
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    pub region: String,
    /// Seconds the whole call may take.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,
    /// The input in SDK member names, as JSON or @file.
    #[arg(long, value_name = "JSON|@FILE", default_value = "{}")]
    pub input: String,
    /// Members the model does not know fail the call too.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args) -> u8 {
    match execute(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

fn execute(args: &Args) -> Result<u8, String> {
    if crate::model::find_operation(&args.operation).is_none() {
        return Err(WireError::UnknownOperation(args.operation.clone()).to_string());
    }
    let mut input = read_input(&args.input)?;
    if let Some(bearer) = &args.bearer {
        match input.as_object_mut() {
            Some(o) => {
                o.insert("ChimeBearer".into(), Value::String(bearer.clone()));
            }
            None => return Err("--input: not a JSON object".into()),
        }
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(format!(
            "--timeout {}: give seconds between 0 and 3600",
            args.timeout
        ));
    }
    if args.region.trim().is_empty() {
        return Err("--region: give a region such as us-east-1".into());
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let config = ClientConfig {
        endpoint: Some(args.endpoint.clone()),
        identity_endpoint: args.identity_endpoint.clone(),
        region: args.region.clone(),
        timeout,
        connect_timeout: timeout.min(Duration::from_secs(5)),
        // One call, shown as it was answered: no retries, no pacing.
        ..ClientConfig::default()
    };
    let client = Client::new(config).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    // The client's own timeouts bound the call; this guards credential lookups and the rest.
    let limit = timeout + crate::wire::sign::CREDENTIALS_TIMEOUT + Duration::from_secs(1);
    let response = runtime
        .block_on(async { tokio::time::timeout(limit, client.call(&args.operation, input)).await })
        .map_err(|_| format!("no answer within {}s", limit.as_secs_f64()))?
        .map_err(|e| e.to_string())?;
    print_response(&response);
    Ok(report_violations(&response, args.strict))
}

fn read_input(raw: &str) -> Result<Value, String> {
    let (text, from) = match raw.strip_prefix('@') {
        Some(path) => (
            std::fs::read_to_string(path).map_err(|e| format!("--input @{path}: {e}"))?,
            format!("@{path}"),
        ),
        None => (raw.to_owned(), "--input".to_owned()),
    };
    serde_json::from_str(&text).map_err(|e| format!("{from} is not JSON: {e}"))
}

fn print_response(r: &Response) {
    println!("{} ({}) -> HTTP {}", r.operation, r.service, r.status);
    println!(
        "request id: {}",
        r.request_id.as_deref().unwrap_or("(none)")
    );
    println!("latency: {:.1} ms", r.latency.as_secs_f64() * 1000.0);
    if let Some(e) = &r.error {
        let shape = if e.shape.is_empty() {
            "(no error type)"
        } else {
            e.shape.as_str()
        };
        println!(
            "error: {shape} code={} message={}",
            e.code.as_deref().unwrap_or("-"),
            e.message.as_deref().unwrap_or("-")
        );
    }
    match (&r.body, &r.body_error) {
        (Some(body), _) => println!(
            "{}",
            serde_json::to_string_pretty(body).unwrap_or_else(|_| body.to_string())
        ),
        (None, Some(why)) => {
            println!("body ({why}):");
            println!("{}", String::from_utf8_lossy(&r.raw_body));
        }
        (None, None) => println!("(no body)"),
    }
}

/// Prints every violation of the contract in the answer; a failing one makes the exit code 1.
fn report_violations(response: &Response, strict: bool) -> u8 {
    let mut violations =
        schema::validate_response(response.service, &response.operation, &response.view());
    // A body that is not JSON cannot be judged by the schema, but it is a breach in itself.
    if let Some(why) = &response.body_error {
        violations.push(Violation {
            kind: ViolationKind::Schema,
            pointer: String::new(),
            expected: "a JSON body".into(),
            found: why.clone(),
        });
    }
    let failing = violations.iter().filter(|v| v.fails(strict)).count();
    for v in &violations {
        let tag = if v.fails(strict) { "FAIL" } else { "note" };
        println!("{tag}: {v}");
    }
    if violations.is_empty() {
        println!("conforms: no violation");
    } else {
        println!(
            "{} violation(s), {failing} failing{}",
            violations.len(),
            if strict { " (strict)" } else { "" }
        );
    }
    if failing > 0 { exit::FAILURE } else { exit::OK }
}
