//! The two servers, each a child process (this binary again, its role in `ROLE`): the
//! reference server seeded with one AppInstance, a user and a channel she created, and a bare
//! axum handler that answers every request with a fixed 201. Each prints one JSON line saying
//! where it listens, then serves until its stdin closes.

use axum::Router;
use axum::http::StatusCode;
use chime_conformance::server::domain::Domain;
use chime_conformance::server::{self, ServerConfig};
use serde_json::{Value, json};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

pub const ROLE: &str = "CHIME_TAIL_BENCH_ROLE";

pub fn fail(why: impl std::fmt::Display) -> ! {
    eprintln!("tail bench: {why}");
    std::process::exit(1)
}

/// Serves as `role` and prints where, until this process's stdin closes.
pub async fn serve_child(role: &str) {
    // As `serve` does, and the same for both, so the bare handler is measured alike.
    if let Err(e) = server::memory::no_transparent_huge_pages() {
        fail(format!("no_transparent_huge_pages: {e}"));
    }
    let ready = match role {
        "bare" => bare().await,
        "reference" => reference().await,
        other => fail(format!("unknown role {other:?}")),
    };
    println!("{ready}");
    let mut stdin = tokio::io::stdin();
    let mut buf = [0u8; 64];
    while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
}

/// Starts this binary again as `role` and reads its JSON line; the child dies with the handle.
pub async fn spawn_child(role: &str) -> (Child, Value) {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(format!("current_exe: {e}")));
    let mut child = Command::new(exe)
        .env(ROLE, role)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| fail(format!("starting the {role} server: {e}")));
    let stdout = child.stdout.take().unwrap_or_else(|| fail("no stdout"));
    let mut line = String::new();
    let mut stdout = BufReader::new(stdout);
    match tokio::time::timeout(Duration::from_secs(60), stdout.read_line(&mut line)).await {
        Ok(Ok(n)) if n > 0 => {}
        _ => fail(format!("the {role} server did not say where it listens")),
    }
    let ready = serde_json::from_str(&line)
        .unwrap_or_else(|e| fail(format!("the {role} server's line {line:?}: {e}")));
    (child, ready)
}

/// The resident set of process `pid`, from /proc.
pub fn resident_bytes(pid: Option<u32>) -> Option<u64> {
    let statm = std::fs::read_to_string(format!("/proc/{}/statm", pid?)).ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// The CPU time (user and system) process `pid` has spent so far, from /proc.
pub fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid?)).ok()?;
    // Fields after the command (which may hold spaces) start at field 3; utime and stime are
    // fields 14 and 15, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

async fn bare() -> Value {
    let app = Router::new().fallback(|| async {
        (
            StatusCode::CREATED,
            [("content-type", "application/json")],
            r#"{"ChannelArn":"arn","MessageId":"id"}"#,
        )
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| fail(format!("bind: {e}")));
    let addr = listener.local_addr().unwrap_or_else(|e| fail(e));
    tokio::spawn(async move { axum::serve(listener, app).await });
    json!({"addr": addr.to_string(), "path": "/channels/x/messages", "bearer": "bare"})
}

async fn reference() -> Value {
    let domain = Arc::new(Domain::new());
    let (user, channels) = crate::seed::user_and_channels(&domain, 1).unwrap_or_else(|e| fail(e));
    let channel = &channels[0];
    let server = server::spawn_with_domain(ServerConfig::default(), domain)
        .await
        .unwrap_or_else(|e| fail(format!("the reference server: {e}")));
    let path = format!(
        "/channels/{}/messages",
        percent_encoding::utf8_percent_encode(channel, percent_encoding::NON_ALPHANUMERIC)
    );
    let ready = json!({"addr": server.addr.to_string(), "path": path, "bearer": user});
    // The server lives as long as this process.
    std::mem::forget(server);
    ready
}
