//! `chime-conformance cleanup --endpoint URL [--older-than D] [--dry-run]`: deletes the
//! AppInstances earlier runs left behind (a run that was killed, or whose clean-up could not
//! finish), and prints what it did. An AppInstance is the harness's when it carries the tag
//! every run puts on the AppInstances it creates (`chime-conformance:run` = the run's id);
//! nothing else is touched. Everything a scenario creates lives in its AppInstance, and
//! DeleteAppInstance deletes it all.

use crate::harness::runner::identity_for;
use crate::harness::world::resources::{RUN_TAG, marking_run};
use crate::wire::send::describe;
use crate::wire::{CallOptions, Client, ClientConfig, RetryPolicy};
use serde_json::{Value, json};
use std::time::{Duration, SystemTime};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The messaging endpoint the runs judged (identity calls go to its identity counterpart
    /// for the real service, else to the same endpoint).
    #[arg(long, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint: String,
    /// The identity endpoint, when it differs from --endpoint.
    #[arg(long, value_name = "URL")]
    pub identity_endpoint: Option<String>,
    /// The region requests are signed for.
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    pub region: String,
    /// Only AppInstances created longer ago than this (90s, 30m, 2h, 1d); the default spares
    /// the runs still going. 0 takes them all.
    #[arg(long, value_name = "D", default_value = "1h", value_parser = parse_age)]
    pub older_than: Duration,
    /// Print what would be deleted, and delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The per-request timeout, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    /// Attempts per call, the first included.
    #[arg(long, env = "AWS_MAX_ATTEMPTS", value_name = "N", default_value_t = RetryPolicy::DEFAULT_MAX_ATTEMPTS,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_attempts: u32,
}

/// `90s`, `30m`, `2h`, `1d`, or `0`.
fn parse_age(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (n, unit) = text.split_at(split);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("\"{text}\": a whole number and a unit: 90s, 30m, 2h, 1d"))?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("\"{text}\": the unit is s, m, h or d")),
    };
    n.checked_mul(secs)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("\"{text}\": too long"))
}

pub fn run(args: Args) -> u8 {
    let identity = args
        .identity_endpoint
        .clone()
        .or_else(|| identity_for(&args.endpoint))
        .unwrap_or_else(|| args.endpoint.clone());
    let client = match Client::new(ClientConfig {
        endpoint: Some(args.endpoint.clone()),
        identity_endpoint: Some(identity),
        region: args.region.clone(),
        timeout: Duration::from_secs(args.timeout.max(1)),
        retry: RetryPolicy {
            max_attempts: args.max_attempts,
            ..RetryPolicy::default()
        },
        ..ClientConfig::default()
    }) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cleanup: {e}");
            return super::exit::USAGE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cleanup: cannot start the async runtime: {e}");
            return super::exit::USAGE;
        }
    };
    match runtime.block_on(clean(&client, &args)) {
        Ok(tally) => {
            println!("{}", tally.summary(&args));
            if tally.failed > 0 {
                super::exit::USAGE
            } else {
                super::exit::OK
            }
        }
        Err(e) => {
            eprintln!("error: cleanup: {e}");
            super::exit::USAGE
        }
    }
}

#[derive(Debug, Default)]
struct Tally {
    listed: usize,
    ours: usize,
    deleted: usize,
    kept: usize,
    failed: usize,
}

impl Tally {
    fn summary(&self, args: &Args) -> String {
        let verb = if args.dry_run {
            "would be deleted"
        } else {
            "deleted"
        };
        format!(
            "cleanup: {} AppInstance(s) listed, {} made by the harness ({} tag): {} {verb}, {} kept (younger than {}s), {} could not be handled; {} of others left alone",
            self.listed,
            self.ours,
            RUN_TAG,
            self.deleted,
            self.kept,
            args.older_than.as_secs(),
            self.failed,
            self.listed - self.ours,
        )
    }
}

/// One call that must be answered with success.
async fn ok(client: &Client, operation: &str, input: Value) -> Result<Value, String> {
    let sent = client.send(operation, input, &CallOptions::default()).await;
    match &sent.result {
        Ok(r) if r.status < 300 => Ok(r.body.clone().unwrap_or(Value::Null)),
        _ => Err(format!("{operation}: {}", describe(&sent.result))),
    }
}

/// Every AppInstance of the account, as (ARN, name).
async fn app_instances(client: &Client) -> Result<Vec<(String, String)>, String> {
    let mut found = Vec::new();
    let mut token: Option<String> = None;
    // A bound on the pages, so a target that never stops paging ends the command.
    for _ in 0..1000 {
        let mut input = json!({"MaxResults": 50});
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let page = ok(client, "ListAppInstances", input).await?;
        for a in page["AppInstances"].as_array().into_iter().flatten() {
            if let Some(arn) = a["AppInstanceArn"].as_str() {
                let name = a["Name"].as_str().unwrap_or_default();
                found.push((arn.to_string(), name.to_string()));
            }
        }
        let next = page["NextToken"].as_str().filter(|t| !t.is_empty());
        if next.is_none() || next == token.as_deref() {
            return Ok(found);
        }
        token = next.map(str::to_string);
    }
    Err("ListAppInstances did not stop paging after 1000 pages".into())
}

async fn clean(client: &Client, args: &Args) -> Result<Tally, String> {
    let mut tally = Tally::default();
    let all = app_instances(client).await?;
    tally.listed = all.len();
    for (arn, name) in all {
        let tags = match ok(
            client,
            "identity:ListTagsForResource",
            json!({"ResourceARN": arn}),
        )
        .await
        {
            Ok(body) => body["Tags"].clone(),
            Err(e) => {
                // An AppInstance whose tags cannot be read is not known to be ours.
                eprintln!("warning: cleanup: {arn}: cannot read its tags, left alone: {e}");
                continue;
            }
        };
        let Some(run) = marking_run(&tags) else {
            continue;
        };
        tally.ours += 1;
        let described = ok(
            client,
            "DescribeAppInstance",
            json!({"AppInstanceArn": arn}),
        )
        .await;
        let created = match described {
            Ok(body) => body["AppInstance"]["CreatedTimestamp"].as_f64(),
            Err(e) => {
                println!("failed    {arn} ({name}, run {run}): {e}");
                tally.failed += 1;
                continue;
            }
        };
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64());
        // A timestamp too far in the past to be a Duration is not one to delete by.
        let Ok(age) = Duration::try_from_secs_f64(created.map_or(0.0, |c| (now - c).max(0.0)))
        else {
            println!("kept      {arn} ({name}, run {run}): its CreatedTimestamp is unreadable");
            tally.kept += 1;
            continue;
        };
        let what = format!("{arn} ({name}, run {run}, {} old)", age_text(age));
        if age < args.older_than {
            println!("kept      {what}");
            tally.kept += 1;
        } else if args.dry_run {
            println!("would delete {what}");
            tally.deleted += 1;
        } else {
            match ok(client, "DeleteAppInstance", json!({"AppInstanceArn": arn})).await {
                Ok(_) => {
                    println!("deleted   {what}");
                    tally.deleted += 1;
                }
                Err(e) => {
                    println!("failed    {what}: {e}");
                    tally.failed += 1;
                }
            }
        }
    }
    Ok(tally)
}

/// `2h13m`, `4m`, `38s`.
fn age_text(age: Duration) -> String {
    let s = age.as_secs();
    match (s / 3600, (s % 3600) / 60) {
        (0, 0) => format!("{s}s"),
        (0, m) => format!("{m}m"),
        (h, m) => format!("{h}h{m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_with_their_unit() {
        assert_eq!(parse_age("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_age("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_age("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_age("0"), Ok(Duration::ZERO));
        for bad in ["", "h", "5", "5w", "-1h", "99999999999999999d"] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
        assert_eq!(age_text(Duration::from_secs(7980)), "2h13m");
        assert_eq!(age_text(Duration::from_secs(38)), "38s");
    }
}
