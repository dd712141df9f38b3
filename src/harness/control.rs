//! The test-control protocol (docs/control-protocol.md): a virtual clock, the expiration
//! sweeper, the events a channel flow sent to its processor, and processor reachability.
//! A target that does not answer `capabilities` with JSON has none, and the scenarios that
//! need one are skipped with the reason.

use anyhow::{Context, anyhow, bail};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

/// Every capability a scenario may need, as `@needs:<capability>` tags name them.
pub const KNOWN_CAPABILITIES: [&str; 4] = [
    "clock",
    "expiration",
    "flow-events",
    "processor-reachability",
];

/// A client for the control endpoints of one target.
#[derive(Debug, Clone)]
pub struct Control {
    base: String,
    http: reqwest::Client,
}

/// Why the capability probe could not judge the target at all.
#[derive(Debug, thiserror::Error)]
#[error("cannot reach {endpoint}: {reason}")]
pub struct Unreachable {
    pub endpoint: String,
    pub reason: String,
}

impl Control {
    pub fn new(endpoint: &str, timeout: Duration) -> anyhow::Result<Control> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(3).min(timeout))
            .build()
            .context("building the control-protocol HTTP client")?;
        Ok(Control {
            base: endpoint.trim_end_matches('/').to_string(),
            http,
        })
    }

    /// Probes the target once: a connection failure is an error (nothing can be judged);
    /// a 404, an error status or a non-JSON answer means the target has no capabilities.
    pub async fn capabilities(&self) -> Result<BTreeSet<String>, Unreachable> {
        let url = format!("{}/_conformance/v1/capabilities", self.base);
        let response = self.http.get(&url).send().await.map_err(|e| Unreachable {
            endpoint: self.base.clone(),
            reason: if e.is_timeout() {
                "no answer within the timeout".to_string()
            } else if e.is_connect() {
                "connection refused or host unreachable".to_string()
            } else {
                e.to_string()
            },
        })?;
        if !response.status().is_success() {
            return Ok(BTreeSet::new());
        }
        let body: Value = match response.json().await {
            Ok(v) => v,
            Err(_) => return Ok(BTreeSet::new()),
        };
        Ok(body
            .get("capabilities")
            .and_then(Value::as_array)
            .map(|caps| {
                caps.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn send(
        &self,
        method: http::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let url = format!("{}/_conformance/v1/{path}", self.base);
        let mut request = self.http.request(method.clone(), &url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .with_context(|| format!("control {method} {path}"))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .with_context(|| format!("reading the answer to control {method} {path}"))?;
        if !status.is_success() {
            bail!("control {method} {path} answered HTTP {status}: {text}");
        }
        if text.trim().is_empty() {
            return Ok(json!({}));
        }
        serde_json::from_str(&text)
            .with_context(|| format!("control {method} {path} answered non-JSON: {text}"))
    }

    fn number(value: &Value, member: &str, what: &str) -> anyhow::Result<f64> {
        value
            .get(member)
            .and_then(Value::as_f64)
            .ok_or_else(|| anyhow!("{what}: no number \"{member}\" in {value}"))
    }

    /// The target's clock for one AppInstance, in epoch seconds.
    pub async fn now(&self, app_instance_arn: &str) -> anyhow::Result<f64> {
        let path = format!(
            "clock?app-instance-arn={}",
            percent_encoding::utf8_percent_encode(
                app_instance_arn,
                percent_encoding::NON_ALPHANUMERIC
            )
        );
        let v = self.send(http::Method::GET, &path, None).await?;
        Self::number(&v, "now", "reading the clock")
    }

    /// Moves one AppInstance's clock forward.
    pub async fn advance(&self, app_instance_arn: &str, seconds: f64) -> anyhow::Result<f64> {
        let v = self
            .send(
                http::Method::POST,
                "clock/advance",
                Some(json!({"AppInstanceArn": app_instance_arn, "Seconds": seconds})),
            )
            .await?;
        Self::number(&v, "now", "advancing the clock")
    }

    /// How long after expiry the target deletes an expired channel.
    pub async fn deletion_lag(&self) -> anyhow::Result<f64> {
        let v = self.send(http::Method::GET, "expiration", None).await?;
        Self::number(&v, "deletionLagSeconds", "reading the expiration settings")
    }

    /// Runs the expiration sweeper for one AppInstance now; the ARNs it deleted.
    pub async fn sweep(&self, app_instance_arn: &str) -> anyhow::Result<Vec<String>> {
        let v = self
            .send(
                http::Method::POST,
                "expiration/sweep",
                Some(json!({"AppInstanceArn": app_instance_arn})),
            )
            .await?;
        Ok(v.get("deleted")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The events a channel's flow sent to its processor, oldest first.
    pub async fn flow_events(&self, channel_arn: &str) -> anyhow::Result<Vec<Value>> {
        let path = format!(
            "flow-events?channel-arn={}",
            percent_encoding::utf8_percent_encode(channel_arn, percent_encoding::NON_ALPHANUMERIC)
        );
        let v = self.send(http::Method::GET, &path, None).await?;
        v.get("events")
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| anyhow!("reading flow events: no \"events\" array in {v}"))
    }

    /// Makes a processor reachable or not.
    pub async fn set_reachable(&self, processor_arn: &str, reachable: bool) -> anyhow::Result<()> {
        self.send(
            http::Method::PUT,
            "processors/reachability",
            Some(json!({"ProcessorArn": processor_arn, "Reachable": reachable})),
        )
        .await
        .map(|_| ())
    }
}
