//! A reference server behind a proxy that slows every API request down, so that a run lasts
//! long enough to be stopped (or killed) in its middle; and what is left on the server.

#![allow(dead_code)]

use super::flaky;
use chime_conformance::server::{self, RunningServer, ServerConfig};
use chime_conformance::wire::{Client, ClientConfig};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The server and its slow proxy, on a runtime of their own.
pub struct SlowTarget {
    runtime: tokio::runtime::Runtime,
    server: Option<RunningServer>,
    proxy: Option<flaky::FlakyProxy>,
}

impl SlowTarget {
    pub fn start(delay: Duration) -> SlowTarget {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let (server, proxy) = runtime.block_on(async {
            let server = server::spawn(ServerConfig::default())
                .await
                .expect("server");
            let proxy = flaky::start(
                &server.url,
                flaky::Flakiness {
                    fault_rate: 0.0,
                    seed: 0,
                    delay,
                },
            )
            .await;
            (server, proxy)
        });
        SlowTarget {
            runtime,
            server: Some(server),
            proxy: Some(proxy),
        }
    }

    pub fn url(&self) -> String {
        self.proxy.as_ref().expect("running").url.clone()
    }

    /// The server's own URL, past the proxy.
    pub fn server_url(&self) -> String {
        self.server.as_ref().expect("running").url.clone()
    }

    /// One call to the server itself, past the proxy: its answer's status and body.
    pub fn call(&self, operation: &str, input: Value) -> (u16, Value) {
        let url = self.server_url();
        self.runtime.block_on(async {
            let client = Client::new(ClientConfig {
                endpoint: Some(url),
                ..ClientConfig::default()
            })
            .expect("client");
            let r = client.call(operation, input).await.expect("an answer");
            (r.status, r.body.unwrap_or(Value::Null))
        })
    }

    /// The names of the AppInstances on the server, asked of it directly.
    pub fn app_instances(&self) -> Vec<String> {
        let (_, body) = self.call("ListAppInstances", json!({"MaxResults": 50}));
        body["AppInstances"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["Name"].as_str().map(str::to_string))
            .collect()
    }
}

impl Drop for SlowTarget {
    fn drop(&mut self) {
        drop(self.proxy.take());
        if let Some(server) = self.server.take() {
            let _ = self.runtime.block_on(server.shutdown());
        }
    }
}

/// Starts `run` against `url` with reports written under `dir`, and waits until `scenarios`
/// of its scenarios have finished; the rest of stdout comes through the receiver.
pub fn start_run(
    url: &str,
    dir: &std::path::Path,
    scenarios: usize,
) -> (Child, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args([
            "run",
            "--endpoint",
            url,
            "--concurrency",
            "4",
            "--grace",
            "20",
        ])
        .arg("--junit")
        .arg(dir.join("junit.xml"))
        .arg("--cucumber-json")
        .arg(dir.join("cucumber.json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let (lines, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut done = 0;
    while done < scenarios {
        let left = Duration::from_secs(60).saturating_sub(started.elapsed());
        let line = match rx.recv_timeout(left) {
            Ok(line) => line,
            Err(e) => {
                let _ = child.kill();
                let mut stderr = String::new();
                let _ = child
                    .stderr
                    .take()
                    .map(|mut s| s.read_to_string(&mut stderr));
                panic!("{done} of {scenarios} scenarios finished ({e}): {stderr}");
            }
        };
        if line.starts_with("ok ") {
            done += 1;
        }
    }
    (child, rx)
}

/// Waits for the child to exit, at most `limit`.
pub fn wait(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting") {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the run did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// After the child has exited: the rest of its stdout, read until the reader thread has seen
/// the pipe close (so no late line is lost), and its whole stderr.
pub fn finish(child: &mut Child, rest: mpsc::Receiver<String>) -> (Vec<String>, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stdout = Vec::new();
    loop {
        match rest.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(line) => stdout.push(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("stdout did not close within 10 s"),
        }
    }
    let mut stderr = String::new();
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut stderr);
    }
    (stdout, stderr)
}
